// vestige-query: search a collection's index and print ranked hits.
// Exit status: 0 with hits, 1 with none, 2 on error (one line on stderr).
#include <unistd.h>

#include <cstdio>
#include <string>

#include "options.h"
#include "vestige/common/status.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace {

constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

int Fail(const vestige::common::Status& status) {
  std::fprintf(stderr, "vestige-query: %s\n", status.message().c_str());
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vestige::query;
  vestige::common::Result<Options> options = ParseOptions(argc, argv);
  if (!options.ok()) return Fail(options.status());
  if (options->help) {
    std::fputs(options->help_text.c_str(), stdout);
    return kExitHits;
  }
  if (options->version) {
    std::printf("vestige-query %s\n", VESTIGE_VERSION);
    return kExitHits;
  }

  vestige::common::Result<Searcher> searcher = options->index_paths.empty()
                                                   ? Searcher::OpenCollection(options->collection)
                                                   : Searcher::Open(options->index_paths);
  if (!searcher.ok()) return Fail(searcher.status());

  SearchRequest request;
  request.query = options->query;
  request.limit = options->limit;
  request.offset = options->offset;
  vestige::common::Result<SearchResults> results = searcher->Search(request);
  if (!results.ok()) return Fail(results.status());
  for (const std::string& warning : results->warnings) {
    std::fprintf(stderr, "vestige-query: warning: %s\n", warning.c_str());
  }

  TextFormatOptions text_options;
  text_options.ansi_bold = isatty(STDOUT_FILENO) == 1;
  const std::string out = FormatResults(*results, options->format, text_options);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    return Fail(vestige::common::Status::IOError("cannot write results to stdout"));
  }
  return results->hits.empty() ? kExitNoHits : kExitHits;
}
