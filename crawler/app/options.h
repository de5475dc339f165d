// The command line of vestige-crawl, parsed with Boost.Program_options into CrawlOptions.
// Boost exceptions stop in options.cc and come out as InvalidArgument.
#ifndef VESTIGE_CRAWLER_APP_OPTIONS_H_
#define VESTIGE_CRAWLER_APP_OPTIONS_H_

#include <string>

#include "vestige/common/status.h"
#include "vestige/crawler/options.h"
#include "vestige/crawler/report.h"

namespace vestige::crawler {

struct CommandLine {
  // "crawl" (no command given), "report" or "verify".
  std::string command = "crawl";
  CrawlOptions options;  // for crawl (and the collection of every command)
  ReportOptions report;  // for report
  bool help = false;     // --help: print `usage` and exit 0
  bool version = false;  // --version: print the version and exit 0
  std::string usage;     // the option descriptions
};

// Parses and validates. InvalidArgument with a one-line reason on bad input.
common::Result<CommandLine> ParseCommandLine(int argc, const char* const* argv);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_APP_OPTIONS_H_
