// The collection's CDXJ index, in pywb's format, so pywb and ReplayWeb.page can replay the
// archive: <collection>/cdxj/index.cdxj, one line per response, revisit and resource record,
// "SURT TIMESTAMP {json}", sorted bytewise. JSON keys: url, mime, status, digest, length, offset,
// filename (and mime "warc/revisit" for revisit records, as pywb writes them).
//
// UpdateCdxjIndex adds the records of every closed WARC file not indexed yet (the list is kept in
// <collection>/cdxj/indexed-files.txt) and rewrites the index through a temporary file and a
// rename, so a kill leaves either the old or the new index. The old index is merged in as a
// stream: memory holds only the new lines. The crawler hands over the lines it made while writing
// its own files; other files (left by a killed run) are read back. Thread safety: one writer per
// collection.
#ifndef VESTIGE_CRAWLER_CDXJ_H_
#define VESTIGE_CRAWLER_CDXJ_H_

#include <cstdint>
#include <map>
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

// CDXJ lines by WARC file name, for files whose every record the caller wrote (and made a line
// for with CdxjLine): each line followed by '\n', in any order.
using CdxjLines = std::map<std::string, std::string>;

// Indexes the closed WARC files of the collection not yet in the index, taking a file's lines
// from `known` when it is there (moved out, not copied) and reading the file otherwise. Returns the
// number of lines added. IOError when a file cannot be read or the index cannot be written.
common::Result<std::int64_t> UpdateCdxjIndex(const std::string& collection, CdxjLines known = {});

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CDXJ_H_
