// A flat, annotated view of an HtmlNode tree for main-content extraction (text_extract.cc).
//
// The tree is flattened in document (pre-)order, so every node's descendants follow it and a
// reverse scan visits children before parents: all statistics are computed without recursion,
// whatever the nesting depth. Thread safety: plain values built by a pure function.
#ifndef VESTIGE_INDEXER_EXTRACT_TREE_H_
#define VESTIGE_INDEXER_EXTRACT_TREE_H_

#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/html.h"

namespace vestige::indexer::extract {

// What the flattening should drop as boilerplate before any scoring.
struct TreeOptions {
  // Drop elements whose class/id/role says navigation, comments, sharing, cookie banners, ...
  // (unless it also says article/content/main). Turning it off keeps more text (retry pass).
  bool drop_unlikely = true;
};

struct Node {
  const common::HtmlNode* html = nullptr;  // an element or a text node
  int parent = -1;                         // index in Tree::nodes; -1 for the root
  int first_child = -1;
  int next_sibling = -1;
  bool element = false;
  bool removed = false;    // boilerplate (by tag, class/id/role, or hidden): contributes nothing
  bool block = false;      // a block-level tag (breaks paragraphs)
  bool has_block = false;  // a block-level element at or below this one (not removed)
  int text_len = 0;        // code points of white-space-collapsed text below (not removed)
  int link_len = 0;        // the part of text_len inside <a>
  int commas = 0;          // commas in that text
  int own_len = 0;         // text in direct text children and inline children (no block between)
  int own_commas = 0;
  int paragraphs = 0;        // <p> elements below
  int prose_paragraphs = 0;  // blocks without blocks below, >= 25 code points, few links
  int images = 0;            // <img> below
  int list_items = 0;        // <li> below
  int inputs = 0;            // <input>, <select>, <textarea>, <button> below (even removed ones)
  int embeds = 0;            // <iframe>, <object>, <embed>, <video> below (even removed ones)
  int class_weight = 0;      // +25/-25 per positive/negative class and id hint (readability's)

  double LinkDensity() const { return text_len > 0 ? double(link_len) / text_len : 0.0; }
};

struct Tree {
  std::vector<Node> nodes;  // nodes[0] is the document root
};

Tree BuildTree(const common::HtmlNode& root, const TreeOptions& options);

// Lower-case tag names.
bool IsBlockTag(std::string_view tag);
bool IsHeadingTag(std::string_view tag);  // h1..h6

// Code points in `text` after collapsing white space runs to one space (leading space counted
// only when `after_space` is false); updates `after_space`.
int CollapsedLength(std::string_view text, bool& after_space);

}  // namespace vestige::indexer::extract

#endif  // VESTIGE_INDEXER_EXTRACT_TREE_H_
