// The only file that calls OpenSSL. The digests use OpenSSL's low-level SHA1_* and SHA256_*
// functions (the same assembly EVP runs), not EVP_Digest. Why: OpenSSL 3 deprecates them, but
// the first EVP digest sets up the whole provider machinery (the default provider, a name map of
// every algorithm, method tables), which cost vestige-crawl 0.2-0.3 MB of peak RSS on a crawl
// that never opens TLS (issue 3: the bench crawl 16.1 -> 15.95 MB, a crawl of one unreachable
// seed 15.2 -> 14.9 MB); a TLS connection sets it up anyway. Their speed is the same (2.3 us for a
// 4.4 KB page here; EVP_Digest adds a 0.2 us method fetch per call). Should a later OpenSSL drop
// them, EVP_Digest(bytes, n, out, &len, EVP_sha256(), nullptr) is the drop-in replacement.
// The functions cannot fail for in-memory input.
#define OPENSSL_SUPPRESS_DEPRECATED  // this file only: SHA1_Init and friends, see above
#include "sha.h"

#include <openssl/sha.h>

namespace vestige::common::sha {

std::string Sha1(std::string_view bytes) {
  SHA_CTX context;
  unsigned char out[SHA_DIGEST_LENGTH];
  SHA1_Init(&context);
  SHA1_Update(&context, bytes.data(), bytes.size());  // size_t: no chunking above 4 GiB
  SHA1_Final(out, &context);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string Sha256(std::string_view bytes) {
  SHA256_CTX context;
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256_Init(&context);
  SHA256_Update(&context, bytes.data(), bytes.size());
  SHA256_Final(out, &context);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

}  // namespace vestige::common::sha
