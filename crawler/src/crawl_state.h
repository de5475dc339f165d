// Internal: the crawl state, one row per URL, kept in <collection>/crawl/state.sqlite. Only
// src/crawl_state_sqlite.cc sees SQLite.
//
// Writes go into an open transaction that Commit() ends, so a crawl commits in batches. The
// caller syncs the WARC writer before Commit(), so a committed row never points at a record
// that is not on disk. Thread safety: one thread at a time.
#ifndef VESTIGE_CRAWLER_CRAWL_STATE_H_
#define VESTIGE_CRAWLER_CRAWL_STATE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::crawler {

// One fetch of a URL, as the state records it.
struct FetchRow {
  std::string url;    // canonical URL
  std::string time;   // when the request was sent, ISO 8601 UTC (WARC-Date)
  int status = 0;     // HTTP status; 0 when no response arrived
  std::string error;  // "" on success
  // Set when the exchange was archived; then the fields below describe that response and
  // replace the stored ones. When not archived, the stored ones stay (the last archived copy).
  bool archived = false;
  std::string etag;            // ETag response header, "" if none
  std::string last_modified;   // Last-Modified response header, "" if none
  std::string payload_digest;  // WARC-Payload-Digest of the response record
  std::string warc_file;       // file name of the response record (final name)
  std::uint64_t warc_offset = 0;
  std::string record_id;  // WARC-Record-ID of that response record
  // Archived as a revisit record: only etag, last_modified (when not "") are replaced; the
  // stored payload digest and record location keep pointing at the original capture.
  bool revisit = false;
};

// What is stored for a URL.
struct UrlRow {
  std::string url;
  std::string first_seen;
  std::string last_seen;
  int last_status = 0;
  std::string last_error;
  std::string etag;
  std::string last_modified;
  std::string payload_digest;
  std::string warc_file;
  std::uint64_t warc_offset = 0;
  std::int64_t fetch_count = 0;
  std::string record_id;     // of the archived response record ("" for rows of schema 1)
  std::string capture_date;  // its WARC-Date
};

// A URL waiting in the frontier, persisted so that a killed crawl resumes (crawl/state.sqlite
// table `queue`).
struct QueuedRow {
  std::string url;       // canonical
  std::string host_key;  // "host:port"
  std::string scope;     // scope key of the seed it descends from
  int hops = 0;          // redirects followed to reach it
  bool seed = false;     // a seed (or reached from one by redirects only)
  int depth = 0;         // links followed from a seed
  std::string kind;      // "page", "feed", "sitemap"
};

// What one run did to one URL (table `run_urls`).
struct RunUrlRow {
  std::string url;
  std::string kind;     // "page", "robots", "feed", "sitemap"
  std::string outcome;  // "new", "changed", "unchanged", "gone", "failed"
  int status = 0;
  std::string time;  // of the fetch
};

// A run of the crawler (table `runs`). A run without `finished` was killed: the next run resumes
// it.
struct RunRow {
  std::int64_t id = 0;
  std::string started;
  std::string finished;  // "" while running or after a kill
};

class CrawlState {
 public:
  // Opens or creates the database (WAL mode) and its table. IOError if it cannot;
  // FailedPrecondition if it was made by a newer schema.
  static common::Result<std::unique_ptr<CrawlState>> Open(const std::string& path);
  ~CrawlState();  // Rolls back an uncommitted batch: call Commit() first.
  CrawlState(const CrawlState&) = delete;
  CrawlState& operator=(const CrawlState&) = delete;

  // Upserts the row for `row.url` (first_seen kept, fetch_count incremented) in the open batch.
  common::Status RecordFetch(const FetchRow& row);
  // Commits the open batch; OK with nothing to commit.
  common::Status Commit();
  // The stored row (committed or in the open batch), or nullopt.
  common::Result<std::optional<UrlRow>> Find(const std::string& url);

  // --- Runs and the persisted frontier. Writes go into the open batch like RecordFetch. ---
  // The latest run, or nullopt when there was none.
  common::Result<std::optional<RunRow>> LastRun();
  // Inserts a new run started at `started` and commits it at once. Its id.
  common::Result<std::int64_t> StartRun(const std::string& started);
  // Marks the run finished and empties the queue (in the open batch).
  common::Status FinishRun(std::int64_t run, const std::string& finished);
  common::Status Enqueue(const QueuedRow& row);
  common::Status Dequeue(const std::string& url);
  // The queue in the order it was filled.
  common::Result<std::vector<QueuedRow>> Queue();
  // Upserts what `run` did to a URL.
  common::Status RecordOutcome(std::int64_t run, const RunUrlRow& row);
  // What `run` did, in order of fetch.
  common::Result<std::vector<RunUrlRow>> RunUrls(std::int64_t run);
  // Every run, oldest first.
  common::Result<std::vector<RunRow>> Runs();
  // A small key/value table (`meta`); "" when the key is absent.
  common::Status SetMeta(const std::string& key, const std::string& value);
  common::Result<std::string> GetMeta(const std::string& key);

 private:
  struct Impl;
  explicit CrawlState(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CRAWL_STATE_H_
