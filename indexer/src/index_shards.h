// The index's shards and their writer threads (layout: vestige/common/schema.h).
//
// The caller's thread (the one running RunIndexer) hands each document, in record order, to the
// queue of its shard (schema::ShardOf of its id term) and ends each WARC file; every shard has
// a thread of its own that adds the documents to its XapianWriter and commits. So the Xapian
// work of one shard (adding, merging posting lists, waiting for fsync) runs while the caller
// reads on, the workers parse on and the other shards write on. The index is still the same
// whatever the thread count: each shard gets its documents in record order and commits at
// points fixed by that order.
//
// Progress is kept per shard: each shard's commit records, for the WARC file it is in, the
// offset after the last record it was given, so that offset covers every record of that shard
// before it. A killed run resumes each file from the smallest offset over the shards, and a
// record is written again only to a shard whose recorded offset it is not below (ShouldWrite).
// A shard commits after `batch_size` documents (its first commit after a share of that, staggered
// across shards, so that they do not all flush at once) and when a WARC file ends.
//
// Thread safety: every method from one thread (the caller's); the shard threads are internal.
#ifndef VESTIGE_INDEXER_INDEX_SHARDS_H_
#define VESTIGE_INDEXER_INDEX_SHARDS_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vestige/common/status.h"
#include "vestige/indexer/indexer.h"
#include "xapian_writer.h"

namespace vestige::indexer {

// What the shard threads did, summed over shards.
struct ShardTotals {
  std::uint64_t added = 0;
  std::uint64_t replaced = 0;
  std::uint64_t kept_newer = 0;
  std::uint64_t commits = 0;
  double xapian_add = 0;  // CPU seconds of the shard threads in XapianWriter::Put
  double commit = 0;      // and in XapianWriter::Commit
};

class IndexShards {
 public:
  struct Options {
    // Shards of a new index (1: index_dir is itself one Xapian database, as before shards).
    // An existing index keeps its own count. 1 to schema::kMaxShards.
    unsigned new_shards = 1;
    std::uint64_t batch_size = 1000;  // documents per shard between two commits, >= 1
    std::size_t queue = 64;           // documents waiting per shard (bounds memory), >= 1
  };

  // Opens the index at `index_dir` (its parent must exist), creating it when missing or empty.
  // Errors: those of XapianWriter::Open for any shard; FailedPrecondition for a shard list
  // (schema::kShardStubFile) that vestige-index did not write; IOError when the folder or the
  // list cannot be written; Unavailable when a thread cannot be started.
  static common::Result<std::unique_ptr<IndexShards>> Open(const std::string& index_dir,
                                                           const Options& options);
  // Stops the threads; whatever was not committed is discarded.
  ~IndexShards();
  IndexShards(const IndexShards&) = delete;
  IndexShards& operator=(const IndexShards&) = delete;

  unsigned size() const { return static_cast<unsigned>(shards_.size()); }
  // What Open found worth telling: a listed shard that was missing and was made again, empty
  // (its documents are indexed again from the WARC files, since it records no progress).
  const std::vector<std::string>& open_notes() const { return open_notes_; }

  // Starts a WARC file: reads each shard's recorded progress under `key` (waiting for the shard
  // to finish its queue first). Offsets that are not numbers, or beyond `file_size` (the file
  // was replaced), count as 0, with a note in `notes`. Returns the offset to read from: the
  // smallest over the shards.
  common::Result<std::uint64_t> BeginFile(const std::string& key, std::uint64_t file_size,
                                          std::vector<std::string>* notes);
  // True when every shard holds the file up to its end (nothing to do).
  bool FileDone(std::uint64_t file_size) const;
  // False when the record at `offset` with this document's id term is already committed in its
  // shard (a record read again after a kill).
  bool ShouldWrite(const PreparedDocument& doc, std::uint64_t offset) const;

  // Queues `doc` for its shard; `end` is the offset after its record. Waits while that queue is
  // full (the wall seconds are added to *wait). Returns the first failure of any shard so far;
  // after one, nothing more is queued.
  common::Status Put(PreparedDocument doc, std::uint64_t end, double* wait);
  // Ends the file begun last: every shard that got documents of it, or whose recorded progress
  // differs, commits progress max(its recorded offset, `end`).
  common::Status EndFile(std::uint64_t end, double* wait);
  // Waits until every queue is empty; returns the first failure of any shard.
  common::Status Drain();
  // The shards' counters and times. REQUIRES: Drain() returned.
  ShardTotals Totals() const;

 private:
  struct Shard;
  struct Task;
  IndexShards() = default;
  void ShardLoop(Shard* shard);
  common::Status Run(Shard* shard, Task* task);  // a Put, and a commit when one is due
  common::Status Enqueue(Shard* shard, Task task, double* wait);
  common::Status Failure();

  Options options_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::vector<std::string> open_notes_;
  // The file begun last: its key, and each shard's progress in it (effective, see BeginFile)
  // and whether that shard got documents of it.
  std::string key_;
  std::vector<std::uint64_t> progress_;
  std::vector<bool> touched_;

  std::mutex mu_;
  std::condition_variable cv_;  // a queue changed, or stop_
  bool stop_ = false;           // guarded by mu_
  common::Status failed_;       // the first failure of any shard; guarded by mu_
};

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_INDEX_SHARDS_H_
