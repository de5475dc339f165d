// Walks over our HtmlNode tree (no gumbo here): attribute lookup, InnerText and ExtractLinks,
// and the per-element link rules (html_links.h) that ParseHtmlLinks shares.
//
// InnerText treats ASCII white space and U+00A0 (&nbsp;) alike: runs collapse to one space, and
// the result has none at either end. Elements not in the inline list below (div, p, li, td, br,
// headings, ...) separate their text from their neighbours' with a space. <script>, <style>,
// <template> and <noscript> contribute nothing.
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "html_links.h"
#include "vestige/common/html.h"

namespace vestige::common {
namespace {

// Phrasing elements that do not break text (unknown tags count as inline too, as in browsers).
bool IsBlock(std::string_view tag) {
  static const std::unordered_set<std::string_view> kBlocks = {
      "address",    "article", "aside",  "blockquote", "body",     "br",      "caption", "center",
      "dd",         "details", "dialog", "dir",        "div",      "dl",      "dt",      "fieldset",
      "figcaption", "figure",  "footer", "form",       "frameset", "h1",      "h2",      "h3",
      "h4",         "h5",      "h6",     "head",       "header",   "hgroup",  "hr",      "html",
      "iframe",     "legend",  "li",     "listing",    "main",     "menu",    "nav",     "ol",
      "optgroup",   "option",  "p",      "pre",        "search",   "section", "select",  "summary",
      "table",      "tbody",   "td",     "textarea",   "tfoot",    "th",      "thead",   "title",
      "tr",         "ul",      "xmp"};
  return kBlocks.count(tag) != 0;
}

bool IsSkipped(const HtmlNode& node) {
  return node.is("script") || node.is("style") || node.is("template") || node.is("noscript");
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Lower case, trimmed, inner white space runs collapsed to one space.
std::string Token(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : Trim(s)) {
    if (IsAsciiSpace(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ToLower(c);
  }
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

// The URL of a <meta http-equiv=refresh> content value, per the HTML standard's "shared
// declarative refresh steps": "5; url=/next", "0;URL='/next'", "3, /next". Empty when none.
std::string RefreshUrl(std::string_view content) {
  std::string_view s = Trim(content);
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i == 0) return {};
  s.remove_prefix(i);
  s = Trim(s);
  if (s.empty()) return {};
  if (s[0] != ';' && s[0] != ',') return {};
  s = Trim(s.substr(1));
  if (s.size() >= 3 && EqualsNoCase(s.substr(0, 3), "url")) {
    std::string_view rest = Trim(s.substr(3));
    if (!rest.empty() && rest[0] == '=') s = Trim(rest.substr(1));
  }
  if (!s.empty() && (s[0] == '"' || s[0] == '\'')) {
    const char quote = s[0];
    s.remove_prefix(1);
    const std::size_t close = s.find(quote);
    if (close != std::string_view::npos) s = s.substr(0, close);
  }
  return std::string(Trim(s));
}

}  // namespace

std::optional<std::string_view> HtmlNode::attr(std::string_view name) const {
  for (const auto& [key, value] : attributes) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

std::string InnerText(const HtmlNode& node) {
  std::string out;
  bool pending_space = false;
  auto separate = [&]() { pending_space = !out.empty(); };
  // Each entry is a node to visit, or (with `leave` set) a block being left.
  struct Step {
    const HtmlNode* node;
    bool leave;
  };
  std::vector<Step> stack{{&node, false}};
  while (!stack.empty()) {
    const Step step = stack.back();
    stack.pop_back();
    const HtmlNode& n = *step.node;
    if (step.leave) {
      separate();
      continue;
    }
    // Only JSON-LD scripts keep their text (html.h): data, not words of the page.
    if (n.is("script")) continue;
    if (n.kind == HtmlNode::Kind::kText) {
      const std::string& t = n.text;
      const auto is_nbsp = [&t](std::size_t i) {  // U+00A0
        return t[i] == '\xC2' && i + 1 < t.size() && t[i + 1] == '\xA0';
      };
      std::size_t i = 0;
      while (i < t.size()) {
        if (IsAsciiSpace(t[i]) || is_nbsp(i)) {
          separate();
          i += t[i] == '\xC2' ? 2 : 1;
          continue;
        }
        // A run of other bytes goes in at once (InnerText is called for every list item and
        // dated element of a page: char-by-char appends were most of its time).
        std::size_t end = i + 1;
        while (end < t.size() && !IsAsciiSpace(t[end]) && !is_nbsp(end)) ++end;
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(t, i, end - i);
        i = end;
      }
      continue;
    }
    if (&n != &node && IsSkipped(n)) continue;
    const bool block = n.kind == HtmlNode::Kind::kElement && IsBlock(n.tag);
    if (block) {
      separate();
      stack.push_back({&n, true});
    }
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
      stack.push_back({&*it, false});
    }
  }
  return out;
}

namespace html_internal {

bool IsLinkTag(std::string_view tag) {
  return tag == "a" || tag == "area" || tag == "link" || tag == "iframe" || tag == "meta" ||
         tag == "base";
}

void AddLinks(const LinkElement& e, HtmlLinks* links) {
  auto add = [links](std::string_view url, std::string_view tag, std::string rel,
                     std::string type) {
    if (Trim(url).empty()) return;  // no target, or the page itself
    links->links.push_back({std::string(url), std::string(tag), std::move(rel), std::move(type)});
  };
  if (e.tag == "a" || e.tag == "area") {
    if (e.href) add(*e.href, e.tag, Token(e.rel.value_or("")), "");
  } else if (e.tag == "link") {
    if (e.href) add(*e.href, "link", Token(e.rel.value_or("")), Token(e.type.value_or("")));
  } else if (e.tag == "iframe") {
    if (e.src) add(*e.src, "iframe", "", "");
  } else if (e.tag == "meta") {
    if (e.http_equiv && e.content && EqualsNoCase(Trim(*e.http_equiv), "refresh")) {
      add(RefreshUrl(*e.content), "meta-refresh", "", "");
    }
  } else if (e.tag == "base") {
    // The first <base> with an href wins (HTML "frozen base URL").
    if (e.href && !links->base_href) links->base_href = std::string(*e.href);
  }
}

}  // namespace html_internal

HtmlLinks ExtractLinks(const HtmlNode& root) {
  HtmlLinks result;
  ForEachElement(root, [&result](const HtmlNode& n) {
    if (!html_internal::IsLinkTag(n.tag)) return;
    html_internal::LinkElement e;
    e.tag = n.tag;
    e.href = n.attr("href");
    e.rel = n.attr("rel");
    e.type = n.attr("type");
    e.src = n.attr("src");
    e.http_equiv = n.attr("http-equiv");
    e.content = n.attr("content");
    html_internal::AddLinks(e, &result);
  });
  return result;
}

}  // namespace vestige::common
