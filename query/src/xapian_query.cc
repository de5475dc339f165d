// Query parsing for the searcher: Xapian's QueryParser plus one rewrite.
//
// Why the rewrite: under STEM_SOME the parser turns a lowercase word into its stem term only
// ("пытки" -> "Zпытк"). The indexer writes stem terms only for the languages it stems (English,
// Russian), but writes exact words for every document. A Belarusian document therefore holds
// "катаванні" and no "Zкатаванні", and a stem-only query would never find it. So each query is
// parsed twice, with the stemmer and without, and every stemmed leaf is paired with its exact
// leaf under OP_SYNONYM (one term for weighting). The two parses have the same shape, because
// stemming only changes leaf terms; if they ever differ we keep the stemmed parse.
#include "xapian_query.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "vestige/common/schema.h"
#include "vestige/common/status.h"
#include "vestige/query/searcher.h"

namespace vestige::query::internal {
namespace {

using common::Result;
using common::Status;
namespace schema = common::schema;

// site: and lang: filters: boolean terms, lowercased (hosts and language codes are stored in
// lowercase), so "site:Example.ORG" still filters.
class LowercaseFilter : public Xapian::FieldProcessor {
 public:
  explicit LowercaseFilter(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& str) override {
    std::string term = prefix_;
    term.reserve(prefix_.size() + str.size());
    for (char c : str) {
      term.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return Xapian::Query(term);
  }

 private:
  std::string prefix_;
};

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
    Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

Xapian::QueryParser MakeParser(const Xapian::Database& db, const Xapian::Stem& stemmer,
                               Xapian::QueryParser::stem_strategy strategy,
                               unsigned max_wildcard_terms) {
  Xapian::QueryParser qp;
  // AND: analysts expect every word they type to matter; OR must be asked for.
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_stemmer(stemmer);
  qp.set_stemming_strategy(strategy);
  qp.set_database(db);  // wildcards expand against the index's terms
  qp.set_max_expansion(max_wildcard_terms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::QueryParser::FLAG_WILDCARD);
  qp.add_prefix("title", std::string(schema::kPrefixTitle));
  qp.add_boolean_prefix("site", (new LowercaseFilter(std::string(schema::kPrefixHost)))->release());
  qp.add_boolean_prefix("lang",
                        (new LowercaseFilter(std::string(schema::kPrefixLanguage)))->release());
  return qp;
}

std::string LeafTerm(const Xapian::Query& leaf) {
  auto it = leaf.get_terms_begin();
  return it == leaf.get_terms_end() ? std::string() : *it;
}

// Operators whose node is rebuilt from its subqueries alone (no window or factor parameter).
bool Rebuildable(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

// Pairs each leaf of `stemmed` that differs from the same leaf of `exact` as
// OP_SYNONYM(stemmed leaf, exact leaf). Sets *changed when anything was paired; sets *ok = false
// when the trees differ in shape, or a changed subtree sits under an operator with parameters.
Xapian::Query PairWithExact(const Xapian::Query& stemmed, const Xapian::Query& exact, bool* changed,
                            bool* ok) {
  if (stemmed.get_type() != exact.get_type() ||
      stemmed.get_num_subqueries() != exact.get_num_subqueries()) {
    *ok = false;
    return stemmed;
  }
  if (stemmed.get_type() == Xapian::Query::LEAF_TERM) {
    if (LeafTerm(stemmed) == LeafTerm(exact)) return stemmed;
    *changed = true;
    return Xapian::Query(Xapian::Query::OP_SYNONYM, stemmed, exact);
  }
  const std::size_t n = stemmed.get_num_subqueries();
  if (n == 0) return stemmed;
  std::vector<Xapian::Query> subs;
  subs.reserve(n);
  bool any_changed = false;
  for (std::size_t i = 0; i < n && *ok; ++i) {
    subs.push_back(PairWithExact(stemmed.get_subquery(i), exact.get_subquery(i), &any_changed, ok));
  }
  if (!*ok || !any_changed) return stemmed;
  if (!Rebuildable(stemmed.get_type())) {
    *ok = false;
    return stemmed;
  }
  *changed = true;
  return Xapian::Query(stemmed.get_type(), subs.begin(), subs.end());
}

}  // namespace

Result<ParsedQuery> ParseQuery(const std::string& text, const Xapian::Database& db,
                               unsigned max_wildcard_terms) {
  ParsedQuery parsed;
  parsed.stemmer_name = StemmerForQuery(text);
  parsed.stemmer = Xapian::Stem(parsed.stemmer_name);
  Xapian::Query stemmed;
  Xapian::Query exact;
  try {
    Xapian::QueryParser with_stems =
        MakeParser(db, parsed.stemmer, Xapian::QueryParser::STEM_SOME, max_wildcard_terms);
    stemmed = with_stems.parse_query(text, kParseFlags);
    Xapian::QueryParser without_stems =
        MakeParser(db, Xapian::Stem(), Xapian::QueryParser::STEM_NONE, max_wildcard_terms);
    exact = without_stems.parse_query(text, kParseFlags);
  } catch (const Xapian::QueryParserError& e) {
    return Status::InvalidArgument("bad query: " + e.get_msg());
  }
  if (stemmed.empty()) return Status::InvalidArgument("empty query");
  bool changed = false;
  bool ok = true;
  Xapian::Query paired = PairWithExact(stemmed, exact, &changed, &ok);
  parsed.query = ok ? paired : stemmed;
  return parsed;
}

}  // namespace vestige::query::internal
