// RFC 3986 parsing, resolution (section 5.2) and normalization (sections 6.2.2 and 6.2.3).
//
// Choices beyond the RFC, each for the crawler's sake:
// - Like browsers (WHATWG URL), tab, CR and LF inside a URL are removed, and surrounding ASCII
//   white space is trimmed. Other control characters and inner spaces make ParseUrl fail.
// - ResolveUrl accepts spaces in a reference (hrefs such as "/my file.pdf" are common) and
//   percent-encodes them, as browsers do; the result always re-parses with ParseUrl.
// - ResolveUrl uses the RFC's backward-compatible rule (5.2.2): a reference whose scheme equals
//   the base's is resolved as if it had none, so "http:g" against an http base gives
//   "http://a/b/c/g" rather than the hostless "http:g".
// - Normalization keeps an empty query ("http://a/b?" differs from "http://a/b", RFC 3986 6.2.3)
//   and never reorders query parameters. Hosts are lower-cased in ASCII only: an IDN host stays
//   as written in UTF-8 (no punycode; a host that is not UTF-8 is percent-encoded), IPv6
//   literals are not compressed (RFC 5952), and a trailing dot is dropped. Backslashes are not
//   read as '/' (browsers do so for http): "\" is percent-encoded.
#include "vestige/common/url.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace vestige::common {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsUnreserved(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}
bool IsSubDelim(char c) {
  return c != '\0' && std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}
bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, min = 0x80, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, min = 0x800, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, min = 0x10000, cp = c & 0x07u;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// The characters a component may hold unencoded (besides unreserved and '%'). kIdnHost is a host
// whose non-ASCII bytes are well-formed UTF-8: they stay as they are (an IDN, not punycoded).
enum class Component { kUserinfo, kHost, kIdnHost, kPath, kQuery };
bool AllowedIn(Component component, char c) {
  if (IsUnreserved(c) || IsSubDelim(c)) return true;
  switch (component) {
    case Component::kUserinfo:
      return c == ':';
    case Component::kHost:
    case Component::kIdnHost:
      return false;
    case Component::kPath:
      return c == ':' || c == '@' || c == '/';
    case Component::kQuery:
      return c == ':' || c == '@' || c == '/' || c == '?';
  }
  return false;
}

void AppendPercent(std::string& out, unsigned char byte) {
  static constexpr char kHexDigits[] = "0123456789ABCDEF";
  out += '%';
  out += kHexDigits[byte >> 4];
  out += kHexDigits[byte & 0xf];
}

// Percent-encoding normalization of one component: "%xx" becomes upper case, or the character
// itself when it is unreserved; a '%' not followed by two hex digits becomes "%25"; any other byte
// the component may not hold is encoded. Non-ASCII bytes stay as they are in IDN hosts.
std::string NormalizePercent(std::string_view in, Component component) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 < in.size() && IsHex(in[i + 1]) && IsHex(in[i + 2])) {
        const char decoded = static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
        if (IsUnreserved(decoded)) {
          out += decoded;
        } else {
          AppendPercent(out, static_cast<unsigned char>(decoded));
        }
        i += 2;
      } else {
        out += "%25";
      }
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (AllowedIn(component, c) || (component == Component::kIdnHost && byte >= 0x80)) {
      out += c;
    } else {
      AppendPercent(out, byte);
    }
  }
  return out;
}

// Trims surrounding ASCII white space and drops tab, CR and LF everywhere (as browsers do).
std::string Clean(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && IsAsciiSpace(text[begin])) ++begin;
  while (end > begin && IsAsciiSpace(text[end - 1])) --end;
  std::string out;
  out.reserve(end - begin);
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] == '\t' || text[i] == '\n' || text[i] == '\r') continue;
    out += text[i];
  }
  return out;
}

bool IsSpecialAuthorityScheme(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ws" ||
         scheme == "wss" || scheme == "file";
}

bool HasAuthorityParts(const Url& url) {
  return !url.host.empty() || !url.userinfo.empty() || !url.port.empty();
}

// The struct has no "authority present" flag: a URL has one when any part of it is set, when its
// path starts with "//" (which would otherwise read as an authority), or when its scheme always
// has one and the path allows it ("file:///x" has an empty host; "ws:x" stays as it is).
bool HasAuthority(const Url& url) {
  return HasAuthorityParts(url) || StartsWith(url.path, "//") ||
         (IsSpecialAuthorityScheme(url.scheme) && (url.path.empty() || url.path[0] == '/'));
}

// IPv6address per RFC 3986 3.2.2 (without brackets).
bool IsIpv6(std::string_view s) {
  int groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  if (StartsWith(s, "::")) {
    compressed = true;
    i = 2;
    if (s.size() == 2) return true;
  } else if (!s.empty() && s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && IsHex(s[j]) && j - i < 5) ++j;
    if (j < s.size() && s[j] == '.') {
      // A trailing IPv4address takes two groups.
      std::string_view v4 = s.substr(i);
      int parts = 0;
      std::size_t k = 0;
      while (k <= v4.size()) {
        std::size_t e = k;
        while (e < v4.size() && IsDigit(v4[e])) ++e;
        const std::size_t len = e - k;
        if (len == 0 || len > 3 || (len > 1 && v4[k] == '0')) return false;
        int octet = 0;
        for (std::size_t d = k; d < e; ++d) octet = octet * 10 + (v4[d] - '0');
        if (octet > 255) return false;
        ++parts;
        if (e == v4.size()) break;
        if (v4[e] != '.') return false;
        k = e + 1;
      }
      if (parts != 4) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (j == i || j - i > 4) return false;
    ++groups;
    if (j == s.size()) {
      i = j;
      break;
    }
    if (s[j] != ':') return false;
    if (j + 1 < s.size() && s[j + 1] == ':') {
      if (compressed) return false;
      compressed = true;
      i = j + 2;
      if (i == s.size()) break;
    } else {
      i = j + 1;
      if (i == s.size()) return false;  // a trailing single ':'
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

// IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
bool IsIpvFuture(std::string_view s) {
  if (s.size() < 4 || (s[0] != 'v' && s[0] != 'V')) return false;
  std::size_t i = 1;
  while (i < s.size() && IsHex(s[i])) ++i;
  if (i == 1 || i >= s.size() || s[i] != '.' || i + 1 == s.size()) return false;
  for (++i; i < s.size(); ++i) {
    if (!IsUnreserved(s[i]) && !IsSubDelim(s[i]) && s[i] != ':') return false;
  }
  return true;
}

// Splits and checks an authority into `url`'s userinfo, host (lower-cased) and port.
Status ParseAuthority(std::string_view authority, Url& url) {
  std::string_view rest = authority;
  const std::size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    url.userinfo = std::string(rest.substr(0, at));
    rest.remove_prefix(at + 1);
  }
  std::string_view host;
  std::string_view port;
  bool has_port = false;
  if (!rest.empty() && rest[0] == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("unclosed '[' in host");
    const std::string_view literal = rest.substr(1, close - 1);
    if (!IsIpv6(literal) && !IsIpvFuture(literal)) {
      return Status::InvalidArgument("bad IPv6 literal '" + std::string(literal) + "'");
    }
    host = rest.substr(0, close + 1);
    rest.remove_prefix(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return Status::InvalidArgument("junk after IPv6 literal");
      has_port = true;
      port = rest.substr(1);
    }
  } else {
    const std::size_t colon = rest.find(':');
    host = rest.substr(0, colon);
    if (colon != std::string_view::npos) {
      has_port = true;
      port = rest.substr(colon + 1);
    }
    for (std::size_t i = 0; i < host.size(); ++i) {
      const char c = host[i];
      if (c == '%') {
        if (i + 2 >= host.size() || !IsHex(host[i + 1]) || !IsHex(host[i + 2])) {
          return Status::InvalidArgument("bad percent-encoding in host");
        }
        continue;
      }
      if (!IsUnreserved(c) && !IsSubDelim(c) && static_cast<unsigned char>(c) < 0x80) {
        return Status::InvalidArgument(std::string("character '") + c + "' not allowed in host");
      }
    }
  }
  if (has_port) {
    unsigned value = 0;
    for (char c : port) {
      if (!IsDigit(c)) {
        return Status::InvalidArgument("port '" + std::string(port) + "' is not a number");
      }
      value = value * 10 + static_cast<unsigned>(c - '0');
      if (value > 65535) {
        return Status::InvalidArgument("port '" + std::string(port) + "' is above 65535");
      }
    }
    url.port = std::string(port);
  }
  url.host.clear();
  url.host.reserve(host.size());
  for (char c : host) url.host += ToLower(c);
  return Status::OK();
}

// A URI reference split into its five components (RFC 3986 appendix B), each with a flag.
struct Reference {
  bool has_scheme = false;
  std::string scheme;
  bool has_authority = false;
  Url authority;  // only userinfo, host and port are used
  std::string path;
  bool has_query = false;
  std::string query;
  bool has_fragment = false;
  std::string fragment;
};

// Parses a cleaned reference. With `allow_spaces`, spaces are accepted outside the scheme and
// authority and encoded as "%20".
Result<Reference> SplitReference(std::string_view text, bool allow_spaces) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (IsControl(byte)) return Status::InvalidArgument("control character in URL");
  }
  Reference ref;
  std::string_view rest = text;
  // scheme ":" — only when a ':' comes before any '/', '?' or '#'.
  const std::size_t delim = rest.find_first_of(":/?#");
  if (delim != std::string_view::npos && rest[delim] == ':') {
    const std::string_view scheme = rest.substr(0, delim);
    if (scheme.empty()) return Status::InvalidArgument("empty scheme");
    if (!IsAlpha(scheme[0])) {
      return Status::InvalidArgument("scheme must start with a letter");
    }
    for (char c : scheme) {
      if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') {
        return Status::InvalidArgument("bad character in scheme '" + std::string(scheme) + "'");
      }
    }
    ref.has_scheme = true;
    for (char c : scheme) ref.scheme += ToLower(c);
    rest.remove_prefix(delim + 1);
  }
  if (StartsWith(rest, "//")) {
    rest.remove_prefix(2);
    const std::size_t end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, end);
    if (authority.find(' ') != std::string_view::npos) {
      return Status::InvalidArgument("space in host");
    }
    ref.has_authority = true;
    VESTIGE_RETURN_IF_ERROR(ParseAuthority(authority, ref.authority));
    rest.remove_prefix(authority.size());
  }
  if (!allow_spaces && rest.find(' ') != std::string_view::npos) {
    return Status::InvalidArgument("space in URL");
  }
  auto take = [&](std::string_view part) {
    std::string out;
    out.reserve(part.size());
    for (char c : part) {
      if (c == ' ') {
        out += "%20";
      } else {
        out += c;
      }
    }
    return out;
  };
  const std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    ref.has_fragment = true;
    ref.fragment = take(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  const std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    ref.has_query = true;
    ref.query = take(rest.substr(question + 1));
    rest = rest.substr(0, question);
  }
  ref.path = take(rest);
  return ref;
}

// RFC 3986 5.2.4. Linear: the output is a stack of segments kept in one string.
std::string RemoveDotSegments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  auto pop_segment = [&out]() {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (StartsWith(in, "../")) {
      in.remove_prefix(3);
    } else if (StartsWith(in, "./")) {
      in.remove_prefix(2);
    } else if (StartsWith(in, "/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (StartsWith(in, "/../")) {
      in.remove_prefix(3);
      pop_segment();
    } else if (in == "/..") {
      in = "/";
      pop_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', in[0] == '/' ? 1 : 0);
      const std::size_t len = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, len));
      in.remove_prefix(len);
    }
  }
  return out;
}

// RFC 3986 5.2.3.
std::string Merge(const Url& base, std::string_view ref_path) {
  if (HasAuthority(base) && base.path.empty()) return "/" + std::string(ref_path);
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return std::string(ref_path);
  return base.path.substr(0, slash + 1) + std::string(ref_path);
}

std::string_view DefaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return {};
}

}  // namespace

std::string Url::Authority() const {
  if (port.empty()) return host;
  return host + ":" + port;
}

std::string Url::ToString() const {
  std::string out;
  if (!scheme.empty()) {
    out += scheme;
    out += ':';
  }
  if (HasAuthority(*this)) {
    out += "//";
    if (!userinfo.empty()) {
      out += userinfo;
      out += '@';
    }
    out += Authority();
    if (!path.empty() && path[0] != '/') out += '/';  // only hand-built URLs lack it
  }
  out += path;
  if (has_query) {
    out += '?';
    out += query;
  }
  if (has_fragment) {
    out += '#';
    out += fragment;
  }
  return out;
}

Result<Url> ParseUrl(std::string_view text) {
  const std::string cleaned = Clean(text);
  Result<Reference> split = SplitReference(cleaned, /*allow_spaces=*/false);
  if (!split.ok()) return split.status();
  Reference& ref = *split;
  if (!ref.has_scheme) return Status::InvalidArgument("no scheme in '" + cleaned + "'");
  if ((ref.scheme == "http" || ref.scheme == "https") &&
      (!ref.has_authority || ref.authority.host.empty())) {
    return Status::InvalidArgument("empty host in '" + cleaned + "'");
  }
  Url url;
  url.scheme = std::move(ref.scheme);
  if (ref.has_authority) {
    url.userinfo = std::move(ref.authority.userinfo);
    url.host = std::move(ref.authority.host);
    url.port = std::move(ref.authority.port);
  }
  url.path = std::move(ref.path);
  url.has_query = ref.has_query;
  url.query = std::move(ref.query);
  url.has_fragment = ref.has_fragment;
  url.fragment = std::move(ref.fragment);
  return url;
}

Result<Url> ResolveUrl(const Url& base, std::string_view reference) {
  const std::string cleaned = Clean(reference);
  Result<Reference> split = SplitReference(cleaned, /*allow_spaces=*/true);
  if (!split.ok()) return split.status();
  Reference& r = *split;
  if (r.has_scheme && r.scheme == base.scheme) r.has_scheme = false;  // 5.2.2, non-strict

  Url t;
  auto take_authority = [&t](Url& from) {
    t.userinfo = std::move(from.userinfo);
    t.host = std::move(from.host);
    t.port = std::move(from.port);
  };
  if (r.has_scheme) {
    t.scheme = r.scheme;
    if (r.has_authority) take_authority(r.authority);
    t.path = RemoveDotSegments(r.path);
    t.has_query = r.has_query;
    t.query = r.query;
  } else {
    if (r.has_authority) {
      take_authority(r.authority);
      t.path = RemoveDotSegments(r.path);
      t.has_query = r.has_query;
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = base.path;
        if (r.has_query) {
          t.has_query = true;
          t.query = r.query;
        } else {
          t.has_query = base.has_query;
          t.query = base.query;
        }
      } else {
        if (r.path[0] == '/') {
          t.path = RemoveDotSegments(r.path);
        } else {
          t.path = RemoveDotSegments(Merge(base, r.path));
        }
        t.has_query = r.has_query;
        t.query = r.query;
      }
      t.userinfo = base.userinfo;
      t.host = base.host;
      t.port = base.port;
    }
    t.scheme = base.scheme;
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  if ((t.scheme == "http" || t.scheme == "https") && t.host.empty()) {
    return Status::InvalidArgument("resolved URL has no host: '" + cleaned + "'");
  }
  return t;
}

Url NormalizeUrl(Url url) {
  for (char& c : url.scheme) c = ToLower(c);
  url.userinfo = NormalizePercent(url.userinfo, Component::kUserinfo);
  if (StartsWith(url.host, "[")) {
    for (char& c : url.host) c = ToLower(c);
  } else {
    url.host =
        NormalizePercent(url.host, IsValidUtf8(url.host) ? Component::kIdnHost : Component::kHost);
    // Lower case, except the hex digits of "%XX", which stay upper case.
    for (std::size_t i = 0; i < url.host.size(); ++i) {
      if (url.host[i] == '%') {
        i += 2;
      } else {
        url.host[i] = ToLower(url.host[i]);
      }
    }
    // "example.com." names the same host as "example.com" (a lone "." stays).
    while (url.host.size() > 1 && url.host.back() == '.') url.host.pop_back();
  }
  // Port: no leading zeros, and none at all when it is the scheme's default.
  std::size_t zeros = 0;
  while (zeros + 1 < url.port.size() && url.port[zeros] == '0') ++zeros;
  url.port.erase(0, zeros);
  if (url.port == DefaultPort(url.scheme)) url.port.clear();

  url.path = NormalizePercent(url.path, Component::kPath);
  if (HasAuthorityParts(url) && !url.path.empty() && url.path[0] != '/') url.path.insert(0, "/");
  if (StartsWith(url.path, "/")) url.path = RemoveDotSegments(url.path);
  if (url.path.empty() && (url.scheme == "http" || url.scheme == "https")) url.path = "/";
  if (url.has_query) {
    url.query = NormalizePercent(url.query, Component::kQuery);
  } else {
    url.query.clear();
  }
  url.has_fragment = false;
  url.fragment.clear();
  return url;
}

Result<std::string> CanonicalUrl(std::string_view text) {
  Result<Url> url = ParseUrl(text);
  if (!url.ok()) return url.status();
  return NormalizeUrl(std::move(*url)).ToString();
}

}  // namespace vestige::common
