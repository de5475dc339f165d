// What one element adds to HtmlLinks, shared by the two ways to get a page's links: ExtractLinks
// over our HtmlNode tree (html_text.cc) and ParseHtmlLinks over gumbo's own tree (html_gumbo.cc),
// so that both apply the same rules.
//
// Internal to vestige_common. Thread safety: a pure function.
#ifndef VESTIGE_COMMON_SRC_HTML_LINKS_H_
#define VESTIGE_COMMON_SRC_HTML_LINKS_H_

#include <optional>
#include <string_view>

#include "vestige/common/html.h"

namespace vestige::common::html_internal {

// The element's tag ("a", "area", "link", "iframe", "meta", "base": other tags add nothing) and
// the values of the attributes that matter to links (nullopt when absent).
struct LinkElement {
  std::string_view tag;
  std::optional<std::string_view> href, rel, type, src, http_equiv, content;
};

// True for the tags AddLinks reads.
bool IsLinkTag(std::string_view tag);

// Appends the element's link to `links`, or sets links->base_href (the first <base href> wins).
void AddLinks(const LinkElement& element, HtmlLinks* links);

}  // namespace vestige::common::html_internal

#endif  // VESTIGE_COMMON_SRC_HTML_LINKS_H_
