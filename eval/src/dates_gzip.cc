// The one file of the eval library that calls zlib. See dates_gzip.h.
#include "dates_gzip.h"

#include <zlib.h>

#include <fstream>
#include <iterator>
#include <string>

namespace vestige::eval {

common::Result<std::string> ReadMaybeGzipped(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return common::Status::NotFound("cannot open " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1F ||
      static_cast<unsigned char>(bytes[1]) != 0x8B) {
    return bytes;
  }
  std::string out;
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
    return common::Status::Internal("zlib inflateInit2 failed");
  }
  zs.next_in = reinterpret_cast<Bytef*>(bytes.data());
  zs.avail_in = static_cast<uInt>(bytes.size());
  char buffer[1 << 16];
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - zs.avail_out);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) {
      inflateEnd(&zs);
      return common::Status::Corruption("bad gzip data in " + path.string());
    }
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return common::Status::Corruption("truncated gzip data in " + path.string());
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace vestige::eval
