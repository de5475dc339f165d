// Internal: the fetcher seam. The crawler starts transfers (many hosts at once) and gets back, for
// each, the exact bytes that went over the wire. Only src/curl_fetcher.cc sees libcurl.
// Thread safety: a Fetcher is used by one thread at a time; all its transfers run on that thread.
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
  // Transfers the caller runs at once. Idle connections kept for reuse: a few per transfer slot,
  // so a host's connection survives while other hosts are fetched.
  int concurrency = 16;
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

// One transfer to run. `token` is the caller's name for it; its completion carries it back.
struct FetchRequest {
  std::uint64_t token = 0;
  std::string url;
  // Extra request header lines ("If-None-Match: \"x\""), sent as given.
  std::vector<std::string> headers;
};

struct FetchCompletion {
  std::uint64_t token = 0;
  FetchResult result;
};

// Runs many transfers at once on the calling thread (libcurl's multi interface behind it):
// Start() adds transfers, Wait() drives them and hands back those that ended. Connections are
// kept alive and reused between transfers to the same host. The fetcher itself does not limit
// transfers per host: the caller decides what runs at once (the crawler runs one per host).
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Begins GETting `request.url` without following redirects. Never fails as a call: a transfer
  // that cannot even start completes at the next Wait() with its error set.
  virtual void Start(FetchRequest request) = 0;
  // Moves the transfers in flight along for at most `max_wait` (less as soon as one ends) and
  // returns those that ended, each exactly once, in the order they ended; possibly none.
  virtual std::vector<FetchCompletion> Wait(std::chrono::milliseconds max_wait) = 0;
  // Transfers started and not yet returned by Wait().
  virtual std::size_t in_flight() const = 0;
};

// A libcurl multi-interface fetcher. Internal error if libcurl cannot be initialized or rejects
// an option.
common::Result<std::unique_ptr<Fetcher>> NewCurlFetcher(const FetcherOptions& options);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_FETCHER_H_
