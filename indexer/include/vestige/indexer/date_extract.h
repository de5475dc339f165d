// Publication date of a page: when the article was published, not when it was crawled or last
// modified. Sources, from most to least reliable (the first that yields a plausible date wins):
//   "json-ld"  <script type="application/ld+json"> datePublished (Article-like types preferred over
//              WebPage; @graph and arrays followed; dateModified ignored)
//   "meta"     <meta> article:published_time, og:published_time, DC.date.issued, dcterms.created,
//              itemprop=datePublished, parsely-pub-date, sailthru.date, pubdate, date, ...
//   "time"     <time datetime> (pubdate / itemprop=datePublished / class "published" first; those
//   in
//              sidebars, related lists, comments and footers, or marked updated/modified, ignored)
//   "url"      the URL path: /2024/03/05/, /2024-03-05-slug, 05-03-2024, 20240305
//   "text"     visible text in date/byline elements and near the <h1>: month names in en, ru, be
//              (both orthographies), uk, pl, de, lt in all grammatical cases, dd.mm.yyyy, d.m.yy,
//              yyyy-mm-dd, "March 5, 2024", "5 March 2024", "2024 m. kovo 5 d."
// A date after the capture date, or before 1990-01-01, is never returned. A page without a reliable
// date gets none: a wrong date is worse than no date.
// Thread safety: pure function (no clock, no locale, no I/O).
#ifndef VESTIGE_INDEXER_DATE_EXTRACT_H_
#define VESTIGE_INDEXER_DATE_EXTRACT_H_

#include <optional>
#include <string>
#include <string_view>

#include "vestige/common/date.h"
#include "vestige/common/html.h"

namespace vestige::indexer {

struct PublishedDate {
  std::optional<common::Date> date;  // nullopt: no reliable date
  std::string source;                // "json-ld", "meta", "time", "url", "text"; "" without date
  double confidence = 0;             // 0..1; 0 without date
};

// `html` is the parsed page; `raw_utf8` the same page as UTF-8 text (the DOM drops <script>
// content, so JSON-LD is read from here; "" disables JSON-LD); `url` the page URL ("" if unknown);
// `captured` the capture day (nullopt: no upper bound beyond the year 9999).
PublishedDate ExtractPublishedDate(const common::HtmlDocument& html, std::string_view raw_utf8,
                                   std::string_view url, std::optional<common::Date> captured);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_DATE_EXTRACT_H_
