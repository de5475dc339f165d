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
  kText,  // for people reading a terminal
  kJson,  // one JSON object, for programs
};

// "text" or "json"; anything else is InvalidArgument naming the accepted values.
common::Result<OutputFormat> ParseOutputFormat(std::string_view name);

struct TextFormatOptions {
  // Mark query matches in snippets with ANSI bold. Turn on only when writing to a terminal: in a
  // file or pipe the escape codes are noise, so matches are then left unmarked.
  bool ansi_bold = false;
};

// For people. A header line, then per hit:
//   N. title
//      url
//      captured YYYY-MM-DD · published YYYY-MM-DD · lang
//      snippet
//      warc: file@offset (length bytes) digest
// separated by blank lines. Control characters from the documents are replaced by spaces so that
// page text cannot drive the terminal. Ends with a newline.
std::string FormatText(const SearchResults& results, const TextFormatOptions& options = {});

// For programs: one JSON object on one line {"query", "total", "total_lower_bound",
// "total_upper_bound", "total_exact", "offset", "limit", "stemmer", "hits": [...], "warnings":
// [...]}; each hit carries every field of the document (without its full text), the snippet as
// plain text plus "highlights" as [begin, end) byte offsets into it, and the WARC location. Invalid
// UTF-8 is replaced by U+FFFD. Ends with a newline.
std::string FormatJson(const SearchResults& results);

// Dispatches on `format`.
std::string FormatResults(const SearchResults& results, OutputFormat format,
                          const TextFormatOptions& text_options = {});

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_FORMAT_H_
