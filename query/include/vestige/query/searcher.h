// Searching an index built by vestige-index: open one or more Xapian databases read-only, parse a
// query written in Xapian's query syntax, and return ranked hits as plain data.
//
// Query language (see README "Searching"):
//   - Words are combined with AND by default: every word must occur (analysts expect each word they
//     type to matter). OR, NOT, XOR, AND, parentheses, +word / -word, "exact phrases" and
//     trailing wildcards (tortur*) work as in Xapian's QueryParser.
//   - title:word searches title words; site:host and lang:code are boolean filters (exact host
//     name, ISO 639-1 code; matched case-insensitively); person:X and crime:X filter on entity
//     ids (or names/labels, through SearchRequest's resolvers); published:A..B and captured:A..B
//     are date ranges (partial dates allowed, either end may be empty), and published:2024-03
//     is one whole period. Full reference: query/QUERY-SYNTAX.md.
//   - A plain word that a person alias resolver knows also matches that person's documents.
//   - Stemming: the stemmer is chosen from the query's script (StemmerForQuery); each plain word
//     matches its stem (in English/Russian documents, which the indexer stems) OR the exact word
//     (in every document, including unstemmed Belarusian ones).
//
// Thread safety: a Searcher is NOT safe for concurrent use (it owns Xapian database handles, which
// are not thread-safe); open one Searcher per thread. Distinct Searchers are independent. The
// indexer may commit while a Searcher is open: Search reopens to the latest revision and retries
// once when Xapian reports the revision it was reading has gone.
#ifndef VESTIGE_QUERY_SEARCHER_H_
#define VESTIGE_QUERY_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/status.h"

namespace vestige::query {

// Which date --from/--to (and sorting by date) apply to.
enum class DateField {
  kPublished,  // value slot 0 (range) / slots 9 and 10 (sort); documents without a published
               // date never pass a range on it, and sort last
  kCaptured,   // value slot 1 (range) / slot 2 (sort)
};

// Date sorts break ties by capture time, then relevance; they work on remote shards too.
enum class SortOrder {
  kRelevance,  // best BM25 weight first
  kNewest,     // latest date first (of the DateField), undated last
  kOldest,     // earliest date first, undated last
};

// Given one plain query word (lower case, as the parser produced it), the ids of the gazetteer
// persons it names; empty when none. Supplied by the caller so that the searcher needs no
// gazetteer (see ResolvePersonAlias in entities.h).
using AliasResolver = std::function<std::vector<std::string>(std::string_view word)>;

struct SearchRequest {
  // The query text, in Xapian's query syntax (see the header comment). Whitespace-only text is
  // allowed only when at least one filter below is set (it then lists every document passing
  // them); otherwise it is rejected with InvalidArgument "empty query".
  std::string query;
  // --- Filters (all of them must pass) ---
  DateField date_field = DateField::kPublished;
  // Inclusive bounds as YYYYMMDD strings (see ParseDateBound), empty for none.
  std::string from;
  std::string to;
  // Each inner list is one --person: a document must carry at least one id of EVERY list.
  std::vector<std::vector<std::string>> persons;
  // Crime type ids: a document must carry at least one of them.
  std::vector<std::string> crimes;
  std::vector<std::string> sites;      // host names, any of them (lower-cased before matching)
  std::vector<std::string> languages;  // ISO 639-1 codes, any of them
  SortOrder sort = SortOrder::kRelevance;
  // Show one document per distinct extracted text (value slot 5): the best-ranked one.
  bool collapse = false;
  // Count facets (SearchResults::facets) over every match. Costs a full match: every matching
  // document is visited, so this is exact up to exact_count_threshold documents.
  bool facets = false;
  // Words that are person aliases also match that person's documents (XP terms), unless exact.
  AliasResolver alias_resolver;
  // crime:LABEL in the query -> crime ids; without it crime: takes ids only.
  AliasResolver crime_resolver;
  bool exact = false;
  // Hits to skip before the first one returned (for paging). Raising it costs a deeper match.
  std::uint32_t offset = 0;
  // Most hits returned. Each hit costs a document decode and a snippet; 0 returns only counts.
  std::uint32_t limit = 10;
  // Bytes of document text a snippet aims for (it may run slightly longer to end on a word).
  std::size_t snippet_bytes = 200;
  // The match examines at least this many documents so that result counts up to this size are
  // exact rather than estimated. Raising it makes large result sets slower to count.
  std::uint32_t exact_count_threshold = 1000;
  // A wildcard (tortur*) expands to at most this many of the most frequent matching terms; raising
  // it makes short wildcards (t*) slower, lowering it drops rare completions.
  std::uint32_t max_wildcard_terms = 1000;
};

// A byte range [begin, end) in a snippet's text.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A passage of a document's text around the query matches. `text` is plain UTF-8 (not HTML); an
// ellipsis "…" marks text omitted at either end. `highlights` are the byte ranges of words that
// matched the query, in order and non-overlapping, so each output format marks them its own way.
struct Snippet {
  std::string text;
  std::vector<TextSpan> highlights;
};

struct Hit {
  std::uint64_t rank = 0;  // 1-based position in the whole ranking (offset + index + 1)
  int percent = 0;         // Xapian's relevance percentage, 0..100
  double weight = 0;       // BM25 weight; comparable only within one search
  // Document id in the combined database. With several indexes these are interleaved ids, not the
  // ids inside any one shard.
  std::uint32_t docid = 0;
  common::IndexedDocument document;  // decoded document data (see common/document.h)
  Snippet snippet;                   // from document.text
};

// How many documents match. Exact when lower_bound == upper_bound.
struct MatchCount {
  std::uint64_t estimated = 0;
  std::uint64_t lower_bound = 0;
  std::uint64_t upper_bound = 0;
  bool exact() const { return lower_bound == upper_bound; }
};

// Facet counts over all matching documents: value -> documents. Ordered maps, so output is
// stable; formats sort by count where that reads better.
struct Facets {
  std::map<std::string, std::uint64_t> persons;    // person id
  std::map<std::string, std::uint64_t> crimes;     // crime type id
  std::map<std::string, std::uint64_t> sites;      // host
  std::map<std::string, std::uint64_t> languages;  // ISO 639-1
  std::map<std::string, std::uint64_t> years;      // "YYYY" of the published date
  std::map<std::string, std::uint64_t> months;     // "YYYY-MM" of the published date
  std::uint64_t undated = 0;                       // matches without a published date
};

struct SearchResults {
  std::string query;  // the request's query text
  std::uint32_t offset = 0;
  std::uint32_t limit = 0;
  std::string stemmer;  // stemming language used for the query: "english" or "russian"
  MatchCount total;
  std::vector<Hit> hits;  // best first
  // Documents that passed every other filter but were left out by a published-date filter
  // (--from/--to with DateField::kPublished) because they have no published date. 0 otherwise.
  std::uint64_t undated_left_out = 0;
  bool has_facets = false;  // the request asked for facets
  Facets facets;
  // Partial failures, one line each (e.g. "document 12: Corruption: ..."): hits that could not be
  // decoded are skipped and reported here, and the search goes on.
  std::vector<std::string> warnings;
};

// Parses a date bound for --from/--to and date ranges in queries: "YYYY", "YYYY-MM" or
// "YYYY-MM-DD" (also "YYYYMMDD"). A lower bound (end == false) is the first day of the period, an
// upper bound the last ("2024-02" -> "20240229"). Returns "YYYYMMDD", or InvalidArgument saying
// what is wrong ("bad date \"2024-13\": month must be 01-12").
common::Result<std::string> ParseDateBound(std::string_view text, bool end);

// DIR/index: where vestige-index writes a collection's index.
std::filesystem::path CollectionIndexPath(const std::filesystem::path& collection_dir);

class Searcher {
 public:
  // Opens DIR/index read-only.
  // Returns NotFound "no index at DIR/index: run vestige-index --collection DIR first" when there
  // is none; FailedPrecondition when its schema version is missing or differs from
  // common::schema::kSchemaVersion (the message names both versions and how to rebuild);
  // Corruption / IOError / Unavailable / Internal for other Xapian failures.
  static common::Result<Searcher> OpenCollection(const std::filesystem::path& collection_dir);

  // Opens each path (a database folder, or a Xapian stub database file, which may list remote
  // shards served by xapian-tcpsrv) and searches them as one. Each must carry the current schema
  // version. Errors as for OpenCollection, naming the path.
  // REQUIRES: !index_paths.empty() (else InvalidArgument).
  static common::Result<Searcher> Open(const std::vector<std::filesystem::path>& index_paths);

  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  ~Searcher();

  // Runs one search. Returns InvalidArgument "empty query (...)" for an empty query without
  // filters, and "bad query: <message>" for one that does not parse, has a bad date or names an
  // unknown person or crime (the message quotes the offending part); other Xapian failures as in
  // Open. No hits is a success with empty `hits`. Facets and date sorts work over remote
  // shards too.
  common::Result<SearchResults> Search(const SearchRequest& request);

  // One stored document, by canonical URL (its Q term; the URL is also tried with and without a
  // trailing '/') or by decimal document id. NotFound naming it when there is none; Corruption
  // when its data does not decode.
  common::Result<Hit> Get(std::string_view url_or_id);

  // Documents in all opened indexes together.
  std::uint64_t document_count() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The Xapian stemmer language for a query: "russian" when more of its words are Cyrillic than
// Latin, else "english". Field filters (site:, lang:) and operators (AND, OR, NOT, ...) are not
// counted. Pure function; the one place that decides (a later issue refines it).
std::string StemmerForQuery(std::string_view query);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_SEARCHER_H_
