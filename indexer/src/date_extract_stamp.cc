// Timestamps with a time of day and a UTC offset, and the publisher's calendar day of a UTC
// timestamp. See date_extract_internal.h.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "date_extract_internal.h"

namespace vestige::indexer::dates {
namespace {

using common::Date;

constexpr std::size_t kMaxScanBytes = 1 << 20;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The value of the `n` digits at `from`, or -1.
int Digits(std::string_view s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return -1;
  int v = 0;
  for (std::size_t k = from; k < from + n; ++k) {
    if (!IsDigit(s[k])) return -1;
    v = v * 10 + (s[k] - '0');
  }
  return v;
}

}  // namespace

std::optional<Stamp> ParseStamp(std::string_view value) {
  while (!value.empty() && static_cast<unsigned char>(value.front()) <= ' ') value.remove_prefix(1);
  // YYYY-MM-DD[T ]HH:MM
  const int y = Digits(value, 0, 4);
  const int mo = Digits(value, 5, 2);
  const int d = Digits(value, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || value[4] != '-' || value[7] != '-') return std::nullopt;
  if (value.size() < 16 || (value[10] != 'T' && value[10] != ' ') || value[13] != ':') {
    return std::nullopt;
  }
  const int h = Digits(value, 11, 2);
  const int mi = Digits(value, 14, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || !common::IsValidDate(y, mo, d)) return std::nullopt;
  std::size_t i = 16;
  if (i < value.size() && value[i] == ':') {  // seconds, fraction
    i += 3;
    if (i < value.size() && value[i] == '.') {
      ++i;
      while (i < value.size() && IsDigit(value[i])) ++i;
    }
  }
  if (i >= value.size()) return std::nullopt;
  Stamp s;
  s.date = Date{y, mo, d};
  s.minutes = h * 60 + mi;
  if (value[i] == 'Z') return s;
  if (value[i] != '+' && value[i] != '-') return std::nullopt;
  const int sign = value[i] == '-' ? -1 : 1;
  const int oh = Digits(value, i + 1, 2);
  const std::size_t m_at = (i + 3 < value.size() && value[i + 3] == ':') ? i + 4 : i + 3;
  const int om = Digits(value, m_at, 2);
  if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
  s.offset = sign * (oh * 60 + om);
  return s;
}

std::optional<int> PageOffset(std::string_view raw_html) {
  if (raw_html.size() > kMaxScanBytes) raw_html = raw_html.substr(0, kMaxScanBytes);
  // Every "dd:dd" preceded by "dddd-dd-ddT" is the time of a timestamp.
  for (std::size_t p = raw_html.find('T', 10); p != std::string_view::npos;
       p = raw_html.find('T', p + 1)) {
    if (p < 10 || !IsDigit(raw_html[p - 1]) || raw_html[p - 3] != '-') continue;
    if (std::optional<Stamp> s = ParseStamp(raw_html.substr(p - 10, 40))) {
      if (s->offset != 0) return s->offset;
    }
  }
  return std::nullopt;
}

std::optional<Date> LocalDay(std::string_view value, std::optional<int> local_offset,
                             const DateBounds& bounds) {
  if (local_offset && *local_offset != 0) {
    if (std::optional<Stamp> s = ParseStamp(value); s && s->offset == 0) {
      std::int64_t day = common::DaysFromCivil(s->date);
      const int local = s->minutes + *local_offset;
      if (local < 0) --day;
      if (local >= 24 * 60) ++day;
      const Date d = common::CivilFromDays(day);
      if (!bounds.Contains(d)) return std::nullopt;
      return d;
    }
  }
  return ParseDateValue(value, bounds);
}

}  // namespace vestige::indexer::dates
