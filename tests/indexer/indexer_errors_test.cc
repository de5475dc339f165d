// The indexer under bad input and bad state: corrupt records, schema mismatch, a held lock,
// missing folders, files still being written.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>

#include "collection_fixture.h"
#include "fixtures.h"
#include "vestige/common/schema.h"
#include "vestige/common/warc.h"
#include "vestige/indexer/indexer.h"

namespace vestige::indexer {
namespace {

namespace schema = common::schema;
using test::Collection;
using test::Http;
using test::Page;
using test::Response;
using test::WarcFile;

const char* const kMarch = "2024-03-05T10:00:00Z";

common::WarcRecord HtmlResponse(const std::string& url, const std::string& words) {
  return Response(url, kMarch,
                  Http(200, {{"Content-Type", "text/html; charset=utf-8"}}, Page(words, words)));
}

bool AnyContains(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& line : lines) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

// A torn record: its Content-Length promises more bytes than follow.
const char* const kTornRecord =
    "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/torn\r\n"
    "Content-Length: 999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\nshort\r\n\r\n";

TEST_CASE("a corrupt gzip member in the middle of a file: the others are indexed") {
  Collection c;
  WarcFile warc(c.warc_dir(), "a");
  const auto first = warc.Write(HtmlResponse("http://example.org/one", "firstpage"));
  const auto second = warc.Write(HtmlResponse("http://example.org/two", "secondpage"));
  warc.Write(Response("not a url at all", kMarch,
                      Http(200, {{"Content-Type", "text/html"}}, Page("x", "badurlpage"))));
  warc.Write(Response("http://example.org/garbage", kMarch, "this is not an HTTP response"));
  warc.Close();
  // Splice a well-formed gzip member holding a torn WARC record in before the second record.
  const std::filesystem::path path = c.warc_dir() / first.file;
  std::string bytes = vestige::test::ReadFile(path);
  REQUIRE(second.offset <= bytes.size());
  bytes.insert(second.offset, test::GzipStored(kTornRecord));
  vestige::test::WriteFile(path, bytes);
  // And a later file that must still be read.
  WarcFile later(c.warc_dir(), "b");
  later.Write(HtmlResponse("http://example.org/three", "thirdpage"));
  later.Close();

  const IndexStats stats = c.RunOk();
  CHECK(stats.documents_added == 3);
  CHECK(stats.bad_records == 3);  // the torn record, the bad URL, the bad HTTP
  REQUIRE(c.reporter.bad.size() == 3);
  CHECK(c.reporter.bad[0].rfind(first.file + "@" + std::to_string(second.offset) + ":", 0) == 0);
  CHECK(AnyContains(c.reporter.bad, "WARC-Target-URI"));
  CHECK(AnyContains(c.reporter.bad, "HTTP"));
  Xapian::Database db = test::OpenIndex(c);
  CHECK(db.get_doccount() == 3);
  CHECK(db.get_termfreq("secondpage") == 1);
  CHECK(db.get_termfreq("thirdpage") == 1);
  // The whole file counts as read: a re-run does not report the same records again.
  CHECK(db.get_metadata(std::string(schema::kWarcProgressKeyPrefix) + first.file) ==
        std::to_string(bytes.size()));
  db.close();
  const IndexStats again = c.RunOk();
  CHECK(again.records_read == 0);
  CHECK(again.bad_records == 0);
}

TEST_CASE("a corrupt record in an uncompressed file ends that file, not the run") {
  Collection c;
  WarcFile plain(c.warc_dir(), "a", /*gzip=*/false);
  plain.Write(HtmlResponse("http://example.org/before", "beforepage"));
  const auto after = plain.Write(HtmlResponse("http://example.org/after", "afterpage"));
  plain.Close();
  const std::filesystem::path path = c.warc_dir() / after.file;
  REQUIRE(path.extension() == ".warc");
  std::string bytes = vestige::test::ReadFile(path);
  bytes.insert(after.offset, kTornRecord);
  vestige::test::WriteFile(path, bytes);
  WarcFile later(c.warc_dir(), "b");
  later.Write(HtmlResponse("http://example.org/later", "laterpage"));
  later.Close();

  const IndexStats stats = c.RunOk();
  CHECK(stats.bad_records == 1);
  CHECK(stats.documents_added == 2);
  CHECK(AnyContains(c.reporter.notes, "uncompressed"));
  Xapian::Database db = test::OpenIndex(c);
  CHECK(db.get_termfreq("beforepage") == 1);
  CHECK(db.get_termfreq("afterpage") == 0);
  CHECK(db.get_termfreq("laterpage") == 1);
  // Progress stops before the bad record.
  CHECK(db.get_metadata(std::string(schema::kWarcProgressKeyPrefix) + after.file) ==
        std::to_string(after.offset));
}

TEST_CASE("quirks of real WARC files: dns: responses, <URI>, br and broken gzip bodies") {
  Collection c;
  WarcFile warc(c.warc_dir(), "a");
  // Heritrix writes DNS lookups as response records: not a page, not an error.
  warc.Write(test::Record("response", "dns:example.org", kMarch,
                          "20240305100000\nexample.org.\t300\tIN\tA\t192.0.2.1\n", "text/dns"));
  // WARC/1.0 writers sometimes put the target URI in angle brackets.
  warc.Write(HtmlResponse("<http://example.org/bracketed>", "bracketedpage"));
  warc.Write(Response("http://example.org/brotli", kMarch,
                      Http(200, {{"Content-Type", "text/html"}, {"Content-Encoding", "br"}},
                           "\x0b\x02\x80hello\x03")));
  warc.Write(Response("http://example.org/badgzip", kMarch,
                      Http(200, {{"Content-Type", "text/html"}, {"Content-Encoding", "gzip"}},
                           "\x1f\x8b\x08\x00 definitely not deflate")));
  warc.Close();

  const IndexStats stats = c.RunOk();
  CHECK(stats.skipped_other_type == 2);  // warcinfo, dns:
  CHECK(stats.skipped_encoding == 1);
  CHECK(stats.bad_records == 1);  // the gzip body that does not inflate
  CHECK(AnyContains(c.reporter.bad, "Content-Encoding gzip"));
  CHECK(stats.documents_added == 1);
  CHECK(test::OpenIndex(c).get_termfreq(schema::IdTerm("http://example.org/bracketed")) == 1);
}

TEST_CASE("an index with another schema version is refused") {
  Collection c;
  {
    Xapian::WritableDatabase db(c.index_dir().string(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(std::string(schema::kSchemaVersionKey), "999");
    db.commit();
  }
  auto stats = c.Run();
  REQUIRE_FALSE(stats.ok());
  CHECK(stats.status().code() == common::Status::Code::kFailedPrecondition);
  CHECK(stats.status().message().find("999") != std::string::npos);
  CHECK(stats.status().message().find("delete") != std::string::npos);
  // Nothing was written over it.
  CHECK(Xapian::Database(c.index_dir().string())
            .get_metadata(std::string(schema::kSchemaVersionKey)) == "999");
}

TEST_CASE("an index with documents but no schema version is refused") {
  Collection c;
  {
    Xapian::WritableDatabase db(c.index_dir().string(), Xapian::DB_CREATE_OR_OPEN);
    db.add_document(Xapian::Document());
    db.commit();
  }
  auto stats = c.Run();
  REQUIRE_FALSE(stats.ok());
  CHECK(stats.status().code() == common::Status::Code::kFailedPrecondition);
}

TEST_CASE("a locked index is refused with a clear message") {
  Collection c;
  (void)c.RunOk();
  Xapian::WritableDatabase holder(c.index_dir().string(), Xapian::DB_OPEN);
  auto stats = c.Run();
  REQUIRE_FALSE(stats.ok());
  CHECK(stats.status().code() == common::Status::Code::kFailedPrecondition);
  CHECK(stats.status().message().find("locked by another vestige-index") != std::string::npos);
}

TEST_CASE("bad options and missing folders") {
  IndexOptions options;
  CHECK(RunIndexer(options, nullptr).status().code() == common::Status::Code::kInvalidArgument);

  vestige::test::TempDir tmp;
  options.collection_dir = (tmp.path() / "nope").string();
  CHECK(RunIndexer(options, nullptr).status().code() == common::Status::Code::kNotFound);
  options.collection_dir = tmp.path().string();  // exists, but has no warc/
  auto no_warc = RunIndexer(options, nullptr);
  CHECK(no_warc.status().code() == common::Status::Code::kNotFound);
  CHECK(no_warc.status().message().find("warc/") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "index"));

  std::filesystem::create_directories(tmp.path() / "warc");
  options.batch_size = 0;
  CHECK(RunIndexer(options, nullptr).status().code() == common::Status::Code::kInvalidArgument);
}

TEST_CASE("files still being written (.open) are left alone, and other names ignored") {
  Collection c;
  vestige::test::WriteFile(c.warc_dir() / "live-20240305000000-00001.warc.gz.open", "partial");
  vestige::test::WriteFile(c.warc_dir() / "notes.txt", "not a WARC file");
  WarcFile warc(c.warc_dir(), "a");
  warc.Write(HtmlResponse("http://example.org/done", "donepage"));
  warc.Close();

  const IndexStats stats = c.RunOk();
  CHECK(stats.files_seen == 1);
  CHECK(stats.files_open_skipped == 1);
  CHECK(stats.documents_added == 1);
  CHECK(stats.bad_records == 0);
  CHECK(AnyContains(c.reporter.notes, "1 .open file(s)"));
}

TEST_CASE("an empty collection makes an empty index with the schema version") {
  Collection c;
  const IndexStats stats = c.RunOk();
  CHECK(stats.files_seen == 0);
  CHECK(stats.records_read == 0);
  Xapian::Database db = test::OpenIndex(c);
  CHECK(db.get_doccount() == 0);
  CHECK(db.get_metadata(std::string(schema::kSchemaVersionKey)) ==
        std::to_string(schema::kSchemaVersion));
}

}  // namespace
}  // namespace vestige::indexer
