// The indexer: reads the WARC files of a collection and writes the Xapian index the query side
// searches (the only writer of the index).
//
// A collection is a folder with warc/ (the crawler's output) and index/ (this stage's output).
// RunIndexer reads every finished WARC file in warc/ (names ending .warc.gz or .warc; files still
// being written end in .open and are left alone) in name order, turns each HTML response or
// resource record into an IndexedDocument (vestige/common/document.h) and stores it under the
// schema of vestige/common/schema.h, split into shards (IndexOptions::shards). Progress per WARC
// file is committed, in each shard, together with the documents it covers, so a run can be killed
// at any point and the next one resumes where the last commit left off, neither losing nor redoing
// work. A URL captured several times keeps its newest capture.
//
// Thread safety: RunIndexer may be called from any thread, but only one process or thread may
// index one collection at a time (the index has a writer lock; a second writer gets
// FailedPrecondition).
#ifndef VESTIGE_INDEXER_INDEXER_H_
#define VESTIGE_INDEXER_INDEXER_H_

#include <cstdint>
#include <string>

#include "vestige/common/status.h"

namespace vestige::indexer {

struct IndexOptions {
  // The collection folder: reads <collection_dir>/warc/, writes <collection_dir>/index/ (created
  // when missing). Required.
  std::string collection_dir;
  // Documents added or replaced in one shard between two commits of that shard. Each commit also
  // records how far each WARC file has been read. Larger batches index faster (fewer fsyncs,
  // better-merged posting lists) but use more memory and lose more work to a kill; smaller ones do
  // the opposite. Must be >= 1.
  std::uint64_t batch_size = 1000;
  // The person gazetteer and the crime-type taxonomy (TSV, see data/). Persons and crime types are
  // detected in each page's main text and stored as XP/XC facet terms; names not in the
  // gazetteer as XN terms. A malformed line stops the run with InvalidArgument naming the file and
  // line. Empty: that facet is not detected. Changing a file only affects pages indexed after.
  std::string persons_file = VESTIGE_DATA_DIR "/persons.tsv";
  std::string crimes_file = VESTIGE_DATA_DIR "/crime_types.tsv";
  // Worker threads that decode, parse, extract, detect and make the Xapian documents; the
  // caller's thread reads the WARC files and hands the documents, in record order, to the shard
  // writer threads. 0: one per core (std::thread::hardware_concurrency). 1: no workers, reading
  // and parsing on the caller's thread. The index is the same whatever the count: same documents,
  // terms, values, document ids and commits.
  unsigned threads = 0;
  // Records read ahead of the writer, per worker (bounds memory: each holds a record and its
  // page). Must be >= 1.
  unsigned queue_per_thread = 4;
  // Shards of a new index: Xapian databases under index/, each written by its own thread and
  // searched as one (see vestige/common/schema.h). An existing index keeps its count. 0: the
  // default, kDefaultShards. 1: index/ is one database. At most schema::kMaxShards.
  unsigned shards = 0;
  // Documents waiting for each shard's writer (bounds memory). Must be >= 1.
  unsigned queue_per_shard = 64;
};

// The shard count of a new index when IndexOptions::shards is 0.
inline constexpr unsigned kDefaultShards = 2;
inline unsigned EffectiveShards(unsigned requested) {
  return requested > 0 ? requested : kDefaultShards;
}

// CPU seconds (of the thread doing the work, CLOCK_THREAD_CPUTIME_ID) spent in each stage of a
// run, summed over records; for vestige-bench. Always filled: the timers cost a few clock reads
// per record (about a microsecond in all). With worker threads, decode..terms run in parallel and
// are summed over the workers, so the stages can add up to more than the run's wall time;
// read_warc runs on the caller's thread, xapian_add and commit on the shard writer threads
// (summed over shards). Being CPU time, they do not
// grow when the machine is loaded (except through cache effects) and exclude time waiting for
// the disk (fsync in commit).
struct StageSeconds {
  double read_warc = 0;   // WarcReader::Next: file read, gunzip, WARC record parse
  double decode = 0;      // HTTP parse, URL/date checks, Content-Encoding, charset to UTF-8
  double parse = 0;       // HTML to DOM (ParseHtml)
  double extract = 0;     // main text and title (ExtractText)
  double detect = 0;      // everything after extraction: language, dates, entities, digest
  double terms = 0;       // DocumentMaker::Make: term generation, values, document data
  double xapian_add = 0;  // XapianWriter::Put: look up the URL, add/replace the document
  double commit = 0;      // XapianWriter::Commit (flush to disk)
  // Wall seconds the caller's thread waited: for the workers (threads >= 2 only) and for a full
  // shard queue.
  double wait = 0;

  StageSeconds& operator+=(const StageSeconds& o) {
    read_warc += o.read_warc;
    decode += o.decode;
    parse += o.parse;
    extract += o.extract;
    detect += o.detect;
    terms += o.terms;
    xapian_add += o.xapian_add;
    commit += o.commit;
    wait += o.wait;
    return *this;
  }
};

// Counters of one run. Every record read lands in exactly one of: documents_added,
// documents_updated, a skipped_* counter, or bad_records.
struct IndexStats {
  std::uint64_t files_seen = 0;          // finished WARC files found in warc/
  std::uint64_t files_open_skipped = 0;  // *.open files left alone (still being written)
  std::uint64_t records_read = 0;        // records read this run (bad ones included)
  std::uint64_t documents_added = 0;     // URLs new to the index
  std::uint64_t documents_updated = 0;   // URLs whose document was replaced by this capture
  // Skipped records, by reason.
  // warcinfo, request, metadata, conversion, ..., and responses that are not HTTP (dns:)
  std::uint64_t skipped_other_type = 0;
  std::uint64_t skipped_revisit = 0;        // revisit records (not resolved yet)
  std::uint64_t skipped_status = 0;         // HTTP status other than 200
  std::uint64_t skipped_mime = 0;           // not text/html or application/xhtml+xml
  std::uint64_t skipped_encoding = 0;       // Content-Encoding we cannot decode (e.g. br)
  std::uint64_t skipped_older_capture = 0;  // the index already holds a newer capture
  // Records read again after a killed run whose document its shard had already committed.
  std::uint64_t skipped_committed_before = 0;
  // Records that could not be used: a torn or malformed WARC record, an unparsable HTTP message,
  // a body that does not decompress, a bad WARC-Target-URI or WARC-Date. Each is reported with
  // its file and offset.
  std::uint64_t bad_records = 0;
  std::uint64_t commits = 0;  // Xapian commits made
  unsigned threads = 1;       // worker threads used (1: none, all on the caller's thread)
  unsigned shards = 1;        // shards of the index, each with its own writer thread
  double seconds = 0;         // wall-clock time of the run
  StageSeconds stages;        // where that time went

  std::uint64_t documents_written() const { return documents_added + documents_updated; }
  std::uint64_t skipped() const {
    return skipped_other_type + skipped_revisit + skipped_status + skipped_mime + skipped_encoding +
           skipped_older_capture + skipped_committed_before;
  }
};

// Where the indexer tells what goes wrong along the way (partial failure is data: the run goes
// on). Called from the thread running RunIndexer.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // A record that could not be used; `offset` is the record's byte offset in `file`.
  virtual void BadRecord(const std::string& file, std::uint64_t offset,
                         const std::string& message) = 0;
  // Anything else worth a line: skipped .open files, a file that shrank, ...
  virtual void Note(const std::string& message) = 0;
};

// Writes each report as one line to stderr: "vestige-index: <file>@<offset>: <message>".
class StderrReporter : public Reporter {
 public:
  void BadRecord(const std::string& file, std::uint64_t offset,
                 const std::string& message) override;
  void Note(const std::string& message) override;
};

// Indexes the collection. `reporter` may be null (silent).
// Returns the counters when the run went through all files, even if some records were bad
// (look at bad_records). Errors: InvalidArgument for bad options; NotFound when the collection
// or its warc/ folder is missing; FailedPrecondition when the index was built with another
// schema version (delete <collection>/index and re-run) or is locked by another writer;
// IOError/Internal when the index cannot be written. Whatever was committed before an error
// stays committed, with its progress, so re-running after fixing the cause continues the work.
common::Result<IndexStats> RunIndexer(const IndexOptions& options, Reporter* reporter);

// A few lines for a person: records read, documents added/updated, skipped by reason, bad
// records, seconds. Ends with a newline.
std::string FormatSummary(const IndexStats& stats);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_INDEXER_H_
