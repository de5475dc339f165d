// The text of a page worth indexing: its title and its paragraphs.
//
// For now the body is taken whole (InnerText of <body>) as one paragraph; a later version
// replaces this by main-content extraction (dropping navigation, footers, ...) behind the same
// function. Thread safety: pure function.
#ifndef VESTIGE_INDEXER_TEXT_EXTRACT_H_
#define VESTIGE_INDEXER_TEXT_EXTRACT_H_

#include <string>
#include <vector>

#include "vestige/common/html.h"

namespace vestige::indexer {

struct ExtractedText {
  std::string title;                    // <title>, else the first <h1>; "" if neither
  std::vector<std::string> paragraphs;  // non-empty, white space collapsed, in document order
  std::string lang;                     // the <html lang> attribute as written, "" if none
};

ExtractedText ExtractText(const common::HtmlDocument& document);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_TEXT_EXTRACT_H_
