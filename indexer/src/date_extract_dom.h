// The publication-date extractor's walk over the DOM: what one pass collects (meta tags,
// itemprop values, <time> elements, date-like elements, visible text and the title's position).
// See date_extract.cc for the order in which these are used.
// Thread safety: pure functions.
#ifndef VESTIGE_INDEXER_DATE_EXTRACT_DOM_H_
#define VESTIGE_INDEXER_DATE_EXTRACT_DOM_H_

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vestige/common/html.h"

namespace vestige::indexer::dates {

struct TimeCandidate {
  std::string value;
  bool strong = false;      // pubdate, itemprop=datePublished, class "published", ...
  bool in_article = false;  // inside <article> or <main>
  bool listed = false;      // in a list item next to a link to another article
  bool excluded = false;    // in a sidebar, footer, aside, ... (see date_extract_dom.cc)
};

struct DateElement {
  std::string text;
  bool strong = false;
  bool listed = false;
  bool in_article = false;
};

// What one walk over the tree collects.
struct Collected {
  std::vector<std::pair<std::string, std::string>> metas;  // (lower-case key, content)
  std::vector<std::string> itemprop_values;                // itemprop=datePublished elements
  std::vector<TimeCandidate> times;
  std::vector<DateElement> date_elements;
  std::string text;      // visible text outside excluded containers, one block a line
  std::string all_text;  // visible text outside list entries, excluded containers included
  std::optional<std::size_t> h1_pos;  // offset of the title in `text`
  std::string lang;                   // <html lang>, lower case
};

Collected Collect(const common::HtmlNode& root);

}  // namespace vestige::indexer::dates

#endif  // VESTIGE_INDEXER_DATE_EXTRACT_DOM_H_
