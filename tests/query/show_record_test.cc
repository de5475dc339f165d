// `show` (one document in full) and `record` (the original WARC records of a capture), against
// a real WARC file written by common's WarcWriter and a real index pointing into it.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "test_index.h"
#include "test_paths.h"
#include "vestige/common/date.h"
#include "vestige/common/document.h"
#include "vestige/common/warc.h"
#include "vestige/query/format.h"
#include "vestige/query/record.h"
#include "vestige/query/searcher.h"
#include "vestige/query/show.h"

namespace vestige::query {
namespace {

using common::WarcRecord;
using common::WarcType;

constexpr const char* kUrl = "https://example.org/reports/okrestina";

std::string Body(const std::string& http_block) {
  return http_block.substr(http_block.find("\r\n\r\n") + 4);
}

// A collection with captures of kUrl on 2024-03-01 (response), 2024-03-10 (response, other
// body) and 2024-03-20 (revisit of the first), each with its request, plus another page.
struct WarcCollection {
  WarcCollection() {
    common::WarcWriterOptions options;
    options.directory = (dir.path() / "warc").string();
    options.prefix = "test";
    options.warcinfo_fields = "software: vestige-test\r\nformat: WARC File Format 1.1\r\n";
    auto writer = common::WarcWriter::Open(options);
    REQUIRE(writer.ok());
    first = Exchange(**writer, kUrl, "2024-03-01T10:00:00Z", "<p>first capture</p>", std::nullopt);
    other = Exchange(**writer, "https://example.org/other", "2024-03-02T10:00:00Z", "<p>other</p>",
                     std::nullopt);
    second =
        Exchange(**writer, kUrl, "2024-03-10T10:00:00Z", "<p>second capture</p>", std::nullopt);
    revisit = Exchange(**writer, kUrl, "2024-03-20T10:00:00Z", "", first_response_id);
    REQUIRE((*writer)->Close().ok());

    common::IndexedDocument doc = test::SampleDocuments()[0];
    doc.warc.file = first.file;
    doc.warc.offset = first.offset;
    doc.warc.length = first.length;
    doc.warc.record_id = first_response_id;
    test::BuildIndex(CollectionIndexPath(dir.path()), {doc});
  }

  // Writes request + response (or revisit of `refers_to`); returns the response's location.
  common::WarcLocation Exchange(common::WarcWriter& writer, const std::string& url,
                                const std::string& date, const std::string& body,
                                const std::optional<std::string>& refers_to) {
    const std::string request_id = common::NewRecordId();
    const std::string response_id = common::NewRecordId();
    WarcRecord request;
    request.set_header("WARC-Type", "request");
    request.set_header("WARC-Record-ID", request_id);
    request.set_header("WARC-Date", date);
    request.set_header("WARC-Target-URI", url);
    request.set_header("WARC-Concurrent-To", response_id);
    request.set_header("Content-Type", "application/http;msgtype=request");
    request.block = "GET " + url + " HTTP/1.1\r\nHost: example.org\r\n\r\n";
    request.set_header("WARC-Block-Digest", common::Sha256Digest(request.block));
    REQUIRE(writer.Write(request).ok());

    WarcRecord response;
    response.set_header("WARC-Type", refers_to ? "revisit" : "response");
    response.set_header("WARC-Record-ID", response_id);
    response.set_header("WARC-Date", date);
    response.set_header("WARC-Target-URI", url);
    response.set_header("WARC-Concurrent-To", request_id);
    response.set_header("WARC-Warcinfo-ID", writer.warcinfo_id());
    response.set_header("Content-Type", "application/http;msgtype=response");
    if (refers_to) {
      response.set_header("WARC-Refers-To", *refers_to);
      response.set_header("WARC-Refers-To-Target-URI", url);
      response.set_header("WARC-Refers-To-Date", "2024-03-01T10:00:00Z");
      response.set_header("WARC-Profile",
                          "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest");
      response.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    } else {
      response.block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body;
      response.set_header("WARC-Payload-Digest", common::Sha256Digest(body));
    }
    response.set_header("WARC-Block-Digest", common::Sha256Digest(response.block));
    common::Result<common::WarcLocation> loc = writer.Write(response);
    REQUIRE(loc.ok());
    if (first_response_id.empty()) first_response_id = response_id;
    return *loc;
  }

  common::Result<Hit> Get(const std::string& url_or_id) {
    common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
    REQUIRE(searcher.ok());
    return searcher->Get(url_or_id);
  }

  // A request for the record of `hit` (WARC folder set; cdxj/ too `with_cdxj`).
  RecordRequest Request(const Hit& hit, bool with_cdxj) const {
    RecordRequest request;
    request.warc_dir = dir.path() / "warc";
    if (with_cdxj) request.cdxj_dir = dir.path() / "cdxj";
    request.indexed = hit.document.warc;
    return request;
  }

  // Writes cdxj/index.cdxj as the crawler does (SURT key, 14-digit time, JSON; sorted), with a
  // line for the same SURT key under another URL (http:) and lines of other hosts around it,
  // and cdxj/indexed-files.txt naming `covered`.
  void WriteCdxj(const std::vector<std::string>& covered) const {
    auto line = [](const std::string& key, const std::string& time, const std::string& url,
                   const common::WarcLocation& at, const std::string& mime) {
      return key + " " + time + " {\"url\": \"" + url + "\", \"mime\": \"" + mime +
             "\", \"status\": \"200\", \"length\": \"" + std::to_string(at.length) +
             "\", \"offset\": \"" + std::to_string(at.offset) + "\", \"filename\": \"" + at.file +
             "\"}\n";
    };
    const std::string key = "org,example)/reports/okrestina";
    std::string cdxj = line("com,aaa)/", "20240301000000", "https://aaa.com/", other, "text/html");
    cdxj += line("org,example)/other", "20240302100000", "https://example.org/other", other,
                 "text/html");
    cdxj += line(key, "20240301100000", kUrl, first, "text/html");
    // Closest to 2024-03-09, but another URL (http:) with the same key: never chosen.
    cdxj += line(key, "20240309000000", "http://example.org/reports/okrestina", other, "text/html");
    cdxj += line(key, "20240310100000", kUrl, second, "text/html");
    cdxj += line(key, "20240320100000", kUrl, revisit, "warc/revisit");
    for (int i = 0; i < 50; ++i) {
      cdxj += line("org,zzz" + std::to_string(10 + i) + ")/", "20240301000000", "https://zzz.org/",
                   other, "text/html");
    }
    std::string files;
    for (const std::string& f : covered) files += f + "\n";
    std::filesystem::create_directories(dir.path() / "cdxj");
    test::WriteFile(dir.path() / "cdxj" / "index.cdxj", cdxj);
    test::WriteFile(dir.path() / "cdxj" / "indexed-files.txt", files);
  }

  test::TempDir dir;
  std::string first_response_id;
  common::WarcLocation first;
  common::WarcLocation other;
  common::WarcLocation second;
  common::WarcLocation revisit;
};

// Reads `bytes` back as a WARC file with common's reader; checks every digest it carries.
std::vector<WarcRecord> ReadBack(const test::TempDir& dir, const std::string& bytes) {
  const auto path = dir.path() / "export.warc.gz";
  test::WriteFile(path, bytes);
  auto reader = common::WarcReader::Open(path.string());
  REQUIRE(reader.ok());
  std::vector<WarcRecord> records;
  for (;;) {
    common::Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
    REQUIRE_MESSAGE(next.ok(), next.status().ToString());
    if (!next->has_value()) break;
    WarcRecord record = (*next)->record;
    if (auto digest = record.header("WARC-Block-Digest")) {
      common::Result<bool> match = common::DigestMatches(*digest, record.block);
      REQUIRE(match.ok());
      CHECK(*match);
    }
    if (auto digest = record.header("WARC-Payload-Digest")) {
      common::Result<bool> match = common::DigestMatches(*digest, Body(record.block));
      REQUIRE(match.ok());
      CHECK(*match);
    }
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<WarcType> Types(const std::vector<WarcRecord>& records) {
  std::vector<WarcType> types;
  for (const WarcRecord& r : records) types.push_back(r.type());
  return types;
}

TEST_CASE("record: the indexed capture with its request and warcinfo, byte for byte") {
  WarcCollection c;
  common::Result<Hit> hit = c.Get(kUrl);
  REQUIRE_MESSAGE(hit.ok(), hit.status().ToString());
  RecordRequest request = c.Request(*hit, /*with_cdxj=*/false);
  common::Result<RecordExport> out = ExportRecord(request);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  CHECK(out->missing.empty());
  CHECK(out->offset == c.first.offset);
  CHECK(out->date == "2024-03-01T10:00:00Z");
  // The capture's bytes are exactly those on disk.
  const std::string file = test::ReadFile(c.dir.path() / "warc" / c.first.file);
  CHECK(out->bytes.ends_with(file.substr(c.first.offset, c.first.length)));

  const std::vector<WarcRecord> records = ReadBack(c.dir, out->bytes);
  REQUIRE(Types(records) ==
          std::vector<WarcType>{WarcType::kWarcinfo, WarcType::kRequest, WarcType::kResponse});
  CHECK(records[2].record_id() == c.first_response_id);
  CHECK(records[1].header("WARC-Concurrent-To").value_or("") == c.first_response_id);
  CHECK(records[2].header("WARC-Warcinfo-ID").value_or("") == records[0].record_id());
  CHECK(Body(records[2].block) == "<p>first capture</p>");
}

TEST_CASE("record --at: the closest capture; a revisit brings the record it refers to") {
  WarcCollection c;
  common::Result<Hit> hit = c.Get(kUrl);
  REQUIRE(hit.ok());
  RecordRequest request = c.Request(*hit, /*with_cdxj=*/false);

  request.at = *common::ParseIsoTimestamp("2024-03-09");
  common::Result<RecordExport> second = ExportRecord(request);
  REQUIRE(second.ok());
  CHECK(second->offset == c.second.offset);
  std::vector<WarcRecord> records = ReadBack(c.dir, second->bytes);
  REQUIRE(Types(records) ==
          std::vector<WarcType>{WarcType::kWarcinfo, WarcType::kRequest, WarcType::kResponse});
  CHECK(Body(records[2].block) == "<p>second capture</p>");

  request.at = *common::ParseIsoTimestamp("2024-04");
  common::Result<RecordExport> revisit = ExportRecord(request);
  REQUIRE(revisit.ok());
  CHECK(revisit->offset == c.revisit.offset);
  CHECK(revisit->missing.empty());
  records = ReadBack(c.dir, revisit->bytes);
  REQUIRE(Types(records) == std::vector<WarcType>{WarcType::kWarcinfo, WarcType::kRequest,
                                                  WarcType::kResponse, WarcType::kRevisit});
  CHECK(records[2].record_id() == c.first_response_id);
  CHECK(records[3].header("WARC-Refers-To").value_or("") == c.first_response_id);
}

TEST_CASE("record --at with a CDXJ index: found by lookup, no WARC file scanned") {
  WarcCollection c;
  c.WriteCdxj({c.first.file});
  common::Result<Hit> hit = c.Get(kUrl);
  REQUIRE(hit.ok());
  RecordRequest request = c.Request(*hit, /*with_cdxj=*/true);

  struct Row {
    const char* at;
    std::uint64_t offset;
    const char* body;  // of the response (for the revisit: of the record it refers to)
  };
  const Row rows[] = {
      {"2024-03-09", c.second.offset, "<p>second capture</p>"},
      {"2024-03-02", c.first.offset, "<p>first capture</p>"},
      {"2024-02", c.first.offset, "<p>first capture</p>"},
      {"2024-04", c.revisit.offset, "<p>first capture</p>"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.at);
    request.at = *common::ParseIsoTimestamp(row.at);
    common::Result<RecordExport> out = ExportRecord(request);
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK(out->offset == row.offset);
    CHECK(out->missing.empty());
    CHECK(out->files_scanned == 0);
    const std::vector<WarcRecord> records = ReadBack(c.dir, out->bytes);
    REQUIRE(records.size() >= 3);
    CHECK(records[0].type() == WarcType::kWarcinfo);
    CHECK(records[1].type() == WarcType::kRequest);
    CHECK(Body(records[2].block) == row.body);
  }
}

TEST_CASE("record --at: WARC files the CDXJ index does not cover yet are scanned") {
  WarcCollection c;
  c.WriteCdxj({});  // covers no file: the lines are ignored and the file is read
  common::Result<Hit> hit = c.Get(kUrl);
  REQUIRE(hit.ok());
  RecordRequest request = c.Request(*hit, /*with_cdxj=*/true);
  request.at = *common::ParseIsoTimestamp("2024-03-09");
  common::Result<RecordExport> out = ExportRecord(request);
  REQUIRE(out.ok());
  CHECK(out->offset == c.second.offset);
  CHECK(out->files_scanned == 1);
  CHECK(out->missing.empty());
}

TEST_CASE("show: a document by URL or id, with its full text and metadata") {
  WarcCollection c;
  common::Result<Hit> by_url = c.Get(kUrl);
  REQUIRE(by_url.ok());
  common::Result<Hit> by_slash = c.Get(std::string(kUrl) + "/");
  REQUIRE(by_slash.ok());
  common::Result<Hit> by_id = c.Get(std::to_string(by_url->docid));
  REQUIRE(by_id.ok());
  CHECK(by_id->document.url == kUrl);
  common::Result<Hit> missing = c.Get("https://nowhere.example/");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == common::Status::Code::kNotFound);
  CHECK(missing.status().message() == "no document https://nowhere.example/ in the index");
  CHECK(c.Get("999").status().code() == common::Status::Code::kNotFound);

  const std::string text = FormatDocument(*by_url, OutputFormat::kText);
  const common::IndexedDocument& d = by_url->document;
  CHECK(text.starts_with("url: " + d.url + "\ntitle: " + d.title + "\n"));
  CHECK(text.find("published: 2024-02-28\npublished_source: meta\n") != std::string::npos);
  CHECK(text.find("person: loika_nasta (Nasta Loika), 2 mention(s)") != std::string::npos);
  CHECK(text.find("crime: cah_torture (Torture)") != std::string::npos);
  CHECK(text.find("warc_offset: " + std::to_string(c.first.offset) + "\n") != std::string::npos);
  CHECK(text.ends_with("\n\n" + d.text + "\n"));

  const nlohmann::json json = nlohmann::json::parse(FormatDocument(*by_url, OutputFormat::kJson));
  CHECK(json["text"] == d.text);
  CHECK(json["url"] == d.url);
  CHECK(json["warc"]["record_id"] == c.first_response_id);
  CHECK(json["persons"][0]["id"] == "loika_nasta");
}

}  // namespace
}  // namespace vestige::query
