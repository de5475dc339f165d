// Entity-facet evaluation: the person (XP) and crime-type (XC) terms of an indexed collection
// against hand labels.
//
// Labels are JSON: {url: {"persons": [ids or names], "crimes": [ids], ...}}; other fields are
// ignored. A person given by name is resolved through the gazetteer (common::Gazetteer::Resolve)
// when it names exactly one person. URLs are compared without their port: the sample site is
// crawled on whatever port the OS gave, so "http://naviny.example:41234/x" in the index matches
// the label "http://naviny.example/x". A labelled URL missing from the index is counted (and
// listed) and scored as a page with no detections, so it costs recall.
// Thread safety: pure functions apart from the file and index reads.
#ifndef VESTIGE_EVAL_ENTITIES_EVAL_H_
#define VESTIGE_EVAL_ENTITIES_EVAL_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/gazetteer.h"
#include "vestige/common/status.h"

namespace vestige::eval {

struct PageFacets {
  std::set<std::string> persons;  // person ids
  std::set<std::string> crimes;   // crime type ids
};

struct FacetScore {
  std::uint64_t true_positives = 0;
  std::uint64_t false_positives = 0;
  std::uint64_t false_negatives = 0;
  // 1 when nothing was predicted (or expected): no mistakes of that kind.
  double Precision() const {
    const auto n = true_positives + false_positives;
    return n == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(n);
  }
  double Recall() const {
    const auto n = true_positives + false_negatives;
    return n == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(n);
  }
};

struct EntitiesReport {
  std::uint64_t pages = 0;             // labelled pages
  std::vector<std::string> not_found;  // labelled URLs the index does not hold
  FacetScore persons;
  FacetScore crimes;
  std::vector<std::string> mistakes;  // "url: person +id / -id ..." lines, for reading
};

// "scheme://host:port/path" -> "scheme://host/path"; other URLs unchanged.
std::string StripPort(std::string_view url);

// Parses the labels. InvalidArgument when the JSON is not of the form above. `gazetteer` may be
// null (person entries are then taken as ids).
common::Result<std::map<std::string, PageFacets>> ParseEntityLabels(
    std::string_view json, const common::Gazetteer* gazetteer);

// The facets of every document of the index folder `index_dir`, by URL with the port removed
// (xapian_facets.cc). NotFound / IOError / Corruption when it cannot be read.
common::Result<std::map<std::string, PageFacets>> ReadIndexFacets(const std::string& index_dir);

// Scores `found` (by StripPort'ed URL) against `labels`.
EntitiesReport ScoreEntities(const std::map<std::string, PageFacets>& labels,
                             const std::map<std::string, PageFacets>& found);

// Precision and recall per facet, counts, then the mistakes.
std::string FormatEntitiesReport(const EntitiesReport& report);

}  // namespace vestige::eval

#endif  // VESTIGE_EVAL_ENTITIES_EVAL_H_
