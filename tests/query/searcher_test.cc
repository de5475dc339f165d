// Searcher against real Xapian databases built the way vestige-index builds them (test_index.cc).
#include "vestige/query/searcher.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "test_index.h"
#include "test_paths.h"
#include "vestige/common/status.h"

namespace vestige::query {
namespace {

using common::Status;
using test::TempDir;

std::vector<std::string> Urls(const SearchResults& results) {
  std::vector<std::string> urls;
  for (const Hit& hit : results.hits) urls.push_back(hit.document.url);
  return urls;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// One string, so that doctest prints what differed.
std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

std::string JoinSorted(std::vector<std::string> v) { return Join(Sorted(std::move(v))); }

// A collection folder holding the eight sample documents in collection/index.
struct SampleCollection {
  SampleCollection() { test::BuildIndex(CollectionIndexPath(dir.path()), test::SampleDocuments()); }
  Searcher Open() const {
    common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
    REQUIRE_MESSAGE(searcher.ok(), searcher.status().ToString());
    return std::move(searcher).value();
  }
  TempDir dir;
};

common::Result<SearchResults> Run(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  return searcher.Search(request);
}

TEST_CASE("queries return exactly the matching documents") {
  struct Row {
    const char* query;
    std::vector<std::string> urls;  // expected, in rank order when `ordered`
    bool ordered;
  };
  const Row rows[] = {
      // Single term; the title match ranks first (title words are indexed twice).
      {"torture", {test::kOkrestinaEn, test::kProsecutorEn}, true},
      // Stemming: "prisoner" matches "prisoners".
      {"prisoner", {test::kOkrestinaEn, test::kElectionsEn}, false},
      // AND is the default operator: both words must occur.
      {"torture prisoners", {test::kOkrestinaEn}, true},
      {"torture AND prisoners", {test::kOkrestinaEn}, true},
      {"deportation OR elections", {test::kDeportationEn, test::kElectionsEn}, false},
      {"political NOT torture", {test::kElectionsEn}, true},
      {"political -torture", {test::kElectionsEn}, true},
      // Pure NOT, restricted by a filter.
      {"lang:en NOT torture", {test::kDeportationEn, test::kElectionsEn}, false},
      // Phrase: adjacent words only ("political opponents" does not count).
      {"\"political prisoners\"", {test::kOkrestinaEn, test::kElectionsEn}, false},
      // title: searches only the title ("torture" is only in the text of the prosecutor page).
      {"title:torture", {test::kOkrestinaEn}, true},
      {"title:elections", {test::kElectionsEn}, true},
      // site: and lang: filter, case-insensitively.
      {"site:news.example.com political", {test::kElectionsEn, test::kProsecutorEn}, false},
      {"political site:News.Example.COM", {test::kElectionsEn, test::kProsecutorEn}, false},
      {"site:example.org", {test::kOkrestinaEn, test::kDeportationEn}, false},
      {"lang:ru суд", {test::kTrialRu}, true},
      {"lang:be", {test::kPrisonersBe, test::kDeportationBe}, false},
      // Russian stemming: the nominative "пытка" finds "пытки" and "пытках".
      {"пытка", {test::kTortureRu}, true},
      {"политзаключённые", {test::kTortureRu, test::kTrialRu}, false},
      // Belarusian documents are not stemmed, yet exact words still match them.
      {"суд", {test::kTrialRu, test::kPrisonersBe}, false},
      {"катаванні", {test::kPrisonersBe}, true},
      {"палітвязні", {test::kPrisonersBe}, true},
      {"title:дзяцей", {test::kDeportationBe}, true},
      // Wildcards expand against the index's terms.
      {"deport*", {test::kDeportationEn}, true},
      {"tortur*", {test::kOkrestinaEn, test::kProsecutorEn}, false},
      {"палітвяз*", {test::kPrisonersBe}, true},
      // Capitalised words are not stemmed, but match the (lowercased) exact word.
      {"Okrestina", {test::kOkrestinaEn}, true},
  };
  SampleCollection collection;
  Searcher searcher = collection.Open();
  for (const Row& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    common::Result<SearchResults> results = Run(searcher, query);
    REQUIRE_MESSAGE(results.ok(), results.status().ToString());
    if (row.ordered) {
      CHECK(Join(Urls(*results)) == Join(row.urls));
    } else {
      CHECK(Join(Sorted(Urls(*results))) == Join(Sorted(row.urls)));
    }
    CHECK(results->total.exact());
    CHECK(results->total.estimated == row.urls.size());
    CHECK(results->warnings.empty());
  }
}

TEST_CASE("the stemmer follows the query's script") {
  SampleCollection collection;
  Searcher searcher = collection.Open();
  common::Result<SearchResults> en = Run(searcher, "torture");
  common::Result<SearchResults> ru = Run(searcher, "пытка");
  REQUIRE(en.ok());
  REQUIRE(ru.ok());
  CHECK(en->stemmer == "english");
  CHECK(ru->stemmer == "russian");
}

TEST_CASE("hits carry the decoded document, rank, score and WARC location") {
  SampleCollection collection;
  Searcher searcher = collection.Open();
  common::Result<SearchResults> results = Run(searcher, "okrestina beatings");
  REQUIRE(results.ok());
  REQUIRE(results->hits.size() == 1);
  const Hit& hit = results->hits[0];
  CHECK(hit.rank == 1);
  CHECK(hit.percent == 100);
  CHECK(hit.weight > 0);
  CHECK(hit.docid == 1);
  CHECK(hit.document.url == test::kOkrestinaEn);
  CHECK(hit.document.title == "Torture in Okrestina detention centre");
  CHECK(hit.document.language == "en");
  CHECK(hit.document.captured == "2024-03-01T10:00:00Z");
  CHECK(hit.document.published == "2024-02-28");
  CHECK(hit.document.warc.file == "crawl-00000.warc.gz");
  CHECK(hit.document.warc.offset == 0);
  CHECK(hit.document.warc.length == 1000);
  CHECK(hit.document.warc.payload_digest == "sha256:" + std::string(64, 'a'));
  CHECK(hit.document.warc.record_id == "<urn:uuid:00000000-0000-4000-8000-100000000000>");
}

TEST_CASE("snippets are plain text with the query's words highlighted") {
  SampleCollection collection;
  Searcher searcher = collection.Open();
  SUBCASE("English, stemmed") {
    common::Result<SearchResults> results = Run(searcher, "overcrowded beating");
    REQUIRE(results.ok());
    REQUIRE(results->hits.size() == 1);
    const Snippet& snippet = results->hits[0].snippet;
    // HTML escaping from Xapian is undone, and the paragraph break is one space.
    CHECK(snippet.text.find("Minsk. Guards beat detainees") != std::string::npos);
    CHECK(snippet.text.find("overcrowded & cold.") != std::string::npos);
    CHECK(snippet.text.find('\n') == std::string::npos);
    CHECK(snippet.text.find("&amp;") == std::string::npos);
    std::vector<std::string> marked;
    for (const TextSpan& span : snippet.highlights) {
      REQUIRE(span.begin < span.end);
      REQUIRE(span.end <= snippet.text.size());
      marked.push_back(snippet.text.substr(span.begin, span.end - span.begin));
    }
    // "beating" stems to "beat": the other forms are marked too.
    CHECK(marked == std::vector<std::string>{"beatings", "beat", "overcrowded"});
  }
  SUBCASE("Russian inflection and Belarusian exact word") {
    common::Result<SearchResults> ru = Run(searcher, "пытка");
    REQUIRE(ru.ok());
    REQUIRE(ru->hits.size() == 1);
    const Snippet& snippet = ru->hits[0].snippet;
    REQUIRE(snippet.highlights.size() == 1);
    CHECK(snippet.text.substr(snippet.highlights[0].begin,
                              snippet.highlights[0].end - snippet.highlights[0].begin) == "пытках");
    common::Result<SearchResults> be = Run(searcher, "катаванні");
    REQUIRE(be.ok());
    REQUIRE(be->hits.size() == 1);
    CHECK(be->hits[0].snippet.text.find("катаванні") != std::string::npos);
    CHECK(be->hits[0].snippet.highlights.size() == 1);
  }
}

TEST_CASE("offset and limit page through the ranking") {
  SampleCollection collection;
  Searcher searcher = collection.Open();
  SearchRequest request;
  request.query = "lang:en";
  request.limit = 2;
  common::Result<SearchResults> first = searcher.Search(request);
  request.offset = 2;
  common::Result<SearchResults> second = searcher.Search(request);
  request.offset = 4;
  common::Result<SearchResults> third = searcher.Search(request);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(third.ok());
  CHECK(first->total.estimated == 4);
  CHECK(second->total.estimated == 4);
  REQUIRE(first->hits.size() == 2);
  REQUIRE(second->hits.size() == 2);
  CHECK(third->hits.empty());
  CHECK(second->hits[0].rank == 3);
  CHECK(second->hits[1].rank == 4);
  std::vector<std::string> all = Urls(*first);
  for (const std::string& url : Urls(*second)) all.push_back(url);
  CHECK(Join(Sorted(all)) == JoinSorted({test::kOkrestinaEn, test::kDeportationEn,
                                         test::kElectionsEn, test::kProsecutorEn}));
}

TEST_CASE("a query with no hits is an empty success") {
  SampleCollection collection;
  Searcher searcher = collection.Open();
  common::Result<SearchResults> results = Run(searcher, "genocide");
  REQUIRE(results.ok());
  CHECK(results->hits.empty());
  CHECK(results->total.estimated == 0);
  CHECK(results->total.upper_bound == 0);
}

TEST_CASE("bad and empty queries are InvalidArgument") {
  struct Row {
    const char* query;
    const char* message;
  };
  const Row rows[] = {
      {"torture AND", "bad query: Syntax: <expression> AND <expression>"},
      {"torture OR OR prison", "bad query: Syntax: <expression> OR <expression>"},
      {"NOT", "bad query: Syntax: <expression> NOT <expression>"},
      {"", "empty query (give words to search for, or a filter)"},
      {"   \t ", "empty query (give words to search for, or a filter)"},
      {"(", "empty query (give words to search for, or a filter)"},
  };
  SampleCollection collection;
  Searcher searcher = collection.Open();
  for (const Row& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    common::Result<SearchResults> results = Run(searcher, query);
    REQUIRE_FALSE(results.ok());
    CHECK(results.status().code() == Status::Code::kInvalidArgument);
    CHECK(results.status().message() == row.message);
  }
}

TEST_CASE("a missing index is NotFound and says how to build one") {
  TempDir dir;
  common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
  REQUIRE_FALSE(searcher.ok());
  CHECK(searcher.status().code() == Status::Code::kNotFound);
  CHECK(searcher.status().message() == "no index at " + (dir.path() / "index").string() +
                                           ": run vestige-index --collection " +
                                           dir.path().string() + " first");
  common::Result<Searcher> by_path = Searcher::Open({dir.path() / "nowhere"});
  REQUIRE_FALSE(by_path.ok());
  CHECK(by_path.status().code() == Status::Code::kNotFound);
  CHECK(by_path.status().message() == "no index at " + (dir.path() / "nowhere").string());
  common::Result<Searcher> none = Searcher::Open({});
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("an empty folder where the index should be is NotFound") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "index");
  common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
  REQUIRE_FALSE(searcher.ok());
  CHECK(searcher.status().code() == Status::Code::kNotFound);
  CHECK(searcher.status().message().find("run vestige-index --collection") != std::string::npos);
}

TEST_CASE("a schema version mismatch is FailedPrecondition naming both versions") {
  struct Row {
    std::optional<std::string> version;
    std::string found_text;
    bool newer;
  };
  const Row rows[] = {
      {std::nullopt, "has no schema version (metadata key vestige.schema_version is missing)",
       false},
      {"0", "has schema version 0", false},
      {"1", "has schema version 1", false},  // before slot 8 (kSlotFacets)
      {std::to_string(common::schema::kSchemaVersion + 1),
       "has schema version " + std::to_string(common::schema::kSchemaVersion + 1), true},
      {"garbage", "has schema version garbage", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.found_text);
    TempDir dir;
    test::IndexSpec spec;
    spec.schema_version = row.version;
    const std::filesystem::path index = CollectionIndexPath(dir.path());
    test::BuildIndex(index, test::SampleDocuments(), spec);
    common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
    REQUIRE_FALSE(searcher.ok());
    CHECK(searcher.status().code() == Status::Code::kFailedPrecondition);
    const std::string expected = "index at " + index.string() + " " + row.found_text +
                                 "; this vestige-query reads schema version " +
                                 std::to_string(common::schema::kSchemaVersion) + ": " +
                                 (row.newer ? "upgrade vestige-query, or " : "") +
                                 "to rebuild, delete " + index.string() +
                                 " and re-run vestige-index --collection " + dir.path().string();
    CHECK(searcher.status().message() == expected);
  }
}

TEST_CASE("several shards are searched as one") {
  TempDir dir;
  const std::vector<common::IndexedDocument> docs = test::SampleDocuments();
  std::vector<common::IndexedDocument> even;
  std::vector<common::IndexedDocument> odd;
  for (std::size_t i = 0; i < docs.size(); ++i) (i % 2 == 0 ? even : odd).push_back(docs[i]);
  test::BuildIndex(dir.path() / "shard0", even);
  test::BuildIndex(dir.path() / "shard1", odd);

  SUBCASE("database folders") {
    common::Result<Searcher> searcher =
        Searcher::Open({dir.path() / "shard0", dir.path() / "shard1"});
    REQUIRE_MESSAGE(searcher.ok(), searcher.status().ToString());
    CHECK(searcher->document_count() == docs.size());
    // "political" is in documents 0 and 2 (shard0) and 3 (shard1).
    common::Result<SearchResults> results = Run(*searcher, "political");
    REQUIRE(results.ok());
    CHECK(Join(Sorted(Urls(*results))) ==
          JoinSorted({test::kOkrestinaEn, test::kElectionsEn, test::kProsecutorEn}));
    common::Result<SearchResults> ru = Run(*searcher, "политзаключённые");
    REQUIRE(ru.ok());
    CHECK(Join(Sorted(Urls(*ru))) == JoinSorted({test::kTortureRu, test::kTrialRu}));
  }
  SUBCASE("a stub database file listing both") {
    const std::filesystem::path stub = dir.path() / "all.stub";
    test::WriteFile(stub, "auto " + (dir.path() / "shard0").string() + "\nauto " +
                              (dir.path() / "shard1").string() + "\n");
    common::Result<Searcher> searcher = Searcher::Open({stub});
    REQUIRE_MESSAGE(searcher.ok(), searcher.status().ToString());
    common::Result<SearchResults> results = Run(*searcher, "lang:be");
    REQUIRE(results.ok());
    CHECK(Join(Sorted(Urls(*results))) == JoinSorted({test::kPrisonersBe, test::kDeportationBe}));
  }
  SUBCASE("one shard with the wrong schema spoils the set") {
    test::IndexSpec old;
    old.schema_version = "0";
    test::BuildIndex(dir.path() / "old", odd, old);
    common::Result<Searcher> searcher = Searcher::Open({dir.path() / "shard0", dir.path() / "old"});
    REQUIRE_FALSE(searcher.ok());
    CHECK(searcher.status().code() == Status::Code::kFailedPrecondition);
    CHECK(searcher.status().message().find((dir.path() / "old").string()) != std::string::npos);
  }
}

TEST_CASE("a stub file can name remote shards (xapian-progsrv, no network)") {
  // "remote :PROGRAM ARGS" runs a Xapian remote server over a pipe: the remote backend without a
  // TCP port. Skipped where xapian-tools is not installed.
  const std::filesystem::path progsrv = "/usr/bin/xapian-progsrv";
  if (!std::filesystem::exists(progsrv)) {
    WARN_MESSAGE(false, "xapian-progsrv not installed: remote shard test skipped");
    return;
  }
  TempDir dir;
  const std::vector<common::IndexedDocument> docs = test::SampleDocuments();
  test::BuildIndex(dir.path() / "local", {docs.begin(), docs.begin() + 4});
  test::BuildIndex(dir.path() / "remote", {docs.begin() + 4, docs.end()});
  const std::filesystem::path stub = dir.path() / "shards.stub";
  test::WriteFile(stub,
                  "remote :" + progsrv.string() + " " + (dir.path() / "remote").string() + "\n");
  common::Result<Searcher> searcher = Searcher::Open({dir.path() / "local", stub});
  REQUIRE_MESSAGE(searcher.ok(), searcher.status().ToString());
  CHECK(searcher->document_count() == docs.size());
  common::Result<SearchResults> results = Run(*searcher, "суд");
  REQUIRE_MESSAGE(results.ok(), results.status().ToString());
  CHECK(Join(Sorted(Urls(*results))) == JoinSorted({test::kTrialRu, test::kPrisonersBe}));
  REQUIRE_FALSE(results->hits.empty());
  CHECK_FALSE(results->hits[0].snippet.highlights.empty());
}

TEST_CASE("an undecodable document is reported by docid and skipped") {
  TempDir dir;
  test::IndexSpec spec;
  spec.raw_data_documents = {"this is not a document"};
  test::BuildIndex(CollectionIndexPath(dir.path()), test::SampleDocuments(), spec);
  common::Result<Searcher> searcher = Searcher::OpenCollection(dir.path());
  REQUIRE(searcher.ok());
  common::Result<SearchResults> results = Run(*searcher, "torture");
  REQUIRE(results.ok());
  CHECK(Join(Sorted(Urls(*results))) == JoinSorted({test::kOkrestinaEn, test::kProsecutorEn}));
  REQUIRE(results->warnings.size() == 1);
  CHECK(results->warnings[0].starts_with("document 9: corruption: "));
  CHECK(results->total.estimated == 3);
}

}  // namespace
}  // namespace vestige::query
