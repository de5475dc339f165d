// --concurrency: many hosts are fetched at once (libcurl multi), each host on one connection with
// one request at a time; and kill -9 of such a crawl still archives every page exactly once. The
// loopback server counts the requests it answers at the same moment, per host and in total.
#include <doctest/doctest.h>
#include <signal.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "process.h"
#include "site_fixture.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

testserver::Response Html(const std::string& body) {
  testserver::Response r;
  r.headers.emplace_back("Content-Type", "text/html");
  r.body = body;
  return r;
}

std::string HostName(int i) { return "h" + std::to_string(i) + ".test"; }

// Every "/" request waits here until `parties` of them are inside at once, or `timeout` passes.
// A crawler that fetches hosts one after another never fills it.
class Barrier {
 public:
  Barrier(int parties, std::chrono::milliseconds timeout) : parties_(parties), timeout_(timeout) {}
  void Arrive() {
    std::unique_lock<std::mutex> lock(mu_);
    ++inside_;
    if (inside_ >= parties_) filled_ = true;
    cv_.notify_all();
    cv_.wait_for(lock, timeout_, [this] { return filled_; });
    --inside_;
  }
  bool filled() const {
    std::lock_guard<std::mutex> lock(mu_);
    return filled_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int parties_;
  std::chrono::milliseconds timeout_;
  int inside_ = 0;  // requests waiting here now
  bool filled_ = false;
};

// Hosts h0.test ... h<n-1>.test on one loopback server; the resolve entries that name them.
std::vector<std::string> ResolveAll(int hosts, int port) {
  std::vector<std::string> out;
  for (int i = 0; i < hosts; ++i) {
    out.push_back(HostName(i) + ":" + std::to_string(port) + ":127.0.0.1");
  }
  return out;
}

// A home page with links to /p/0 ... /p/<pages-1>.
testserver::Response HomeLinkingTo(int pages) {
  std::string body = "<html><body>";
  for (int i = 0; i < pages; ++i) {
    body += "<a href=\"/p/" + std::to_string(i) + "\">" + std::to_string(i) + "</a>";
  }
  return Html(body + "</body></html>");
}

// A crawl of the home pages of hosts h0.test ... h<n-1>.test, all served on `port`, with no delay.
crawler::CrawlOptions HostsCrawl(const std::filesystem::path& collection, int hosts, int port) {
  crawler::CrawlOptions options;
  options.collection = collection.string();
  for (int i = 0; i < hosts; ++i) {
    options.seeds.push_back("http://" + HostName(i) + ":" + std::to_string(port) + "/");
  }
  options.resolve = ResolveAll(hosts, port);
  options.delay_seconds = 0;
  return options;
}

// Reads every WARC file of the collection back and checks that each of `expected_pages` URLs has
// exactly one response record, in files every record of which reads.
void CheckEachPageArchivedOnce(const std::filesystem::path& collection,
                               std::size_t expected_pages) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(collection / "warc")) {
    files.push_back(e.path());
  }
  ReadBack back = ReadAllRecords(files);
  CHECK(back.errors.empty());
  std::map<std::string, int> responses;
  for (const auto& at : back.records) {
    if (at.record.type() == common::WarcType::kResponse) {
      ++responses[std::string(at.record.target_uri())];
    }
  }
  CHECK(responses.size() == expected_pages);
  for (const auto& [uri, n] : responses) {
    CAPTURE(uri);
    CHECK(n == 1);
  }
}

struct ParallelRow {
  const char* name;
  int concurrency;
  int barrier_timeout_ms;  // how long each slow page waits for the others (only a failing run
                           // or a row that cannot fill the barrier waits this long)
  int expected_max;        // requests the server answered at once at most
  bool filled;             // whether all hosts were inside their slow page at once
};

TEST_CASE("--concurrency: different hosts are fetched at the same time, up to the limit") {
  constexpr int kHosts = 4;
  const std::vector<ParallelRow> rows = {
      {"default (16): every host at once", 16, 10000, kHosts, true},
      {"2: two hosts at once", 2, 400, 2, false},
      {"1: one fetch at a time", 1, 200, 1, false},
  };
  for (const ParallelRow& row : rows) {
    INFO("row: " << std::string(row.name));
    testserver::Server server;
    auto barrier =
        std::make_shared<Barrier>(kHosts, std::chrono::milliseconds(row.barrier_timeout_ms));
    server.AddRoute("*", "/", [barrier](const testserver::Request&) {
      barrier->Arrive();
      return Html("<html><body>slow page <a href=\"/leaf\">leaf</a></body></html>");
    });
    server.AddRoute("*", "/leaf", [](const testserver::Request&) { return Html("leaf"); });
    const int port = server.Start({});
    REQUIRE(port > 0);
    TempDir dir;
    crawler::CrawlOptions options = HostsCrawl(dir.path() / "collection", kHosts, port);
    options.max_retries = 0;
    options.concurrency = row.concurrency;
    auto summary = crawler::RunCrawl(options);
    REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
    // Per host: robots.txt, /, /sitemap.xml (404), /leaf.
    CHECK(summary->pages == 3 * kHosts);
    CHECK(summary->robots_fetches == kHosts);
    CHECK(barrier->filled() == row.filled);
    CHECK(server.max_concurrent_requests() == row.expected_max);
    for (int i = 0; i < kHosts; ++i) {
      CAPTURE(HostName(i));
      CHECK(server.hits(HostName(i), "/") == 1);
      CHECK(server.hits(HostName(i), "/leaf") == 1);
      CHECK(server.max_concurrent_requests(HostName(i)) == 1);
    }
  }
}

TEST_CASE("at the default settings one host never gets two connections or requests at once") {
  constexpr int kHosts = 3;
  constexpr int kPages = 15;
  testserver::Server server;
  server.AddRoute("*", "/", [](const testserver::Request&) { return HomeLinkingTo(kPages); });
  for (int i = 0; i < kPages; ++i) {
    server.AddRoute("*", "/p/" + std::to_string(i), [i](const testserver::Request&) {
      // Slow enough that a second connection to the same host would overlap the first.
      testserver::Response r = Html("page " + std::to_string(i));
      r.delay_ms = 15;
      return r;
    });
  }
  const int port = server.Start({});
  REQUIRE(port > 0);
  TempDir dir;
  crawler::CrawlOptions options = HostsCrawl(dir.path() / "collection", kHosts, port);
  auto summary = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  CHECK(summary->failed == 0);
  for (int i = 0; i < kHosts; ++i) {
    CAPTURE(HostName(i));
    CHECK(server.max_concurrent_requests(HostName(i)) == 1);
    CHECK(server.max_open_connections(HostName(i)) == 1);
  }
  CHECK(server.max_concurrent_requests() > 1);  // while the hosts themselves overlapped

  // Every page archived once, in files every record of which reads.
  CheckEachPageArchivedOnce(dir.path() / "collection",
                            static_cast<std::size_t>(kHosts * (kPages + 3)));
}

TEST_CASE(
    "kill -9 of a many-host crawl: resumed, each page archived once, only in-flight refetched") {
  constexpr int kHosts = 3;
  constexpr int kPages = 20;
  const std::filesystem::path binary = VESTIGE_CRAWL_BIN;
  REQUIRE_MESSAGE(std::filesystem::exists(binary), "build vestige-crawl first");
  testserver::Server server;
  server.AddRoute("*", "/", [](const testserver::Request&) { return HomeLinkingTo(kPages); });
  for (int i = 0; i < kPages; ++i) {
    server.AddRoute("*", "/p/" + std::to_string(i), [i](const testserver::Request&) {
      testserver::Response r = Html("<p>page " + std::to_string(i) + std::string(1500, '.'));
      r.delay_ms = 30;
      return r;
    });
  }
  const int port = server.Start({});
  REQUIRE(port > 0);
  TempDir dir;
  const auto collection = dir.path() / "collection";
  std::vector<std::string> args = {
      binary.string(), "--collection", collection.string(), "--delay", "0", "--commit-every", "5",
      "--warc-size",   "16k"};
  for (int i = 0; i < kHosts; ++i) {
    args.push_back("--seed");
    args.push_back("http://" + HostName(i) + ":" + std::to_string(port) + "/");
  }
  for (const std::string& entry : ResolveAll(kHosts, port)) {
    args.push_back("--resolve");
    args.push_back(entry);
  }
  int kills = 0;
  for (std::size_t kill_after : {15u, 40u}) {
    BackgroundProcess crawl(args, dir.path() / ("crawl-" + std::to_string(kill_after) + ".log"));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (server.requests().size() < kill_after && std::chrono::steady_clock::now() < deadline &&
           crawl.running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    REQUIRE(crawl.running());
    CHECK(crawl.Kill(SIGKILL) == 128 + SIGKILL);
    ++kills;
  }
  ProcessResult last = RunProcess(args, 120);
  CAPTURE(last.err);
  REQUIRE(last.exit_code == 0);
  CHECK(last.err.find("resuming run 1") != std::string::npos);

  CheckEachPageArchivedOnce(collection, static_cast<std::size_t>(kHosts * (kPages + 3)));
  // Fetched twice: only what was in flight at a kill, at most one URL per host per kill.
  std::map<std::string, int> hits;
  for (const auto& r : server.requests()) ++hits[r.host + r.target];
  int refetched = 0;
  for (const auto& [url, n] : hits) {
    CAPTURE(url);
    CHECK(n <= 2);
    if (n == 2) ++refetched;
  }
  CHECK(refetched <= kHosts * kills);
}

}  // namespace
}  // namespace vestige::test
