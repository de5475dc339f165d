// Hex SHA-256 via common's base32 digest. See text_digest.h.
#include "text_digest.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "vestige/common/warc.h"

namespace vestige::indexer {

std::string Base32DigestToHex(std::string_view labelled) {
  constexpr std::string_view kLabel = "sha256:";
  if (labelled.substr(0, kLabel.size()) != kLabel) return "";
  std::string_view b32 = labelled.substr(kLabel.size());
  while (!b32.empty() && b32.back() == '=') b32.remove_suffix(1);
  std::string bytes;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : b32) {
    std::uint32_t v = 0;
    if (c >= 'A' && c <= 'Z') {
      v = static_cast<std::uint32_t>(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      v = static_cast<std::uint32_t>(c - 'a');
    } else if (c >= '2' && c <= '7') {
      v = static_cast<std::uint32_t>(c - '2' + 26);
    } else {
      return "";
    }
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (bytes.size() != 32) return "";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (char b : bytes) {
    const auto u = static_cast<std::uint8_t>(b);
    hex.push_back(kHex[u >> 4]);
    hex.push_back(kHex[u & 0xF]);
  }
  return hex;
}

std::string HexSha256(std::string_view bytes) {
  return Base32DigestToHex(common::Sha256Digest(bytes));
}

}  // namespace vestige::indexer
