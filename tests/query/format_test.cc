// Output formats: hand-built results for exact output, and a real search for the round trip.
#include "vestige/query/format.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "test_index.h"
#include "test_paths.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

SearchResults OneHit() {
  SearchResults results;
  results.query = "torture prison";
  results.offset = 0;
  results.limit = 10;
  results.stemmer = "english";
  results.total = {1, 1, 1};
  Hit hit;
  hit.rank = 1;
  hit.percent = 87;
  hit.weight = 2.5;
  hit.docid = 42;
  hit.document.url = "https://example.org/a";
  hit.document.title = "Torture \"report\"";
  hit.document.language = "en";
  hit.document.content_type = "text/html";
  hit.document.captured = "2024-03-01T10:00:00Z";
  hit.document.published = "";
  hit.document.warc = {"crawl-00000.warc.gz", 1234, 567, "<urn:uuid:1>", "sha256:abc"};
  hit.document.persons = {{"p1", "Ales Bialiatski", 2, "Bialiatski"}};
  hit.document.crimes = {{"hr_torture", "Torture", 3}};
  hit.snippet.text = "\xE2\x80\xA6 described torture in prison.";
  hit.snippet.highlights = {{14, 21}, {25, 31}};
  results.hits.push_back(hit);
  return results;
}

TEST_CASE("ParseOutputFormat accepts text, json, csv and jsonl only") {
  CHECK(*ParseOutputFormat("text") == OutputFormat::kText);
  CHECK(*ParseOutputFormat("json") == OutputFormat::kJson);
  CHECK(*ParseOutputFormat("csv") == OutputFormat::kCsv);
  CHECK(*ParseOutputFormat("jsonl") == OutputFormat::kJsonl);
  common::Result<OutputFormat> bad = ParseOutputFormat("xml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == common::Status::Code::kInvalidArgument);
  CHECK(bad.status().message() == "unknown format \"xml\" (expected text, json, csv or jsonl)");
}

TEST_CASE("text output, plain and with terminal bold") {
  const SearchResults results = OneHit();
  const std::string plain =
      "Results 1-1 of 1 for: torture prison\n"
      "\n"
      "1. Torture \"report\"\n"
      "   https://example.org/a\n"
      "   captured 2024-03-01 \xC2\xB7 published unknown \xC2\xB7 en\n"
      "   persons: Ales Bialiatski [p1]\n"
      "   crimes: Torture [hr_torture]\n"
      "   \xE2\x80\xA6 described torture in prison.\n"
      "   warc: crawl-00000.warc.gz@1234 (567 bytes) sha256:abc\n";
  CHECK(FormatText(results) == plain);
  CHECK(FormatResults(results, OutputFormat::kText) == plain);
  TextFormatOptions bold;
  bold.ansi_bold = true;
  const std::string marked = FormatText(results, bold);
  CHECK(marked.find("   \xE2\x80\xA6 described \x1b[1mtorture\x1b[0m in \x1b[1mprison\x1b[0m.\n") !=
        std::string::npos);
}

TEST_CASE("text output neutralises control characters from documents") {
  SearchResults results = OneHit();
  results.hits[0].document.title =
      "Evil\x1b]0;owned\x07 title\xC2\x9B"
      "2J";
  results.hits[0].snippet.text = "line\rback";
  results.hits[0].snippet.highlights.clear();
  const std::string text = FormatText(results);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find("1. Evil ]0;owned  title 2J\n") != std::string::npos);
  CHECK(text.find("   line back\n") != std::string::npos);
}

TEST_CASE("text output headers for estimates and empty pages") {
  SearchResults results = OneHit();
  results.total = {1200, 1000, 1500};
  CHECK(FormatText(results).starts_with("Results 1-1 of about 1200 for: torture prison\n"));
  results.hits.clear();
  results.offset = 2000;
  CHECK(FormatText(results) == "No results from 2001 (about 1200 in all) for: torture prison\n");
  results.total = {0, 0, 0};
  CHECK(FormatText(results) == "No results for: torture prison\n");
}

TEST_CASE("JSON output carries every field and parses back") {
  SearchResults results = OneHit();
  results.warnings = {"document 9: corruption: bad json (skipped)"};
  const std::string out = FormatJson(results);
  CHECK(out.back() == '\n');
  const nlohmann::json j = nlohmann::json::parse(out);
  CHECK(j["query"] == "torture prison");
  CHECK(j["total"] == 1);
  CHECK(j["total_exact"] == true);
  CHECK(j["offset"] == 0);
  CHECK(j["limit"] == 10);
  CHECK(j["stemmer"] == "english");
  CHECK(j["warnings"] == nlohmann::json{"document 9: corruption: bad json (skipped)"});
  REQUIRE(j["hits"].size() == 1);
  const nlohmann::json& hit = j["hits"][0];
  CHECK(hit["rank"] == 1);
  CHECK(hit["percent"] == 87);
  CHECK(hit["weight"] == 2.5);
  CHECK(hit["docid"] == 42);
  CHECK(hit["url"] == "https://example.org/a");
  CHECK(hit["title"] == "Torture \"report\"");
  CHECK(hit["language"] == "en");
  CHECK(hit["content_type"] == "text/html");
  CHECK(hit["captured"] == "2024-03-01T10:00:00Z");
  CHECK(hit["captured_date"] == "2024-03-01");
  CHECK(hit["published"] == "");
  CHECK(hit["snippet"] == "\xE2\x80\xA6 described torture in prison.");
  CHECK(hit["highlights"] == nlohmann::json::parse("[[14,21],[25,31]]"));
  CHECK(hit["warc"]["file"] == "crawl-00000.warc.gz");
  CHECK(hit["warc"]["offset"] == 1234);
  CHECK(hit["warc"]["length"] == 567);
  CHECK(hit["warc"]["record_id"] == "<urn:uuid:1>");
  CHECK(hit["warc"]["payload_digest"] == "sha256:abc");
  CHECK(hit["persons"][0]["id"] == "p1");
  CHECK(hit["persons"][0]["count"] == 2);
  CHECK(hit["crimes"][0]["id"] == "hr_torture");
  CHECK(FormatResults(results, OutputFormat::kJson) == out);
}

TEST_CASE("JSON output replaces invalid UTF-8 instead of failing") {
  SearchResults results = OneHit();
  results.hits[0].document.title = "bad \xFF byte";
  const nlohmann::json j = nlohmann::json::parse(FormatJson(results));
  CHECK(j["hits"][0]["title"] == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("formats render a real search") {
  test::TempDir dir;
  test::BuildIndex(CollectionIndexPath(dir.path()), test::SampleDocuments());
  common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
  REQUIRE(searcher.ok());
  SearchRequest request;
  request.query = "deportation";
  common::Result<SearchResults> results = searcher->Search(request);
  REQUIRE(results.ok());
  REQUIRE(results->hits.size() == 1);

  const std::string text = FormatText(*results);
  CHECK(text.find("1. Deportation of Ukrainian children\n") != std::string::npos);
  CHECK(text.find("\n   https://example.org/reports/deportation\n") != std::string::npos);
  CHECK(text.find("\n   captured 2024-03-02 \xC2\xB7 published unknown \xC2\xB7 en\n") !=
        std::string::npos);
  CHECK(text.find("\n   warc: crawl-00000.warc.gz@2048 (") != std::string::npos);
  CHECK(text.find("unlawful deportation of children") != std::string::npos);

  const nlohmann::json j = nlohmann::json::parse(FormatJson(*results));
  CHECK(j["query"] == "deportation");
  CHECK(j["total"] == 1);
  const nlohmann::json& hit = j["hits"][0];
  CHECK(hit["url"] == test::kDeportationEn);
  CHECK(hit["title"] == "Deportation of Ukrainian children");
  CHECK(hit["warc"]["offset"] == 2048);
  const std::string snippet = hit["snippet"];
  CHECK(snippet.find("deportation") != std::string::npos);
  REQUIRE(hit["highlights"].size() == 1);
  const std::size_t begin = hit["highlights"][0][0];
  const std::size_t end = hit["highlights"][0][1];
  CHECK(snippet.substr(begin, end - begin) == "deportation");
}

}  // namespace
}  // namespace vestige::query
