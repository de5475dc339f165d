// Building blocks for the indexer tests: HTTP responses, WARC records, gzip members and
// windows-1251 bytes, made by hand so each test states exactly what the indexer reads.
#ifndef VESTIGE_TESTS_INDEXER_FIXTURES_H_
#define VESTIGE_TESTS_INDEXER_FIXTURES_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/warc.h"

namespace vestige::indexer::test {

inline std::uint32_t Crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) crc = table[(crc ^ static_cast<std::uint8_t>(ch)) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

inline void PutLe32(std::string* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// One gzip member whose deflate stream is made of stored (uncompressed) blocks: valid gzip that
// any inflater reads, without linking zlib into the tests.
inline std::string GzipStored(std::string_view data) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(data.size() - pos, 65535);
    const bool last = pos + n == data.size();
    out.push_back(last ? '\x01' : '\x00');
    const auto len = static_cast<std::uint16_t>(n);
    const auto nlen = static_cast<std::uint16_t>(~len);
    out.push_back(static_cast<char>(len & 0xFF));
    out.push_back(static_cast<char>(len >> 8));
    out.push_back(static_cast<char>(nlen & 0xFF));
    out.push_back(static_cast<char>(nlen >> 8));
    out.append(data.substr(pos, n));
    pos += n;
  } while (pos < data.size());
  PutLe32(&out, Crc32(data));
  PutLe32(&out, static_cast<std::uint32_t>(data.size()));
  return out;
}

// UTF-8 Cyrillic (Russian and Belarusian letters) and ASCII to windows-1251 bytes.
inline std::string Cp1251(std::string_view utf8) {
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b0 = static_cast<std::uint8_t>(utf8[i]);
    if (b0 < 0x80) {
      out.push_back(static_cast<char>(b0));
      ++i;
      continue;
    }
    if (i + 1 >= utf8.size()) break;
    const std::uint32_t cp = ((b0 & 0x1Fu) << 6) | (static_cast<std::uint8_t>(utf8[i + 1]) & 0x3Fu);
    i += 2;
    if (cp >= 0x410 && cp <= 0x44F) {
      out.push_back(static_cast<char>(0xC0 + (cp - 0x410)));
    } else {
      switch (cp) {
        case 0x401:
          out.push_back('\xA8');
          break;  // Ё
        case 0x451:
          out.push_back('\xB8');
          break;  // ё
        case 0x406:
          out.push_back('\xB2');
          break;  // І
        case 0x456:
          out.push_back('\xB3');
          break;  // і
        case 0x40E:
          out.push_back('\xA1');
          break;  // Ў
        case 0x45E:
          out.push_back('\xA2');
          break;  // ў
        default:
          out.push_back('?');
      }
    }
  }
  return out;
}

using Headers = std::vector<std::pair<std::string, std::string>>;

// An HTTP/1.1 response with these headers and body (Content-Length added unless chunked).
inline std::string Http(int status, const Headers& headers, std::string_view body) {
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Other") + "\r\n";
  bool chunked = false;
  for (const auto& [name, value] : headers) {
    out += name + ": " + value + "\r\n";
    if (name == "Transfer-Encoding") chunked = true;
  }
  if (!chunked) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "\r\n";
  out.append(body);
  return out;
}

// `body` in chunks of `size` bytes, chunked transfer coding.
inline std::string Chunked(std::string_view body, std::size_t size) {
  std::string out;
  char hex[32];
  for (std::size_t pos = 0; pos < body.size(); pos += size) {
    const std::string_view chunk = body.substr(pos, size);
    std::snprintf(hex, sizeof(hex), "%zx\r\n", chunk.size());
    out += hex;
    out.append(chunk);
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

inline common::WarcRecord Record(std::string_view type, std::string_view uri, std::string_view date,
                                 std::string block, std::string_view content_type) {
  common::WarcRecord r;
  r.headers = {{"WARC-Type", std::string(type)},
               {"WARC-Record-ID", common::NewRecordId()},
               {"WARC-Date", std::string(date)},
               {"WARC-Target-URI", std::string(uri)},
               {"Content-Type", std::string(content_type)}};
  r.block = std::move(block);
  return r;
}

inline common::WarcRecord Response(std::string_view uri, std::string_view date, std::string http) {
  return Record("response", uri, date, std::move(http), "application/http; msgtype=response");
}

inline std::string Page(std::string_view title, std::string_view body,
                        std::string_view head_extra = "", std::string_view html_attrs = "") {
  return "<!DOCTYPE html><html" + std::string(html_attrs) + "><head>" + std::string(head_extra) +
         "<title>" + std::string(title) + "</title></head><body><p>" + std::string(body) +
         "</p></body></html>";
}

}  // namespace vestige::indexer::test

#endif  // VESTIGE_TESTS_INDEXER_FIXTURES_H_
