// Snippets (see xapian_snippet.h).
#include "xapian_snippet.h"

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace vestige::query::internal {
namespace {

// Highlight markers handed to MSet::snippet and taken out again by DecodeSnippet. Control bytes
// that cannot survive in our text (Make strips them from the input first).
constexpr char kHighlightStart = '\x01';
constexpr char kHighlightEnd = '\x02';
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

// The first UTF-8 character of `s` (its bytes), or "" for an empty string.
std::string_view FirstCharacter(std::string_view s) {
  if (s.empty()) return s;
  const auto lead = static_cast<unsigned char>(s[0]);
  const std::size_t n = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
  return s.substr(0, std::min(n, s.size()));
}

// Stems only words that could stem to one of the query's Z terms (same first character); every
// other word becomes "" ("Z" + "" is no term of ours).
class PrefilterStem : public Xapian::StemImplementation {
 public:
  PrefilterStem(Xapian::Stem real, std::set<std::string> first_characters)
      : real_(std::move(real)), first_characters_(std::move(first_characters)) {}

  std::string operator()(const std::string& word) override {
    if (first_characters_.count(std::string(FirstCharacter(word))) == 0) return std::string();
    return real_(word);
  }
  std::string get_description() const override {
    return "PrefilterStem(" + real_.get_description() + ")";
  }

 private:
  Xapian::Stem real_;
  std::set<std::string> first_characters_;
};

}  // namespace

Snippet DecodeSnippet(std::string_view marked) {
  Snippet out;
  out.text.reserve(marked.size());
  // Start of the open highlight, kNoSpan when none (a sentinel rather than std::optional, which
  // GCC 12 at -O2 flags as maybe-uninitialized).
  constexpr std::size_t kNoSpan = static_cast<std::size_t>(-1);
  std::size_t open = kNoSpan;
  std::size_t i = 0;
  while (i < marked.size()) {
    const char c = marked[i];
    if (c == kHighlightStart) {
      open = out.text.size();
      ++i;
    } else if (c == kHighlightEnd) {
      if (open != kNoSpan && open < out.text.size()) {
        out.highlights.push_back({open, out.text.size()});
      }
      open = kNoSpan;
      ++i;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      if (!out.text.empty() && out.text.back() != ' ') out.text.push_back(' ');
      ++i;
    } else if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool replaced = false;
      for (const auto& [entity, ch] : kEntities) {
        if (marked.substr(i, entity.size()) == entity) {
          out.text.push_back(ch);
          i += entity.size();
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        out.text.push_back('&');
        ++i;
      }
    } else {
      out.text.push_back(c);
      ++i;
    }
  }
  while (!out.text.empty() && out.text.back() == ' ') out.text.pop_back();
  for (auto& span : out.highlights) span.end = std::min(span.end, out.text.size());
  return out;
}

SnippetMaker::SnippetMaker(const Xapian::MSet& mset, const Xapian::Query& query,
                           const Xapian::Stem& stemmer, std::size_t bytes)
    : mset_(mset), bytes_(bytes) {
  std::set<std::string> first_characters;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.size() > 1 && term[0] == 'Z') {
      first_characters.emplace(FirstCharacter(std::string_view(term).substr(1)));
    }
  }
  stemmer_ = Xapian::Stem(new PrefilterStem(stemmer, std::move(first_characters)));
}

Snippet SnippetMaker::Make(const std::string& text) const {
  const std::string* source = &text;
  std::string cleaned;
  if (text.find_first_of(std::string{kHighlightStart, kHighlightEnd}) != std::string::npos) {
    cleaned = text;
    std::erase_if(cleaned, [](char c) { return c == kHighlightStart || c == kHighlightEnd; });
    source = &cleaned;
  }
  const std::string marked =
      mset_.snippet(*source, bytes_, stemmer_, /*flags=*/0, std::string(1, kHighlightStart),
                    std::string(1, kHighlightEnd), std::string(kEllipsis));
  return DecodeSnippet(marked);
}

}  // namespace vestige::query::internal
