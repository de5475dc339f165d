// Match spies for facet counts (see xapian_facets.h).
#include "xapian_facets.h"

#include <xapian.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace vestige::query::internal {

void MultiValueSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string value = doc.get_value(slot_);
  if (value.empty()) return;
  std::vector<std::string_view> parts;
  std::string_view rest = value;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view part = rest.substr(0, nl);
    if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end()) {
      parts.push_back(part);
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  for (std::string_view part : parts) ++counts_[std::string(part)];
}

void DateHistogramSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string value = doc.get_value(slot_);
  if (value.size() < 6 ||
      !std::all_of(value.begin(), value.begin() + 6, [](char c) { return c >= '0' && c <= '9'; })) {
    ++undated_;
    return;
  }
  ++years_[value.substr(0, 4)];
  ++months_[value.substr(0, 4) + "-" + value.substr(4, 2)];
}

}  // namespace vestige::query::internal
