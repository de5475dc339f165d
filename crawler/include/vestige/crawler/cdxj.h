// The collection's CDXJ index, in pywb's format, so pywb and ReplayWeb.page can replay the
// archive: <collection>/cdxj/index.cdxj, one line per response, revisit and resource record,
// "SURT TIMESTAMP {json}", sorted bytewise. JSON keys: url, mime, status, digest, length, offset,
// filename (and mime "warc/revisit" for revisit records, as pywb writes them).
//
// UpdateCdxjIndex adds the records of every closed WARC file not indexed yet (the list is kept in
// <collection>/cdxj/indexed-files.txt) and rewrites the index through a temporary file and a
// rename, so a kill leaves either the old or the new index. Thread safety: one writer per
// collection.
#ifndef VESTIGE_CRAWLER_CDXJ_H_
#define VESTIGE_CRAWLER_CDXJ_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "vestige/common/status.h"

namespace vestige::crawler {

// Indexes the closed WARC files of the collection not yet in the index. Returns the number of
// lines added. IOError when a file cannot be read or the index cannot be written.
common::Result<std::int64_t> UpdateCdxjIndex(const std::string& collection);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_CDXJ_H_
