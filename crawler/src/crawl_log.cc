#include "crawl_log.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>

namespace vestige::crawler {

common::Result<std::unique_ptr<CrawlLog>> CrawlLog::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (file == nullptr) {
    return common::Status::IOError(path + ": cannot open for appending: " + std::strerror(errno));
  }
  return std::unique_ptr<CrawlLog>(new CrawlLog(path, file));
}

CrawlLog::~CrawlLog() {
  if (file_ != nullptr) std::fclose(file_);
}

std::string CrawlLog::Format(const LogEntry& e) {
  try {
    nlohmann::ordered_json j;
    j["time"] = e.time;
    j["url"] = e.url;
    j["kind"] = e.kind;
    j["status"] = e.status;
    j["bytes"] = e.bytes;
    j["payload_digest"] = e.payload_digest;
    j["duration_ms"] = std::round(e.duration_ms * 1000.0) / 1000.0;
    j["warc_file"] = e.warc_file ? nlohmann::ordered_json(*e.warc_file) : nullptr;
    j["warc_offset"] = e.warc_file ? nlohmann::ordered_json(e.warc_offset) : nullptr;
    j["error"] = e.error ? nlohmann::ordered_json(*e.error) : nullptr;
    j["change"] = e.change;
    j["revisit"] = e.revisit;
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  } catch (const std::exception&) {
    // Only allocation can fail here; keep the line parseable anyway.
    return std::string("{\"error\":\"cannot format log entry\"}");
  }
}

common::Status CrawlLog::Append(const LogEntry& entry) {
  std::string line = Format(entry);
  line.push_back('\n');
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    return common::Status::IOError(path_ + ": cannot write: " + std::strerror(errno));
  }
  return common::Status::OK();
}

}  // namespace vestige::crawler
