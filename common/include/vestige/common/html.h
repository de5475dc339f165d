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

// What a caller of the ParseHtml overload below does not need from the tree, so that the parser
// can be spared reading it (issue 7: on news pages most of the bytes gumbo reads are attribute
// values that nobody reads, and white-space indentation).
struct HtmlParseOptions {
  // Lower-case names of the attributes to keep ("xml:lang" for a namespaced one, as in
  // HtmlNode::attributes). When both lists are empty, all attributes are kept.
  std::vector<std::string> keep_attributes;
  // Lower-case names of the attributes whose presence is all the caller reads: kept, with ""
  // as their value (e.g. <a href> to tell a link).
  std::vector<std::string> keep_names_only;
  // Whether runs of ASCII white space in text may be shortened.
  bool shorten_white_space = false;
};

// ParseHtml(utf8), except that
// (a) when keep_attributes or keep_names_only is not empty, every attribute whose name is in
//     neither is removed, and those in keep_names_only have "" as their value;
// (b) with `shorten_white_space`, runs of ASCII white space (space, tab, LF, CR, FF) in text nodes
//     may be shorter; a run never disappears and keeps its first character (CR as LF).
// Nothing else changes: the same elements in the same order, the same text nodes, the same kept
// attributes with the same values (bar keep_names_only), the same non-white-space text. The gain
// comes from a pre-pass that removes the unread bytes before gumbo reads them where that cannot
// change the tree (html_nesting.h); the attributes are also filtered when our tree is built, so (a)
// holds wherever the pre-pass did not dare cut.
HtmlDocument ParseHtml(std::string_view utf8, const HtmlParseOptions& options);

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
