// The collection's CDXJ index, in pywb's format, so pywb and ReplayWeb.page can replay the
// archive: <collection>/cdxj/index.cdxj, one line per response, revisit and resource record,
// "SURT TIMESTAMP {json}", sorted bytewise. JSON keys: url, mime, status, digest, length, offset,
// filename (and mime "warc/revisit" for revisit records, as pywb writes them).
//
// UpdateCdxjIndex adds the records of every closed WARC file not indexed yet (the list is kept in
// <collection>/cdxj/indexed-files.txt) and rewrites the index through a temporary file and a
// rename, so a kill leaves either the old or the new index. The old index is merged in as a
// stream, and the new lines go through a CdxjSpool, so memory stays bounded however many records
// are indexed. The crawler hands over the spool of the lines it made while writing its own files;
// other files (left by a killed run) are read back. Thread safety: one writer per collection.
#ifndef VESTIGE_CRAWLER_CDXJ_H_
#define VESTIGE_CRAWLER_CDXJ_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "vestige/common/status.h"
#include "vestige/common/warc.h"

namespace vestige::crawler {

// The CDXJ line of `record`, stored at `offset` with `length` bytes on disk in the WARC file named
// `file`; "" for a record that is not indexed (only response, revisit and resource records with a
// WARC-Target-URI are).
std::string CdxjLine(const std::string& file, const common::WarcRecord& record,
                     std::uint64_t offset, std::uint64_t length);

// New CDXJ lines in bounded memory: up to `chunk_bytes` of lines are held; a full chunk is sorted
// and appended as a sorted run to an unlinked temporary file in <collection>/cdxj/, and
// UpdateCdxjIndex merges the runs, the chunk in memory and the old index in one pass. Lines used
// to sit in one string per WARC file until the end of the crawl: 1.5 MB for the 5,384 pages of
// bench/crawl-vs-wget.sh and 2 to 3.4 MB of heap with the string's growth, about 280 bytes a
// record however large the crawl. A write error on the temporary file is not reported: the spool
// then counts as failed and UpdateCdxjIndex reads the files back instead.
class CdxjSpool {
 public:
  // 256 KiB: one run per ~900 records; merging reads each run through an 8 KiB buffer.
  static constexpr std::size_t kDefaultChunkBytes = 256 * 1024;

  explicit CdxjSpool(std::string collection, std::size_t chunk_bytes = kDefaultChunkBytes);
  ~CdxjSpool();
  CdxjSpool(const CdxjSpool&) = delete;
  CdxjSpool& operator=(const CdxjSpool&) = delete;

  // Adds `line` (without '\n'), made with CdxjLine for a record of the WARC file named `file`.
  void Add(const std::string& file, std::string_view line);
  // The WARC files whose lines were added; the caller adds every indexed record of each.
  const std::set<std::string>& files() const { return files_; }
  std::int64_t lines() const { return lines_; }
  // Sorted runs written to the temporary file so far (tests check that spilling happened).
  std::size_t runs() const;
  bool failed() const { return failed_; }

 private:
  friend common::Result<std::int64_t> UpdateCdxjIndex(const std::string&, CdxjSpool*);
  struct Runs;  // the temporary file and where each run lies in it

  void Spill();

  std::string collection_;
  std::size_t chunk_bytes_;
  std::string chunk_;  // '\n'-ended lines, in the order added
  std::set<std::string> files_;
  std::int64_t lines_ = 0;
  bool failed_ = false;
  std::unique_ptr<Runs> runs_;
};

// Indexes the closed WARC files of the collection not yet in the index, taking a file's lines
// from `made` when its files() has it, and reading the file otherwise (read-back lines go through
// `made` too when given, else through a spool of its own). `made` is ignored, and every file read
// back, when it failed or names a file that is not a closed, unindexed file of the collection.
// Returns the number of lines added. IOError when a file cannot be read or the index cannot be
// written.
common::Result<std::int64_t> UpdateCdxjIndex(const std::string& collection,
                                             CdxjSpool* made = nullptr);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CDXJ_H_
