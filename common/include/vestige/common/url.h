// URLs per RFC 3986: parsing, reference resolution and the normalization both the crawler (to
// dedup) and the indexer (for the unique-id term) use, so that one page has one canonical URL.
// Thread safety: pure functions.
#ifndef VESTIGE_COMMON_URL_H_
#define VESTIGE_COMMON_URL_H_

#include <string>
#include <string_view>

#include "vestige/common/status.h"

namespace vestige::common {

struct Url {
  std::string scheme;    // lower case, e.g. "http"
  std::string userinfo;  // as given, without the '@'
  std::string host;      // lower case; IPv6 literals keep their brackets
  std::string port;      // digits; "" when absent or the scheme's default after Normalize
  std::string path;      // "/" at least for http(s) after Normalize
  std::string query;     // without '?'
  bool has_query = false;
  std::string fragment;  // without '#'
  bool has_fragment = false;

  // Recomposes per RFC 3986 section 5.3.
  std::string ToString() const;
  // host[:port]
  std::string Authority() const;
};

// Parses an absolute URL (scheme required). Leading and trailing ASCII white space is trimmed.
// InvalidArgument for anything else, with the reason.
Result<Url> ParseUrl(std::string_view text);

// Resolves a reference (absolute, network-path, absolute-path, relative, query-only or
// fragment-only) against a base, RFC 3986 section 5.2, including dot-segment removal.
Result<Url> ResolveUrl(const Url& base, std::string_view reference);

// RFC 3986 section 6 normalization: lower-case scheme and host, default port dropped, dot
// segments removed, empty path -> "/", percent-encoding upper-cased with unreserved characters
// decoded and bytes that must be encoded encoded, fragment dropped.
Url NormalizeUrl(Url url);

// Parses and normalizes in one go: the canonical form of an absolute URL.
Result<std::string> CanonicalUrl(std::string_view text);

// The SURT sort key of a URL as pywb computes it for CDXJ: lower case, scheme and a leading
// "www." dropped, host labels reversed and joined by ',', port kept unless 80 or 443, ')' before
// the path, fragment dropped, query parameters sorted.
// "http://www.Example.org:8080/a?b=2&a=1" -> "org,example:8080)/a?a=1&b=2". The crawler writes
// its CDXJ index with it and the query side looks captures up with it: one function, one key.
std::string SurtKey(std::string_view url);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_URL_H_
