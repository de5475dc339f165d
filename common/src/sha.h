// SHA-1 and SHA-256 of byte strings: the one seam over OpenSSL's libcrypto (STYLE.md, 8).
//
// Internal to vestige_common. Thread safety: pure functions, safe from any thread.
#ifndef VESTIGE_COMMON_SRC_SHA_H_
#define VESTIGE_COMMON_SRC_SHA_H_

#include <string>
#include <string_view>

namespace vestige::common::sha {

inline constexpr std::size_t kSha1Bytes = 20;
inline constexpr std::size_t kSha256Bytes = 32;

// The raw 20-byte SHA-1 digest of `bytes`.
std::string Sha1(std::string_view bytes);
// The raw 32-byte SHA-256 digest of `bytes`.
std::string Sha256(std::string_view bytes);

}  // namespace vestige::common::sha

#endif  // VESTIGE_COMMON_SRC_SHA_H_
