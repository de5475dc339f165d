// Internals of the publication-date extractor (vestige/indexer/date_extract.h), one file per
// concern: date_extract.cc (DOM sources and the order), date_extract_jsonld.cc (JSON-LD),
// date_extract_url.cc (URL paths), date_extract_text.cc (free-text patterns and month names).
// Thread safety: pure functions.
#ifndef VESTIGE_INDEXER_DATE_EXTRACT_INTERNAL_H_
#define VESTIGE_INDEXER_DATE_EXTRACT_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/date.h"

namespace vestige::indexer::dates {

// The plausible range: [earliest, latest], both inclusive.
struct DateBounds {
  common::Date earliest{1990, 1, 1};
  common::Date latest{9999, 12, 31};
  bool Contains(const common::Date& d) const { return !(d < earliest) && !(latest < d); }
};

// A date found in free text.
struct TextDate {
  common::Date date;
  std::size_t pos = 0;    // byte offset of the match in the text
  std::size_t end = 0;    // byte offset just past the match
  bool modified = false;  // preceded by "updated", "aktualisiert", "обновлено", ...
  bool published = false;  // preceded by "published", "veröffentlicht", "опубликовано", ...
};

// Every full date (day, month and year) in `text`, in order, within `bounds`. `month_first` reads
// an ambiguous n/n/yyyy as month/day (US English); dotted forms are always day-first.
std::vector<TextDate> FindTextDates(std::string_view text, const DateBounds& bounds,
                                    bool month_first);

// A machine-written date value (meta content, datetime attribute, JSON-LD string): ISO 8601
// (the calendar date as written, offset ignored), YYYYMMDD, RFC 822, or any FindTextDates form.
std::optional<common::Date> ParseDateValue(std::string_view value, const DateBounds& bounds);

// The date in a URL path (see date_extract.h), or nullopt.
std::optional<common::Date> DateFromUrl(std::string_view url, const DateBounds& bounds);

// datePublished from the JSON-LD blocks of a page's source text.
struct JsonLdDate {
  common::Date date;
  std::string value;  // the value as written
  double confidence = 0;
};
std::optional<JsonLdDate> JsonLdPublished(std::string_view raw_html, const DateBounds& bounds);

// Every datePublished, dateModified, dateCreated and uploadDate string of the JSON-LD blocks, as
// written, in any node.
std::vector<std::string> JsonLdDateValues(std::string_view raw_html);

// The first ISO 8601 value of a publication key ("publishedAt", "published_at", "publishedDate",
// "publishDate", "publish_date") anywhere in the page source: the data of a page that scripts
// render (JSON-LD's datePublished is read by JsonLdPublished, with its types).
std::optional<std::string> ScriptPublished(std::string_view raw_html);

// An ISO 8601 timestamp with a time of day and a UTC offset: "2024-03-05T22:10:00Z",
// "2024-03-05 22:10:00+0300", "2024-03-05T22:10+03:00".
struct Stamp {
  common::Date date;
  int minutes = 0;  // minutes since midnight
  int offset = 0;   // UTC offset in minutes
};
std::optional<Stamp> ParseStamp(std::string_view value);

// The UTC offset of the publisher: that of the first timestamp in `raw_html` (see Stamp) whose
// offset is not zero; nullopt when there is none.
std::optional<int> PageOffset(std::string_view raw_html);

// The publisher's calendar day of a date value: a timestamp written in UTC is moved to
// `local_offset` (which may change the day); any other value is read with ParseDateValue.
std::optional<common::Date> LocalDay(std::string_view value, std::optional<int> local_offset,
                                     const DateBounds& bounds);

// A relative date in a short byline ("2 days ago", "вчера", "vor 3 Stunden", "гадзіну таму",
// "today"), resolved against the capture day; nullopt when `text` is long (over 12 words) or
// holds none. Units under a day give the capture day.
std::optional<common::Date> RelativeDate(std::string_view text, const common::Date& captured);

// UTF-8 lower case for ASCII, Latin-1, Latin Extended-A and Cyrillic; other bytes unchanged.
std::string LowerUtf8(std::string_view s);

}  // namespace vestige::indexer::dates

#endif  // VESTIGE_INDEXER_DATE_EXTRACT_INTERNAL_H_
