// libFuzzer target for html.h: ParseHtml, InnerText, ExtractLinks and ParseHtmlLinks on any bytes.
// Properties checked beyond "no crash": input_bytes is the input size, the document has exactly
// one <html> child, the tree depth stays bounded (the converter caps it, see html_gumbo.cc), and
// the crawler's cheaper ParseHtmlLinks (which trims text before gumbo) finds exactly the links
// ExtractLinks finds in the full tree, in the same order; and skipping <script>/<style> content
// before gumbo (what ParseHtml does) gives the same tree as parsing without skipping, apart from
// that content itself; and ParseHtml(input, HtmlParseOptions) gives ParseHtml(input)'s tree less
// the attributes not kept, white-space runs in text cut to their first character in both.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html_contract.h"  // tests/support: the ParseHtml options contract as a tree view
#include "html_nesting.h"   // html_internal::ParseHtml(utf8, drop_script_style)
#include "vestige/common/html.h"

namespace {

void Check(bool condition, int line = __builtin_LINE()) {
  if (condition) return;
  std::fprintf(stderr, "html_fuzz.cc:%d: check failed\n", line);
  std::abort();
}

// Same tree, except the text inside <script> and <style> elements (which the skipping drops).
bool SameTree(const vestige::common::HtmlNode& a, const vestige::common::HtmlNode& b,
              bool in_raw_text) {
  if (a.kind != b.kind || a.tag != b.tag || a.attributes != b.attributes) return false;
  if (in_raw_text) return true;
  if (a.text != b.text || a.children.size() != b.children.size()) return false;
  const bool raw = a.is("script") || a.is("style");
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!SameTree(a.children[i], b.children[i], raw)) return false;
  }
  return true;
}

// Same tree, node for node (the depth is bounded by the converter's cap).
bool Equal(const vestige::common::HtmlNode& a, const vestige::common::HtmlNode& b) {
  if (a.kind != b.kind || a.tag != b.tag || a.attributes != b.attributes || a.text != b.text ||
      a.children.size() != b.children.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!Equal(a.children[i], b.children[i])) return false;
  }
  return true;
}

void CheckOptions(std::string_view input, const vestige::common::HtmlDocument& full,
                  const vestige::common::HtmlParseOptions& options) {
  using namespace vestige::common;
  HtmlDocument expected = full;
  vestige::test::ContractView(expected.root, options.keep_attributes, options.keep_names_only,
                              true);
  HtmlDocument fast = ParseHtml(input, options);
  vestige::test::ContractView(fast.root, {}, {}, true);
  Check(Equal(expected.root, fast.root));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vestige::common;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const HtmlDocument doc = ParseHtml(input);
  Check(doc.input_bytes == size);
  Check(doc.root.kind == HtmlNode::Kind::kDocument);
  Check(doc.root.children.size() == 1 && doc.root.children[0].is("html"));

  std::size_t max_depth = 0;
  std::vector<std::pair<const HtmlNode*, std::size_t>> stack{{&doc.root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > max_depth) max_depth = depth;
    Check(node->kind != HtmlNode::Kind::kText || node->children.empty());
    for (const HtmlNode& child : node->children) stack.push_back({&child, depth + 1});
  }
  Check(max_depth <= 513);

  InnerText(doc.root);
  const HtmlLinks links = ExtractLinks(doc.root);
  for (const HtmlLink& link : links.links) Check(!link.url.empty());

  const HtmlDocument unskipped = html_internal::ParseHtml(input, /*drop_script_style=*/false);
  Check(SameTree(doc.root, unskipped.root, false));

  // A reader's attribute list (the indexer's kind), and one without those the tree builder reads.
  static const HtmlParseOptions kReader{{"class", "id", "lang", "xml:lang", "content", "name",
                                         "type", "title", "itemprop", "datetime", "style"},
                                        {"href", "hidden"},
                                        true};
  static const HtmlParseOptions kIdOnly{{"id"}, {"type", "d", "color", "encoding"}, true};
  CheckOptions(input, doc, kReader);
  CheckOptions(input, doc, kIdOnly);

  const HtmlLinks fast = ParseHtmlLinks(input);
  Check(fast.base_href == links.base_href);
  Check(fast.links.size() == links.links.size());
  for (std::size_t i = 0; i < fast.links.size(); ++i) {
    const HtmlLink& a = fast.links[i];
    const HtmlLink& b = links.links[i];
    Check(a.url == b.url && a.tag == b.tag && a.rel == b.rel && a.type == b.type);
  }
  return 0;
}
