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

}  // namespace
}  // namespace vestige::common::schema
