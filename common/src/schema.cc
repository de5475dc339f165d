// The unique-id term (schema.h): "Q" + canonical URL, or "Q#" + hex SHA-256 for long URLs; and
// the shard a document lives in.
#include "vestige/common/schema.h"

#include <cstdint>
#include <string>
#include <string_view>

#include "sha.h"

namespace vestige::common::schema {

std::string IdTerm(std::string_view canonical_url) {
  std::string term(kPrefixId);
  if (canonical_url.size() <= kMaxIdUrlBytes) {
    term += canonical_url;
    return term;
  }
  static constexpr char kHexDigits[] = "0123456789abcdef";
  const std::string digest = sha::Sha256(canonical_url);
  term += '#';
  for (char c : digest) {
    const auto byte = static_cast<unsigned char>(c);
    term += kHexDigits[byte >> 4];
    term += kHexDigits[byte & 0xf];
  }
  return term;
}

std::string ShardName(unsigned shard) {
  std::string name = "shard-";
  name += static_cast<char>('0' + shard / 10 % 10);
  name += static_cast<char>('0' + shard % 10);
  return name;
}

unsigned ShardOf(std::string_view id_term, unsigned shards) {
  if (shards <= 1) return 0;
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a offset basis
  for (char c : id_term) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;  // FNV prime
  }
  return static_cast<unsigned>(hash % shards);
}

}  // namespace vestige::common::schema
