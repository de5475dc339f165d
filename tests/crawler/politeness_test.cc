// Politeness and faults: retries with backoff and Retry-After on 429/503, robots.txt Crawl-delay,
// the body size limit; and scope: --scope, --include/--exclude, --max-depth and the trap limits.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <memory>
#include <set>

#include "site_fixture.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

std::string View(std::optional<std::string_view> v) { return v ? std::string(*v) : ""; }

testserver::Response Html(const std::string& body) {
  testserver::Response r;
  r.headers.emplace_back("Content-Type", "text/html");
  r.body = body;
  return r;
}

struct Host {
  testserver::Server server;
  int port = 0;
  TempDir dir;
  std::string Origin(const std::string& host) const {
    return "http://" + host + ":" + std::to_string(port);
  }
  crawler::CrawlOptions Options(const std::string& seed) const {
    crawler::CrawlOptions o;
    o.collection = (dir.path() / "collection").string();
    o.seeds = {seed};
    for (const char* h : {"p.test", "sub.p.test", "www.p.test", "other.test"}) {
      o.resolve.push_back(std::string(h) + ":" + std::to_string(port) + ":127.0.0.1");
    }
    o.delay_seconds = 0;
    o.retry_backoff_seconds = 0.2;
    return o;
  }
  std::vector<double> Gaps(const std::string& path) const {
    std::vector<double> gaps;
    std::optional<std::chrono::system_clock::time_point> last;
    for (const auto& r : server.requests()) {
      if (r.target != path) continue;
      if (last) gaps.push_back(std::chrono::duration<double>(r.time - *last).count());
      last = r.time;
    }
    return gaps;
  }
};

TEST_CASE("retries: 503 with Retry-After is honoured, 429 backs off and gives up, both archived") {
  Host h;
  auto flaky_calls = std::make_shared<std::atomic<int>>(0);
  h.server.AddRoute("p.test", "/", [](const testserver::Request&) {
    return Html("<a href=\"/flaky\">f</a><a href=\"/busy\">b</a>");
  });
  h.server.AddRoute("p.test", "/flaky", [flaky_calls](const testserver::Request&) {
    if (flaky_calls->fetch_add(1) == 0) {
      testserver::Response r;
      r.status = 503;
      r.headers.emplace_back("Retry-After", "1");
      return r;
    }
    return Html("fine now");
  });
  h.server.AddRoute("p.test", "/busy", [](const testserver::Request&) {
    testserver::Response r;
    r.status = 429;
    return r;
  });
  h.port = h.server.Start({});
  REQUIRE(h.port > 0);
  crawler::CrawlOptions options = h.Options(h.Origin("p.test") + "/");
  options.max_retries = 2;
  auto summary = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  CHECK(h.server.hits("/flaky") == 2);
  CHECK(h.server.hits("/busy") == 3);  // first try and two retries
  CHECK(summary->retries == 3);
  CHECK(summary->failed == 1);  // /busy, once
  auto flaky_gaps = h.Gaps("/flaky");
  REQUIRE(flaky_gaps.size() == 1);
  CHECK(flaky_gaps[0] >= 0.95);  // Retry-After: 1
  auto busy_gaps = h.Gaps("/busy");
  REQUIRE(busy_gaps.size() == 2);
  CHECK(busy_gaps[0] >= 0.19);  // 0.2 s, then doubled
  CHECK(busy_gaps[1] >= 0.39);
  // Every attempt is evidence: 2 responses for /flaky (503, 200), 3 for /busy.
  std::map<std::string, std::vector<int>> statuses;
  for (const auto& at :
       ReadAllRecords(
           {std::filesystem::directory_iterator(h.dir.path() / "collection" / "warc")->path()})
           .records) {
    if (at.record.type() != common::WarcType::kResponse) continue;
    statuses[std::string(at.record.target_uri())].push_back(
        std::stoi(at.record.block.substr(9, 3)));
  }
  CHECK(statuses[h.Origin("p.test") + "/flaky"] == std::vector<int>{503, 200});
  CHECK(statuses[h.Origin("p.test") + "/busy"] == std::vector<int>{429, 429, 429});
}

TEST_CASE("robots.txt Crawl-delay spaces requests; --max-body cuts with WARC-Truncated: length") {
  Host h;
  h.server.AddRoute("p.test", "/robots.txt", [](const testserver::Request&) {
    testserver::Response r;
    r.headers.emplace_back("Content-Type", "text/plain");
    r.body = "User-agent: vestige-crawl\nCrawl-delay: 0.4\nDisallow: /none\n";
    return r;
  });
  h.server.AddRoute("p.test", "/", [](const testserver::Request&) {
    return Html("<a href=\"/big\">b</a><a href=\"/x\">x</a>");
  });
  h.server.AddRoute("p.test", "/big",
                    [](const testserver::Request&) { return Html(std::string(20000, 'z')); });
  h.server.AddRoute("p.test", "/x", [](const testserver::Request&) { return Html("x"); });
  h.port = h.server.Start({});
  REQUIRE(h.port > 0);
  crawler::CrawlOptions options = h.Options(h.Origin("p.test") + "/");
  options.max_body_bytes = 1000;
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  auto requests = h.server.requests();
  REQUIRE(requests.size() >= 4);                       // robots.txt, /, /sitemap.xml, /big, /x
  for (std::size_t i = 2; i < requests.size(); ++i) {  // after robots.txt was read
    CAPTURE(requests[i].target);
    CHECK(std::chrono::duration<double>(requests[i].time - requests[i - 1].time).count() >= 0.39);
  }
  bool seen_big = false;
  for (const auto& at :
       ReadAllRecords(
           {std::filesystem::directory_iterator(h.dir.path() / "collection" / "warc")->path()})
           .records) {
    if (at.record.target_uri() != h.Origin("p.test") + "/big" ||
        at.record.type() != common::WarcType::kResponse) {
      continue;
    }
    seen_big = true;
    CHECK(View(at.record.header("WARC-Truncated")) == "length");
    CHECK(at.record.block.size() - at.record.block.find("\r\n\r\n") - 4 == 1000);
  }
  CHECK(seen_big);
}

struct ScopeRow {
  const char* name;
  std::string seed_path;
  std::string host;  // seed host
  std::string scope;
  std::vector<std::string> include, exclude;
  int max_depth;
  std::set<std::string> fetched;  // host + target, robots.txt and sitemap.xml left out
};

TEST_CASE("scope, filters, depth and traps decide what is fetched") {
  Host h;
  auto bound = std::make_shared<std::atomic<int>>(0);
  h.server.AddRoute("*", "/", [bound](const testserver::Request& req) {
    if (req.host == "sub.p.test") return Html("<a href=\"/sub-page\">s</a>");
    return Html("<a href=\"/news/1\">1</a><a href=\"/blog/2\">2</a><a href=\"http://sub.p.test:" +
                std::to_string(bound->load()) +
                "/\">sub</a><a href=\"/cal/cal/cal/cal/x\">trap</a>"
                "<a href=\"/q?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11&l=12&m=13&n=14&o=15&"
                "p=16&q=17\">q</a><a href=\"/" +
                std::string(3000, 'l') + "\">long</a><a href=\"http://other.test:" +
                std::to_string(bound->load()) + "/\">other</a>");
  });
  for (const char* path : {"/news/1", "/blog/2", "/sub-page", "/news/deeper"}) {
    h.server.AddRoute("*", path, [path](const testserver::Request&) {
      return Html(std::string(path) == "/news/1" ? "<a href=\"/news/deeper\">d</a>" : "leaf");
    });
  }
  h.port = h.server.Start({});
  REQUIRE(h.port > 0);
  bound->store(h.port);
  const std::vector<ScopeRow> rows = {
      {"host scope (default)",
       "/",
       "www.p.test",
       "host",
       {},
       {},
       -1,
       {"www.p.test/", "www.p.test/news/1", "www.p.test/blog/2", "www.p.test/news/deeper"}},
      {"domain scope takes in sub.p.test",
       "/",
       "www.p.test",
       "domain",
       {},
       {},
       -1,
       {"www.p.test/", "www.p.test/news/1", "www.p.test/blog/2", "www.p.test/news/deeper",
        "sub.p.test/", "sub.p.test/sub-page"}},
      {"prefix scope",
       "/news/1",
       "www.p.test",
       "prefix",
       {},
       {},
       -1,
       {"www.p.test/news/1", "www.p.test/news/deeper"}},
      {"exclude",
       "/",
       "www.p.test",
       "host",
       {},
       {"/blog/"},
       -1,
       {"www.p.test/", "www.p.test/news/1", "www.p.test/news/deeper"}},
      {"include",
       "/",
       "www.p.test",
       "host",
       {"/news/"},
       {},
       -1,
       {"www.p.test/", "www.p.test/news/1", "www.p.test/news/deeper"}},
      {"max depth 1",
       "/",
       "www.p.test",
       "host",
       {},
       {},
       1,
       {"www.p.test/", "www.p.test/news/1", "www.p.test/blog/2"}},
  };
  for (const ScopeRow& row : rows) {
    INFO("row: " << std::string(row.name));
    TempDir collection;
    crawler::CrawlOptions options = h.Options(h.Origin(row.host) + row.seed_path);
    options.collection = (collection.path() / "c").string();
    options.scope = row.scope;
    options.include = row.include;
    options.exclude = row.exclude;
    options.max_depth = row.max_depth;
    h.server.ClearLog();
    auto summary = crawler::RunCrawl(options);
    REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
    std::set<std::string> fetched;
    for (const auto& r : h.server.requests()) {
      if (r.target == "/robots.txt" || r.target == "/sitemap.xml") continue;
      fetched.insert(r.host.substr(0, r.host.find(':')) + r.target);
    }
    CHECK(fetched == row.fetched);
    if (row.scope == "host" && row.max_depth < 0 && row.include.empty() && row.exclude.empty()) {
      CHECK(summary->traps == 3);  // repeated segments, 17 query parameters, 3000-byte URL
      CHECK(summary->out_of_scope >= 1);
    }
  }
}

}  // namespace
}  // namespace vestige::test
