// Internal: parsing HTTP/1.1 request heads and the small text helpers the test server needs.
// All functions are pure and take untrusted bytes: any input gives a value or an error string.
#ifndef VESTIGE_TESTSERVER_HTTP_MESSAGE_H_
#define VESTIGE_TESTSERVER_HTTP_MESSAGE_H_

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/testserver/server.h"

namespace vestige::testserver {

// Parses a request head (request line + header lines, ending with the blank line, which `head`
// may include). Fills method, target, path, query, version, headers, host. Returns "" on success
// or a one-line reason for a 400. Accepts bare LF line ends. An absolute-form target
// ("http://h/p") is reduced to its path; the Host header still names the virtual host.
std::string ParseRequestHead(std::string_view head, Request* request);

// "site.test:8080" -> "site.test"; "[::1]:80" -> "[::1]"; lower-cased.
std::string HostWithoutPort(std::string_view host_header);

// ASCII lower case.
std::string ToLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string_view TrimWhitespace(std::string_view s);

// Decodes %XX escapes. nullopt for a bad escape or a decoded NUL byte.
std::optional<std::string> PercentDecode(std::string_view s);

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") from seconds since the epoch, and back (also
// accepts the RFC 850 and asctime forms). nullopt when the text is not a date.
std::string FormatHttpDate(std::time_t t);
std::optional<std::time_t> ParseHttpDate(std::string_view text);

// The standard reason phrase, "Unknown" for codes we do not list.
const char* ReasonPhrase(int status);

// 64-bit FNV-1a of `bytes`, as 16 lower-case hex digits (for ETags; not cryptographic).
std::string HashHex(std::string_view bytes);

}  // namespace vestige::testserver

#endif  // VESTIGE_TESTSERVER_HTTP_MESSAGE_H_
