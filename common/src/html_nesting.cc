// The nesting guard: see html_nesting.h. The tokenizer and tree rules here are a deliberately
// rough model of HTML5 (WHATWG "tree construction"): they only need to keep the estimated depth
// near the real one for ordinary pages and not far below it for hostile ones.
#include "html_nesting.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace vestige::common::html_internal {
namespace {

using NameSet = std::unordered_set<std::string_view>;

const NameSet& VoidElements() {
  static const NameSet kSet = {"area",  "base",   "basefont", "bgsound", "br",    "col",
                               "embed", "frame",  "hr",       "image",   "img",   "input",
                               "keygen", "link",  "meta",     "param",   "source", "track",
                               "wbr"};
  return kSet;
}
// Elements whose content the tokenizer reads as text up to the matching end tag.
const NameSet& RawTextElements() {
  static const NameSet kSet = {"script",  "style",    "textarea", "title", "xmp",
                               "iframe",  "noembed",  "noframes"};
  return kSet;
}
// Start tags that close an open <p> ("close a p element" in the spec).
const NameSet& ClosesP() {
  static const NameSet kSet = {
      "address", "article", "aside",  "blockquote", "center",  "details", "dialog", "dir",
      "div",     "dl",      "dd",     "dt",         "fieldset", "figcaption", "figure",
      "footer",  "form",    "h1",     "h2",         "h3",      "h4",      "h5",     "h6",
      "header",  "hgroup",  "hr",     "li",         "listing", "main",    "menu",   "nav",
      "ol",      "p",       "pre",    "search",     "section", "summary", "table",  "ul"};
  return kSet;
}
// The spec's "special" category, for the adoption agency's furthest block and list items.
const NameSet& Special() {
  static const NameSet kSet = {
      "address", "applet",  "area",     "article",  "aside",   "blockquote", "body",
      "button",  "caption", "center",   "col",      "colgroup", "dd",       "details",
      "dir",     "div",     "dl",       "dt",       "fieldset", "figcaption", "figure",
      "footer",  "form",    "h1",       "h2",       "h3",      "h4",       "h5",
      "h6",      "header",  "hgroup",   "html",     "li",      "listing",  "main",
      "marquee", "menu",    "nav",      "noscript", "object",  "ol",       "p",
      "pre",     "search",  "section",  "select",   "summary", "table",    "tbody",
      "td",      "template", "tfoot",   "th",       "thead",   "tr",       "ul"};
  return kSet;
}
const NameSet& Formatting() {
  static const NameSet kSet = {"a", "b",     "big",    "code",   "em", "font", "i",
                               "nobr", "s", "small", "strike", "strong", "tt", "u"};
  return kSet;
}
// Elements that bound "has an element in scope".
const NameSet& ScopeBoundaries() {
  static const NameSet kSet = {"applet", "caption", "html",     "table", "td",
                               "th",     "marquee", "object",   "template", "svg",
                               "math",   "button"};
  return kSet;
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool In(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The estimated stack of open elements, with a count per name for O(1) "is there any".
class OpenElements {
 public:
  std::size_t size() const { return stack_.size(); }
  bool Has(const std::string& name) const {
    auto it = counts_.find(name);
    return it != counts_.end() && it->second > 0;
  }
  const std::string& Top() const { return stack_.back(); }
  const std::string& At(std::size_t i) const { return stack_[i]; }
  void Push(const std::string& name) {
    stack_.push_back(name);
    ++counts_[name];
  }
  void PopTo(std::size_t index) {  // pops stack_[index] and everything above it
    while (stack_.size() > index) {
      --counts_[stack_.back()];
      stack_.pop_back();
    }
  }
  void Erase(std::size_t index) {
    --counts_[stack_[index]];
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(index));
  }
  void Insert(std::size_t index, const std::string& name) {
    stack_.insert(stack_.begin() + static_cast<std::ptrdiff_t>(index), name);
    ++counts_[name];
  }
  // Index of the topmost element named in `targets`, searching down from the top and giving up at
  // an element for which `stop` is true. npos when none.
  template <typename Targets, typename Stop>
  std::size_t Find(Targets&& is_target, Stop&& stop) const {
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (is_target(stack_[i])) return i;
      if (stop(stack_[i])) return std::string::npos;
    }
    return std::string::npos;
  }

 private:
  std::vector<std::string> stack_;
  std::unordered_map<std::string, int> counts_;
};

constexpr std::size_t kNpos = std::string::npos;

class Guard {
 public:
  Guard(std::string_view html, std::size_t max_depth) : html_(html), max_depth_(max_depth) {}

  // Returns the byte ranges of the start tags to remove.
  std::vector<std::pair<std::size_t, std::size_t>> Run() {
    const std::size_t n = html_.size();
    std::size_t i = 0;
    while (i < n) {
      const std::size_t lt = html_.find('<', i);
      if (lt == kNpos || lt + 1 >= n) break;
      i = lt + 1;
      if (html_.compare(lt, 4, "<!--") == 0) {
        const std::size_t end = html_.find("-->", lt + 4);
        if (end == kNpos) break;
        i = end + 3;
        continue;
      }
      if (html_[i] == '!' || html_[i] == '?') {
        const std::size_t end = html_.find('>', i);
        if (end == kNpos) break;
        i = end + 1;
        continue;
      }
      const bool end_tag = html_[i] == '/';
      std::size_t p = end_tag ? i + 1 : i;
      if (p >= n || !IsAlpha(html_[p])) continue;  // a '<' in text
      const std::size_t name_start = p;
      while (p < n && !IsSpace(html_[p]) && html_[p] != '/' && html_[p] != '>') ++p;
      std::string name;
      for (std::size_t k = name_start; k < p && k - name_start < 64; ++k) {
        name += ToLower(html_[k]);
      }
      bool self_closing = false;
      const std::size_t gt = TagEnd(p, self_closing);
      if (gt == kNpos) break;  // an unterminated tag at the end: the parser drops it
      i = gt + 1;
      if (end_tag) {
        EndTag(name);
        continue;
      }
      if (name == "plaintext") break;  // the rest is text
      if (RawTextElements().count(name) != 0) {
        i = SkipRawText(i, name);
        continue;
      }
      if (StartTag(name, self_closing)) removed_.emplace_back(lt, gt + 1);
    }
    return std::move(removed_);
  }

 private:
  // The '>' closing a tag whose attributes start at `p`, skipping quoted values.
  std::size_t TagEnd(std::size_t p, bool& self_closing) const {
    const std::size_t n = html_.size();
    while (p < n) {
      const char c = html_[p];
      if (c == '>') return p;
      if (c == '/' && p + 1 < n && html_[p + 1] == '>') self_closing = true;
      if (c == '=') {
        ++p;
        while (p < n && IsSpace(html_[p])) ++p;
        if (p < n && (html_[p] == '"' || html_[p] == '\'')) {
          const std::size_t close = html_.find(html_[p], p + 1);
          if (close == kNpos) return kNpos;
          p = close + 1;
        }
        continue;
      }
      ++p;
    }
    return kNpos;
  }

  // The position after "</name ...>" following raw text that starts at `p`.
  std::size_t SkipRawText(std::size_t p, const std::string& name) const {
    const std::size_t n = html_.size();
    while (true) {
      const std::size_t close = html_.find("</", p);
      if (close == kNpos) return n;
      std::size_t q = close + 2;
      std::size_t k = 0;
      while (k < name.size() && q + k < n && ToLower(html_[q + k]) == name[k]) ++k;
      q += k;
      if (k == name.size() && (q == n || IsSpace(html_[q]) || html_[q] == '/' || html_[q] == '>')) {
        const std::size_t gt = html_.find('>', q);
        return gt == kNpos ? n : gt + 1;
      }
      p = close + 2;
    }
  }

  bool InForeign() const { return open_.Has("svg") || open_.Has("math"); }

  void PopToNamed(std::initializer_list<std::string_view> targets,
                  std::initializer_list<std::string_view> stops) {
    const std::size_t at = open_.Find([&](const std::string& s) { return In(s, targets); },
                                      [&](const std::string& s) { return In(s, stops); });
    if (at != kNpos) open_.PopTo(at);
  }

  // Pops everything above the topmost element named in `targets` (kept open).
  void PopAbove(std::initializer_list<std::string_view> targets) {
    const std::size_t at = open_.Find([&](const std::string& s) { return In(s, targets); },
                                      [](const std::string&) { return false; });
    if (at != kNpos) open_.PopTo(at + 1);
  }

  // Applies the implied end tags of a start tag; true when the tag must be removed.
  bool StartTag(const std::string& name, bool self_closing) {
    if (In(name, {"html", "head", "body", "frameset"})) return false;
    if (VoidElements().count(name) != 0) return false;
    if (self_closing && (InForeign() || name == "svg" || name == "math")) return false;
    if (open_.Has("select")) {
      if (!In(name, {"option", "optgroup", "select", "template"})) return false;  // ignored
      if (name == "select") {
        PopToNamed({"select"}, {});
        return false;
      }
    }
    if (ClosesP().count(name) != 0 && open_.Has("p")) {
      PopToNamed({"p"}, {"button", "table", "td", "th", "caption", "marquee", "object",
                         "applet", "template", "html", "svg", "math"});
    }
    auto is_special_stop = [](const std::string& s) {
      return Special().count(s) != 0 && !In(s, {"address", "div", "p"});
    };
    if (name == "li" && open_.Has("li")) {
      const std::size_t at = open_.Find([](const std::string& s) { return s == "li"; },
                                        is_special_stop);
      if (at != kNpos) open_.PopTo(at);
    } else if ((name == "dd" || name == "dt") && (open_.Has("dd") || open_.Has("dt"))) {
      const std::size_t at = open_.Find(
          [](const std::string& s) { return s == "dd" || s == "dt"; }, is_special_stop);
      if (at != kNpos) open_.PopTo(at);
    } else if (name == "option" || name == "optgroup") {
      if (open_.size() > 0 && open_.Top() == "option") open_.PopTo(open_.size() - 1);
      if (name == "optgroup" && open_.size() > 0 && open_.Top() == "optgroup") {
        open_.PopTo(open_.size() - 1);
      }
    } else if (name == "tr") {
      PopAbove({"tbody", "thead", "tfoot", "table"});
    } else if (name == "td" || name == "th") {
      PopAbove({"tr", "table"});
    } else if (In(name, {"tbody", "thead", "tfoot", "caption", "colgroup"})) {
      PopAbove({"table"});
    } else if (name == "table" && open_.size() > 0 &&
               In(open_.Top(), {"table", "tbody", "thead", "tfoot", "tr"})) {
      PopToNamed({"table"}, {});
    } else if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      const std::string& top = open_.size() > 0 ? open_.Top() : name;
      if (open_.size() > 0 && top.size() == 2 && top[0] == 'h' && top[1] >= '1' && top[1] <= '6') {
        open_.PopTo(open_.size() - 1);
      }
    } else if ((name == "a" || name == "nobr") && open_.Has(name)) {
      // The adoption agency closes the earlier one; blocks opened inside it stay open.
      const std::size_t at = open_.Find(
          [&](const std::string& s) { return s == name; },
          [](const std::string& s) { return In(s, {"td", "th", "caption", "marquee", "object",
                                                   "applet", "template"}); });
      if (at != kNpos) open_.Erase(at);
    } else if (name == "button" && open_.Has("button")) {
      PopToNamed({"button"}, {"applet", "caption", "html", "table", "td", "th", "marquee",
                              "object", "template"});
    }
    if (open_.size() >= max_depth_) return true;
    open_.Push(name);
    return false;
  }

  void EndTag(const std::string& name) {
    if (In(name, {"html", "body", "head", "br"}) || !open_.Has(name)) return;
    if (Formatting().count(name) != 0) {
      const std::size_t at =
          open_.Find([&](const std::string& s) { return s == name; },
                     [](const std::string& s) { return ScopeBoundaries().count(s) != 0; });
      if (at == kNpos) return;
      // With a "furthest block" (a special element opened inside it), the adoption agency moves
      // the formatting element below that block: the depth stays the same.
      for (std::size_t j = at + 1; j < open_.size(); ++j) {
        if (Special().count(open_.At(j)) != 0) {
          open_.Erase(at);
          open_.Insert(j, name);
          return;
        }
      }
      open_.PopTo(at);
      return;
    }
    const bool is_boundary = ScopeBoundaries().count(name) != 0;
    const std::size_t at = open_.Find(
        [&](const std::string& s) { return s == name; },
        [&](const std::string& s) {
          if (is_boundary) return s == "html" || s == "template";
          return ScopeBoundaries().count(s) != 0;
        });
    if (at != kNpos) open_.PopTo(at);
  }

  std::string_view html_;
  std::size_t max_depth_;
  OpenElements open_;
  std::vector<std::pair<std::size_t, std::size_t>> removed_;
};

}  // namespace

std::optional<std::string> LimitNesting(std::string_view html, std::size_t max_depth) {
  const std::vector<std::pair<std::size_t, std::size_t>> removed = Guard(html, max_depth).Run();
  if (removed.empty()) return std::nullopt;
  std::string out;
  out.reserve(html.size());
  std::size_t from = 0;
  for (const auto& [begin, end] : removed) {
    out.append(html.substr(from, begin - from));
    from = end;
  }
  out.append(html.substr(from));
  return out;
}

}  // namespace vestige::common::html_internal
