// The contract of common::ParseHtml(utf8, HtmlParseOptions) (html.h), as a view of a full tree:
// shared by tests/common/html_prepass_test.cc and the html fuzz target, which both check that the
// overload's tree equals ContractView of ParseHtml(utf8)'s. Header-only: the fuzz targets link no
// test support library.
#ifndef VESTIGE_TESTS_SUPPORT_HTML_CONTRACT_H_
#define VESTIGE_TESTS_SUPPORT_HTML_CONTRACT_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "vestige/common/html.h"

namespace vestige::test {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Each run of ASCII white space replaced by its first character.
inline std::string FirstOfRuns(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsAsciiSpace(text[i]) && i > 0 && IsAsciiSpace(text[i - 1])) continue;
    out.push_back(text[i]);
  }
  return out;
}

// In place: attributes in neither list dropped (unless both are empty), the values of those in
// `names_only` made "", and with `runs`, white-space runs in text cut to their first character.
inline void ContractView(common::HtmlNode& node, const std::vector<std::string>& keep,
                         const std::vector<std::string>& names_only, bool runs) {
  auto contains = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (!keep.empty() || !names_only.empty()) {
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& attr : node.attributes) {
      if (contains(keep, attr.first)) {
        kept.push_back(std::move(attr));
      } else if (contains(names_only, attr.first)) {
        kept.emplace_back(std::move(attr.first), "");
      }
    }
    node.attributes = std::move(kept);
  }
  if (runs) node.text = FirstOfRuns(node.text);
  for (common::HtmlNode& child : node.children) ContractView(child, keep, names_only, runs);
}

}  // namespace vestige::test

#endif  // VESTIGE_TESTS_SUPPORT_HTML_CONTRACT_H_
