// Encoding detection and conversion to UTF-8 (vestige/indexer/charset.h).
#include "vestige/indexer/charset.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fixtures.h"

namespace vestige::indexer {
namespace {

using test::Cp1251;

// Code points of a UTF-8 string with only 1- and 2-byte sequences (ASCII and Cyrillic).
template <typename Map>
std::string EncodeCyrillic(std::string_view utf8, Map map) {
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b0 = static_cast<std::uint8_t>(utf8[i]);
    if (b0 < 0x80 || i + 1 >= utf8.size()) {
      out.push_back(static_cast<char>(b0));
      ++i;
      continue;
    }
    const std::uint32_t cp = ((b0 & 0x1Fu) << 6) | (static_cast<std::uint8_t>(utf8[i + 1]) & 0x3Fu);
    out.push_back(static_cast<char>(map(cp)));
    i += 2;
  }
  return out;
}

// KOI8-R (RFC 1489): the letters in the order of their Latin transliteration.
std::string Koi8r(std::string_view utf8) {
  return EncodeCyrillic(utf8, [](std::uint32_t cp) -> std::uint8_t {
    static constexpr std::u16string_view kLower =
        u"юабцдефгхийклмнопярстужвьызшэщчъ";  // 0xC0-0xDF; upper case at 0xE0-0xFF
    if (cp == 0x451) return 0xA3;             // ё
    if (cp == 0x401) return 0xB3;             // Ё
    const bool upper = cp >= 0x410 && cp <= 0x42F;
    const char16_t lower = static_cast<char16_t>(upper ? cp + 0x20 : cp);
    const std::size_t k = kLower.find(lower);
    if (k == std::u16string_view::npos) return '?';
    return static_cast<std::uint8_t>((upper ? 0xE0 : 0xC0) + k);
  });
}

// ISO-8859-5: А-Я at 0xB0, а-я at 0xD0, and Ё ё І і Ў ў at their offsets from U+0400 / U+0450.
std::string Iso88595(std::string_view utf8) {
  return EncodeCyrillic(utf8, [](std::uint32_t cp) -> std::uint8_t {
    if (cp >= 0x410 && cp <= 0x44F) return static_cast<std::uint8_t>(0xB0 + (cp - 0x410));
    if (cp >= 0x401 && cp <= 0x40F) return static_cast<std::uint8_t>(0xA0 + (cp - 0x400));
    if (cp >= 0x451 && cp <= 0x45F) return static_cast<std::uint8_t>(0xF0 + (cp - 0x450));
    return '?';
  });
}

const char* const kRussianText =
    "<p>Правозащитники требуют освободить всех политических заключённых в Беларуси, которых "
    "содержат в колониях без связи с родными. Суд в Минске приговорил журналистку к трём годам "
    "колонии за освещение протестов.</p>";
const char* const kBelarusianText =
    "<p>Праваабаронцы патрабуюць вызваліць усіх палітычных вязняў у Беларусі, якіх утрымліваюць "
    "у калоніях без сувязі з роднымі. Суд у Мінску асудзіў журналістку да трох гадоў калоніі за "
    "асвятленне пратэстаў.</p>";

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

TEST_CASE("DetectCharset: BOM, then HTTP, then <meta>, then detection; wrong declarations") {
  struct Row {
    std::string bytes;
    std::string http;
    std::string expected;
  };
  const std::string cyr = Cp1251("<p>Праваабаронцы патрабуюць вызвалення палітвязняў</p>");
  const std::string polish_1250 =
      "<p>Obro\xF1"
      "cy praw cz\xB3owieka domagaj\xB9 si\xEA uwolnienia wszystkich wi\xEA\x9Cni\xF3w "
      "politycznych na Bia\xB3orusi. S\xB9"
      "d w Mi\xF1sku skaza\xB3 dziennikark\xEA"
      " na trzy lata "
      "kolonii karnej za relacjonowanie protest\xF3w. Rodzina nie mog\xB3"
      "a jej odwiedza\xE6 od "
      "miesi\xEA"
      "cy.</p>";
  const Row rows[] = {
      // Detection when nothing is declared.
      {Cp1251(kRussianText), "", "windows-1251"},
      {Cp1251(kBelarusianText), "", "windows-1251"},
      {Koi8r(kRussianText), "", "koi8-r"},
      {Iso88595(kRussianText), "", "iso-8859-5"},
      {Iso88595(kBelarusianText), "", "iso-8859-5"},
      {polish_1250, "", "windows-1250"},
      {kRussianText, "", "utf-8"},
      {std::string("\xEF\xBB\xBF") + kRussianText, "", "utf-8"},
      // Wrong declarations. HTTP says utf-8, the bytes are windows-1251: detection decides...
      {Cp1251(kBelarusianText), "utf-8", "windows-1251"},
      {Koi8r(kRussianText), "utf-8", "koi8-r"},
      // ... or the <meta>, when it is plausible.
      {"<meta charset=koi8-r>" + Koi8r(kRussianText), "utf-8", "koi8-r"},
      {"<meta charset=utf-8>" + Cp1251(kRussianText), "", "windows-1251"},
      // HTTP or <meta> says windows-1251 (or any legacy encoding), the bytes are UTF-8 text.
      {kBelarusianText, "windows-1251", "utf-8"},
      {std::string("<meta charset=windows-1251>") + kRussianText, "", "utf-8"},
      {std::string("<meta charset=windows-1251>") + kRussianText, "koi8-r", "utf-8"},
      {"caf\xC3\xA9", "iso-8859-1", "utf-8"},  // "café" in UTF-8 under a Latin-1 header
      // ... but ASCII contradicts no declaration.
      {"<p>plain ASCII</p>", "koi8-r", "koi8-r"},
      // A few bad bytes in a page declared utf-8 (a truncated capture) keep utf-8.
      {"<p>ok\xD0</p>", "utf-8", "utf-8"},
      {"\xE9t\xE9 \xE0 Paris", "utf-8", "utf-8"},
      // utf-16 from HTTP without a BOM, over bytes without NULs: ignored.
      {"<p>hello</p>", "utf-16", "utf-8"},
      {std::string("<\0p\0>\0", 6), "utf-16le", "utf-16le"},
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
      // Legacy Cyrillic encodings, declared or detected.
      {Koi8r(kRussianText), "", kRussianText},
      {Koi8r(kRussianText), "koi8-r", kRussianText},
      {Iso88595(kBelarusianText), "", kBelarusianText},
      {Iso88595(kRussianText), "iso-8859-5", kRussianText},
      {Cp1251(kBelarusianText), "", kBelarusianText},
      // Wrong declarations, both ways: the text comes out right, not as U+FFFD or mojibake.
      {Cp1251(kBelarusianText), "utf-8", kBelarusianText},
      {Cp1251(kRussianText), "UTF-8", kRussianText},
      {kBelarusianText, "windows-1251", kBelarusianText},
      {kRussianText, "koi8-r", kRussianText},
      {std::string("\xEF\xBB\xBF") + kRussianText, "windows-1251", kRussianText},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    CAPTURE(row.http);
    common::Result<std::string> got = DecodeToUtf8(row.bytes, row.http);
    REQUIRE(got.ok());
    CHECK(*got == row.expected);
  }
}

TEST_CASE("DecodeToUtf8 never fails, never returns invalid UTF-8, never loses a page") {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  const std::string inputs[] = {
      all_bytes,
      all_bytes + all_bytes + "<meta charset=utf-8>",
      std::string("\xFF\xFE", 2) + "odd",  // UTF-16LE BOM, odd length
      std::string("\xFE\xFF\xD8\x00", 4),  // lone high surrogate
      std::string("\xEF\xBB"),             // a truncated BOM
      std::string("\0\0\0<html>\0", 10),
      "<meta charset=\"" + std::string(5000, 'x') + "\">",
      "<meta charset=\xFF\xFE>\xC0\xC1\xF5\xF8\xFC\xFE\xFF",
      std::string(70000, '\xD0'),  // more bytes than one ICU buffer, all invalid UTF-8
      Koi8r(kRussianText).substr(0, 7),
  };
  const std::string labels[] = {"",          "utf-8",
                                "utf-16",    "utf-16be",
                                "utf-32",    "koi8-r",
                                "shift_jis", "iso-2022-jp",
                                "gb18030",   "x-bogus",
                                "utf-7",     "ibm037",
                                "\xFF",      std::string(100, 'a')};
  for (const std::string& input : inputs) {
    for (const std::string& label : labels) {
      CAPTURE(input.substr(0, 40));
      CAPTURE(label.substr(0, 40));
      common::Result<std::string> got = DecodeToUtf8(input, label);
      REQUIRE(got.ok());
      CHECK(IsValidUtf8(*got));
      if (input.size() > 3) CHECK(!got->empty());
    }
  }
}

TEST_CASE("CountUtf8 tells UTF-8 from legacy bytes") {
  struct Row {
    std::string bytes;
    std::size_t multibyte;
    std::size_t invalid;
  };
  const Row rows[] = {
      {"ascii", 0, 0}, {"Суд", 3, 0}, {Cp1251("Суд"), 0, 3}, {"\xF0\x9F\x98\x80 \xFF", 1, 1},
      {"", 0, 0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    const Utf8Stats stats = CountUtf8(row.bytes);
    CHECK(stats.multibyte == row.multibyte);
    CHECK(stats.invalid == row.invalid);
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
