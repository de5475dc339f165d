// Benchmark corpora: HTML pages read from a folder, and synthetic pages made by recombining the
// real paragraphs of those pages (so that term statistics stay natural) into new articles with a
// title, a date and page chrome borrowed from the real pages' <head>.
//
// Bench-only code: never linked into the product. Thread safety: plain functions and values; a
// PageGenerator is used by one thread at a time.
#ifndef VESTIGE_BENCH_CORPUS_H_
#define VESTIGE_BENCH_CORPUS_H_

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::bench {

struct SourcePage {
  std::string name;  // file name relative to the folder, without .gz
  std::string html;  // the bytes as stored (gunzipped when the file ended in .gz)
};

// Reads every *.html, *.htm, *.xhtml file (optionally gzipped: *.html.gz) below `dir`, in name
// order, at most `limit` of them (0 = all). NotFound when the folder is missing or holds none;
// IOError / Corruption for an unreadable or broken file.
common::Result<std::vector<SourcePage>> LoadHtmlFolder(const std::string& dir, std::size_t limit);

// Gunzips `bytes` (one or more gzip members). Corruption on a broken stream.
common::Result<std::string> Gunzip(const std::string& bytes);

// What the generator recombines.
struct Material {
  std::vector<std::string> paragraphs;  // <p> texts of >= 60 bytes, whitespace collapsed
  // The same paragraphs grouped by their page's <html lang> (first two letters, "" when none), so
  // that one article keeps to one language.
  std::map<std::string, std::vector<std::string>> paragraphs_by_language;
  std::vector<std::string> paragraph_language;  // parallel to `paragraphs`
  std::vector<std::string> titles;              // <title> or first <h1> texts
  std::vector<std::string> heads;               // <head> inner HTML minus title, dates and JSON-LD
};

// Parses the pages and collects their paragraphs, titles and heads.
Material CollectMaterial(const std::vector<SourcePage>& pages);

// Makes synthetic article pages from `material`. Deterministic for a given seed.
class PageGenerator {
 public:
  // REQUIRES: !material.paragraphs.empty().
  PageGenerator(const Material* material, std::uint64_t seed);

  struct Article {
    std::string html;       // the whole page, UTF-8
    std::string published;  // "YYYY-MM-DD" stated in the page (meta, <time>, byline)
  };
  // The n-th article; `url` is the address the page claims (canonical link).
  Article Make(std::uint64_t n, const std::string& url);

 private:
  const std::string& Pick(const std::vector<std::string>& from);
  const Material* material_;
  std::mt19937_64 rng_;
};

// HTML text escaping of &, <, > and ".
std::string EscapeHtml(const std::string& text);

}  // namespace vestige::bench

#endif  // VESTIGE_BENCH_CORPUS_H_
