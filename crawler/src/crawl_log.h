// Internal: <collection>/crawl/crawl.log, one JSON object per line per fetch, appended and
// flushed as each fetch ends, so that `tail -f` follows a crawl and a crash loses no line. Only
// this file's .cc sees nlohmann-json. Thread safety: one thread at a time.
#ifndef VESTIGE_CRAWLER_CRAWL_LOG_H_
#define VESTIGE_CRAWLER_CRAWL_LOG_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "vestige/common/status.h"

namespace vestige::crawler {

// One line. Keys: time (WARC-Date of the request), url, kind ("page" or "robots"), status (0
// when no response), bytes (response bytes received), payload_digest, duration_ms, warc_file and
// warc_offset (of the response record; null when not archived), error (null on success), change
// (new/changed/unchanged/gone/failed), revisit (true when archived as a revisit record).
struct LogEntry {
  std::string time;
  std::string url;
  std::string kind;
  int status = 0;
  std::uint64_t bytes = 0;
  std::string payload_digest;
  double duration_ms = 0;
  std::optional<std::string> warc_file;
  std::uint64_t warc_offset = 0;
  std::optional<std::string> error;
  std::string change;    // "new", "changed", "unchanged", "gone", "failed"
  bool revisit = false;  // archived as a revisit record
};

class CrawlLog {
 public:
  // Opens `path` for appending (created if missing). IOError if it cannot.
  static common::Result<std::unique_ptr<CrawlLog>> Open(const std::string& path);
  ~CrawlLog();
  CrawlLog(const CrawlLog&) = delete;
  CrawlLog& operator=(const CrawlLog&) = delete;

  // Appends one line and flushes it. IOError if the write fails.
  common::Status Append(const LogEntry& entry);

  // The JSON text of an entry, without the newline (invalid UTF-8 replaced by U+FFFD).
  static std::string Format(const LogEntry& entry);

 private:
  CrawlLog(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::FILE* file_;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CRAWL_LOG_H_
