// Private to vestige_query: snippets with Xapian's MSet::snippet (Xapian seam, with
// xapian_searcher.cc), turned into plain text with highlight spans.
//
// Speed (issue 6, query p50 target): MSet::snippet tokenizes the text and stems every word to
// compare it with the query's Z (stem) terms. Three choices keep that cheap:
//   - no SNIPPET_BACKGROUND_MODEL: it looks up the term frequency of every word of the text in the
//     database (hundreds of B-tree reads per hit); without it, passages are ranked by the query's
//     own terms only, which is what an analyst scans a snippet for;
//   - no SNIPPET_EXHAUSTIVE: the scan stops once it has passed the best passage;
//   - the stemmer handed to MSet::snippet stems only words whose first letter is the first letter
//     of some Z term of the query (Snowball's English and Russian stemmers change endings, never
//     the first letter), and maps every other word to "", which matches no term. The stem is used
//     for nothing else when the background model is off.
//
// Thread safety: one SnippetMaker per search, on the searcher's thread.
#ifndef VESTIGE_QUERY_SRC_XAPIAN_SNIPPET_H_
#define VESTIGE_QUERY_SRC_XAPIAN_SNIPPET_H_

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "vestige/query/searcher.h"

namespace vestige::query::internal {

// Turns MSet::snippet output (HTML-escaped, matches between kHighlightStart and kHighlightEnd)
// into plain text with highlight spans, collapsing runs of whitespace into one space.
Snippet DecodeSnippet(std::string_view marked);

class SnippetMaker {
 public:
  // `query` is the query the MSet was made for (its Z terms select the words worth stemming);
  // `stemmer` the one the query was parsed with. REQUIRES: `mset` outlives this object.
  SnippetMaker(const Xapian::MSet& mset, const Xapian::Query& query, const Xapian::Stem& stemmer,
               std::size_t bytes);
  // About `bytes` bytes of `text` around the best match, highlighted.
  Snippet Make(const std::string& text) const;

 private:
  const Xapian::MSet& mset_;
  Xapian::Stem stemmer_;  // the prefiltering wrapper
  std::size_t bytes_;
};

}  // namespace vestige::query::internal

#endif  // VESTIGE_QUERY_SRC_XAPIAN_SNIPPET_H_
