// Attribute cutting for the pre-pass: see html_prepass.h.
#include "html_prepass.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vestige::common::html_internal {
namespace {

// The HTML5 tokenizer's white space once CR has become LF (the input stream's preprocessing).
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

bool EqualsLower(std::string_view raw, const std::string& lower) {
  if (raw.size() != lower.size()) return false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (ToLower(raw[i]) != lower[i]) return false;
  }
  return true;
}

// Read by gumbo's tree builder (see html_prepass.h): never cut.
const char* const kTreeBuilderReads[] = {"type", "color", "face", "size", "encoding"};

// Tags whose attributes all stay: formatting elements but <a> (their attributes are compared by
// the Noah's Ark clause), and <isindex> (its prompt becomes text, its action goes to a <form>).
bool KeepsAllAttributes(const std::string& tag) {
  static const char* const kTags[] = {"b", "big",   "code",   "em",     "font", "i", "nobr",
                                      "s", "small", "strike", "strong", "tt",   "u", "isindex"};
  return std::any_of(std::begin(kTags), std::end(kTags),
                     [&tag](const char* t) { return tag == t; });
}

struct Attribute {
  std::size_t space = 0;  // where the white space before the name starts
  std::size_t name = 0;
  std::size_t name_end = 0;
  std::size_t end = 0;  // after the value (after the name when there is none)
};

// The tokenizer's states inside a start tag, from "before attribute name" on.
enum class State {
  kBeforeName,
  kName,
  kAfterName,
  kBeforeValue,
  kUnquoted,
  kAfterQuoted,
  kSolidus
};

}  // namespace

AttributeFilter::AttributeFilter(const std::vector<std::string>& keep,
                                 const std::vector<std::string>& names_only)
    : active_(!keep.empty() || !names_only.empty()), keep_(keep), names_only_(names_only) {
  if (!active_) return;
  keep_.insert(keep_.begin(), std::begin(kTreeBuilderReads), std::end(kTreeBuilderReads));
}

AttributeFilter::Verdict AttributeFilter::Judge(std::string_view name) const {
  if (!active_) return Verdict::kKeep;
  const auto same = [name](const std::string& k) { return EqualsLower(name, k); };
  if (std::any_of(keep_.begin(), keep_.end(), same)) return Verdict::kKeep;
  if (std::any_of(names_only_.begin(), names_only_.end(), same)) return Verdict::kNameOnly;
  return Verdict::kDrop;
}

AttributeScan CutAttributes(std::string_view html, std::size_t p, std::size_t gt,
                            const std::string& lower_tag, const AttributeFilter& filter,
                            std::vector<std::pair<std::size_t, std::size_t>>* removed) {
  if (KeepsAllAttributes(lower_tag)) return AttributeScan::kLeftWhole;
  // Ranges are appended as attributes end, and taken back if the tag turns out odd.
  const std::size_t first = removed->size();
  const auto cut = [&filter, html, removed](const Attribute& attr) {
    switch (filter.Judge(html.substr(attr.name, attr.name_end - attr.name))) {
      case AttributeFilter::Verdict::kKeep:
        break;
      case AttributeFilter::Verdict::kNameOnly:
        // "href = 'x'" -> "href": what follows the value (white space, '/' or '>') follows the
        // name, which ends there as it ends before a value.
        if (attr.end > attr.name_end) removed->emplace_back(attr.name_end, attr.end);
        break;
      case AttributeFilter::Verdict::kDrop:
        // With the white space before it, unless a '/' follows: "<a b=1 c/>" must not become
        // "<a b=1/>", where the '/' is part of b's value.
        removed->emplace_back(html[attr.end] == '/' ? attr.name : attr.space, attr.end);
        break;
    }
  };
  bool odd = false;  // a parse error inside the tag: leave it whole
  // The names so far. A duplicate name is a parse error, and gumbo then drops the value of the
  // next attribute that has one, which may not be the duplicate's once values are cut.
  std::array<std::string_view, 32> names;
  std::size_t name_count = 0;
  const auto add_name = [&](std::string_view name) {
    for (std::size_t k = 0; k < name_count && !odd; ++k) odd = EqualsIgnoringCase(names[k], name);
    // Non-ASCII bytes: gumbo may read two different invalid sequences as the same U+FFFD.
    for (char ch : name) odd = odd || static_cast<unsigned char>(ch) >= 0x80;
    if (name_count == names.size()) odd = true;
    if (!odd) names[name_count++] = name;
  };
  State state = State::kBeforeName;
  Attribute a;
  a.space = p;
  const std::size_t n = html.size();
  std::size_t i = p;
  std::size_t end = std::string_view::npos;  // the '>' ending the tag
  while (i < n && end == std::string_view::npos) {
    const char c = html[i];
    if (c == '\0') odd = true;
    switch (state) {
      case State::kBeforeName:
        if (IsSpace(c)) {
          ++i;
        } else if (c == '/') {
          state = State::kSolidus;
          ++i;
        } else if (c == '>') {
          end = i;
        } else {
          // '=' and quotes start a name too, after a parse error.
          if (c == '=' || c == '"' || c == '\'' || c == '<' || a.space == i) odd = true;
          a.name = i++;
          state = State::kName;
        }
        break;
      case State::kName:
        if (IsSpace(c) || c == '/' || c == '>' || c == '=') {
          a.name_end = a.end = i;
          add_name(html.substr(a.name, a.name_end - a.name));
          state = c == '=' ? State::kBeforeValue : State::kAfterName;
          if (c == '/' || c == '>') continue;  // read again in kAfterName
        } else if (c == '"' || c == '\'' || c == '<') {
          odd = true;
        }
        ++i;
        break;
      case State::kAfterName:
        if (IsSpace(c)) {
          ++i;
        } else if (c == '=') {
          state = State::kBeforeValue;
          ++i;
        } else {
          cut(a);
          a = Attribute{a.name_end, 0, 0, 0};
          state = State::kBeforeName;  // '/', '>' or a new name
        }
        break;
      case State::kBeforeValue:
        if (IsSpace(c)) {
          ++i;
        } else if (c == '"' || c == '\'') {
          const std::size_t close = html.find(c, i + 1);
          if (close == std::string_view::npos) {
            removed->resize(first);
            return AttributeScan::kOutOfSync;
          }
          a.end = i = close + 1;
          cut(a);
          a = Attribute{};
          state = State::kAfterQuoted;
        } else if (c == '>') {  // a missing value: the attribute is empty
          odd = true;
          a.end = i;
          cut(a);
          end = i;
        } else {
          state = State::kUnquoted;
        }
        break;
      case State::kUnquoted:
        if (IsSpace(c) || c == '>') {
          a.end = i;
          cut(a);
          a = Attribute{};
          a.space = i;
          state = State::kBeforeName;
        } else {
          if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`') odd = true;
          ++i;
        }
        break;
      case State::kAfterQuoted:
        if (!IsSpace(c) && c != '/' && c != '>') odd = true;  // no white space before a name
        a.space = i;
        state = State::kBeforeName;
        break;
      case State::kSolidus:
        if (c == '>') {
          end = i;
        } else {
          odd = true;  // a '/' that does not close the tag
          a.space = i;
          state = State::kBeforeName;
        }
        break;
    }
  }
  if (end != gt || odd) {
    removed->resize(first);
    return end != gt ? AttributeScan::kOutOfSync : AttributeScan::kLeftWhole;
  }
  return AttributeScan::kDone;
}

}  // namespace vestige::common::html_internal
