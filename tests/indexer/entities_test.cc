// Person, crime-type and candidate detection over the project's data/persons.tsv and
// data/crime_types.tsv: inflection, surname-only rules, gender agreement, triggers per language.
#include "vestige/indexer/entities.h"

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "collection_fixture.h"
#include "fixtures.h"
#include "test_paths.h"

namespace vestige::indexer {
namespace {

const EntityDetector& Detector() {
  static const std::shared_ptr<const EntityDetector> detector = [] {
    auto loaded =
        EntityDetector::Load((vestige::test::SourceDir() / "data" / "persons.tsv").string(),
                             (vestige::test::SourceDir() / "data" / "crime_types.tsv").string());
    REQUIRE(loaded.ok());
    return *loaded;
  }();
  return *detector;
}

std::set<std::string> PersonIds(const std::string& text, const char* language) {
  std::set<std::string> ids;
  for (const auto& m : Detector().Persons({text}, language)) ids.insert(m.id);
  return ids;
}

std::set<std::string> CrimeIds(const std::string& text, const char* language) {
  std::set<std::string> ids;
  for (const auto& m : Detector().Crimes({text}, language)) ids.insert(m.id);
  return ids;
}

using Ids = std::set<std::string>;

TEST_CASE("persons across scripts, inflection, surname-only rules and gender") {
  const struct {
    const char* text;
    const char* language;
    Ids expected;
  } rows[] = {
      {"Аляксандр Лукашэнка сустрэўся з міністрам.", "be", {"lukashenka_aliaksandr"}},
      {"Пра гэта гаворка ішла з Лукашэнкам.", "be", {"lukashenka_aliaksandr"}},
      {"Встреча с Лукашенко прошла в Минске.", "ru", {"lukashenka_aliaksandr"}},
      {"Łukaszenka i opozycja.", "pl", {"lukashenka_aliaksandr"}},
      {"Указ подписал А.Г. Лукашенко.", "ru", {"lukashenka_aliaksandr"}},
      {"Віктар Лукашэнка, старэйшы сын.", "be", {"lukashenka_viktar"}},
      {"Суд вынес приговор Беляцкого.", "ru", {"bialiatski_ales"}},
      {"Беляцкий Алесь Викторович, 2021", "ru", {"bialiatski_ales"}},
      {"Лісты да Бяляцкага не даходзяць.", "be", {"bialiatski_ales"}},
      {"Ales Byalyatski received the prize.", "en", {"bialiatski_ales"}},
      // Common surname: a given name is required; inflected given names count.
      {"Приговор Колесниковой оставлен в силе.", "ru", {}},
      {"Адвокат Марии Колесниковой сообщила.", "ru", {"kalesnikava_maryia"}},
      {"Калеснікавай перадалі ліст.", "be", {"kalesnikava_maryia"}},
      // Gender agreement keeps the spouses apart.
      {"Ціханоўскай прысвоілі ўзнагароду.", "be", {"tsikhanouskaya_sviatlana"}},
      {"Ціханоўскаму далі 18 гадоў.", "be", {"tsikhanouski_siarhei"}},
      {"Заявление Тихановской.", "ru", {"tsikhanouskaya_sviatlana"}},
      {"Tsikhanouskaya spoke in Vilnius.", "en", {"tsikhanouskaya_sviatlana"}},
      {"Tsikhanouski was released.", "en", {"tsikhanouski_siarhei"}},
      {"Сьвятлана Ціханоўская і Сяргей Ціханоўскі.",
       "be",
       {"tsikhanouskaya_sviatlana", "tsikhanouski_siarhei"}},
      // Surnames that may not stand alone, and words that look like surnames.
      {"Stefanovich said so.", "en", {}},
      {"Valiantsin Stefanovic was sentenced.", "en", {"stefanovic_valiantsin"}},
      {"DW journalist Olga Stefanovich reports.", "en", {}},
      {"Он объявил голодовку в знак протеста.", "ru", {}},
      {"Максім Знак і Марыя Калеснікава.", "be", {"znak_maksim", "kalesnikava_maryia"}},
      {"Каля станцыі метро «Пушкінская».", "be", {}},
      {"Alexander Pushkin wrote poems.", "en", {}},
      {"Ales Pushkin died in custody.", "en", {"pushkin_ales"}},
      {"Мария Александровна Колесникова", "ru", {"kalesnikava_maryia"}},
      {"Ihar Losik and his wife Darya Losik.", "en", {"losik_ihar", "losik_darya"}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(PersonIds(r.text, r.language) == r.expected);
  }
}

TEST_CASE("person mentions are counted and the first alias that matched is kept") {
  auto found = Detector().Persons(
      {"Алесь Бяляцкі атрымаў ліст.", "Бяляцкаму не перадалі кнігі. Бяляцкага перавялі."}, "be");
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "bialiatski_ales");
  CHECK(found[0].name == "Ales Bialiatski");
  CHECK(found[0].count == 3);
  CHECK(found[0].alias == "Алесь Бяляцкі");
}

TEST_CASE("crime triggers on word boundaries, per language, with stems") {
  const struct {
    const char* text;
    const char* language;
    Ids expected;
  } rows[] = {
      {"Это была первая попытка.", "ru", {}},
      {"Со второй попытки команда забила.", "ru", {}},
      {"О попытках давления.", "ru", {}},
      {"Он рассказал о пытках в СИЗО.", "ru", {"cah_torture", "hr_arbitrary_detention"}},
      {"Затрыманыя распавялі пра катаванні.", "be", {"cah_torture", "hr_arbitrary_detention"}},
      {"Сведчанні пра катаваньне.", "be", {"cah_torture"}},  // Taraškievica
      {"18 гадоў зьняволеньня.", "be", {"cah_imprisonment"}},
      {"He was tortured and held in solitary confinement.",
       "en",
       {"cah_torture", "hr_ill_treatment"}},
      {"Reports of ill-treatment.", "en", {"hr_ill_treatment"}},
      {"Distortion of facts.", "en", {}},
      {"They are political prisoners.", "en", {"hr_political_prisoner"}},
      {"A football tournament.", "en", {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    CHECK(CrimeIds(r.text, r.language) == r.expected);
  }
  auto counted =
      Detector().Crimes({"Torture is banned.", "Torture continued; tortured again."}, "en");
  REQUIRE(counted.size() == 1);
  CHECK(counted[0].id == "cah_torture");
  CHECK(counted[0].label == "Torture");
  CHECK(counted[0].count == 3);
}

TEST_CASE("normalization and tokens") {
  CHECK(NormalizeWord("КАТАВАНЬНЕ") == "катаванне");
  CHECK(NormalizeWord("Ўладзімір") == "уладзімір");
  CHECK(NormalizeWord("Пётр") == "петр");
  // ASCII words only fold case; apostrophes and hyphens stay.
  CHECK(NormalizeWord("Lukashenka's") == "lukashenka's");
  CHECK(NormalizeWord("ILL-Treatment") == "ill-treatment");
  CHECK(NormalizeWord("z9") == "z9");
  auto words = Tokenize({"А.Г. Лукашенко, Львова-Белова; ill-treatment"}, false);
  REQUIRE(words.size() == 5);
  CHECK(words[0].initial);
  CHECK(words[1].initial);
  CHECK(words[2].capitalized);
  CHECK(words[3].text == "Львова-Белова");
  CHECK(Tokenize({"ill-treatment"}, true).size() == 2);
  CHECK(GivenNameStem("Марии") == GivenNameStem("Мария"));
  CHECK(GivenNameStem("Сяргея") == GivenNameStem("Сяргей"));
}

TEST_CASE("untrusted bytes do not crash the detectors") {
  std::string junk = "\xD0\xA6\xD1\x96\xD1\x85\xD0 \xFF\xFE\xC0\x80 Лукашэнк\xD0 А. Б. - ' ’ ";
  for (int i = 0; i < 256; ++i) junk.push_back(static_cast<char>(i));
  const std::vector<std::string> text{junk, "", std::string(1000, 'A'), "\xD1"};
  CHECK(Detector().Persons(text, "und").size() < 2);
  CHECK(Detector().Crimes(text, "und").empty());
  CHECK(Detector().Candidates(text, "und").empty());
  CHECK_FALSE(common::NameKey(junk).empty());
}

TEST_CASE("names not in the gazetteer become candidates") {
  auto names = Detector().Candidates(
      {"Настаўніцу Наталля Кавалёва звольнілі. Алесь Бяляцкі і Мария Александровна."}, "be");
  CHECK(names.count(common::NameKey("Наталля Кавалёва")) == 1);
  CHECK(names.size() == 1);
  CHECK(Detector().Persons({"Наталля Кавалёва"}, "be").empty());
}

TEST_CASE("a malformed table line is an error naming file and line") {
  const vestige::test::TempDir dir;
  const auto persons = dir.path() / "persons.tsv";
  vestige::test::WriteFile(
      persons,
      "id\tcanonical_name\trole\taliases\taliases_unverified\tsurname_only_ok\t"
      "cyr_stems\tconfidence\nbad line\n");
  auto loaded = EntityDetector::Load(
      persons.string(), (vestige::test::SourceDir() / "data" / "crime_types.tsv").string());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().message().find(persons.string() + ":2:") != std::string::npos);
}

TEST_CASE("the indexer stores person, crime and candidate terms with counts") {
  test::Collection c;
  test::WarcFile warc(c.warc_dir(), "ent");
  const std::string html =
      "<!DOCTYPE html><html lang=\"be\"><head><title>Суд</title></head><body><main><article>"
      "<h1>Прысуд</h1><p>Алесь Бяляцкі атрымаў дзесяць гадоў калоніі. Бяляцкага катавалі, "
      "а катаванні ў калоніі працягваюцца, паведамляюць праваабаронцы з Вясны.</p>"
      "<p>Настаўніца Наталля Кавалёва страціла працу. Яе сваякі баяцца пераследу і кажуць, "
      "што пра гэта нельга гаварыць адкрыта.</p></article></main></body></html>";
  warc.Write(test::Response("http://naviny.example/a.html", "2024-01-02T03:04:05Z",
                            test::Http(200, {{"Content-Type", "text/html"}}, html)));
  warc.Close();
  c.RunOk();
  const Xapian::Database db = test::OpenIndex(c);
  const Xapian::Document doc = test::DocFor(db, "http://naviny.example/a.html");
  CHECK(test::TermsWithPrefix(doc, "XP") == std::vector<std::string>{"XPbialiatski_ales"});
  CHECK(test::HasTerm(doc, "XCcah_torture"));
  CHECK(test::HasTerm(doc, "XN" + common::NameKey("Наталля Кавалёва")));
  CHECK(db.get_collection_freq("XPbialiatski_ales") == 2);
  CHECK(db.get_collection_freq("XCcah_torture") == 2);
  auto candidates = ListCandidates(c.dir().string());
  REQUIRE(candidates.ok());
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->front().documents == 1);
}

TEST_CASE("the indexer refuses a malformed gazetteer before touching the index") {
  test::Collection c;
  const auto bad = c.dir() / "bad.tsv";
  vestige::test::WriteFile(bad, "id\tlabel\n");
  IndexOptions options;
  options.collection_dir = c.dir().string();
  options.crimes_file = bad.string();
  auto stats = RunIndexer(options, nullptr);
  REQUIRE_FALSE(stats.ok());
  CHECK(stats.status().message().find(bad.string() + ":1:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(c.index_dir()));
}

}  // namespace
}  // namespace vestige::indexer
