// vestige-query's commands: open, resolve, run, print. No search logic here.
#include "commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "options.h"
#include "vestige/common/gazetteer.h"
#include "vestige/common/status.h"
#include "vestige/query/entities.h"
#include "vestige/query/format.h"
#include "vestige/query/record.h"
#include "vestige/query/searcher.h"
#include "vestige/query/show.h"

namespace vestige::query {
namespace {

using common::Result;
using common::Status;

constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

int Fail(const Status& status) {
  std::fprintf(stderr, "vestige-query: %s\n", status.message().c_str());
  return kExitError;
}

int Write(const std::string& out) {
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    return Fail(Status::IOError("cannot write to stdout"));
  }
  return kExitHits;
}

Result<Searcher> OpenSearcher(const Options& options) {
  return options.index_paths.empty() ? Searcher::OpenCollection(options.collection)
                                     : Searcher::Open(options.index_paths);
}

}  // namespace

int RunSearch(const Options& options) {
  SearchRequest request;
  request.query = options.query;
  request.limit = options.limit;
  request.offset = options.offset;
  request.date_field = options.date_field;
  request.from = options.from;
  request.to = options.to;
  request.sites = options.sites;
  request.languages = options.languages;
  request.sort = options.sort;
  request.collapse = options.collapse;
  request.facets = options.facets;
  request.exact = options.exact;
  if (request.facets) request.exact_count_threshold = 100000;

  // The gazetteer is needed for --person; without it (file missing) words are not expanded.
  Result<std::shared_ptr<const common::Gazetteer>> gazetteer =
      common::Gazetteer::Load(options.persons_file.string());
  if (gazetteer.ok()) {
    Result<std::vector<std::vector<std::string>>> persons =
        ResolvePersons(**gazetteer, options.persons);
    if (!persons.ok()) return Fail(persons.status());
    request.persons = std::move(persons).value();
    request.alias_resolver = PersonResolver(*gazetteer);
  } else if (!options.persons.empty()) {
    return Fail(gazetteer.status());
  }
  Result<std::shared_ptr<const common::Taxonomy>> taxonomy =
      common::Taxonomy::Load(options.crimes_file.string());
  if (taxonomy.ok()) {
    Result<std::vector<std::string>> crimes = ResolveCrimes(**taxonomy, options.crimes);
    if (!crimes.ok()) return Fail(crimes.status());
    request.crimes = std::move(crimes).value();
    request.crime_resolver = CrimeResolver(*taxonomy);
  } else if (!options.crimes.empty()) {
    return Fail(taxonomy.status());
  }

  Result<Searcher> searcher = OpenSearcher(options);
  if (!searcher.ok()) return Fail(searcher.status());
  Result<SearchResults> results = searcher->Search(request);
  if (!results.ok()) return Fail(results.status());
  for (const std::string& warning : results->warnings) {
    std::fprintf(stderr, "vestige-query: warning: %s\n", warning.c_str());
  }
  TextFormatOptions text_options;
  text_options.ansi_bold = isatty(STDOUT_FILENO) == 1;
  const int written = Write(FormatResults(*results, options.format, text_options));
  if (written != kExitHits) return written;
  return results->hits.empty() ? kExitNoHits : kExitHits;
}

int RunShow(const Options& options) {
  Result<Searcher> searcher = OpenSearcher(options);
  if (!searcher.ok()) return Fail(searcher.status());
  Result<Hit> hit = searcher->Get(options.target);
  if (!hit.ok()) return Fail(hit.status());
  return Write(FormatDocument(*hit, options.format));
}

int RunRecord(const Options& options) {
  Result<Searcher> searcher = OpenSearcher(options);
  if (!searcher.ok()) return Fail(searcher.status());
  Result<Hit> hit = searcher->Get(options.target);
  if (!hit.ok()) return Fail(hit.status());
  RecordRequest request;
  request.warc_dir = options.collection / "warc";
  request.cdxj_dir = options.collection / "cdxj";
  request.indexed = hit->document.warc;
  request.at = options.at;
  Result<RecordExport> record = ExportRecord(request);
  if (!record.ok()) return Fail(record.status());
  for (const std::string& missing : record->missing) {
    std::fprintf(stderr, "vestige-query: warning: not found: %s\n", missing.c_str());
  }
  std::fprintf(stderr, "vestige-query: capture of %s from %s@%llu (%s), %zu record(s)\n",
               hit->document.url.c_str(), record->file.c_str(),
               static_cast<unsigned long long>(record->offset), record->date.c_str(),
               record->record_ids.size());
  if (options.output.empty()) return Write(record->bytes);
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out.write(record->bytes.data(), static_cast<std::streamsize>(record->bytes.size()));
  out.close();
  if (!out) return Fail(Status::IOError("cannot write " + options.output.string()));
  return kExitHits;
}

}  // namespace vestige::query
