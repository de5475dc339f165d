// The index writer: the only file of the indexer that sees Xapian is xapian_writer.cc. It maps a
// Page to terms, values and data per vestige/common/schema.h, and turns every Xapian exception
// into a Status.
//
// Changes are grouped in a Xapian transaction between two Commit() calls, so progress metadata
// and the documents it covers become durable together; destroying the writer discards whatever
// was not committed.
//
// Making a document (term generation, values, data) is split from writing it, so that the
// indexer's workers make documents in parallel and the one writer thread only adds them:
// DocumentMaker::Make on any thread, then XapianWriter::Put on the writer's thread.
// Thread safety: a XapianWriter, one thread at a time; a DocumentMaker, one per thread (Xapian's
// stemmers keep state); a PreparedDocument may be moved to another thread and used there.
#ifndef VESTIGE_INDEXER_XAPIAN_WRITER_H_
#define VESTIGE_INDEXER_XAPIAN_WRITER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "page_builder.h"
#include "vestige/common/status.h"

namespace vestige::indexer {

enum class PutOutcome {
  kAdded,      // the URL was not in the index
  kReplaced,   // the URL's document was replaced (this capture is as new or newer)
  kKeptNewer,  // the index already holds a newer capture of the URL; nothing written
};

// A page turned into a Xapian document, ready for XapianWriter::Put. Move-only.
class PreparedDocument {
 public:
  PreparedDocument();
  ~PreparedDocument();
  PreparedDocument(PreparedDocument&&) noexcept;
  PreparedDocument& operator=(PreparedDocument&&) noexcept;

  // The document's unique-id term (schema::IdTerm of its URL), which picks its shard.
  // REQUIRES: made by DocumentMaker::Make.
  const std::string& id_term() const;

  struct Impl;  // internal (holds the Xapian document)

 private:
  friend class DocumentMaker;
  friend class XapianWriter;
  std::unique_ptr<Impl> impl_;
};

// Maps pages to documents per vestige/common/schema.h. Holds a stemmer per language.
class DocumentMaker {
 public:
  DocumentMaker();
  ~DocumentMaker();
  DocumentMaker(const DocumentMaker&) = delete;
  DocumentMaker& operator=(const DocumentMaker&) = delete;

  // Internal when Xapian throws (out of memory and the like).
  common::Result<PreparedDocument> Make(const Page& page);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class XapianWriter {
 public:
  // Opens or creates the database folder `path` (its parent must exist). A new database gets
  // kSchemaVersion in its metadata. FailedPrecondition when another writer holds the lock, when
  // the database has another schema version, or when it holds documents but no version (not
  // ours); IOError when it cannot be opened or created; Corruption for a damaged database.
  static common::Result<std::unique_ptr<XapianWriter>> Open(const std::string& path);
  // Discards uncommitted changes and releases the lock.
  ~XapianWriter();
  XapianWriter(const XapianWriter&) = delete;
  XapianWriter& operator=(const XapianWriter&) = delete;

  // The metadata value for `key`, "" when unset (committed or pending).
  common::Result<std::string> GetMetadata(const std::string& key);

  // Adds the document under its unique-id term, or replaces the document holding that term,
  // unless that document is a newer capture (its kSlotCapturedTime sorts after this one's).
  // REQUIRES: `doc` came from DocumentMaker::Make and was not put before.
  common::Result<PutOutcome> Put(PreparedDocument doc);
  // Make and Put in one call, with the writer's own DocumentMaker.
  common::Result<PutOutcome> Put(const Page& page);

  // Sets these metadata entries and makes them durable together with every Put since the last
  // Commit.
  common::Status Commit(const std::vector<std::pair<std::string, std::string>>& metadata);

 private:
  struct Impl;
  explicit XapianWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_XAPIAN_WRITER_H_
