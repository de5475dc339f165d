// Publication date of a page: when the article was published, not when it was crawled or last
// modified. Sources, from most to least reliable (the first that yields a plausible date wins):
//   "url"      a full date in the URL path: /2024/03/05/, /2024/3/5/, /2024-03-05-slug,
//              05-03-2024, 20240305, /2024-03/05/ (a month folder followed by "3-questions" is no
//              day); set at publication, it never changes
//   "json-ld"  <script type="application/ld+json"> datePublished (Article-like types first;
//              WebPage, media, reviews and comments nested in the article last; @graph and arrays
//              followed; a block that does not parse is searched for "datePublished" as text;
//              dateModified ignored)
//   "meta"     <meta> article:published_time, og:published_time, DC.date.issued, dcterms.created,
//              parsely-pub-date, sailthru.date, pubdate, ...; other keys naming a publication or
//              upload time ("...:uploaded", "..._publish_date"); itemprop=datePublished
//   "time"     <time datetime> (pubdate / itemprop=datePublished / class "published" first; those
//              in sidebars, related lists, comments and footers, or marked updated, ignored;
//              asides and footers inside <article>, and containers around the <h1>, are the page)
//   "text"     visible text in date/byline elements, dates introduced as the publication date
//              anywhere ("Published:", "Erschienen am", "опубликовано", "... veröffentlicht"),
//              then near the <h1> (bylines and datelines): month names in en, ru, be (both
//              orthographies), uk, pl, de, lt in all grammatical cases, and fr, it, es;
//              dd.mm.yyyy, d.m.yy, yyyy-mm-dd, "March 5, 2024", "5 March 2024", "2024 m. kovo 5 d."
//   "meta"     generic "date" / DC.date metas come after the text (they are often the build time)
//   "script"   an ISO value of "published_at", "publishedAt", "publishedDate", ... anywhere in the
//              source (the data of a page that scripts render)
//   "relative" "2 days ago", "вчера", "vor 3 Stunden" in a short date element, against `captured`
// The date shown under the title (the first date after the <h1>, on a byline or dateline, an
// "Updated ..." one included) overrides the source found above when it differs and either one of
// the page's machine-written dates (any JSON-LD date, a date <meta>, <time>, itemprop) is that
// day, or the source found is a weak one (generic meta, a plain <time>): what the reader is shown
// is the page's date. The end of a period ("14.-20. Januar 2022", "4. und 5. März") is no date.
// A "sidebar" or "menu" container holding most of the page's text is read as the page.
// Timestamps written in UTC ("...T06:35:29Z") are moved to the UTC offset the page writes its
// other timestamps in, which gives the publisher's calendar day. Where datePublished and
// dateModified differ, the published date is returned.
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
  std::string source;     // "url", "json-ld", "meta", "time", "text", "relative"; "" without date
  double confidence = 0;  // 0..1; 0 without date
};

// `html` is the parsed page; `raw_utf8` the same page as UTF-8 text (the DOM drops <script>
// content, so JSON-LD is read from here; "" disables JSON-LD); `url` the page URL ("" if unknown);
// `captured` the capture day (nullopt: no upper bound beyond the year 9999).
PublishedDate ExtractPublishedDate(const common::HtmlDocument& html, std::string_view raw_utf8,
                                   std::string_view url, std::optional<common::Date> captured);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_DATE_EXTRACT_H_
