// The crawl: seeds in, WARC files, crawl state and crawl log out.
//
// RunCrawl fetches breadth-first from the seeds, one request at a time, following links and
// redirects that stay on the host and port of the seed they descend from (deduplicated by
// canonical URL; a seed's own redirects are followed anywhere, their target becoming a seed),
// obeying robots.txt, and waiting CrawlOptions::delay_seconds between two requests to one host. For
// every exchange it writes a WARC request and response record (each pointing at the other by
// WARC-Concurrent-To), one JSON line in <collection>/crawl/crawl.log and one row in
// <collection>/crawl/state.sqlite.
//
// Layout of a collection: warc/*.warc.gz (the archive), crawl/state.sqlite (one row per URL),
// crawl/crawl.log (JSON lines: time, url, status, bytes, payload_digest, duration_ms, warc_file,
// warc_offset, error, kind).
//
// Thread safety: RunCrawl may run in several threads only on distinct collections.
#ifndef VESTIGE_CRAWLER_CRAWLER_H_
#define VESTIGE_CRAWLER_CRAWLER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "vestige/common/status.h"
#include "vestige/crawler/options.h"

namespace vestige::crawler {

struct CrawlSummary {
  std::int64_t fetched = 0;  // exchanges that completed (any status but 5xx), robots.txt included
  std::int64_t failed = 0;   // no response, a cut response, or a 5xx
  std::int64_t pages = 0;    // page fetches attempted (what max_pages bounds)
  std::int64_t robots_fetches = 0;      // robots.txt fetches (redirect hops included)
  std::int64_t robots_disallowed = 0;   // URLs skipped because robots.txt disallows them
  std::int64_t revisits = 0;            // unchanged responses archived as revisit records
  std::int64_t not_due = 0;             // pages skipped as recently archived (--recrawl-after)
  std::int64_t resumed_records = 0;     // records of a killed run accounted for on resume
  std::int64_t retries = 0;             // attempts repeated after a 429, 5xx or transport failure
  std::int64_t out_of_scope = 0;        // discovered URLs outside their seed's scope
  std::int64_t filtered = 0;            // skipped by --max-depth, --include or --exclude
  std::int64_t traps = 0;               // skipped by the trap limits
  std::int64_t cdxj_lines = 0;          // lines added to cdxj/index.cdxj
  std::int64_t run = 0;                 // the run id in crawl/state.sqlite
  std::uint64_t bytes = 0;              // response bytes received (headers and bodies)
  double seconds = 0;                   // wall time of the crawl
  std::vector<std::string> warc_files;  // names (in warc/) of the files written

  // "vestige-crawl: 12 fetched, 1 failed, 34567 bytes, 0.4 s (...)" for the end of a run.
  std::string ToLine() const;
};

// Runs the crawl described by `options` (validated again here).
// Returns the summary, whose `failed` count says whether some fetches failed: failures are data,
// not errors. Returns a non-OK Status only when the crawl cannot run or cannot record: bad
// options (InvalidArgument), an unreadable seeds file (NotFound / IOError), a collection that
// cannot be created, opened or written (IOError, FailedPrecondition).
common::Result<CrawlSummary> RunCrawl(const CrawlOptions& options);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CRAWLER_H_
