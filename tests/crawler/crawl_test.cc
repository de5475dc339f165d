// End-to-end crawls of a small site served by our testserver on 127.0.0.1: what is fetched, what
// is written to the WARC files, the crawl log and the crawl state.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "site_fixture.h"
#include "vestige/common/http.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

std::string View(std::optional<std::string_view> v) { return v ? std::string(*v) : ""; }

std::vector<nlohmann::json> ReadLog(const std::filesystem::path& path) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

struct StateRow {
  int status = 0;
  std::string error;
  std::string digest;
  std::string warc_file;
  long long offset = 0;
};

std::map<std::string, StateRow> ReadState(const std::filesystem::path& path) {
  std::map<std::string, StateRow> rows;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT url, last_status, last_error, payload_digest, warc_file, "
                             "warc_offset FROM urls",
                             -1, &st, nullptr) == SQLITE_OK);
  auto text = [st](int col) {
    const unsigned char* t = sqlite3_column_text(st, col);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
  };
  while (sqlite3_step(st) == SQLITE_ROW) {
    rows[text(0)] = {sqlite3_column_int(st, 1), text(2), text(3), text(4),
                     sqlite3_column_int64(st, 5)};
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

TEST_CASE("crawl of the fixture site: scope, robots, redirects, failures, WARC, log, state") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  const std::string o = site.Origin();
  const int dead_port = ClosedPort();
  crawler::CrawlOptions options = site.Options();
  // A second seed on a host where nothing listens: its robots.txt fetch fails, so nothing of it
  // is fetched after that (unreachable robots.txt means disallow all).
  options.seeds.push_back("http://dead.test:" + std::to_string(dead_port) + "/page.html");
  options.resolve.push_back("dead.test:" + std::to_string(dead_port) + ":127.0.0.1");

  auto summary = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  CHECK(summary->failed == 3);  // /broken (500), /cut (cut short), dead.test robots.txt
  CHECK(summary->robots_fetches == 2);
  CHECK(summary->robots_disallowed == 2);  // /private/secret.html and dead.test/page.html
  CHECK(summary->pages == 12);             // /sitemap.xml (a 404 here) is probed on every origin
  CHECK(summary->fetched == 11);
  CHECK(summary->warc_files.size() == 1);

  ReadBack back = ReadAllRecords(site.WarcFiles());
  REQUIRE(back.errors.empty());
  REQUIRE(!back.records.empty());
  const common::WarcRecord& info = back.records.front().record;
  CHECK(info.type() == common::WarcType::kWarcinfo);
  CHECK(info.block.find("software: vestige-crawl/") != std::string::npos);
  CHECK(info.block.find("format: WARC File Format 1.1\r\n") != std::string::npos);
  CHECK(info.block.find("robots: obey\r\n") != std::string::npos);
  const std::string warcinfo_id(info.record_id());

  std::map<std::string, const common::WarcRecord*> by_id;
  std::vector<std::string> response_uris;
  std::map<std::string, const common::WarcRecord*> response_for;
  for (const auto& at : back.records) {
    by_id[std::string(at.record.record_id())] = &at.record;
    if (at.record.type() == common::WarcType::kResponse) {
      response_uris.emplace_back(at.record.target_uri());
      response_for[std::string(at.record.target_uri())] = &at.record;
    }
  }
  // The exact set of URLs fetched, in crawl (breadth-first) order.
  const std::vector<std::string> expected = {
      o + "/robots.txt",       o + "/",      o + "/sitemap.xml",        o + "/feed.rss",
      o + "/about.html",       o + "/news/", o + "/redirect",           o + "/broken",
      o + "/chunked",          o + "/cut",   o + "/news/sub/item.html", o + "/target.html",
      o + "/from-chunked.html"};
  CHECK(response_uris == expected);
  CHECK(back.records.size() == 1 + 2 * expected.size());
  CHECK(site.server().hits("/private/secret.html") == 0);
  CHECK(site.server().hits("/style.css") == 0);

  for (const auto& at : back.records) {
    const common::WarcRecord& r = at.record;
    if (r.type() == common::WarcType::kWarcinfo) continue;
    CAPTURE(r.target_uri());
    CHECK(View(r.header("WARC-Warcinfo-ID")) == warcinfo_id);
    CHECK(View(r.header("WARC-IP-Address")) == "127.0.0.1");
    // Pairs point at each other and share WARC-Date and target.
    auto other = by_id.find(View(r.header("WARC-Concurrent-To")));
    REQUIRE(other != by_id.end());
    CHECK(View(other->second->header("WARC-Concurrent-To")) == std::string(r.record_id()));
    CHECK(other->second->date() == r.date());
    CHECK(other->second->target_uri() == r.target_uri());
    CHECK(other->second->type() != r.type());
    auto block_ok = common::DigestMatches(View(r.header("WARC-Block-Digest")), r.block);
    REQUIRE(block_ok.ok());
    CHECK(*block_ok);
    if (r.type() == common::WarcType::kRequest) {
      CHECK(View(r.header("Content-Type")) == "application/http;msgtype=request");
      CHECK(r.block.rfind("GET ", 0) == 0);
      CHECK(r.block.find(" HTTP/1.1\r\n") != std::string::npos);
      CHECK(r.block.find("Accept-Encoding") == std::string::npos);
      CHECK(r.block.find("User-Agent: vestige-crawl/") != std::string::npos);
    } else {
      CHECK(View(r.header("Content-Type")) == "application/http;msgtype=response");
      auto parsed = common::ParseHttpResponse(r.block);
      REQUIRE(parsed.ok());
      auto payload_ok =
          common::DigestMatches(View(r.header("WARC-Payload-Digest")), parsed->payload);
      REQUIRE(payload_ok.ok());
      CHECK(*payload_ok);
    }
  }

  // The chunked response is archived with its framing, byte for byte as the server sent it;
  // the payload digest is over the de-chunked body.
  const common::WarcRecord* chunked = response_for[o + "/chunked"];
  REQUIRE(chunked != nullptr);
  CHECK(chunked->block == ChunkedWireBytes());
  CHECK(View(chunked->header("WARC-Payload-Digest")) == common::Sha256Digest(kChunkedBody));
  // A static page: the block's body is the file, with {{ORIGIN}} replaced as served.
  const common::WarcRecord* about = response_for[o + "/about.html"];
  REQUIRE(about != nullptr);
  CHECK(about->block.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(about->block.find("\r\n\r\n<html><body><a href=\"/\">Home</a> <a href=\"" + o +
                          "/news/\">News</a></body></html>") != std::string::npos);
  // The redirect is archived as the 302 it was; its target was fetched as its own URL.
  CHECK(response_for[o + "/redirect"]->block.rfind("HTTP/1.1 302 Found\r\n", 0) == 0);
  // The cut response is archived with what arrived, marked truncated.
  const common::WarcRecord* cut = response_for[o + "/cut"];
  REQUIRE(cut != nullptr);
  CHECK(View(cut->header("WARC-Truncated")) == "disconnect");
  REQUIRE(cut->block.size() > 14);
  CHECK(cut->block.substr(cut->block.size() - 14) == "\r\n\r\n" + std::string(10, 'x'));

  // The crawl log: one line per fetch, failures with their error.
  auto log = ReadLog(site.collection() / "crawl" / "crawl.log");
  CHECK(log.size() == expected.size() + 1);  // + the failed dead.test robots.txt
  std::map<std::string, nlohmann::json> log_by_url;
  for (const auto& line : log) log_by_url[line["url"].get<std::string>()] = line;
  CHECK(log_by_url[o + "/broken"]["status"] == 500);
  CHECK(log_by_url[o + "/broken"]["error"] == "HTTP 500");
  CHECK(log_by_url[o + "/cut"]["error"].is_string());
  CHECK(log_by_url[o + "/"]["error"].is_null());
  CHECK(log_by_url[o + "/"]["warc_file"] == summary->warc_files[0]);
  const std::string dead_robots = "http://dead.test:" + std::to_string(dead_port) + "/robots.txt";
  REQUIRE(log_by_url.count(dead_robots) == 1);
  CHECK(log_by_url[dead_robots]["status"] == 0);
  CHECK(log_by_url[dead_robots]["warc_file"].is_null());
  CHECK(log_by_url[dead_robots]["error"].get<std::string>().find("onnect") != std::string::npos);
  CHECK(log_by_url[dead_robots]["kind"] == "robots");

  // The state: one row per URL fetched, pointing at the response records.
  auto state = ReadState(site.collection() / "crawl" / "state.sqlite");
  CHECK(state.size() == expected.size() + 1);
  CHECK(state[o + "/broken"].status == 500);
  CHECK(state[o + "/broken"].error == "HTTP 500");
  CHECK(state[dead_robots].status == 0);
  CHECK(!state[dead_robots].error.empty());
  const StateRow& home = state[o + "/"];
  CHECK(home.status == 200);
  CHECK(home.error.empty());
  auto home_record =
      common::ReadWarcRecordAt((site.collection() / "warc" / home.warc_file).string(),
                               static_cast<std::uint64_t>(home.offset));
  REQUIRE(home_record.ok());
  CHECK(home_record->record.target_uri() == o + "/");
  CHECK(View(home_record->record.header("WARC-Payload-Digest")) == home.digest);
}

TEST_CASE("max-pages stops the crawl; robots.txt is not counted") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.max_pages = 2;
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  CHECK(summary->pages == 2);
  CHECK(summary->failed == 0);
  ReadBack back = ReadAllRecords(site.WarcFiles());
  std::vector<std::string> uris;
  for (const auto& at : back.records) {
    if (at.record.type() == common::WarcType::kResponse) uris.emplace_back(at.record.target_uri());
  }
  CHECK(uris == std::vector<std::string>{site.Origin() + "/robots.txt", site.Origin() + "/",
                                         site.Origin() + "/sitemap.xml"});
}

TEST_CASE("the per-host delay spaces requests to one host") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.max_pages = 2;
  options.delay_seconds = 0.3;
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  auto requests = site.server().requests();
  REQUIRE(requests.size() == 3);  // robots.txt, /, /sitemap.xml
  for (std::size_t i = 1; i < requests.size(); ++i) {
    auto gap = std::chrono::duration<double>(requests[i].time - requests[i - 1].time).count();
    CHECK(gap >= 0.29);
  }
}

TEST_CASE("robots.txt can be ignored, and that is recorded") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.obey_robots = false;
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  CHECK(summary->robots_fetches == 0);
  CHECK(site.server().hits("/private/secret.html") == 1);
  CHECK(site.server().hits("/robots.txt") == 0);
  ReadBack back = ReadAllRecords(site.WarcFiles());
  REQUIRE(!back.records.empty());
  CHECK(back.records[0].record.block.find("robots: ignore\r\n") != std::string::npos);
}

TEST_CASE("a second crawl into the same collection adds a file and updates the state") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.max_pages = 1;
  REQUIRE(crawler::RunCrawl(options).ok());
  REQUIRE(crawler::RunCrawl(options).ok());
  CHECK(site.WarcFiles().size() == 2);
  for (const auto& f : site.WarcFiles()) CHECK(f.extension() == ".gz");  // none left .open
  auto state = ReadState(site.collection() / "crawl" / "state.sqlite");
  CHECK(state.size() == 2);  // robots.txt and /
}

TEST_CASE("a seed's redirect to another host becomes a seed; a page's does not") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  const std::string port = std::to_string(site.port());
  const std::string target = site.Origin() + "/about.html";
  site.server().AddRoute("alias.test", "/start", [target](const testserver::Request&) {
    testserver::Response r;
    r.status = 301;
    r.headers.emplace_back("Location", target);
    return r;
  });
  site.server().AddRoute("alias.test", "/page", [](const testserver::Request&) {
    testserver::Response r;
    r.headers.emplace_back("Content-Type", "text/html");
    r.body = "<a href=\"/hop\">hop</a>";
    return r;
  });
  const std::string unlinked = site.Origin() + "/unlinked.html";
  site.server().AddRoute("alias.test", "/hop", [unlinked](const testserver::Request&) {
    testserver::Response r;
    r.status = 302;
    r.headers.emplace_back("Location", unlinked);
    return r;
  });
  crawler::CrawlOptions options = site.Options();
  const std::string alias = "http://alias.test:" + port;
  options.seeds = {alias + "/start", alias + "/page"};
  options.resolve.push_back("alias.test:" + port + ":127.0.0.1");
  // One fetch at a time, so the records come in the frontier's order (the hosts do not overlap).
  options.concurrency = 1;
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  ReadBack back = ReadAllRecords(site.WarcFiles());
  std::vector<std::string> uris;
  for (const auto& at : back.records) {
    if (at.record.type() == common::WarcType::kResponse) uris.emplace_back(at.record.target_uri());
  }
  // alias.test has no folder: its robots.txt is a 404, so everything is allowed there. The
  // seed's redirect target is crawled with its own scope (its links too); the redirect of
  // /page's link /hop to site.test is out of /page's scope and is not followed.
  const std::string o = site.Origin();
  REQUIRE(uris.size() > 9);
  uris.resize(9);
  CHECK(uris == std::vector<std::string>{alias + "/robots.txt", alias + "/start", alias + "/page",
                                         alias + "/sitemap.xml", o + "/robots.txt", target,
                                         alias + "/hop", o + "/sitemap.xml", o + "/"});
  CHECK(site.server().hits("/unlinked.html") == 0);
  CHECK(site.server().hits("/news/sub/item.html") == 1);
}

TEST_CASE("transport failures: a reset, a timeout and a slow trickle are logged and counted") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  site.server().AddRoute("site.test", "/reset", [](const testserver::Request&) {
    testserver::Response r;
    r.reset_connection = true;
    return r;
  });
  site.server().AddRoute("site.test", "/stall", [](const testserver::Request&) {
    testserver::Response r;
    r.delay_ms = 3000;
    return r;
  });
  site.server().AddRoute("site.test", "/trickle", [](const testserver::Request&) {
    testserver::Response r;
    r.body = std::string(2000, 'y');
    r.throttle_bytes_per_second = 500;  // the head arrives in time, the body does not
    return r;
  });
  crawler::CrawlOptions options = site.Options();
  const std::string o = site.Origin();
  options.seeds = {o + "/reset", o + "/stall", o + "/trickle", o + "/news/sub/item.html"};
  options.obey_robots = false;
  options.total_timeout_seconds = 1;
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  CHECK(summary->failed == 3);
  CHECK(summary->fetched == 2);  // item.html and the /sitemap.xml probe
  auto log = ReadLog(site.collection() / "crawl" / "crawl.log");
  std::map<std::string, nlohmann::json> by_url;
  for (const auto& line : log) by_url[line["url"].get<std::string>()] = line;
  CHECK(by_url[o + "/reset"]["status"] == 0);
  CHECK(by_url[o + "/reset"]["error"].is_string());
  CHECK(by_url[o + "/stall"]["status"] == 0);
  CHECK(by_url[o + "/stall"]["error"].get<std::string>().find("imeout") != std::string::npos);
  // The trickle sent its head in time: what arrived is archived, marked as cut by time.
  CHECK(by_url[o + "/trickle"]["status"] == 200);
  CHECK(by_url[o + "/trickle"]["warc_file"].is_string());
  CHECK(by_url[o + "/news/sub/item.html"]["error"].is_null());
  ReadBack back = ReadAllRecords(site.WarcFiles());
  bool found = false;
  for (const auto& at : back.records) {
    if (at.record.type() == common::WarcType::kResponse &&
        at.record.target_uri() == o + "/trickle") {
      found = true;
      CHECK(View(at.record.header("WARC-Truncated")) == "time");
    }
  }
  CHECK(found);
}

TEST_CASE("a collection that cannot be created is an error, not a crawl") {
  TempDir dir;
  WriteFile(dir.path() / "file", "not a folder");
  crawler::CrawlOptions options;
  options.collection = (dir.path() / "file").string();
  options.seeds = {"http://site.test:1/"};
  auto summary = crawler::RunCrawl(options);
  REQUIRE(!summary.ok());
  CHECK(summary.status().code() == common::Status::Code::kIOError);
}

TEST_CASE("an unreadable seeds file is an error") {
  TempDir dir;
  crawler::CrawlOptions options;
  options.collection = (dir.path() / "c").string();
  options.seeds_file = (dir.path() / "missing.txt").string();
  auto summary = crawler::RunCrawl(options);
  REQUIRE(!summary.ok());
  CHECK(summary.status().code() == common::Status::Code::kNotFound);
}

}  // namespace
}  // namespace vestige::test
