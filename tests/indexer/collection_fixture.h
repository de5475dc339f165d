// A collection folder in a TempDir for the indexer tests: WARC files written with common's
// WarcWriter, runs of the indexer with a capturing reporter, and lookups in the Xapian index.
#ifndef VESTIGE_TESTS_INDEXER_COLLECTION_FIXTURE_H_
#define VESTIGE_TESTS_INDEXER_COLLECTION_FIXTURE_H_

#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "test_paths.h"
#include "vestige/common/schema.h"
#include "vestige/common/warc.h"
#include "vestige/indexer/indexer.h"

namespace vestige::indexer::test {

struct CapturingReporter : Reporter {
  std::vector<std::string> bad;  // "file@offset: message"
  std::vector<std::string> notes;
  void BadRecord(const std::string& file, std::uint64_t offset,
                 const std::string& message) override {
    bad.push_back(file + "@" + std::to_string(offset) + ": " + message);
  }
  void Note(const std::string& message) override { notes.push_back(message); }
};

// Writes one WARC file; Close() renames it to its final name.
class WarcFile {
 public:
  WarcFile(const std::filesystem::path& dir, const std::string& prefix, bool gzip = true) {
    common::WarcWriterOptions options;
    options.directory = dir.string();
    options.prefix = prefix;
    options.gzip = gzip;
    options.warcinfo_fields = "software: vestige indexer_test\r\n";
    auto writer = common::WarcWriter::Open(options);
    REQUIRE(writer.ok());
    writer_ = std::move(writer).value();
  }
  common::WarcLocation Write(const common::WarcRecord& record) {
    auto where = writer_->Write(record);
    REQUIRE(where.ok());
    return *where;
  }
  void Close() { REQUIRE(writer_->Close().ok()); }

 private:
  std::unique_ptr<common::WarcWriter> writer_;
};

class Collection {
 public:
  Collection() { std::filesystem::create_directories(warc_dir()); }
  std::filesystem::path dir() const { return tmp_.path(); }
  std::filesystem::path warc_dir() const { return tmp_.path() / "warc"; }
  std::filesystem::path index_dir() const { return tmp_.path() / "index"; }

  common::Result<IndexStats> Run(std::uint64_t batch_size = 1000) {
    IndexOptions options;
    options.batch_size = batch_size;
    return Run(options);
  }
  // Runs with these options, on this collection.
  common::Result<IndexStats> Run(IndexOptions options) {
    options.collection_dir = dir().string();
    reporter = CapturingReporter();
    return RunIndexer(options, &reporter);
  }
  // Runs and requires success.
  IndexStats RunOk(std::uint64_t batch_size = 1000) {
    auto stats = Run(batch_size);
    REQUIRE_MESSAGE(stats.ok(), stats.status().ToString());
    return *stats;
  }

  CapturingReporter reporter;

 private:
  vestige::test::TempDir tmp_;
};

inline Xapian::Database OpenIndex(const Collection& c) {
  return Xapian::Database(c.index_dir().string());
}

// The document indexed for a canonical URL; fails the test if there is none.
inline Xapian::Document DocFor(const Xapian::Database& db, const std::string& url) {
  const std::string id = common::schema::IdTerm(url);
  Xapian::PostingIterator it = db.postlist_begin(id);
  REQUIRE_MESSAGE(it != db.postlist_end(id), (std::string("no document for ") + url));
  return db.get_document(*it);
}

inline bool HasTerm(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

// Terms of a document that start with `prefix`.
inline std::vector<std::string> TermsWithPrefix(const Xapian::Document& doc,
                                                const std::string& prefix) {
  std::vector<std::string> out;
  for (Xapian::TermIterator it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    if (term.compare(0, prefix.size(), prefix) == 0) out.push_back(term);
  }
  return out;
}

// A document as text: its data, values, and terms with wdf and positions.
inline std::string DocumentText(const Xapian::Document& doc) {
  std::string text = doc.get_data() + "\n";
  for (Xapian::ValueIterator v = doc.values_begin(); v != doc.values_end(); ++v) {
    text += "value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
  }
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    text += "term " + *t + " wdf " + std::to_string(t.get_wdf()) + " pos";
    for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      text += " " + std::to_string(*p);
    }
    text += "\n";
  }
  return text;
}

// Each document as DocumentText, keyed by its id term (document ids differ between shard
// layouts).
inline std::map<std::string, std::string> DocumentsByUrl(const std::filesystem::path& index_dir) {
  Xapian::Database db(index_dir.string());
  std::map<std::string, std::string> out;
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const Xapian::Document doc = db.get_document(*it);
    Xapian::TermIterator id = doc.termlist_begin();
    id.skip_to(std::string(common::schema::kPrefixId));
    REQUIRE(id != doc.termlist_end());
    REQUIRE((*id).rfind(std::string(common::schema::kPrefixId), 0) == 0);
    REQUIRE(out.emplace(*id, DocumentText(doc)).second);
  }
  return out;
}

}  // namespace vestige::indexer::test

#endif  // VESTIGE_TESTS_INDEXER_COLLECTION_FIXTURE_H_
