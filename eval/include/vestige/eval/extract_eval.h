// Main-text extraction measured against a benchmark folder in the format of the Article
// Extraction Benchmark (github.com/scrapinghub/article-extraction-benchmark):
//   DIR/ground-truth.json   {id: {"articleBody": "...", ...}, ...}
//   DIR/html/<id>.html.gz   the page, gzipped (a plain DIR/html/<id>.html is read too)
//
// The score is the benchmark's own (its evaluate.py): text is split into tokens by the regex \w+
// (Python's Unicode \w: letters, digits, other numerics and '_'); each document is a multiset of
// 4-token shingles (a text of 1-3 tokens is one shingle); per document TP/FP/FN are counted and
// normalised by their sum; precision is the mean over documents with TP+FP > 0 and recall the
// mean over documents with TP+FN > 0 (1 when FP = FN = 0, 0 when TP = 0); F1 comes from the two
// means. Thread safety: pure functions except RunExtractEval, which reads (and with a dump folder
// writes) files; distinct calls may run concurrently on distinct folders.
#ifndef VESTIGE_EVAL_EXTRACT_EVAL_H_
#define VESTIGE_EVAL_EXTRACT_EVAL_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::eval {

// The \w+ tokens of UTF-8 `text` (invalid bytes separate tokens).
std::vector<std::string> WordTokens(std::string_view text);

// Per-document shingle counts, normalised so tp + fp + fn = 1 (all zero when both are empty).
struct ShingleCounts {
  double tp = 0;
  double fp = 0;
  double fn = 0;
};
ShingleCounts MatchShingles(std::string_view truth, std::string_view predicted);

struct Scores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};
// The benchmark's means over documents; all zero for an empty list.
Scores ScoreDocuments(const std::vector<ShingleCounts>& documents);

struct ExtractEvalOptions {
  std::filesystem::path aeb_dir;   // the benchmark folder (ground-truth.json, html/)
  std::filesystem::path dump_dir;  // when not empty: write <id>.txt with the extracted text here
};

struct ExtractEvalReport {
  Scores scores;
  std::size_t pages = 0;     // ids in ground-truth.json
  std::size_t failures = 0;  // pages that could not be read or decoded (scored as empty text)
  std::vector<std::string> failure_messages;  // "<id>: <reason>", one per failure
  std::size_t html_bytes = 0;                 // UTF-8 bytes of the pages parsed
  double extract_seconds = 0;   // ParseHtml + ExtractText, summed over pages (no I/O, no decode)
  double parse_seconds = 0;     // ParseHtml alone, a second run over the same pages
  std::size_t parse_nodes = 0;  // top-level nodes of those parses (only so the run is used)
};

// Reads the folder, extracts every page with the indexer's ExtractText (the paragraphs joined by
// blank lines; the title and headline are not part of the article body) and scores them.
// Fails (NotFound, Corruption, IOError) when ground-truth.json is missing or not the expected
// JSON, or the dump folder cannot be written; a page that cannot be read is a failure in the
// report, not an error.
common::Result<ExtractEvalReport> RunExtractEval(const ExtractEvalOptions& options);

}  // namespace vestige::eval

#endif  // VESTIGE_EVAL_EXTRACT_EVAL_H_
