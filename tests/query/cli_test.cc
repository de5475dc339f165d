// vestige-query as a program: option errors and their exit codes, filters, formats, show and
// record, over a real index. Needs the vestige-query binary of this build tree (build it with
// the query_test target: `cmake --build DIR --target vestige-query query_test`).
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.h"
#include "test_index.h"
#include "test_paths.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

std::string Binary() {
  const std::filesystem::path bin = test::BinaryDir() / "query" / "vestige-query";
  REQUIRE_MESSAGE(std::filesystem::exists(bin), "build vestige-query first: " << bin.string());
  return bin.string();
}

struct Cli {
  Cli() { test::BuildIndex(CollectionIndexPath(dir.path()), test::SampleDocuments()); }
  test::ProcessResult Run(std::vector<std::string> args) const {
    args.insert(args.begin(), {Binary(), "--collection", dir.path().string()});
    return test::RunProcess(args, 60);
  }
  test::TempDir dir;
};

TEST_CASE("vestige-query: errors say what and where, exit 2") {
  Cli cli;
  struct Row {
    std::vector<std::string> args;
    const char* message;  // the whole stderr line
  };
  const Row rows[] = {
      {{"--from", "2024-13", "x"}, "--from: bad date \"2024-13\": month must be 01-12"},
      {{"--to", "soon", "x"}, "--to: bad date \"soon\": expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {{"--from", "2024-05", "--to", "2024-01"}, "--from 2024-05 is after --to 2024-01"},
      {{"--date", "modified", "x"},
       "--date: \"modified\" is not a date field (expected published or captured)"},
      {{"--sort", "random", "x"},
       "--sort: \"random\" is not a sort order (expected relevance, newest or oldest)"},
      {{"--person", "Nobody Atall"},
       "unknown person \"Nobody Atall\" (--person): not an id or alias in the gazetteer"},
      {{"--crime", "jaywalking"},
       "unknown crime type \"jaywalking\" (--crime): not an id or label in the taxonomy"},
      {{"published:2024-02-30.."},
       "bad query: bad date \"2024-02-30\": no such day (2024-02 has 29 days) in "
       "published:2024-02-30.."},
      {{"torture AND"}, "bad query: Syntax: <expression> AND <expression>"},
      {{}, "empty query (give words to search for or a filter; see --help)"},
      {{"--format", "xml", "x"}, "unknown format \"xml\" (expected text, json, csv or jsonl)"},
      {{"--at", "noon", "record", "https://example.org/"},
       "--at: "},  // the rest is common's date parser message
      {{"show", "https://nowhere.example/"}, "no document https://nowhere.example/ in the index"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.message);
    const test::ProcessResult r = cli.Run(row.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.starts_with("vestige-query: " + std::string(row.message)));
    CHECK(r.out.empty());
  }
}

TEST_CASE("vestige-query: filters, facets and formats end to end") {
  Cli cli;
  // An empty query with filters lists every document passing them.
  test::ProcessResult r = cli.Run({"--person", "Наста Лойка", "--crime", "Torture", "--from",
                                   "2024-03", "--format", "json", "--facets"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  nlohmann::json json = nlohmann::json::parse(r.out);
  CHECK(json["total"] == 2);  // TortureRu and PrisonersBe (Okrestina is from February)
  CHECK(json["facets"]["languages"]["ru"] == 1);
  CHECK(json["facets"]["languages"]["be"] == 1);
  CHECK(json["undated_left_out"] == 0);

  r = cli.Run({"--lang", "en", "--from", "2024", "--format", "jsonl"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("\"undated_left_out\":1") != std::string::npos);

  r = cli.Run({"--lang", "en", "--from", "2024"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("(1 more matched but have no published date") != std::string::npos);

  r = cli.Run({"--site", "example.org", "--format", "csv", "--sort", "oldest"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\r\n1,https://example.org/reports/okrestina,") != std::string::npos);
  CHECK(r.out.find("\r\n2,https://example.org/reports/deportation,") != std::string::npos);

  r = cli.Run({"--lang", "xx"});
  CHECK(r.exit_code == 1);

  r = cli.Run({"show", test::kTortureRu, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["url"] == test::kTortureRu);
}

}  // namespace
}  // namespace vestige::query
