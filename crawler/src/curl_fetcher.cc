// The only file that calls libcurl (ARCHITECTURE.md). Every option that shapes the archived bytes
// is set here, with the reason beside it.
#include <curl/curl.h>

#include <algorithm>
#include <map>
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

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;

// Builds an slist from lines; nullptr for none (or when curl cannot allocate).
Slist MakeSlist(const std::vector<std::string>& lines, bool* ok) {
  Slist list;
  *ok = true;
  for (const std::string& line : lines) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) {
      *ok = false;
      break;
    }
    (void)list.release();
    list.reset(grown);
  }
  return list;
}

// An easy handle with every option that does not change between transfers. `resolve` must
// outlive the handle's use of it.
common::Result<EasyHandle> NewEasy(const FetcherOptions& options, curl_slist* resolve) {
  EasyHandle handle(curl_easy_init());
  if (!handle) return common::Status::Internal("curl_easy_init failed");
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
  if (resolve != nullptr) set(curl_easy_setopt(h, CURLOPT_RESOLVE, resolve));
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
  return handle;
}

// One transfer in flight. Heap-allocated so the callbacks' pointer to `capture` stays valid.
struct Transfer {
  std::uint64_t token = 0;
  EasyHandle handle;
  Slist headers;
  Capture capture;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  std::chrono::system_clock::time_point wall_start;
  std::chrono::steady_clock::time_point start;
};

// What the callbacks captured, and curl's verdict, as a FetchResult.
FetchResult Finish(Transfer& t, CURLcode rc, std::uint64_t max_body_bytes) {
  CURL* h = t.handle.get();
  FetchResult result;
  result.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t.start).count();
  Capture& capture = t.capture;
  result.request_time = capture.sent_at.value_or(t.wall_start);
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
    result.error = "body larger than " + std::to_string(max_body_bytes) + " bytes, cut";
    result.truncated = "length";
  } else if (rc != CURLE_OK) {
    result.error = curl_easy_strerror(rc);
    if (t.error_buffer[0] != '\0') result.error += std::string(": ") + t.error_buffer;
    if (result.got_response()) {
      result.truncated = rc == CURLE_OPERATION_TIMEDOUT ? "time" : "disconnect";
    }
  } else if (!result.got_response()) {
    result.error = "no response";
  }
  return result;
}

class CurlFetcher : public Fetcher {
 public:
  CurlFetcher(MultiHandle multi, Slist resolve, FetcherOptions options, EasyHandle first)
      : multi_(std::move(multi)), resolve_(std::move(resolve)), options_(std::move(options)) {
    idle_.push_back(std::move(first));
  }

  ~CurlFetcher() override {
    // Handles must leave the multi handle before either is cleaned up.
    for (auto& [handle, transfer] : active_) curl_multi_remove_handle(multi_.get(), handle);
  }

  void Start(FetchRequest request) override {
    auto t = std::make_unique<Transfer>();
    t->token = request.token;
    t->capture.max_body_bytes = options_.max_body_bytes;
    t->wall_start = std::chrono::system_clock::now();
    t->start = std::chrono::steady_clock::now();
    std::string why;
    if (!idle_.empty()) {
      t->handle = std::move(idle_.back());
      idle_.pop_back();
    } else {
      common::Result<EasyHandle> fresh = NewEasy(options_, resolve_.get());
      if (fresh.ok()) {
        t->handle = std::move(*fresh);
      } else {
        why = fresh.status().message();
      }
    }
    bool listed = true;
    t->headers = MakeSlist(request.headers, &listed);
    if (why.empty() && !listed) why = "curl_slist_append failed";
    if (why.empty()) {
      CURL* h = t->handle.get();
      curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());  // curl copies the string
      curl_easy_setopt(h, CURLOPT_HTTPHEADER, t->headers.get());
      curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t->error_buffer);
      curl_easy_setopt(h, CURLOPT_HEADERDATA, &t->capture);
      curl_easy_setopt(h, CURLOPT_WRITEDATA, &t->capture);
      curl_easy_setopt(h, CURLOPT_DEBUGDATA, &t->capture);
      CURLMcode mc = curl_multi_add_handle(multi_.get(), h);
      if (mc == CURLM_OK) {
        active_.emplace(h, std::move(t));
        return;
      }
      why = std::string("curl_multi_add_handle: ") + curl_multi_strerror(mc);
      Recycle(*t);
    }
    FetchCompletion failed;
    failed.token = request.token;
    failed.result.request_time = t->wall_start;
    failed.result.error = why;
    unstarted_.push_back(std::move(failed));
  }

  std::vector<FetchCompletion> Wait(std::chrono::milliseconds max_wait) override {
    std::vector<FetchCompletion> out = std::move(unstarted_);
    unstarted_.clear();
    const auto deadline = std::chrono::steady_clock::now() + max_wait;
    while (true) {
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      Drain(&out);
      if (!out.empty() || active_.empty()) return out;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return out;
      // Sleeps until a socket is ready, curl's own timer fires, or `left` passes.
      curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(left.count()), nullptr);
    }
  }

  std::size_t in_flight() const override { return active_.size() + unstarted_.size(); }

 private:
  void Drain(std::vector<FetchCompletion>* out) {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* h = msg->easy_handle;
      const CURLcode rc = msg->data.result;  // `msg` is invalid once the handle is removed
      auto it = active_.find(h);
      if (it == active_.end()) continue;
      std::unique_ptr<Transfer> t = std::move(it->second);
      active_.erase(it);
      curl_multi_remove_handle(multi_.get(), h);
      FetchCompletion done;
      done.token = t->token;
      done.result = Finish(*t, rc, options_.max_body_bytes);
      Recycle(*t);
      out->push_back(std::move(done));
    }
  }

  // Clears what pointed into the transfer and keeps its handle (and settings) for the next one.
  void Recycle(Transfer& t) {
    CURL* h = t.handle.get();
    if (h == nullptr) return;
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, nullptr);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, nullptr);
    idle_.push_back(std::move(t.handle));
  }

  MultiHandle multi_;
  Slist resolve_;  // must outlive every handle's use of it
  FetcherOptions options_;
  std::vector<EasyHandle> idle_;  // configured handles between transfers
  std::map<CURL*, std::unique_ptr<Transfer>> active_;
  std::vector<FetchCompletion> unstarted_;  // transfers that failed in Start()
};

}  // namespace

common::Result<std::unique_ptr<Fetcher>> NewCurlFetcher(const FetcherOptions& options) {
  if (GlobalInit() != CURLE_OK) return common::Status::Internal("curl_global_init failed");
  bool listed = true;
  Slist resolve = MakeSlist(options.resolve, &listed);
  if (!listed) return common::Status::Internal("curl_slist_append failed");
  // One handle checks every option before the crawl starts, and becomes the first idle handle.
  common::Result<EasyHandle> first = NewEasy(options, resolve.get());
  if (!first.ok()) return first.status();
  MultiHandle multi(curl_multi_init());
  if (!multi) return common::Status::Internal("curl_multi_init failed");
  const long cached = std::max(8L, 4L * static_cast<long>(options.concurrency));
  CURLMcode mc = curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, cached);
  if (mc != CURLM_OK) {
    return common::Status::Internal(std::string("curl rejected a multi option: ") +
                                    curl_multi_strerror(mc));
  }
  auto fetcher = std::make_unique<CurlFetcher>(std::move(multi), std::move(resolve), options,
                                               std::move(*first));
  return std::unique_ptr<Fetcher>(std::move(fetcher));
}

}  // namespace vestige::crawler
