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

  // The crawler made these lines as it wrote the records; reading every file back gives the same
  // index, byte for byte.
  const std::string made = ReadFile(index);
  std::filesystem::remove(index);
  std::filesystem::remove(site.collection() / "cdxj" / "indexed-files.txt");
  auto rebuilt = crawler::UpdateCdxjIndex(site.collection().string());
  REQUIRE(rebuilt.ok());
  CHECK(*rebuilt == static_cast<std::int64_t>(lines2.size()));
  CHECK(ReadFile(index) == made);

  // A kill after the index was renamed but before the file list was appended leaves files that
  // are indexed and not listed: indexing them again adds no line twice.
  std::filesystem::remove(site.collection() / "cdxj" / "indexed-files.txt");
  REQUIRE(crawler::UpdateCdxjIndex(site.collection().string()).ok());
  CHECK(ReadFile(index) == made);
}

TEST_CASE("a spool spills sorted runs and merges them into the same index") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  REQUIRE(crawler::RunCrawl(site.Options()).ok());
  const auto dir = site.collection() / "cdxj";
  const std::string made = ReadFile(dir / "index.cdxj");
  REQUIRE(Lines(dir / "index.cdxj").size() == 13);
  struct Row {
    const char* name;
    std::size_t chunk_bytes;
    bool foreign_file;  // the spool names a file the collection does not have: it is not used
    std::size_t min_runs;
  };
  const Row rows[] = {
      {"one line a run", 1, false, 12},
      {"a few lines a run", 700, false, 2},
      {"all in memory", crawler::CdxjSpool::kDefaultChunkBytes, false, 0},
      {"spool of another collection", 1, true, 0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    std::filesystem::remove(dir / "index.cdxj");
    std::filesystem::remove(dir / "indexed-files.txt");
    crawler::CdxjSpool spool(site.collection().string(), row.chunk_bytes);
    if (row.foreign_file) {
      spool.Add("elsewhere.warc.gz", "zz,example)/ 20260101000000 {}");
      spool.Add("elsewhere.warc.gz", "zz,example)/b 20260101000000 {}");
    }
    auto indexed = crawler::UpdateCdxjIndex(site.collection().string(), &spool);
    REQUIRE(indexed.ok());
    CHECK(*indexed == 13);
    CHECK(spool.runs() >= row.min_runs);
    CHECK(ReadFile(dir / "index.cdxj") == made);
  }
  // No temporary file is left next to the index.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  CHECK(files == 2);
}

TEST_CASE("CdxjLine indexes responses, revisits and resources only") {
  common::WarcRecord response;
  response.set_header("WARC-Type", "response");
  response.set_header("WARC-Target-URI", "http://example.org/a");
  response.set_header("WARC-Date", "2026-11-22T02:54:03.123456Z");
  response.set_header("WARC-Payload-Digest", "sha256:ABC");
  response.block = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\r\nx";
  CHECK(crawler::CdxjLine("f.warc.gz", response, 10, 20) ==
        "org,example)/a 20261122025403 {\"url\":\"http://example.org/a\",\"mime\":\"text/html\","
        "\"status\":\"404\",\"digest\":\"sha256:ABC\",\"length\":\"20\",\"offset\":\"10\","
        "\"filename\":\"f.warc.gz\"}");
  common::WarcRecord request = response;
  request.set_header("WARC-Type", "request");
  CHECK(crawler::CdxjLine("f.warc.gz", request, 0, 1).empty());
  common::WarcRecord no_uri;
  no_uri.set_header("WARC-Type", "response");
  CHECK(crawler::CdxjLine("f.warc.gz", no_uri, 0, 1).empty());
}

}  // namespace
}  // namespace vestige::test
