// gzip (RFC 1952), zlib (RFC 1950) and raw deflate (RFC 1951): the one seam over zlib (inflating,
// gzip.cc) and libdeflate (compressing, gzip_deflate.cc).
//
// Internal to vestige_common. Used by the WARC writer (one gzip member per record), the WARC
// reader (streaming inflate of concatenated members, reporting where each member ends) and
// DecodeContentEncoding. Thread safety: the free functions are pure; a MemberInflater is used by
// one thread at a time.
#ifndef VESTIGE_COMMON_SRC_GZIP_H_
#define VESTIGE_COMMON_SRC_GZIP_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "vestige/common/status.h"

namespace vestige::common::gzip {

// True when `bytes` starts with the gzip magic number 1f 8b.
bool HasMagic(std::string_view bytes);

// The level the WARC writer uses: libdeflate's 3 (of 1..12). Measured per record (CPU s for all
// records of a corpus, and the output size), against zlib 1.2.13 at 4 (this writer's level before)
// and 6 (zlib's default):
//   181 real news pages (aeb, 31.5 MB):  zlib 6: 0.59 s, 19.8%;  zlib 4: 0.41 s, 20.7%;
//                                        libdeflate 1: 0.14 s, 21.6%;  2: 0.19 s, 21.1%;
//                                        3: 0.24 s, 20.7%;  4: 0.26 s, 20.3%;  6: 0.36 s, 19.7%
//   crawl bench site (5,384 pages, 22.6 MB): zlib 4: 0.46 s, 36.6%;  libdeflate 3: 0.25 s, 36.3%
// Level 3 keeps zlib 4's size at 1.7-1.9x its speed; every record of a crawl is gzipped.
inline constexpr int kWarcLevel = 3;

// `data` compressed as one complete gzip member. `level` is libdeflate's 1..12.
std::string CompressMember(std::string_view data, int level = kWarcLevel);

// Compresses one gzip member at a time with one compressor kept between members (setting one up
// allocates its hash tables). Each member is complete and independent, byte for byte what
// CompressMember gives. One thread at a time.
class MemberDeflater {
 public:
  explicit MemberDeflater(int level = kWarcLevel);
  ~MemberDeflater();
  MemberDeflater(const MemberDeflater&) = delete;
  MemberDeflater& operator=(const MemberDeflater&) = delete;

  // Replaces *out with `data` compressed as one gzip member (*out's capacity is reused).
  void Compress(std::string_view data, std::string* out);

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
};

// Inflates one or more concatenated gzip members. Bytes after a complete member that do not
// start another member are ignored (browsers do the same). Corruption for bad or truncated data,
// or when the output would exceed `max_out` bytes.
Result<std::string> GunzipAll(std::string_view data, std::size_t max_out);

// Inflates an HTTP "deflate" body: zlib-wrapped (what RFC 9110 means) or raw deflate (what some
// servers send and browsers accept), told apart by the zlib header check. Same errors as
// GunzipAll.
Result<std::string> InflateDeflate(std::string_view data, std::size_t max_out);

// Streaming inflater over a sequence of gzip members, fed in arbitrary pieces.
class MemberInflater {
 public:
  MemberInflater();
  ~MemberInflater();
  MemberInflater(const MemberInflater&) = delete;
  MemberInflater& operator=(const MemberInflater&) = delete;

  struct Step {
    std::size_t consumed = 0;  // bytes of `in` used
    bool member_end = false;   // the member's trailer was read and checked
  };
  // Inflates from `in`, appending at most `max_out` bytes to *out. Stops right after the end of
  // a member (member_end, with `consumed` counting up to its last trailer byte); the next call
  // starts a new member. Stops early when `in` is used up or `max_out` reached. Corruption for
  // bytes that are not gzip or fail their checks (the inflater must then be Reset()).
  Result<Step> Inflate(std::string_view in, std::string* out, std::size_t max_out);
  // True once part of a member has been fed and its end not yet reached.
  bool in_member() const { return in_member_; }
  // Forgets any partial member.
  void Reset();

 private:
  struct Stream;
  std::unique_ptr<Stream> stream_;
  bool in_member_ = false;
};

}  // namespace vestige::common::gzip

#endif  // VESTIGE_COMMON_SRC_GZIP_H_
