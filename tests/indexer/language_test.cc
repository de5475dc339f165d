// Language detection: CLD2, East Slavic letter evidence and <html lang>
// (vestige/indexer/language.h).
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
const char* const kPolish =
    "Obrońcy praw człowieka domagają się uwolnienia wszystkich więźniów politycznych na "
    "Białorusi.";
const char* const kGerman =
    "Menschenrechtler fordern die Freilassung aller politischen Gefangenen in Belarus.";
const char* const kLithuanian =
    "Žmogaus teisių gynėjai reikalauja paleisti visus politinius kalinius Baltarusijoje.";
const char* const kLacinka = "Prava abaroncy patrabujuć vyzvalić usich palitviaźniaŭ u Biełarusi.";
const char* const kChinese =
    "人权捍卫者要求释放白俄罗斯所有政治犯，他们被关押在劳改营中，无法与家人联系。法院的判决没有公开"
    "，律师也被剥夺了执照。";

TEST_CASE("GuessLanguageFromText: sentences in the languages of the archive") {
  struct Row {
    std::string text;
    std::string expected;
  };
  const Row rows[] = {
      {kBelarusian, "be"},
      {kRussian, "ru"},
      {kUkrainian, "uk"},
      {kBulgarian, "bg"},
      {kEnglish, "en"},
      {kPolish, "pl"},
      {kGerman, "de"},
      {kLithuanian, "lt"},
      {"Суд у Мінску асудзіў журналістку да трох гадоў калоніі за асвятленне пратэстаў.", "be"},
      {"Гэта быў звычайны дзень, калі міліцыя прыйшла да яго дадому і забрала без тлумачэнняў.",
       "be"},
      {"Это был обычный день, когда милиция пришла к нему домой и забрала без объяснений.", "ru"},
      {"Це був звичайний день, коли міліція прийшла до нього додому і забрала без пояснень.", "uk"},
      {"Sąd w Mińsku skazał dziennikarkę na trzy lata kolonii karnej za relacjonowanie protestów.",
       "pl"},
      {"Das Gericht in Minsk verurteilte die Journalistin zu drei Jahren Straflager.", "de"},
      {"Minsko teismas nuteisė žurnalistę trejiems metams kolonijos.", "lt"},
      {"Les défenseurs des droits humains exigent la libération de tous les prisonniers "
       "politiques.",
       "fr"},
      {kChinese, "zh"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(GuessLanguageFromText(row.text) == row.expected);
  }
}

TEST_CASE("GuessLanguageFromText: short and mixed texts") {
  struct Row {
    std::string text;
    std::string expected;
  };
  const Row rows[] = {
      // CLD2 calls this Belarusian (reliably); и and ы say Russian.
      {"Политзаключённые в Беларуси", "ru"},
      {"Палітвязні ў Беларусі", "be"},
      {"Політв'язні в Білорусі", "uk"},
      {"Катаванні ў СІЗА", "be"},
      // CLD2 declines; the letters decide: ы and і together are only Belarusian, и with ы
      // only Russian.
      {"Навіны", "be"},
      {"Пытки в СИЗО", "ru"},
      {"ВЯЗНІ СУМЛЕННЯ Ў КАЛОНІЯХ", "be"},  // upper case counts too
      // Letters every East Slavic language writes: undecidable.
      {"Вясна", "und"},
      {"ОМОН", "und"},
      // CLD2 says Serbian, but Serbian has no ю.
      {"Права людини", "und"},
      {"Minsk", "und"},
      {"Human rights", "und"},
      {"Prisoners of conscience", "en"},
      {"Prawa człowieka", "pl"},
      {"Žmogaus teisės", "lt"},
      // Łacinka: CLD2 has no Belarusian in Latin script, and the letters are not Cyrillic.
      {kLacinka, "und"},
      {"", "und"},
      {"2024-03-05 12:00 — 42 % …", "und"},
      {"\xFF\xFE garbage \xC0", "und"},                           // invalid UTF-8 does not crash
      {std::string(kEnglish) + "\xC0\xAF\xFF" + kEnglish, "en"},  // nor stop detection
      // A Belarusian article quoting Russian stays Belarusian...
      {std::string(kBelarusian) +
           " «Мы не сдадимся», — сказала жена политзаключённого, выходя из зала суда.",
       "be"},
      // ... a Russian one with a Belarusian slogan stays Russian (CLD2 says be at 58%) ...
      {std::string(kRussian) + " Кампания называется «Свабоду палітвязням!»", "ru"},
      // ... and an English one quoting Russian is English (CLD2 itself prefers the non-English
      // language when English is under 2/3 of the text).
      {"The court sentenced Ales Bialiatski, head of Viasna, to ten years. «Мы будем бороться "
       "дальше», his wife said.",
       "en"},
      {std::string(kBelarusian) + " «Свобода»", "be"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(GuessLanguageFromText(row.text) == row.expected);
  }
}

TEST_CASE("GuessLanguageFromText reads a long text without trouble") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += std::string(kBelarusian) + " ";
  CHECK(text.size() > 200 * 1024);
  CHECK(GuessLanguageFromText(text) == "be");
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
      {"iw", "he"},  // withdrawn code
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

TEST_CASE("GuessLanguage weighs <html lang> against the text") {
  struct Row {
    std::string text;
    std::string html_lang;
    std::string expected;
  };
  const Row rows[] = {
      {kEnglish, "", "en"},
      {kEnglish, "en-US", "en"},
      {kEnglish, "pl", "en"},  // the text is long enough to overrule the page
      {kPolish, "en", "pl"},
      {kGerman, "de-DE", "de"},
      {kBelarusian, "be-BY", "be"},
      {kBelarusian, "en", "be"},  // a template's lang="en" on a Cyrillic page
      {kBelarusian, "ru", "be"},  // the letters rule Russian out
      {kRussian, "be", "ru"},
      {kRussian, "ru-RU", "ru"},
      {kUkrainian, "ru", "uk"},
      {kBulgarian, "bg", "bg"},
      {kLacinka, "be-Latn", "be"},  // Belarusian in Latin script: the page knows
      {kLacinka, "be", "und"},      // lang says Cyrillic, the text is Latin
      {"Вясна", "be", "be"},        // the text cannot tell: trust the page
      {"Вясна", "ru", "ru"},
      {"Вясна", "en", "und"},  // ... unless its script disagrees
      {"Навіны", "ru", "be"},  // і and ы rule Russian out even in one word
      {"Minsk", "pl", "pl"},
      {"Prisoners of conscience", "de", "de"},  // under 40 letters: the page wins
      {kChinese, "zh-Hans", "zh"},
      {kChinese, "en", "zh"},
      {kEnglish, "x-klingon", "en"},  // malformed tag: ignored
      {kRussian, "und", "ru"},
      {"2024", "be", "be"},  // no letters at all: the page is all we have
      {"", "", "und"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CAPTURE(row.html_lang);
    CHECK(GuessLanguage(row.text, row.html_lang) == row.expected);
  }
}

}  // namespace
}  // namespace vestige::indexer
