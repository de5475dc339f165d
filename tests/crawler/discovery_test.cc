// Discovery beyond <a href>: robots.txt Sitemap: lines, sitemap indexes, gzipped sitemaps, RSS and
// Atom feeds found through <link rel=alternate>, rel=canonical and meta refresh. Each orphan page
// of the site is reachable only one of these ways.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <set>

#include "site_fixture.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

std::uint32_t Crc32(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A gzip file holding `data` in one stored (uncompressed) deflate block.
std::string StoredGzip(const std::string& data) {
  REQUIRE(data.size() < 65535);
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  const auto len = static_cast<std::uint16_t>(data.size());
  out += '\x01';
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>(len >> 8);
  out += static_cast<char>(~len & 0xff);
  out += static_cast<char>((~len >> 8) & 0xff);
  out += data;
  auto le32 = [&out](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  le32(Crc32(data));
  le32(static_cast<std::uint32_t>(data.size()));
  return out;
}

testserver::Response Page(const std::string& type, const std::string& body) {
  testserver::Response r;
  r.headers.emplace_back("Content-Type", type);
  r.body = body;
  return r;
}

TEST_CASE("sitemaps (robots, index, gzip), feeds (RSS, Atom), canonical and meta refresh") {
  testserver::Server server;
  std::map<std::string, testserver::Response> site = {
      {"/robots.txt", Page("text/plain",
                           "User-agent: *\nDisallow: /private\n"
                           "Sitemap: /sitemap-index.xml\n")},
      {"/",
       Page("text/html",
            "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/news.rss\">"
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.atom\">"
            "<link rel=\"canonical\" href=\"/only-canonical.html\">"
            "<meta http-equiv=\"refresh\" content=\"5; url=/only-refresh.html\"></head>"
            "<body>Home</body></html>")},
      {"/sitemap-index.xml",
       Page("application/xml",
            "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/"
            "sitemap/0.9\"><sitemap><loc>/sitemaps/pages.xml.gz</loc></sitemap></sitemapindex>")},
      {"/sitemaps/pages.xml.gz",
       Page("application/gzip",
            StoredGzip("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>"
                       "/only-sitemap.html</loc><lastmod>2025-02-11</lastmod></url>"
                       "<url><loc>http://elsewhere.test/off-site.html</loc></url></urlset>"))},
      {"/sitemap.xml",
       Page("application/xml", "<urlset><url><loc>/only-probed-sitemap.html</loc></url></urlset>")},
      {"/news.rss", Page("application/rss+xml",
                         "<rss version=\"2.0\"><channel><link>/</link><item><title>x</title>"
                         "<link>/only-rss.html</link></item></channel></rss>")},
      {"/feed.atom", Page("application/atom+xml",
                          "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
                          "<link href=\"/only-atom.html\"/></entry></feed>")},
  };
  for (const char* orphan : {"/only-canonical.html", "/only-refresh.html", "/only-sitemap.html",
                             "/only-probed-sitemap.html", "/only-rss.html", "/only-atom.html"}) {
    site[orphan] = Page("text/html", "<html><body>orphan</body></html>");
  }
  for (const auto& [path, response] : site) {
    testserver::Response copy = response;
    server.AddRoute("disc.test", path, [copy](const testserver::Request&) { return copy; });
  }
  const int port = server.Start({});
  REQUIRE(port > 0);
  TempDir dir;
  crawler::CrawlOptions options;
  options.collection = (dir.path() / "collection").string();
  const std::string o = "http://disc.test:" + std::to_string(port);
  options.seeds = {o + "/"};
  options.resolve = {"disc.test:" + std::to_string(port) + ":127.0.0.1"};
  options.delay_seconds = 0;
  auto summary = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  CHECK(summary->failed == 0);

  std::set<std::string> fetched;
  for (const auto& r : server.requests()) fetched.insert(r.target);
  for (const auto& [path, response] : site) {
    CAPTURE(path);
    CHECK(fetched.count(path) == 1);
  }
  CHECK(fetched.size() == site.size());  // nothing else: the off-site sitemap URL is out of scope

  // The crawl log says which fetches were feeds and sitemaps (checked on every run).
  std::string log = ReadFile(dir.path() / "collection" / "crawl" / "crawl.log");
  CHECK(log.find("\"url\":\"" + o + "/news.rss\",\"kind\":\"feed\"") != std::string::npos);
  CHECK(log.find("\"url\":\"" + o + "/sitemaps/pages.xml.gz\",\"kind\":\"sitemap\"") !=
        std::string::npos);
}

}  // namespace
}  // namespace vestige::test
