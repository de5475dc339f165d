// libFuzzer target for date.h. Properties checked beyond "no crash":
// - ParseIsoDate's result formats back to the input;
// - what ParseIsoTimestamp and ParseHttpDate accept formats and parses back to the same second
//   (for years 1..9999, which the formats can express);
// - the formatters take any 64-bit value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "vestige/common/date.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

bool Expressible(vestige::common::UnixSeconds t) {
  const int year = vestige::common::DateOf(t).year;
  return year >= 1 && year <= 9999;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vestige::common;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  Result<Date> date = ParseIsoDate(input);
  if (date.ok()) {
    Check(date->ToIso() == input);
    Check(IsValidDate(date->year, date->month, date->day));
    Check(CivilFromDays(DaysFromCivil(*date)) == *date);
  }

  Result<UnixSeconds> iso = ParseIsoTimestamp(input);
  if (iso.ok() && Expressible(*iso)) {
    Result<UnixSeconds> back = ParseIsoTimestamp(FormatIsoTimestamp(*iso));
    Check(back.ok() && *back == *iso);
  }

  Result<UnixSeconds> http = ParseHttpDate(input);
  if (http.ok()) {
    Check(Expressible(*http));
    Result<UnixSeconds> back = ParseHttpDate(FormatHttpDate(*http));
    Check(back.ok() && *back == *http);
  }

  if (size >= 8) {
    std::int64_t t = 0;
    std::memcpy(&t, data, sizeof t);
    FormatIsoTimestamp(t);
    FormatCompactTimestamp(t);
    FormatHttpDate(t);
    const Date d = DateOf(t);
    DaysFromCivil(d);
    CivilFromDays(t);
  }
  if (size >= 12) {
    int parts[3];
    std::memcpy(parts, data, sizeof parts);
    IsValidDate(parts[0], parts[1], parts[2]);
    DaysFromCivil(Date{parts[0], parts[1], parts[2]});
  }
  return 0;
}
