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

 private:
  struct Impl;
  explicit CrawlState(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CRAWL_STATE_H_
