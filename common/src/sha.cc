// The only file that calls OpenSSL. EVP one-shot digests; they cannot fail for in-memory input
// short of memory exhaustion, which we treat as fatal like any other allocation failure.
#include "sha.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace vestige::common::sha {
namespace {

std::string Digest(const EVP_MD* md, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // EVP_Digest takes a size_t length, so inputs above 4 GiB need no chunking.
  if (EVP_Digest(bytes.data(), bytes.size(), out, &len, md, nullptr) != 1) std::abort();
  return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string Sha1(std::string_view bytes) { return Digest(EVP_sha1(), bytes); }
std::string Sha256(std::string_view bytes) { return Digest(EVP_sha256(), bytes); }

}  // namespace vestige::common::sha
