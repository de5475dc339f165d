// Internal: the fetcher seam. The crawler asks for one URL at a time and gets back the exact
// bytes that went over the wire. Only src/curl_fetcher.cc sees libcurl; moving to the curl multi
// interface (many hosts at once) changes that file and this interface only.
// Thread safety: a Fetcher is used by one thread at a time.
#ifndef VESTIGE_CRAWLER_FETCHER_H_
#define VESTIGE_CRAWLER_FETCHER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::crawler {

struct FetcherOptions {
  std::string user_agent;
  // curl --resolve entries, "HOST:PORT:ADDRESS", already validated.
  std::vector<std::string> resolve;
  int connect_timeout_seconds = 10;
  int total_timeout_seconds = 60;
  int low_speed_bytes = 100;
  int low_speed_seconds = 20;
  std::uint64_t max_body_bytes = 256ull << 20;
};

// One exchange, as it happened.
struct FetchResult {
  // When the request head went out (falls back to the start of the attempt).
  std::chrono::system_clock::time_point request_time;
  double duration_ms = 0;
  // The request head (and body, if any) exactly as sent; "" if nothing was sent.
  std::string request_bytes;
  // The final response's header bytes exactly as received (status line to blank line, interim
  // 1xx responses dropped) followed by the body bytes as received (transfer coding and content
  // coding kept). "" when no response arrived.
  std::string response_bytes;
  std::size_t response_header_bytes = 0;
  int status = 0;          // HTTP status; 0 when no response head arrived
  std::string ip_address;  // of the peer; "" when no connection was made
  // "" when the transfer completed; otherwise why it did not (a one-line message).
  std::string error;
  // WARC-Truncated reason when a response arrived but was cut: "length" (our body limit),
  // "time" (timeout), "disconnect" (the peer closed or reset); "" otherwise.
  std::string truncated;

  bool got_response() const { return response_header_bytes > 0; }
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // GETs `url` without following redirects. Never fails as a call: transport failures are
  // described in the result (error set, got_response() false or truncated set).
  // `headers` are extra request header lines ("If-None-Match: \"x\""), sent as given.
  virtual FetchResult Fetch(const std::string& url,
                            const std::vector<std::string>& headers = {}) = 0;
};

// A libcurl easy-handle fetcher (keeps connections alive between calls). Internal error if
// libcurl cannot be initialized or rejects an option.
common::Result<std::unique_ptr<Fetcher>> NewCurlFetcher(const FetcherOptions& options);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_FETCHER_H_
