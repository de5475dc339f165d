// WarcWriter and WarcReader on real files: offsets, rotation, the .open suffix, torn records,
// plain and single-stream gzip files, garbage, and recovery at the next gzip member.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../../common/src/gzip.h"  // internal: to build files other tools would write
#include "test_paths.h"
#include "vestige/common/warc.h"

namespace vestige::common {
namespace {

namespace fs = std::filesystem;
using test::ReadFile;
using test::TempDir;
using test::WriteFile;

// One result of WarcReader::Next().
struct Item {
  bool ok = false;
  WarcRecordAt rec;
  Status status;
};

// Reads to the end, keeping errors; fails the test if the reader does not reach its end.
std::vector<Item> ReadAll(const std::string& path) {
  std::vector<Item> items;
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::Open(path);
  REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
  for (int i = 0; i < 100000; ++i) {
    Result<std::optional<WarcRecordAt>> next = (*reader)->Next();
    if (next.ok() && !next->has_value()) return items;
    Item item;
    item.ok = next.ok();
    if (next.ok()) {
      item.rec = std::move(**next);
    } else {
      item.status = next.status();
    }
    items.push_back(std::move(item));
  }
  FAIL("reader did not reach the end of " << path);
  return items;
}

std::string RandomBytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(gen() & 0xff);
  return out;
}

WarcRecord MakeRecord(int i, std::string block) {
  WarcRecord r;
  r.headers = {{"WARC-Type", "resource"},
               {"WARC-Record-ID", NewRecordId()},
               {"WARC-Date", "2026-01-02T03:04:05.000006Z"},
               {"WARC-Target-URI", "http://example.org/" + std::to_string(i)},
               {"WARC-Block-Digest", Sha256Digest(block)},
               {"Content-Type", "application/octet-stream"}};
  r.block = std::move(block);
  return r;
}

std::vector<std::string> FilesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Checks <prefix>-<14 digits>-<5 digits><suffix>.
bool NameMatches(const std::string& name, const std::string& prefix, const std::string& suffix) {
  if (name.size() != prefix.size() + 1 + 14 + 1 + 5 + suffix.size()) return false;
  if (name.compare(0, prefix.size() + 1, prefix + "-") != 0) return false;
  const std::string stamp = name.substr(prefix.size() + 1, 14);
  const std::string serial = name.substr(prefix.size() + 16, 5);
  return stamp.find_first_not_of("0123456789") == std::string::npos &&
         name[prefix.size() + 15] == '-' &&
         serial.find_first_not_of("0123456789") == std::string::npos &&
         name.substr(name.size() - suffix.size()) == suffix;
}

TEST_CASE("WARC writer -> reader round trip with offsets, ReadWarcRecordAt and digests") {
  for (const bool gzip : {true, false}) {
    CAPTURE(gzip);
    TempDir dir;
    WarcWriterOptions options;
    options.directory = (dir.path() / "out").string();  // created by Open
    options.prefix = "test";
    options.gzip = gzip;
    options.warcinfo_fields = "software: vestige-test\r\nformat: WARC File Format 1.1\r\n";
    Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(options);
    REQUIRE_MESSAGE(writer.ok(), writer.status().ToString());
    const std::string suffix = gzip ? ".warc.gz" : ".warc";

    std::vector<WarcRecord> written;
    std::vector<WarcLocation> locations;
    const std::size_t sizes[] = {0, 1, 100, 5000, 70000, 1 << 20, 3};
    for (std::size_t i = 0; i < std::size(sizes); ++i) {
      WarcRecord r =
          MakeRecord(static_cast<int>(i), RandomBytes(sizes[i], static_cast<unsigned>(i)));
      r.set_header("WARC-Warcinfo-ID", (*writer)->warcinfo_id());
      Result<WarcLocation> loc = (*writer)->Write(r);
      REQUIRE_MESSAGE(loc.ok(), loc.status().ToString());
      written.push_back(r);
      locations.push_back(*loc);
    }
    // While open, only the .open file exists.
    std::vector<std::string> names = FilesIn(options.directory);
    REQUIRE(names.size() == 1);
    CHECK(NameMatches(names[0], "test", suffix + ".open"));
    CHECK(names[0] == locations[0].file + ".open");
    CHECK(NameMatches(locations[0].file, "test", suffix));
    CHECK((*writer)->Sync().ok());
    REQUIRE((*writer)->Close().ok());
    names = FilesIn(options.directory);
    REQUIRE(names.size() == 1);
    CHECK(names[0] == locations[0].file);

    const std::string path = (fs::path(options.directory) / names[0]).string();
    const std::string bytes = ReadFile(path);
    if (!gzip) CHECK(bytes.substr(0, 10) == "WARC/1.1\r\n");
    if (gzip) CHECK(bytes.substr(0, 2) == "\x1f\x8b");

    std::vector<Item> items = ReadAll(path);
    REQUIRE(items.size() == written.size() + 1);
    // The warcinfo record heads the file.
    REQUIRE(items[0].ok);
    const WarcRecord& info = items[0].rec.record;
    CHECK(items[0].rec.offset == 0);
    CHECK(info.type() == WarcType::kWarcinfo);
    CHECK(info.record_id() == (*writer)->warcinfo_id());
    CHECK(info.header("WARC-Filename") == names[0]);
    CHECK(info.header("Content-Type") == "application/warc-fields");
    CHECK(info.block == options.warcinfo_fields);
    CHECK(info.header("WARC-Block-Digest") == Sha256Digest(options.warcinfo_fields));
    CHECK(info.date().size() == 27);
    CHECK(items[0].rec.length == locations[0].offset);
    for (std::size_t i = 0; i < written.size(); ++i) {
      CAPTURE(i);
      REQUIRE(items[i + 1].ok);
      const WarcRecordAt& got = items[i + 1].rec;
      CHECK(got.offset == locations[i].offset);
      CHECK(got.length == locations[i].length);
      CHECK(locations[i].file == names[0]);
      CHECK(got.record.block == written[i].block);
      CHECK(got.record.record_id() == written[i].record_id());
      CHECK(got.record.header("WARC-Warcinfo-ID") == info.record_id());
      CHECK(got.record.header("Content-Length") == std::to_string(written[i].block.size()));
      Result<bool> digest =
          DigestMatches(*got.record.header("WARC-Block-Digest"), got.record.block);
      REQUIRE(digest.ok());
      CHECK(*digest);
      // Each record stands alone: read from its offset, and from a copy of just its bytes.
      Result<WarcRecordAt> at = ReadWarcRecordAt(path, locations[i].offset);
      REQUIRE_MESSAGE(at.ok(), at.status().ToString());
      CHECK(at->record.block == written[i].block);
      CHECK(at->offset == locations[i].offset);
      CHECK(at->length == locations[i].length);
      const fs::path alone = dir.path() / "alone";
      WriteFile(alone, bytes.substr(locations[i].offset, locations[i].length));
      std::vector<Item> one = ReadAll(alone.string());
      REQUIRE(one.size() == 1);
      REQUIRE(one[0].ok);
      CHECK(one[0].rec.record.record_id() == written[i].record_id());
      if (i + 1 < written.size()) {
        CHECK(locations[i].offset + locations[i].length == locations[i + 1].offset);
      } else {
        CHECK(locations[i].offset + locations[i].length == bytes.size());
      }
    }
    // Seek back to a record in the middle, then read on.
    Result<std::unique_ptr<WarcReader>> reader = WarcReader::Open(path);
    REQUIRE(reader.ok());
    REQUIRE((*reader)->Seek(locations[4].offset).ok());
    Result<std::optional<WarcRecordAt>> r4 = (*reader)->Next();
    REQUIRE(r4.ok());
    REQUIRE(r4->has_value());
    CHECK((*r4)->record.record_id() == written[4].record_id());
    Result<std::optional<WarcRecordAt>> r5 = (*reader)->Next();
    REQUIRE(r5.ok());
    REQUIRE(r5->has_value());
    CHECK((*r5)->record.record_id() == written[5].record_id());
    CHECK((*reader)->Seek(bytes.size() + 1).code() == Status::Code::kInvalidArgument);
    CHECK(ReadWarcRecordAt(path, bytes.size()).status().code() == Status::Code::kNotFound);
  }
}

TEST_CASE("WARC writer rotates files, each with its own warcinfo") {
  TempDir dir;
  WarcWriterOptions options;
  options.directory = dir.path().string();
  options.max_file_bytes = 20000;
  options.warcinfo_fields = "software: rotation-test\r\n";
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  std::vector<WarcLocation> locations;
  std::vector<std::string> ids;
  std::set<std::string> warcinfo_ids;
  for (int i = 0; i < 12; ++i) {
    warcinfo_ids.insert((*writer)->warcinfo_id());
    WarcRecord r = MakeRecord(i, RandomBytes(6000, static_cast<unsigned>(100 + i)));
    // Names the warcinfo of the file it expects to land in; a rotation inside Write updates it.
    r.set_header("WARC-Warcinfo-ID", (*writer)->warcinfo_id());
    Result<WarcLocation> loc = (*writer)->Write(r);
    REQUIRE(loc.ok());
    locations.push_back(*loc);
    ids.emplace_back(r.record_id());
  }
  REQUIRE((*writer)->Close().ok());
  const std::vector<std::string> names = FilesIn(dir.path());
  // A file takes records until it reaches 20 KB: the warcinfo and four ~6 KB records.
  CHECK(names.size() == 3);
  std::size_t records = 0;
  std::set<std::string> seen_files;
  for (std::size_t f = 0; f < names.size(); ++f) {
    CAPTURE(names[f]);
    CHECK(NameMatches(names[f], "vestige", ".warc.gz"));
    CHECK(names[f].substr(23, 5) == "0000" + std::to_string(f));  // serials 00000, 00001, ...
    const std::string path = (dir.path() / names[f]).string();
    if (f + 1 < names.size()) CHECK(fs::file_size(path) >= options.max_file_bytes);
    std::vector<Item> items = ReadAll(path);
    REQUIRE(items.size() >= 2);
    REQUIRE(items[0].ok);
    CHECK(items[0].rec.record.type() == WarcType::kWarcinfo);
    CHECK(items[0].rec.record.header("WARC-Filename") == names[f]);
    CHECK(items[0].rec.record.block == options.warcinfo_fields);
    for (std::size_t i = 1; i < items.size(); ++i) {
      REQUIRE(items[i].ok);
      CHECK(items[i].rec.record.record_id() == ids[records]);
      CHECK(items[i].rec.offset == locations[records].offset);
      CHECK(locations[records].file == names[f]);
      CHECK(items[i].rec.record.header("WARC-Warcinfo-ID") == items[0].rec.record.record_id());
      CHECK(items[i].rec.offset < options.max_file_bytes);  // written before the file was full
      ++records;
    }
    seen_files.insert(names[f]);
  }
  CHECK(records == 12);
  CHECK(seen_files.size() == names.size());
}

TEST_CASE("WARC writer serials do not collide with files already in the folder") {
  TempDir dir;
  WriteFile(dir.path() / "crawl-20200101000000-00041.warc.gz", "");
  WriteFile(dir.path() / "crawl-20200101000000-00007.warc.gz.open", "");
  WriteFile(dir.path() / "other-20200101000000-00099.warc.gz", "");
  WarcWriterOptions options;
  options.directory = dir.path().string();
  options.prefix = "crawl";
  Result<std::unique_ptr<WarcWriter>> a = WarcWriter::Open(options);
  REQUIRE(a.ok());
  Result<std::unique_ptr<WarcWriter>> b = WarcWriter::Open(options);  // while `a` is open
  REQUIRE(b.ok());
  Result<WarcLocation> la = (*a)->Write(MakeRecord(1, "a"));
  Result<WarcLocation> lb = (*b)->Write(MakeRecord(2, "b"));
  REQUIRE(la.ok());
  REQUIRE(lb.ok());
  CHECK(la->file.substr(21, 5) == "00042");
  CHECK(lb->file.substr(21, 5) == "00043");
  CHECK((*a)->warcinfo_id() != (*b)->warcinfo_id());
  CHECK((*a)->Close().ok());
  CHECK((*b)->Close().ok());
  CHECK(fs::exists(dir.path() / la->file));
  CHECK(fs::exists(dir.path() / lb->file));
}

TEST_CASE("WARC writer refuses bad options and forged fields; Close is final") {
  TempDir dir;
  WarcWriterOptions options;
  CHECK(WarcWriter::Open(options).status().code() == Status::Code::kInvalidArgument);
  options.directory = dir.path().string();
  options.prefix = "a/b";
  CHECK(WarcWriter::Open(options).status().code() == Status::Code::kInvalidArgument);
  options.prefix = "ok";
  options.max_file_bytes = 0;
  CHECK(WarcWriter::Open(options).status().code() == Status::Code::kInvalidArgument);
  options.max_file_bytes = 1 << 20;
  WriteFile(dir.path() / "file", "x");
  WarcWriterOptions in_file = options;
  in_file.directory = (dir.path() / "file" / "sub").string();
  CHECK(WarcWriter::Open(in_file).status().code() == Status::Code::kIOError);

  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  WarcRecord forged = MakeRecord(1, "x");
  forged.set_header("WARC-Target-URI", "http://a/\r\nWARC-Type: revisit");
  CHECK((*writer)->Write(forged).status().code() == Status::Code::kInvalidArgument);
  WarcRecord bad_name = MakeRecord(1, "x");
  bad_name.headers.emplace_back("Bad Name", "v");
  CHECK((*writer)->Write(bad_name).status().code() == Status::Code::kInvalidArgument);
  CHECK((*writer)->Close().ok());
  CHECK((*writer)->Close().ok());
  CHECK((*writer)->Sync().ok());
  CHECK((*writer)->Write(MakeRecord(1, "x")).status().code() == Status::Code::kFailedPrecondition);
  // The destructor closes (renames) a file left open.
  {
    Result<std::unique_ptr<WarcWriter>> w2 = WarcWriter::Open(options);
    REQUIRE(w2.ok());
  }
  for (const std::string& name : FilesIn(dir.path())) {
    CHECK(name.find(".open") == std::string::npos);
  }
}

// Writes `records` (after a warcinfo) and returns the file's bytes and the record locations.
struct Written {
  std::string bytes;
  std::vector<WarcLocation> locations;
  std::vector<std::string> ids;
};
Written WriteFileOf(const fs::path& dir, bool gzip, int count) {
  WarcWriterOptions options;
  options.directory = dir.string();
  options.gzip = gzip;
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  Written w;
  for (int i = 0; i < count; ++i) {
    WarcRecord r = MakeRecord(i, RandomBytes(3000 + 100 * i, static_cast<unsigned>(i)));
    Result<WarcLocation> loc = (*writer)->Write(r);
    REQUIRE(loc.ok());
    w.locations.push_back(*loc);
    w.ids.emplace_back(r.record_id());
  }
  REQUIRE((*writer)->Close().ok());
  w.bytes = ReadFile(dir / w.locations[0].file);
  return w;
}

TEST_CASE("WARC reader: a torn last record is Corruption at its offset; earlier records read") {
  for (const bool gzip : {true, false}) {
    CAPTURE(gzip);
    TempDir dir;
    const Written w = WriteFileOf(dir.path(), gzip, 3);
    const std::uint64_t last = w.locations.back().offset;
    const std::uint64_t size = w.bytes.size();
    // Cut points inside the last record: after its first byte, in its head, in its block, and
    // (gzip) inside the member trailer. For plain files the cut stays inside the block, since a
    // missing final CRLF CRLF is tolerated.
    std::vector<std::uint64_t> cuts = {last + 1, last + 10, last + 200, (last + size) / 2};
    if (gzip) {
      cuts.insert(cuts.end(), {size - 8, size - 4, size - 1});
    } else {
      cuts.push_back(size - 5);
    }
    for (const std::uint64_t cut : cuts) {
      CAPTURE(cut);
      const fs::path torn = dir.path() / "torn.warc";
      WriteFile(torn, w.bytes.substr(0, cut));
      std::vector<Item> items = ReadAll(torn.string());
      REQUIRE(items.size() == 4);  // warcinfo, two records, the error
      for (int i = 0; i < 3; ++i) REQUIRE(items[i].ok);
      CHECK(items[1].rec.record.record_id() == w.ids[0]);
      CHECK(items[2].rec.record.record_id() == w.ids[1]);
      CHECK(items[2].rec.offset == w.locations[1].offset);
      REQUIRE_FALSE(items[3].ok);
      CHECK(items[3].status.code() == Status::Code::kCorruption);
      const std::string message = items[3].status.message();
      CHECK_MESSAGE(message.find("offset " + std::to_string(last)) != std::string::npos, message);
      CHECK(ReadWarcRecordAt(torn.string(), last).status().code() == Status::Code::kCorruption);
    }
    // Cut at a record boundary: a shorter, clean file.
    const fs::path clean = dir.path() / "clean.warc";
    WriteFile(clean, w.bytes.substr(0, last));
    std::vector<Item> items = ReadAll(clean.string());
    REQUIRE(items.size() == 3);
    for (const Item& item : items) CHECK(item.ok);
  }
}

TEST_CASE("WARC reader: plain file without the final CRLF CRLF reads all records") {
  TempDir dir;
  const Written w = WriteFileOf(dir.path(), false, 2);
  for (std::size_t cut = 1; cut <= 4; ++cut) {
    CAPTURE(cut);
    const fs::path path = dir.path() / "cut.warc";
    WriteFile(path, w.bytes.substr(0, w.bytes.size() - cut));
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE(items.size() == 3);
    for (const Item& item : items) CHECK(item.ok);
    CHECK(items[2].rec.length == w.locations[1].length - cut);
  }
}

std::string Serialized(const std::vector<WarcRecord>& records) {
  std::string out;
  for (const WarcRecord& r : records) out += SerializeWarcRecord(r);
  return out;
}

TEST_CASE("WARC reader: one gzip stream holding many records, and mixed member layouts") {
  TempDir dir;
  std::vector<WarcRecord> records;
  for (int i = 0; i < 5; ++i) records.push_back(MakeRecord(i, RandomBytes(40000, 7u + i)));

  SUBCASE("the whole file is one member") {
    const fs::path path = dir.path() / "one-stream.warc.gz";
    WriteFile(path, gzip::CompressMember(Serialized(records)));
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE(items.size() == 5);
    for (int i = 0; i < 5; ++i) {
      REQUIRE(items[i].ok);
      CHECK(items[i].rec.record.block == records[i].block);
      CHECK(items[i].rec.offset == 0);  // all share the member
      CHECK(items[i].rec.length > 0);
      CHECK(items[i].rec.length <= fs::file_size(path));
    }
    CHECK(items[4].rec.length == fs::file_size(path));  // the last one ends the member
  }
  SUBCASE("two records in one member, then one per member") {
    const std::string m1 = gzip::CompressMember(Serialized({records[0], records[1]}));
    const std::string m2 = gzip::CompressMember(Serialized({records[2]}));
    const std::string m3 = gzip::CompressMember(Serialized({records[3], records[4]}));
    const fs::path path = dir.path() / "mixed.warc.gz";
    WriteFile(path, m1 + m2 + m3);
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE(items.size() == 5);
    for (const Item& item : items) REQUIRE(item.ok);
    CHECK(items[0].rec.offset == 0);
    CHECK(items[1].rec.offset == 0);
    CHECK(items[1].rec.length == m1.size());
    CHECK(items[2].rec.offset == m1.size());
    CHECK(items[2].rec.length == m2.size());
    CHECK(items[3].rec.offset == m1.size() + m2.size());
    CHECK(items[4].rec.offset == m1.size() + m2.size());
    Result<WarcRecordAt> at = ReadWarcRecordAt(path.string(), m1.size());
    REQUIRE(at.ok());
    CHECK(at->record.record_id() == records[2].record_id());
  }
  SUBCASE("a record split across two members") {
    const std::string bytes = SerializeWarcRecord(records[0]);
    const std::string m1 = gzip::CompressMember(bytes.substr(0, 100));
    const std::string m2 = gzip::CompressMember(bytes.substr(100));
    const std::string m3 = gzip::CompressMember(SerializeWarcRecord(records[1]));
    const fs::path path = dir.path() / "split.warc.gz";
    WriteFile(path, m1 + m2 + m3);
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE(items.size() == 2);
    REQUIRE(items[0].ok);
    REQUIRE(items[1].ok);
    CHECK(items[0].rec.record.block == records[0].block);
    CHECK(items[0].rec.offset == 0);
    CHECK(items[0].rec.length == m1.size() + m2.size());
    CHECK(items[1].rec.offset == m1.size() + m2.size());
  }
  SUBCASE("records without the final CRLF CRLF, one per member") {
    std::string file;
    for (const WarcRecord& r : records) {
      std::string bytes = SerializeWarcRecord(r);
      bytes.resize(bytes.size() - 4);
      file += gzip::CompressMember(bytes);
    }
    const fs::path path = dir.path() / "no-crlf.warc.gz";
    WriteFile(path, file);
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE(items.size() == 5);
    for (int i = 0; i < 5; ++i) {
      REQUIRE(items[i].ok);
      CHECK(items[i].rec.record.block == records[i].block);
    }
  }
}

TEST_CASE("WARC reader resumes at the next gzip member after a bad one") {
  TempDir dir;
  const WarcRecord r1 = MakeRecord(1, RandomBytes(5000, 1));
  const WarcRecord r3 = MakeRecord(3, RandomBytes(5000, 3));
  const std::string m1 = gzip::CompressMember(SerializeWarcRecord(r1));
  const std::string m3 = gzip::CompressMember(SerializeWarcRecord(r3));
  struct Row {
    std::string name;
    std::string bad_member;
    std::string message;
  };
  std::string flipped =
      gzip::CompressMember(SerializeWarcRecord(MakeRecord(2, RandomBytes(5000, 2))));
  for (std::size_t i = 40; i < 60; ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
  const std::vector<Row> rows = {
      {"record with a short Content-Length",
       gzip::CompressMember("WARC/1.1\r\nContent-Length: 2\r\n\r\nhello\r\n\r\n"), "no CRLF CRLF"},
      {"record with a long Content-Length",
       gzip::CompressMember("WARC/1.1\r\nContent-Length: 100\r\n\r\nhello\r\n\r\n"), "offset"},
      {"Content-Length beyond what the file can hold",
       gzip::CompressMember("WARC/1.1\r\nContent-Length: 900000000\r\n\r\nhello\r\n\r\n"),
       "cannot hold"},
      {"not a WARC record", gzip::CompressMember("GET / HTTP/1.1\r\n\r\n"), "WARC/"},
      {"bad field", gzip::CompressMember("WARC/1.1\r\nno colon\r\n\r\n"), "field line"},
      {"damaged deflate data", flipped, "gzip member"},
      {"junk between members", std::string("JUNKJUNK"), "no gzip member"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const fs::path path = dir.path() / "bad.warc.gz";
    WriteFile(path, m1 + row.bad_member + m3);
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE(items.size() >= 3);
    REQUIRE(items.front().ok);
    CHECK(items.front().rec.record.record_id() == r1.record_id());
    REQUIRE_FALSE(items[1].ok);
    CHECK(items[1].status.code() == Status::Code::kCorruption);
    CHECK_MESSAGE(items[1].status.message().find(row.message) != std::string::npos,
                  items[1].status.message());
    CHECK_MESSAGE(items[1].status.message().find(std::to_string(m1.size())) != std::string::npos,
                  items[1].status.message());
    REQUIRE(items.back().ok);
    CHECK(items.back().rec.record.record_id() == r3.record_id());
    CHECK(items.back().rec.offset == m1.size() + row.bad_member.size());
  }
}

TEST_CASE("WARC reader: garbage gives Corruption and the reader still ends") {
  TempDir dir;
  struct Row {
    std::string name;
    std::string bytes;
  };
  const std::vector<Row> rows = {
      {"text", "hello world, this is not a WARC file\n"},
      {"random bytes", RandomBytes(100000, 42)},
      {"ARC file header", "filedesc://x.arc 0.0.0.0 20080430204825 text/plain 77\n1 1 IA\n"},
      {"gzip magic then junk", "\x1f\x8b" + RandomBytes(5000, 9)},
      {"gzipped junk", gzip::CompressMember(RandomBytes(5000, 10))},
      {"version line only", "WARC/1.1\r\n"},
      {"head never ends", "WARC/1.1\r\n" + std::string(5 << 20, 'a')},
      {"huge Content-Length, plain", "WARC/1.1\r\nContent-Length: 60000000000\r\n\r\nabc"},
      {"huge Content-Length, gzip",
       gzip::CompressMember("WARC/1.1\r\nContent-Length: 60000000000\r\n\r\nabc")},
      {"lone byte", "W"},
      {"truncated gzip header", "\x1f\x8b\x08"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const fs::path path = dir.path() / "garbage";
    WriteFile(path, row.bytes);
    std::vector<Item> items = ReadAll(path.string());
    REQUIRE_FALSE(items.empty());
    for (const Item& item : items) {
      CHECK_FALSE(item.ok);
      CHECK(item.status.code() == Status::Code::kCorruption);
    }
  }
  // An empty file holds no records.
  const fs::path empty = dir.path() / "empty.warc";
  WriteFile(empty, "");
  CHECK(ReadAll(empty.string()).empty());
  CHECK(WarcReader::Open((dir.path() / "missing.warc").string()).status().code() ==
        Status::Code::kNotFound);
  CHECK(WarcReader::Open(dir.path().string()).status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("WARC ReadWarcRecordAt on an offset that is not a record start") {
  TempDir dir;
  const Written w = WriteFileOf(dir.path(), true, 2);
  const std::string path = (dir.path() / w.locations[0].file).string();
  Result<WarcRecordAt> mid = ReadWarcRecordAt(path, w.locations[0].offset + 5);
  REQUIRE_FALSE(mid.ok());
  CHECK(mid.status().code() == Status::Code::kCorruption);
  const Written p = WriteFileOf(dir.path() / "plain", false, 2);
  const std::string plain = (dir.path() / "plain" / p.locations[0].file).string();
  Result<WarcRecordAt> plain_mid = ReadWarcRecordAt(plain, p.locations[0].offset + 5);
  REQUIRE_FALSE(plain_mid.ok());
  CHECK(plain_mid.status().code() == Status::Code::kCorruption);
}

}  // namespace
}  // namespace vestige::common
