// Script-based language guess. See language.h for the contract.
#include "vestige/indexer/language.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace vestige::indexer {
namespace {

enum class Script { kNone, kLatin, kCyrillic, kOther };

// Letter counts of a text. Cyrillic letters are folded to lower case before counting markers.
struct LetterCounts {
  std::uint64_t latin = 0, cyrillic = 0, other = 0;
  std::uint64_t i_dotted = 0;  // і (be, uk)
  std::uint64_t u_short = 0;   // ў (be only)
  std::uint64_t ru_only = 0;   // и щ ъ (ru; и щ also uk)
  std::uint64_t uk_only = 0;   // ї є ґ (uk only)
  std::uint64_t y_e = 0;       // ы э (ru, be; never uk)

  std::uint64_t letters() const { return latin + cyrillic + other; }
  Script majority() const {
    if (letters() == 0) return Script::kNone;
    if (cyrillic >= latin && cyrillic >= other) return Script::kCyrillic;
    if (latin >= other) return Script::kLatin;
    return Script::kOther;
  }
};

// Decodes one UTF-8 sequence at *i; invalid bytes decode as U+FFFD one at a time.
std::uint32_t NextCodePoint(std::string_view s, std::size_t* i) {
  const auto b0 = static_cast<std::uint8_t>(s[*i]);
  std::size_t len = b0 < 0x80           ? 1
                    : (b0 >> 5) == 0x6  ? 2
                    : (b0 >> 4) == 0xE  ? 3
                    : (b0 >> 3) == 0x1E ? 4
                                        : 0;
  if (len == 0 || s.size() - *i < len) {
    ++*i;
    return 0xFFFD;
  }
  std::uint32_t cp = len == 1   ? b0
                     : len == 2 ? (b0 & 0x1Fu)
                     : len == 3 ? (b0 & 0x0Fu)
                                : (b0 & 0x07u);
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<std::uint8_t>(s[*i + k]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  *i += len;
  return cp;
}

// Rough: letters of scripts other than Latin and Cyrillic (Greek to CJK and beyond), excluding
// the punctuation, symbol and private-use blocks.
bool IsOtherLetter(std::uint32_t cp) {
  if (cp < 0x0370) return false;
  if (cp >= 0x0400 && cp <= 0x052F) return false;  // Cyrillic (handled apart)
  if (cp >= 0x1E00 && cp <= 0x1EFF) return false;  // Latin Extended Additional
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, ...
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xD800 && cp <= 0xF8FF) return false;  // surrogates, private use
  if (cp >= 0xFE00 && cp <= 0xFFFF) return false;  // variation selectors, specials, U+FFFD
  if (cp >= 0x1F000) return false;                 // emoji and beyond
  return true;
}

LetterCounts CountLetters(std::string_view text) {
  LetterCounts c;
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = NextCodePoint(text, &i);
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
        (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||
        (cp >= 0x1E00 && cp <= 0x1EFF)) {
      ++c.latin;
    } else if (cp >= 0x0400 && cp <= 0x052F) {
      ++c.cyrillic;
      if (cp >= 0x0410 && cp <= 0x042F) cp += 0x20;  // А-Я -> а-я
      if (cp >= 0x0400 && cp <= 0x040F) cp += 0x50;  // Ѐ-Џ -> ѐ-џ
      if (cp == 0x0490) cp = 0x0491;                 // Ґ -> ґ
      switch (cp) {
        case 0x0456:
          ++c.i_dotted;
          break;  // і
        case 0x045E:
          ++c.u_short;
          break;  // ў
        case 0x0438:
        case 0x0449:
        case 0x044A:
          ++c.ru_only;
          break;  // и щ ъ
        case 0x0457:
        case 0x0454:
        case 0x0491:
          ++c.uk_only;
          break;  // ї є ґ
        case 0x044B:
        case 0x044D:
          ++c.y_e;
          break;  // ы э
        default:
          break;
      }
    } else if (IsOtherLetter(cp)) {
      ++c.other;
    }
  }
  return c;
}

// Belarusian, Ukrainian or Russian from the letters that tell them apart: ў only in Belarusian;
// ї є ґ only in Ukrainian (which lacks ы э); і in both but never in Russian; и щ ъ never in
// Belarusian.
std::string CyrillicLanguage(const LetterCounts& c) {
  if (c.uk_only > c.y_e && c.uk_only > c.u_short) return "uk";
  if (c.i_dotted + c.u_short > c.ru_only) return "be";
  return "ru";
}

std::string GuessFromCounts(const LetterCounts& c) {
  switch (c.majority()) {
    case Script::kCyrillic:
      return CyrillicLanguage(c);
    case Script::kLatin:
      return "en";
    case Script::kOther:
    case Script::kNone:
      return "und";
  }
  return "und";
}

bool IsAsciiAlpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

// The script a language tag implies: an explicit script subtag wins ("be-Latn" is Łacinka).
Script ScriptOfTag(std::string_view tag, const std::string& primary) {
  std::string lower;
  for (char ch : tag) lower.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch);
  if (lower.find("-latn") != std::string::npos || lower.find("_latn") != std::string::npos) {
    return Script::kLatin;
  }
  if (lower.find("-cyrl") != std::string::npos || lower.find("_cyrl") != std::string::npos) {
    return Script::kCyrillic;
  }
  static constexpr std::string_view kCyrillic[] = {"be", "ru", "uk", "bg", "sr", "mk", "kk",
                                                   "ky", "tg", "mn", "ba", "tt", "cv"};
  static constexpr std::string_view kOther[] = {"zh", "ja", "ko", "ar", "he", "fa", "el", "ka",
                                                "hy", "hi", "th", "ur", "yi", "bn", "ta"};
  for (std::string_view l : kCyrillic) {
    if (primary == l) return Script::kCyrillic;
  }
  for (std::string_view l : kOther) {
    if (primary == l) return Script::kOther;
  }
  return Script::kLatin;
}

// The text decisively contradicts a declared be/ru/uk: its own markers are frequent (over 1% of
// the Cyrillic letters) and the declared language's are nearly absent.
bool CyrillicContradicts(const LetterCounts& c, const std::string& declared,
                         const std::string& guessed) {
  if (declared == guessed) return false;
  if (declared != "be" && declared != "ru" && declared != "uk") return false;
  auto frequent = [&](std::uint64_t n) { return n * 100 > c.cyrillic; };
  if (guessed == "be") {
    return frequent(c.i_dotted + c.u_short) && c.ru_only * 20 < c.i_dotted + c.u_short;
  }
  if (guessed == "ru") return frequent(c.ru_only) && (c.i_dotted + c.u_short) * 20 < c.ru_only;
  if (guessed == "uk") return frequent(c.uk_only);
  return false;
}

// Below this many letters, the text cannot contradict a declared language.
constexpr std::uint64_t kMinLettersToContradict = 40;

}  // namespace

std::optional<std::string> PrimaryLanguage(std::string_view tag) {
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  std::size_t n = 0;
  while (n < tag.size() && IsAsciiAlpha(tag[n])) ++n;
  if (n < 2 || n > 3) return std::nullopt;
  if (n < tag.size() && tag[n] != '-' && tag[n] != '_') return std::nullopt;
  std::string primary;
  for (std::size_t k = 0; k < n; ++k) {
    const char ch = tag[k];
    primary.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch);
  }
  // The ISO 639-2 codes of languages we meet, to their ISO 639-1 form.
  static constexpr std::pair<std::string_view, std::string_view> k6392[] = {
      {"bel", "be"}, {"rus", "ru"}, {"ukr", "uk"}, {"eng", "en"}, {"pol", "pl"},
      {"lit", "lt"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"}, {"fre", "fr"}};
  for (const auto& [three, two] : k6392) {
    if (primary == three) return std::string(two);
  }
  return primary;
}

std::string GuessLanguageFromText(std::string_view text) {
  return GuessFromCounts(CountLetters(text));
}

std::string GuessLanguage(std::string_view text, std::string_view html_lang) {
  const LetterCounts counts = CountLetters(text);
  const std::string guessed = GuessFromCounts(counts);
  const std::optional<std::string> declared = PrimaryLanguage(html_lang);
  if (!declared || *declared == "und" || *declared == "mul" || *declared == "zxx") return guessed;
  if (counts.letters() < kMinLettersToContradict) return *declared;
  if (ScriptOfTag(html_lang, *declared) != counts.majority()) return guessed;
  if (counts.majority() == Script::kCyrillic && CyrillicContradicts(counts, *declared, guessed)) {
    return guessed;
  }
  return *declared;
}

}  // namespace vestige::indexer
