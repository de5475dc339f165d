// The only file that calls libdeflate: each WARC record becomes one complete gzip member, which
// is what libdeflate does (whole buffers, no stream state kept between calls). It compresses
// about twice as fast as zlib at the same size (see kWarcLevel in gzip.h); inflating stays with
// zlib (gzip.cc), which streams.
#include <libdeflate.h>

#include <cstdlib>
#include <string>

#include "gzip.h"

namespace vestige::common::gzip {

struct MemberDeflater::Stream {
  explicit Stream(int level) : compressor(libdeflate_alloc_compressor(level)) {
    if (compressor == nullptr) std::abort();  // only on a bad level or out of memory
  }
  ~Stream() { libdeflate_free_compressor(compressor); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  libdeflate_compressor* compressor;
};

MemberDeflater::MemberDeflater(int level) : stream_(std::make_unique<Stream>(level)) {}
MemberDeflater::~MemberDeflater() = default;

void MemberDeflater::Compress(std::string_view data, std::string* out) {
  libdeflate_compressor* c = stream_->compressor;
  out->resize(libdeflate_gzip_compress_bound(c, data.size()));
  const std::size_t n =
      libdeflate_gzip_compress(c, data.data(), data.size(), out->data(), out->size());
  if (n == 0) std::abort();  // cannot happen: the buffer has the bound's room
  out->resize(n);
}

std::string CompressMember(std::string_view data, int level) {
  std::string out;
  MemberDeflater(level).Compress(data, &out);
  return out;
}

}  // namespace vestige::common::gzip
