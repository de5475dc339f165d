// Flattening and statistics for main-content extraction (see extract_tree.h).
#include "extract_tree.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "needle_set.h"

namespace vestige::indexer::extract {
namespace {

using common::HtmlNode;

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool InList(std::string_view tag, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), tag) != list.end();
}

// Elements whose content is never main text: chrome, controls, media, and page-level regions.
bool IsDroppedTag(std::string_view tag) {
  if (tag.rfind("svg", 0) == 0 || tag.rfind("math", 0) == 0) return true;  // and "svg:*"
  return InList(tag, {"head",   "nav",      "aside",      "footer",  "header", "button",   "input",
                      "select", "textarea", "option",     "canvas",  "iframe", "object",   "embed",
                      "video",  "audio",    "noscript",   "dialog",  "menu",   "template", "script",
                      "style",  "figure",   "figcaption", "picture", "source", "map"});
}

bool IsInlineText(std::string_view tag) {
  return InList(
      tag, {"a",    "abbr", "b",    "bdi", "bdo", "cite", "code",   "data", "dfn",    "em",  "font",
            "i",    "kbd",  "mark", "q",   "s",   "samp", "small",  "span", "strong", "sub", "sup",
            "time", "u",    "var",  "wbr", "del", "ins",  "strike", "tt",   "big"});
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Readability's "unlikely candidate" and "maybe candidate" hints, plus the usual names of cookie
// banners, share bars and recommendation widgets.
constexpr std::string_view kUnlikely[] = {
    "-ad-",         "ai2html",    "banner",       "breadcrumb", "combx",     "comment",
    "community",    "cover-wrap", "disqus",       "extra",      "footer",    "gdpr",
    "header",       "legends",    "menu",         "related",    "remark",    "replies",
    "rss",          "shoutbox",   "sidebar",      "skyscraper", "social",    "sponsor",
    "supplemental", "ad-break",   "agegate",      "pagination", "pager",     "popup",
    "yom-remote",   "cookie",     "consent",      "newsletter", "share",     "sharing",
    "subscribe",    "promo",      "outbrain",     "taboola",    "recommend", "navbar",
    "navigation",   "toolbar",    "most-popular", "trending",   "signup",    "modal",
    "caption",      "credit",     "byline",       "gallery",    "slideshow", "carousel"};
constexpr std::string_view kMaybe[] = {"and",     "article", "body",  "column",
                                       "content", "main",    "shadow"};
// A class token with one of these is boilerplate even when another token says "article".
constexpr std::string_view kStrongUnlikely[] = {
    "comment", "related",  "share",   "social",    "cookie",    "consent",    "newsletter",
    "disqus",  "outbrain", "taboola", "recommend", "subscribe", "breadcrumb", "sidebar"};
// Never the article, whatever pass: removed even when a page is retried with fewer rules.
constexpr std::string_view kAlwaysUnlikely[] = {"cookie", "consent",  "gdpr",   "newsletter",
                                                "disqus", "outbrain", "taboola"};
constexpr std::string_view kNegativeWeight[] = {
    "-ad-",    "hidden",   "banner", "combx",    "comment", "com-",       "contact",  "foot",
    "footer",  "footnote", "gdpr",   "masthead", "media",   "meta",       "outbrain", "promo",
    "related", "scroll",   "share",  "shoutbox", "sidebar", "skyscraper", "sponsor",  "shopping",
    "tags",    "tool",     "widget", "cookie",   "social"};
constexpr std::string_view kPositiveWeight[] = {
    "article", "body",       "content", "entry", "hentry", "h-entry", "main",
    "page",    "pagination", "post",    "text",  "blog",   "story"};

constexpr std::string_view kKeepTokens[] = {"article", "main", "body", "content"};

constexpr NeedleSet kUnlikelySet(kUnlikely);
constexpr NeedleSet kMaybeSet(kMaybe);
constexpr NeedleSet kStrongUnlikelySet(kStrongUnlikely);
constexpr NeedleSet kAlwaysUnlikelySet(kAlwaysUnlikely);
constexpr NeedleSet kNegativeWeightSet(kNegativeWeight);
constexpr NeedleSet kPositiveWeightSet(kPositiveWeight);
constexpr NeedleSet kKeepTokensSet(kKeepTokens);

int WeightOf(std::string_view hint) {
  if (hint.empty()) return 0;
  int w = 0;
  if (kNegativeWeightSet.FoundIn(hint)) w -= 25;
  if (kPositiveWeightSet.FoundIn(hint)) w += 25;
  return w;
}

template <std::size_t N>
bool UnlikelyToken(std::string_view hints, const NeedleSet<N>& list) {
  std::size_t i = 0;
  while (i < hints.size()) {
    while (i < hints.size() && hints[i] == ' ') ++i;
    std::size_t j = i;
    while (j < hints.size() && hints[j] != ' ') ++j;
    std::string_view token = hints.substr(i, j - i);
    if (!token.empty() && list.FoundIn(token) && !kKeepTokensSet.FoundIn(token)) return true;
    i = j;
  }
  return false;
}

bool IsHidden(const HtmlNode& n) {
  if (n.attr("hidden")) return true;
  if (auto a = n.attr("aria-hidden"); a && Lower(*a) == "true") return true;
  if (auto style = n.attr("style")) {
    std::string s;
    for (char c : Lower(*style)) {
      if (!IsSpace(static_cast<unsigned char>(c))) s.push_back(c);
    }
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

bool IsBoilerplateRole(const HtmlNode& n) {
  auto role = n.attr("role");
  if (!role) return false;
  return InList(Lower(*role), {"navigation", "menu", "menubar", "complementary", "banner",
                               "contentinfo", "search", "dialog", "alertdialog", "alert"});
}

bool Removed(const HtmlNode& n, const std::string& hints, const TreeOptions& options) {
  if (n.is("html") || n.is("body")) return false;
  if (IsDroppedTag(n.tag) || IsHidden(n) || IsBoilerplateRole(n)) return true;
  if (n.is("a") || n.is("main") || n.is("article") || hints.empty()) return false;
  // Kept in every pass: cookie banners, comments, share bars and the like are never the article.
  if (UnlikelyToken(hints, kAlwaysUnlikelySet)) return true;  // in every pass
  if (options.drop_unlikely && UnlikelyToken(hints, kStrongUnlikelySet)) return true;
  return options.drop_unlikely && kUnlikelySet.FoundIn(hints) && !kMaybeSet.FoundIn(hints);
}

void CountCommas(std::string_view text, int& commas) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') ++commas;
    // U+FF0C FULLWIDTH COMMA, U+060C ARABIC COMMA, U+3001 IDEOGRAPHIC COMMA
    if (i + 2 < text.size() && text.substr(i, 3) == "\xEF\xBC\x8C") ++commas;
    if (i + 2 < text.size() && text.substr(i, 3) == "\xE3\x80\x81") ++commas;
    if (i + 1 < text.size() && text.substr(i, 2) == "\xD8\x8C") ++commas;
  }
}

}  // namespace

bool IsBlockTag(std::string_view tag) {
  return InList(
      tag,
      {"address", "article", "aside",    "blockquote", "dd",     "details", "dialog", "div",
       "dl",      "dt",      "fieldset", "figcaption", "figure", "footer",  "form",   "h1",
       "h2",      "h3",      "h4",       "h5",         "h6",     "header",  "hr",     "li",
       "main",    "nav",     "ol",       "p",          "pre",    "section", "table",  "tbody",
       "thead",   "tfoot",   "tr",       "td",         "th",     "ul",      "br",     "summary",
       "center",  "caption", "body",     "html"});
}

bool IsHeadingTag(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

int CollapsedLength(std::string_view text, bool& after_space) {
  int n = 0;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsSpace(c)) {
      if (!after_space) ++n;
      after_space = true;
    } else {
      if ((c & 0xC0) != 0x80) ++n;  // count lead bytes only: code points
      after_space = false;
    }
  }
  return n;
}

Tree BuildTree(const HtmlNode& root, const TreeOptions& options) {
  Tree tree;
  std::vector<Node>& nodes = tree.nodes;
  // Pre-order flattening with an explicit stack of (node, parent index).
  std::vector<std::pair<const HtmlNode*, int>> stack{{&root, -1}};
  std::vector<int> last_child;  // per node: index of its last child so far
  while (!stack.empty()) {
    auto [html, parent] = stack.back();
    stack.pop_back();
    const int index = static_cast<int>(nodes.size());
    Node node;
    node.html = html;
    node.parent = parent;
    node.element = html->kind == HtmlNode::Kind::kElement;
    const bool parent_removed = parent >= 0 && nodes[static_cast<std::size_t>(parent)].removed;
    if (node.element) {
      std::string hints;
      if (auto c = html->attr("class")) hints = Lower(*c);
      std::string id;
      if (auto i = html->attr("id")) id = Lower(*i);
      node.class_weight = WeightOf(hints) + WeightOf(id);
      if (!id.empty()) hints += (hints.empty() ? "" : " ") + id;
      node.removed = parent_removed || Removed(*html, hints, options);
      node.block = IsBlockTag(html->tag);
    } else {
      node.removed = parent_removed;
    }
    nodes.push_back(node);
    last_child.push_back(-1);
    if (parent >= 0) {
      const auto p = static_cast<std::size_t>(parent);
      if (last_child[p] < 0)
        nodes[p].first_child = index;
      else
        nodes[static_cast<std::size_t>(last_child[p])].next_sibling = index;
      last_child[p] = index;
    }
    for (auto it = html->children.rbegin(); it != html->children.rend(); ++it)
      stack.emplace_back(&*it, index);
  }
  // Bottom-up statistics: in pre-order, children come after their parent.
  for (std::size_t k = nodes.size(); k-- > 0;) {
    Node& n = nodes[k];
    if (!n.element) {
      if (n.removed || n.html->kind != HtmlNode::Kind::kText) continue;
      bool after_space = true;
      n.text_len = CollapsedLength(n.html->text, after_space);
      if (after_space && n.text_len > 0) --n.text_len;  // trailing space
      CountCommas(n.html->text, n.commas);
      n.own_len = n.text_len;
      n.own_commas = n.commas;
      continue;
    }
    const std::string& tag = n.html->tag;
    if (tag == "input" || tag == "select" || tag == "textarea" || tag == "button") ++n.inputs;
    if (tag == "iframe" || tag == "object" || tag == "embed" || tag == "video") ++n.embeds;
    for (int c = n.first_child; c >= 0; c = nodes[static_cast<std::size_t>(c)].next_sibling) {
      const Node& child = nodes[static_cast<std::size_t>(c)];
      n.inputs += child.inputs;
      n.embeds += child.embeds;
      if (child.removed) continue;
      n.text_len += child.text_len + (child.text_len > 0 && n.text_len > 0 ? 1 : 0);
      n.link_len += child.link_len;
      n.commas += child.commas;
      n.paragraphs += child.paragraphs;
      n.prose_paragraphs += child.prose_paragraphs;
      n.images += child.images;
      n.list_items += child.list_items;
      n.has_block = n.has_block || child.has_block;
      if (!child.element || (IsInlineText(child.html->tag) && !child.has_block)) {
        n.own_len += child.text_len;
        n.own_commas += child.commas;
      }
    }
    if (n.removed) continue;
    if (tag == "a") n.link_len = n.text_len;
    if (tag == "p") ++n.paragraphs;
    if (tag == "img") ++n.images;
    if (tag == "li") ++n.list_items;
    if (n.block && !n.has_block && !IsHeadingTag(tag) && n.text_len >= 25 &&
        n.link_len * 4 < n.text_len)
      ++n.prose_paragraphs;
    if (n.block) n.has_block = true;
  }
  return tree;
}

}  // namespace vestige::indexer::extract
