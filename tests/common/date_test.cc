#include "vestige/common/date.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace vestige::common {
namespace {

constexpr UnixSeconds kRfcExample = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110)

TEST_CASE("DaysFromCivil and CivilFromDays agree with known days") {
  struct Row {
    Date date;
    std::int64_t days;
  };
  const Row kRows[] = {
      {{1970, 1, 1}, 0},         {{1970, 1, 2}, 1},        {{1969, 12, 31}, -1},
      {{2000, 3, 1}, 11017},     {{2024, 2, 29}, 19782},   {{1, 1, 1}, -719162},
      {{9999, 12, 31}, 2932896}, {{1600, 2, 29}, -135081},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.date.ToIso());
    CHECK(DaysFromCivil(row.date) == row.days);
    CHECK(CivilFromDays(row.days) == row.date);
  }
}

TEST_CASE("CivilFromDays inverts DaysFromCivil over 0001..9999") {
  std::int64_t previous = DaysFromCivil({1, 1, 1}) - 1;
  int checked = 0;
  for (int year = 1; year <= 9999; year += 7) {
    for (int month = 1; month <= 12; ++month) {
      for (int day : {1, 15, 28, 29, 30, 31}) {
        if (!IsValidDate(year, month, day)) continue;
        const Date d{year, month, day};
        const std::int64_t days = DaysFromCivil(d);
        if (CivilFromDays(days) != d) FAIL("round trip failed for " << d.ToIso());
        if (days <= previous) FAIL("not increasing at " << d.ToIso());
        previous = days;
        ++checked;
      }
    }
  }
  CHECK(checked > 90000);
  // Huge inputs are clamped, not undefined behaviour.
  CHECK(CivilFromDays(INT64_MAX).year > 9999);
  CHECK(CivilFromDays(INT64_MIN).year < 0);
}

TEST_CASE("IsValidDate") {
  struct Row {
    int year, month, day;
    bool valid;
  };
  const Row kRows[] = {
      {2024, 2, 29, true},  {2023, 2, 29, false}, {1900, 2, 29, false}, {2000, 2, 29, true},
      {2024, 13, 1, false}, {2024, 0, 1, false},  {2024, 4, 31, false}, {2024, 4, 30, true},
      {2024, 1, 0, false},  {2024, 1, 32, false}, {0, 1, 1, false},     {1, 1, 1, true},
      {9999, 12, 31, true}, {10000, 1, 1, false}, {-5, 1, 1, false},    {2024, -1, 1, false},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.year);
    CAPTURE(row.month);
    CAPTURE(row.day);
    CHECK(IsValidDate(row.year, row.month, row.day) == row.valid);
  }
}

TEST_CASE("Date formats") {
  CHECK(Date{2024, 3, 5}.ToIso() == "2024-03-05");
  CHECK(Date{2024, 3, 5}.ToSlot() == "20240305");
  CHECK(Date{7, 12, 31}.ToIso() == "0007-12-31");
  CHECK(Date{2024, 3, 5} < Date{2024, 3, 6});
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
}

TEST_CASE("ParseIsoDate accepts exactly YYYY-MM-DD") {
  Result<Date> d = ParseIsoDate("2024-03-05");
  REQUIRE(d.ok());
  CHECK(*d == Date{2024, 3, 5});
  CHECK(ParseIsoDate("0001-01-01").ok());
  CHECK(ParseIsoDate("9999-12-31").ok());
  CHECK(ParseIsoDate("2024-02-29").ok());

  const std::string_view kBad[] = {
      "2023-02-29",  "2024-13-01", "2024-1-5", "2024-01-5",  "2024-03-05x", " 2024-03-05",
      "2024-03-05 ", "2024/03/05", "20240305", "",           "2024-00-10",  "2024-03-00",
      "0000-01-01",  "2024-04-31", "2024-03",  "+024-03-05", "2024-0a-05",  "２０２４-03-05",
  };
  for (std::string_view text : kBad) {
    CAPTURE(std::string(text));
    Result<Date> bad = ParseIsoDate(text);
    CHECK_FALSE(bad.ok());
    if (!bad.ok()) CHECK(bad.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("ParseIsoTimestamp accepts the documented forms") {
  struct Row {
    std::string_view input;
    std::string_view utc;
  };
  const Row kRows[] = {
      {"2024", "2024-01-01T00:00:00Z"},
      {"2024-03", "2024-03-01T00:00:00Z"},
      {"2024-03-05", "2024-03-05T00:00:00Z"},
      {"2024-03-05T10:20", "2024-03-05T10:20:00Z"},
      {"2024-03-05T10:20:30", "2024-03-05T10:20:30Z"},
      {"2024-03-05T10:20:30Z", "2024-03-05T10:20:30Z"},
      {"2024-03-05t10:20:30z", "2024-03-05T10:20:30Z"},
      {"2024-03-05 10:20:30", "2024-03-05T10:20:30Z"},
      {"2024-03-05T10:20:30.123456Z", "2024-03-05T10:20:30Z"},
      {"2024-03-05T10:20Z", "2024-03-05T10:20:00Z"},
      {"2024-03-05T10:20:30+03:00", "2024-03-05T07:20:30Z"},
      {"2024-12-17T18:29:19+0300", "2024-12-17T15:29:19Z"},  // Viasna page header
      {"2024-03-05T01:00:00+03", "2024-03-04T22:00:00Z"},
      {"2024-03-05T22:00:00-05:00", "2024-03-06T03:00:00Z"},
      {"2024-03-05T10:20:30-00:00", "2024-03-05T10:20:30Z"},
      {"2024-03-05T05:30+05:30", "2024-03-05T00:00:00Z"},
      {"2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"},  // leap second clamped
      {"2024-01-01T00:30:00+01:00", "2023-12-31T23:30:00Z"},
      {" 2024-03-05T10:20:30Z\n", "2024-03-05T10:20:30Z"},
      {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
      {"1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<UnixSeconds> t = ParseIsoTimestamp(row.input);
    REQUIRE(t.ok());
    CHECK(FormatIsoTimestamp(*t) == row.utc);
  }
  CHECK(*ParseIsoTimestamp("2024-03-05T10:20:30Z") == 1709634030);
}

TEST_CASE("ParseIsoTimestamp rejects everything else") {
  const std::string_view kBad[] = {
      "",
      "24",
      "202",
      "abcd",
      "2024-3",
      "2024-03-5",
      "2024-02-30",
      "2023-02-29T00:00Z",
      "0000",
      "2024-03-05T",
      "2024-03-05T10",
      "2024-03-05T1:20",
      "2024-03-05T25:00",
      "2024-03-05T24:00",
      "2024-03-05T10:60",
      "2024-03-05T10:20:61",
      "2024-03-05T10:20:3",
      "2024-03-05T10:20:30.",
      "2024-03-05T10:20:30Zjunk",
      "2024-03-05T10:20:30Z ",  // fine: trimmed (checked below)
      "2024-03-05T10:20:30+3:00",
      "2024-03-05T10:20:30+24:00",
      "2024-03-05T10:20:30+03:60",
      "2024-03-05T10:20:30+03:0",
      "2024-03-05T10:20:30+030",
      "2024-03-05T10:20:30 +03:00",
      "2024-03-05X10:20:30",
      "2024-03T10:00",
      "2024T10:00",
      "2024-03-05T10:20:30ZZ",
  };
  for (std::string_view text : kBad) {
    CAPTURE(std::string(text));
    if (text == "2024-03-05T10:20:30Z ") {
      CHECK(ParseIsoTimestamp(text).ok());
      continue;
    }
    Result<UnixSeconds> t = ParseIsoTimestamp(text);
    CHECK_FALSE(t.ok());
    if (!t.ok()) CHECK(t.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("Timestamp formats and DateOf") {
  CHECK(FormatIsoTimestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIsoTimestamp(-1) == "1969-12-31T23:59:59Z");
  CHECK(FormatIsoTimestamp(kRfcExample) == "1994-11-06T08:49:37Z");
  CHECK(FormatCompactTimestamp(kRfcExample) == "19941106084937");
  CHECK(FormatCompactTimestamp(1709634030) == "20240305102030");
  CHECK(DateOf(kRfcExample) == Date{1994, 11, 6});
  CHECK(DateOf(-1) == Date{1969, 12, 31});
  CHECK(DateOf(-86400) == Date{1969, 12, 31});
  CHECK(DateOf(-86401) == Date{1969, 12, 30});
  CHECK(DateOf(951782400) == Date{2000, 2, 29});
  // Extreme values format without undefined behaviour.
  CHECK_FALSE(FormatIsoTimestamp(INT64_MAX).empty());
  CHECK_FALSE(FormatHttpDate(INT64_MIN).empty());
}

TEST_CASE("ParseHttpDate: the three RFC 9110 forms") {
  struct Row {
    std::string_view input;
    UnixSeconds expected;
  };
  const Row kRows[] = {
      {"Sun, 06 Nov 1994 08:49:37 GMT", kRfcExample},   // IMF-fixdate
      {"Sunday, 06-Nov-94 08:49:37 GMT", kRfcExample},  // RFC 850
      {"Sun Nov  6 08:49:37 1994", kRfcExample},        // asctime
      {"Sun Nov 6 08:49:37 1994", kRfcExample},
      {"Sun Nov 06 08:49:37 1994", kRfcExample},
      {"sun, 06 nov 1994 08:49:37 GMT", kRfcExample},
      {"Sun, 06 Nov 1994 08:49:37 UTC", kRfcExample},
      {"  Sun, 06 Nov 1994 08:49:37 GMT  ", kRfcExample},
      {"Mon, 06 Nov 1994 08:49:37 GMT", kRfcExample},  // wrong day name: not checked
      {"Thu, 01 Jan 1970 00:00:00 GMT", 0},
      {"Tue, 05 Mar 2024 10:20:30 GMT", 1709634030},
      {"Tuesday, 05-Mar-24 10:20:30 GMT", 1709634030},
      {"Thursday, 01-Jan-70 00:00:00 GMT", 0},
      {"Wed, 31 Dec 2016 23:59:60 GMT", 1483228799},  // leap second clamped
  };
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<UnixSeconds> t = ParseHttpDate(row.input);
    REQUIRE(t.ok());
    CHECK(*t == row.expected);
  }
  // Two-digit years: 00..69 are 20xx, 70..99 are 19xx.
  CHECK(DateOf(*ParseHttpDate("Friday, 01-Jan-99 00:00:00 GMT")).year == 1999);
  CHECK(DateOf(*ParseHttpDate("Monday, 01-Jan-69 00:00:00 GMT")).year == 2069);
}

TEST_CASE("ParseHttpDate rejects malformed dates") {
  const std::string_view kBad[] = {
      "",
      "Sun, 06 Nov 1994 08:49:37",
      "Sun, 06 Nov 1994 08:49:37 PST",
      "Sun, 06 Nov 1994 08:49:37 GMT junk",
      "Sun, 31 Feb 1994 08:49:37 GMT",
      "Sun, 06 Foo 1994 08:49:37 GMT",
      "Xyz, 06 Nov 1994 08:49:37 GMT",
      "Sun, 06 Nov 1994 24:00:00 GMT",
      "Sun, 06 Nov 1994 08:61:00 GMT",
      "Sun, 6 Nov 1994 08:49:37 GMT",
      "Sun, 06 Nov 94 08:49:37 GMT",
      "Sun,06 Nov 1994 08:49:37 GMT",
      "Sunday, 06-Nov-94 08:49:37",
      "Someday, 06-Nov-94 08:49:37 GMT",
      "Sunday, 06-Nov-1994 08:49:37 GMT",
      "Sun Nov  6 08:49:37 1994 x",
      "Sun Nov  6 08:49:37",
      "Sun Nov 31 08:49:37 1994",
      "Sun Nov  6 8:49:37 1994",
      "1994-11-06T08:49:37Z",
      ",",
      "Sun,",
  };
  for (std::string_view text : kBad) {
    CAPTURE(std::string(text));
    Result<UnixSeconds> t = ParseHttpDate(text);
    CHECK_FALSE(t.ok());
  }
}

TEST_CASE("FormatHttpDate is IMF-fixdate and parses back") {
  CHECK(FormatHttpDate(kRfcExample) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(FormatHttpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(FormatHttpDate(1709634030) == "Tue, 05 Mar 2024 10:20:30 GMT");
  CHECK(FormatHttpDate(-1) == "Wed, 31 Dec 1969 23:59:59 GMT");
  int mismatches = 0;
  for (UnixSeconds t = -2'000'000'000; t < 4'000'000'000; t += 9'876'543) {
    Result<UnixSeconds> back = ParseHttpDate(FormatHttpDate(t));
    if (!back.ok() || *back != t) ++mismatches;
    Result<UnixSeconds> iso = ParseIsoTimestamp(FormatIsoTimestamp(t));
    if (!iso.ok() || *iso != t) ++mismatches;
  }
  CHECK(mismatches == 0);
}

}  // namespace
}  // namespace vestige::common
