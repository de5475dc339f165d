// NameKey: the script-independent folding key of ../shared/domain/transliteration.md §3.
// The only file of common that calls ICU for names (normalization, case folding, Any-Latin for
// scripts other than Latin and Cyrillic). Reentrant: ICU objects are created per call or are
// immutable singletons, and the memo of computed keys is per thread.
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vestige/common/gazetteer.h"

namespace vestige::common {
namespace {

bool IsCyrillic(UChar32 c) { return c >= 0x0400 && c <= 0x04FF; }
bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2032 || c == 0x02B9 || c == 0x2018 ||
         c == 0x0060 || c == 0x00B4;
}
// Cyrillic (lower case) to the English-style skeleton of §3 step 2. Iotated vowels always give
// y + vowel; the fold of step 4 (y -> i, glide i dropped before a vowel) makes that right after
// consonants too.
const char* CyrillicLatin(UChar32 c) {
  switch (c) {
    case 0x0430:
      return "a";
    case 0x0431:
      return "b";
    case 0x0432:
      return "v";
    case 0x0433:
      return "h";
    case 0x0434:
      return "d";
    case 0x0435:
      return "ye";
    case 0x0451:
      return "yo";
    case 0x0436:
      return "zh";
    case 0x0437:
      return "z";
    case 0x0438:
      return "i";
    case 0x0439:
      return "y";
    case 0x043A:
      return "k";
    case 0x043B:
      return "l";
    case 0x043C:
      return "m";
    case 0x043D:
      return "n";
    case 0x043E:
      return "o";
    case 0x043F:
      return "p";
    case 0x0440:
      return "r";
    case 0x0441:
      return "s";
    case 0x0442:
      return "t";
    case 0x0443:
      return "u";
    case 0x045E:
      return "w";
    case 0x0444:
      return "f";
    case 0x0445:
      return "kh";
    case 0x0446:
      return "ts";
    case 0x0447:
      return "ch";
    case 0x0448:
      return "sh";
    case 0x0449:
      return "shch";
    case 0x044A:
      return "";
    case 0x044B:
      return "y";
    case 0x044C:
      return "";
    case 0x044D:
      return "e";
    case 0x044E:
      return "yu";
    case 0x044F:
      return "ya";
    case 0x0456:
      return "i";
    case 0x0457:
      return "yi";
    case 0x0454:
      return "ye";
    case 0x0491:
      return "g";
    case 0x0458:
      return "y";
    default:
      return nullptr;
  }
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool Has(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s->find(from, pos)) != std::string::npos) {
    s->replace(pos, from.size(), to);
    pos += to.size();
  }
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Latin pre-map by source convention (§3 step 3), chosen per word from its letters. Placeholders
// in upper case (C = ч, S = ш, Z = ж, K = х) keep the digraphs apart until the end.
std::string LatinPremap(std::string w) {
  static const char* kMarks[] = {"ł", "ś", "ć", "ź", "ń", "ŭ", "ž", "ż", "š", "č", "ĺ",
                                 "ą", "ę", "ó", "á", "é", "í", "ý", "ě", "ř", "ǔ", "ů"};
  bool slavic = Has(w, "cz") || Has(w, "sz") || Has(w, "ck");
  for (const char* m : kMarks) slavic = slavic || Has(w, m);
  for (std::size_t i = 0; i + 1 < w.size() && !slavic; ++i) {
    if (w[i] == 'c' && std::string_view("aeiouy").find(w[i + 1]) != std::string_view::npos) {
      slavic = true;
    }
  }
  const bool english_digraphs = Has(w, "kh") || Has(w, "sh") || Has(w, "zh") || Has(w, "ts");
  const bool german =
      !slavic &&
      (Has(w, "sch") || (Has(w, "ch") && !english_digraphs && (Has(w, "w") || Has(w, "j"))));
  const bool french = !slavic && !german && w.size() > 3 && Has(w, "ch") && !english_digraphs &&
                      w.compare(1, 2, "ou") == 0;
  if (slavic) {
    ReplaceAll(&w, "szcz", "SC");
    ReplaceAll(&w, "ch", "K");
    ReplaceAll(&w, "cz", "C");
    ReplaceAll(&w, "sz", "S");
    ReplaceAll(&w, "rz", "Z");
    ReplaceAll(&w, "č", "C");
    ReplaceAll(&w, "š", "S");
    ReplaceAll(&w, "ž", "Z");
    ReplaceAll(&w, "ż", "Z");
    ReplaceAll(&w, "ć", "ts");
    ReplaceAll(&w, "c", "ts");
    ReplaceAll(&w, "w", "v");
    if (EndsWith(w, "ska")) w += "ya";
    if (EndsWith(w, "ská")) w = w.substr(0, w.size() - 2) + "aya";
  } else if (german) {
    ReplaceAll(&w, "tsch", "C");
    ReplaceAll(&w, "sch", "S");
    ReplaceAll(&w, "ch", "K");
    ReplaceAll(&w, "z", "ts");
    ReplaceAll(&w, "w", "v");
  } else if (french) {
    ReplaceAll(&w, "ou", "u");
    ReplaceAll(&w, "tch", "C");
    ReplaceAll(&w, "ch", "S");
  } else {
    if (EndsWith(w, "vic")) w += "h";
    std::string out;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (w[i] != 'c') {
        out += w[i];
        continue;
      }
      const char next = i + 1 < w.size() ? w[i + 1] : '\0';
      if (next == 'h') {
        out += 'c';
      } else if (next == 'k') {
        // "ck" -> k
      } else if (next == 'e' || next == 'i' || next == 'y' || next == '\0') {
        out += "ts";
      } else {
        out += 'k';
      }
    }
    w = out;
  }
  ReplaceAll(&w, "C", "ch");
  ReplaceAll(&w, "S", "sh");
  ReplaceAll(&w, "Z", "zh");
  ReplaceAll(&w, "K", "kh");
  return w;
}

// Strips diacritics left after the pre-map, and romanizes any other script.
std::string ToAscii(const std::string& word) {
  bool ascii = true;
  for (unsigned char c : word) ascii = ascii && c < 0x80;
  if (ascii) return word;
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Transliterator* kAscii = [] {
    UErrorCode st = U_ZERO_ERROR;
    icu::Transliterator* t = icu::Transliterator::createInstance(
        "Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC; Latin-ASCII", UTRANS_FORWARD, st);
    return U_SUCCESS(st) ? t : nullptr;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  if (kAscii != nullptr) {
    std::unique_ptr<icu::Transliterator> t(kAscii->clone());
    t->transliterate(u);
  }
  (void)status;
  std::string out;
  for (char c : ToUtf8(u)) {
    const unsigned char uc = static_cast<unsigned char>(c);
    if ((uc >= 'a' && uc <= 'z') || (uc >= '0' && uc <= '9') || uc == '-') out += c;
    if (uc >= 'A' && uc <= 'Z') out += static_cast<char>(uc - 'A' + 'a');
  }
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// §3 step 4 on an ASCII lower-case word.
std::string Fold(std::string w) {
  ReplaceAll(&w, "x", "ks");
  ReplaceAll(&w, "tz", "ts");
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == 'w') w[i] = (i > 0 && IsVowel(w[i - 1])) ? 'u' : 'v';
  }
  for (char& c : w) {
    if (c == 'j' || c == 'y') c = 'i';
  }
  std::string out;
  for (char c : w) {
    if (out.empty() || out.back() != c || c == '-') out += c;
  }
  std::string dropped;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char next = i + 1 < out.size() ? out[i + 1] : '\0';
    if (out[i] == 'i' && (next == 'a' || next == 'e' || next == 'o' || next == 'u')) continue;
    dropped += out[i];
  }
  ReplaceAll(&dropped, "kh", "h");
  for (char& c : dropped) {
    if (c == 'g') c = 'h';
  }
  return dropped;
}

std::string FoldWord(const std::u32string& word) {
  bool cyrillic = false;
  for (char32_t c : word) cyrillic = cyrillic || IsCyrillic(static_cast<UChar32>(c));
  std::string latin;
  if (cyrillic) {
    for (std::size_t i = 0; i < word.size(); ++i) {
      UChar32 c = static_cast<UChar32>(word[i]);
      if (c == 0x045E && (i == 0 || word[i - 1] == '-')) c = 0x0443;  // word-initial ў -> у
      // Homoglyphs typed on the wrong keyboard: Latin letters inside a Cyrillic word.
      if (c == 'i') c = 0x0456;
      if (c == 'a') c = 0x0430;
      if (c == 'e') c = 0x0435;
      if (c == 'o') c = 0x043E;
      if (c == 'c') c = 0x0441;
      if (c == 'p') c = 0x0440;
      if (c == 'x') c = 0x0445;
      if (const char* s = CyrillicLatin(c)) {
        latin += s;
      } else {
        icu::UnicodeString one(c);
        latin += ToUtf8(one);
      }
    }
    return Fold(ToAscii(latin));
  }
  icu::UnicodeString u;
  for (char32_t c : word) u.append(static_cast<UChar32>(c));
  return Fold(ToAscii(LatinPremap(ToUtf8(u))));
}

std::string ComputeNameKey(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_SUCCESS(status)) u = nfkc->normalize(u, status);
  u.foldCase();
  // Split into words of letters, digits and hyphens; apostrophes vanish; anything else separates.
  std::vector<std::u32string> words(1);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (IsApostrophe(c)) continue;
    if (u_isalnum(c) || c == '-' || u_charType(c) == U_NON_SPACING_MARK) {
      words.back().push_back(static_cast<char32_t>(c));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  std::string key;
  for (std::u32string& word : words) {
    // Taraškievica: ь before a consonant is dropped (it is dropped in any case by the map).
    if (word.empty()) continue;
    std::string folded = FoldWord(word);
    while (!folded.empty() && folded.front() == '-') folded.erase(0, 1);
    while (!folded.empty() && folded.back() == '-') folded.pop_back();
    if (folded.empty()) continue;
    if (!key.empty()) key += ' ';
    key += folded;
  }
  return key;
}

// NameKey is pure, and the indexer asks it for the same capitalized words on page after page
// (issue 7: ICU's normalization and case folding were 4.5% of its instructions): each thread keeps
// the keys of the words it has seen, forgetting all of them once it holds kMemoSize.
constexpr std::size_t kMemoSize = 8192;
constexpr std::size_t kMemoMaxName = 64;  // bytes; longer names are computed every time

}  // namespace

std::string NameKey(std::string_view name) {
  if (name.size() > kMemoMaxName) return ComputeNameKey(name);
  thread_local std::unordered_map<std::string, std::string> memo;
  std::string lookup(name);
  if (auto it = memo.find(lookup); it != memo.end()) return it->second;
  std::string key = ComputeNameKey(name);
  if (memo.size() >= kMemoSize) memo.clear();
  memo.emplace(std::move(lookup), key);
  return key;
}

}  // namespace vestige::common
