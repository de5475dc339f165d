// The nesting guard: see html_nesting.h. The tokenizer and tree rules here are a deliberately
// rough model of HTML5 tree construction (WHATWG HTML, 13.2.6 "in body"): the stack of open
// elements with the common implied end tags, and the list of active formatting elements with its
// markers, Noah's Ark clause, reconstruction and a one-pass adoption agency. It only needs to keep
// the estimated depth near gumbo's for ordinary pages and not far below it for hostile ones.
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
  static const NameSet kSet = {"area",  "base",  "basefont", "bgsound", "br",    "col",    "embed",
                               "frame", "hr",    "image",    "img",     "input", "keygen", "link",
                               "meta",  "param", "source",   "track",   "wbr"};
  return kSet;
}
// Elements whose content the tokenizer reads as text up to the matching end tag.
const NameSet& RawTextElements() {
  static const NameSet kSet = {"script", "style",  "textarea", "title",
                               "xmp",    "iframe", "noembed",  "noframes"};
  return kSet;
}
// Start tags that close an open <p> and do not reconstruct formatting elements.
const NameSet& BlockStarts() {
  static const NameSet kSet = {
      "address", "article", "aside",  "blockquote", "center",   "details",    "dialog", "dir",
      "div",     "dl",      "dd",     "dt",         "fieldset", "figcaption", "figure", "footer",
      "form",    "h1",      "h2",     "h3",         "h4",       "h5",         "h6",     "header",
      "hgroup",  "hr",      "li",     "listing",    "main",     "menu",       "nav",    "ol",
      "p",       "pre",     "search", "section",    "summary",  "table",      "ul"};
  return kSet;
}
// The spec's "special" category.
const NameSet& Special() {
  static const NameSet kSet = {
      "address", "applet",  "area",     "article",    "aside",   "blockquote", "body",     "button",
      "caption", "center",  "col",      "colgroup",   "dd",      "details",    "dir",      "div",
      "dl",      "dt",      "fieldset", "figcaption", "figure",  "footer",     "form",     "h1",
      "h2",      "h3",      "h4",       "h5",         "h6",      "header",     "hgroup",   "html",
      "li",      "listing", "main",     "marquee",    "menu",    "nav",        "noscript", "object",
      "ol",      "p",       "pre",      "search",     "section", "select",     "summary",  "table",
      "tbody",   "td",      "template", "tfoot",      "th",      "thead",      "tr",       "ul"};
  return kSet;
}
const NameSet& Formatting() {
  static const NameSet kSet = {"a",    "b", "big",   "code",   "em",     "font", "i",
                               "nobr", "s", "small", "strike", "strong", "tt",   "u"};
  return kSet;
}
// Elements that put a marker on the list of active formatting elements.
const NameSet& MarkerOwners() {
  static const NameSet kSet = {"applet", "marquee", "object", "td", "th", "caption", "template"};
  return kSet;
}
// Elements that bound "has an element in scope".
const NameSet& ScopeBoundaries() {
  static const NameSet kSet = {"applet",  "caption", "html",     "table", "td",  "th",
                               "marquee", "object",  "template", "svg",   "math"};
  return kSet;
}
// Start tags that do not reconstruct the active formatting elements (besides BlockStarts).
const NameSet& NoReconstruct() {
  static const NameSet kSet = {"html",     "head",  "body",     "frameset", "base",    "basefont",
                               "bgsound",  "link",  "meta",     "noframes", "script",  "style",
                               "template", "title", "textarea", "iframe",   "noembed", "plaintext",
                               "caption",  "col",   "colgroup", "frame",    "tbody",   "td",
                               "tfoot",    "th",    "thead",    "tr"};
  return kSet;
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool In(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}
bool IsHeading(std::string_view s) {
  return s.size() == 2 && s[0] == 'h' && s[1] >= '1' && s[1] <= '6';
}

constexpr std::size_t kNpos = std::string::npos;

// The estimated parser state.
class TreeModel {
 public:
  explicit TreeModel(std::size_t max_depth) : max_depth_(max_depth) {}

  // A start tag; true when it must be removed from the input.
  bool StartTag(const std::string& name, std::string_view attrs, bool self_closing);
  void EndTag(const std::string& name);
  void Text() {
    if (!Has("select")) Reconstruct();
  }

 private:
  struct Open {
    std::string name;
    int id;
  };
  struct Entry {  // id < 0: a marker
    std::string name;
    std::string attrs;
    int id;
  };

  bool Has(const std::string& name) const {
    auto it = counts_.find(name);
    return it != counts_.end() && it->second > 0;
  }
  bool InStack(int id) const {
    return id >= 0 && static_cast<std::size_t>(id) < in_stack_.size() &&
           in_stack_[static_cast<std::size_t>(id)];
  }
  int Push(const std::string& name) {
    const int id = static_cast<int>(in_stack_.size());
    in_stack_.push_back(true);
    list_refs_.push_back(0);
    stack_.push_back({name, id});
    ++counts_[name];
    return id;
  }
  void Forget(const Open& e) {
    --counts_[e.name];
    in_stack_[static_cast<std::size_t>(e.id)] = false;
    if (MarkerOwners().count(e.name) != 0) ClearToMarker();
  }
  // Pops stack_[index] and everything above it.
  void PopTo(std::size_t index) {
    while (stack_.size() > index) {
      const Open e = std::move(stack_.back());
      stack_.pop_back();
      Forget(e);
    }
  }
  void EraseAt(std::size_t index) {
    const Open e = stack_[index];
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(index));
    Forget(e);
  }
  void ClearToMarker() {
    while (!list_.empty()) {
      const bool marker = list_.back().id < 0;
      ListErase(list_.size() - 1);
      if (marker) break;
    }
  }
  // Every change to list_ goes through these two, which keep list_refs_ current.
  void ListPush(std::string name, std::string attrs, int id) {
    if (id >= 0) ++list_refs_[static_cast<std::size_t>(id)];
    list_.push_back({std::move(name), std::move(attrs), id});
  }
  void ListErase(std::size_t index) {
    const int id = list_[index].id;
    if (id >= 0) --list_refs_[static_cast<std::size_t>(id)];
    list_.erase(list_.begin() + static_cast<std::ptrdiff_t>(index));
  }
  bool Listed(int id) const { return id >= 0 && list_refs_[static_cast<std::size_t>(id)] > 0; }
  // Index of the topmost element for which `target` holds, searching down from the top and giving
  // up at an element for which `stop` holds. kNpos when none.
  template <typename Target, typename Stop>
  std::size_t Find(Target&& target, Stop&& stop) const {
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (target(stack_[i].name)) return i;
      if (stop(stack_[i].name)) return kNpos;
    }
    return kNpos;
  }
  std::size_t FindInScope(const std::string& name, const NameSet& extra_boundaries) const {
    if (!Has(name)) return kNpos;
    return Find([&](const std::string& s) { return s == name; },
                [&](const std::string& s) {
                  return ScopeBoundaries().count(s) != 0 || extra_boundaries.count(s) != 0;
                });
  }
  void PopToInScope(const std::string& name, const NameSet& extra_boundaries = {}) {
    const std::size_t at = FindInScope(name, extra_boundaries);
    if (at != kNpos) PopTo(at);
  }
  // Pops everything above the topmost `name` (which stays open).
  void PopAbove(const std::string& name) {
    if (!Has(name)) return;
    const std::size_t at = Find([&](const std::string& s) { return s == name; },
                                [](const std::string& s) { return s == "html"; });
    if (at != kNpos) PopTo(at + 1);
  }
  // The last list entry named `name` after the last marker, or kNpos.
  std::size_t FindFormatting(const std::string& name) const {
    for (std::size_t i = list_.size(); i-- > 0;) {
      if (list_[i].id < 0) return kNpos;
      if (list_[i].name == name) return i;
    }
    return kNpos;
  }
  void Reconstruct() {
    if (list_.empty() || list_.back().id < 0 || InStack(list_.back().id)) return;
    std::size_t i = list_.size() - 1;
    while (i > 0 && list_[i - 1].id >= 0 && !InStack(list_[i - 1].id)) --i;
    for (; i < list_.size(); ++i) {
      --list_refs_[static_cast<std::size_t>(list_[i].id)];
      list_[i].id = Push(list_[i].name);
      ++list_refs_[static_cast<std::size_t>(list_[i].id)];
    }
  }
  void AddFormatting(const std::string& name, std::string_view attrs, int id) {
    // Noah's Ark: at most three identical entries after the last marker.
    int same = 0;
    std::size_t earliest = kNpos;
    for (std::size_t i = list_.size(); i-- > 0;) {
      if (list_[i].id < 0) break;
      if (list_[i].name == name && list_[i].attrs == attrs) {
        ++same;
        earliest = i;
      }
    }
    if (same >= 3) ListErase(earliest);
    ListPush(name, std::string(attrs), id);
  }
  void AdoptionAgency(const std::string& name);

  std::size_t max_depth_;
  std::vector<Open> stack_;
  std::vector<Entry> list_;
  std::vector<bool> in_stack_;  // by element id
  std::vector<int> list_refs_;  // by element id: entries of list_ that name it
  std::unordered_map<std::string, int> counts_;
};

// One pass of the adoption agency algorithm for the end tag (or implied end) of `name`.
void TreeModel::AdoptionAgency(const std::string& name) {
  if (!stack_.empty() && stack_.back().name == name) {
    const std::size_t entry = FindFormatting(name);
    if (entry == kNpos || list_[entry].id != stack_.back().id) {
      PopTo(stack_.size() - 1);
      return;
    }
  }
  const std::size_t entry = FindFormatting(name);
  if (entry == kNpos) {  // "any other end tag"
    const std::size_t at = Find([&](const std::string& s) { return s == name; },
                                [](const std::string& s) { return Special().count(s) != 0; });
    if (at != kNpos) PopTo(at);
    return;
  }
  const int id = list_[entry].id;
  if (!InStack(id)) {
    ListErase(entry);
    return;
  }
  std::size_t at = kNpos;
  for (std::size_t i = stack_.size(); i-- > 0;) {
    if (stack_[i].id == id) {
      at = i;
      break;
    }
    if (ScopeBoundaries().count(stack_[i].name) != 0) return;  // not in scope: ignored
  }
  if (at == kNpos) return;
  std::size_t block = kNpos;
  for (std::size_t j = at + 1; j < stack_.size(); ++j) {
    if (Special().count(stack_[j].name) != 0) {
      block = j;
      break;
    }
  }
  ListErase(entry);
  if (block == kNpos) {
    PopTo(at);
    return;
  }
  // Elements between the formatting element and the furthest block that are not formatting
  // elements leave the stack; a clone of the formatting element goes right above the block.
  for (std::size_t j = block; j-- > at + 1;) {
    if (!Listed(stack_[j].id)) {
      EraseAt(j);
      --block;
    }
  }
  EraseAt(at);
  --block;
  const int clone = Push(name);
  Open moved = std::move(stack_.back());
  stack_.pop_back();
  stack_.insert(stack_.begin() + static_cast<std::ptrdiff_t>(block + 1), std::move(moved));
  ListPush(name, "", clone);
}

bool TreeModel::StartTag(const std::string& name, std::string_view attrs, bool self_closing) {
  if (In(name, {"html", "head", "body", "frameset"})) return false;
  if (Has("select")) {  // "in select": most tags are ignored
    if (name == "option" || name == "optgroup") {
      if (!stack_.empty() && stack_.back().name == "option") PopTo(stack_.size() - 1);
      if (name == "optgroup" && !stack_.empty() && stack_.back().name == "optgroup") {
        PopTo(stack_.size() - 1);
      }
    } else if (In(name, {"select", "input", "keygen", "textarea"})) {
      PopToInScope("select");
      return false;
    } else {
      return false;
    }
  }
  const bool table_part =
      In(name, {"caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"});
  if (table_part && !Has("table")) return false;  // ignored outside tables
  if (BlockStarts().count(name) != 0 && Has("p")) {
    static const NameSet kButton = {"button"};
    PopToInScope("p", kButton);
  }
  if (name == "li" || name == "dd" || name == "dt") {
    const bool is_li = name == "li";
    if (is_li ? Has("li") : (Has("dd") || Has("dt"))) {
      const std::size_t at =
          Find([&](const std::string& s) { return is_li ? s == "li" : (s == "dd" || s == "dt"); },
               [](const std::string& s) {
                 return Special().count(s) != 0 && !In(s, {"address", "div", "p"});
               });
      if (at != kNpos) PopTo(at);
    }
  } else if (name == "tr" || name == "td" || name == "th") {
    // Close the open cell or row, and add the tbody and tr the parser implies.
    const bool cell = name != "tr";
    const std::size_t at = Find(
        [&](const std::string& s) {
          return (cell && s == "tr") || In(s, {"tbody", "thead", "tfoot", "table"});
        },
        [](const std::string& s) { return s == "html"; });
    if (at != kNpos) {
      PopTo(at + 1);
      if (stack_.back().name == "table") Push("tbody");
      if (cell && stack_.back().name != "tr") Push("tr");
    }
  } else if (In(name, {"tbody", "thead", "tfoot", "caption", "colgroup", "col"})) {
    PopAbove("table");
  } else if (name == "table" && !stack_.empty() &&
             In(stack_.back().name, {"table", "tbody", "thead", "tfoot", "tr"})) {
    PopToInScope("table");  // a table directly in a table closes the first one
  } else if (IsHeading(name) && !stack_.empty() && IsHeading(stack_.back().name)) {
    PopTo(stack_.size() - 1);
  } else if (name == "a" && FindFormatting("a") != kNpos) {
    AdoptionAgency("a");
    const std::size_t left = FindFormatting("a");  // the spec removes it if still there
    if (left != kNpos) {
      const int id = list_[left].id;
      ListErase(left);
      for (std::size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i].id == id) {
          EraseAt(i);
          break;
        }
      }
    }
  } else if (name == "nobr" && FindInScope("nobr", {}) != kNpos) {
    AdoptionAgency("nobr");
  } else if (name == "button" && Has("button")) {
    PopToInScope("button");
  }
  const bool is_void =
      VoidElements().count(name) != 0 ||
      (self_closing && (Has("svg") || Has("math") || name == "svg" || name == "math"));
  if (BlockStarts().count(name) == 0 && NoReconstruct().count(name) == 0 &&
      !In(name, {"li", "dd", "dt"})) {
    Reconstruct();
  }
  if (is_void) return false;
  if (stack_.size() >= max_depth_) return true;
  const int id = Push(name);
  if (Formatting().count(name) != 0) AddFormatting(name, attrs, id);
  if (MarkerOwners().count(name) != 0) ListPush("", "", -1);
  return false;
}

void TreeModel::EndTag(const std::string& name) {
  if (In(name, {"html", "body", "head"})) return;
  if (name == "br") {  // "</br>" acts as "<br>"
    if (!Has("select")) Reconstruct();
    return;
  }
  if (Has("select")) {
    if (In(name, {"option", "optgroup", "select"}) && !stack_.empty() &&
        (name == "select" || stack_.back().name == name)) {
      PopToInScope(name);
    }
    return;
  }
  if (Formatting().count(name) != 0) {
    AdoptionAgency(name);
    return;
  }
  if (IsHeading(name)) {
    const std::size_t at =
        Find([](const std::string& s) { return IsHeading(s); },
             [](const std::string& s) { return ScopeBoundaries().count(s) != 0; });
    if (at != kNpos) PopTo(at);
    return;
  }
  if (Special().count(name) != 0) {
    static const NameSet kListScope = {"ol", "ul"};
    static const NameSet kButton = {"button"};
    static const NameSet kNone = {};
    if (In(name, {"table", "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "template",
                  "applet", "marquee", "object"})) {
      // These are scope boundaries themselves: search down to <html>.
      const std::size_t at = Find([&](const std::string& s) { return s == name; },
                                  [](const std::string& s) { return s == "html"; });
      if (at != kNpos) PopTo(at);
      return;
    }
    PopToInScope(name, name == "li" ? kListScope : name == "p" ? kButton : kNone);
    return;
  }
  // Any other end tag: the nearest element of that name, unless a special one comes first.
  if (!Has(name)) return;
  const std::size_t at = Find([&](const std::string& s) { return s == name; },
                              [](const std::string& s) { return Special().count(s) != 0; });
  if (at != kNpos) PopTo(at);
}

// The tokenizer side: finds tags, skips comments and raw text, and feeds the model.
class Guard {
 public:
  Guard(std::string_view html, std::size_t max_depth, bool drop_script_style)
      : html_(html), model_(max_depth), drop_script_style_(drop_script_style) {}

  // Returns the byte ranges to remove, in order: start tags too deep, and the content of
  // <script> and <style> elements (see CanDropContent).
  std::vector<std::pair<std::size_t, std::size_t>> Run() {
    const std::size_t n = html_.size();
    std::size_t i = 0;
    while (i < n) {
      const std::size_t lt = html_.find('<', i);
      if (lt == kNpos) {
        model_.Text();
        break;
      }
      if (lt > i) model_.Text();
      i = lt + 1;
      if (i >= n) break;
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
      if (end_tag && p < n && !IsAlpha(html_[p])) {
        // "</>" is dropped; "</" before anything else but a letter opens a bogus comment that
        // runs to the next '>' (WHATWG HTML 13.2.5.7).
        const std::size_t end = html_.find('>', p);
        if (end == kNpos) break;
        i = end + 1;
        continue;
      }
      if (p >= n || !IsAlpha(html_[p])) {  // a '<' in text
        model_.Text();
        continue;
      }
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
        if ((name == "svg" || name == "math") && foreign_ > 0) --foreign_;
        model_.EndTag(name);
        continue;
      }
      if (name == "plaintext") break;  // the rest is text
      if (name == "frameset") frameset_ = true;
      if ((name == "svg" || name == "math") && !self_closing) ++foreign_;
      if (RawTextElements().count(name) != 0) {
        std::size_t close = kNpos;
        const std::size_t after = SkipRawText(i, name, &close);
        if (close != kNpos && close > i &&
            CanDropContent(name, html_.substr(p, gt - p), i, close)) {
          removed_.emplace_back(i, close);
        }
        i = after;
        continue;
      }
      std::string_view attrs = html_.substr(p, gt - p);
      while (!attrs.empty() && (IsSpace(attrs.back()) || attrs.back() == '/')) {
        attrs.remove_suffix(1);
      }
      while (!attrs.empty() && IsSpace(attrs.front())) attrs.remove_prefix(1);
      if (model_.StartTag(name, attrs, self_closing)) removed_.emplace_back(lt, gt + 1);
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

  // Whether the content [begin, end) of a raw-text element `name` with attribute text `attrs`
  // can be removed without changing the tree the parser builds, apart from the content itself,
  // which html_gumbo.cc drops anyway. Only <script> (not JSON-LD, which the indexer reads) and
  // <style>, and only where the tokenizer certainly reads them as raw text up to this end tag:
  // not inside <svg> or <math> (foreign content parses them as markup), not in a frameset
  // document (whose tree builder ignores them), and not a script holding "<!--" (the script data
  // escape states can make "</script>" not end it).
  bool CanDropContent(const std::string& name, std::string_view attrs, std::size_t begin,
                      std::size_t end) const {
    if (!drop_script_style_ || foreign_ > 0 || frameset_) return false;
    if (name == "style") return true;
    if (name != "script") return false;
    if (html_.substr(begin, end - begin).find("<!--") != std::string_view::npos) return false;
    std::string lower(attrs);
    for (char& c : lower) c = ToLower(c);
    return lower.find("ld+json") == std::string::npos;
  }

  // The position after "</name ...>" following raw text that starts at `p`; `*close`, when not
  // null, gets the position of that "</" (kNpos when the text runs to the end).
  std::size_t SkipRawText(std::size_t p, const std::string& name,
                          std::size_t* close_at = nullptr) const {
    const std::size_t n = html_.size();
    while (true) {
      const std::size_t close = html_.find("</", p);
      if (close == kNpos) return n;
      std::size_t q = close + 2;
      std::size_t k = 0;
      while (k < name.size() && q + k < n && ToLower(html_[q + k]) == name[k]) ++k;
      q += k;
      if (k == name.size() && (q == n || IsSpace(html_[q]) || html_[q] == '/' || html_[q] == '>')) {
        if (close_at != nullptr) *close_at = close;
        const std::size_t gt = html_.find('>', q);
        return gt == kNpos ? n : gt + 1;
      }
      p = close + 2;
    }
  }

  std::string_view html_;
  TreeModel model_;
  const bool drop_script_style_;
  int foreign_ = 0;        // <svg> and <math> elements open (estimated)
  bool frameset_ = false;  // a <frameset> start tag was seen
  std::vector<std::pair<std::size_t, std::size_t>> removed_;
};

}  // namespace

std::optional<std::string> LimitNesting(std::string_view html, std::size_t max_depth) {
  return PrepareForParser(html, max_depth, /*drop_script_style=*/false);
}

std::optional<std::string> PrepareForParser(std::string_view html, std::size_t max_depth,
                                            bool drop_script_style) {
  const std::vector<std::pair<std::size_t, std::size_t>> removed =
      Guard(html, max_depth, drop_script_style).Run();
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
