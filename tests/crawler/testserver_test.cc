// The loopback test server, spoken to over raw sockets so that every byte it sends is checked:
// virtual hosts, files, sidecars, {{ORIGIN}}, validators, keep-alive, bad requests, routes and
// their fault knobs, the request log, and a prompt Stop().
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "test_paths.h"
#include "vestige/testserver/server.h"

namespace vestige::test {
namespace {

using testserver::Request;
using testserver::Response;

int Connect(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// Sends `request` and reads until the server closes (or 5 s pass). *reset: the read ended with
// ECONNRESET.
std::string Exchange(int port, const std::string& request, bool* reset = nullptr) {
  int fd = Connect(port);
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (reset != nullptr) *reset = n < 0 && errno == ECONNRESET;
    break;
  }
  ::close(fd);
  return out;
}

std::string Get(const std::string& path, const std::string& host, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra +
         "Connection: close\r\n\r\n";
}

std::string Body(const std::string& response) {
  std::size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

std::string HeaderValue(const std::string& response, const std::string& name) {
  std::size_t at = response.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  at += name.size() + 4;
  return response.substr(at, response.find("\r\n", at) - at);
}

class Fixture {
 public:
  Fixture() {
    auto site = dir_.path() / "site.test";
    std::filesystem::create_directories(site / "dir");
    WriteFile(site / "index.html", "<a href=\"{{ORIGIN}}/x\">x</a>");
    WriteFile(site / "dir" / "index.html", "dir index");
    WriteFile(site / "data.bin", std::string("\0\1{{ORIGIN}}", 12));
    WriteFile(site / "feed.xml", "<feed>{{ORIGIN}}</feed>");
    WriteFile(site / "gone.txt", "gone");
    WriteFile(site / "gone.txt.headers",
              "Status: 410\nX-Note: from sidecar\n"
              "Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT\n");
    WriteFile(site / "a b.txt", "space");
    testserver::ServerOptions options;
    options.root = dir_.path().string();
    options.idle_timeout_ms = 2000;
    port_ = server_.Start(options);
    REQUIRE(port_ > 0);
  }
  int port() const { return port_; }
  testserver::Server& server() { return server_; }
  std::string host() const { return "Site.Test:" + std::to_string(port_); }

 private:
  TempDir dir_;
  testserver::Server server_;
  int port_ = 0;
};

TEST_CASE("testserver: files, virtual hosts and paths") {
  Fixture f;
  struct Row {
    std::string path;
    std::string host;
    const char* status_line;
    const char* content_type;
  };
  const std::string h = f.host();
  const Row rows[] = {
      {"/", h, "HTTP/1.1 200 OK", "text/html; charset=utf-8"},
      {"/index.html?q=1", h, "HTTP/1.1 200 OK", "text/html; charset=utf-8"},
      {"/dir/", h, "HTTP/1.1 200 OK", "text/html; charset=utf-8"},
      {"/dir", h, "HTTP/1.1 301 Moved Permanently", "text/plain; charset=utf-8"},
      {"/data.bin", h, "HTTP/1.1 200 OK", "application/octet-stream"},
      {"/feed.xml", h, "HTTP/1.1 200 OK", "application/xml"},
      {"/a%20b.txt", h, "HTTP/1.1 200 OK", "text/plain; charset=utf-8"},
      {"/gone.txt", h, "HTTP/1.1 410 Gone", "text/plain; charset=utf-8"},
      {"/gone.txt.headers", h, "HTTP/1.1 404 Not Found", "text/plain; charset=utf-8"},
      {"/missing.html", h, "HTTP/1.1 404 Not Found", "text/plain; charset=utf-8"},
      {"/", "other.test", "HTTP/1.1 404 Not Found", "text/plain; charset=utf-8"},
      {"/../site.test/index.html", h, "HTTP/1.1 403 Forbidden", "text/plain; charset=utf-8"},
      {"/dir/%2e%2e/%2e%2e/x", h, "HTTP/1.1 403 Forbidden", "text/plain; charset=utf-8"},
      {"/bad%zzescape", h, "HTTP/1.1 400 Bad Request", "text/plain; charset=utf-8"},
      {"/nul%00byte", h, "HTTP/1.1 400 Bad Request", "text/plain; charset=utf-8"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.path);
    CAPTURE(row.host);
    std::string response = Exchange(f.port(), Get(row.path, row.host));
    CHECK(response.substr(0, response.find("\r\n")) == row.status_line);
    CHECK(HeaderValue(response, "Content-Type") == row.content_type);
    CHECK(HeaderValue(response, "Content-Length") == std::to_string(Body(response).size()));
  }
  std::string home = Exchange(f.port(), Get("/", h));
  CHECK(Body(home) == "<a href=\"http://" + h + "/x\">x</a>");  // Host as received, port kept
  CHECK(Body(Exchange(f.port(), Get("/feed.xml", h))) == "<feed>http://" + h + "</feed>");
  CHECK(Body(Exchange(f.port(), Get("/data.bin", h))) == std::string("\0\1{{ORIGIN}}", 12));
  CHECK(HeaderValue(Exchange(f.port(), Get("/dir", h)), "Location") == "/dir/");
  std::string gone = Exchange(f.port(), Get("/gone.txt", h));
  CHECK(HeaderValue(gone, "X-Note") == "from sidecar");
  CHECK(HeaderValue(gone, "Last-Modified") == "Mon, 01 Jan 2024 00:00:00 GMT");
}

TEST_CASE("testserver: validators, conditional GET and HEAD") {
  Fixture f;
  const std::string h = f.host();
  std::string first = Exchange(f.port(), Get("/dir/", h));
  std::string etag = HeaderValue(first, "ETag");
  std::string last_modified = HeaderValue(first, "Last-Modified");
  REQUIRE(etag.size() == 18);
  CHECK(etag.front() == '"');
  CHECK(last_modified.size() == 29);
  auto status = [](const std::string& r) { return r.substr(0, r.find("\r\n")); };
  CHECK(status(Exchange(f.port(), Get("/dir/", h, "If-None-Match: " + etag + "\r\n"))) ==
        "HTTP/1.1 304 Not Modified");
  CHECK(status(Exchange(f.port(), Get("/dir/", h, "If-None-Match: \"x\", W/" + etag + "\r\n"))) ==
        "HTTP/1.1 304 Not Modified");
  CHECK(status(Exchange(f.port(), Get("/dir/", h, "If-None-Match: \"other\"\r\n"))) ==
        "HTTP/1.1 200 OK");
  std::string not_modified =
      Exchange(f.port(), Get("/dir/", h, "If-Modified-Since: " + last_modified + "\r\n"));
  CHECK(status(not_modified) == "HTTP/1.1 304 Not Modified");
  CHECK(Body(not_modified).empty());
  CHECK(HeaderValue(not_modified, "ETag") == etag);
  CHECK(status(Exchange(f.port(),
                        Get("/dir/", h, "If-Modified-Since: Mon, 01 Jan 1990 00:00:00 GMT\r\n"))) ==
        "HTTP/1.1 200 OK");
  std::string head =
      Exchange(f.port(), "HEAD /dir/ HTTP/1.1\r\nHost: " + h + "\r\nConnection: close\r\n\r\n");
  CHECK(status(head) == "HTTP/1.1 200 OK");
  CHECK(HeaderValue(head, "Content-Length") == "9");
  CHECK(Body(head).empty());
}

TEST_CASE("testserver: keep-alive serves several requests on one connection") {
  Fixture f;
  std::string two = "GET /dir/ HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n" + Get("/", f.host());
  std::string out = Exchange(f.port(), two);
  CHECK(out.find("dir index") != std::string::npos);
  CHECK(out.find("HTTP/1.1 200 OK", 1) != std::string::npos);
  CHECK(out.substr(out.size() - 4) == "</a>");
  CHECK(f.server().hits("/dir/") == 1);
  CHECK(f.server().hits("/") == 1);
}

TEST_CASE("testserver: malformed requests get a 400 and no crash") {
  Fixture f;
  const char* bad[] = {
      "garbage\r\n\r\n",
      "GET / HTTP/1.1\r\n\r\n",  // no Host
      "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
      "GET noslash HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
      "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
  };
  for (const char* request : bad) {
    CAPTURE(request);
    std::string out = Exchange(f.port(), request);
    CHECK(out.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  }
  std::string huge = "GET / HTTP/1.1\r\nHost: a\r\nX: " + std::string(70000, 'a') + "\r\n\r\n";
  CHECK(Exchange(f.port(), huge).rfind("HTTP/1.1 431 ", 0) == 0);
  // Still serving.
  CHECK(Exchange(f.port(), Get("/dir/", f.host())).rfind("HTTP/1.1 200 OK", 0) == 0);
}

TEST_CASE("testserver: routes and fault knobs") {
  Fixture f;
  const std::string h = f.host();
  f.server().AddRoute("site.test", "/dir/", [](const Request& r) {
    Response out;
    out.headers = {{"Content-Type", "text/plain"}, {"X-Query", r.query}};
    out.body = "route wins over file";
    return out;
  });
  f.server().AddRoute("*", "/chunked", [](const Request&) {
    Response out;
    out.headers = {{"Date", "d"}, {"Server", "s"}};
    out.body = "abcdefg";
    out.chunks = 3;
    return out;
  });
  f.server().AddRoute("*", "/cut", [](const Request&) {
    Response out;
    out.headers = {{"Date", "d"}, {"Server", "s"}};
    out.body = "0123456789";
    out.close_after_body_bytes = 4;
    return out;
  });
  f.server().AddRoute("*", "/short", [](const Request&) {
    Response out;
    out.headers = {{"Date", "d"}, {"Server", "s"}};
    out.body = "0123";
    out.extra_content_length = 6;
    return out;
  });
  f.server().AddRoute("*", "/reset", [](const Request&) {
    Response out;
    out.reset_connection = true;
    return out;
  });
  f.server().AddRoute("*", "/slow", [](const Request&) {
    Response out;
    out.delay_ms = 300;
    out.throttle_bytes_per_second = 400;
    out.body = std::string(100, 'z');
    return out;
  });
  f.server().AddRoute("*", "/throws",
                      [](const Request&) -> Response { throw std::runtime_error("boom"); });

  std::string routed = Exchange(f.port(), Get("/dir/?a=b", h));
  CHECK(Body(routed) == "route wins over file");
  CHECK(HeaderValue(routed, "X-Query") == "a=b");
  CHECK(Exchange(f.port(), Get("/chunked", h)) ==
        "HTTP/1.1 200 OK\r\nDate: d\r\nServer: s\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n1\r\ng\r\n0\r\n\r\n");
  // Keep-alive requests: the fault, not the client, ends the connection.
  std::string keep = "GET /cut HTTP/1.1\r\nHost: " + h + "\r\n\r\n";
  CHECK(Exchange(f.port(), keep) ==
        "HTTP/1.1 200 OK\r\nDate: d\r\nServer: s\r\nContent-Length: 10\r\n\r\n0123");
  keep = "GET /short HTTP/1.1\r\nHost: " + h + "\r\n\r\n";
  CHECK(Exchange(f.port(), keep) ==
        "HTTP/1.1 200 OK\r\nDate: d\r\nServer: s\r\nContent-Length: 10\r\n\r\n0123");
  bool reset = false;
  CHECK(Exchange(f.port(), Get("/reset", h), &reset).empty());
  CHECK(reset);
  auto start = std::chrono::steady_clock::now();
  std::string slow = Exchange(f.port(), Get("/slow", h));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(Body(slow) == std::string(100, 'z'));
  CHECK(seconds >= 0.5);  // 300 ms delay + about 150 bytes at 400 B/s
  CHECK(Exchange(f.port(), Get("/throws", h)).rfind("HTTP/1.1 500 ", 0) == 0);

  auto log = f.server().requests();
  REQUIRE(log.size() == 7);
  CHECK(log[0].method == "GET");
  CHECK(log[0].host == h);
  CHECK(log[0].target == "/dir/?a=b");
  CHECK(log[0].headers.size() == 2);
  CHECK(f.server().hits("site.test", "/dir/") == 1);
  CHECK(f.server().hits("other.test", "/dir/") == 0);
  f.server().ClearLog();
  CHECK(f.server().requests().empty());
  CHECK(f.server().hits("/dir/") == 0);
}

TEST_CASE("testserver: Stop() returns promptly with idle and half-sent clients") {
  Fixture f;
  int idle = Connect(f.port());
  int partial = Connect(f.port());
  ::send(partial, "GET / HTTP/1.1\r\nHost:", 21, MSG_NOSIGNAL);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = std::chrono::steady_clock::now();
  f.server().Stop();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 1.0);
  char c;
  CHECK(::recv(idle, &c, 1, 0) <= 0);  // closed by the server
  ::close(idle);
  ::close(partial);
  f.server().Stop();  // idempotent
  CHECK(f.server().port() > 0);
}

TEST_CASE("testserver: beyond max_connections, clients wait for a free slot") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "h");
  WriteFile(dir.path() / "h" / "index.html", "ok");
  testserver::Server server;
  testserver::ServerOptions options;
  options.root = dir.path().string();
  options.max_connections = 1;
  int port = server.Start(options);
  REQUIRE(port > 0);
  int holder = Connect(port);  // takes the only slot, sends nothing
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int waiter = Connect(port);  // accepted by the kernel, not yet served
  std::string request = Get("/", "h");
  ::send(waiter, request.data(), request.size(), MSG_NOSIGNAL);
  timeval short_wait{0, 300000};
  ::setsockopt(waiter, SOL_SOCKET, SO_RCVTIMEO, &short_wait, sizeof short_wait);
  char buf[256];
  CHECK(::recv(waiter, buf, sizeof buf, 0) < 0);  // nothing yet
  ::close(holder);
  timeval long_wait{5, 0};
  ::setsockopt(waiter, SOL_SOCKET, SO_RCVTIMEO, &long_wait, sizeof long_wait);
  ssize_t n = ::recv(waiter, buf, sizeof buf, 0);
  REQUIRE(n > 0);
  CHECK(std::string(buf, static_cast<size_t>(n)).rfind("HTTP/1.1 200 OK", 0) == 0);
  ::close(waiter);
}

TEST_CASE("testserver: a second Start or a bad address fails with a message") {
  testserver::Server server;
  testserver::ServerOptions options;
  options.bind_address = "not-an-address";
  CHECK(server.Start(options) == 0);
  CHECK(!server.error().empty());
  options.bind_address = "127.0.0.1";
  CHECK(server.Start(options) > 0);
  CHECK(server.Start(options) == 0);
  CHECK(server.error() == "already started");
}

}  // namespace
}  // namespace vestige::test
