// The index writer: the only file of the indexer that sees Xapian is xapian_writer.cc. It maps a
// Page to terms, values and data per vestige/common/schema.h, and turns every Xapian exception
// into a Status.
//
// Changes are grouped in a Xapian transaction between two Commit() calls, so progress metadata
// and the documents it covers become durable together; destroying the writer discards whatever
// was not committed. Thread safety: one thread at a time.
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

  // Adds the page under its unique-id term, or replaces the document holding that term, unless
  // that document is a newer capture (its kSlotCapturedTime sorts after the page's).
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
