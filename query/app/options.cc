// vestige-query's options: Boost.Program_options -> Options (STYLE.md, 3).
#include "options.h"

#include <boost/program_options.hpp>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

#include "vestige/common/date.h"
#include "vestige/common/status.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {

namespace po = boost::program_options;
using common::Result;
using common::Status;

namespace {

constexpr long long kMaxLimit = 10000;
constexpr long long kMaxOffset = 1000000000;

constexpr const char* kUsage = R"(Usage: vestige-query [options] [QUERY...]
       vestige-query [options] show URL|ID
       vestige-query [options] record URL [--at DATE] [-o FILE]

Searches a collection indexed by vestige-index. QUERY words are joined with spaces and parsed
with Xapian's query syntax (see query/QUERY-SYNTAX.md):
  torture prison          both words (AND is the default: every word must match)
  torture OR beating      either word          torture NOT okrestina   the first, not the second
  "political prisoners"   exact phrase         tortur*                 words starting with tortur
  title:verdict           word in the title    site:spring96.org       pages from one host
  lang:ru                 pages in a language  person:bialiatski_ales  crime:cah_torture
  published:2024-01..2024-06   captured:2024..   date ranges (YYYY, YYYY-MM or YYYY-MM-DD)
English and Russian words also match their other forms (prison, prisons; пытка, пытки).
A word that names a person in the gazetteer also finds that person's pages (not with --exact).
An empty QUERY lists every document passing the filters.
show URL|ID prints one document in full; record URL writes its original WARC records.
A word starting with '-' (excluded word) needs -- before the query, or quote the whole
query: vestige-query -- torture -belarus, or vestige-query "torture -belarus".
Exit status: 0 with hits, 1 without, 2 on error.

Options)";

Result<std::string> DateOption(const std::string& value, const char* name, bool end) {
  if (value.empty()) return std::string();
  Result<std::string> bound = ParseDateBound(value, end);
  if (!bound.ok())
    return Status::InvalidArgument(std::string(name) + ": " + bound.status().message());
  return bound;
}

}  // namespace

Result<Options> ParseOptions(int argc, const char* const argv[]) {
  Options options;
  std::string format = "text";
  long long limit = options.limit;
  long long offset = options.offset;
  std::string collection = options.collection.string();
  std::vector<std::string> index_paths;
  std::vector<std::string> words;
  std::string date_field = "published";
  std::string sort = "relevance";
  std::string from;
  std::string to;
  std::string at;
  std::string output;
  std::string persons_file = std::string(VESTIGE_DATA_DIR) + "/persons.tsv";
  std::string crimes_file = std::string(VESTIGE_DATA_DIR) + "/crime_types.tsv";

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
      ("format,f", po::value(&format)->default_value(format),
       "output format: text, json, csv or jsonl")
      ("limit,n", po::value(&limit)->default_value(limit), "hits to show (1-10000)")
      ("offset", po::value(&offset)->default_value(offset), "hits to skip, for paging")
      ("from", po::value(&from), "only documents dated on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)")
      ("to", po::value(&to), "only documents dated on or before DATE (the whole period of a "
       "partial date)")
      ("date", po::value(&date_field)->default_value(date_field),
       "which date --from/--to and --sort use: published or captured. Documents without a "
       "published date never pass a published-date filter (their count is shown)")
      ("person", po::value(&options.persons)->composing(),
       "only documents naming this person (id or any alias, any script); repeat: all must match")
      ("crime", po::value(&options.crimes)->composing(),
       "only documents about this crime type (id or label); repeat: any may match")
      ("site", po::value(&options.sites)->composing(), "only pages from this host; repeatable")
      ("lang", po::value(&options.languages)->composing(),
       "only pages in this language (ISO 639-1); repeatable")
      ("sort", po::value(&sort)->default_value(sort), "relevance, newest or oldest")
      ("collapse", po::bool_switch(&options.collapse),
       "show the same text archived at several URLs once")
      ("facets", po::bool_switch(&options.facets),
       "count persons, crimes, sites, languages and publication months over all matches")
      ("exact", po::bool_switch(&options.exact),
       "do not widen words that name a person to that person's pages")
      ("persons", po::value(&persons_file)->default_value(persons_file), "person gazetteer TSV")
      ("crimes", po::value(&crimes_file)->default_value(crimes_file), "crime types TSV")
      ("at", po::value(&at), "record: the capture closest to this date or time (ISO 8601)")
      ("output,o", po::value(&output), "record: write the WARC file here instead of stdout");
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
  if (words.size() == 2 && (words[0] == "show" || words[0] == "record")) {
    options.command = words[0] == "show" ? Command::kShow : Command::kRecord;
    options.target = words[1];
    words.clear();
  }
  for (const std::string& word : words) {
    if (!options.query.empty()) options.query.push_back(' ');
    options.query += word;
  }
  if (date_field == "published") {
    options.date_field = DateField::kPublished;
  } else if (date_field == "captured") {
    options.date_field = DateField::kCaptured;
  } else {
    return Status::InvalidArgument("--date: \"" + date_field +
                                   "\" is not a date field (expected published or captured)");
  }
  if (sort == "relevance") {
    options.sort = SortOrder::kRelevance;
  } else if (sort == "newest") {
    options.sort = SortOrder::kNewest;
  } else if (sort == "oldest") {
    options.sort = SortOrder::kOldest;
  } else {
    return Status::InvalidArgument("--sort: \"" + sort +
                                   "\" is not a sort order (expected relevance, newest or oldest)");
  }
  Result<std::string> from_bound = DateOption(from, "--from", false);
  if (!from_bound.ok()) return from_bound.status();
  Result<std::string> to_bound = DateOption(to, "--to", true);
  if (!to_bound.ok()) return to_bound.status();
  options.from = *from_bound;
  options.to = *to_bound;
  if (!options.from.empty() && !options.to.empty() && options.from > options.to) {
    return Status::InvalidArgument("--from " + from + " is after --to " + to);
  }
  if (!at.empty()) {
    Result<common::UnixSeconds> t = common::ParseIsoTimestamp(at);
    if (!t.ok()) return Status::InvalidArgument("--at: " + t.status().message());
    options.at = *t;
  }
  options.output = output;
  options.persons_file = persons_file;
  options.crimes_file = crimes_file;
  const bool filtered = !options.from.empty() || !options.to.empty() || !options.persons.empty() ||
                        !options.crimes.empty() || !options.sites.empty() ||
                        !options.languages.empty();
  if (options.command == Command::kSearch && !filtered &&
      options.query.find_first_not_of(" \t\n\r\f\v") == std::string::npos) {
    return Status::InvalidArgument(
        "empty query (give words to search for or a filter; see --help)");
  }
  return options;
}

}  // namespace vestige::query
