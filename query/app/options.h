// Command-line options of vestige-query: parsed and validated into a plain struct, no I/O.
#ifndef VESTIGE_QUERY_APP_OPTIONS_H_
#define VESTIGE_QUERY_APP_OPTIONS_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "vestige/common/status.h"
#include "vestige/query/format.h"

namespace vestige::query {

struct Options {
  bool help = false;      // --help: print help_text and exit 0
  bool version = false;   // --version: print the version and exit 0
  std::string help_text;  // usage and option descriptions
  // Collection folder; its index is collection/index. Ignored when index_paths is not empty.
  std::filesystem::path collection = "./collection";
  // --index: databases or Xapian stub files searched as one, instead of the collection's index.
  std::vector<std::filesystem::path> index_paths;
  OutputFormat format = OutputFormat::kText;  // --format text|json
  std::uint32_t limit = 10;                   // --limit: hits shown; more costs snippets and output
  std::uint32_t offset = 0;                   // --offset: hits skipped, for paging
  std::string query;                          // the QUERY words joined by single spaces
};

// Parses argv. InvalidArgument for unknown options, bad values, or an empty query (when neither
// --help nor --version is given).
common::Result<Options> ParseOptions(int argc, const char* const argv[]);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_APP_OPTIONS_H_
