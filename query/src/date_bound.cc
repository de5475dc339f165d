// ParseDateBound: partial dates ("2024", "2024-03", "2024-03-05") as inclusive YYYYMMDD bounds.
// Pure code, no Xapian; shared by --from/--to and the date ranges of the query language.
#include <string>
#include <string_view>

#include "vestige/common/date.h"
#include "vestige/common/status.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

using common::Result;
using common::Status;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

std::string Pad(int n, int width) {
  std::string s = std::to_string(n);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

int DaysInMonth(int year, int month) {
  for (int day = 31; day > 28; --day) {
    if (common::IsValidDate(year, month, day)) return day;
  }
  return 28;
}

}  // namespace

Result<std::string> ParseDateBound(std::string_view text, bool end) {
  const std::string quoted = "bad date \"" + std::string(text) + "\": ";
  std::string_view y;
  std::string_view m;
  std::string_view d;
  if (text.size() == 8 && AllDigits(text)) {
    y = text.substr(0, 4);
    m = text.substr(4, 2);
    d = text.substr(6, 2);
  } else {
    const std::size_t dash1 = text.find('-');
    y = text.substr(0, dash1);
    if (dash1 != std::string_view::npos) {
      const std::string_view rest = text.substr(dash1 + 1);
      const std::size_t dash2 = rest.find('-');
      m = rest.substr(0, dash2);
      if (dash2 != std::string_view::npos) {
        d = rest.substr(dash2 + 1);
        if (d.empty()) return Status::InvalidArgument(quoted + "day missing after '-'");
      }
      if (m.empty()) return Status::InvalidArgument(quoted + "month missing after '-'");
    }
  }
  if (y.size() != 4 || !AllDigits(y)) {
    return Status::InvalidArgument(quoted + "expected YYYY, YYYY-MM or YYYY-MM-DD");
  }
  const int year = ToInt(y);
  if (year < 1) return Status::InvalidArgument(quoted + "year must be 0001-9999");
  if (m.empty()) return Pad(year, 4) + (end ? "1231" : "0101");
  if (m.size() != 2 || !AllDigits(m)) {
    return Status::InvalidArgument(quoted + "month must be two digits, 01-12");
  }
  const int month = ToInt(m);
  if (month < 1 || month > 12) return Status::InvalidArgument(quoted + "month must be 01-12");
  if (d.empty()) {
    return Pad(year, 4) + Pad(month, 2) + (end ? Pad(DaysInMonth(year, month), 2) : "01");
  }
  if (d.size() != 2 || !AllDigits(d)) {
    return Status::InvalidArgument(quoted + "day must be two digits");
  }
  const int day = ToInt(d);
  if (!common::IsValidDate(year, month, day)) {
    return Status::InvalidArgument(quoted + "no such day (" + std::to_string(year) + "-" +
                                   Pad(month, 2) + " has " +
                                   std::to_string(DaysInMonth(year, month)) + " days)");
  }
  return Pad(year, 4) + Pad(month, 2) + Pad(day, 2);
}

}  // namespace vestige::query
