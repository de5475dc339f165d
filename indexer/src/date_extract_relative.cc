// Relative dates in bylines ("2 days ago", "вчера", "vor 3 Stunden", "гадзіну таму"), resolved
// against the capture day. See date_extract_internal.h.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date_extract_internal.h"

namespace vestige::indexer::dates {
namespace {

using common::Date;

// Words for "today" and "yesterday", and the units of "N <unit> ago" in days (0: under a day).
constexpr std::string_view kToday = " today heute сегодня сёння сьогодні dzisiaj dziś šiandien ";
constexpr std::string_view kYesterday = " yesterday gestern вчера учора вчора wczoraj vakar ";

struct Unit {
  std::string_view prefix;  // the word starts with this (covers the grammatical cases)
  int days;
};
constexpr Unit kUnits[] = {
    {"minute", 0}, {"min", 0},    {"hour", 0},   {"stunde", 0}, {"минут", 0},  {"час", 0},
    {"хвілін", 0}, {"гадзін", 0}, {"хвилин", 0}, {"годин", 0},  {"godzin", 0}, {"minut", 0},
    {"day", 1},    {"tag", 1},    {"дн", 1},     {"день", 1},   {"дзён", 1},   {"дзень", 1},
    {"дні", 1},    {"dni", 1},    {"dzień", 1},  {"week", 7},   {"woche", 7},  {"недел", 7},
    {"тыдз", 7},   {"тыдн", 7},   {"тижд", 7},   {"тижн", 7},   {"tydzie", 7}, {"tygodn", 7}};
// "ago" after the number and unit, or "vor" before them (German).
constexpr std::string_view kAgo = " ago назад таму тому temu ";

constexpr std::size_t kMaxWords = 12;

bool InList(std::string_view list, const std::string& word) {
  return !word.empty() && list.find(" " + word + " ") != std::string_view::npos;
}

// The text's words, lower case, and numbers as they are; punctuation dropped.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  const std::string lower = LowerUtf8(text);
  for (char c : lower) {
    const auto b = static_cast<unsigned char>(c);
    const bool part = b >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (part) {
      current.push_back(c);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

int UnitDays(const std::string& word) {
  for (const Unit& u : kUnits) {
    if (word.compare(0, u.prefix.size(), u.prefix) == 0) return u.days;
  }
  return -1;
}

int Number(const std::string& word) {
  if (word.empty() || word.size() > 3) return -1;
  int n = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

std::optional<Date> RelativeDate(std::string_view text, const Date& captured) {
  const std::vector<std::string> words = Words(text);
  if (words.empty() || words.size() > kMaxWords) return std::nullopt;
  const auto back = [&](int days) {
    return common::CivilFromDays(common::DaysFromCivil(captured) - days);
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (InList(kToday, w)) return captured;
    if (InList(kYesterday, w)) return back(1);
    // [N] <unit> ago / vor [N] <unit>; a bare unit means one ("гадзіну таму", "an hour ago").
    const int unit = UnitDays(w);
    if (unit < 0) continue;
    int n = i > 0 ? Number(words[i - 1]) : -1;
    const bool ago = i + 1 < words.size() && InList(kAgo, words[i + 1]);
    const bool vor = (i > 0 && words[i - 1] == "vor") || (i > 1 && words[i - 2] == "vor");
    if (!ago && !vor) continue;
    if (n < 0) n = 1;
    return back(unit * n);
  }
  return std::nullopt;
}

}  // namespace vestige::indexer::dates
