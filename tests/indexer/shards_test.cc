// An index split into shards (IndexOptions::shards): the same documents as one database, each in
// the shard its id term picks, searched as one through the shard list; progress kept per shard.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "collection_fixture.h"
#include "fixtures.h"
#include "test_paths.h"
#include "vestige/common/document.h"
#include "vestige/common/schema.h"
#include "vestige/indexer/indexer.h"

namespace vestige::indexer {
namespace {

namespace fs = std::filesystem;
namespace schema = common::schema;
using test::Collection;
using test::DocumentsByUrl;
using test::Http;
using test::Page;
using test::Response;
using test::WarcFile;

constexpr int kPages = 60;

common::WarcRecord HtmlPage(int i, const char* date) {
  const std::string body = "Report " + std::to_string(i) +
                           ": the court in Minsk sentenced a journalist; marker word w" +
                           std::to_string(i * 7919) + ".";
  return Response("http://example.org/news/" + std::to_string(i), date,
                  Http(200, {{"Content-Type", "text/html; charset=utf-8"}},
                       Page("Report " + std::to_string(i), body + "</p><p>" + body)));
}

// Two WARC files: pages 0..39 and 40..59, a 404, and page 7 captured again (newer) in the second.
void WriteCollection(const fs::path& warc_dir) {
  WarcFile a(warc_dir, "a");
  for (int i = 0; i < 40; ++i) {
    a.Write(HtmlPage(i, "2024-03-05T10:00:00Z"));
    if (i == 20) {
      a.Write(Response("http://example.org/missing", "2024-03-05T10:00:00Z",
                       Http(404, {{"Content-Type", "text/html"}}, Page("Not found", "Gone."))));
    }
  }
  a.Close();
  WarcFile b(warc_dir, "b");
  for (int i = 40; i < kPages; ++i) b.Write(HtmlPage(i, "2024-03-06T10:00:00Z"));
  b.Write(HtmlPage(7, "2024-04-01T10:00:00Z"));
  b.Close();
}

std::vector<std::string> WarcNames(const Collection& c) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(c.warc_dir())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ProgressKey(const std::string& file) {
  return std::string(schema::kWarcProgressKeyPrefix) + file;
}

IndexOptions WithShards(unsigned shards) {
  IndexOptions options;
  options.shards = shards;
  options.batch_size = 7;  // several commits per shard and file
  return options;
}

TEST_CASE("a sharded index holds the same documents as one database, each in its shard") {
  Collection one;
  WriteCollection(one.warc_dir());
  auto single = one.Run(WithShards(1));
  REQUIRE_MESSAGE(single.ok(), single.status().ToString());
  CHECK(single->shards == 1);
  CHECK_FALSE(fs::exists(one.index_dir() / std::string(schema::kShardStubFile)));
  CHECK(fs::exists(one.index_dir() / "iamglass"));
  const auto expected = DocumentsByUrl(one.index_dir());
  REQUIRE(expected.size() == kPages);

  for (unsigned shards : {2u, 3u}) {
    CAPTURE(shards);
    Collection c;
    fs::remove_all(c.warc_dir());
    fs::copy(one.warc_dir(), c.warc_dir());
    auto run = c.Run(WithShards(shards));
    REQUIRE_MESSAGE(run.ok(), run.status().ToString());
    CHECK(run->shards == shards);
    CHECK(run->documents_added == single->documents_added);
    CHECK(run->documents_updated == single->documents_updated);
    CHECK(run->skipped() == single->skipped());
    CHECK(run->documents_updated == 1);  // page 7's newer capture

    std::string list;
    for (unsigned i = 0; i < shards; ++i) list += "glass " + schema::ShardName(i) + "\n";
    CHECK(vestige::test::ReadFile(c.index_dir() / std::string(schema::kShardStubFile)) == list);
    // Searched as one, through the shard list: the same documents, byte for byte.
    CHECK(DocumentsByUrl(c.index_dir()) == expected);
    // Each shard holds exactly the documents ShardOf gives it, its schema version, and each
    // file's progress up to the end.
    std::size_t total = 0;
    for (unsigned i = 0; i < shards; ++i) {
      const auto docs = DocumentsByUrl(c.index_dir() / schema::ShardName(i));
      CHECK(!docs.empty());
      for (const auto& [id, text] : docs) CHECK(schema::ShardOf(id, shards) == i);
      total += docs.size();
      Xapian::Database shard((c.index_dir() / schema::ShardName(i)).string());
      CHECK(shard.get_metadata(std::string(schema::kSchemaVersionKey)) ==
            std::to_string(schema::kSchemaVersion));
      for (const std::string& file : WarcNames(c)) {
        CHECK(shard.get_metadata(ProgressKey(file)) ==
              std::to_string(fs::file_size(c.warc_dir() / file)));
      }
    }
    CHECK(total == kPages);

    // A second run reads nothing.
    auto again = c.Run(WithShards(shards));
    REQUIRE(again.ok());
    CHECK(again->records_read == 0);
    CHECK(again->commits == 0);
  }
}

TEST_CASE("an existing index keeps its shard count") {
  const struct {
    const char* name;
    unsigned made_with;  // --shards of the first run
    unsigned asked;      // --shards of the second run (0: the default)
    std::vector<std::string> notes;
  } kRows[] = {
      {"one database stays one database",
       1,
       3,
       {"the index has 1 shard(s); --shards applies only to a new index"}},
      {"three shards stay three; the default says nothing", 3, 0, {}},
  };
  for (const auto& row : kRows) {
    CAPTURE(row.name);
    Collection c;
    WriteCollection(c.warc_dir());
    REQUIRE(c.Run(WithShards(row.made_with)).ok());
    WarcFile more(c.warc_dir(), "c");
    more.Write(HtmlPage(100, "2024-05-01T10:00:00Z"));
    more.Close();
    auto run = c.Run(WithShards(row.asked));
    REQUIRE_MESSAGE(run.ok(), run.status().ToString());
    CHECK(run->shards == row.made_with);
    CHECK(run->documents_added == 1);
    CHECK(c.reporter.notes == row.notes);
    CHECK(fs::exists(c.index_dir() / std::string(schema::kShardStubFile)) == (row.made_with > 1));
    CHECK_FALSE(fs::exists(c.index_dir() / schema::ShardName(row.made_with)));
    CHECK(Xapian::Database(c.index_dir().string()).get_doccount() == kPages + 1);
  }
}

// As if a run had been killed when shard-00 had committed file a only up to `cut` and shard-01
// had committed all of it: shard-00's documents from `cut` on are removed and its progress set
// back. The next run must write them to shard-00 only, and skip shard-01's.
TEST_CASE("a shard that committed less than the others resumes alone") {
  Collection c;
  WriteCollection(c.warc_dir());
  auto first = c.Run(WithShards(2));
  REQUIRE_MESSAGE(first.ok(), first.status().ToString());
  const auto expected = DocumentsByUrl(c.index_dir());
  const std::string file_a = WarcNames(c)[0];
  const std::uint64_t size_a = fs::file_size(c.warc_dir() / file_a);
  const std::uint64_t cut = size_a / 2;

  std::uint64_t removed = 0;
  std::uint64_t other_after_cut = 0;  // shard-01's pages of file a at or after the cut
  {
    Xapian::WritableDatabase shard0((c.index_dir() / schema::ShardName(0)).string());
    std::vector<Xapian::docid> drop;
    for (auto it = shard0.postlist_begin(""); it != shard0.postlist_end(""); ++it) {
      auto doc = common::DecodeDocument(shard0.get_document(*it).get_data());
      REQUIRE(doc.ok());
      if (doc->warc.file == file_a && doc->warc.offset >= cut) drop.push_back(*it);
    }
    for (Xapian::docid id : drop) shard0.delete_document(id);
    shard0.set_metadata(ProgressKey(file_a), std::to_string(cut));
    shard0.commit();
    removed = drop.size();
    Xapian::Database shard1((c.index_dir() / schema::ShardName(1)).string());
    for (auto it = shard1.postlist_begin(""); it != shard1.postlist_end(""); ++it) {
      auto doc = common::DecodeDocument(shard1.get_document(*it).get_data());
      REQUIRE(doc.ok());
      if (doc->warc.file == file_a && doc->warc.offset >= cut) ++other_after_cut;
    }
  }
  REQUIRE(removed > 0);
  REQUIRE(other_after_cut > 0);

  auto second = c.Run(WithShards(2));
  REQUIRE_MESSAGE(second.ok(), second.status().ToString());
  CHECK(second->documents_added == removed);
  CHECK(second->documents_updated == 0);
  CHECK(second->skipped_committed_before == other_after_cut);
  CHECK(DocumentsByUrl(c.index_dir()) == expected);
  for (unsigned i = 0; i < 2; ++i) {
    Xapian::Database shard((c.index_dir() / schema::ShardName(i)).string());
    CHECK(shard.get_metadata(ProgressKey(file_a)) == std::to_string(size_a));
  }
}

TEST_CASE("a shard list vestige-index did not write is refused") {
  const struct {
    const char* name;
    const char* text;
  } kCases[] = {
      {"a remote database", "remote tcp 127.0.0.1:33333\n"},
      {"shards out of order", "glass shard-01\nglass shard-00\n"},
      {"a path outside", "glass ../elsewhere\n"},
      {"empty", ""},
  };
  for (const auto& row : kCases) {
    CAPTURE(row.name);
    Collection c;
    WriteCollection(c.warc_dir());
    fs::create_directories(c.index_dir());
    vestige::test::WriteFile(c.index_dir() / std::string(schema::kShardStubFile), row.text);
    auto run = c.Run(WithShards(2));
    REQUIRE_FALSE(run.ok());
    CHECK(run.status().code() == common::Status::Code::kFailedPrecondition);
    CHECK(run.status().message().find("is not a shard list written by vestige-index") !=
          std::string::npos);
  }
}

// A shard lost (deleted by hand, a disk failure): it is made again and its documents come back
// from the WARC files, since an empty shard records no progress; the others are not rewritten.
TEST_CASE("a missing shard is made again and refilled from the WARC files, with a note") {
  Collection c;
  WriteCollection(c.warc_dir());
  REQUIRE(c.Run(WithShards(2)).ok());
  const auto expected = DocumentsByUrl(c.index_dir());
  const auto lost = DocumentsByUrl(c.index_dir() / schema::ShardName(1)).size();
  REQUIRE(lost > 0);
  fs::remove_all(c.index_dir() / schema::ShardName(1));
  auto run = c.Run(WithShards(2));
  REQUIRE_MESSAGE(run.ok(), run.status().ToString());
  REQUIRE(c.reporter.notes.size() == 1);
  CHECK(c.reporter.notes[0] ==
        "shard-01 was missing: made again, empty; its documents are indexed again from the WARC "
        "files");
  // Page 7 has two captures: both records go to its shard.
  const bool page7_lost = schema::ShardOf(schema::IdTerm("http://example.org/news/7"), 2) == 1;
  CHECK(run->documents_added == lost);
  CHECK(run->documents_updated == (page7_lost ? 1 : 0));
  CHECK(run->skipped_committed_before == kPages - lost + (page7_lost ? 0 : 1));
  CHECK(DocumentsByUrl(c.index_dir()) == expected);
}

// What a kill during the creation of a database can leave: Xapian's files without "iamglass".
TEST_CASE("the leftovers of a killed index creation are cleared, not refused") {
  for (unsigned shards : {1u, 2u}) {
    CAPTURE(shards);
    Collection c;
    WriteCollection(c.warc_dir());
    const fs::path partial = shards == 1 ? c.index_dir() : c.index_dir() / schema::ShardName(1);
    fs::create_directories(partial);
    vestige::test::WriteFile(partial / "flintlock", "");
    vestige::test::WriteFile(partial / "postlist.glass", std::string(8192, '\0'));
    vestige::test::WriteFile(partial / "iamglass.tmp", "partial");
    auto run = c.Run(WithShards(shards));
    REQUIRE_MESSAGE(run.ok(), run.status().ToString());
    CHECK(run->documents_added == kPages);
    CHECK(Xapian::Database(c.index_dir().string()).get_doccount() == kPages);
  }
}

TEST_CASE("a shard locked by another writer is refused") {
  Collection c;
  WriteCollection(c.warc_dir());
  REQUIRE(c.Run(WithShards(2)).ok());
  Xapian::WritableDatabase holder((c.index_dir() / schema::ShardName(1)).string(), Xapian::DB_OPEN);
  auto run = c.Run(WithShards(2));
  REQUIRE_FALSE(run.ok());
  CHECK(run.status().code() == common::Status::Code::kFailedPrecondition);
  CHECK(run.status().message().find("locked by another vestige-index") != std::string::npos);
}

TEST_CASE("shard options out of range are refused") {
  Collection c;
  IndexOptions options;
  options.shards = schema::kMaxShards + 1;
  CHECK(c.Run(options).status().code() == common::Status::Code::kInvalidArgument);
  options = IndexOptions();
  options.queue_per_shard = 0;
  CHECK(c.Run(options).status().code() == common::Status::Code::kInvalidArgument);
  CHECK_FALSE(fs::exists(c.index_dir()));
}

}  // namespace
}  // namespace vestige::indexer
