// Rendering SearchResults for output. Each format lives in its own file (src/format_text.cc,
// src/format_json.cc) and reads only the plain structs of searcher.h, so new formats (csv, jsonl)
// are added beside them without touching the search code.
//
// Thread safety: pure functions of their arguments.
#ifndef VESTIGE_QUERY_FORMAT_H_
#define VESTIGE_QUERY_FORMAT_H_

#include <string>
#include <string_view>

#include "vestige/common/status.h"
#include "vestige/query/searcher.h"

namespace vestige::query {

enum class OutputFormat {
  kText,   // for people reading a terminal
  kJson,   // one JSON object, for programs
  kCsv,    // one row per hit, for spreadsheets
  kJsonl,  // one JSON object per line, for streaming
};

// "text", "json", "csv" or "jsonl"; anything else is InvalidArgument naming the accepted values.
common::Result<OutputFormat> ParseOutputFormat(std::string_view name);

struct TextFormatOptions {
  // Mark query matches in snippets with ANSI bold. Turn on only when writing to a terminal: in a
  // file or pipe the escape codes are noise, so matches are then left unmarked.
  bool ansi_bold = false;
};

// For people. A header line, then per hit:
//   N. title
//      url
//      captured YYYY-MM-DD · published YYYY-MM-DD (source) · lang
//      persons: Name [id], ...        (when any)
//      crimes: Label [id], ...        (when any)
//      snippet
//      warc: file@offset (length bytes) digest
// separated by blank lines; then a note with undated_left_out when not 0, and facet tables when
// the results carry facets. Control characters from the documents are replaced by spaces so that
// page text cannot drive the terminal. Ends with a newline.
std::string FormatText(const SearchResults& results, const TextFormatOptions& options = {});

// For programs: one JSON object on one line {"query", "total", "total_lower_bound",
// "total_upper_bound", "total_exact", "offset", "limit", "stemmer", "hits": [...], "warnings":
// [...], "undated_left_out", "facets" (only with --facets: {"persons", "crimes", "sites",
// "languages": {value: count}, "published_years", "published_months": {"YYYY"/"YYYY-MM": count},
// "undated": n})}; each hit carries every field of the document (without its full text), the
// snippet as plain text plus "highlights" as [begin, end) byte offsets into it, and the WARC
// location. Invalid UTF-8 is replaced by U+FFFD. Ends with a newline.
std::string FormatJson(const SearchResults& results);

// The JSON object of one hit, as in FormatJson's "hits" (one line, no newline).
std::string FormatHitJson(const Hit& hit);

// RFC 4180 CSV: a header row, then one row per hit, CRLF line ends, fields quoted when they hold
// a comma, quote, CR or LF (quotes doubled). Columns: rank, url, title, published,
// published_source, captured, language, person_ids, person_names, crime_ids, crime_labels,
// snippet, warc_file, warc_offset, warc_length, warc_record_id, payload_digest. Lists are joined
// with "; ". Counts and facets are not part of CSV (use json).
std::string FormatCsv(const SearchResults& results);

// JSON Lines: one line per hit (the FormatHitJson object), then one last line
// {"summary": {query, total, total_exact, offset, limit, undated_left_out, warnings[,
// facets]}}. A reader streams hits until it meets the line with the "summary" key.
std::string FormatJsonl(const SearchResults& results);

// Dispatches on `format`.
std::string FormatResults(const SearchResults& results, OutputFormat format,
                          const TextFormatOptions& text_options = {});

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_FORMAT_H_
