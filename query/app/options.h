// Command-line options of vestige-query: parsed and validated into a plain struct, no I/O.
#ifndef VESTIGE_QUERY_APP_OPTIONS_H_
#define VESTIGE_QUERY_APP_OPTIONS_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vestige/common/date.h"
#include "vestige/common/status.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {

enum class Command {
  kSearch,  // QUERY...: ranked hits
  kShow,    // show URL|ID: one document in full
  kRecord,  // record URL: the original WARC records of one capture
};

struct Options {
  bool help = false;      // --help: print help_text and exit 0
  bool version = false;   // --version: print the version and exit 0
  std::string help_text;  // usage and option descriptions
  Command command = Command::kSearch;
  std::string target;  // show/record: the URL (or, for show, the document id)
  // Collection folder; its index is collection/index. Ignored when index_paths is not empty.
  std::filesystem::path collection = "./collection";
  // --index: databases or Xapian stub files searched as one, instead of the collection's index.
  std::vector<std::filesystem::path> index_paths;
  OutputFormat format = OutputFormat::kText;  // --format text|json|csv|jsonl
  std::uint32_t limit = 10;                   // --limit: hits shown; more costs snippets and output
  std::uint32_t offset = 0;                   // --offset: hits skipped, for paging
  std::string query;                          // the QUERY words joined by single spaces
  DateField date_field = DateField::kPublished;  // --date published|captured
  std::string from;                              // --from as YYYYMMDD (first day), "" for none
  std::string to;                                // --to as YYYYMMDD (last day), "" for none
  std::vector<std::string> persons;              // --person, as typed (resolved later)
  std::vector<std::string> crimes;               // --crime, as typed
  std::vector<std::string> sites;                // --site
  std::vector<std::string> languages;            // --lang
  SortOrder sort = SortOrder::kRelevance;        // --sort
  bool collapse = false;                         // --collapse: one hit per distinct text
  bool facets = false;                           // --facets: counts over all matches
  bool exact = false;                            // --exact: no alias expansion of words
  // --persons / --crimes: the gazetteer files (default: the project's data/ folder).
  std::filesystem::path persons_file;
  std::filesystem::path crimes_file;
  std::optional<common::UnixSeconds> at;  // record --at: capture closest to this time
  std::filesystem::path output;           // record -o: file to write ("" = stdout)
};

// Parses argv. InvalidArgument for unknown options, bad values (naming the option and the value),
// or an empty query without filters (when neither --help nor --version is given).
common::Result<Options> ParseOptions(int argc, const char* const argv[]);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_APP_OPTIONS_H_
