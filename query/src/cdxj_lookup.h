// Private to vestige_query: the captures of one URL from a collection's CDXJ index
// (COLLECTION/cdxj/index.cdxj, written by the crawler for pywb), found by binary search over the
// sorted file, reading only O(log size) small blocks and the matching lines.
//
// Line format (crawler/src/cdxj.cc): "SURTKEY TIMESTAMP14 {json}", with json fields "url",
// "mime" ("warc/revisit" for revisits), "status", "digest", "length", "offset", "filename";
// lines sorted bytewise. cdxj/indexed-files.txt lists the WARC files the index covers.
//
// Thread safety: plain functions over files; calls are independent.
#ifndef VESTIGE_QUERY_SRC_CDXJ_LOOKUP_H_
#define VESTIGE_QUERY_SRC_CDXJ_LOOKUP_H_

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::query::internal {

struct CdxjCapture {
  std::string url;        // WARC-Target-URI
  std::string timestamp;  // YYYYMMDDhhmmss (WARC-Date to the second)
  std::string file;       // WARC file name in warc/
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  bool revisit = false;  // mime "warc/revisit"
};

// Every line of the sorted CDXJ file at `path` whose URL is exactly `url`, in file order (by
// timestamp). NotFound when the file does not exist; IOError when it cannot be read. Lines that
// do not parse are skipped.
common::Result<std::vector<CdxjCapture>> FindCdxjCaptures(const std::filesystem::path& path,
                                                          std::string_view url);

// The WARC file names listed in `path` (cdxj/indexed-files.txt), one a line. NotFound when the
// file does not exist.
common::Result<std::set<std::string>> ReadIndexedFiles(const std::filesystem::path& path);

}  // namespace vestige::query::internal

#endif  // VESTIGE_QUERY_SRC_CDXJ_LOOKUP_H_
