// ParseOutputFormat and FormatResults: the format registry. A new format adds one enum value, one
// name here, and its own format_<name>.cc.
#include "vestige/query/format.h"

#include <string>
#include <string_view>

#include "vestige/common/status.h"

namespace vestige::query {

common::Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "jsonl") return OutputFormat::kJsonl;
  return common::Status::InvalidArgument("unknown format \"" + std::string(name) +
                                         "\" (expected text, json, csv or jsonl)");
}

std::string FormatResults(const SearchResults& results, OutputFormat format,
                          const TextFormatOptions& text_options) {
  switch (format) {
    case OutputFormat::kJson:
      return FormatJson(results);
    case OutputFormat::kCsv:
      return FormatCsv(results);
    case OutputFormat::kJsonl:
      return FormatJsonl(results);
    case OutputFormat::kText:
      break;
  }
  return FormatText(results, text_options);
}

}  // namespace vestige::query
