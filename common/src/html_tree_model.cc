// TreeModel (html_tree_model.h): the tree rules of the nesting guard.
#include "html_tree_model.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vestige::common::html_internal {
namespace {

const NameSet& VoidElements() {
  static const NameSet kSet = {"area",  "base",  "basefont", "bgsound", "br",    "col",    "embed",
                               "frame", "hr",    "image",    "img",     "input", "keygen", "link",
                               "meta",  "param", "source",   "track",   "wbr"};
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
// Start tags that do not reconstruct the active formatting elements (besides BlockStarts).
const NameSet& NoReconstruct() {
  static const NameSet kSet = {"html",     "head",  "body",     "frameset", "base",    "basefont",
                               "bgsound",  "link",  "meta",     "noframes", "script",  "style",
                               "template", "title", "textarea", "iframe",   "noembed", "plaintext",
                               "caption",  "col",   "colgroup", "frame",    "tbody",   "td",
                               "tfoot",    "th",    "thead",    "tr"};
  return kSet;
}

bool In(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}
bool IsHeading(std::string_view s) {
  return s.size() == 2 && s[0] == 'h' && s[1] >= '1' && s[1] <= '6';
}

}  // namespace

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

}  // namespace vestige::common::html_internal
