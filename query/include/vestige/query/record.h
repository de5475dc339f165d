// `vestige-query record URL [--at DATE]`: the original WARC records of one capture, copied byte
// for byte out of the collection's WARC files, so the result is a WARC file of its own that any
// WARC tool can verify against the digests recorded at capture time.
//
// Thread safety: reads files only; calls are independent.
#ifndef VESTIGE_QUERY_RECORD_H_
#define VESTIGE_QUERY_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vestige/common/date.h"
#include "vestige/common/document.h"
#include "vestige/common/status.h"

namespace vestige::query {

struct RecordRequest {
  // The collection's warc/ folder.
  std::filesystem::path warc_dir;
  // The indexed record of the URL (from the index): used as is when `at` is unset.
  common::WarcPointer indexed;
  // The URL as the WARC records name it (WARC-Target-URI). When empty, the target URI of the
  // indexed record is used.
  std::string url;
  // Pick the capture (response or revisit record of `url`) whose WARC-Date is closest to this
  // time (the first in CDXJ or file order on a tie). Unset: the indexed capture.
  std::optional<common::UnixSeconds> at;
  // The collection's cdxj/ folder as the crawler writes it (index.cdxj, sorted, and
  // indexed-files.txt). When both files are there, captures and revisited records are looked up
  // in index.cdxj by binary search and only the WARC files it does not cover yet are scanned;
  // otherwise (empty path, or a collection without a CDXJ index) every WARC file is scanned.
  std::filesystem::path cdxj_dir;
};

struct RecordExport {
  // Concatenated records exactly as stored (each a gzip member in a .warc.gz file): the
  // warcinfo record of the capture's file, the request record (WARC-Concurrent-To), for a revisit
  // the record it refers to, then the capture itself.
  std::string bytes;
  std::vector<std::string> record_ids;  // in the order written
  std::string file;                     // WARC file of the capture
  std::uint64_t offset = 0;             // offset of the capture in it
  std::string date;                     // WARC-Date of the capture
  // Records that should have been included but were not found (e.g. "request <urn:...>").
  std::vector<std::string> missing;
  // Whole WARC files read record by record to find the capture and its companions (0 when the
  // CDXJ index and the records' neighbours sufficed); for tests and diagnostics.
  std::size_t files_scanned = 0;
};

// NotFound when no capture of the URL exists; IOError / Corruption when the WARC file cannot be
// read at the indexed offset. Missing companion records are reported in `missing`, not as errors.
common::Result<RecordExport> ExportRecord(const RecordRequest& request);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_RECORD_H_
