// Filters, sorting, collapsing, date ranges in the query language and facets, against a real
// Xapian database (test_index.cc; its header lists each sample document's dates and entities).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "test_index.h"
#include "test_paths.h"
#include "vestige/common/document.h"
#include "vestige/common/status.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

using common::Status;
using test::TempDir;

std::string Join(std::vector<std::string> v, bool sort) {
  if (sort) std::sort(v.begin(), v.end());
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

std::string Urls(const SearchResults& results, bool sort = true) {
  std::vector<std::string> urls;
  for (const Hit& hit : results.hits) urls.push_back(hit.document.url);
  return Join(std::move(urls), sort);
}

struct Collection {
  explicit Collection(std::vector<common::IndexedDocument> docs = test::SampleDocuments()) {
    test::BuildIndex(CollectionIndexPath(dir.path()), docs);
    common::Result<Searcher> opened = Searcher::OpenCollection(dir.path());
    REQUIRE_MESSAGE(opened.ok(), opened.status().ToString());
    searcher = std::make_unique<Searcher>(std::move(opened).value());
  }
  SearchResults Search(SearchRequest request) {
    request.limit = 100;
    common::Result<SearchResults> results = searcher->Search(request);
    REQUIRE_MESSAGE(results.ok(), results.status().ToString());
    return std::move(results).value();
  }
  TempDir dir;
  std::unique_ptr<Searcher> searcher;
};

// A resolver standing in for the gazetteer: surnames and ids of the three sample persons.
std::vector<std::string> TestResolver(std::string_view word) {
  std::string w;
  for (char c : word) w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (w == "loika" || w == test::kLoika) return {test::kLoika};
  if (w == "lukashenka" || w == "lukashenko" || w == test::kLukashenka) return {test::kLukashenka};
  if (w == "bialiatski" || w == test::kBialiatski) return {test::kBialiatski};
  return {};
}

TEST_CASE("ParseDateBound: partial dates as inclusive bounds") {
  struct Row {
    const char* text;
    bool end;
    const char* expected;  // YYYYMMDD, or the error message
    bool ok;
  };
  const Row rows[] = {
      {"2024", false, "20240101", true},
      {"2024", true, "20241231", true},
      {"2024-03", false, "20240301", true},
      {"2024-02", true, "20240229", true},
      {"2023-02", true, "20230228", true},
      {"2024-03-05", false, "20240305", true},
      {"2024-03-05", true, "20240305", true},
      {"20240305", true, "20240305", true},
      {"2024-13", false, "bad date \"2024-13\": month must be 01-12", false},
      {"2024-02-30", false, "bad date \"2024-02-30\": no such day (2024-02 has 29 days)", false},
      {"24", false, "bad date \"24\": expected YYYY, YYYY-MM or YYYY-MM-DD", false},
      {"2024-3", false, "bad date \"2024-3\": month must be two digits, 01-12", false},
      {"2024-03-", false, "bad date \"2024-03-\": day missing after '-'", false},
      {"", false, "bad date \"\": expected YYYY, YYYY-MM or YYYY-MM-DD", false},
      {"yesterday", false, "bad date \"yesterday\": expected YYYY, YYYY-MM or YYYY-MM-DD", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    common::Result<std::string> got = ParseDateBound(row.text, row.end);
    REQUIRE(got.ok() == row.ok);
    if (row.ok) {
      CHECK(*got == row.expected);
    } else {
      CHECK(got.status().code() == Status::Code::kInvalidArgument);
      CHECK(got.status().message() == row.expected);
    }
  }
}

TEST_CASE("each filter and combination returns exactly the expected documents") {
  using namespace test;
  struct Row {
    const char* name;
    SearchRequest request;
    std::vector<std::string> urls;
    std::uint64_t undated_left_out;
  };
  auto req = [](auto setup) {
    SearchRequest r;
    setup(r);
    return r;
  };
  const std::vector<Row> rows = {
      {"from 2024-03 (published)",
       req([](SearchRequest& r) { r.from = "20240301"; }),
       {kElectionsEn, kProsecutorEn, kTortureRu, kPrisonersBe},
       3},
      {"to 2024-02", req([](SearchRequest& r) { r.to = "20240229"; }), {kOkrestinaEn}, 3},
      {"from..to",
       req([](SearchRequest& r) {
         r.from = "20240302";
         r.to = "20240305";
       }),
       {kProsecutorEn, kTortureRu},
       3},
      {"captured from 2024-03-07",
       req([](SearchRequest& r) {
         r.date_field = DateField::kCaptured;
         r.from = "20240307";
       }),
       {kPrisonersBe, kDeportationBe},
       0},
      {"person loika",
       req([](SearchRequest& r) { r.persons = {{kLoika}}; }),
       {kOkrestinaEn, kTortureRu, kPrisonersBe},
       0},
      {"persons loika AND lukashenka",
       req([](SearchRequest& r) {
         r.persons = {{kLoika}, {kLukashenka}};
       }),
       {kTortureRu},
       0},
      {"one ambiguous person",
       req([](SearchRequest& r) {
         r.persons = {{kBialiatski, kLukashenka}};
       }),
       {kDeportationEn, kElectionsEn, kTortureRu, kPrisonersBe},
       0},
      {"crimes torture OR deportation",
       req([](SearchRequest& r) {
         r.crimes = {kTorture, kDeportation};
       }),
       {kOkrestinaEn, kDeportationEn, kProsecutorEn, kTortureRu, kPrisonersBe, kDeportationBe},
       0},
      {"crime imprisonment",
       req([](SearchRequest& r) { r.crimes = {kImprisonment}; }),
       {kOkrestinaEn, kElectionsEn},
       0},
      {"site (case-insensitive)",
       req([](SearchRequest& r) { r.sites = {"Example.ORG"}; }),
       {kOkrestinaEn, kDeportationEn},
       0},
      {"lang be",
       req([](SearchRequest& r) { r.languages = {"be"}; }),
       {kPrisonersBe, kDeportationBe},
       0},
      {"langs ru|be + crime torture",
       req([](SearchRequest& r) {
         r.languages = {"ru", "be"};
         r.crimes = {kTorture};
       }),
       {kTortureRu, kPrisonersBe},
       0},
      {"text + person",
       req([](SearchRequest& r) {
         r.query = "torture";
         r.persons = {{kLoika}};
       }),
       {kOkrestinaEn},
       0},
      {"text + from",
       req([](SearchRequest& r) {
         r.query = "prisoners";
         r.from = "20240301";
       }),
       {kElectionsEn},
       0},
      {"lang + from: undated counted within the other filters",
       req([](SearchRequest& r) {
         r.languages = {"ru"};
         r.from = "2024";
       }),
       {kTortureRu},
       1},
      {"site + person + crime + date",
       req([](SearchRequest& r) {
         r.sites = {"ru.example.net", "spring96.example"};
         r.persons = {{kLoika}};
         r.crimes = {kTorture};
         r.from = "20240306";
       }),
       {kPrisonersBe},
       0},
  };
  Collection c;
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const SearchResults results = c.Search(row.request);
    CHECK(Urls(results) == Join(row.urls, true));
    CHECK(results.total.exact());
    CHECK(results.total.estimated == row.urls.size());
    CHECK(results.undated_left_out == row.undated_left_out);
  }
}

TEST_CASE("query language: date ranges, person: and crime:, alias words") {
  using namespace test;
  struct Row {
    const char* query;
    std::vector<std::string> urls;
    bool exact;
  };
  const Row rows[] = {
      {"published:2024-03..2024-03",
       {kElectionsEn, kProsecutorEn, kTortureRu, kPrisonersBe},
       false},
      {"published:2024..",
       {kOkrestinaEn, kElectionsEn, kProsecutorEn, kTortureRu, kPrisonersBe},
       false},
      {"published:..2024-02-28", {kOkrestinaEn}, false},
      {"captured:2024-03-08..", {kDeportationBe}, false},
      {"captured:20240301..20240302", {kOkrestinaEn, kDeportationEn}, false},
      {"person:loika_nasta", {kOkrestinaEn, kTortureRu, kPrisonersBe}, false},
      {"person:Loika lang:ru", {kTortureRu}, false},
      {"crime:cah_torture lang:en", {kOkrestinaEn, kProsecutorEn}, false},
      {"torture crime:cah_imprisonment", {kOkrestinaEn}, false},
      // NEAR and ADJ (ordered) within a window.
      {"torture NEAR/3 beatings", {kOkrestinaEn}, false},
      {"beatings NEAR/3 torture", {kOkrestinaEn}, false},
      {"torture ADJ/3 beatings", {kOkrestinaEn}, false},
      {"beatings ADJ/3 torture", {}, false},
      // One partial date: its whole period.
      {"prisoners published:2024-03", {kElectionsEn}, false},
      {"published:2024-03-05", {kTortureRu}, false},
      {"captured:2024-03",
       {kOkrestinaEn, kDeportationEn, kElectionsEn, kProsecutorEn, kTortureRu, kTrialRu,
        kPrisonersBe, kDeportationBe},
       false},
      // A word that is an alias also finds the person's documents...
      {"bialiatski", {kPrisonersBe}, false},
      {"lukashenko OR observers", {kDeportationEn, kElectionsEn, kTortureRu}, false},
      // ...but not with exact.
      {"bialiatski", {}, true},
  };
  Collection c;
  for (const Row& row : rows) {
    CAPTURE(row.query);
    SearchRequest request;
    request.query = row.query;
    request.alias_resolver = TestResolver;
    request.exact = row.exact;
    request.limit = 100;
    common::Result<SearchResults> results = c.searcher->Search(request);
    REQUIRE_MESSAGE(results.ok(), results.status().ToString());
    CHECK(Urls(*results) == Join(row.urls, true));
  }
}

TEST_CASE("query errors say what is wrong and where") {
  struct Row {
    const char* query;
    const char* message;
  };
  const Row rows[] = {
      {"published:2024-13..",
       "bad query: bad date \"2024-13\": month must be 01-12 in "
       "published:2024-13.."},
      {"captured:2024-02-30..2024-03",
       "bad query: bad date \"2024-02-30\": no such day (2024-02 has 29 days) in "
       "captured:2024-02-30..2024-03"},
      {"published:2024-05..2024-01",
       "bad query: date range published:2024-05..2024-01 ends "
       "before it begins"},
      {"person:nobody", "bad query: unknown person \"nobody\""},
      {"published:2024-3",
       "bad query: bad date \"2024-3\": month must be two digits, 01-12 in "
       "published:2024-3"},
  };
  Collection c;
  for (const Row& row : rows) {
    CAPTURE(row.query);
    SearchRequest request;
    request.query = row.query;
    request.alias_resolver = TestResolver;
    common::Result<SearchResults> results = c.searcher->Search(request);
    REQUIRE_FALSE(results.ok());
    CHECK(results.status().code() == Status::Code::kInvalidArgument);
    CHECK(results.status().message() == row.message);
  }
}

TEST_CASE("sort by published or capture date, undated last") {
  using namespace test;
  Collection c;
  SearchRequest request;
  request.languages = {"en"};
  request.sort = SortOrder::kNewest;
  CHECK(Urls(c.Search(request), false) ==
        Join({kProsecutorEn, kElectionsEn, kOkrestinaEn, kDeportationEn}, false));
  request.sort = SortOrder::kOldest;
  CHECK(Urls(c.Search(request), false) ==
        Join({kOkrestinaEn, kElectionsEn, kProsecutorEn, kDeportationEn}, false));
  request.date_field = DateField::kCaptured;
  request.sort = SortOrder::kNewest;
  CHECK(Urls(c.Search(request), false) ==
        Join({kProsecutorEn, kElectionsEn, kDeportationEn, kOkrestinaEn}, false));
}

TEST_CASE("collapse shows the same text once; offset pages through the rest") {
  std::vector<common::IndexedDocument> docs = test::SampleDocuments();
  common::IndexedDocument copy = docs[0];
  copy.url = "https://mirror.example/okrestina";
  docs.push_back(copy);
  Collection c(docs);
  SearchRequest request;
  request.query = "okrestina";
  request.languages = {"en"};
  CHECK(c.Search(request).hits.size() == 2);
  request.collapse = true;
  CHECK(c.Search(request).hits.size() == 1);

  SearchRequest all;
  all.languages = {"en"};
  all.sort = SortOrder::kOldest;
  all.offset = 3;
  const SearchResults page = c.Search(all);
  REQUIRE(page.hits.size() == 2);
  CHECK(page.hits[0].rank == 4);
  CHECK(page.total.estimated == 5);
}

// Facet counts computed here from the documents the search returned (all of them: limit 100).
Facets CountByHand(const SearchResults& results) {
  Facets f;
  for (const Hit& hit : results.hits) {
    const common::IndexedDocument& d = hit.document;
    for (const common::PersonMention& p : d.persons) ++f.persons[p.id];
    for (const common::CrimeMention& cr : d.crimes) ++f.crimes[cr.id];
    ++f.sites[d.url.substr(d.url.find("://") + 3, d.url.find('/', 8) - d.url.find("://") - 3)];
    ++f.languages[d.language];
    if (d.published.empty()) {
      ++f.undated;
    } else {
      ++f.years[d.published.substr(0, 4)];
      ++f.months[d.published.substr(0, 7)];
    }
  }
  return f;
}

TEST_CASE("facets count every match exactly, not just the page") {
  Collection c;
  std::vector<SearchRequest> requests(5);
  requests[1].query = "torture OR prisoners OR пытки OR палітвязні";
  requests[2].crimes = {test::kTorture};
  requests[3].languages = {"ru", "be"};
  requests[4].from = "20240301";
  requests[4].persons = {{test::kLukashenka}};
  requests[0].query = "";
  requests[0].sites = {"example.org", "news.example.com", "ru.example.net", "spring96.example"};
  for (SearchRequest& request : requests) {
    CAPTURE(request.query);
    request.facets = true;
    const SearchResults all = c.Search(request);
    const Facets expected = CountByHand(all);
    REQUIRE(all.has_facets);
    CHECK(all.facets.persons == expected.persons);
    CHECK(all.facets.crimes == expected.crimes);
    CHECK(all.facets.sites == expected.sites);
    CHECK(all.facets.languages == expected.languages);
    CHECK(all.facets.years == expected.years);
    CHECK(all.facets.months == expected.months);
    CHECK(all.facets.undated == expected.undated);
    // A one-hit page counts the same.
    request.limit = 1;
    common::Result<SearchResults> page = c.searcher->Search(request);
    REQUIRE(page.ok());
    CHECK(page->hits.size() <= 1);
    CHECK(page->facets.persons == expected.persons);
    CHECK(page->facets.months == expected.months);
  }
  // Spot values, so the hand count is itself checked.
  SearchRequest everything;
  everything.sites = requests[0].sites;
  everything.facets = true;
  const SearchResults all = c.Search(everything);
  CHECK(all.facets.persons.at(test::kLoika) == 3);
  CHECK(all.facets.persons.at(test::kLukashenka) == 3);
  CHECK(all.facets.crimes.at(test::kTorture) == 4);
  CHECK(all.facets.months.at("2024-03") == 4);
  CHECK(all.facets.undated == 3);
}

TEST_CASE("an empty query without filters is still an error") {
  Collection c;
  SearchRequest request;
  common::Result<SearchResults> results = c.searcher->Search(request);
  REQUIRE_FALSE(results.ok());
  CHECK(results.status().message() == "empty query (give words to search for, or a filter)");
}

}  // namespace
}  // namespace vestige::query
