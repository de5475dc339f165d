// `vestige-crawl verify`: every digest of a fresh crawl checks out; a record whose bytes differ
// from its digests is reported with its file and offset, and the binary exits 1.
#include "vestige/crawler/verify.h"

#include <doctest/doctest.h>

#include "process.h"
#include "site_fixture.h"
#include "vestige/crawler/crawler.h"

namespace vestige::test {
namespace {

common::WarcRecord Response(const std::string& block) {
  common::WarcRecord r;
  r.set_header("WARC-Type", "response");
  r.set_header("WARC-Record-ID", common::NewRecordId());
  r.set_header("WARC-Date", "2026-11-22T00:00:00Z");
  r.set_header("WARC-Target-URI", "http://example.test/");
  r.set_header("Content-Type", "application/http;msgtype=response");
  r.block = block;
  return r;
}

TEST_CASE("verify: a fresh crawl is clean; bad digests are reported with file and offset") {
  SiteFixture site;
  REQUIRE(site.port() > 0);
  crawler::CrawlOptions options = site.Options();
  options.operator_name = "Test Operator <ops@example.org>";
  auto summary = crawler::RunCrawl(options);
  REQUIRE(summary.ok());
  auto clean = crawler::VerifyCollection(site.collection().string(), nullptr);
  REQUIRE(clean.ok());
  CHECK(clean->files == 1);
  CHECK(clean->records > 20);
  CHECK(clean->digests > clean->records);  // block and payload digests
  CHECK(clean->mismatches == 0);
  ReadBack back = ReadAllRecords(site.WarcFiles());
  REQUIRE(!back.records.empty());
  CHECK(back.records[0].record.block.find("operator: Test Operator <ops@example.org>\r\n") !=
        std::string::npos);
  CHECK(back.records[0].record.block.find("vestige-recrawl-after-seconds: ") != std::string::npos);

  // A plain (uncompressed) file written by "another tool": one good record with the payload
  // digest over the raw chunked body, one with a wrong block digest, one with a wrong payload.
  const std::string chunked =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
  const std::string raw_body = "5\r\nhello\r\n0\r\n\r\n";
  common::WarcRecord good = Response(chunked);
  good.set_header("WARC-Block-Digest", common::Sha256Digest(chunked));
  good.set_header("WARC-Payload-Digest", common::Sha256Digest(raw_body));
  common::WarcRecord bad_block = Response(chunked);
  bad_block.set_header("WARC-Block-Digest", common::Sha256Digest("something else"));
  common::WarcRecord bad_payload = Response(chunked);
  bad_payload.set_header("WARC-Block-Digest", common::Sha256Digest(chunked));
  bad_payload.set_header("WARC-Payload-Digest", common::Sha256Digest("hellO"));
  std::string bytes = common::SerializeWarcRecord(good);
  const std::size_t bad_block_at = bytes.size();
  bytes += common::SerializeWarcRecord(bad_block);
  const std::size_t bad_payload_at = bytes.size();
  bytes += common::SerializeWarcRecord(bad_payload);
  WriteFile(site.collection() / "warc" / "other-tool.warc", bytes);

  const auto report = site.dir() / "verify.txt";
  std::FILE* out = std::fopen(report.c_str(), "w");
  REQUIRE(out != nullptr);
  auto dirty = crawler::VerifyCollection(site.collection().string(), out);
  std::fclose(out);
  REQUIRE(dirty.ok());
  CHECK(dirty->files == 2);
  CHECK(dirty->mismatches == 2);
  const std::string text = ReadFile(report);
  CHECK(text.find("other-tool.warc offset " + std::to_string(bad_block_at) +
                  ": WARC-Block-Digest") != std::string::npos);
  CHECK(text.find("other-tool.warc offset " + std::to_string(bad_payload_at) +
                  ": WARC-Payload-Digest") != std::string::npos);

  // The binary: exit 1 and the same lines.
  const std::filesystem::path binary = VESTIGE_CRAWL_BIN;
  REQUIRE(std::filesystem::exists(binary));
  ProcessResult r =
      RunProcess({binary.string(), "--collection", site.collection().string(), "verify"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == text);
  CHECK(r.err.find("2 mismatches") != std::string::npos);
  std::filesystem::remove(site.collection() / "warc" / "other-tool.warc");
  ProcessResult ok =
      RunProcess({binary.string(), "--collection", site.collection().string(), "verify"});
  CHECK(ok.exit_code == 0);
}

}  // namespace
}  // namespace vestige::test
