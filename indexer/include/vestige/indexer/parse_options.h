// How the indexer has pages parsed: common::ParseHtml with the attributes the indexer reads (the
// list is in src/read_attributes.cc) and white-space runs shortened, so that gumbo reads less
// (issue 7). Everything that builds the tree the indexer's extractors read (page_builder.cc, the
// evaluations) parses with these options, so that what is measured is what ships.
// Thread safety: the options are a constant.
#ifndef VESTIGE_INDEXER_PARSE_OPTIONS_H_
#define VESTIGE_INDEXER_PARSE_OPTIONS_H_

#include "vestige/common/html.h"

namespace vestige::indexer {

const common::HtmlParseOptions& PageParseOptions();

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_PARSE_OPTIONS_H_
