// The unique-id term (schema.h): "Q" + canonical URL, or "Q#" + hex SHA-256 for long URLs.
#include "vestige/common/schema.h"

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

}  // namespace vestige::common::schema
