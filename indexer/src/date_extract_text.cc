// Dates in free text: tokenizer, month names (en, de, ru, be, uk, pl, lt; all cases) and patterns.
// See date_extract_internal.h.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "date_extract_internal.h"

namespace vestige::indexer::dates {
namespace {

using common::Date;

// Forms of each month, lower case, in every language and case we read. Index 0 = January.
constexpr std::array<std::string_view, 12> kMonthForms = {
    // January
    "january jan januar jänner jaenner янв январь января январе январю январём январем студзень "
    "студзеня студзені студзеню студзенем студз січень січня січні січню січнем styczeń stycznia "
    "styczniu styczniem sty sausis sausio sausį sausyje janvier janv gennaio enero",
    // February
    "february feb februar feber фев февр февраль февраля феврале февралю февралём февралем люты "
    "лютага лютым лютаму лют лютий лютого лютому лютим luty lutego lutym vasaris vasario vasarį "
    "vasaryje février févr fevrier febbraio febrero",
    // March
    "march mar märz maerz mär мар март марта марте марту мартом сакавік сакавіка сакавіку "
    "сакавіком сак березень березня березні березню березнем marzec marca marcu marcem kovas kovo "
    "kovą kovo mars marzo",
    // April
    "april apr апр апрель апреля апреле апрелю апрелем красавік красавіка красавіку красавіком "
    "крас квітень квітня квітні квітню квітнем kwiecień kwietnia kwietniu kwietniem kwi balandis "
    "balandžio balandį balandyje avril avr aprile abril",
    // May
    "may mai май мая мае маю маем травень траўня траўні траўню траўнем травеня трав травня травні "
    "травню maj maja maju majem gegužė gegužės gegužę gegužėje maggio mayo",
    // June
    "june jun juni июн июнь июня июне июню июнем чэрвень чэрвеня чэрвені чэрвеню чэрвенем чэрв "
    "червень червня червні червню червнем czerwiec czerwca czerwcu czerwcem cze birželis birželio "
    "birželį birželyje juin giugno junio",
    // July
    "july jul juli июл июль июля июле июлю июлем ліпень ліпеня ліпені ліпеню ліпенем ліп липень "
    "липня липні липню липнем lipiec lipca lipcu lipcem lip liepa liepos liepą liepoje juillet "
    "juil luglio julio",
    // August
    "august aug авг август августа августе августу августом жнівень жніўня жніўні жніўню жніўнем "
    "жнівеня жн жнів серпень серпня серпні серпню серпнем sierpień sierpnia sierpniu sierpniem sie "
    "rugpjūtis rugpjūčio rugpjūtį rugpjūtyje août aout agosto",
    // September
    "september sep sept сен сент сентябрь сентября сентябре сентябрю сентябрём сентябрем верасень "
    "верасня верасні верасню вераснем верасьня верасьні верасьню верасьнем вер вересень вересня "
    "вересні вересню вереснем wrzesień września wrześniu wrześniem wrz rugsėjis rugsėjo rugsėjį "
    "rugsėjyje septembre settembre septiembre",
    // October
    "october oct oktober okt окт октябрь октября октябре октябрю октябрём октябрем кастрычнік "
    "кастрычніка кастрычніку кастрычнікам кастр жовтень жовтня жовтні жовтню жовтнем październik "
    "października październiku październikiem paź spalis spalio spalį spalyje octobre ottobre "
    "octubre",
    // November
    "november nov ноя нояб ноябрь ноября ноябре ноябрю ноябрём ноябрем лістапад лістапада "
    "лістападзе лістападу лістападам ліст листопад листопада листопаді листопаду листопадом "
    "listopad listopada listopadzie listopadem lis lapkritis lapkričio lapkritį lapkrityje "
    "novembre noviembre",
    // December
    "december dec dezember dez дек декабрь декабря декабре декабрю декабрём декабрем снежань "
    "снежня снежні снежню снежнем сьнежань сьнежня сьнежні сьнежню сьнежнем снеж грудень грудня "
    "грудні грудню груднем grudzień grudnia grudniu grudniem gru gruodis gruodžio gruodį "
    "gruodyje décembre déc decembre dicembre diciembre",
};

const std::unordered_map<std::string, int>& MonthTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, int>();
    for (std::size_t m = 0; m < kMonthForms.size(); ++m) {
      std::string_view forms = kMonthForms[m];
      while (!forms.empty()) {
        const std::size_t space = forms.find(' ');
        const std::string_view word = forms.substr(0, space);
        if (!word.empty()) t->emplace(std::string(word), static_cast<int>(m) + 1);
        if (space == std::string_view::npos) break;
        forms.remove_prefix(space + 1);
      }
    }
    return t;
  }();
  return *table;
}

// Words that mark the next date as a modification date, or as the publication date.
constexpr std::string_view kModifiedWords =
    " updated update modified edited revised aktualisiert geändert zuletzt stand bearbeitet "
    "änderung aktualisierung "
    "обновлено обновлена обновлен обновлён обновлены обновление изменено абноўлена абноўлены "
    "абноўлены оновлено "
    "оновлена zaktualizowano aktualizacja atnaujinta last ";
constexpr std::string_view kPublishedWords =
    " published posted veröffentlicht veröffentlichte erschienen publiziert geschrieben "
    "опубликовано опубликована "
    "апублікавана апублікавана опубліковано opublikowano publikacja paskelbta dodano erstellt "
    "publié publiée publicado pubblicato ";

bool InWordList(std::string_view list, std::string_view word) {
  if (word.empty()) return false;
  std::string key = " ";
  key.append(word);
  key.push_back(' ');
  return list.find(key) != std::string_view::npos;
}

enum class Kind { kNum, kWord, kPunct };

struct Token {
  Kind kind = Kind::kPunct;
  std::string text;  // words lower case; punctuation as one character (dashes fold to '-')
  std::size_t pos = 0;
  std::size_t end = 0;
  bool space_before = false;
  int value = 0;  // numbers: the value (capped)
};

// Length of the UTF-8 sequence starting with lead byte `c` (1 for invalid leads).
std::size_t SeqLen(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  bool space = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= ' ' ||
        (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0)) {
      space = true;
      i += c <= ' ' ? 1 : 2;
      continue;
    }
    Token t;
    t.pos = i;
    t.space_before = space;
    space = false;
    if (c >= '0' && c <= '9') {
      t.kind = Kind::kNum;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (t.value < 100000000) t.value = t.value * 10 + (text[i] - '0');
        t.text.push_back(text[i]);
        ++i;
      }
    } else if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      t.text.assign(1, static_cast<char>(c));
      ++i;
    } else if (c == 0xE2 || c == 0xC2) {  // general punctuation (dashes, quotes), Latin-1 signs
      const std::size_t n = SeqLen(c);
      const std::string_view seq = text.substr(i, n);
      t.text = (seq == "\xE2\x80\x93" || seq == "\xE2\x80\x94") ? "-" : std::string(seq);
      i += n;
    } else {
      t.kind = Kind::kWord;
      std::size_t j = i;
      while (j < text.size()) {
        const auto b = static_cast<unsigned char>(text[j]);
        const bool ascii_letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
        if (b < 0x80 && !ascii_letter) break;
        if (b == 0xE2 || b == 0xC2) break;
        j += b < 0x80 ? 1 : SeqLen(b);
      }
      if (j > text.size()) j = text.size();
      t.text = LowerUtf8(text.substr(i, j - i));
      i = j;
    }
    t.end = i;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

int MonthOf(const Token& t) {
  if (t.kind != Kind::kWord) return 0;
  const auto& table = MonthTable();
  auto it = table.find(t.text);
  return it == table.end() ? 0 : it->second;
}

bool IsPunct(const Token& t, char c) {
  return t.kind == Kind::kPunct && t.text.size() == 1 && t.text[0] == c;
}
bool IsDay(const Token& t) {
  return t.kind == Kind::kNum && t.text.size() <= 2 && t.value >= 1 && t.value <= 31;
}
bool IsYear4(const Token& t) { return t.kind == Kind::kNum && t.text.size() == 4; }
bool IsOrdinal(const Token& t) {
  return t.kind == Kind::kWord && !t.space_before &&
         (t.text == "st" || t.text == "nd" || t.text == "rd" || t.text == "th" || t.text == "er");
}

class Matcher {
 public:
  Matcher(const std::vector<Token>& tokens, const DateBounds& bounds, bool month_first)
      : t_(tokens), bounds_(bounds), month_first_(month_first) {}

  // Tries every pattern at token i; on a match returns the date and sets *next past it.
  std::optional<Date> MatchAt(std::size_t i, std::size_t* next) const {
    if (auto d = DayMonthYear(i, next)) return d;
    if (auto d = MonthDayYear(i, next)) return d;
    if (auto d = YearMonthDay(i, next)) return d;
    if (auto d = Numeric(i, next)) return d;
    return std::nullopt;
  }

 private:
  const Token* At(std::size_t i) const { return i < t_.size() ? &t_[i] : nullptr; }
  bool Punct(std::size_t i, char c) const { return At(i) != nullptr && IsPunct(*At(i), c); }

  std::optional<Date> Make(int y, int m, int d) const {
    if (!common::IsValidDate(y, m, d)) return std::nullopt;
    Date date{y, m, d};
    if (!bounds_.Contains(date)) return std::nullopt;
    return date;
  }

  // 5 March 2024, 5. März 2024, 5-го? no; 12 марта 2023 г., 5th of March, 2024
  std::optional<Date> DayMonthYear(std::size_t i, std::size_t* next) const {
    if (At(i) == nullptr || !IsDay(t_[i])) return std::nullopt;
    if (i > 0 && !t_[i].space_before && (IsPunct(t_[i - 1], '.') || IsPunct(t_[i - 1], '/'))) {
      return std::nullopt;
    }
    std::size_t j = i + 1;
    if (At(j) != nullptr && IsOrdinal(t_[j])) ++j;
    if (Punct(j, '.')) ++j;
    if (At(j) != nullptr && (t_[j].text == "of" || t_[j].text == "de")) ++j;
    const int month = At(j) != nullptr ? MonthOf(t_[j]) : 0;
    if (month == 0) return std::nullopt;
    ++j;
    if (Punct(j, '.')) ++j;
    if (At(j) != nullptr && t_[j].text == "de") ++j;  // 13 de junio de 2019
    if (Punct(j, ',')) ++j;
    if (At(j) == nullptr || !IsYear4(t_[j])) return std::nullopt;
    *next = j + 1;
    return Make(t_[j].value, month, t_[i].value);
  }

  // March 5, 2024; Mar. 5th 2024
  std::optional<Date> MonthDayYear(std::size_t i, std::size_t* next) const {
    const int month = At(i) != nullptr ? MonthOf(t_[i]) : 0;
    if (month == 0) return std::nullopt;
    std::size_t j = i + 1;
    if (Punct(j, '.')) ++j;
    if (At(j) == nullptr || !IsDay(t_[j])) return std::nullopt;
    const int day = t_[j].value;
    ++j;
    if (At(j) != nullptr && IsOrdinal(t_[j])) ++j;
    if (Punct(j, ',')) ++j;
    if (At(j) == nullptr || !IsYear4(t_[j])) return std::nullopt;
    if (Punct(j + 1, '.') && At(j + 2) != nullptr && t_[j + 2].kind == Kind::kNum &&
        !t_[j + 2].space_before) {
      return std::nullopt;  // "May 5 2024.1" is no date
    }
    *next = j + 1;
    return Make(t_[j].value, month, day);
  }

  // 2024 m. kovo 5 d.; 2024 March 5
  std::optional<Date> YearMonthDay(std::size_t i, std::size_t* next) const {
    if (At(i) == nullptr || !IsYear4(t_[i])) return std::nullopt;
    std::size_t j = i + 1;
    if (At(j) != nullptr && t_[j].text == "m") {
      ++j;
      if (Punct(j, '.')) ++j;
    }
    const int month = At(j) != nullptr ? MonthOf(t_[j]) : 0;
    if (month == 0) return std::nullopt;
    ++j;
    if (At(j) == nullptr || !IsDay(t_[j])) return std::nullopt;
    if (At(j + 1) != nullptr && t_[j + 1].kind == Kind::kNum) return std::nullopt;
    *next = j + 1;
    return Make(t_[i].value, month, t_[j].value);
  }

  // dd.mm.yyyy, d.m.yy, yyyy-mm-dd, yyyy.mm.dd, dd/mm/yyyy (or mm/dd/yyyy on US pages)
  std::optional<Date> Numeric(std::size_t i, std::size_t* next) const {
    if (At(i + 4) == nullptr) return std::nullopt;
    const Token& a = t_[i];
    const Token& s1 = t_[i + 1];
    const Token& b = t_[i + 2];
    const Token& s2 = t_[i + 3];
    const Token& c = t_[i + 4];
    if (a.kind != Kind::kNum || b.kind != Kind::kNum || c.kind != Kind::kNum) return std::nullopt;
    if (s1.kind != Kind::kPunct || s1.text != s2.text || s1.text.size() != 1) return std::nullopt;
    const char sep = s1.text[0];
    if (sep != '.' && sep != '/' && sep != '-') return std::nullopt;
    const bool dot_spaced = sep == '.' && !b.space_before && !c.space_before;
    if (!dot_spaced && (s1.space_before || b.space_before || s2.space_before || c.space_before)) {
      return std::nullopt;
    }
    // Part of a longer run (1.2.3.4, 2024-01-02-03, 12/31/2024/5)?
    if (i > 0 && !a.space_before && t_[i - 1].kind == Kind::kPunct &&
        (t_[i - 1].text[0] == sep || t_[i - 1].text[0] == '.') && i > 1 &&
        t_[i - 2].kind == Kind::kNum) {
      return std::nullopt;
    }
    if (At(i + 6) != nullptr && IsPunct(t_[i + 5], sep) && !t_[i + 5].space_before &&
        t_[i + 6].kind == Kind::kNum && !t_[i + 6].space_before) {
      return std::nullopt;
    }
    if (a.text.size() > 4 || b.text.size() > 2 || c.text.size() > 4) return std::nullopt;
    *next = i + 5;
    if (a.text.size() == 4) {  // year first
      if (b.text.size() > 2 || c.text.size() > 2) return std::nullopt;
      return Make(a.value, b.value, c.value);
    }
    if (a.text.size() > 2) return std::nullopt;
    int year = c.value;
    if (c.text.size() == 2) {
      if (sep != '.') return std::nullopt;
      year += 2000;
      if (year > bounds_.latest.year + 1) year -= 100;
    } else if (c.text.size() != 4) {
      return std::nullopt;
    }
    int day = a.value;
    int month = b.value;
    if (sep == '/') {
      const bool swap = a.value <= 12 && (b.value > 12 || month_first_);
      if (swap) std::swap(day, month);
    }
    return Make(year, month, day);
  }

  const std::vector<Token>& t_;
  const DateBounds& bounds_;
  bool month_first_;
};

// Does one of the few words before the date (tokens [i, next)) mark it as modified or published,
// or, failing that, a word closing the same clause after it ("wurde am 3. Mai 2010 um 14:48 von X
// veröffentlicht")?
void Hints(std::string_view text, const std::vector<Token>& tokens, std::size_t i, std::size_t next,
           TextDate* out) {
  int words = 0;
  for (std::size_t k = i; k > 0 && words < 4; --k) {
    const Token& t = tokens[k - 1];
    if (t.kind != Kind::kWord) continue;
    ++words;
    if (InWordList(kModifiedWords, t.text)) {
      out->modified = true;
      return;
    }
    if (InWordList(kPublishedWords, t.text)) {
      out->published = true;
      return;
    }
  }
  words = 0;
  for (std::size_t k = next; k < tokens.size() && words < 6; ++k) {
    const Token& t = tokens[k];
    if (t.kind == Kind::kPunct && (t.text == "|" || t.text == "." || t.text == ";")) return;
    if (text.substr(tokens[k - 1].end, t.pos - tokens[k - 1].end).find('\n') !=
        std::string_view::npos) {
      return;  // the next line
    }
    if (t.kind != Kind::kWord) continue;
    ++words;
    if (InWordList(kModifiedWords, t.text)) return;
    if (InWordList(kPublishedWords, t.text)) {
      out->published = true;
      return;
    }
  }
}

}  // namespace

std::string LowerUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      std::uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x410 && cp <= 0x42F)) {
        cp += 0x20;
      } else if (cp >= 0x400 && cp <= 0x40F) {
        cp += 0x50;
      } else if ((cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) ||
                 (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) ||
                 (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) ||
                 (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1)) {
        cp += 1;
      }
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

// Words joining the two ends of a period: "24. April bis 2. Oktober 2017", "5 to 7 March".
constexpr std::string_view kRangeWords = " bis to until till au al до по und and et y и і i ";

// True when the date starting at token `i` ends a period: a day or month, then a dash or one of
// kRangeWords, right before it.
bool IsRangeEnd(const std::vector<Token>& tokens, std::size_t i) {
  if (i < 2) return false;
  const Token& join = tokens[i - 1];
  if (!IsPunct(join, '-') && !(join.kind == Kind::kWord && InWordList(kRangeWords, join.text))) {
    return false;
  }
  const Token& before = tokens[i - 2];
  return (before.kind == Kind::kNum && before.text.size() <= 2) || IsPunct(before, '.') ||
         MonthOf(before) != 0;
}

std::vector<TextDate> FindTextDates(std::string_view text, const DateBounds& bounds,
                                    bool month_first) {
  std::vector<TextDate> found;
  const std::vector<Token> tokens = Tokenize(text);
  const Matcher matcher(tokens, bounds, month_first);
  std::size_t i = 0;
  while (i < tokens.size()) {
    std::size_t next = i + 1;
    if (std::optional<Date> d = matcher.MatchAt(i, &next); d && IsRangeEnd(tokens, i)) {
      i = next;  // the end of a period ("14.-20. Januar 2022"): an event, not a day of writing
    } else if (d) {
      TextDate td;
      td.date = *d;
      td.pos = tokens[i].pos;
      td.end = tokens[next - 1].end;
      Hints(text, tokens, i, next, &td);
      found.push_back(td);
      i = next;
    } else {
      ++i;
    }
  }
  return found;
}

std::optional<Date> ParseDateValue(std::string_view value, const DateBounds& bounds) {
  while (!value.empty() && static_cast<unsigned char>(value.front()) <= ' ') value.remove_prefix(1);
  auto digits = [&](std::size_t from, std::size_t n) -> int {
    if (value.size() < from + n) return -1;
    int v = 0;
    for (std::size_t k = from; k < from + n; ++k) {
      if (value[k] < '0' || value[k] > '9') return -1;
      v = v * 10 + (value[k] - '0');
    }
    return v;
  };
  auto check = [&](int y, int m, int d) -> std::optional<Date> {
    if (!common::IsValidDate(y, m, d)) return std::nullopt;
    const Date date{y, m, d};
    if (!bounds.Contains(date)) return std::nullopt;
    return date;
  };
  // YYYY-MM-DD... / YYYY/MM/DD / YYYY.MM.DD (time and offset ignored: the publisher's day)
  const int y = digits(0, 4);
  if (y >= 0 && value.size() >= 10 && (value[4] == '-' || value[4] == '/' || value[4] == '.') &&
      value[7] == value[4]) {
    const int m = digits(5, 2);
    const int d = digits(8, 2);
    if (m >= 0 && d >= 0 && (value.size() == 10 || value[10] < '0' || value[10] > '9')) {
      return check(y, m, d);
    }
  }
  // YYYYMMDD[...]
  if (y >= 0 && digits(4, 4) >= 0 && (value.size() == 8 || value[8] < '0' || value[8] > '9')) {
    return check(y, digits(4, 2), digits(6, 2));
  }
  // Anything else a person would write: RFC 822 "Fri, 19 Dec 2025 10:00:00 +0300" included.
  std::vector<TextDate> found = FindTextDates(value.substr(0, 200), bounds, false);
  if (found.empty()) return std::nullopt;
  return found.front().date;
}

}  // namespace vestige::indexer::dates
