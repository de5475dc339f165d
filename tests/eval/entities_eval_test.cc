// The entities evaluation: label parsing, URL port stripping, scoring, and the facets read back
// from a real index built by the indexer from a real WARC file.
#include "vestige/eval/entities_eval.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "../indexer/fixtures.h"
#include "test_paths.h"
#include "vestige/common/warc.h"
#include "vestige/indexer/indexer.h"

namespace vestige::eval {
namespace {

TEST_CASE("StripPort removes the port of the authority only") {
  const struct {
    const char* in;
    const char* out;
  } rows[] = {
      {"http://naviny.example:41234/news/a.html", "http://naviny.example/news/a.html"},
      {"http://naviny.example/news/a.html", "http://naviny.example/news/a.html"},
      {"http://pravo.example:8080", "http://pravo.example"},
      {"http://h:1/p?q=a:b", "http://h/p?q=a:b"},
      {"http://[::1]/x", "http://[::1]/x"},
      {"not a url", "not a url"},
  };
  for (const auto& r : rows) CHECK(StripPort(r.in) == r.out);
}

TEST_CASE("labels: ids, names resolved through the gazetteer, bad input") {
  auto g = common::Gazetteer::Load((test::SourceDir() / "data" / "persons.tsv").string());
  REQUIRE(g.ok());
  auto labels = ParseEntityLabels(
      R"({"http://a.example:99/x": {"persons": ["Лукашенко", "znak_maksim"],
          "crimes": ["cah_torture"], "title": "ignored"},
          "http://a.example/y": {"persons": [], "crimes": null}})",
      g->get());
  REQUIRE(labels.ok());
  REQUIRE(labels->size() == 2);
  const PageFacets& x = labels->at("http://a.example/x");
  CHECK(x.persons == std::set<std::string>{"lukashenka_aliaksandr", "znak_maksim"});
  CHECK(x.crimes == std::set<std::string>{"cah_torture"});
  CHECK_FALSE(ParseEntityLabels("[1]", nullptr).ok());
  CHECK_FALSE(ParseEntityLabels(R"({"u": {"persons": "x"}})", nullptr).ok());
  CHECK_FALSE(ParseEntityLabels("{", nullptr).ok());
}

TEST_CASE("scoring counts true, false and missed ids per facet") {
  std::map<std::string, PageFacets> labels;
  labels["http://a/1"] = {{"p1", "p2"}, {"c1"}};
  labels["http://a/2"] = {{}, {"c2"}};
  labels["http://a/3"] = {{"p3"}, {}};
  std::map<std::string, PageFacets> found;
  found["http://a/1"] = {{"p1", "p9"}, {"c1"}};
  found["http://a/2"] = {{}, {"c2", "c3"}};
  const EntitiesReport r = ScoreEntities(labels, found);
  CHECK(r.pages == 3);
  CHECK(r.not_found == std::vector<std::string>{"http://a/3"});
  CHECK(r.persons.true_positives == 1);
  CHECK(r.persons.false_positives == 1);
  CHECK(r.persons.false_negatives == 2);
  CHECK(r.crimes.true_positives == 2);
  CHECK(r.crimes.false_positives == 1);
  CHECK(r.crimes.Precision() == doctest::Approx(2.0 / 3));
  CHECK(r.persons.Recall() == doctest::Approx(1.0 / 3));
  CHECK(FormatEntitiesReport(r).find("persons  precision 0.500  recall 0.333") !=
        std::string::npos);
}

TEST_CASE("facets read back from an index the indexer built") {
  const test::TempDir dir;
  {
    common::WarcWriterOptions options;
    options.directory = (dir.path() / "warc").string();
    auto writer = common::WarcWriter::Open(options);
    REQUIRE(writer.ok());
    const std::string html =
        "<!DOCTYPE html><html lang=\"ru\"><head><title>Приговор</title></head><body><main>"
        "<article><h1>Приговор правозащитнику</h1>"
        "<p>Суд в Минске приговорил правозащитника Алеся Беляцкого к десяти годам лишения "
        "свободы. Приговор огласили в закрытом режиме, адвокатов не пустили в зал.</p>"
        "<p>По словам родственников, его пытали в СИЗО, а потом перевели в колонию. Письма до "
        "него не доходят уже несколько месяцев, сообщают в правозащитном центре.</p>"
        "</article></main></body></html>";
    auto rec =
        indexer::test::Response("http://pravo.example:4321/a.html", "2024-01-02T03:04:05Z",
                                indexer::test::Http(200, {{"Content-Type", "text/html"}}, html));
    REQUIRE((*writer)->Write(rec).ok());
    REQUIRE((*writer)->Close().ok());
  }
  indexer::IndexOptions options;
  options.collection_dir = dir.path().string();
  auto stats = indexer::RunIndexer(options, nullptr);
  REQUIRE_MESSAGE(stats.ok(), stats.status().ToString());
  REQUIRE(stats->documents_added == 1);

  auto found = ReadIndexFacets((dir.path() / "index").string());
  REQUIRE(found.ok());
  REQUIRE(found->count("http://pravo.example/a.html") == 1);
  const PageFacets& f = found->at("http://pravo.example/a.html");
  CHECK(f.persons == std::set<std::string>{"bialiatski_ales"});
  CHECK(f.crimes.count("cah_torture") == 1);
  CHECK(f.crimes.count("hr_arbitrary_detention") == 1);
  CHECK_FALSE(ReadIndexFacets((dir.path() / "nothing").string()).ok());
}

}  // namespace
}  // namespace vestige::eval
