// Facet counts from ValueCountMatchSpy (see xapian_facets.h).
#include "xapian_facets.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/schema.h"

namespace vestige::query::internal {
namespace {

namespace schema = common::schema;

// Calls visit(value, documents) for every distinct value the spy saw.
template <typename Visit>
void ForEachValue(const Xapian::ValueCountMatchSpy& spy, Visit visit) {
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    visit(*it, std::uint64_t{it.get_termfreq()});
  }
}

}  // namespace

void AddCombination(std::string_view combination, std::uint64_t count,
                    std::map<std::string, std::uint64_t>& counts) {
  std::vector<std::string_view> parts;
  std::string_view rest = combination;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view part = rest.substr(0, nl);
    if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end()) {
      parts.push_back(part);
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  for (std::string_view part : parts) counts[std::string(part)] += count;
}

void AddPublished(std::string_view month, std::uint64_t count, Facets& facets) {
  if (month.size() < 6 ||
      !std::all_of(month.begin(), month.begin() + 6, [](char c) { return c >= '0' && c <= '9'; })) {
    facets.undated += count;
    return;
  }
  const std::string year(month.substr(0, 4));
  facets.years[year] += count;
  facets.months[year + "-" + std::string(month.substr(4, 2))] += count;
}

void AddFacetCombination(std::string_view combination, std::uint64_t count, Facets& facets) {
  std::string_view fields[schema::kFacetFieldCount];
  std::string_view rest = combination;
  for (unsigned i = 0; i < schema::kFacetFieldCount; ++i) {
    const std::size_t sep = rest.find(schema::kFacetSeparator);
    fields[i] = rest.substr(0, sep);
    if (sep == std::string_view::npos) break;  // the remaining fields stay empty
    rest.remove_prefix(sep + 1);
  }
  AddCombination(fields[schema::kFacetPersons], count, facets.persons);
  AddCombination(fields[schema::kFacetCrimes], count, facets.crimes);
  AddCombination(fields[schema::kFacetHost], count, facets.sites);
  AddCombination(fields[schema::kFacetLanguage], count, facets.languages);
  AddPublished(fields[schema::kFacetPublishedMonth], count, facets);
}

FacetSpy::FacetSpy() : spy_(schema::kSlotFacets) {}

void FacetSpy::AddTo(Xapian::Enquire& enquire) { enquire.add_matchspy(&spy_); }

Facets FacetSpy::Collect() const {
  Facets facets;
  std::uint64_t with_value = 0;
  ForEachValue(spy_, [&](const std::string& value, std::uint64_t n) {
    with_value += n;
    AddFacetCombination(value, n, facets);
  });
  // Every document has slot 8 (schema version 2); any without it counts as undated only.
  const std::uint64_t seen = spy_.get_total();
  if (seen > with_value) facets.undated += seen - with_value;
  return facets;
}

}  // namespace vestige::query::internal
