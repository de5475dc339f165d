// The attributes the indexer reads off common's HtmlNode tree: the one list, see
// vestige/indexer/parse_options.h. Every other attribute is dropped before or while parsing.
//
// A new attr("...") read in indexer/src must add its name here, or it will always find nothing;
// one whose value is read must be in keep_attributes (keep_names_only gives "" as the value).
// tests/indexer/read_attributes_test.cc fails when an indexer source reads an attribute missing
// from these lists, or the value of one kept by name only (it scans indexer/src for attr( calls
// and for loops over `attributes`).
#include "vestige/indexer/parse_options.h"

namespace vestige::indexer {

const common::HtmlParseOptions& PageParseOptions() {
  static const common::HtmlParseOptions kOptions = [] {
    common::HtmlParseOptions options;
    options.keep_attributes = {
        // boilerplate and visibility (extract_tree.cc, text_extract.cc, date_extract_dom.cc)
        "class", "id", "aria-hidden", "style", "role",
        // language (text_extract.cc, date_extract_dom.cc)
        "lang", "xml:lang",
        // dates (date_extract_dom.cc): <meta> keys and values, itemprop, <time>, <abbr title>
        "content", "property", "name", "itemprop", "http-equiv", "datetime", "title",
        // <script type="application/ld+json"> (JSON-LD dates; html_gumbo.cc keeps its text)
        "type"};
    // Read only for being there: <a href> (a headline link), hidden, <time pubdate>.
    options.keep_names_only = {"href", "hidden", "pubdate"};
    options.shorten_white_space = true;
    return options;
  }();
  return kOptions;
}

}  // namespace vestige::indexer
