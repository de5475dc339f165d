// The CDXJ replay index: SURT keys as pywb makes them, and an index whose every line points at the
// record it describes, kept sorted across runs.
#include "vestige/crawler/cdxj.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "site_fixture.h"
#include "vestige/common/url.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

TEST_CASE("SURT keys") {
  struct Row {
    const char* url;
    const char* surt;
  };
  const Row rows[] = {
      {"http://www.Example.org/", "org,example)/"},
      {"https://example.org", "org,example)/"},
      {"http://example.org:8080/a/B?b=2&a=1", "org,example:8080)/a/b?a=1&b=2"},
      {"http://example.org:80/x#frag", "org,example)/x"},
      {"http://sub.naviny.example/news/?", "example,naviny,sub)/news/"},
      {"http://user@host.test/", "test,host)/"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.url));
    CHECK(common::SurtKey(row.url) == row.surt);
  }
}

std::vector<std::string> Lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST_CASE("the CDXJ index points at every response, sorted, and grows with each run") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.recrawl_after_seconds = 0;
  auto first = crawler::RunCrawl(options);
  REQUIRE(first.ok());
  const auto index = site.collection() / "cdxj" / "index.cdxj";
  auto lines = Lines(index);
  CHECK(static_cast<std::int64_t>(lines.size()) == first->cdxj_lines);
  CHECK(lines.size() == 13);  // one per response record of the fixture crawl
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  for (const std::string& line : lines) {
    CAPTURE(line);
    std::size_t s1 = line.find(' ');
    std::size_t s2 = line.find(' ', s1 + 1);
    REQUIRE(s2 != std::string::npos);
    CHECK(s2 - s1 - 1 == 14);  // timestamp
    auto j = nlohmann::json::parse(line.substr(s2 + 1));
    CHECK(line.substr(0, s1) == common::SurtKey(j["url"].get<std::string>()));
    auto record = common::ReadWarcRecordAt(
        (site.collection() / "warc" / j["filename"].get<std::string>()).string(),
        std::stoull(j["offset"].get<std::string>()));
    REQUIRE(record.ok());
    CHECK(record->record.target_uri() == j["url"].get<std::string>());
    CHECK(std::to_string(record->length) == j["length"].get<std::string>());
  }
  // A second run adds its records (revisits included) and keeps the index sorted.
  auto second = crawler::RunCrawl(options);
  REQUIRE(second.ok());
  auto lines2 = Lines(index);
  CHECK(lines2.size() == lines.size() * 2);
  CHECK(std::is_sorted(lines2.begin(), lines2.end()));
  std::size_t revisits = 0;
  for (const auto& l : lines2) revisits += l.find("\"mime\":\"warc/revisit\"") != std::string::npos;
  CHECK(revisits >= 3);
}

}  // namespace
}  // namespace vestige::test
