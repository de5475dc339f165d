// NeedleSet (indexer/src/needle_set.h): the same answer as one std::string_view::find per needle.
#include "../../indexer/src/needle_set.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace vestige::indexer {
namespace {

constexpr std::string_view kNeedles[] = {"comment", "meta", "date", "time",    "byline",
                                         "c",       "dat",  "-x",   "\xD0\xB4"};
constexpr NeedleSet kSet(kNeedles);

bool FindAny(std::string_view hay) {
  for (std::string_view n : kNeedles) {
    if (hay.find(n) != std::string_view::npos) return true;
  }
  return false;
}

TEST_CASE("NeedleSet agrees with find() for every needle") {
  struct Row {
    std::string_view hay;
    bool found;
  };
  const Row rows[] = {
      {"", false},
      {"article", true},  // "c"
      {"post-body", false},
      {"entry-date", true},
      {"da", false},
      {"dat", true},  // a needle that is a prefix of another, at the end
      {"metadata", true},
      {"meta", true},
      {"met", false},
      {"bylin", false},
      {"main-x", true},
      {"x-", false},
      {"\xD0\xB4\xD0\xB0\xD1\x82\xD0\xB0", true},  // "дата": a multi-byte needle
      {"\xD0\xB0", false},
      {"hero", false},
      {"tim", false},
      {"TIME", false},  // bytes, not case-folded: callers lower-case first
  };
  for (const Row& row : rows) {
    CAPTURE(row.hay);
    CHECK(kSet.FoundIn(row.hay) == row.found);
    CHECK(kSet.FoundIn(row.hay) == FindAny(row.hay));
  }
}

TEST_CASE("NeedleSet agrees with find() on every short string over a small alphabet") {
  // Every string of length 0..5 over {a, c, d, e, m, t, -, x}: 37,449 haystacks.
  constexpr std::string_view kAlphabet = "acdemt-x";
  std::string hay;
  int checked = 0;
  for (int length = 0; length <= 5; ++length) {
    int total = 1;
    for (int i = 0; i < length; ++i) total *= static_cast<int>(kAlphabet.size());
    for (int code = 0; code < total; ++code) {
      hay.clear();
      for (int i = 0, c = code; i < length; ++i, c /= static_cast<int>(kAlphabet.size())) {
        hay.push_back(kAlphabet[static_cast<std::size_t>(c) % kAlphabet.size()]);
      }
      if (kSet.FoundIn(hay) != FindAny(hay)) {
        FAIL("disagrees on '" << hay << "'");
      }
      ++checked;
    }
  }
  CHECK(checked == 37449);
}

}  // namespace
}  // namespace vestige::indexer
