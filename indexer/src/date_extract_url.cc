// Dates in URL paths: /2024/03/05/, /2024/3/5/, /2024-03-05-slug, /05-03-2024-slug, /20240305-slug,
// /2024-03/05/.
// See date_extract_internal.h.
#include <cctype>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "date_extract_internal.h"

namespace vestige::indexer::dates {
namespace {

using common::Date;

struct Run {
  std::size_t pos = 0;
  std::size_t len = 0;
  int value = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<Date> Checked(int y, int m, int d, const DateBounds& bounds) {
  if (!common::IsValidDate(y, m, d)) return std::nullopt;
  const Date date{y, m, d};
  if (!bounds.Contains(date)) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> DateFromUrl(std::string_view url, const DateBounds& bounds) {
  // Path and query only: host names hold no dates we trust.
  std::size_t start = 0;
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    const std::size_t slash = url.find('/', scheme + 3);
    if (slash == std::string_view::npos) return std::nullopt;
    start = slash;
  }
  std::string_view path = url.substr(start);
  if (const std::size_t hash = path.find('#'); hash != std::string_view::npos) {
    path = path.substr(0, hash);
  }
  if (path.size() > 2048) path = path.substr(0, 2048);

  std::vector<Run> runs;
  for (std::size_t i = 0; i < path.size();) {
    if (!IsDigit(path[i])) {
      ++i;
      continue;
    }
    Run r;
    r.pos = i;
    while (i < path.size() && IsDigit(path[i])) {
      if (r.len < 9) r.value = r.value * 10 + (path[i] - '0');
      ++r.len;
      ++i;
    }
    runs.push_back(r);
  }
  auto sep_between = [&](const Run& a, const Run& b) -> char {
    const std::size_t end = a.pos + a.len;
    if (b.pos != end + 1) return 0;
    const char c = path[end];
    return (c == '/' || c == '-' || c == '_' || c == '.') ? c : 0;
  };
  auto bounded = [&](const Run& r) {
    const bool left = r.pos == 0 || !std::isalnum(static_cast<unsigned char>(path[r.pos - 1]));
    const std::size_t end = r.pos + r.len;
    const bool right = end >= path.size() || !std::isalnum(static_cast<unsigned char>(path[end]));
    return left && right;
  };
  for (std::size_t k = 0; k + 2 < runs.size(); ++k) {
    const Run& a = runs[k];
    const Run& b = runs[k + 1];
    const Run& c = runs[k + 2];
    const char s1 = sep_between(a, b);
    const char s2 = sep_between(b, c);
    if (s1 == 0 || s2 == 0 || b.len > 2) continue;
    if (s1 != s2) {
      // Folders by month, then day: /2012-06/04/, /2020/02-19/ (Chinese news sites).
      const std::size_t end = c.pos + c.len;
      const bool mixed = (s1 == '-' && s2 == '/') || (s1 == '/' && s2 == '-');
      if (mixed && a.len == 4 && b.len == 2 && c.len == 2 && end < path.size() &&
          path[end] == '/') {
        if (auto d = Checked(a.value, b.value, c.value, bounds)) return d;
      }
      continue;
    }
    // The next run must not continue the pattern (2024/03/05/17 is still a date; 1.2.3.4 is not).
    // "/2023/10/3-questions/" is a month folder and a slug that starts with a number.
    const std::size_t after = c.pos + c.len;
    if (s1 == '/' && after < path.size() && path[after] != '/' && path[after] != '.' &&
        path[after] != '?' && path[after] != '&') {
      continue;
    }
    if (a.len == 4 && c.len <= 2) {
      if (auto d = Checked(a.value, b.value, c.value, bounds)) return d;
    } else if (a.len <= 2 && c.len == 4 && s1 != '/' && s1 != '.') {
      if (auto d = Checked(c.value, b.value, a.value, bounds)) return d;
    }
  }
  for (const Run& r : runs) {
    if (r.len != 8 || !bounded(r)) continue;
    if (auto d = Checked(r.value / 10000, r.value / 100 % 100, r.value % 100, bounds)) return d;
  }
  return std::nullopt;
}

}  // namespace vestige::indexer::dates
