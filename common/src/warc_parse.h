// Pieces of the WARC record parser shared by ParseWarcRecord (warc.cc) and the streaming
// WarcReader (warc_reader.cc). Internal to vestige_common. Thread safety: pure functions.
#ifndef VESTIGE_COMMON_SRC_WARC_PARSE_H_
#define VESTIGE_COMMON_SRC_WARC_PARSE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::common::warc_internal {

// Content-Length values above this are refused as absurd (no real record is 64 GiB).
inline constexpr std::uint64_t kMaxContentLength = std::uint64_t{64} << 30;

// True when `bytes` could start a version line ("WARC/" or a prefix of it, for short input).
bool LooksLikeVersionStart(std::string_view bytes);

// The index just past the blank line that ends a record head (version line + fields), or npos
// when `bytes` holds no blank line yet. Line ends may be CRLF or bare LF. `from` lets a caller
// that appends to `bytes` resume the scan (pass the previous bytes.size(); it backs up itself).
std::size_t FindHeadEnd(std::string_view bytes, std::size_t from = 0);

// The version line, fields and Content-Length of a record head.
struct WarcHead {
  std::string version;
  std::vector<std::pair<std::string, std::string>> headers;
  std::uint64_t content_length = 0;
};
// Parses `head`, which runs through the blank line (as FindHeadEnd found it). Corruption for a
// bad version line, a bad field line, or a missing, non-numeric or absurd Content-Length.
Result<WarcHead> ParseWarcHead(std::string_view head);

// How many bytes of `after` (the bytes following a block) belong to the record's trailing two
// line ends (CRLF, or bare LF). `bounded`: `after` ends where the record's data ends (end of
// input or of a gzip member), so a missing or partial trailer is tolerated if nothing else
// follows it. std::nullopt when other bytes sit where the trailer should be.
std::optional<std::size_t> MatchTrailer(std::string_view after, bool bounded);

}  // namespace vestige::common::warc_internal

#endif  // VESTIGE_COMMON_SRC_WARC_PARSE_H_
