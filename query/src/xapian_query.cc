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

// The first error a processor below met while parsing, on this thread. Processors record it and
// return MatchNothing instead of throwing: an exception thrown through Xapian 1.4's parser from a
// processor leaks the parser's state. ParseQuery clears it before and checks it after parsing.
thread_local std::string t_parse_error;

Xapian::Query ParseFailure(const std::string& message) {
  if (t_parse_error.empty()) t_parse_error = message;
  return Xapian::Query::MatchNothing;
}

// published:A..B / captured:A..B over a YYYYMMDD value slot, with partial dates (2024, 2024-03).
// Xapian's own DateRangeProcessor (1.4) reads whole dates only, hence this one.
class DateRange : public Xapian::RangeProcessor {
 public:
  DateRange(Xapian::valueno value_slot, const std::string& prefix)
      : Xapian::RangeProcessor(value_slot, prefix), field_(prefix) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string lo;
    std::string hi;
    const std::string where = " in " + field_ + begin + ".." + end;
    if (!begin.empty()) lo = Bound(begin, false, where);
    if (!end.empty()) hi = Bound(end, true, where);
    if (!t_parse_error.empty()) return Xapian::Query::MatchNothing;
    if (lo.empty() && hi.empty()) {
      return ParseFailure("empty date range in " + field_ + "..");
    }
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
    if (lo > hi) {
      return ParseFailure("date range " + field_ + begin + ".." + end + " ends before it begins");
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
  }

 private:
  static std::string Bound(const std::string& text, bool end, const std::string& where) {
    Result<std::string> bound = ParseDateBound(text, end);
    if (!bound.ok()) {
      ParseFailure(bound.status().message() + where);
      return std::string();
    }
    return *bound;
  }
  std::string field_;
};

// published:2024-03 (no ".."): the whole period of one partial date, as a range.
class DatePeriod : public Xapian::FieldProcessor {
 public:
  DatePeriod(Xapian::valueno value_slot, std::string field)
      : slot_(value_slot), field_(std::move(field)) {}
  Xapian::Query operator()(const std::string& str) override {
    Result<std::string> lo = ParseDateBound(str, false);
    Result<std::string> hi = ParseDateBound(str, true);
    if (!lo.ok()) {
      return ParseFailure(lo.status().message() + " in " + field_ + ":" + str);
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot_, *lo, *hi);
  }

 private:
  Xapian::valueno slot_;
  std::string field_;
};

// person: and crime:: an id, or a name/label the resolver knows. Unknown values are errors, so a
// typo does not silently return nothing.
class EntityFilter : public Xapian::FieldProcessor {
 public:
  EntityFilter(std::string prefix, std::string field, AliasResolver resolver)
      : prefix_(std::move(prefix)), field_(std::move(field)), resolver_(std::move(resolver)) {}
  Xapian::Query operator()(const std::string& str) override {
    std::vector<std::string> ids;
    if (resolver_) {
      ids = resolver_(str);
      if (ids.empty()) return ParseFailure("unknown " + field_ + " \"" + str + "\"");
    } else {
      std::string id;
      for (char c : str)
        id.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      ids.push_back(id);
    }
    std::vector<Xapian::Query> terms;
    for (const std::string& id : ids) terms.emplace_back(prefix_ + id);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

 private:
  std::string prefix_;
  std::string field_;
  AliasResolver resolver_;
};

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE |
    Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;

Xapian::QueryParser MakeParser(const Xapian::Database& db, const Xapian::Stem& stemmer,
                               Xapian::QueryParser::stem_strategy strategy,
                               const ParseContext& context) {
  const unsigned max_wildcard_terms = context.max_wildcard_terms;
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
  qp.add_boolean_prefix("person", (new EntityFilter(std::string(schema::kPrefixPerson), "person",
                                                    context.alias_resolver))
                                      ->release());
  qp.add_boolean_prefix("crime", (new EntityFilter(std::string(schema::kPrefixCrime), "crime",
                                                   context.crime_resolver))
                                     ->release());
  qp.add_boolean_prefix("published",
                        (new DatePeriod(schema::kSlotPublished, "published"))->release());
  qp.add_boolean_prefix("captured", (new DatePeriod(schema::kSlotCaptured, "captured"))->release());
  qp.add_rangeprocessor((new DateRange(schema::kSlotPublished, "published:"))->release());
  qp.add_rangeprocessor((new DateRange(schema::kSlotCaptured, "captured:"))->release());
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

// A plain word's term: unprefixed (no leading capital, the prefix convention).
bool IsPlainWord(const std::string& term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

// Adds "OR the person's XP terms" to each plain word (or stem/exact pair) naming a gazetteer
// person. Phrases and other parameterised operators are left alone.
Xapian::Query ExpandAliases(const Xapian::Query& q, const AliasResolver& resolver) {
  const Xapian::Query::op type = q.get_type();
  std::string word;
  if (type == Xapian::Query::LEAF_TERM) {
    word = LeafTerm(q);
  } else if (type == Xapian::Query::OP_SYNONYM && q.get_num_subqueries() == 2) {
    word = LeafTerm(q.get_subquery(1));  // the exact leaf of a stem/exact pair
  } else if (Rebuildable(type) && q.get_num_subqueries() > 0) {
    std::vector<Xapian::Query> subs;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
      subs.push_back(ExpandAliases(q.get_subquery(i), resolver));
    }
    return Xapian::Query(type, subs.begin(), subs.end());
  }
  if (!IsPlainWord(word)) return q;
  const std::vector<std::string> ids = resolver(word);
  if (ids.empty()) return q;
  std::vector<Xapian::Query> alternatives{q};
  for (const std::string& id : ids)
    alternatives.emplace_back(std::string(schema::kPrefixPerson) + id);
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

}  // namespace

Result<ParsedQuery> ParseQuery(const std::string& text, const Xapian::Database& db,
                               const ParseContext& context) {
  ParsedQuery parsed;
  parsed.stemmer_name = StemmerForQuery(text);
  parsed.stemmer = Xapian::Stem(parsed.stemmer_name);
  Xapian::Query stemmed;
  Xapian::Query exact;
  t_parse_error.clear();
  try {
    Xapian::QueryParser with_stems =
        MakeParser(db, parsed.stemmer, Xapian::QueryParser::STEM_SOME, context);
    stemmed = with_stems.parse_query(text, kParseFlags);
    Xapian::QueryParser without_stems =
        MakeParser(db, Xapian::Stem(), Xapian::QueryParser::STEM_NONE, context);
    exact = without_stems.parse_query(text, kParseFlags);
  } catch (const Xapian::QueryParserError& e) {
    return Status::InvalidArgument("bad query: " + e.get_msg());
  }
  if (!t_parse_error.empty()) {
    const std::string message = t_parse_error;
    t_parse_error.clear();
    return Status::InvalidArgument("bad query: " + message);
  }
  if (stemmed.empty()) return parsed;
  bool changed = false;
  bool ok = true;
  Xapian::Query paired = PairWithExact(stemmed, exact, &changed, &ok);
  parsed.query = ok ? paired : stemmed;
  if (context.alias_resolver && !context.exact) {
    parsed.query = ExpandAliases(parsed.query, context.alias_resolver);
  }
  return parsed;
}

}  // namespace vestige::query::internal
