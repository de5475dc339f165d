// The only file that calls zlib, for inflating (compressing is libdeflate's, in
// gzip_deflate.cc). Each z_stream lives in an RAII holder; zlib's 32-bit avail_* counters are fed
// in pieces of at most kPiece bytes so inputs above 4 GiB work.
#include "gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace vestige::common::gzip {
namespace {

constexpr std::size_t kPiece = std::size_t{1} << 30;     // most bytes given to zlib per call
constexpr std::size_t kOutStep = std::size_t{64} << 10;  // output grown this much per call
constexpr int kGzipWindow = 16 + MAX_WBITS;              // gzip wrapper only
constexpr int kZlibWindow = MAX_WBITS;                   // zlib wrapper
constexpr int kRawWindow = -MAX_WBITS;                   // no wrapper

Bytef* InPtr(const char* p) { return reinterpret_cast<Bytef*>(const_cast<char*>(p)); }
Bytef* OutPtr(char* p) { return reinterpret_cast<Bytef*>(p); }

std::string SizeText(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  return std::to_string(bytes) + " bytes";
}

Status ZlibError(int ret, const z_stream& z, std::string_view what) {
  if (ret == Z_MEM_ERROR) return Status::Internal("zlib: out of memory");
  std::string msg(what);
  msg += ": ";
  msg += z.msg != nullptr ? z.msg : (ret == Z_NEED_DICT ? "needs a preset dictionary" : "bad data");
  return Status::Corruption(msg);
}

// One inflate stream (any wrapper) over a whole buffer, stopping at its end.
struct Inflater {
  explicit Inflater(int window_bits) { ok = inflateInit2(&z, window_bits) == Z_OK; }
  ~Inflater() {
    if (ok) inflateEnd(&z);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  z_stream z{};
  bool ok = false;
};

struct OneResult {
  std::size_t consumed = 0;
  bool ended = false;
};

// Inflates `in` with `inf` (already initialised), appending to *out until the stream ends, the
// input runs out, or *out would pass max_out (Corruption).
Result<OneResult> InflateStream(Inflater& inf, std::string_view in, std::string* out,
                                std::size_t max_out, std::string_view what) {
  OneResult r;
  for (;;) {
    if (out->size() > max_out) {
      return Status::Corruption(std::string(what) + ": decompressed size exceeds " +
                                SizeText(max_out));
    }
    const std::size_t in_left = in.size() - r.consumed;
    const std::size_t given = std::min(in_left, kPiece);
    const std::size_t room = std::min(kOutStep, max_out + 1 - out->size());
    const std::size_t old = out->size();
    out->resize(old + room);
    inf.z.next_in = InPtr(in.data() + r.consumed);
    inf.z.avail_in = static_cast<uInt>(given);
    inf.z.next_out = OutPtr(out->data() + old);
    inf.z.avail_out = static_cast<uInt>(room);
    const int ret = inflate(&inf.z, Z_NO_FLUSH);
    const std::size_t used = given - inf.z.avail_in;
    const std::size_t got = room - inf.z.avail_out;
    out->resize(old + got);
    r.consumed += used;
    if (ret == Z_STREAM_END) {
      r.ended = true;
      if (out->size() > max_out) continue;  // reported at the top of the loop
      return r;
    }
    if (ret == Z_BUF_ERROR || (used == 0 && got == 0)) {
      if (out->size() > max_out) continue;
      return r;  // needs more input than there is
    }
    if (ret != Z_OK) return ZlibError(ret, inf.z, what);
  }
}

}  // namespace

bool HasMagic(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> GunzipAll(std::string_view data, std::size_t max_out) {
  std::string out;
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (pos > 0 && !HasMagic(data.substr(pos))) break;  // trailing junk after a member
    Inflater inf(kGzipWindow);
    if (!inf.ok) return Status::Internal("zlib: inflateInit2 failed");
    Result<OneResult> r = InflateStream(inf, data.substr(pos), &out, max_out, "gzip");
    if (!r.ok()) return r.status();
    if (!r->ended) return Status::Corruption("gzip: data ends inside a member");
    pos += r->consumed;
  }
  return out;
}

Result<std::string> InflateDeflate(std::string_view data, std::size_t max_out) {
  std::string out;
  if (data.empty()) return out;
  bool zlib_wrapped = false;
  if (data.size() >= 2) {
    const unsigned b0 = static_cast<unsigned char>(data[0]);
    const unsigned b1 = static_cast<unsigned char>(data[1]);
    zlib_wrapped = (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0;
  }
  Inflater inf(zlib_wrapped ? kZlibWindow : kRawWindow);
  if (!inf.ok) return Status::Internal("zlib: inflateInit2 failed");
  Result<OneResult> r = InflateStream(inf, data, &out, max_out, "deflate");
  if (!r.ok()) return r.status();
  if (!r->ended) return Status::Corruption("deflate: data ends inside the stream");
  return out;
}

struct MemberInflater::Stream {
  Inflater inf{kGzipWindow};
};

MemberInflater::MemberInflater() : stream_(std::make_unique<Stream>()) {}
MemberInflater::~MemberInflater() = default;

void MemberInflater::Reset() {
  if (stream_->inf.ok) inflateReset(&stream_->inf.z);
  in_member_ = false;
}

Result<MemberInflater::Step> MemberInflater::Inflate(std::string_view in, std::string* out,
                                                     std::size_t max_out) {
  Step step;
  z_stream& z = stream_->inf.z;
  if (!stream_->inf.ok) return Status::Internal("zlib: inflateInit2 failed");
  std::size_t produced = 0;
  while (produced < max_out) {
    const std::size_t given = std::min(in.size() - step.consumed, kPiece);
    const std::size_t room = std::min(kOutStep, max_out - produced);
    const std::size_t old = out->size();
    out->resize(old + room);
    z.next_in = InPtr(in.data() + step.consumed);
    z.avail_in = static_cast<uInt>(given);
    z.next_out = OutPtr(out->data() + old);
    z.avail_out = static_cast<uInt>(room);
    const int ret = inflate(&z, Z_NO_FLUSH);
    const std::size_t used = given - z.avail_in;
    const std::size_t got = room - z.avail_out;
    out->resize(old + got);
    step.consumed += used;
    produced += got;
    if (used > 0) in_member_ = true;
    if (ret == Z_STREAM_END) {
      inflateReset(&z);
      in_member_ = false;
      step.member_end = true;
      return step;
    }
    if (ret == Z_BUF_ERROR || (used == 0 && got == 0)) break;  // needs more input
    if (ret != Z_OK) return ZlibError(ret, z, "gzip");
  }
  return step;
}

}  // namespace vestige::common::gzip
