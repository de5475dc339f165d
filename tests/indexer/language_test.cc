// The script-based language guess (vestige/indexer/language.h).
#include "vestige/indexer/language.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace vestige::indexer {
namespace {

const char* const kBelarusian =
    "Праваабаронцы патрабуюць вызваліць усіх палітычных вязняў у Беларусі, якіх утрымліваюць у "
    "калоніях без сувязі з роднымі.";
const char* const kRussian =
    "Правозащитники требуют освободить всех политических заключённых в Беларуси, которых "
    "содержат в колониях без связи с родными.";
const char* const kUkrainian =
    "Правозахисники вимагають звільнити всіх політв'язнів у Білорусі; їхні родини не мають "
    "зв'язку з ними, і це є порушенням права.";
const char* const kBulgarian =
    "Правозащитниците настояват за освобождаване на всички политически затворници в Беларус.";
const char* const kEnglish =
    "Human rights defenders demand the release of all political prisoners held in Belarus.";
const char* const kLacinka = "Prava abaroncy patrabujuć vyzvalić usich palitviaźniaŭ u Biełarusi.";
const char* const kChinese =
    "人权捍卫者要求释放白俄罗斯所有政治犯，他们被关押在劳改营中，无法与家人联系。法院的判决没有公开"
    "，"
    "律师也被剥夺了执照。";

TEST_CASE("GuessLanguageFromText by script and telltale letters") {
  struct Row {
    std::string text;
    std::string expected;
  };
  const Row rows[] = {
      {kBelarusian, "be"},
      {kRussian, "ru"},
      {kUkrainian, "uk"},
      {kEnglish, "en"},
      {kLacinka, "en"},  // Latin script: the text alone cannot tell
      {kChinese, "und"},
      {"", "und"},
      {"2024-03-05 12:00 — 42 % …", "und"},
      {"\xFF\xFE garbage \xC0", "en"},  // invalid UTF-8 does not crash; "garbage" is Latin
      // Mostly Belarusian with a Russian quote: the majority decides.
      {std::string(kBelarusian) + " «Свобода»", "be"},
      {std::string("ВЯЗНІ СУМЛЕННЯ Ў КАЛОНІЯХ"), "be"},  // upper case counts too
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(GuessLanguageFromText(row.text) == row.expected);
  }
}

TEST_CASE("PrimaryLanguage reads the primary subtag of <html lang>") {
  struct Row {
    std::string tag;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      {"be", "be"},
      {"be-BY", "be"},
      {"EN_us", "en"},
      {" ru ", "ru"},
      {"be-tarask", "be"},
      {"bel", "be"},
      {"rus", "ru"},
      {"x-klingon", std::nullopt},
      {"english", std::nullopt},
      {"e", std::nullopt},
      {"", std::nullopt},
      {"r1", std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.tag);
    CHECK(PrimaryLanguage(row.tag) == row.expected);
  }
}

TEST_CASE("GuessLanguage prefers a plausible <html lang>") {
  struct Row {
    std::string text;
    std::string html_lang;
    std::string expected;
  };
  const Row rows[] = {
      {kEnglish, "", "en"},
      {kEnglish, "en-US", "en"},
      {kEnglish, "pl", "pl"},  // same script: trust the page
      {kBelarusian, "be-BY", "be"},
      {kBelarusian, "en", "be"},  // a template's lang="en" on a Cyrillic page
      {kBelarusian, "ru", "be"},  // the letters decisively say Belarusian
      {kRussian, "be", "ru"},
      {kRussian, "ru-RU", "ru"},
      {kBulgarian, "bg", "bg"},     // we do not second-guess other Cyrillic languages
      {kLacinka, "be-Latn", "be"},  // Belarusian in Latin script
      {kLacinka, "be", "en"},       // lang says Cyrillic, the text is Latin
      {"Навіны", "ru", "ru"},       // too short to contradict the page
      {"Навіны", "", "be"},
      {kChinese, "zh-Hans", "zh"},
      {kChinese, "en", "und"},
      {kEnglish, "x-klingon", "en"},  // malformed tag: ignored
      {kRussian, "und", "ru"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CAPTURE(row.html_lang);
    CHECK(GuessLanguage(row.text, row.html_lang) == row.expected);
  }
}

}  // namespace
}  // namespace vestige::indexer
