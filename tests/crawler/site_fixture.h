// A small site for crawler tests, written into a TempDir and served by our testserver on
// 127.0.0.1 under the name site.test, plus helpers to read back what a crawl wrote.
#ifndef VESTIGE_TESTS_CRAWLER_SITE_FIXTURE_H_
#define VESTIGE_TESTS_CRAWLER_SITE_FIXTURE_H_

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "test_paths.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/options.h"
#include "vestige/testserver/server.h"

namespace vestige::test {

// Fixed head of the chunked route's response, so the test knows every byte the server sends.
inline constexpr const char* kChunkedDate = "Mon, 02 Mar 2026 10:00:00 GMT";
inline const std::string kChunkedBody =
    "<html><body><p>Sent in pieces.</p><a href=\"/from-chunked.html\">more</a></body></html>";

// The bytes the server puts on the wire for GET /chunked (3 chunks).
inline std::string ChunkedWireBytes() {
  std::string out = "HTTP/1.1 200 OK\r\nDate: " + std::string(kChunkedDate) +
                    "\r\nServer: fixture\r\nContent-Type: text/html; charset=utf-8\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n";
  std::size_t size = (kChunkedBody.size() + 2) / 3;
  for (std::size_t pos = 0; pos < kChunkedBody.size(); pos += size) {
    std::size_t len = std::min(size, kChunkedBody.size() - pos);
    char hex[32];
    std::snprintf(hex, sizeof hex, "%zx\r\n", len);
    out += hex + kChunkedBody.substr(pos, len) + "\r\n";
  }
  return out + "0\r\n\r\n";
}

// A port nothing listens on (bound, then released).
inline int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class SiteFixture {
 public:
  SiteFixture() {
    const std::filesystem::path site = dir_.path() / "root" / "site.test";
    std::filesystem::create_directories(site / "news" / "sub");
    std::filesystem::create_directories(site / "private");
    WriteFile(site / "robots.txt", "User-agent: *\nDisallow: /private/\n");
    WriteFile(site / "index.html",
              "<html><head><title>Home</title>"
              "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.rss\">"
              "<link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
              "<a href=\"/about.html\">About</a> <a href=\"/about.html#team\">Team</a>"
              "<a href=\"news/\">News</a> <a href=\"/private/secret.html\">Secret</a>"
              "<a href=\"/redirect\">Moved</a> <a href=\"/broken\">Broken</a>"
              "<a href=\"/chunked\">Chunked</a> <a href=\"/cut\">Cut</a>"
              "<a href=\"http://elsewhere.test/\">Elsewhere</a>"
              "<a href=\"mailto:x@example.org\">Mail</a></body></html>");
    WriteFile(site / "about.html",
              "<html><body><a href=\"/\">Home</a> <a href=\"{{ORIGIN}}/news/\">News</a>"
              "</body></html>");
    WriteFile(site / "news" / "index.html",
              "<html><head><base href=\"/news/sub/\"></head><body>"
              "<a href=\"item.html\">Item</a></body></html>");
    WriteFile(site / "news" / "sub" / "item.html", "<html><body>An item.</body></html>");
    WriteFile(site / "target.html", "<html><body>Redirect target.</body></html>");
    WriteFile(site / "from-chunked.html", "<html><body>Linked from chunked.</body></html>");
    WriteFile(site / "feed.rss", "<rss><channel><link>{{ORIGIN}}/</link></channel></rss>");
    WriteFile(site / "style.css", "body{}");
    WriteFile(site / "private" / "secret.html", "<html><body>Secret.</body></html>");

    server_.AddRoute("site.test", "/redirect", [](const testserver::Request&) {
      testserver::Response r;
      r.status = 302;
      r.headers.emplace_back("Location", "/target.html");
      return r;
    });
    server_.AddRoute("site.test", "/broken", [](const testserver::Request&) {
      testserver::Response r;
      r.status = 500;
      r.body = "internal error\n";
      return r;
    });
    server_.AddRoute("site.test", "/chunked", [](const testserver::Request&) {
      testserver::Response r;
      r.headers = {{"Date", kChunkedDate},
                   {"Server", "fixture"},
                   {"Content-Type", "text/html; charset=utf-8"}};
      r.body = kChunkedBody;
      r.chunks = 3;
      return r;
    });
    server_.AddRoute("site.test", "/cut", [](const testserver::Request&) {
      testserver::Response r;
      r.headers.emplace_back("Content-Type", "text/plain");
      r.body = std::string(100, 'x');
      r.close_after_body_bytes = 10;
      return r;
    });
    testserver::ServerOptions options;
    options.root = (dir_.path() / "root").string();
    port_ = server_.Start(options);
  }

  int port() const { return port_; }
  testserver::Server& server() { return server_; }
  std::string Origin() const { return "http://site.test:" + std::to_string(port_); }
  std::filesystem::path collection() const { return dir_.path() / "collection"; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // Options for crawling the site from its home page, with no delay.
  crawler::CrawlOptions Options() const {
    crawler::CrawlOptions o;
    o.collection = collection().string();
    o.seeds = {Origin() + "/"};
    o.resolve = {"site.test:" + std::to_string(port_) + ":127.0.0.1"};
    o.delay_seconds = 0;
    o.commit_every = 3;  // several batches even on this small site
    o.max_retries = 0;   // failures are final here; retries have their own test
    return o;
  }

  // The WARC files of the collection, sorted.
  std::vector<std::filesystem::path> WarcFiles() const {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(collection() / "warc")) {
      files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 private:
  TempDir dir_;
  testserver::Server server_;
  int port_ = 0;
};

// Every record of every file, in order; an unreadable record is returned as an error string.
struct ReadBack {
  std::vector<common::WarcRecordAt> records;
  std::vector<std::string> files;  // per record, the file name it came from
  std::vector<std::string> errors;
};

inline ReadBack ReadAllRecords(const std::vector<std::filesystem::path>& files) {
  ReadBack out;
  for (const auto& file : files) {
    auto reader = common::WarcReader::Open(file.string());
    if (!reader.ok()) {
      out.errors.push_back(reader.status().ToString());
      continue;
    }
    while (true) {
      auto next = (*reader)->Next();
      if (!next.ok()) {
        out.errors.push_back(next.status().ToString());
        break;
      }
      if (!next->has_value()) break;
      out.records.push_back(std::move(**next));
      out.files.push_back(file.filename().string());
    }
  }
  return out;
}

}  // namespace vestige::test

#endif  // VESTIGE_TESTS_CRAWLER_SITE_FIXTURE_H_
