// Fuzz target for HTTP response parsing and Content-Encoding removal: any bytes give a value or
// an error status, never a crash, a hang or an out-of-bounds read.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vestige/common/http.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vestige::common;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<HttpResponse> response = ParseHttpResponse(bytes);
  if (response.ok()) {
    if (response->header_bytes > bytes.size()) std::abort();
    const std::string_view content_type =
        FindHeader(response->headers, "Content-Type").value_or("");
    (void)MimeType(content_type);
    (void)CharsetParam(content_type);
    if (auto ce = FindHeader(response->headers, "Content-Encoding")) {
      (void)DecodeContentEncoding(response->payload, *ce).ok();
    }
  }
  // The raw bytes as a compressed body, whatever they are.
  if (!bytes.empty()) {
    const std::string_view encodings[] = {"gzip", "deflate"};
    (void)DecodeContentEncoding(bytes.substr(1), encodings[bytes[0] & 1]).ok();
  }
  (void)MimeType(bytes);
  (void)CharsetParam(bytes);
  return 0;
}
