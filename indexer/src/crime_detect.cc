// Word tokens, normalization, and crime-type trigger matching. See entities.h.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entity_tables.h"
#include "vestige/common/utf8.h"
#include "vestige/indexer/entities.h"

namespace vestige::indexer {
namespace {

// Decodes one UTF-8 code point at s[*i], advancing *i; U+FFFD for a bad byte.
char32_t Next(std::string_view s, std::size_t* i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(*i);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(*i + k) & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b(*i + k) & 0x3F);
  }
  *i += len;
  return cp;
}

bool IsUpper(char32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
  if (c >= 0x400 && c <= 0x42F) return true;
  if (c >= 0x100 && c <= 0x17F) {
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    return odd_upper ? (c % 2 == 1) : (c % 2 == 0 && c != 0x138);
  }
  return false;
}

char32_t Lower(char32_t c) {
  if (!IsUpper(c)) return c;
  if (c < 0x80 || (c >= 0xC0 && c <= 0xDE) || (c >= 0x410 && c <= 0x42F)) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c + 1;  // Latin Extended-A pairs
}

bool IsLetter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x300 && c <= 0x36F) return true;  // combining marks
  return c >= 0x370 && c <= 0x52F;            // Greek, Cyrillic
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool IsCyrConsonant(char32_t c) {
  if (c < 0x430 || c > 0x45F) return false;
  switch (c) {
    case 0x430:
    case 0x435:
    case 0x451:
    case 0x438:
    case 0x439:
    case 0x43E:
    case 0x443:
    case 0x44B:
    case 0x44C:
    case 0x44A:
    case 0x44D:
    case 0x44E:
    case 0x44F:
    case 0x456:
    case 0x454:
    case 0x457:
      return false;
    default:
      return true;
  }
}

}  // namespace

std::string NormalizeWord(std::string_view word) {
  // ASCII words (most of them): only case folding applies; the other rules are for Cyrillic.
  if (std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; })) {
    std::string out(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
  }
  std::u32string cps;
  for (std::size_t i = 0; i < word.size();) {
    char32_t c = Lower(Next(word, &i));
    if (IsApostrophe(c)) c = '\'';
    if (c == 0x451) c = 0x435;                                        // ё -> е
    if (c == 0x45E && (cps.empty() || cps.back() == '-')) c = 0x443;  // initial ў -> у
    cps.push_back(c);
  }
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == 0x44C && i + 1 < cps.size() && IsCyrConsonant(cps[i + 1])) continue;
    common::AppendUtf8(cps[i], &out);
  }
  return out;
}

std::vector<WordToken> Tokenize(const std::vector<std::string>& paragraphs, bool split_hyphens) {
  std::vector<WordToken> out;
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    const std::string_view text = paragraphs[p];
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t start = i;
      char32_t c = Next(text, &i);
      if (!IsLetter(c)) continue;
      WordToken t;
      t.paragraph = p;
      t.capitalized = IsUpper(c);
      std::size_t end = i;
      while (i < text.size()) {
        std::size_t at = i;
        const char32_t d = Next(text, &at);
        if (IsLetter(d)) {
          i = end = at;
          continue;
        }
        // An apostrophe or hyphen inside a word, followed by a letter.
        if (IsApostrophe(d) || (!split_hyphens && IsHyphen(d))) {
          std::size_t after = at;
          if (after < text.size() && IsLetter(Next(text, &after))) {
            i = end = after;
            continue;
          }
        }
        break;
      }
      t.text = std::string(text.substr(start, end - start));
      if (i < text.size() && text[i] == '.') {
        std::size_t one = start;
        Next(text, &one);
        t.initial = t.capitalized && one == end;
      }
      t.lower = NormalizeWord(t.text);
      out.push_back(std::move(t));
    }
  }
  return out;
}

void BuildCrimeTables(const common::Taxonomy& taxonomy, EntityDetector::CrimeTables* out) {
  const auto& types = taxonomy.types();
  for (std::size_t t = 0; t < types.size(); ++t) {
    std::map<std::string, std::size_t> seen;  // ru and be share some triggers
    for (const auto& [language, list] : types[t].triggers) {
      for (const std::string& phrase : list) {
        EntityDetector::CrimeTables::Trigger trigger;
        trigger.type = t;
        std::string canonical;
        std::size_t start = 0;
        while (start < phrase.size()) {
          std::size_t end = phrase.find(' ', start);
          if (end == std::string::npos) end = phrase.size();
          std::string piece = phrase.substr(start, end - start);
          start = end + 1;
          const bool prefix = !piece.empty() && piece.back() == '*';
          if (prefix) piece.pop_back();
          for (const WordToken& w : Tokenize({piece}, true)) {
            trigger.words.push_back({w.lower, false});
          }
          if (prefix && !trigger.words.empty()) trigger.words.back().prefix = true;
        }
        if (trigger.words.empty()) continue;
        for (const auto& word : trigger.words) canonical += word.text + (word.prefix ? "* " : " ");
        if (auto it = seen.find(canonical); it != seen.end()) {
          out->triggers[it->second].languages.insert(language);
          continue;
        }
        trigger.languages.insert(language);
        const std::size_t index = out->triggers.size();
        seen[canonical] = index;
        const auto& first = trigger.words.front();
        (first.prefix ? out->by_prefix : out->by_exact)[first.text].push_back(index);
        if (first.prefix) {
          const std::size_t n = first.text.size();
          out->min_prefix_bytes =
              out->min_prefix_bytes == 0 ? n : std::min(out->min_prefix_bytes, n);
          out->max_prefix_bytes = std::max(out->max_prefix_bytes, n);
        }
        out->triggers.push_back(std::move(trigger));
      }
    }
  }
}

// Triggers of all three languages apply to every page: pages mix languages (a Belarusian article
// in a Russian layout, Russian quotes in English text), and scripts keep en apart from ru/be.
std::vector<common::CrimeMention> EntityDetector::Crimes(const std::vector<std::string>& paragraphs,
                                                         std::string_view /*language*/) const {
  std::vector<common::CrimeMention> out;
  if (!crimes_ || !taxonomy_) return out;
  const std::vector<WordToken> words = Tokenize(paragraphs, true);
  const auto& types = taxonomy_->types();
  std::vector<int> counts(types.size(), 0);
  const auto word_matches = [](const CrimeTables::Word& w, const WordToken& t) {
    if (!w.prefix) return t.lower == w.text;
    return t.lower.size() >= w.text.size() && t.lower.compare(0, w.text.size(), w.text) == 0;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::set<std::size_t> hit_types;  // one count per type and position
    const auto try_trigger = [&](std::size_t index) {
      const CrimeTables::Trigger& trigger = crimes_->triggers[index];
      if (i + trigger.words.size() > words.size()) return;
      for (std::size_t k = 0; k < trigger.words.size(); ++k) {
        if (words[i + k].paragraph != words[i].paragraph) return;
        if (!word_matches(trigger.words[k], words[i + k])) return;
      }
      hit_types.insert(trigger.type);
    };
    const std::string_view lower = words[i].lower;
    if (auto it = crimes_->by_exact.find(lower); it != crimes_->by_exact.end()) {
      for (std::size_t index : it->second) try_trigger(index);
    }
    const std::size_t longest = std::min(lower.size(), crimes_->max_prefix_bytes);
    for (std::size_t len = std::max<std::size_t>(1, crimes_->min_prefix_bytes); len <= longest;
         ++len) {
      if (len < lower.size() && (static_cast<unsigned char>(lower[len]) & 0xC0) == 0x80) continue;
      auto it = crimes_->by_prefix.find(lower.substr(0, len));
      if (it == crimes_->by_prefix.end()) continue;
      for (std::size_t index : it->second) try_trigger(index);
    }
    for (std::size_t t : hit_types) ++counts[t];
  }
  for (std::size_t t = 0; t < types.size(); ++t) {
    if (counts[t] == 0) continue;
    common::CrimeMention m;
    m.id = types[t].id;
    m.label = types[t].label;
    m.count = counts[t];
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace vestige::indexer
