// Crash safety: the real vestige-crawl binary is killed with SIGKILL in the middle of a crawl of a
// slow loopback site and run again with the same command; the archive must end up with every page
// exactly once, and every WARC file must read cleanly. Also the repair of a torn final record.
#include <doctest/doctest.h>
#include <signal.h>

#include <map>
#include <thread>

#include "process.h"
#include "site_fixture.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/crawler.h"
#include "vestige/crawler/report.h"

namespace vestige::test {
namespace {

constexpr int kPages = 40;

std::filesystem::path CrawlBinary() { return VESTIGE_CRAWL_BIN; }

// slow.test: "/" links to /p/0 ... /p/39; each page takes `delay_ms` to answer and links on.
class SlowSite {
 public:
  explicit SlowSite(int delay_ms) {
    server_.AddRoute("slow.test", "/", [](const testserver::Request&) {
      testserver::Response r;
      r.headers.emplace_back("Content-Type", "text/html");
      r.body = "<html><body>";
      for (int i = 0; i < kPages; ++i) {
        r.body += "<a href=\"/p/" + std::to_string(i) + "\">" + std::to_string(i) + "</a>";
      }
      r.body += "</body></html>";
      return r;
    });
    for (int i = 0; i < kPages; ++i) {
      server_.AddRoute("slow.test", "/p/" + std::to_string(i), [i, delay_ms](const auto&) {
        testserver::Response r;
        r.delay_ms = delay_ms;
        r.headers.emplace_back("Content-Type", "text/html");
        r.body = "<html><body><p>Page " + std::to_string(i) + std::string(2000, '.') +
                 "</p><a href=\"/p/" + std::to_string((i + 1) % kPages) +
                 "\">next</a></body></html>";
        return r;
      });
    }
    port_ = server_.Start({});
  }
  int port() const { return port_; }
  testserver::Server& server() { return server_; }
  std::string Origin() const { return "http://slow.test:" + std::to_string(port_); }

 private:
  testserver::Server server_;
  int port_ = 0;
};

std::vector<std::string> CrawlArgs(const SlowSite& site, const std::filesystem::path& collection) {
  return {CrawlBinary().string(),
          "--collection",
          collection.string(),
          "--seed",
          site.Origin() + "/",
          "--resolve",
          "slow.test:" + std::to_string(site.port()) + ":127.0.0.1",
          "--delay",
          "0",
          "--commit-every",
          "7",
          "--warc-size",
          "20k"};
}

bool AnyOpenFile(const std::filesystem::path& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".open") return true;
  }
  return false;
}

TEST_CASE("kill -9 at any moment: the same command resumes, every page archived once") {
  REQUIRE_MESSAGE(std::filesystem::exists(CrawlBinary()), "build vestige-crawl first");
  SlowSite site(40);
  REQUIRE(site.port() > 0);
  TempDir dir;
  const auto collection = dir.path() / "collection";
  const auto args = CrawlArgs(site, collection);

  // Kill twice at different points (the second time in a resumed run), then let it finish.
  for (int kill_after : {9, 23}) {
    BackgroundProcess crawl(args, dir.path() / ("crawl-" + std::to_string(kill_after) + ".log"));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (site.server().requests().size() < static_cast<std::size_t>(kill_after) &&
           std::chrono::steady_clock::now() < deadline && crawl.running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(crawl.running());
    CHECK(crawl.Kill(SIGKILL) == 128 + SIGKILL);
    CHECK(AnyOpenFile(collection / "warc"));  // it was writing
  }
  ProcessResult last = RunProcess(args, 120);
  CAPTURE(last.err);
  REQUIRE(last.exit_code == 0);
  CHECK(last.err.find("resuming run 1") != std::string::npos);
  CHECK(!AnyOpenFile(collection / "warc"));

  // Every record of every file reads; every page has exactly one response record.
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(collection / "warc")) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 3);  // rotation at --warc-size, plus a new file per start
  ReadBack back = ReadAllRecords(files);
  CHECK(back.errors.empty());
  std::map<std::string, int> responses;
  for (const auto& at : back.records) {
    if (at.record.type() == common::WarcType::kResponse)
      ++responses[std::string(at.record.target_uri())];
  }
  const std::string o = site.Origin();
  CHECK(responses.size() == kPages + 3);  // pages, "/", robots.txt and sitemap.xml (a 404)
  CHECK(responses[o + "/"] == 1);
  CHECK(responses[o + "/robots.txt"] == 1);
  for (int i = 0; i < kPages; ++i) {
    CAPTURE(i);
    CHECK(responses[o + "/p/" + std::to_string(i)] == 1);
  }
  // The server saw each page at most twice (once more only for the fetch in flight at a kill).
  std::map<std::string, int> hits;
  for (const auto& r : site.server().requests()) ++hits[r.target];
  int refetched = 0;
  for (const auto& [target, n] : hits) {
    CHECK(n <= 2);
    if (n == 2) ++refetched;
  }
  CHECK(refetched <= 2);

  // One run, finished, with every URL "new".
  crawler::ReportOptions report;
  report.collection = collection.string();
  report.format = "json";
  auto text = crawler::CrawlReport(report);
  REQUIRE(text.ok());
  CHECK(text->find("\"run\": 1") != std::string::npos);
  CHECK(text->find("\"new\": " + std::to_string(kPages + 3)) != std::string::npos);
  CHECK(text->find("\"finished\": null") == std::string::npos);
}

TEST_CASE("a torn final record of a .open file is cut off and the file renamed on start") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  const auto warc_dir = site.collection() / "warc";
  common::WarcWriterOptions options;
  options.directory = warc_dir.string();
  options.warcinfo_fields = "software: test\r\n";
  common::WarcLocation at;
  {
    auto writer = common::WarcWriter::Open(options);
    REQUIRE(writer.ok());
    common::WarcRecord record;
    record.set_header("WARC-Type", "resource");
    record.set_header("WARC-Record-ID", common::NewRecordId());
    record.set_header("WARC-Date", "2026-11-22T00:00:00Z");
    record.set_header("WARC-Target-URI", "http://example.test/");
    for (int i = 0; i < 500; ++i) record.block += std::to_string(i * 7919) + " ";
    auto where = (*writer)->Write(record);
    REQUIRE(where.ok());
    at = *where;
    REQUIRE((*writer)->Close().ok());
  }
  const auto final_path = warc_dir / at.file;
  const std::string bytes = ReadFile(final_path);
  REQUIRE(bytes.size() == at.offset + at.length);
  // A kill in the middle of writing a second copy of the record leaves half its gzip member.
  const std::string half = bytes.substr(at.offset, at.length / 2);
  std::filesystem::remove(final_path);
  WriteFile(warc_dir / (at.file + ".open"), bytes + half);

  auto summary = crawler::RunCrawl(site.Options());
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  CHECK(!std::filesystem::exists(warc_dir / (at.file + ".open")));
  REQUIRE(std::filesystem::exists(final_path));
  CHECK(std::filesystem::file_size(final_path) == bytes.size());
  CHECK(ReadFile(final_path) == bytes);
  ReadBack back = ReadAllRecords({final_path});
  CHECK(back.errors.empty());
  CHECK(back.records.size() == 2);  // warcinfo and the resource; the torn copy is gone
  ReadBack all = ReadAllRecords(site.WarcFiles());
  CHECK(all.errors.empty());
}

}  // namespace
}  // namespace vestige::test
