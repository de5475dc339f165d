// The indexer parses pages with PageParseOptions(), which keeps only the attributes listed in
// indexer/src/read_attributes.cc. An attribute read that is missing from that list would silently
// find nothing, so these tests scan the indexer's sources for attr(...) calls (string literals,
// and loop variables over a braced list of literals) and for loops over a node's `attributes`,
// and check the extractors give the same results with and without the options on the sample site.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "test_paths.h"
#include "vestige/common/html.h"
#include "vestige/indexer/date_extract.h"
#include "vestige/indexer/parse_options.h"
#include "vestige/indexer/text_extract.h"

namespace vestige::indexer {
namespace {

// The string literals in `text`.
std::vector<std::string> Literals(const std::string& text) {
  std::vector<std::string> out;
  static const std::regex kLiteral("\"([^\"\\\\]*)\"");
  for (std::sregex_iterator it(text.begin(), text.end(), kLiteral), end; it != end; ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

struct Scan {
  std::vector<std::string> names;     // attribute names read
  std::vector<std::string> tested;    // those of `names` read only for being there
  std::vector<std::string> problems;  // reads whose names could not be told
};

// The attribute names `source` reads: attr("name"), and attr(v) where v is the variable of an
// earlier `for (... v : {"a", "b"})`. A loop over `attributes` is a problem (it reads them all).
// A read whose result is only tested (`.attr("x") &&`, `||`, `)`, `.has_value()`, and not assigned
// as in `if (auto v = n.attr("x"))`) goes to `tested`.
Scan ScanSource(const std::string& source) {
  Scan scan;
  static const std::regex kCall("(?:\\.|->)attr\\(\\s*([^)]*)\\)");
  static const std::regex kTest("^\\s*(&&|\\|\\||\\)|\\.has_value\\(\\))");
  static const std::regex kAssigned("=\\s*[\\w.>-]*$");  // `if (auto v = n.attr(...))`
  static const std::regex kAll("(?:\\.|->)attributes\\b");
  for (std::sregex_iterator it(source.begin(), source.end(), kCall), end; it != end; ++it) {
    const std::string arg = (*it)[1].str();
    if (!arg.empty() && arg[0] == '"') {
      const std::vector<std::string> literal = Literals(arg);
      if (literal.size() == 1) {
        scan.names.push_back(literal[0]);
        const std::string after =
            source.substr(static_cast<std::size_t>(it->position() + it->length()), 16);
        const std::size_t at = static_cast<std::size_t>(it->position());
        const std::string before = source.substr(at < 40 ? 0 : at - 40, at < 40 ? at : 40);
        if (std::regex_search(after, kTest) && !std::regex_search(before, kAssigned)) {
          scan.tested.push_back(literal[0]);
        }
      } else {
        scan.problems.push_back("attr(" + arg + ")");
      }
      continue;
    }
    // A loop variable: the last `for (... arg : { ... })` before the call.
    const std::string before = source.substr(0, static_cast<std::size_t>(it->position()));
    const std::regex loop("for\\s*\\([^;{]*\\b" + arg + "\\s*:\\s*\\{([^}]*)\\}");
    std::string list;
    for (std::sregex_iterator l(before.begin(), before.end(), loop), lend; l != lend; ++l) {
      list = (*l)[1].str();
    }
    const std::vector<std::string> names = Literals(list);
    if (names.empty()) scan.problems.push_back("attr(" + arg + ")");
    scan.names.insert(scan.names.end(), names.begin(), names.end());
  }
  if (std::regex_search(source, kAll)) scan.problems.push_back("a read of `attributes`");
  return scan;
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST_CASE("the scanner finds attribute reads, also through loop variables") {
  const Scan scan = ScanSource(
      "if (n.attr(\"data-a\")) {}\n"
      "auto v = n.attr(\"data-v\");\n"
      "if (auto w = n.html->attr(\"data-w\")) {}\n"
      "for (std::string_view key : {\"b\", \"c\"}) { if (auto v = node->attr(key)) {} }\n"
      "auto x = n.attr(unknown);\n"
      "for (const auto& [k, v] : n.attributes) {}\n");
  CHECK(scan.names == std::vector<std::string>{"data-a", "data-v", "data-w", "b", "c"});
  CHECK(scan.tested == std::vector<std::string>{"data-a"});
  CHECK(scan.problems == std::vector<std::string>{"attr(unknown)", "a read of `attributes`"});
}

TEST_CASE("every attribute an indexer source reads is kept by PageParseOptions") {
  const std::filesystem::path dir = std::filesystem::path(VESTIGE_SOURCE_DIR) / "indexer/src";
  std::size_t files = 0;
  std::size_t reads = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cc" && ext != ".h") continue;
    const std::string file = entry.path().filename().string();
    CAPTURE(file);
    const Scan scan = ScanSource(test::ReadFile(entry.path()));
    const common::HtmlParseOptions& options = PageParseOptions();
    for (const std::string& name : scan.names) {
      CAPTURE(name);
      // Add it to indexer/src/read_attributes.cc: keep_attributes when its value is read.
      if (Contains(scan.tested, name)) {
        CHECK((Contains(options.keep_attributes, name) || Contains(options.keep_names_only, name)));
      } else {
        CHECK(Contains(options.keep_attributes, name));
      }
    }
    for (const std::string& problem : scan.problems) {
      CAPTURE(problem);
      FAIL_CHECK("cannot tell which attribute this reads: make it attr(\"name\")");
    }
    reads += scan.names.size();
    ++files;
  }
  CHECK(files > 10);
  CHECK(reads >= 20);
  std::vector<std::string> all = PageParseOptions().keep_attributes;
  all.insert(all.end(), PageParseOptions().keep_names_only.begin(),
             PageParseOptions().keep_names_only.end());
  for (const std::string& name : all) {
    CHECK(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
  }
  CHECK(PageParseOptions().shorten_white_space);
}

TEST_CASE("the extractors read the same with and without PageParseOptions (sample site)") {
  const std::filesystem::path root = std::filesystem::path(VESTIGE_SOURCE_DIR) / "data/sample-site";
  std::size_t pages = 0;
  std::size_t dated = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".html") continue;
    CAPTURE(entry.path().string());
    const std::string html = test::ReadFile(entry.path());
    const common::HtmlDocument full = common::ParseHtml(html);
    const common::HtmlDocument lean = common::ParseHtml(html, PageParseOptions());
    const ExtractedText a = ExtractText(full);
    const ExtractedText b = ExtractText(lean);
    CHECK(a.title == b.title);
    CHECK(a.headline == b.headline);
    CHECK(a.paragraphs == b.paragraphs);
    CHECK(a.lang == b.lang);
    const std::string url = "http://example.test/" + entry.path().filename().string();
    const PublishedDate da = ExtractPublishedDate(full, html, url, std::nullopt);
    const PublishedDate db = ExtractPublishedDate(lean, html, url, std::nullopt);
    CHECK(da.date == db.date);
    CHECK(da.source == db.source);
    if (da.date) ++dated;
    ++pages;
  }
  CHECK(pages >= 40);
  CHECK(dated > 0);
}

}  // namespace
}  // namespace vestige::indexer
