#include <doctest/doctest.h>

#include <string>

#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

TEST_CASE("StemmerForQuery picks the stemmer from the query's script") {
  struct Row {
    const char* query;
    const char* stemmer;
  };
  const Row rows[] = {
      {"torture", "english"},
      {"пытки", "russian"},
      {"палітвязні", "russian"},       // Belarusian: Cyrillic, closest stemmer we have
      {"пытки Okrestina", "english"},  // a tie goes to English
      {"пытки изолятор Okrestina", "russian"},
      {"torture site:ru.example.net lang:ru", "english"},
      {"пытки site:example.org lang:en", "russian"},     // filters are not words
      {"пытки OR torture AND NOT избиения", "russian"},  // operators are not words
      {"title:пытки", "russian"},
      {"\"политические заключённые\" -torture", "russian"},
      {"(пытки OR избиения)", "russian"},
      {"2020", "english"},
      {"", "english"},
      {"\xFF\xFE\xD0", "english"},  // invalid UTF-8 does not crash
      {"\xD0\xBF\xD1", "russian"},  // "п" then a truncated sequence
      {"Ёлка", "russian"},
      {"café", "english"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    CHECK(StemmerForQuery(row.query) == row.stemmer);
  }
}

}  // namespace
}  // namespace vestige::query
