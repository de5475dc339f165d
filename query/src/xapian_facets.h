// Private to vestige_query: facet counts with Xapian's built-in ValueCountMatchSpy (Xapian seam,
// with xapian_searcher.cc). A spy sees every document the match examines; the searcher asks for
// check_at_least = database size, so every match is examined and the counts are exact.
//
// Why the built-in spy: it is the one Xapian can serialise, so it also runs inside xapian-tcpsrv
// for remote shards, whose counts come back and are merged with the local ones. It counts whole
// slot values, so it runs on slot 8 (schema::kSlotFacets), where the indexer joins every facet
// field of a document into one value: one value lookup per match for all facets. The spy counts
// each distinct combination; Collect splits every combination into its fields (and the
// multi-valued persons and crimes into ids) and adds its count to each value in it. Each document
// has one combination, so the per-value sums are exact.
//
// Thread safety: one FacetSpy per search.
#ifndef VESTIGE_QUERY_SRC_XAPIAN_FACETS_H_
#define VESTIGE_QUERY_SRC_XAPIAN_FACETS_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "vestige/query/searcher.h"

namespace vestige::query::internal {

// Adds `count` to counts[id] for each distinct non-empty id of `combination` (ids joined by
// '\n'; a single-valued slot is a combination of one).
void AddCombination(std::string_view combination, std::uint64_t count,
                    std::map<std::string, std::uint64_t>& counts);

// Adds `count` documents published in `month` ("YYYYMM", or longer: only the first six bytes
// are read) to the year and month histograms; a value whose first six bytes are not digits
// counts as undated.
void AddPublished(std::string_view month, std::uint64_t count, Facets& facets);

// Adds `count` documents with the slot-8 value `combination` (the fields of
// schema::FacetField joined by schema::kFacetSeparator) to `facets`.
void AddFacetCombination(std::string_view combination, std::uint64_t count, Facets& facets);

class FacetSpy {
 public:
  FacetSpy();
  // Registers the spy; call before Enquire::get_mset. The spy must outlive that call.
  void AddTo(Xapian::Enquire& enquire);
  // The counts of every document the match examined (after get_mset).
  Facets Collect() const;

 private:
  Xapian::ValueCountMatchSpy spy_;
};

}  // namespace vestige::query::internal

#endif  // VESTIGE_QUERY_SRC_XAPIAN_FACETS_H_
