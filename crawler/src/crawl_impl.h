// Internal: the Crawl object behind RunCrawl, split by concern over crawler.cc (setup, loop,
// finish), crawl_fetch.cc (one fetch: conditional request, archive, state, log), crawl_links.cc
// (scope and link discovery) and crawl_resume.cc (resuming a killed run).
// Thread safety: one thread.
#ifndef VESTIGE_CRAWLER_CRAWL_IMPL_H_
#define VESTIGE_CRAWLER_CRAWL_IMPL_H_

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "crawl_log.h"
#include "crawl_state.h"
#include "fetcher.h"
#include "frontier.h"
#include "recovery.h"
#include "vestige/common/http.h"
#include "vestige/common/status.h"
#include "vestige/common/url.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/crawler.h"
#include "vestige/crawler/robots.h"

namespace vestige::crawler {

std::string EffectivePort(const common::Url& u);
std::string HostKey(const common::Url& u);
std::string Origin(const common::Url& u);
std::string PathAndQuery(const common::Url& u);
bool IsRedirect(int status);
// The scope a seed (or a seed's redirect target) defines under --scope `mode`: "host:port" for
// "host", "domain:<host without www.>" for "domain", "prefix:<URL up to the last '/'>" for
// "prefix".
std::string ScopeKey(const std::string& mode, const common::Url& seed);
// Whether `url` (canonical, with `host_key`) lies in `scope` (a ScopeKey).
bool InScope(const std::string& scope, const common::Url& url, const std::string& canonical,
             const std::string& host_key);

// What the crawl loop needs to know about one finished fetch.
struct Outcome {
  bool got_response = false;
  bool failed = false;
  int status = 0;
  std::optional<common::HttpResponse> parsed;
  std::string change;  // "new", "changed", "unchanged", "gone", "failed"
  // The stored row before this fetch (for 304s: where the unchanged copy is).
  std::optional<UrlRow> previous;
};

// One exchange as the state and the log record it.
struct Exchange {
  std::string url;
  std::string kind;  // "page", "robots", "feed", "sitemap"
  std::string time;
  int status = 0;
  std::string error;
  std::uint64_t bytes = 0;
  double duration_ms = 0;
  bool archived = false;
  bool revisit = false;
  std::string etag, last_modified, payload_digest, record_id;
  std::string warc_file;
  std::uint64_t warc_offset = 0;
};

class Crawl {
 public:
  explicit Crawl(CrawlOptions options) : options_(std::move(options)) {}

  common::Status Open();
  common::Status Run();
  // Closes the WARC file, marks the run finished when `completed`, and commits the state.
  common::Status Finish(bool completed);
  CrawlSummary& summary() { return summary_; }

 private:
  // crawl_fetch.cc
  common::Result<Outcome> FetchAndRecord(const std::string& url, const std::string& host_key,
                                         const std::string& kind);
  // Records an exchange in state (urls, run_urls, queue) and log; returns the change outcome.
  common::Result<std::string> Account(const Exchange& x, const std::optional<UrlRow>& previous,
                                      bool write_log);
  common::Status CommitBatch();
  common::Status EnsureRobots(const common::Url& url);
  // crawl_links.cc
  // Queues a discovered URL if it is http(s), in `scope` and new. A `seed` URL defines its own
  // scope instead.
  void Consider(std::string_view url_text, const FrontierEntry& from, int hops, bool seed,
                int depth, const std::string& kind);
  bool Queue(const FrontierEntry& entry);
  void QueueLinks(const common::Url& page, const common::HttpResponse& response,
                  const FrontierEntry& entry);
  // Queues the URLs a sitemap or feed lists (sitemap index entries as sitemaps).
  void QueueXmlLinks(const common::Url& doc, const common::HttpResponse& response,
                     const FrontierEntry& entry);
  // On the first page of an origin: its /sitemap.xml and the Sitemap: lines of its robots.txt.
  void QueueSitemaps(const FrontierEntry& entry, const common::Url& url);
  // Follows a redirect or queues the links of a fetched page.
  void AfterFetch(const FrontierEntry& entry, const common::Url& url, const Outcome& out);
  // Queues the links of the archived copy of a page (not due, or a 304).
  void LinksFromArchive(const FrontierEntry& entry, const common::Url& url, const UrlRow& row);
  // Whether a discovered URL passes --max-depth, the trap limits and --include/--exclude;
  // counts what it rejects.
  bool Admissible(const std::string& canonical, const common::Url& url, int depth);
  // After a failed attempt: requeues the entry for a retry when allowed. Whether it did.
  common::Result<bool> MaybeRetry(FrontierEntry entry, const Outcome& out);
  // The terminal status line, at most twice a second (and once more at the end).
  void ShowProgress(bool last);
  // crawl_resume.cc
  common::Status Resume();
  common::Status Reconcile();

  CrawlOptions options_;
  std::vector<std::string> seeds_;  // canonical
  std::unique_ptr<CrawlState> state_;
  std::unique_ptr<CrawlLog> log_;
  std::unique_ptr<common::WarcWriter> writer_;
  std::unique_ptr<Fetcher> fetcher_;
  Frontier frontier_;
  std::map<std::string, RobotsRules> robots_;  // by origin
  std::set<std::string> warc_files_;
  std::set<std::string> done_;
  std::vector<std::regex> include_, exclude_;
  std::set<std::string> sitemaps_queued_;        // origins
  std::map<std::string, std::int64_t> lastmod_;  // sitemap <lastmod> by URL (Unix s)  // URLs this
                                                 // run has fetched (and accounted for)
  std::int64_t run_ = 0;
  bool resumed_ = false;
  WarcMark mark_;  // end of the WARC bytes written so far
  int since_commit_ = 0;
  std::chrono::steady_clock::time_point started_, last_progress_;
  common::Status deferred_;  // the first state error met where it could not be returned
  CrawlSummary summary_;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CRAWL_IMPL_H_
