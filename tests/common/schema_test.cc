#include "vestige/common/schema.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace vestige::common::schema {
namespace {

TEST_CASE("IdTerm is Q + URL for URLs up to kMaxIdUrlBytes") {
  CHECK(IdTerm("http://example.com/") == "Qhttp://example.com/");
  CHECK(IdTerm("") == "Q");
  const std::string at_limit = "http://example.com/" + std::string(kMaxIdUrlBytes - 19, 'a');
  REQUIRE(at_limit.size() == kMaxIdUrlBytes);
  CHECK(IdTerm(at_limit) == "Q" + at_limit);
}

TEST_CASE("IdTerm hashes longer URLs: Q# + hex SHA-256") {
  // sha256 of "a" x 201, from `printf 'a%.0s' $(seq 1 201) | sha256sum`.
  constexpr std::string_view kExpectedA201 =
      "a92efd82109373e58f9a2056dee01e807e216ce6075f7051207c0a9f7d666e50";
  const std::string long_url(kMaxIdUrlBytes + 1, 'a');
  const std::string term = IdTerm(long_url);
  CHECK(term == "Q#" + std::string(kExpectedA201));
  CHECK(term.size() == 2 + 64);
  // Distinct long URLs get distinct terms; all stay far below Xapian's 245-byte limit.
  const std::string other = long_url + "b";
  CHECK(IdTerm(other) != term);
  CHECK(IdTerm(std::string(100000, 'x')).size() == 66);
}

// ShardOf is part of the on-disk format: a changed hash would send a URL seen again to another
// shard, where it would not replace its document. Values from an independent Python FNV-1a-64.
TEST_CASE("ShardOf is FNV-1a-64 of the id term modulo the shard count") {
  const struct {
    const char* term;
    unsigned of2, of3, of7, of64;
  } kRows[] = {
      {"Qhttp://example.org/", 1, 1, 0, 27},    {"Qhttps://spring96.org/be/news/1", 1, 2, 1, 15},
      {"Qhttps://news.example/a", 0, 0, 4, 48}, {"Qhttps://news.example/b", 1, 0, 6, 9},
      {"Qhttps://news.example/c", 0, 2, 3, 22}, {"", 1, 2, 2, 37},
  };
  for (const auto& row : kRows) {
    CAPTURE(row.term);
    CHECK(ShardOf(row.term, 1) == 0);
    CHECK(ShardOf(row.term, 2) == row.of2);
    CHECK(ShardOf(row.term, 3) == row.of3);
    CHECK(ShardOf(row.term, 7) == row.of7);
    CHECK(ShardOf(row.term, 64) == row.of64);
  }
  CHECK(ShardName(0) == "shard-00");
  CHECK(ShardName(7) == "shard-07");
  CHECK(ShardName(kMaxShards - 1) == "shard-63");
}

}  // namespace
}  // namespace vestige::common::schema
