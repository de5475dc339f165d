// Filters of a SearchRequest as Xapian boolean queries (see xapian_filters.h).
#include "xapian_filters.h"

#include <xapian.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/schema.h"
#include "vestige/query/searcher.h"

namespace vestige::query::internal {
namespace {

namespace schema = common::schema;

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// OR of prefix + value over `values`; empty Query for no values.
Xapian::Query AnyOf(std::string_view prefix, const std::vector<std::string>& values, bool lower) {
  std::vector<Xapian::Query> terms;
  for (const std::string& v : values)
    terms.emplace_back(std::string(prefix) + (lower ? Lower(v) : v));
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query DateRange(const SearchRequest& request) {
  const Xapian::valueno slot =
      request.date_field == DateField::kPublished ? schema::kSlotPublished : schema::kSlotCaptured;
  if (!request.from.empty() && !request.to.empty()) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, request.from, request.to);
  }
  if (!request.from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, request.from);
  if (!request.to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, request.to);
  return Xapian::Query();
}

}  // namespace

bool HasFilters(const SearchRequest& request) {
  return !request.from.empty() || !request.to.empty() || !request.persons.empty() ||
         !request.crimes.empty() || !request.sites.empty() || !request.languages.empty();
}

bool HasPublishedDateFilter(const SearchRequest& request) {
  return request.date_field == DateField::kPublished &&
         (!request.from.empty() || !request.to.empty());
}

Xapian::Query FilterQuery(const SearchRequest& request, bool include_date) {
  std::vector<Xapian::Query> parts;
  for (const std::vector<std::string>& ids : request.persons) {
    // An --person that resolved to no id matches nothing (the caller reports unknown names).
    parts.push_back(ids.empty() ? Xapian::Query::MatchNothing
                                : AnyOf(schema::kPrefixPerson, ids, false));
  }
  parts.push_back(AnyOf(schema::kPrefixCrime, request.crimes, false));
  parts.push_back(AnyOf(schema::kPrefixHost, request.sites, true));
  parts.push_back(AnyOf(schema::kPrefixLanguage, request.languages, true));
  if (include_date) parts.push_back(DateRange(request));
  std::vector<Xapian::Query> set;
  for (const Xapian::Query& q : parts) {
    if (!q.empty()) set.push_back(q);
  }
  if (set.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, set.begin(), set.end());
}

Xapian::Query HasPublishedDate() {
  // Every stored date is 8 digits, so ">= \"0\"" holds for exactly the documents that have one.
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotPublished, "0");
}

Xapian::Query Restrict(const Xapian::Query& query, const Xapian::Query& filter) {
  const Xapian::Query base = query.empty() ? Xapian::Query::MatchAll : query;
  if (filter.empty()) return base;
  return Xapian::Query(Xapian::Query::OP_FILTER, base, filter);
}

}  // namespace vestige::query::internal
