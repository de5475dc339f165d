// Internal: the Crawl object behind RunCrawl, split by concern over crawler.cc (setup, loop,
// finish), crawl_fetch.cc (one fetch: conditional request, archive, state, log), crawl_links.cc
// (scope and link discovery) and crawl_resume.cc (resuming a killed run).
// Thread safety: one thread (its LinkWorker reads page links on a thread of its own).
#ifndef VESTIGE_CRAWLER_CRAWL_IMPL_H_
#define VESTIGE_CRAWLER_CRAWL_IMPL_H_

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crawl_log.h"
#include "crawl_state.h"
#include "fetcher.h"
#include "frontier.h"
#include "link_worker.h"
#include "recovery.h"
#include "vestige/common/http.h"
#include "vestige/common/status.h"
#include "vestige/common/url.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/cdxj.h"
#include "vestige/crawler/crawler.h"
#include "vestige/crawler/robots.h"

namespace vestige::crawler {

std::string EffectivePort(const common::Url& u);
std::string HostKey(const common::Url& u);
std::string Origin(const common::Url& u);
std::string PathAndQuery(const common::Url& u);
bool IsRedirect(int status);
// Whether `url` parses as a URL whose path is "/robots.txt" (a query may follow).
bool IsRobotsUrl(std::string_view url);
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

// A transfer in flight: what to do with its result.
struct InFlight {
  // The URL fetched, its host (kept busy meanwhile) and kind; robots.txt hops have kind "robots".
  FrontierEntry entry;
  // For robots.txt hops: the origin whose rules the chain decides; "" for every other fetch.
  std::string robots_origin;
  std::vector<std::string> conditions;  // If-None-Match / If-Modified-Since lines sent
  std::optional<UrlRow> previous;       // the stored row before this fetch
};

// robots.txt being fetched for one origin, hop by hop (RFC 9309: redirects are followed).
struct RobotsChain {
  std::string holder;    // the origin's host_key, kept busy until its rules are known
  std::string next_url;  // the hop to fetch next (canonical)
  int hop = 0;
  bool in_flight = false;
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
  // crawler.cc
  // Starts transfers until --concurrency are in flight or nothing more may start now; sets
  // *ready_at to when a waiting host may next be contacted (max() when no host waits).
  common::Status StartReady(std::chrono::steady_clock::time_point* ready_at);
  // Archives and accounts for one ended transfer, then retries, follows or queues its links.
  common::Status Complete(FetchCompletion& done);
  // crawl_fetch.cc
  // Looks up the stored row, adds the conditional headers and starts the transfer. The caller
  // has made job.entry.host_key busy.
  common::Status StartFetch(InFlight job);
  // Writes the records of an ended transfer, sets the host's next allowed time, and accounts for
  // it in state and log.
  common::Result<Outcome> RecordFetch(const InFlight& job, const FetchResult& fetch);
  // Records an exchange in state (urls, run_urls, queue) and log; returns the change outcome.
  common::Result<std::string> Account(const Exchange& x, const std::optional<UrlRow>& previous,
                                      bool write_log);
  common::Status CommitBatch();
  // The rules of `origin` from an earlier fetch of this (resumed) run; whether it found them.
  bool RobotsFromState(const std::string& origin);
  // Begins fetching robots.txt for `origin`, keeping `holder` (its host) busy until done.
  void StartRobots(const std::string& origin, const std::string& holder);
  // Starts the robots.txt hops whose host is free (or, with `ignore_busy`, held by another
  // chain) and allowed now (see StartReady).
  common::Status StartRobotsHops(std::chrono::steady_clock::time_point* ready_at,
                                 bool ignore_busy = false);
  // Decides the origin's rules from an ended hop, or schedules the next hop.
  common::Status RobotsHopDone(const InFlight& job, const Outcome& out);
  // crawl_links.cc
  // Queues a discovered URL if it is http(s), in `scope` and new. A `seed` URL defines its own
  // scope instead.
  void Consider(std::string_view url_text, const FrontierEntry& from, int hops, bool seed,
                int depth, const std::string& kind);
  // Consider, for a URL already canonical (`canonical`, parsed as `url`, http or https).
  void ConsiderCanonical(std::string canonical, const common::Url& url, const FrontierEntry& from,
                         int hops, bool seed, int depth, const std::string& kind);
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
  std::map<std::uint64_t, InFlight> in_flight_;  // by fetch token
  std::uint64_t next_token_ = 1;
  std::map<std::string, RobotsChain> robots_chains_;  // by origin, while its rules are unknown
  Frontier frontier_;
  std::map<std::string, RobotsRules> robots_;  // by origin
  std::set<std::string> warc_files_;
  std::unique_ptr<CdxjSpool> cdxj_;  // the CDXJ lines of the records this run wrote (made at
                                     // the first; see UpdateCdxjIndex)
  LinkWorker links_;                 // reads a fetched page's links while RecordFetch archives it
  // The robots.txt URLs (path "/robots.txt") this run has fetched and accounted for: the only
  // fetched URLs looked up again (RobotsFromState, Reconcile). A set of every fetched URL (about
  // 130 bytes each) cost the 5,384-page bench crawl 0.25 MB of peak RSS (issue 3).
  std::set<std::string> robots_done_;
  std::size_t done_count_ = 0;  // URLs of this run found done when it was resumed
  std::vector<std::regex> include_, exclude_;
  std::set<std::string> sitemaps_queued_;        // origins
  std::map<std::string, std::int64_t> lastmod_;  // sitemap <lastmod> by URL (Unix s)
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
