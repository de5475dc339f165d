// Private to vestige_query: turning query text into a Xapian::Query (Xapian seam, with
// xapian_searcher.cc). Nothing outside query/src includes this.
//
// Thread safety: ParseQuery reads `db` (for wildcard expansion), so it shares the database's
// single-thread rule.
#ifndef VESTIGE_QUERY_SRC_XAPIAN_QUERY_H_
#define VESTIGE_QUERY_SRC_XAPIAN_QUERY_H_

#include <xapian.h>

#include <string>

#include "vestige/common/status.h"
#include "vestige/query/searcher.h"

namespace vestige::query::internal {

struct ParsedQuery {
  Xapian::Query query;
  Xapian::Stem stemmer;      // the stemmer the query used; snippets must use the same one
  std::string stemmer_name;  // "english" or "russian"
};

// Parses `text` with Xapian's QueryParser: default operator AND, boolean operators, phrases,
// +/-, wildcards and pure NOT; title: (S), site: (H) and lang: (L). Plain words match their stem
// (Z-prefixed, as the indexer writes for stemmed languages) or the exact word (written for every
// document). Returns InvalidArgument "bad query: <message>" when the parser rejects the text, and
// InvalidArgument "empty query" when it holds nothing to search for. Other Xapian::Error
// exceptions propagate to the caller, which converts them.
struct ParseContext {
  unsigned max_wildcard_terms = 1000;  // see SearchRequest::max_wildcard_terms
  // person:NAME and plain words that are aliases; may be empty (then person: takes ids only and
  // words are not expanded).
  AliasResolver alias_resolver;
  // crime:LABEL -> crime ids; may be empty (then crime: takes ids only).
  AliasResolver crime_resolver;
  bool exact = false;  // do not expand alias words to person terms
};

// Also: published:A..B and captured:A..B date ranges (value slots 0 and 1; A and B are
// ParseDateBound dates, either may be empty) and person:/crime: boolean filters. A bad date or an
// unknown person or crime is InvalidArgument "bad query: ...". An empty parse returns OK with
// query.empty() (the caller decides whether filters make that acceptable).
common::Result<ParsedQuery> ParseQuery(const std::string& text, const Xapian::Database& db,
                                       const ParseContext& context);

}  // namespace vestige::query::internal

#endif  // VESTIGE_QUERY_SRC_XAPIAN_QUERY_H_
