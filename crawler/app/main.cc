// vestige-crawl: parse the options, run the command, map the result to an exit status.
// crawl: 0 every fetch succeeded; 1 the crawl finished but some fetches failed (see
// crawl/crawl.log); 2 bad options, or a collection that cannot be opened or written.
// report: 0, or 2 when there is nothing to report. verify: 0 clean, 1 mismatches, 2 error.
#include <cstdio>

#include "options.h"
#include "vestige/crawler/crawler.h"
#include "vestige/crawler/report.h"
#include "vestige/crawler/verify.h"

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
  if (cl->command == "report") {
    vestige::common::Result<std::string> report = vestige::crawler::CrawlReport(cl->report);
    if (!report.ok()) {
      std::fprintf(stderr, "vestige-crawl: %s\n", report.status().message().c_str());
      return 2;
    }
    std::fputs(report->c_str(), stdout);
    return 0;
  }
  if (cl->command == "verify") {
    vestige::common::Result<vestige::crawler::VerifySummary> verified =
        vestige::crawler::VerifyCollection(cl->options.collection, stdout);
    if (!verified.ok()) {
      std::fprintf(stderr, "vestige-crawl: %s\n", verified.status().message().c_str());
      return 2;
    }
    std::fprintf(stderr, "%s\n", verified->ToLine().c_str());
    return verified->mismatches > 0 ? 1 : 0;
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
