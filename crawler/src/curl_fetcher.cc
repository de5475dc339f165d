// The only file that calls libcurl (ARCHITECTURE.md). Every option that shapes the archived bytes
// is set here, with the reason beside it.
#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "fetcher.h"

namespace vestige::crawler {

namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init is not thread-safe and must run once per process; it is never undone, since
// other parts of the process may still hold handles at exit.
CURLcode GlobalInit() {
  static std::once_flag once;
  static CURLcode code = CURLE_OK;
  std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return code;
}

// What one transfer captures through the callbacks.
struct Capture {
  std::uint64_t max_body_bytes = 0;
  std::string request;  // request head (+ body) as sent
  bool request_head_done = false;
  std::optional<std::chrono::system_clock::time_point> sent_at;
  std::string headers;  // the current response header block
  bool headers_done = false;
  std::string body;
  bool over_limit = false;
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* c = static_cast<Capture*>(user);
  size_t len = size * count;
  std::string_view line(data, len);
  if (c->headers_done) {
    // After the body started, header callbacks are chunked trailers: they are in the raw body
    // bytes already (transfer decoding is off), so they are not added again.
    if (!c->body.empty()) return len;
    // A new status line after a complete block: the block before was an interim 1xx response,
    // which is not part of the archived exchange.
    if (!StartsWith(line, "HTTP/")) return len;
    c->headers.clear();
    c->headers_done = false;
  }
  c->headers.append(line);
  if (line == "\r\n" || line == "\n") c->headers_done = true;
  return len;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* c = static_cast<Capture*>(user);
  size_t len = size * count;
  if (c->body.size() + len > c->max_body_bytes) {
    c->body.append(data, static_cast<size_t>(c->max_body_bytes - c->body.size()));
    c->over_limit = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  c->body.append(data, len);
  return len;
}

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* c = static_cast<Capture*>(user);
  if (type == CURLINFO_HEADER_OUT) {
    // curl may resend a request on a fresh connection when a kept-alive one turned out dead:
    // keep only the last attempt, and forget any response bytes from the failed one.
    if (c->request_head_done) {
      c->request.clear();
      c->headers.clear();
      c->headers_done = false;
      c->body.clear();
      c->sent_at.reset();
    }
    if (!c->sent_at) c->sent_at = std::chrono::system_clock::now();
    c->request.append(data, size);
    std::string_view r = c->request;
    c->request_head_done = r.size() >= 4 && r.substr(r.size() - 4) == "\r\n\r\n";
  } else if (type == CURLINFO_DATA_OUT) {
    c->request.append(data, size);
  }
  return 0;
}

class CurlFetcher : public Fetcher {
 public:
  CurlFetcher(EasyHandle handle, Slist resolve, std::uint64_t max_body_bytes)
      : handle_(std::move(handle)), resolve_(std::move(resolve)), max_body_bytes_(max_body_bytes) {}

  FetchResult Fetch(const std::string& url, const std::vector<std::string>& headers) override {
    CURL* h = handle_.get();
    Slist extra;
    for (const std::string& line : headers) {
      curl_slist* grown = curl_slist_append(extra.get(), line.c_str());
      if (grown == nullptr) break;
      (void)extra.release();
      extra.reset(grown);
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, extra.get());
    Capture capture;
    capture.max_body_bytes = max_body_bytes_;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &capture);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &capture);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &capture);

    FetchResult result;
    auto wall_start = std::chrono::system_clock::now();
    auto start = std::chrono::steady_clock::now();
    CURLcode rc = curl_easy_perform(h);
    result.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    result.request_time = capture.sent_at.value_or(wall_start);
    result.request_bytes = std::move(capture.request);

    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    char* ip = nullptr;
    if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) {
      result.ip_address = ip;
    }
    if (capture.headers_done) {
      result.status = static_cast<int>(code);
      result.response_header_bytes = capture.headers.size();
      result.response_bytes = std::move(capture.headers);
      result.response_bytes += capture.body;
    }
    if (capture.over_limit) {
      result.error = "body larger than " + std::to_string(max_body_bytes_) + " bytes, cut";
      result.truncated = "length";
    } else if (rc != CURLE_OK) {
      result.error = curl_easy_strerror(rc);
      if (error_buffer[0] != '\0') result.error += std::string(": ") + error_buffer;
      if (result.got_response()) {
        result.truncated = rc == CURLE_OPERATION_TIMEDOUT ? "time" : "disconnect";
      }
    } else if (!result.got_response()) {
      result.error = "no response";
    }
    return result;
  }

 private:
  EasyHandle handle_;
  Slist resolve_;  // must outlive the handle's use of it
  std::uint64_t max_body_bytes_;
};

}  // namespace

common::Result<std::unique_ptr<Fetcher>> NewCurlFetcher(const FetcherOptions& options) {
  if (GlobalInit() != CURLE_OK) return common::Status::Internal("curl_global_init failed");
  EasyHandle handle(curl_easy_init());
  if (!handle) return common::Status::Internal("curl_easy_init failed");
  Slist resolve;
  for (const std::string& entry : options.resolve) {
    curl_slist* grown = curl_slist_append(resolve.get(), entry.c_str());
    if (grown == nullptr) return common::Status::Internal("curl_slist_append failed");
    (void)resolve.release();
    resolve.reset(grown);
  }
  CURL* h = handle.get();
  CURLcode rc = CURLE_OK;
  auto set = [&rc](CURLcode r) {
    if (rc == CURLE_OK) rc = r;
  };
  // Evidence wants the bytes as the server sent them: HTTP/1.1 (no HTTP/2 framing to undo), no
  // Accept-Encoding (bodies arrive as the server chooses to send them unasked), and no decoding
  // of transfer or content codings (the chunk framing stays in the archived block).
  set(curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1)));
  set(curl_easy_setopt(h, CURLOPT_HTTP_TRANSFER_DECODING, 0L));
  set(curl_easy_setopt(h, CURLOPT_HTTP_CONTENT_DECODING, 0L));
  // The crawler queues redirect targets itself, so each hop is archived and scope-checked.
  set(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
  set(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
  set(curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str()));
  set(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                       static_cast<long>(options.connect_timeout_seconds)));
  set(curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options.total_timeout_seconds)));
  set(curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options.low_speed_bytes)));
  set(curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_seconds)));
  set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
  set(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
  // No proxy, whatever the environment says: the archive must record the origin's own answer
  // and WARC-IP-Address must be the origin's address.
  set(curl_easy_setopt(h, CURLOPT_PROXY, ""));
  // Signals are unsafe with threads; curl then cannot time out DNS lookups without the
  // threaded resolver, which Debian's libcurl has.
  set(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
  if (resolve) set(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve.get()));
  set(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader));
  set(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody));
  // The debug callback is the only way to see the request bytes as sent; it needs VERBOSE, and
  // with a callback installed nothing is printed.
  set(curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, &OnDebug));
  set(curl_easy_setopt(h, CURLOPT_VERBOSE, 1L));
  if (rc != CURLE_OK) {
    return common::Status::Internal(std::string("curl rejected an option: ") +
                                    curl_easy_strerror(rc));
  }
  return std::unique_ptr<Fetcher>(
      std::make_unique<CurlFetcher>(std::move(handle), std::move(resolve), options.max_body_bytes));
}

}  // namespace vestige::crawler
