// Calendar dates and UTC timestamps, with the formats the stages exchange: ISO 8601 days
// ("2024-03-05"), YYYYMMDD value-slot strings, and WARC-Date timestamps.
// Thread safety: pure functions (no clock, no locale).
#ifndef VESTIGE_COMMON_DATE_H_
#define VESTIGE_COMMON_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/common/status.h"

namespace vestige::common {

// A proleptic Gregorian calendar day.
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;

  std::string ToIso() const;   // "YYYY-MM-DD"
  std::string ToSlot() const;  // "YYYYMMDD"
};

// True when year/month/day name a real day (leap years included), years 1..9999.
bool IsValidDate(int year, int month, int day);

// Seconds since 1970-01-01T00:00:00Z.
using UnixSeconds = std::int64_t;

std::int64_t DaysFromCivil(const Date& d);  // days since 1970-01-01
Date CivilFromDays(std::int64_t days);

// Parses "YYYY-MM-DD" exactly. InvalidArgument otherwise, saying what is wrong.
Result<Date> ParseIsoDate(std::string_view text);

// Parses an ISO 8601 / W3C-DTF / RFC 3339 timestamp: "YYYY", "YYYY-MM", "YYYY-MM-DD",
// "YYYY-MM-DDThh:mm[:ss[.frac]][Z|+hh:mm|-hh:mm]" (also with a space for 'T'). The result is UTC;
// missing parts are the start of the period. InvalidArgument for anything else.
Result<UnixSeconds> ParseIsoTimestamp(std::string_view text);

// "YYYY-MM-DDThh:mm:ssZ"
std::string FormatIsoTimestamp(UnixSeconds t);
// "YYYYMMDDhhmmss", as CDX and Wayback URLs use
std::string FormatCompactTimestamp(UnixSeconds t);
Date DateOf(UnixSeconds t);

// Parses an HTTP-date (RFC 9110: IMF-fixdate, and the obsolete RFC 850 and asctime forms).
Result<UnixSeconds> ParseHttpDate(std::string_view text);
// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
std::string FormatHttpDate(UnixSeconds t);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_DATE_H_
