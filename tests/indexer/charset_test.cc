// Encoding detection and conversion to UTF-8 (vestige/indexer/charset.h).
#include "vestige/indexer/charset.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "fixtures.h"

namespace vestige::indexer {
namespace {

using test::Cp1251;

TEST_CASE("PrescanMetaCharset finds <meta> declarations in the first 4 KiB") {
  struct Row {
    std::string html;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"<html><head><meta charset=\"windows-1251\"></head>", "windows-1251"},
      {"<META CHARSET=KOI8-R>", "koi8-r"},
      {"<meta charset='utf-8'/>", "utf-8"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
       "windows-1251"},
      {"<meta content='text/html;charset=\"cp1251\"' http-equiv='content-type'>", "cp1251"},
      // content= without http-equiv=Content-Type declares nothing.
      {"<meta name=\"description\" content=\"charset=koi8-r\">", std::nullopt},
      // A declaration inside a comment does not count.
      {"<!-- <meta charset=koi8-r> --><meta charset=utf-8>", "utf-8"},
      // A '>' inside a quoted attribute of another tag does not end the tag early.
      {"<div title=\"a > <meta charset=koi8-r>\"></div><meta charset=iso-8859-5>", "iso-8859-5"},
      {"<meta charset>", std::nullopt},
      {"<meta http-equiv=refresh content=\"0; url=/x\">", std::nullopt},
      {"", std::nullopt},
      {"<meta", std::nullopt},
      {"<meta charset=\"unterminated", std::nullopt},
      {std::string(5000, ' ') + "<meta charset=koi8-r>", std::nullopt},  // past 4 KiB
      {std::string(3000, ' ') + "<meta charset=koi8-r>", "koi8-r"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.html.substr(0, 80));
    CHECK(PrescanMetaCharset(row.html) == row.expected);
  }
}

TEST_CASE("IsValidUtf8 rejects malformed sequences") {
  struct Row {
    std::string bytes;
    bool valid;
  };
  const Row rows[] = {
      {"plain ascii", true},
      {"\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0", true},  // Права
      {"\xF0\x9F\x98\x80", true},                          // U+1F600
      {"\xC0\xAF", false},                                 // overlong '/'
      {"\xED\xA0\x80", false},                             // surrogate
      {"\xF4\x90\x80\x80", false},                         // > U+10FFFF
      {"\xD0", false},                                     // truncated
      {"caf\xE9", false},                                  // Latin-1
      {"\x80", false},                                     // lone continuation
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    CHECK(IsValidUtf8(row.bytes) == row.valid);
  }
}

TEST_CASE("DetectCharset: BOM, then HTTP, then <meta>, then UTF-8, then a guess") {
  struct Row {
    std::string bytes;
    std::string http;
    std::string expected;
  };
  const std::string cyr = Cp1251("<p>Праваабаронцы патрабуюць вызвалення палітвязняў</p>");
  const Row rows[] = {
      {"\xEF\xBB\xBFhello", "windows-1251", "utf-8"},  // a BOM beats the header
      {std::string("\xFF\xFEh\0i\0", 6), "", "utf-16le"},
      {"hello", "windows-1251", "windows-1251"},
      {"hello", "CP1251", "windows-1251"},
      {"hello", "\"koi8-r\"", "koi8-r"},
      {"hello", "iso-8859-1", "windows-1252"},  // the HTML standard's reading of Latin-1
      {"hello", "us-ascii", "windows-1252"},
      {"<meta charset=windows-1251>hello", "", "windows-1251"},
      {"<meta charset=windows-1251>hello", "utf-8", "utf-8"},  // HTTP beats <meta>
      {"<meta charset=no-such-charset>hello", "", "utf-8"},    // unknown labels are ignored
      {"<meta charset=hello>x", "bogus-label", "utf-8"},
      {"<meta charset=utf-16>hello", "", "utf-8"},  // a <meta> cannot mean utf-16
      {"\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0", "", "utf-8"},
      {cyr, "", "windows-1251"},
      {"<p>Caf\xE9 cr\xE8me br\xFBl\xE9"
       "e</p>",
       "", "windows-1252"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    CAPTURE(row.http);
    CHECK(DetectCharset(row.bytes, row.http) == row.expected);
  }
}

TEST_CASE("DecodeToUtf8 converts to UTF-8 and never refuses a page") {
  struct Row {
    std::string bytes;
    std::string http;
    std::string expected;
  };
  const Row rows[] = {
      {"plain", "", "plain"},
      {Cp1251("Палітвязні ў Беларусі"), "windows-1251", "Палітвязні ў Беларусі"},
      {"<meta charset=\"windows-1251\">" + Cp1251("Правы чалавека"), "",
       "<meta charset=\"windows-1251\">Правы чалавека"},
      {"<meta http-equiv=Content-Type content=\"text/html; charset=windows-1251\">" + Cp1251("Суд"),
       "", "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1251\">Суд"},
      {Cp1251("<p>Политические заключённые остаются под стражей</p>"), "",
       "<p>Политические заключённые остаются под стражей</p>"},
      {"\xF0\xD2\xC1\xD7\xCF", "koi8-r", "Право"},
      {"\xEF\xBB\xBF\xD0\xA1\xD1\x83\xD0\xB4", "", "Суд"},  // the BOM is dropped
      {std::string("\xFF\xFE\x21\x04\x43\x04\x34\x04", 8), "", "Суд"},
      {std::string("\xFE\xFF\x04\x21\x04\x43\x04\x34", 8), "", "Суд"},
      {"caf\xE9 \x93quoted\x94", "iso-8859-1", "café “quoted”"},
      {"caf\xE9", "", "café"},
      // Invalid bytes under a declared UTF-8 become U+FFFD, one per bad byte or sequence.
      {"ok\xFF"
       "ok",
       "utf-8", "ok\xEF\xBF\xBDok"},
      {"end\xD0", "utf-8", "end\xEF\xBF\xBD"},
      // Unassigned bytes: U+FFFD (ICU's default for Shift_JIS would be U+001A).
      {"a\xD2z", "windows-1253", "a\xEF\xBF\xBDz"},
      {"a\x80z", "shift_jis", "a\xEF\xBF\xBDz"},
      // 0x98 in windows-1251 is U+0098, as in the Encoding Standard's table.
      {"a\x98z", "windows-1251", "a\xC2\x98z"},
      {"", "", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    CAPTURE(row.http);
    common::Result<std::string> got = DecodeToUtf8(row.bytes, row.http);
    REQUIRE(got.ok());
    CHECK(*got == row.expected);
  }
}

TEST_CASE("DecodeToUtf8 handles payloads larger than its conversion buffer") {
  std::string utf8;
  std::string cp1251;
  for (int i = 0; i < 5000; ++i) {
    utf8 += "Вызваленне палітвязняў. ";
    cp1251 += Cp1251("Вызваленне палітвязняў. ");
  }
  common::Result<std::string> got = DecodeToUtf8(cp1251, "windows-1251");
  REQUIRE(got.ok());
  CHECK(got->size() == utf8.size());
  CHECK(*got == utf8);
  // Supplementary characters across the 8192-unit buffer edges of a UTF-16 source.
  std::string utf16le("\xFF\xFE", 2);
  std::string expected;
  for (int i = 0; i < 6000; ++i) {
    utf16le += std::string("\x3D\xD8\x00\xDE", 4);  // U+1F600 as a surrogate pair
    expected += "\xF0\x9F\x98\x80";
  }
  common::Result<std::string> emoji = DecodeToUtf8(utf16le, "");
  REQUIRE(emoji.ok());
  CHECK(*emoji == expected);
}

}  // namespace
}  // namespace vestige::indexer
