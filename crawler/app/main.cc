// vestige-crawl: parse the options, run the crawl, map the result to an exit status.
// 0: every fetch succeeded; 1: the crawl finished but some fetches failed (see crawl/crawl.log);
// 2: bad options, or a collection that cannot be opened or written.
#include <cstdio>

#include "options.h"
#include "vestige/crawler/crawler.h"

int main(int argc, char** argv) {
  using vestige::crawler::CommandLine;
  vestige::common::Result<CommandLine> cl = vestige::crawler::ParseCommandLine(argc, argv);
  if (!cl.ok()) {
    std::fprintf(stderr, "vestige-crawl: %s (see vestige-crawl --help)\n",
                 cl.status().message().c_str());
    return 2;
  }
  if (cl->help) {
    std::fputs(cl->usage.c_str(), stdout);
    return 0;
  }
  if (cl->version) {
    std::printf("vestige-crawl %s\n", VESTIGE_VERSION);
    return 0;
  }
  vestige::common::Result<vestige::crawler::CrawlSummary> summary =
      vestige::crawler::RunCrawl(cl->options);
  if (!summary.ok()) {
    std::fprintf(stderr, "vestige-crawl: %s\n", summary.status().message().c_str());
    return 2;
  }
  std::fprintf(stderr, "%s\n", summary->ToLine().c_str());
  return summary->failed > 0 ? 1 : 0;
}
