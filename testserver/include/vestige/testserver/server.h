// A loopback HTTP/1.1 server for tests and demos: serves a folder of virtual hosts and injects
// faults on request, so crawler tests never need the internet.
//
// Files: root/<host>/ is the document root for requests whose Host header (port stripped, lower
// case) is <host>; an unknown host is a 404. "/a/b/" serves a/b/index.html, "/a/b.html" that file;
// a directory requested without its slash is a 301 to the slashed URL. The path is
// percent-decoded; a ".." segment is a 403; the query is ignored. Content-Type comes from the
// extension. A sidecar "<file>.headers" holds raw "Name: value" lines that replace or add
// response headers (a "Status: NNN" line sets the status code); sidecars are never served. In
// text files (.html .xml .txt .rss .atom) the token {{ORIGIN}} becomes "http://" + the Host
// header as received. Responses carry Content-Length, Last-Modified (file mtime), a strong ETag
// (hash of the bytes sent) and honour If-None-Match / If-Modified-Since with a 304. GET and HEAD.
//
// Routes: AddRoute(host, path, handler) answers a path from code instead of a file, and the
// Response it returns can ask for faults (delay, throttle, chunked framing, truncation, reset,
// a lying Content-Length). Routes win over files.
//
// Thread safety: every public member may be called from any thread while the server runs;
// handlers run on connection threads, several at once, and must be thread-safe themselves.
#ifndef VESTIGE_TESTSERVER_SERVER_H_
#define VESTIGE_TESTSERVER_SERVER_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vestige::testserver {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of the first header with this name.
std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view name);

// A parsed request, as handlers and the request log see it.
struct Request {
  std::string method;   // "GET"
  std::string target;   // the request target as received: "/a/b?x=1"
  std::string path;     // target up to '?', not percent-decoded: "/a/b"
  std::string query;    // after '?', without it; "" if none
  std::string version;  // "HTTP/1.1"
  Headers headers;      // in order, names as received
  std::string host;     // Host header lower case without the port: "site.test"
  std::string body;     // request body (Content-Length framed), usually empty
};

// What a route answers. Defaults give a plain, well-behaved 200 with Content-Length.
struct Response {
  int status = 200;
  std::string reason;  // "" -> the standard phrase for `status`
  // Sent as given, after Date and Server. Content-Length / Transfer-Encoding are added unless the
  // handler sets one of them itself (then its value is sent verbatim).
  Headers headers;
  std::string body;

  // --- Fault knobs (all off by default) ---
  // Sleep this long before sending anything (tests client timeouts).
  int delay_ms = 0;
  // Send at most this many bytes per second, headers included; 0 means as fast as possible.
  std::size_t throttle_bytes_per_second = 0;
  // >0: send the body with Transfer-Encoding: chunked, split in this many chunks (plus the last,
  // empty chunk). Ignored for HEAD and bodiless statuses.
  int chunks = 0;
  // Close the connection after this many body bytes as they go on the wire (chunk framing
  // counts), so the client sees a truncated body.
  std::optional<std::size_t> close_after_body_bytes;
  // Reset the connection (SO_LINGER 0, then close) instead of answering.
  bool reset_connection = false;
  // Announce Content-Length = body size + this, send the body, then close: a short body.
  std::size_t extra_content_length = 0;
};

using Handler = std::function<Response(const Request&)>;

// One entry of the request log.
struct LoggedRequest {
  std::chrono::system_clock::time_point time;  // when the request head was parsed
  std::string method;
  std::string host;    // Host header as received (with port)
  std::string target;  // path + query as received
  Headers headers;
};

struct ServerOptions {
  // Folder whose subfolders are the virtual hosts. May be empty when only routes are used.
  std::string root;
  // Address to listen on. Keep loopback: the server is for tests, not for the network.
  std::string bind_address = "127.0.0.1";
  // 0 lets the OS pick a free port (what tests should do); Start() returns the one bound.
  int port = 0;
  // Connections served at once; more wait in the listen queue. More costs threads.
  int max_connections = 64;
  // How long a connection may sit idle (between requests, or mid-request) before it is closed.
  // Shorter frees threads sooner; too short breaks slow clients.
  int idle_timeout_ms = 10000;
  // Added to every response's delay_ms, files included: models a network round trip for the
  // crawl benchmark. 0 answers as fast as the machine allows.
  int latency_ms = 0;
};

class Server {
 public:
  Server();
  ~Server();  // Stop()s.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts serving. Returns the bound port, or 0 on failure (see error()).
  // REQUIRES: not already started.
  int Start(const ServerOptions& options);
  // Stops accepting, closes every connection, joins every thread. Idempotent; returns promptly
  // (every wait polls a stop flag), even with clients or handlers that stall.
  void Stop();
  // The bound port; 0 before Start() or after a failed one.
  int port() const;
  // Why Start() failed; "" otherwise.
  std::string error() const;

  // Answers `path` (as in the request target, before '?', not decoded) on `host` (lower case,
  // no port; "*" for any host) from `handler`. A later route for the same key replaces it.
  void AddRoute(const std::string& host, const std::string& path, Handler handler);

  // Every request received so far, in arrival order (a copy).
  std::vector<LoggedRequest> requests() const;
  // Requests whose path (before '?') was `path`, on any host / on `host` (lower case, no port).
  int hits(const std::string& path) const;
  int hits(const std::string& host, const std::string& path) const;
  // Concurrency seen so far. A request is "being answered" from the moment its head is parsed to
  // the moment its response is sent (route delays included); a connection counts for the host
  // of its first request from then until it closes.
  // The most requests answered at the same moment, on any host / on `host` (lower case, no port).
  int max_concurrent_requests() const;
  int max_concurrent_requests(const std::string& host) const;
  // The most connections open at the same moment for `host`.
  int max_open_connections(const std::string& host) const;
  // Forgets the log, the hit counters and the concurrency maxima.
  void ClearLog();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vestige::testserver

#endif  // VESTIGE_TESTSERVER_SERVER_H_
