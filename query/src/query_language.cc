// StemmerForQuery: which stemmer the query side applies, decided from the query's script.
//
// Why by script: a query has no language tag, and the indexer stems English and Russian documents.
// Cyrillic words are most likely Russian (Belarusian words still match exactly, see searcher.h);
// Latin words most likely English. Pure code, no Xapian.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

enum class Script { kOther, kLatin, kCyrillic };

// Decodes the UTF-8 code point at text[*pos] and advances *pos; invalid bytes yield U+FFFD and
// advance by one, so any byte string terminates.
char32_t NextCodePoint(std::string_view text, std::size_t* pos) {
  const auto lead = static_cast<unsigned char>(text[*pos]);
  std::size_t extra = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    ++*pos;
    return U'\uFFFD';
  }
  if (*pos + extra >= text.size()) {  // truncated sequence
    ++*pos;
    return U'\uFFFD';
  }
  for (std::size_t i = 1; i <= extra; ++i) {
    const auto b = static_cast<unsigned char>(text[*pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++*pos;
      return U'\uFFFD';
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *pos += extra + 1;
  return cp;
}

Script ScriptOf(char32_t cp) {
  if ((cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z')) return Script::kLatin;
  if (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) return Script::kLatin;
  if (cp >= 0x0400 && cp <= 0x052F) return Script::kCyrillic;
  return Script::kOther;
}

// The script of a word's first letter; kOther when it has none.
Script WordScript(std::string_view word) {
  std::size_t pos = 0;
  while (pos < word.size()) {
    const Script s = ScriptOf(NextCodePoint(word, &pos));
    if (s != Script::kOther) return s;
  }
  return Script::kOther;
}

bool IsOperator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
         word == "ADJ";
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string StemmerForQuery(std::string_view query) {
  int latin = 0;
  int cyrillic = 0;
  std::size_t i = 0;
  while (i < query.size()) {
    while (i < query.size() && IsSpace(query[i])) ++i;
    const std::size_t start = i;
    while (i < query.size() && !IsSpace(query[i])) ++i;
    std::string_view word = query.substr(start, i - start);
    while (!word.empty() && (word.front() == '(' || word.front() == '"' || word.front() == '+' ||
                             word.front() == '-')) {
      word.remove_prefix(1);
    }
    if (word.empty() || IsOperator(word)) continue;
    // Boolean filters name hosts and language codes, not words to stem.
    if (word.starts_with("site:") || word.starts_with("lang:") || word.starts_with("person:") ||
        word.starts_with("crime:") || word.starts_with("published:") ||
        word.starts_with("captured:")) {
      continue;
    }
    if (word.starts_with("title:")) word.remove_prefix(6);
    switch (WordScript(word)) {
      case Script::kLatin:
        ++latin;
        break;
      case Script::kCyrillic:
        ++cyrillic;
        break;
      case Script::kOther:
        break;
    }
  }
  return cyrillic > latin ? "russian" : "english";
}

}  // namespace vestige::query
