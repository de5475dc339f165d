// Reading a page file that may be gzip-compressed (zlib is called only in dates_gzip.cc).
// Thread safety: reentrant.
#ifndef VESTIGE_EVAL_SRC_DATES_GZIP_H_
#define VESTIGE_EVAL_SRC_DATES_GZIP_H_

#include <filesystem>
#include <string>

#include "vestige/common/status.h"

namespace vestige::eval {

// The file's bytes, gunzipped when they start with the gzip magic (all members). NotFound when the
// file cannot be read, Corruption when the gzip data is broken.
common::Result<std::string> ReadMaybeGzipped(const std::filesystem::path& path);

}  // namespace vestige::eval

#endif  // VESTIGE_EVAL_SRC_DATES_GZIP_H_
