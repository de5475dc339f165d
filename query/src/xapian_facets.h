// Private to vestige_query: facet counting with Xapian match spies (Xapian seam, with
// xapian_searcher.cc). A spy sees every document the match examines; the searcher asks for
// check_at_least = database size, so every match is examined and the counts are exact.
//
// Limitation: these spies do not serialise, so facets over remote (xapian-tcpsrv) shards fail
// with Xapian::UnimplementedError, which the searcher reports as an error.
//
// Thread safety: one spy per search.
#ifndef VESTIGE_QUERY_SRC_XAPIAN_FACETS_H_
#define VESTIGE_QUERY_SRC_XAPIAN_FACETS_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

namespace vestige::query::internal {

// Counts the values of one slot, each value split at '\n' (multi-valued slots 6 and 7 hold ids
// joined by '\n'; single-valued slots simply have one part). A document counts once per distinct
// part. Documents without the value are not counted.
class MultiValueSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::map<std::string, std::uint64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::uint64_t> counts_;
};

// Histogram of a YYYYMMDD slot by year ("YYYY") and month ("YYYY-MM"); documents without the
// value, or with a malformed one, are counted as undated.
class DateHistogramSpy : public Xapian::MatchSpy {
 public:
  explicit DateHistogramSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::map<std::string, std::uint64_t>& years() const { return years_; }
  const std::map<std::string, std::uint64_t>& months() const { return months_; }
  std::uint64_t undated() const { return undated_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::uint64_t> years_;
  std::map<std::string, std::uint64_t> months_;
  std::uint64_t undated_ = 0;
};

}  // namespace vestige::query::internal

#endif  // VESTIGE_QUERY_SRC_XAPIAN_FACETS_H_
