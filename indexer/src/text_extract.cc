// Title and text of a page, the simple way (see text_extract.h).
#include "vestige/indexer/text_extract.h"

#include <string>

#include "vestige/common/html.h"

namespace vestige::indexer {
namespace {

using common::HtmlDocument;
using common::HtmlNode;

// The first element with this tag in document order, or null.
const HtmlNode* FindFirst(const HtmlNode& root, std::string_view tag) {
  const HtmlNode* found = nullptr;
  common::ForEachElement(root, [&](const HtmlNode& n) {
    if (found == nullptr && n.is(tag)) found = &n;
  });
  return found;
}

std::string Trimmed(std::string s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

}  // namespace

ExtractedText ExtractText(const HtmlDocument& document) {
  ExtractedText out;
  const HtmlNode* html = FindFirst(document.root, "html");
  if (html != nullptr) {
    if (auto lang = html->attr("lang"))
      out.lang = std::string(*lang);
    else if (auto xml_lang = html->attr("xml:lang"))
      out.lang = std::string(*xml_lang);
  }
  // <title> outside <svg> (gumbo names that one "svg:title").
  if (const HtmlNode* title = FindFirst(document.root, "title")) {
    out.title = Trimmed(common::InnerText(*title));
  }
  if (out.title.empty()) {
    if (const HtmlNode* h1 = FindFirst(document.root, "h1")) {
      out.title = Trimmed(common::InnerText(*h1));
    }
  }
  const HtmlNode* body = FindFirst(document.root, "body");
  std::string text = Trimmed(common::InnerText(body != nullptr ? *body : document.root));
  if (!text.empty()) out.paragraphs.push_back(std::move(text));
  return out;
}

}  // namespace vestige::indexer
