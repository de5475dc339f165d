// An HTML5 document tree of our own, built by gumbo (the only file that sees gumbo is
// src/html_gumbo.cc). Parsing never fails: HTML5 parsing recovers from any input.
// Thread safety: ParseHtml is reentrant; a tree is an immutable value once built.
#ifndef VESTIGE_COMMON_HTML_H_
#define VESTIGE_COMMON_HTML_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vestige::common {

struct HtmlNode {
  enum class Kind { kDocument, kElement, kText };
  Kind kind = Kind::kElement;
  std::string tag;  // lower-case element name ("div", "svg:title" for foreign); "" for text
  std::vector<std::pair<std::string, std::string>> attributes;  // names lower case
  std::string text;  // text nodes: the decoded characters (entities resolved); "" for elements
  std::vector<HtmlNode> children;

  // The attribute's value, or nullopt.
  std::optional<std::string_view> attr(std::string_view name) const;
  bool is(std::string_view tag_name) const { return kind == Kind::kElement && tag == tag_name; }
};

struct HtmlDocument {
  HtmlNode root;  // kind kDocument; its element child is <html>
  // Bytes of UTF-8 input consumed; equals the input size (for statistics).
  std::size_t input_bytes = 0;
};

// REQUIRES: `utf8` is UTF-8 (invalid sequences are replaced by U+FFFD by the parser).
// Comments and the content of <script>, <style>, <template> and <noscript> are dropped, except
// the JSON text of <script type="application/ld+json"> (structured data such as datePublished). The
// tree is built without recursion, so any nesting depth is safe.
HtmlDocument ParseHtml(std::string_view utf8);

// All text below `node`, in document order, white space collapsed to single spaces, blocks
// separated by a space. For titles and simple uses; the indexer's extractor does better.
std::string InnerText(const HtmlNode& node);

// Calls `fn(node)` for every element below `root` in document order (iterative).
template <typename Fn>
void ForEachElement(const HtmlNode& root, Fn&& fn) {
  std::vector<const HtmlNode*> stack{&root};
  while (!stack.empty()) {
    const HtmlNode* n = stack.back();
    stack.pop_back();
    if (n->kind == HtmlNode::Kind::kElement) fn(*n);
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.push_back(&*it);
  }
}

// Links a page declares: <a href>, <link href> with its rel, <area href>, <iframe src>,
// <meta http-equiv=refresh> targets, and <base href>. Values are as written (not resolved).
struct HtmlLink {
  std::string url;
  std::string tag;   // "a", "link", "area", "iframe", "meta-refresh"
  std::string rel;   // lower case, for <a> and <link>
  std::string type;  // the type attribute of <link>, e.g. application/rss+xml
};
struct HtmlLinks {
  std::optional<std::string> base_href;
  std::vector<HtmlLink> links;
};
HtmlLinks ExtractLinks(const HtmlNode& root);

// ExtractLinks(ParseHtml(utf8).root), the same links in the same order, without building our tree:
// it reads gumbo's parse directly. For the crawler, which wants only a page's links.
HtmlLinks ParseHtmlLinks(std::string_view utf8);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_HTML_H_
