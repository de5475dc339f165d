// The text of a page worth indexing: its title, its headline and the paragraphs of its main
// content, without navigation, headers, footers, cookie banners, share bars, related-article
// lists and comments.
//
// Main content is found readability-style over common's HtmlNode tree (src/extract_tree.cc,
// src/text_extract.cc): elements that are boilerplate by tag (<nav>, <aside>, <footer>, <header>,
// forms controls, media), by role, by being hidden, or by class/id hints (nav, menu, comment,
// share, related, cookie, ...) are dropped; every paragraph of text scores its ancestors by its
// length and commas; scores are scaled by (1 - link density) and by class/id hints; the best
// subtree is kept with those of its siblings that score well; inside it, blocks dense in links,
// short or full of form controls are removed. When that finds under 250 characters, a loose pass
// (no class hints, no cleaning) is taken if its text is mostly not links; otherwise the page is
// treated as a listing: the strict choice (or the page's one <main>) is kept with its link lists.
// There are no site-specific rules. The first <h1> is the headline, kept apart from the paragraphs.
//
// Thread safety: pure function of its input; safe to call concurrently.
#ifndef VESTIGE_INDEXER_TEXT_EXTRACT_H_
#define VESTIGE_INDEXER_TEXT_EXTRACT_H_

#include <string>
#include <vector>

#include "vestige/common/html.h"

namespace vestige::indexer {

struct ExtractedText {
  std::string title;     // <title>, else the first <h1>; "" if neither
  std::string headline;  // the first <h1> (anywhere on the page), "" if none; not in paragraphs
  std::vector<std::string> paragraphs;  // main text: non-empty, white space collapsed, in order
  std::string lang;                     // the <html lang> attribute as written, "" if none
};

// Never fails: a page without a recognizable main part yields the text of its <body>; an empty
// page yields no paragraphs.
ExtractedText ExtractText(const common::HtmlDocument& document);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_TEXT_EXTRACT_H_
