// CSV, JSON Lines and JSON-with-facets output of a real search, each parsed back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "test_index.h"
#include "test_paths.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

using Json = nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes), written here so
// the test does not trust the writer.
Rows ParseCsv(std::string_view csv) {
  Rows rows(1);
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      REQUIRE_MESSAGE(field.empty(), "quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r') {
      REQUIRE(i + 1 < csv.size());
      REQUIRE(csv[i + 1] == '\n');
      ++i;
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
      rows.emplace_back();
    } else {
      REQUIRE_MESSAGE(c != '\n', "bare LF outside quotes");
      field.push_back(c);
    }
  }
  REQUIRE_FALSE(quoted);
  (void)was_quoted;
  REQUIRE(rows.back().empty());  // the text ends with CRLF
  rows.pop_back();
  return rows;
}

SearchResults RealSearch(const test::TempDir& dir, bool facets) {
  std::vector<common::IndexedDocument> docs = test::SampleDocuments();
  // Make the CSV quoting work: a comma, quotes and a line break in the title.
  docs[0].title = "Torture, \"Okrestina\"\nreport";
  test::BuildIndex(CollectionIndexPath(dir.path()), docs);
  common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
  REQUIRE(searcher.ok());
  SearchRequest request;
  request.query = "torture";
  request.facets = facets;
  common::Result<SearchResults> results = searcher->Search(request);
  REQUIRE_MESSAGE(results.ok(), results.status().ToString());
  REQUIRE(results->hits.size() == 2);
  return std::move(results).value();
}

TEST_CASE("CSV: one row per hit with every field, parsed back") {
  test::TempDir dir;
  const SearchResults results = RealSearch(dir, false);
  const Rows rows = ParseCsv(FormatCsv(results));
  REQUIRE(rows.size() == 3);
  const std::vector<std::string> header = {
      "rank",      "url",         "title",        "published",      "published_source", "captured",
      "language",  "person_ids",  "person_names", "crime_ids",      "crime_labels",     "snippet",
      "warc_file", "warc_offset", "warc_length",  "warc_record_id", "payload_digest"};
  CHECK(rows[0] == header);
  for (std::size_t i = 0; i < results.hits.size(); ++i) {
    const Hit& hit = results.hits[i];
    const common::IndexedDocument& d = hit.document;
    const std::vector<std::string>& row = rows[i + 1];
    REQUIRE(row.size() == header.size());
    CHECK(row[0] == std::to_string(hit.rank));
    CHECK(row[1] == d.url);
    CHECK(row[2] == d.title);
    CHECK(row[3] == d.published);
    CHECK(row[4] == d.published_source);
    CHECK(row[5] == d.captured);
    CHECK(row[6] == d.language);
    CHECK(row[11] == hit.snippet.text);
    CHECK(row[12] == d.warc.file);
    CHECK(row[13] == std::to_string(d.warc.offset));
    CHECK(row[14] == std::to_string(d.warc.length));
    CHECK(row[15] == d.warc.record_id);
    CHECK(row[16] == d.warc.payload_digest);
  }
  // The first hit is the Okrestina report: its title survives quoting, its entities are listed.
  CHECK(rows[1][2] == "Torture, \"Okrestina\"\nreport");
  CHECK(rows[1][7] == "loika_nasta");
  CHECK(rows[1][8] == "Nasta Loika");
  CHECK(rows[1][9] == "cah_torture; cah_imprisonment");
  CHECK(rows[1][10] == "Torture; Imprisonment");
  CHECK(rows[1][3] == "2024-02-28");
  CHECK(rows[1][4] == "meta");
}

TEST_CASE("JSON Lines: one hit per line, then the summary with facets") {
  test::TempDir dir;
  const SearchResults results = RealSearch(dir, true);
  const std::string jsonl = FormatJsonl(results);
  std::vector<Json> lines;
  std::size_t pos = 0;
  while (pos < jsonl.size()) {
    const std::size_t nl = jsonl.find('\n', pos);
    REQUIRE(nl != std::string::npos);
    lines.push_back(Json::parse(jsonl.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["url"] == test::kOkrestinaEn);
  CHECK(lines[0]["published"] == "2024-02-28");
  CHECK(lines[0]["published_source"] == "meta");
  CHECK(lines[0]["persons"][0]["id"] == "loika_nasta");
  CHECK(lines[0]["persons"][0]["name"] == "Nasta Loika");
  CHECK(lines[0]["crimes"][1]["id"] == "cah_imprisonment");
  CHECK(lines[0]["warc"]["file"] == "crawl-00000.warc.gz");
  CHECK(lines[1]["url"] == test::kProsecutorEn);
  CHECK(lines[0].dump() == Json::parse(FormatHitJson(results.hits[0])).dump());
  const Json& summary = lines[2]["summary"];
  CHECK(summary["total"] == 2);
  CHECK(summary["hits"] == 2);
  CHECK(summary["facets"]["crimes"]["cah_torture"] == 2);
  CHECK(summary["facets"]["crimes"]["cah_imprisonment"] == 1);
  CHECK(summary["facets"]["persons"]["loika_nasta"] == 1);
  CHECK(summary["facets"]["published_months"]["2024-02"] == 1);
  CHECK(summary["facets"]["published_months"]["2024-03"] == 1);
  CHECK(summary["facets"]["sites"]["example.org"] == 1);
  CHECK(summary["facets"]["languages"]["en"] == 2);
}

TEST_CASE("JSON: total, hits and facets in one object") {
  test::TempDir dir;
  const SearchResults results = RealSearch(dir, true);
  const Json json = Json::parse(FormatJson(results));
  CHECK(json["total"] == 2);
  CHECK(json["hits"].size() == 2);
  CHECK(json["hits"][0]["persons"][0]["id"] == "loika_nasta");
  CHECK(json["facets"]["published_years"]["2024"] == 2);
  CHECK(json["facets"]["undated"] == 0);
  CHECK(json["undated_left_out"] == 0);
  const Json without = Json::parse(FormatJson(RealSearch(test::TempDir(), false)));
  CHECK_FALSE(without.contains("facets"));
}

}  // namespace
}  // namespace vestige::query
