// HTTP/1.x messages as they sit in WARC request and response blocks.
//
// Parsing is for untrusted bytes: any input gives a value or a Corruption status, never a crash.
// Thread safety: pure functions.
#ifndef VESTIGE_COMMON_HTTP_H_
#define VESTIGE_COMMON_HTTP_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::common {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of the first header with this name.
std::optional<std::string_view> FindHeader(const HttpHeaders& headers, std::string_view name);

struct HttpResponse {
  std::string version;           // "HTTP/1.1"
  int status = 0;                // 200
  std::string reason;            // "OK"
  HttpHeaders headers;           // in order; obsolete line folding joined
  std::size_t header_bytes = 0;  // bytes of status line + headers + blank line
  // The entity body with any Transfer-Encoding (chunked) removed and Content-Encoding kept:
  // the bytes WARC-Payload-Digest is computed over.
  std::string payload;
  bool truncated = false;  // the body ended early (short chunked body or Content-Length)
};

// Parses a full response (status line, headers, body). Tolerates bare LF line ends.
Result<HttpResponse> ParseHttpResponse(std::string_view bytes);

// Removes Content-Encoding (gzip, x-gzip, deflate, identity) from a payload. InvalidArgument for
// an encoding we do not support (e.g. br); Corruption for bytes that do not decode, in which case
// whatever decoded before the error is lost.
Result<std::string> DecodeContentEncoding(std::string_view payload, std::string_view encoding);

// The MIME type of a Content-Type value, lower case, without parameters: "text/html".
std::string MimeType(std::string_view content_type);
// The charset parameter of a Content-Type value, lower case; "" if none.
std::string CharsetParam(std::string_view content_type);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_HTTP_H_
