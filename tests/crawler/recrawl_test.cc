// Incremental recrawl and change tracking: a second run sends conditional requests, archives a 304
// and an unchanged payload as revisit records pointing at the first capture, and records per URL
// whether it is new, changed, unchanged, gone or failed; --recrawl-after spares pages not yet due.
#include <doctest/doctest.h>

#include <map>
#include <thread>

#include "site_fixture.h"
#include "vestige/common/http.h"
#include "vestige/crawler/crawler.h"
#include "vestige/crawler/report.h"

namespace vestige::test {
namespace {

std::string View(std::optional<std::string_view> v) { return v ? std::string(*v) : ""; }

// The last response or revisit record of each URL among `records`.
std::map<std::string, common::WarcRecord> LastCaptures(const ReadBack& back) {
  std::map<std::string, common::WarcRecord> out;
  for (const auto& at : back.records) {
    auto type = at.record.type();
    if (type == common::WarcType::kResponse || type == common::WarcType::kRevisit) {
      out[std::string(at.record.target_uri())] = at.record;
    }
  }
  return out;
}

std::map<std::string, std::string> Outcomes(const std::string& report_text) {
  std::map<std::string, std::string> out;
  std::istringstream in(report_text);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out[line.substr(line.rfind('\t') + 1)] = line.substr(0, tab);
  }
  return out;
}

TEST_CASE("a second run: conditional requests, revisit records, change outcomes") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  const std::string o = site.Origin();
  // Same bytes every time and no validators: only the payload digest tells it is unchanged.
  site.server().AddRoute("site.test", "/plain", [](const testserver::Request&) {
    testserver::Response r;
    r.headers.emplace_back("Content-Type", "text/plain");
    r.body = "always the same\n";
    return r;
  });
  crawler::CrawlOptions options = site.Options();
  options.seeds.push_back(o + "/plain");
  options.recrawl_after_seconds = 0;
  auto first = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(first.ok(), first.status().ToString());
  CHECK(first->run == 1);
  CHECK(first->revisits == 0);
  const ReadBack back1 = ReadAllRecords(site.WarcFiles());
  auto captures1 = LastCaptures(back1);

  // Between the runs: one page edited, one deleted.
  const auto root = site.dir() / "root" / "site.test";
  WriteFile(root / "about.html", "<html><body>Edited. <a href=\"/\">Home</a></body></html>");
  std::filesystem::remove(root / "news" / "sub" / "item.html");
  site.server().ClearLog();
  auto second = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(second.ok(), second.status().ToString());
  CHECK(second->run == 2);
  CHECK(second->revisits >= 3);  // "/", "/plain", robots.txt, ...

  // Conditional requests went out for pages archived with validators.
  bool conditional_home = false;
  for (const auto& r : site.server().requests()) {
    if (r.target == "/" && testserver::FindHeader(r.headers, "If-None-Match")) {
      conditional_home = true;
    }
  }
  CHECK(conditional_home);

  const ReadBack back2 = ReadAllRecords(site.WarcFiles());
  REQUIRE(back2.errors.empty());
  auto captures2 = LastCaptures(back2);
  const common::WarcRecord& home = captures2[o + "/"];
  CHECK(home.type() == common::WarcType::kRevisit);
  CHECK(View(home.header("WARC-Profile")) ==
        "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
  CHECK(View(home.header("WARC-Refers-To")) == captures1[o + "/"].record_id());
  CHECK(View(home.header("WARC-Refers-To-Target-URI")) == o + "/");
  CHECK(View(home.header("WARC-Refers-To-Date")) == captures1[o + "/"].date());
  CHECK(home.block.rfind("HTTP/1.1 304", 0) == 0);

  const common::WarcRecord& plain = captures2[o + "/plain"];
  CHECK(plain.type() == common::WarcType::kRevisit);
  CHECK(View(plain.header("WARC-Profile")) ==
        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
  CHECK(View(plain.header("WARC-Refers-To")) == captures1[o + "/plain"].record_id());
  CHECK(View(plain.header("WARC-Payload-Digest")) ==
        View(captures1[o + "/plain"].header("WARC-Payload-Digest")));
  CHECK(plain.block.find("always the same") == std::string::npos);  // headers only

  CHECK(captures2[o + "/about.html"].type() == common::WarcType::kResponse);
  CHECK(captures2[o + "/about.html"].block.find("Edited.") != std::string::npos);

  crawler::ReportOptions report;
  report.collection = site.collection().string();
  auto text = crawler::CrawlReport(report);
  REQUIRE(text.ok());
  auto outcomes = Outcomes(*text);
  CHECK(outcomes[o + "/"] == "unchanged");
  CHECK(outcomes[o + "/plain"] == "unchanged");
  CHECK(outcomes[o + "/news/"] == "unchanged");  // a 304: its links came from the archive
  CHECK(outcomes[o + "/about.html"] == "changed");
  CHECK(outcomes[o + "/news/sub/item.html"] == "gone");
  CHECK(outcomes[o + "/broken"] == "failed");
  report.run = 1;
  auto text1 = crawler::CrawlReport(report);
  REQUIRE(text1.ok());
  CHECK(Outcomes(*text1)[o + "/about.html"] == "new");
  report.run = 7;
  CHECK(crawler::CrawlReport(report).status().code() == common::Status::Code::kNotFound);

  // A third run with the default --recrawl-after: only seeds (and robots.txt) are fetched; the
  // rest is not due, yet its links are still followed from the archive.
  options.recrawl_after_seconds = 7 * 86400.0;
  site.server().ClearLog();
  auto third = crawler::RunCrawl(options);
  REQUIRE(third.ok());
  CHECK(site.server().hits("/") == 1);
  CHECK(site.server().hits("/plain") == 1);
  CHECK(site.server().hits("/about.html") == 0);
  CHECK(site.server().hits("/news/") == 0);
  CHECK(third->not_due >= 3);
}

}  // namespace
}  // namespace vestige::test
