// A third party reads our WARC files: warcio (the npm package of Webrecorder, pinned in
// tests/npm) must index every record of every file the crawler writes.
#include <doctest/doctest.h>

#include <sstream>

#include "process.h"
#include "site_fixture.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

std::size_t CountOccurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST_CASE("warcio indexes every record the crawler writes") {
  const auto warcio = BinaryDir() / "npm" / "node_modules" / ".bin" / "warcio";
  if (!std::filesystem::exists(warcio)) {
    FAIL("warcio is not installed at " << warcio.string() << ": run scripts/install-npm-tools.sh "
                                       << BinaryDir().string() << " (make test runs it)");
  }
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.warc_max_file_bytes = 4096;  // several files, so rotation is covered too
  auto summary = crawler::RunCrawl(options);
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  const auto files = site.WarcFiles();
  REQUIRE(files.size() >= 2);

  for (const auto& file : files) {
    CAPTURE(file.string());
    ReadBack ours = ReadAllRecords({file});
    REQUIRE(ours.errors.empty());
    std::size_t warcinfo = 0, request = 0, response = 0;
    for (const auto& at : ours.records) {
      switch (at.record.type()) {
        case common::WarcType::kWarcinfo:
          ++warcinfo;
          break;
        case common::WarcType::kRequest:
          ++request;
          break;
        case common::WarcType::kResponse:
          ++response;
          break;
        default:
          break;
      }
    }
    CHECK(warcinfo == 1);
    CHECK(request + response + warcinfo == ours.records.size());

    ProcessResult result = RunProcess({warcio.string(), "index", file.string()}, 120);
    CAPTURE(result.err);
    REQUIRE(!result.timed_out);
    CHECK(result.exit_code == 0);
    std::size_t lines = CountOccurrences(result.out, "\n");
    CHECK(lines == ours.records.size());
    CHECK(CountOccurrences(result.out, "\"warc-type\":\"warcinfo\"") == warcinfo);
    CHECK(CountOccurrences(result.out, "\"warc-type\":\"request\"") == request);
    CHECK(CountOccurrences(result.out, "\"warc-type\":\"response\"") == response);
    // warcio's offsets are ours: each record starts where our reader found it.
    std::istringstream in(result.out);
    std::string line;
    std::size_t i = 0;
    while (std::getline(in, line) && i < ours.records.size()) {
      CHECK(line.find("\"offset\":" + std::to_string(ours.records[i].offset) + ",") !=
            std::string::npos);
      ++i;
    }
  }
}

}  // namespace
}  // namespace vestige::test
