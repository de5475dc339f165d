// --person / --crime resolution through the project's gazetteer files (data/persons.tsv,
// data/crime_types.tsv), and the alias resolver wired into a real search.
#include "vestige/query/entities.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "test_index.h"
#include "test_paths.h"
#include "vestige/common/gazetteer.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

std::shared_ptr<const common::Gazetteer> LoadGazetteer() {
  auto g = common::Gazetteer::Load((test::SourceDir() / "data" / "persons.tsv").string());
  REQUIRE_MESSAGE(g.ok(), g.status().ToString());
  return *g;
}

std::shared_ptr<const common::Taxonomy> LoadTaxonomy() {
  auto t = common::Taxonomy::Load((test::SourceDir() / "data" / "crime_types.tsv").string());
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  return *t;
}

TEST_CASE("--person takes an id or an alias in any script; unknown names are errors") {
  const auto gazetteer = LoadGazetteer();
  struct Row {
    const char* name;
    const char* id;
  };
  const Row rows[] = {
      {"loika_nasta", "loika_nasta"},
      {"Nasta Loika", "loika_nasta"},
      {"Наста Лойка", "loika_nasta"},
      {"Ales Bialiatski", "bialiatski_ales"},
      {"Alexander Lukashenko", "lukashenka_aliaksandr"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    auto ids = ResolvePersons(*gazetteer, {row.name});
    REQUIRE_MESSAGE(ids.ok(), ids.status().ToString());
    REQUIRE(ids->size() == 1);
    CHECK(std::find((*ids)[0].begin(), (*ids)[0].end(), row.id) != (*ids)[0].end());
  }
  auto unknown = ResolvePersons(*gazetteer, {"Nasta Loika", "Nobody Atall"});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().code() == common::Status::Code::kInvalidArgument);
  CHECK(unknown.status().message() ==
        "unknown person \"Nobody Atall\" (--person): not an id or alias in the gazetteer");
}

TEST_CASE("--crime takes an id or a label; unknown ones are errors") {
  const auto taxonomy = LoadTaxonomy();
  auto ids =
      ResolveCrimes(*taxonomy, {"cah_torture", "deportation or forcible transfer of population"});
  REQUIRE_MESSAGE(ids.ok(), ids.status().ToString());
  CHECK(*ids == std::vector<std::string>{"cah_torture", "cah_deportation"});
  auto unknown = ResolveCrimes(*taxonomy, {"jaywalking"});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message() ==
        "unknown crime type \"jaywalking\" (--crime): not an id or label in the taxonomy");
}

TEST_CASE("gazetteer resolvers in a real search: person:, crime: and alias words") {
  test::TempDir dir;
  test::BuildIndex(CollectionIndexPath(dir.path()), test::SampleDocuments());
  auto searcher = Searcher::OpenCollection(dir.path());
  REQUIRE(searcher.ok());
  struct Row {
    const char* query;
    std::size_t hits;
  };
  const Row rows[] = {
      {"person:\"Наста Лойка\"", 3},  // loika: Okrestina, TortureRu, PrisonersBe
      {"crime:Torture lang:en", 2},   // by label
      {"\"Nasta Loika\"", 0},         // a phrase is not expanded
      {"Лойка", 3},                   // an alias word finds the person's documents
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    SearchRequest request;
    request.query = row.query;
    request.alias_resolver = PersonResolver(LoadGazetteer());
    request.crime_resolver = CrimeResolver(LoadTaxonomy());
    auto results = searcher->Search(request);
    REQUIRE_MESSAGE(results.ok(), results.status().ToString());
    CHECK(results->hits.size() == row.hits);
  }
}

}  // namespace
}  // namespace vestige::query
