// The only file that calls libcld2 (Debian's libcld2-dev, the "chrome" tables: 83 languages
// including be, ru, uk, pl, lt, de, en). See language_cld2.h.
#include "language_cld2.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>
// clang-format off
#include <cld2/public/encodings.h>
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace vestige::indexer::cld2 {
namespace {

// CLD2's codes that are not ISO 639-1 for a language we can name.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"iw", "he"}, {"jw", "jv"}, {"zh-Hant", "zh"}, {"sr-ME", "sr"}};

// CLD2's code to ours: aliases resolved, its pseudo-languages ("un", "xxx", "xx-Latn" script
// tags, "zzb" and the like, "tlh") to "und".
std::string NormalizeCode(std::string_view code) {
  for (const auto& [from, to] : kAliases) {
    if (code == from) return std::string(to);
  }
  if (code.size() < 2 || code.size() > 3) return "und";
  for (char c : code) {
    if (c < 'a' || c > 'z') return "und";
  }
  if (code == "un" || code == "xxx" || code == "tlh" || code.substr(0, 2) == "zz") return "und";
  return std::string(code);
}

// Length of a well-formed UTF-8 sequence at s[i] (1-4), or 0 when the bytes there are not one.
// Also 0 for code points CLD2 rejects as not "interchange valid": C0/C1 controls other than
// tab, newline and carriage return, DEL, and the noncharacters U+FDD0-FDEF and U+xFFFE/F.
std::size_t SequenceLength(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<std::uint8_t>(s[i]);
  if (b0 < 0x80) {
    const bool control = (b0 < 0x20 && b0 != '\t' && b0 != '\n' && b0 != '\r') || b0 == 0x7F;
    return control ? 0 : 1;
  }
  std::size_t len = 0;
  std::uint8_t lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  const auto b1 = static_cast<std::uint8_t>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  std::uint32_t cp = b0 & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
  cp = (cp << 6) | (b1 & 0x3Fu);
  for (std::size_t k = 2; k < len; ++k) {
    const auto b = static_cast<std::uint8_t>(s[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp >= 0x80 && cp <= 0x9F) return 0;
  if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return 0;
  return len;
}

// At most kMaxBytes of `text`, cut at a character boundary, with every byte that does not
// start a valid, interchange-valid sequence replaced by a space.
std::string Sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size() < kMaxBytes ? text.size() : kMaxBytes);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = SequenceLength(text, i);
    if (len == 0) {
      if (out.size() + 1 > kMaxBytes) break;
      out.push_back(' ');
      ++i;
      continue;
    }
    if (out.size() + len > kMaxBytes) break;
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

Detection Detect(std::string_view text) {
  Detection d;
  const std::string clean = Sanitize(text);
  if (clean.empty()) return d;
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE,
                                 CLD2::UNKNOWN_LANGUAGE};
  int percent3[3] = {0, 0, 0};
  double normalized_score3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix_bytes = 0;
  const CLD2::Language best = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      clean.data(), static_cast<int>(clean.size()), /*is_plain_text=*/true, &hints, /*flags=*/0,
      language3, percent3, normalized_score3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable,
      &valid_prefix_bytes);
  // Sanitize leaves only valid UTF-8; should CLD2 still disagree, it has said UNKNOWN.
  if (valid_prefix_bytes < static_cast<int>(clean.size())) return d;
  d.text_bytes = text_bytes;
  if (best == CLD2::UNKNOWN_LANGUAGE) return d;
  // CLD2 returns the second language when the first is English with under about 2/3 of the text
  // (on the web, that English is often boilerplate). Our text is the extracted main text, so an
  // English article quoting Russian is English: take the language with the most text.
  const CLD2::Language top = language3[0] == CLD2::UNKNOWN_LANGUAGE ? best : language3[0];
  const char* code = CLD2::LanguageCode(top);
  d.language = NormalizeCode(code == nullptr ? "" : code);
  d.reliable = reliable && d.language != "und";
  d.percent = top == language3[0] ? percent3[0] : 0;
  return d;
}

}  // namespace vestige::indexer::cld2
