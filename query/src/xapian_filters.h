// Private to vestige_query: the --from/--to, --person, --crime, --site and --lang filters of a
// SearchRequest as Xapian queries (Xapian seam, with xapian_searcher.cc).
//
// Thread safety: pure functions.
#ifndef VESTIGE_QUERY_SRC_XAPIAN_FILTERS_H_
#define VESTIGE_QUERY_SRC_XAPIAN_FILTERS_H_

#include <xapian.h>

#include "vestige/query/searcher.h"

namespace vestige::query::internal {

// True when the request sets any filter (an empty query is then allowed).
bool HasFilters(const SearchRequest& request);
// True when the request filters on the published date (--from/--to with DateField::kPublished).
bool HasPublishedDateFilter(const SearchRequest& request);

// The conjunction of the request's filters; include_date == false leaves out the date range.
// An empty Query when there is nothing to filter on.
Xapian::Query FilterQuery(const SearchRequest& request, bool include_date);

// Documents that have a published date (value slot 0 set).
Xapian::Query HasPublishedDate();

// `query` restricted by `filter` (either may be empty; MatchAll when both are).
Xapian::Query Restrict(const Xapian::Query& query, const Xapian::Query& filter);

}  // namespace vestige::query::internal

#endif  // VESTIGE_QUERY_SRC_XAPIAN_FILTERS_H_
