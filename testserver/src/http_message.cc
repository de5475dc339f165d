#include "http_message.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace vestige::testserver {

namespace {

bool IsTokenChar(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || kSpecials.find(c) != kSpecials.npos;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits `text` into lines on LF, dropping a CR before it.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view TrimWhitespace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string HostWithoutPort(std::string_view host_header) {
  std::string_view h = TrimWhitespace(host_header);
  if (!h.empty() && h.front() == '[') {
    std::size_t close = h.find(']');
    if (close != std::string_view::npos) return ToLower(h.substr(0, close + 1));
    return ToLower(h);
  }
  std::size_t colon = h.rfind(':');
  if (colon != std::string_view::npos) h = h.substr(0, colon);
  return ToLower(h);
}

std::optional<std::string> PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (s.size() - i < 3) return std::nullopt;
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return std::nullopt;
    out.push_back(c);
  }
  return out;
}

std::string ParseRequestHead(std::string_view head, Request* request) {
  std::vector<std::string_view> lines = SplitLines(head);
  // RFC 9112 2.2: ignore at least one empty line before the request line.
  std::size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  if (first >= lines.size()) return "empty request";
  std::string_view line = lines[first];
  std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) return "bad request line";
  std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return "bad request line";
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  for (char c : method) {
    if (!IsTokenChar(c)) return "bad method";
  }
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "bad request target";
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return "unsupported HTTP version";
  request->method = std::string(method);
  request->target = std::string(target);
  request->version = std::string(version);

  std::string_view path_and_query = target;
  if (target.size() > 7 && EqualsIgnoreCase(target.substr(0, 7), "http://")) {
    std::size_t slash = target.find('/', 7);
    path_and_query = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  } else if (target != "*" && (target.empty() || target.front() != '/')) {
    return "bad request target";
  }
  std::size_t q = path_and_query.find('?');
  request->path = std::string(path_and_query.substr(0, q));
  request->query = q == std::string_view::npos ? "" : std::string(path_and_query.substr(q + 1));

  request->headers.clear();
  for (std::size_t i = first + 1; i < lines.size(); ++i) {
    std::string_view h = lines[i];
    if (h.empty()) break;
    if (h.front() == ' ' || h.front() == '\t') return "obsolete header folding";
    std::size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return "bad header line";
    std::string_view name = h.substr(0, colon);
    for (char c : name) {
      if (!IsTokenChar(c)) return "bad header name";
    }
    request->headers.emplace_back(std::string(name),
                                  std::string(TrimWhitespace(h.substr(colon + 1))));
  }
  std::optional<std::string_view> host = FindHeader(request->headers, "Host");
  if (!host && request->version == "HTTP/1.1") return "missing Host header";
  request->host = host ? HostWithoutPort(*host) : "";
  return "";
}

std::string FormatHttpDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[static_cast<std::size_t>(tm.tm_wday % 7)], tm.tm_mday,
                kMonths[static_cast<std::size_t>(tm.tm_mon % 12)], tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<std::time_t> ParseHttpDate(std::string_view text) {
  // Tokens of letters or digits; the three forms differ only in order and separators.
  std::vector<std::string_view> tokens;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalnum(c) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool digits = std::isdigit(c) != 0;
    while (j < text.size() && (digits ? std::isdigit(static_cast<unsigned char>(text[j])) != 0
                                      : std::isalpha(static_cast<unsigned char>(text[j])) != 0))
      ++j;
    tokens.push_back(text.substr(i, j - i));
    i = j;
  }
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  int month = -1;
  bool month_first = false;  // asctime: month comes before the day
  std::vector<long> numbers;
  for (std::string_view tok : tokens) {
    if (std::isdigit(static_cast<unsigned char>(tok.front())) != 0) {
      if (tok.size() > 4) return std::nullopt;
      numbers.push_back(std::stol(std::string(tok)));
    } else if (month < 0 && tok.size() == 3) {
      std::string lower = ToLower(tok);
      for (std::size_t m = 0; m < kMonths.size(); ++m) {
        if (lower == kMonths[m]) {
          month = static_cast<int>(m);
          month_first = numbers.empty();
        }
      }
    }
  }
  if (month < 0 || numbers.size() != 5) return std::nullopt;
  long day, year, hour, minute, second;
  if (month_first) {
    day = numbers[0], hour = numbers[1], minute = numbers[2], second = numbers[3];
    year = numbers[4];
  } else {
    day = numbers[0], year = numbers[1], hour = numbers[2], minute = numbers[3];
    second = numbers[4];
  }
  if (year < 100) year += year < 70 ? 2000 : 1900;
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = static_cast<int>(year - 1900);
  tm.tm_mon = month;
  tm.tm_mday = static_cast<int>(day);
  tm.tm_hour = static_cast<int>(hour);
  tm.tm_min = static_cast<int>(minute);
  tm.tm_sec = static_cast<int>(second);
  return timegm(&tm);
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 410:
      return "Gone";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

std::string HashHex(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace vestige::testserver
