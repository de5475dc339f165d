// The hex SHA-256 the schema wants in kSlotTextDigest, from common's Sha256Digest (the indexer does
// not call OpenSSL itself). Thread safety: pure function.
#ifndef VESTIGE_INDEXER_TEXT_DIGEST_H_
#define VESTIGE_INDEXER_TEXT_DIGEST_H_

#include <string>
#include <string_view>

namespace vestige::indexer {

// 64 lower-case hex digits of the SHA-256 of `bytes`.
std::string HexSha256(std::string_view bytes);

// The bytes a "sha256:" + base32 (RFC 4648) digest stands for, as lower-case hex; "" when
// `labelled` is not such a digest.
std::string Base32DigestToHex(std::string_view labelled);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_TEXT_DIGEST_H_
