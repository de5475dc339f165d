// Language of a page: CLD2 for the language, letter evidence for Belarusian / Russian /
// Ukrainian, and the page's <html lang> when the text cannot tell. See language.h.
#include "vestige/indexer/language.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "language_cld2.h"

namespace vestige::indexer {
namespace {

enum class Script { kNone, kLatin, kCyrillic, kOther };

// Letter counts of a text. Cyrillic letters are folded to lower case before counting markers.
struct LetterCounts {
  std::uint64_t latin = 0, cyrillic = 0, other = 0;
  std::uint64_t i_dotted = 0;  // і (be, uk; never ru)
  std::uint64_t u_short = 0;   // ў (be only)
  std::uint64_t i_ru = 0;      // и (ru, uk; never be)
  std::uint64_t shcha = 0;     // щ (ru, uk; never be)
  std::uint64_t hard = 0;      // ъ (ru only)
  std::uint64_t uk_only = 0;   // ї є ґ (uk only)
  std::uint64_t y_e_yo = 0;    // ы э ё (ru, be; never uk, bg, sr, mk)
  std::uint64_t soft = 0;      // й ь ю я (be, ru, uk, bg; never sr, mk)

  std::uint64_t letters() const { return latin + cyrillic + other; }
  Script majority() const {
    if (letters() == 0) return Script::kNone;
    if (cyrillic >= latin && cyrillic >= other) return Script::kCyrillic;
    if (latin >= other) return Script::kLatin;
    return Script::kOther;
  }
  // How many letters of the text the language never writes: the evidence against it.
  std::uint64_t Impossible(std::string_view language) const {
    if (language == "be") return i_ru + shcha + hard + uk_only;
    if (language == "ru") return i_dotted + u_short + uk_only;
    if (language == "uk") return y_e_yo + hard + u_short;
    if (language == "bg") return y_e_yo + i_dotted + u_short + uk_only;
    if (language == "sr" || language == "mk") {
      return y_e_yo + i_dotted + u_short + uk_only + shcha + hard + soft;
    }
    return 0;
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
        case 0x0456:  // і
          ++c.i_dotted;
          break;
        case 0x045E:  // ў
          ++c.u_short;
          break;
        case 0x0438:  // и
          ++c.i_ru;
          break;
        case 0x0449:  // щ
          ++c.shcha;
          break;
        case 0x044A:  // ъ
          ++c.hard;
          break;
        case 0x0457:  // ї
        case 0x0454:  // є
        case 0x0491:  // ґ
          ++c.uk_only;
          break;
        case 0x044B:  // ы
        case 0x044D:  // э
        case 0x0451:  // ё
          ++c.y_e_yo;
          break;
        case 0x0439:  // й
        case 0x044C:  // ь
        case 0x044E:  // ю
        case 0x044F:  // я
          ++c.soft;
          break;
        default:
          break;
      }
    } else if (IsOtherLetter(cp)) {
      ++c.other;
    }
  }
  return c;
}

bool IsEastSlavic(std::string_view language) {
  return language == "be" || language == "ru" || language == "uk";
}

// The letters rule out `language` (be, ru, uk, bg, sr or mk): over kContradictPercent of the
// Cyrillic letters are ones it never writes. A Belarusian article quoting Russian at length
// still has far fewer и than a Russian text (about 7.5% of its letters).
constexpr std::uint64_t kContradictPercent = 2;
bool LettersRuleOut(const LetterCounts& c, std::string_view language) {
  const std::uint64_t impossible = c.Impossible(language);
  return impossible > 0 && impossible * 100 > c.cyrillic * kContradictPercent;
}

// The East Slavic language the letters point to, or nullopt when they cannot tell: the only one
// not ruled out, or among several the one with under a quarter of the next one's impossible
// letters ("Вясна" fits all three; "Навіны" only Belarusian).
std::optional<std::string> EastSlavicByLetters(const LetterCounts& c) {
  static constexpr std::string_view kLanguages[] = {"be", "ru", "uk"};
  std::string_view best, second;
  for (std::string_view candidate : kLanguages) {
    if (LettersRuleOut(c, candidate)) continue;
    if (best.empty() || c.Impossible(candidate) < c.Impossible(best)) {
      second = best;
      best = candidate;
    } else if (second.empty() || c.Impossible(candidate) < c.Impossible(second)) {
      second = candidate;
    }
  }
  if (best.empty()) return std::nullopt;
  if (!second.empty() && c.Impossible(best) * 4 >= c.Impossible(second)) return std::nullopt;
  return std::string(best);
}

// Cyrillic languages CLD2 offers for short Russian or Ukrainian text.
bool IsSouthSlavicCyrillic(std::string_view language) {
  return language == "bg" || language == "sr" || language == "mk";
}

// The language of the text alone: CLD2's when reliable, corrected or supplied by the letters
// that tell Belarusian, Russian and Ukrainian apart; "und" otherwise.
std::string TextLanguage(const LetterCounts& c, const cld2::Detection& cld) {
  std::string language = cld.reliable ? cld.language : "und";
  if (c.majority() != Script::kCyrillic) return language;
  if (IsSouthSlavicCyrillic(language) && LettersRuleOut(c, language)) language = "und";
  if (language == "und") return EastSlavicByLetters(c).value_or("und");
  if (IsEastSlavic(language) && LettersRuleOut(c, language)) {
    return EastSlavicByLetters(c).value_or("und");
  }
  return language;
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

// Languages CLD2 tells apart poorly, where a page's own declaration is the better evidence.
bool CloseLanguages(std::string_view a, std::string_view b) {
  static constexpr std::string_view kGroups[][4] = {
      {"bs", "hr", "sr", "sh"}, {"no", "nb", "nn", "da"}, {"id", "ms", "", ""}};
  for (const auto& group : kGroups) {
    bool has_a = false, has_b = false;
    for (std::string_view l : group) {
      if (l.empty()) continue;
      has_a = has_a || l == a;
      has_b = has_b || l == b;
    }
    if (has_a && has_b) return true;
  }
  return false;
}

// Below this many letters, the text does not overrule a declared language of the same script
// (unless the letters rule a declared be/ru/uk out).
constexpr std::uint64_t kMinLettersToOverrule = 40;

std::string Combine(const LetterCounts& c, const std::string& text_language,
                    std::string_view html_lang) {
  const std::string declared = PrimaryLanguage(html_lang).value_or("");
  if (declared.empty() || declared == "und" || declared == "mul" || declared == "zxx") {
    return text_language;
  }
  if (c.letters() == 0 || declared == text_language) return declared;
  // A template's lang="en" on a Cyrillic page, or lang="be" on a page in Łacinka.
  if (ScriptOfTag(html_lang, declared) != c.majority()) return text_language;
  if (c.majority() == Script::kCyrillic && IsEastSlavic(declared) && LettersRuleOut(c, declared)) {
    return text_language;
  }
  if (text_language == "und" || c.letters() < kMinLettersToOverrule) return declared;
  if (CloseLanguages(declared, text_language)) return declared;
  return text_language;
}

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
  // The ISO 639-2 codes of languages we meet, and withdrawn 639-1 codes, to their current
  // ISO 639-1 form (the one GuessLanguage returns).
  static constexpr std::pair<std::string_view, std::string_view> k6392[] = {
      {"bel", "be"}, {"rus", "ru"}, {"ukr", "uk"}, {"eng", "en"}, {"pol", "pl"}, {"lit", "lt"},
      {"deu", "de"}, {"ger", "de"}, {"fra", "fr"}, {"fre", "fr"}, {"lav", "lv"}, {"est", "et"},
      {"spa", "es"}, {"ita", "it"}, {"nld", "nl"}, {"dut", "nl"}, {"por", "pt"}, {"iw", "he"},
      {"in", "id"},  {"ji", "yi"},  {"jw", "jv"}};
  for (const auto& [three, two] : k6392) {
    if (primary == three) return std::string(two);
  }
  return primary;
}

std::string GuessLanguageFromText(std::string_view text) { return GuessLanguage(text, ""); }

std::string GuessLanguage(std::string_view text, std::string_view html_lang) {
  const LetterCounts counts = CountLetters(text);
  const std::string text_language =
      counts.letters() == 0 ? std::string("und") : TextLanguage(counts, cld2::Detect(text));
  return Combine(counts, text_language, html_lang);
}

}  // namespace vestige::indexer
