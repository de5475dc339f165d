#include "vestige/testserver/server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "file_handler.h"
#include "http_message.h"
#include "socket_io.h"

namespace vestige::testserver {

namespace {

// Limits on what a client may send; beyond them the request is refused and the connection closed.
constexpr std::size_t kMaxHeadBytes = 64 * 1024;
constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;

bool IsBodiless(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// The framed body as it goes on the wire: `chunks` chunks plus the last chunk when chunked.
std::string ChunkedBody(const std::string& body, int chunks) {
  std::string out;
  std::size_t n = static_cast<std::size_t>(chunks);
  std::size_t size = (body.size() + n - 1) / n;
  for (std::size_t pos = 0; size > 0 && pos < body.size(); pos += size) {
    std::size_t len = std::min(size, body.size() - pos);
    char hex[32];
    std::snprintf(hex, sizeof hex, "%zx\r\n", len);
    out += hex;
    out.append(body, pos, len);
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

Response ErrorResponse(int status, const std::string& why) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  r.body = std::to_string(status) + " " + ReasonPhrase(status) + ": " + why + "\n";
  return r;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  int listen_fd = -1;
  std::atomic<int> port{0};
  std::string error;
  std::atomic<bool> stopping{false};
  std::mutex lifecycle;  // serializes Start() and Stop()
  bool started = false;  // guarded by lifecycle
  std::thread accept_thread;

  mutable std::mutex mu;  // guards everything below
  std::condition_variable slot_freed;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<Handler>> routes;
  std::vector<LoggedRequest> log;
  std::map<std::pair<std::string, std::string>, int> hits;  // (host, path) -> count
  // Concurrency counters: now and the maximum seen, in total ("" key) and per host.
  std::map<std::string, int> answering, max_answering;
  std::map<std::string, int> open_connections, max_open;
  struct Connection {
    std::thread thread;
    int fd = -1;  // -1 once closed by its thread
  };
  std::map<std::uint64_t, Connection> connections;
  std::vector<std::uint64_t> finished;  // ids whose threads are done, to join
  std::uint64_t next_id = 0;
  int active = 0;

  void AcceptLoop();
  void JoinFinished();
  void Serve(std::uint64_t id, int fd);
  // The answer to a well-formed request: a route's, or a file's.
  Response Respond(const Request& request);
  enum class After { kKeepOpen, kClose, kReset };
  // Sends `response` (applying its faults) and says what becomes of the connection.
  After Send(int fd, const Request& request, const Response& response, bool keep_alive);
  std::shared_ptr<Handler> FindRoute(const Request& request) const;
};

Server::Server() : impl_(std::make_unique<Impl>()) {}

Server::~Server() { Stop(); }

int Server::Start(const ServerOptions& options) {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> lifecycle(s.lifecycle);
  auto fail = [&s](std::string why) {
    std::lock_guard<std::mutex> lock(s.mu);
    s.error = std::move(why);
    return 0;
  };
  if (s.started) return fail("already started");
  s.options = options;
  if (s.options.max_connections < 1) s.options.max_connections = 1;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* info = nullptr;
  std::string port_text = std::to_string(options.port);
  int gai = ::getaddrinfo(options.bind_address.c_str(), port_text.c_str(), &hints, &info);
  if (gai != 0 || info == nullptr) {
    return fail("bad bind address " + options.bind_address + ": " + ::gai_strerror(gai));
  }
  int fd = ::socket(info->ai_family, info->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    info->ai_protocol);
  if (fd < 0) {
    ::freeaddrinfo(info);
    return fail(std::string("socket: ") + std::strerror(errno));
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, info->ai_addr, info->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
    std::string why =
        "cannot listen on " + options.bind_address + ":" + port_text + ": " + std::strerror(errno);
    ::close(fd);
    ::freeaddrinfo(info);
    return fail(why);
  }
  ::freeaddrinfo(info);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int bound = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                         : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  s.listen_fd = fd;
  s.port = bound;
  s.started = true;
  s.stopping = false;
  fail("");
  s.accept_thread = std::thread([&s] { s.AcceptLoop(); });
  return bound;
}

void Server::Stop() {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> lifecycle(s.lifecycle);
  if (!s.started) return;
  s.stopping = true;
  s.slot_freed.notify_all();
  if (s.accept_thread.joinable()) s.accept_thread.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    for (auto& [id, c] : s.connections) {
      // Wakes a thread blocked on this socket; its own poll slices notice `stopping` too.
      if (c.fd >= 0) ::shutdown(c.fd, SHUT_RDWR);
      threads.push_back(std::move(c.thread));
    }
  }
  for (std::thread& t : threads) {
    if (t.joinable()) t.join();
  }
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.connections.clear();
    s.finished.clear();
  }
  if (s.listen_fd >= 0) ::close(s.listen_fd);
  s.listen_fd = -1;
  s.started = false;
}

int Server::port() const { return impl_->port.load(); }

std::string Server::error() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->error;
}

void Server::AddRoute(const std::string& host, const std::string& path, Handler handler) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->routes[{ToLower(host), path}] = std::make_shared<Handler>(std::move(handler));
}

std::vector<LoggedRequest> Server::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->log;
}

int Server::hits(const std::string& path) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  int total = 0;
  for (const auto& [key, n] : impl_->hits) {
    if (key.second == path) total += n;
  }
  return total;
}

int Server::hits(const std::string& host, const std::string& path) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->hits.find({ToLower(host), path});
  return it == impl_->hits.end() ? 0 : it->second;
}

int Server::max_concurrent_requests() const { return max_concurrent_requests(""); }

int Server::max_concurrent_requests(const std::string& host) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->max_answering.find(ToLower(host));
  return it == impl_->max_answering.end() ? 0 : it->second;
}

int Server::max_open_connections(const std::string& host) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->max_open.find(ToLower(host));
  return it == impl_->max_open.end() ? 0 : it->second;
}

void Server::ClearLog() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->log.clear();
  impl_->hits.clear();
  // The maxima restart from what is open or being answered now.
  impl_->max_answering = impl_->answering;
  impl_->max_open = impl_->open_connections;
}

void Server::Impl::JoinFinished() {
  std::vector<std::thread> done;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (std::uint64_t id : finished) {
      auto it = connections.find(id);
      if (it == connections.end()) continue;
      done.push_back(std::move(it->second.thread));
      connections.erase(it);
    }
    finished.clear();
  }
  for (std::thread& t : done) {
    if (t.joinable()) t.join();
  }
}

void Server::Impl::AcceptLoop() {
  while (!stopping.load()) {
    JoinFinished();
    {
      // Bounded concurrency: beyond max_connections, clients wait in the listen queue.
      std::unique_lock<std::mutex> lock(mu);
      slot_freed.wait_for(lock, std::chrono::milliseconds(100),
                          [this] { return stopping.load() || active < options.max_connections; });
      if (stopping.load() || active >= options.max_connections) continue;
    }
    pollfd p{listen_fd, POLLIN, 0};
    int n = ::poll(&p, 1, 100);
    if (n <= 0) continue;
    // Non-blocking: a send never blocks past the poll() that guards it.
    int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mu);
    std::uint64_t id = next_id++;
    ++active;
    Connection& c = connections[id];
    c.fd = fd;
    c.thread = std::thread([this, id, fd] { Serve(id, fd); });
  }
}

std::shared_ptr<Handler> Server::Impl::FindRoute(const Request& request) const {
  std::lock_guard<std::mutex> lock(mu);
  auto it = routes.find({request.host, request.path});
  if (it == routes.end()) it = routes.find({"*", request.path});
  return it == routes.end() ? nullptr : it->second;
}

void Server::Impl::Serve(std::uint64_t id, int fd) {
  const auto idle = std::chrono::milliseconds(options.idle_timeout_ms);
  std::string buffer;
  bool open = true;
  After after = After::kClose;
  std::optional<std::string> connection_host;  // the host of the first request
  while (open && !stopping.load()) {
    // Read the request head; a deadline per request so a slow client cannot hold the thread.
    auto deadline = Clock::now() + idle;
    std::size_t head_end = std::string::npos;
    std::size_t sep = 0;
    while (true) {
      std::size_t crlf = buffer.find("\r\n\r\n");
      std::size_t lf = buffer.find("\n\n");
      if (crlf != std::string::npos && (lf == std::string::npos || crlf < lf)) {
        head_end = crlf, sep = 4;
      } else if (lf != std::string::npos) {
        head_end = lf, sep = 2;
      }
      if (head_end != std::string::npos) break;
      if (buffer.size() > kMaxHeadBytes) break;
      if (ReadSome(fd, &buffer, deadline, stopping) != IoResult::kOk) {
        open = false;
        break;
      }
    }
    if (!open) break;
    if (head_end == std::string::npos || head_end > kMaxHeadBytes) {
      Send(fd, Request{}, ErrorResponse(431, "request head too large"), false);
      break;
    }
    Request request;
    std::string why = ParseRequestHead(std::string_view(buffer).substr(0, head_end), &request);
    std::size_t consumed = head_end + sep;
    std::size_t body_length = 0;
    if (why.empty()) {
      if (FindHeader(request.headers, "Transfer-Encoding")) {
        why = "chunked request bodies are not supported";
      } else if (auto cl = FindHeader(request.headers, "Content-Length")) {
        if (cl->empty() || cl->size() > 9 ||
            cl->find_first_not_of("0123456789") != std::string_view::npos) {
          why = "bad Content-Length";
        } else {
          body_length = std::stoul(std::string(*cl));
          if (body_length > kMaxBodyBytes) why = "request body too large";
        }
      }
    }
    if (!why.empty()) {
      Send(fd, Request{}, ErrorResponse(400, why), false);
      break;
    }
    while (buffer.size() < consumed + body_length) {
      if (ReadSome(fd, &buffer, deadline, stopping) != IoResult::kOk) {
        open = false;
        break;
      }
    }
    if (!open) break;
    request.body = buffer.substr(consumed, body_length);
    buffer.erase(0, consumed + body_length);

    std::optional<std::string_view> connection = FindHeader(request.headers, "Connection");
    bool keep_alive = request.version == "HTTP/1.1";
    if (connection && EqualsIgnoreCase(*connection, "close")) keep_alive = false;
    if (connection && EqualsIgnoreCase(*connection, "keep-alive")) keep_alive = true;
    {
      std::lock_guard<std::mutex> lock(mu);
      LoggedRequest entry;
      entry.time = std::chrono::system_clock::now();
      entry.method = request.method;
      auto host = FindHeader(request.headers, "Host");
      entry.host = host ? std::string(*host) : "";
      entry.target = request.target;
      entry.headers = request.headers;
      log.push_back(std::move(entry));
      ++hits[{request.host, request.path}];
      if (!connection_host) {
        connection_host = request.host;
        int& now_open = ++open_connections[request.host];
        max_open[request.host] = std::max(max_open[request.host], now_open);
      }
      for (const std::string& key : {std::string(), request.host}) {
        int& now = ++answering[key];
        max_answering[key] = std::max(max_answering[key], now);
      }
    }
    const Response response = Respond(request);
    // The delay (a slow handler, --latency-ms) counts as answering; writing the bytes does not:
    // counted until Send returned, a client that starts its next request as soon as it has this
    // one's last byte could be counted together with it (one request too many, at random).
    const int delay_ms = response.delay_ms + options.latency_ms;
    const bool stopped =
        delay_ms > 0 && !SleepUnlessStopped(std::chrono::milliseconds(delay_ms), stopping);
    {
      std::lock_guard<std::mutex> lock(mu);
      --answering[""];
      --answering[request.host];
    }
    after = stopped ? After::kClose : Send(fd, request, response, keep_alive);
    open = after == After::kKeepOpen;
  }
  if (after != After::kReset) {
    // Lingering close: stop sending, then read what the client still sends for a moment, so
    // that closing with unread bytes does not turn into a reset that destroys our last response.
    ::shutdown(fd, SHUT_WR);
    std::string sink;
    auto until = Clock::now() + std::chrono::milliseconds(500);
    while (sink.size() < kMaxHeadBytes && ReadSome(fd, &sink, until, stopping) == IoResult::kOk) {
    }
  }
  std::lock_guard<std::mutex> lock(mu);
  ::close(fd);
  if (connection_host) --open_connections[*connection_host];
  connections[id].fd = -1;
  finished.push_back(id);
  --active;
  slot_freed.notify_all();
}

Response Server::Impl::Respond(const Request& request) {
  std::shared_ptr<Handler> handler = FindRoute(request);
  if (!handler) return ServeFile(options.root, request);
  try {
    return (*handler)(request);
  } catch (const std::exception& e) {
    return ErrorResponse(500, std::string("handler threw: ") + e.what());
  } catch (...) {
    return ErrorResponse(500, "handler threw");
  }
}

Server::Impl::After Server::Impl::Send(int fd, const Request& request, const Response& response,
                                       bool keep_alive) {
  if (response.reset_connection) {
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    linger lg{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    return After::kReset;
  }
  const bool head = request.method == "HEAD";
  const bool bodiless = IsBodiless(response.status);
  const bool framed_by_handler = FindHeader(response.headers, "Content-Length").has_value() ||
                                 FindHeader(response.headers, "Transfer-Encoding").has_value();
  const bool chunked = response.chunks > 0 && !bodiless && !framed_by_handler;
  // Faults that cut the body short also end the connection, as a real failure would.
  const bool fault_close =
      response.close_after_body_bytes.has_value() || response.extra_content_length > 0;

  std::string out = request.version.empty() ? std::string("HTTP/1.1") : request.version;
  out += " " + std::to_string(response.status) + " ";
  out += response.reason.empty() ? ReasonPhrase(response.status) : response.reason;
  out += "\r\n";
  bool has_date = FindHeader(response.headers, "Date").has_value();
  if (!has_date) out += "Date: " + FormatHttpDate(std::time(nullptr)) + "\r\n";
  if (!FindHeader(response.headers, "Server")) out += "Server: vestige-testserver\r\n";
  for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
  if (!bodiless && !framed_by_handler) {
    if (chunked) {
      out += "Transfer-Encoding: chunked\r\n";
    } else {
      out += "Content-Length: " +
             std::to_string(response.body.size() + response.extra_content_length) + "\r\n";
    }
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  std::size_t head_size = out.size();
  if (!head && !bodiless) {
    out += chunked ? ChunkedBody(response.body, response.chunks) : response.body;
  }
  if (response.close_after_body_bytes) {
    out.resize(std::min(out.size(), head_size + *response.close_after_body_bytes));
  }
  IoResult r = SendAll(fd, out, response.throttle_bytes_per_second,
                       std::chrono::milliseconds(options.idle_timeout_ms), stopping);
  return r == IoResult::kOk && keep_alive && !fault_close ? After::kKeepOpen : After::kClose;
}

}  // namespace vestige::testserver
