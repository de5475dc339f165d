// vestige-query's options: Boost.Program_options -> Options (STYLE.md, 3).
#include "options.h"

#include <boost/program_options.hpp>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

#include "vestige/common/status.h"
#include "vestige/query/format.h"

namespace vestige::query {

namespace po = boost::program_options;
using common::Result;
using common::Status;

namespace {

constexpr long long kMaxLimit = 10000;
constexpr long long kMaxOffset = 1000000000;

constexpr const char* kUsage = R"(Usage: vestige-query [options] QUERY...

Searches a collection indexed by vestige-index. QUERY words are joined with spaces and parsed
with Xapian's query syntax:
  torture prison          both words (AND is the default: every word must match)
  torture OR beating      either word          torture NOT okrestina   the first, not the second
  "political prisoners"   exact phrase         tortur*                 words starting with tortur
  title:verdict           word in the title    site:spring96.org       pages from one host
  lang:ru                 pages in a language (en, ru, be, ..., und)
English and Russian words also match their other forms (prison, prisons; пытка, пытки).
A word starting with '-' (excluded word) needs -- before the query, or quote the whole
query: vestige-query -- torture -belarus, or vestige-query "torture -belarus".
Exit status: 0 with hits, 1 without, 2 on error.

Options)";

}  // namespace

Result<Options> ParseOptions(int argc, const char* const argv[]) {
  Options options;
  std::string format = "text";
  long long limit = options.limit;
  long long offset = options.offset;
  std::string collection = options.collection.string();
  std::vector<std::string> index_paths;
  std::vector<std::string> words;

  po::options_description visible(kUsage, /*line_length=*/100);
  // clang-format off
  visible.add_options()
      ("help,h", "show this help and exit")
      ("version", "show the version and exit")
      ("collection,c", po::value(&collection)->default_value(collection),
       "collection folder; its index is DIR/index")
      ("index,i", po::value(&index_paths)->composing(),
       "search this Xapian database or stub file instead of the collection's index; repeat to "
       "search several shards as one")
      ("format,f", po::value(&format)->default_value(format), "output format: text or json")
      ("limit,n", po::value(&limit)->default_value(limit), "hits to show (1-10000)")
      ("offset", po::value(&offset)->default_value(offset), "hits to skip, for paging");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("query", po::value(&words), "query words");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(e.what()) + " (see --help)");
  }
  std::ostringstream help;
  help << visible;
  options.help_text = help.str();
  options.help = vm.count("help") > 0;
  options.version = vm.count("version") > 0;
  if (options.help || options.version) return options;

  Result<OutputFormat> parsed_format = ParseOutputFormat(format);
  if (!parsed_format.ok()) return parsed_format.status();
  options.format = *parsed_format;
  if (limit < 1 || limit > kMaxLimit) {
    return Status::InvalidArgument("--limit must be between 1 and " + std::to_string(kMaxLimit));
  }
  if (offset < 0 || offset > kMaxOffset) {
    return Status::InvalidArgument("--offset must be between 0 and " + std::to_string(kMaxOffset));
  }
  options.limit = static_cast<std::uint32_t>(limit);
  options.offset = static_cast<std::uint32_t>(offset);
  options.collection = collection;
  for (const std::string& path : index_paths) options.index_paths.emplace_back(path);
  for (const std::string& word : words) {
    if (!options.query.empty()) options.query.push_back(' ');
    options.query += word;
  }
  if (options.query.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
    return Status::InvalidArgument("empty query (give words to search for; see --help)");
  }
  return options;
}

}  // namespace vestige::query
