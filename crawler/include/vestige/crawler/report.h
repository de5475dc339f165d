// What a collection's crawl runs did: `vestige-crawl --collection DIR report`.
//
// Every run records, for every URL it fetched, one of: new (first archived copy), changed (the
// payload differs from the last archived copy), unchanged (304, or the same payload digest:
// archived as a revisit record), gone (404 or 410 after an earlier 2xx) or failed (no response,
// cut short, 5xx). The report lists them for one run.
// Thread safety: reads the crawl state only; may run while a crawl writes it.
#ifndef VESTIGE_CRAWLER_REPORT_H_
#define VESTIGE_CRAWLER_REPORT_H_

#include <cstdint>
#include <string>

#include "vestige/common/status.h"

namespace vestige::crawler {

struct ReportOptions {
  // The collection folder (its crawl/state.sqlite is read).
  std::string collection = "collection";
  // The run to report; 0 means the latest.
  std::int64_t run = 0;
  // "text" (one line per URL, grouped counts first) or "json" (one object).
  std::string format = "text";
};

// The report as text. NotFound when the collection has no crawl state or no such run;
// InvalidArgument for an unknown format; IOError when the state cannot be read.
// JSON shape: {"run": N, "started": "...", "finished": "..." or null, "counts": {"new": n, ...},
//              "urls": [{"url", "kind", "outcome", "status", "time"}, ...]}.
common::Result<std::string> CrawlReport(const ReportOptions& options);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_REPORT_H_
