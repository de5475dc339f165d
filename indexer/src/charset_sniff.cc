// Byte-level encoding evidence: BOM, <meta> prescan, UTF-8 validity, a legacy-encoding guess.
// No ICU here; the conversion and the final choice are in charset_icu.cc.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/indexer/charset.h"

namespace vestige::indexer {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// True when `s` at `pos` starts with `prefix`, ignoring ASCII case.
bool StartsWithNoCase(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (pos > s.size() || s.size() - pos < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ToLower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

struct Attribute {
  std::string name;   // lower case
  std::string value;  // as written
};

// The HTML standard's "get an attribute" (prescan), bounds-checked. Advances *pos; nullopt at
// the end of the tag or of the input.
std::optional<Attribute> GetAttribute(std::string_view s, std::size_t* pos) {
  std::size_t i = *pos;
  while (i < s.size() && (IsSpace(s[i]) || s[i] == '/')) ++i;
  if (i >= s.size() || s[i] == '>') {
    *pos = i;
    return std::nullopt;
  }
  Attribute attr;
  // The name: up to '=', white space, '/' or '>' (a leading '=' belongs to the name).
  do {
    attr.name.push_back(ToLower(s[i]));
    ++i;
  } while (i < s.size() && s[i] != '=' && s[i] != '/' && s[i] != '>' && !IsSpace(s[i]));
  while (i < s.size() && IsSpace(s[i])) ++i;
  if (i >= s.size() || s[i] != '=') {
    *pos = i;
    return attr;
  }
  ++i;  // '='
  while (i < s.size() && IsSpace(s[i])) ++i;
  if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
    const char quote = s[i++];
    const std::size_t end = s.find(quote, i);
    if (end == std::string_view::npos) {
      *pos = s.size();
      return std::nullopt;  // unterminated: the prescan gives up on this tag
    }
    attr.value.assign(s.substr(i, end - i));
    *pos = end + 1;
    return attr;
  }
  while (i < s.size() && !IsSpace(s[i]) && s[i] != '>') attr.value.push_back(s[i++]);
  *pos = i;
  return attr;
}

// The HTML standard's "extract a character encoding from a meta element" for a content value
// such as "text/html; charset=windows-1251".
std::optional<std::string> CharsetFromContent(std::string_view content) {
  std::size_t i = 0;
  while (true) {
    std::size_t found = std::string_view::npos;
    for (std::size_t k = i; k + 7 <= content.size(); ++k) {
      if (StartsWithNoCase(content, k, "charset")) {
        found = k;
        break;
      }
    }
    if (found == std::string_view::npos) return std::nullopt;
    i = found + 7;
    while (i < content.size() && IsSpace(content[i])) ++i;
    if (i < content.size() && content[i] == '=') break;
    // "charset" not followed by '=': look for the next one.
  }
  ++i;
  while (i < content.size() && IsSpace(content[i])) ++i;
  if (i >= content.size()) return std::nullopt;
  if (content[i] == '"' || content[i] == '\'') {
    const char quote = content[i++];
    const std::size_t end = content.find(quote, i);
    if (end == std::string_view::npos) return std::nullopt;
    return Lower(content.substr(i, end - i));
  }
  std::size_t end = i;
  while (end < content.size() && !IsSpace(content[end]) && content[end] != ';') ++end;
  if (end == i) return std::nullopt;
  return Lower(content.substr(i, end - i));
}

std::string Trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// Examines one <meta ...> whose attributes start at *pos; returns the charset it declares.
std::optional<std::string> MetaCharset(std::string_view s, std::size_t* pos) {
  bool got_pragma = false;
  std::optional<bool> need_pragma;  // nullopt: no charset seen yet
  std::optional<std::string> charset;
  bool seen_http_equiv = false, seen_content = false, seen_charset = false;
  while (auto attr = GetAttribute(s, pos)) {
    if (attr->name == "http-equiv" && !seen_http_equiv) {
      seen_http_equiv = true;
      if (Lower(Trim(attr->value)) == "content-type") got_pragma = true;
    } else if (attr->name == "content" && !seen_content) {
      seen_content = true;
      if (!charset) {
        if (auto c = CharsetFromContent(attr->value)) {
          charset = std::move(c);
          need_pragma = true;
        }
      }
    } else if (attr->name == "charset" && !seen_charset) {
      seen_charset = true;
      charset = Lower(Trim(attr->value));
      need_pragma = false;
    }
  }
  if (!charset || charset->empty() || !need_pragma.has_value()) return std::nullopt;
  if (*need_pragma && !got_pragma) return std::nullopt;
  return charset;
}

// Skips a tag name and its attributes (so a '>' inside a quoted value does not end it).
void SkipTag(std::string_view s, std::size_t* pos) {
  std::size_t i = *pos;
  while (i < s.size() && !IsSpace(s[i]) && s[i] != '>') ++i;
  *pos = i;
  while (GetAttribute(s, pos)) {
  }
}

}  // namespace

std::optional<std::string> BomCharset(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  return std::nullopt;
}

std::optional<std::string> PrescanMetaCharset(std::string_view bytes) {
  const std::string_view s = bytes.substr(0, std::min(bytes.size(), kMetaPrescanBytes));
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '<') {
      ++i;
      continue;
    }
    if (StartsWithNoCase(s, i, "<!--")) {
      // The "-->" may share its dashes with the opening "<!--" ("<!-->").
      const std::size_t end = s.find("-->", i + 2);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 3;
    } else if (StartsWithNoCase(s, i, "<meta") && i + 5 < s.size() &&
               (IsSpace(s[i + 5]) || s[i + 5] == '/')) {
      std::size_t pos = i + 5;
      if (auto charset = MetaCharset(s, &pos)) return charset;
      i = pos;
    } else if ((i + 1 < s.size() && IsAsciiAlpha(s[i + 1])) ||
               (i + 2 < s.size() && s[i + 1] == '/' && IsAsciiAlpha(s[i + 2]))) {
      std::size_t pos = i + 1;
      SkipTag(s, &pos);
      i = pos;
    } else if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '/' || s[i + 1] == '?')) {
      const std::size_t end = s.find('>', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      i = end + 1;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

namespace {

// Length of the well-formed UTF-8 sequence starting at bytes[i] (1-4), or 0 when there is none
// (overlongs, surrogates, code points above U+10FFFF, truncated or lone continuation bytes).
std::size_t Utf8SequenceLength(std::string_view bytes, std::size_t i) {
  const auto b0 = static_cast<std::uint8_t>(bytes[i]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  std::uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // > U+10FFFF
  } else {
    return 0;
  }
  if (bytes.size() - i < len) return 0;
  const auto b1 = static_cast<std::uint8_t>(bytes[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    const auto b = static_cast<std::uint8_t>(bytes[i + k]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

// The end of the run of ASCII bytes starting at `i` (8 bytes at a time: most HTML is ASCII).
std::size_t SkipAscii(std::string_view bytes, std::size_t i) {
  while (i + 8 <= bytes.size()) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
    i += 8;
  }
  while (i < bytes.size() && static_cast<std::uint8_t>(bytes[i]) < 0x80) ++i;
  return i;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    i = SkipAscii(bytes, i);
    if (i == bytes.size()) break;
    const std::size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

Utf8Stats CountUtf8(std::string_view bytes) {
  Utf8Stats stats;
  std::size_t i = 0;
  while (i < bytes.size()) {
    i = SkipAscii(bytes, i);
    if (i == bytes.size()) break;
    const std::size_t len = Utf8SequenceLength(bytes, i);
    if (len == 0) {
      ++stats.invalid;
      ++i;
      continue;
    }
    if (len > 1) ++stats.multibyte;
    i += len;
  }
  return stats;
}

std::string GuessLegacyCharset(std::string_view bytes) {
  // Counts letters outside markup. In the Cyrillic single-byte encodings every letter is a high
  // byte, so Cyrillic prose is mostly high bytes; in windows-1252 prose (French, German, ...)
  // accented letters are a small minority.
  std::uint64_t ascii_letters = 0, high_letters = 0;
  // Prose is mostly lower case, and each encoding puts its lower-case letters in its own 32-byte
  // window: windows-1251 at 0xE0-0xFF, KOI8 at 0xC0-0xDF, ISO-8859-5 at 0xD0-0xEF.
  std::uint64_t window_c0 = 0, window_d0 = 0, window_e0 = 0;
  bool koi8u_letters = false;  // і ї є ґ where KOI8-R has box-drawing characters
  bool in_tag = false;
  for (char c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    if (c == '<') {
      in_tag = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (in_tag) {
      continue;
    } else if (IsAsciiAlpha(c)) {
      ++ascii_letters;
    } else if (b >= 0xC0 || b == 0xA1 || b == 0xA2 || b == 0xA8 || b == 0xAA || b == 0xAF ||
               b == 0xB2 || b == 0xB3 || b == 0xB8 || b == 0xBA || b == 0xBF) {
      ++high_letters;
    }
    if (!in_tag) {
      if (b >= 0xC0 && b <= 0xDF) ++window_c0;
      if (b >= 0xD0 && b <= 0xEF) ++window_d0;
      if (b >= 0xE0) ++window_e0;
      if (b == 0xA4 || b == 0xA6 || b == 0xA7 || b == 0xAD || b == 0xB4 || b == 0xB6 || b == 0xB7 ||
          b == 0xBD) {
        koi8u_letters = true;
      }
    }
  }
  if (high_letters == 0 || high_letters < ascii_letters) return "windows-1252";
  if (window_c0 > window_e0 && window_c0 > window_d0) return koi8u_letters ? "koi8-u" : "koi8-r";
  if (window_d0 > window_e0 && window_d0 > window_c0) return "iso-8859-5";
  return "windows-1251";
}

}  // namespace vestige::indexer
