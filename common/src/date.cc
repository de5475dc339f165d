// Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days, public domain
// algorithms: https://howardhinnant.github.io/date_algorithms.html) and the timestamp formats.
//
// Choices beyond the header:
// - ParseIsoTimestamp trims surrounding ASCII white space, accepts 't'/'z' in lower case, and
//   also takes offsets written "+hhmm" and "+hh" (seen on Belarusian news sites, see
//   shared/domain/dates.md). A timestamp without an offset is taken as UTC. A leap second
//   (":60") is clamped to ":59". Fractions of a second are dropped.
// - ParseHttpDate accepts "UTC" as well as "GMT", ignores the day name's case and does not check
//   that the day name matches the date (servers get it wrong). RFC 850 two-digit years are read as
//   1970..2069 (a fixed pivot: these functions read no clock).
#include "vestige/common/date.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace vestige::common {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
// Days are clamped to about +-980 million years so that every result fits an int year.
constexpr std::int64_t kMaxDays = 360'000'000'000;

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Reads exactly `n` digits at s[pos...]; false when they are not all there.
bool ReadDigits(std::string_view s, std::size_t pos, std::size_t n, int& value) {
  if (pos > s.size() || s.size() - pos < n) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDaysIn = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) return 29;
  return kDaysIn[static_cast<std::size_t>(month - 1)];
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct Civil {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int weekday = 0;  // 0 = Sunday
};

Civil Split(UnixSeconds t) {
  Civil c;
  const std::int64_t days = FloorDiv(t, kSecondsPerDay);
  std::int64_t rem = t % kSecondsPerDay;  // not t - days * 86400, which overflows near INT64_MIN
  if (rem < 0) rem += kSecondsPerDay;
  c.date = CivilFromDays(days);
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem / 60 % 60);
  c.second = static_cast<int>(rem % 60);
  // 1970-01-01 was a Thursday.
  c.weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);
  return c;
}

UnixSeconds ToSeconds(const Date& d, int hour, int minute, int second) {
  return DaysFromCivil(d) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

Status Invalid(std::string_view what, std::string_view text) {
  return Status::InvalidArgument(std::string(what) + " in '" + std::string(text) + "'");
}

// hh:mm[:ss[.frac]] at s[pos...]; advances pos. Leap second 60 becomes 59.
Status ParseTime(std::string_view s, std::size_t& pos, int& hour, int& minute, int& second) {
  if (!ReadDigits(s, pos, 2, hour) || pos + 2 >= s.size() || s[pos + 2] != ':' ||
      !ReadDigits(s, pos + 3, 2, minute)) {
    return Invalid("bad time (want hh:mm)", s);
  }
  pos += 5;
  second = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!ReadDigits(s, pos + 1, 2, second)) return Invalid("bad seconds", s);
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      std::size_t end = pos + 1;
      while (end < s.size() && IsDigit(s[end])) ++end;
      if (end == pos + 1) return Invalid("empty fraction of a second", s);
      pos = end;
    }
  }
  if (hour > 23) return Invalid("hour above 23", s);
  if (minute > 59) return Invalid("minute above 59", s);
  if (second > 60) return Invalid("second above 60", s);
  if (second == 60) second = 59;
  return Status::OK();
}

int MonthFromName(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (EqualsNoCase(name, kMonths[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

// snprintf's result as a string (the buffers below are large enough for any int fields).
std::string FromBuffer(const char* buf, int n) {
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

}  // namespace

std::string Date::ToIso() const {
  char buf[48];
  return FromBuffer(buf, std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day));
}
std::string Date::ToSlot() const {
  char buf[48];
  return FromBuffer(buf, std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day));
}

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= DaysInMonth(year, month);
}

std::int64_t DaysFromCivil(const Date& d) {
  std::int64_t y = d.year;
  const std::int64_t m = d.month;
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                       // [0, 399]
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;               // [0, 146096]
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(std::int64_t days) {
  if (days > kMaxDays) days = kMaxDays;
  if (days < -kMaxDays) days = -kMaxDays;
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

Result<Date> ParseIsoDate(std::string_view text) {
  Date d;
  if (text.size() != 10 || !ReadDigits(text, 0, 4, d.year) || text[4] != '-' ||
      !ReadDigits(text, 5, 2, d.month) || text[7] != '-' || !ReadDigits(text, 8, 2, d.day)) {
    return Invalid("want YYYY-MM-DD", text);
  }
  if (!IsValidDate(d.year, d.month, d.day)) return Invalid("no such day", text);
  return d;
}

Result<UnixSeconds> ParseIsoTimestamp(std::string_view text) {
  const std::string_view s = Trim(text);
  Date d{0, 1, 1};
  if (!ReadDigits(s, 0, 4, d.year)) return Invalid("want a 4-digit year", s);
  std::size_t pos = 4;
  if (pos < s.size()) {
    if (s[pos] != '-' || !ReadDigits(s, pos + 1, 2, d.month)) return Invalid("bad month", s);
    pos += 3;
    if (pos < s.size()) {
      if (s[pos] != '-' || !ReadDigits(s, pos + 1, 2, d.day)) return Invalid("bad day", s);
      pos += 3;
    }
  }
  if (!IsValidDate(d.year, d.month, d.day)) return Invalid("no such day", s);
  if (pos == s.size()) return ToSeconds(d, 0, 0, 0);
  if (pos != 10 || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
    return Invalid("want 'T' after the date", s);
  }
  ++pos;
  int hour = 0;
  int minute = 0;
  int second = 0;
  VESTIGE_RETURN_IF_ERROR(ParseTime(s, pos, hour, minute, second));
  std::int64_t offset = 0;  // seconds east of UTC
  if (pos < s.size()) {
    const char sign = s[pos];
    if (sign == 'Z' || sign == 'z') {
      ++pos;
    } else if (sign == '+' || sign == '-') {
      int oh = 0;
      int om = 0;
      if (!ReadDigits(s, pos + 1, 2, oh)) return Invalid("bad time zone offset", s);
      pos += 3;
      if (pos < s.size() && s[pos] == ':') {
        if (!ReadDigits(s, pos + 1, 2, om)) return Invalid("bad time zone offset", s);
        pos += 3;
      } else if (pos < s.size()) {
        if (!ReadDigits(s, pos, 2, om)) return Invalid("bad time zone offset", s);
        pos += 2;
      }
      if (oh > 23 || om > 59) return Invalid("time zone offset out of range", s);
      offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    } else {
      return Invalid("bad time zone", s);
    }
  }
  if (pos != s.size()) return Invalid("trailing characters", s);
  return ToSeconds(d, hour, minute, second) - offset;
}

std::string FormatIsoTimestamp(UnixSeconds t) {
  const Civil c = Split(t);
  char buf[96];
  return FromBuffer(buf,
                    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.date.year,
                                  c.date.month, c.date.day, c.hour, c.minute, c.second));
}

std::string FormatCompactTimestamp(UnixSeconds t) {
  const Civil c = Split(t);
  char buf[96];
  return FromBuffer(buf, std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", c.date.year,
                                       c.date.month, c.date.day, c.hour, c.minute, c.second));
}

Date DateOf(UnixSeconds t) { return CivilFromDays(FloorDiv(t, kSecondsPerDay)); }

Result<UnixSeconds> ParseHttpDate(std::string_view text) {
  const std::string_view s = Trim(text);
  Date d;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::size_t pos = 0;
  const std::size_t comma = s.find(',');
  if (comma == 3) {
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    bool day_ok = false;
    for (std::string_view name : kDays) day_ok = day_ok || EqualsNoCase(s.substr(0, 3), name);
    if (!day_ok) return Invalid("bad day name", s);
    if (s.size() < 29 || s[4] != ' ' || !ReadDigits(s, 5, 2, d.day) || s[7] != ' ' ||
        s[11] != ' ' || !ReadDigits(s, 12, 4, d.year) || s[16] != ' ') {
      return Invalid("bad IMF-fixdate", s);
    }
    d.month = MonthFromName(s.substr(8, 3));
    pos = 17;
  } else if (comma != std::string_view::npos && comma > 3) {
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
    bool day_ok = false;
    for (std::string_view name : kLongDays) {
      day_ok = day_ok || EqualsNoCase(s.substr(0, comma), name);
    }
    if (!day_ok) return Invalid("bad day name", s);
    const std::size_t p = comma + 1;
    int yy = 0;
    if (s.size() < p + 23 || s[p] != ' ' || !ReadDigits(s, p + 1, 2, d.day) || s[p + 3] != '-' ||
        s[p + 7] != '-' || !ReadDigits(s, p + 8, 2, yy) || s[p + 10] != ' ') {
      return Invalid("bad RFC 850 date", s);
    }
    d.month = MonthFromName(s.substr(p + 4, 3));
    d.year = yy < 70 ? 2000 + yy : 1900 + yy;
    pos = p + 11;
  } else if (comma == std::string_view::npos) {
    // asctime: "Sun Nov  6 08:49:37 1994" (also "Nov 6" and "Nov 06")
    bool day_ok = false;
    for (std::string_view name : kDays) day_ok = day_ok || EqualsNoCase(s.substr(0, 3), name);
    if (!day_ok || s.size() < 8 || s[3] != ' ' || s[7] != ' ') return Invalid("bad date", s);
    d.month = MonthFromName(s.substr(4, 3));
    pos = 8;
    if (pos < s.size() && s[pos] == ' ') ++pos;
    if (ReadDigits(s, pos, 2, d.day)) {
      pos += 2;
    } else if (ReadDigits(s, pos, 1, d.day)) {
      pos += 1;
    } else {
      return Invalid("bad day of month", s);
    }
    if (pos >= s.size() || s[pos] != ' ') return Invalid("bad asctime date", s);
    ++pos;
    VESTIGE_RETURN_IF_ERROR(ParseTime(s, pos, hour, minute, second));
    if (pos >= s.size() || s[pos] != ' ' || !ReadDigits(s, pos + 1, 4, d.year) ||
        pos + 5 != s.size()) {
      return Invalid("bad asctime year", s);
    }
    if (d.month == 0) return Invalid("bad month name", s);
    if (!IsValidDate(d.year, d.month, d.day)) return Invalid("no such day", s);
    return ToSeconds(d, hour, minute, second);
  } else {
    return Invalid("bad date", s);
  }
  if (d.month == 0) return Invalid("bad month name", s);
  if (!IsValidDate(d.year, d.month, d.day)) return Invalid("no such day", s);
  VESTIGE_RETURN_IF_ERROR(ParseTime(s, pos, hour, minute, second));
  if (pos >= s.size() || s[pos] != ' ') return Invalid("want ' GMT'", s);
  const std::string_view zone = s.substr(pos + 1);
  if (zone != "GMT" && zone != "UTC") return Invalid("want GMT", s);
  return ToSeconds(d, hour, minute, second);
}

std::string FormatHttpDate(UnixSeconds t) {
  const Civil c = Split(t);
  char buf[96];
  const int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                              kDays[static_cast<std::size_t>(c.weekday)].data(), c.date.day,
                              kMonths[static_cast<std::size_t>(c.date.month - 1)].data(),
                              c.date.year, c.hour, c.minute, c.second);
  return FromBuffer(buf, n);
}

}  // namespace vestige::common
