// NameKey across scripts (pairs from ../shared/domain/transliteration.md §4), the TSV loaders and
// their file:line errors, and Resolve.
#include "vestige/common/gazetteer.h"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "test_paths.h"

namespace vestige::common {
namespace {

struct KeyCase {
  const char* name;
  const char* key;
};

TEST_CASE("NameKey folds the spellings of one name to one key") {
  const KeyCase cases[] = {
      {"Аляксандр Лукашэнка", "alaksandr lukashenka"},
      {"Aliaksandr Lukashenka", "alaksandr lukashenka"},
      {"Alyaksandr Lukashenka", "alaksandr lukashenka"},
      {"Лукашэнка", "lukashenka"},
      {"Łukaszenka", "lukashenka"},
      {"Łukašenka", "lukashenka"},
      {"Лукашенко", "lukashenko"},
      {"Lukaschenko", "lukashenko"},
      {"Loukachenko", "lukashenko"},
      {"Lukashenko", "lukashenko"},
      {"Святлана Ціханоўская", "svatlana tsihanouskaa"},
      {"Sviatlana Tsikhanouskaya", "svatlana tsihanouskaa"},
      {"Svyatlana Tsikhanowskaya", "svatlana tsihanouskaa"},
      {"Svjatlana Cichanoŭskaja", "svatlana tsihanouskaa"},
      {"Swiatłana Cichanouska", "svatlana tsihanouskaa"},
      {"Tsihanouskaya", "tsihanouskaa"},
      {"Сьвятлана", "svatlana"},  // Taraškievica
      {"Светлана Тихановская", "svetlana tihanovskaa"},
      {"Svetlana Tikhanovskaya", "svetlana tihanovskaa"},
      {"Swetlana Tichanowskaja", "svetlana tihanovskaa"},
      {"Svetlana Tichanovskaja", "svetlana tihanovskaa"},
      {"Сяргей Ціханоўскі", "sarhei tsihanouski"},
      {"Siarhei Tsikhanouski", "sarhei tsihanouski"},
      {"Sjarhej Cichanoŭski", "sarhei tsihanouski"},
      {"Siarhiej Cichanouski", "sarhei tsihanouski"},
      {"Сергей Тихановский", "serhei tihanovski"},
      {"Sergei Tikhanovsky", "serhei tihanovski"},
      {"Sergey Tikhanovskiy", "serhei tihanovski"},
      {"Sergej Tichanowski", "serhei tihanovski"},
      {"Алесь Бяляцкі", "ales balatski"},
      {"Ales Bialiatski", "ales balatski"},
      {"Aleś Bialacki", "ales balatski"},
      {"Ales Byalyatski", "ales balatski"},
      {"Alieś Bialiacki", "ales balatski"},
      {"Валянцін Стэфановіч", "valantsin stefanovich"},
      {"Valiantsin Stefanovic", "valantsin stefanovich"},
      {"Valiantsin Stefanovich", "valantsin stefanovich"},
      {"Valancin Stefanovič", "valantsin stefanovich"},
      {"Уладзімір Лабковіч", "uladzimir labkovich"},
      {"Uladzimir Labkovich", "uladzimir labkovich"},
      {"Uładzimir Łabkovič", "uladzimir labkovich"},
      {"Марыя Калеснікава", "mara kalesnikava"},
      {"Maryia Kalesnikava", "mara kalesnikava"},
      {"Marya Kaliesnikava", "mara kalesnikava"},
      {"Мария Колесникова", "mara kolesnikova"},
      {"Maria Kolesnikova", "mara kolesnikova"},
      {"Mariia Kolesnikova", "mara kolesnikova"},
      {"Юрий Караев", "uri karaev"},
      {"Yuriy Karayev", "uri karaev"},
      {"Iurii Karaev", "uri karaev"},
      {"Юрый Караеў", "uri karaeu"},
      {"Yury Karaeu", "uri karaeu"},
      {"Yury Karayeu", "uri karaeu"},
      {"Мікалай Статкевіч", "mikalai statkevich"},
      {"Mikalai Statkevich", "mikalai statkevich"},
      {"Mikalaj Statkevič", "mikalai statkevich"},
      {"Віцебск", "vitsebsk"},
      {"Vitsyebsk", "vitsebsk"},
      {"Viciebsk", "vitsebsk"},
      {"Магілёў", "mahilou"},
      {"Mahilyow", "mahilou"},
      {"Mahilioŭ", "mahilou"},
      {"Гомель", "homel"},
      {"Homyel'", "homel"},
      {"Дзмітрый Шаўцоў", "dzmitri shautsou"},
      {"Dzmitry Shautsou", "dzmitri shautsou"},
      {"Дмитрий Шевцов", "dmitri shevtsov"},
      {"Dmitriy Shevtsov", "dmitri shevtsov"},
      {"Дар’я", "dara"},
      {"Darya", "dara"},
      {"Daria", "dara"},
      {"Васiльева", "vasileva"},  // Latin i inside a Cyrillic word
      {"  A.G.  Lukashenko ", "a h lukashenko"},
  };
  for (const KeyCase& c : cases) {
    CAPTURE(c.name);
    CHECK(NameKey(c.name) == c.key);
  }
}

TEST_CASE(
    "NameKey gives the same key from its per-thread memo, past its size, and for long names") {
  // The memo (name_key_icu.cc) keeps up to 8,192 names of up to 64 bytes per thread and forgets
  // them all when full: a key must not depend on whether it came from the memo.
  const std::string full = "Аляксандр Рыгоравіч Лукашэнка";  // 56 bytes: kept in the memo
  const std::string long_name = full + " " + full;           // 113 bytes: computed every time
  const std::string full_key = NameKey(full);
  CHECK(full_key == "alaksandr rihoravich lukashenka");
  CHECK(NameKey(long_name) == full_key + " " + full_key);
  CHECK(NameKey(long_name) == NameKey(long_name));
  CHECK(NameKey(full) == full_key);
  const std::string first = NameKey("Аляксандр Лукашэнка");
  for (int i = 0; i < 9000; ++i) {  // fills the memo past its size, so it is cleared once
    const std::string name = "Imia" + std::to_string(i);
    REQUIRE(NameKey(name) == NameKey(name));
  }
  CHECK(NameKey("Аляксандр Лукашэнка") == first);
  CHECK(first == "alaksandr lukashenka");
  std::string from_thread;
  std::thread([&] { from_thread = NameKey("Аляксандр Лукашэнка"); }).join();
  CHECK(from_thread == first);
}

TEST_CASE("NameKey keeps different people apart") {
  const char* pairs[][2] = {
      {"Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"},
      {"Tsikhanouskaya", "Tsikhanouski"},
      {"Cichanouska", "Cichanouski"},
      {"Ціханоўская", "Ціханоўскі"},
      {"Ihar Losik", "Darya Losik"},
      {"Viktar Babaryka", "Eduard Babaryka"},
      {"Valery Tsapkala", "Veranika Tsapkala"},
      {"Aliaksandr Lukashenka", "Viktar Lukashenka"},
      {"Valiantsin Stefanovic", "Olga Stefanovich"},
      {"Ales Pushkin", "Alexander Pushkin"},
      {"Аляксандр Лукашэнка", "Александр Лукашенко"},
      {"Калеснікава", "Колесникова"},
  };
  for (const auto& p : pairs) {
    CAPTURE(p[0]);
    CHECK(NameKey(p[0]) != NameKey(p[1]));
  }
}

TEST_CASE("the project's gazetteer loads and resolves any spelling through the key") {
  auto g = Gazetteer::Load((test::SourceDir() / "data" / "persons.tsv").string());
  REQUIRE(g.ok());
  CHECK((*g)->persons().size() >= 120);
  const struct {
    const char* query;
    const char* id;
  } rows[] = {
      {"lukashenka_aliaksandr", "lukashenka_aliaksandr"},
      {"Лукашенко", "lukashenka_aliaksandr"},
      {"Łukaszenka", "lukashenka_aliaksandr"},
      {"Аляксандр Лукашэнка", "lukashenka_aliaksandr"},
      {"Алесь Бяляцкі", "bialiatski_ales"},
      {"Byalyatski", "bialiatski_ales"},
      {"Tsikhanouskaya", "tsikhanouskaya_sviatlana"},
      {"Tikhanovsky", "tsikhanouski_siarhei"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.query);
    auto found = (*g)->Resolve(r.query);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->id == r.id);
  }
  CHECK((*g)->Resolve("Nobody Atall").empty());
  CHECK((*g)->FindById("znak_maksim") != nullptr);
  CHECK((*g)->FindById("nobody") == nullptr);
}

TEST_CASE("the project's gazetteer: no full name of two persons folds to one key") {
  auto g = Gazetteer::Load((test::SourceDir() / "data" / "persons.tsv").string());
  REQUIRE(g.ok());
  std::map<std::string, std::string> owner;  // full-name key -> person id
  int collisions = 0;
  for (const Person& p : (*g)->persons()) {
    std::vector<std::string> names = p.aliases;
    names.insert(names.end(), p.aliases_unverified.begin(), p.aliases_unverified.end());
    names.push_back(p.canonical_name);
    for (const std::string& name : names) {
      const std::string key = NameKey(name);
      if (key.find(' ') == std::string::npos) continue;  // single words: surnames
      auto [it, inserted] = owner.emplace(key, p.id);
      if (!inserted && it->second != p.id) {
        ++collisions;
        MESSAGE(name << " (" << p.id << ") folds like a name of " << it->second);
      }
    }
  }
  CHECK(collisions == 0);
}

TEST_CASE("malformed persons lines are reported with file and line") {
  const std::string header =
      "id\tcanonical_name\trole\taliases\taliases_unverified\tsurname_only_ok\tcyr_stems\t"
      "confidence\n";
  const std::string good = "a_b\tA B\tother\tA B\t\t\t\tH\n";
  const struct {
    std::string tsv;
    std::string error;
  } rows[] = {
      {header + good + "c_d\tC D\tother\n", "p.tsv:3: expected 8"},
      {header + good + "\tC D\tother\t\t\t\t\tH\n", "p.tsv:3: empty id"},
      {header + good + "# comment\n" + good, "p.tsv:4: duplicate id"},
      {header + "x\tX\tother\t\t\t\t\tQ\n", "p.tsv:2: confidence"},
      {"id\tname\n", "p.tsv:1: header"},
  };
  for (const auto& r : rows) {
    auto g = Gazetteer::Parse(r.tsv, "p.tsv");
    REQUIRE_FALSE(g.ok());
    CHECK(g.status().message().find(r.error) != std::string::npos);
  }
  CHECK(Gazetteer::Parse(header + good, "p.tsv").ok());
  CHECK_FALSE(Gazetteer::Load("/nonexistent/persons.tsv").ok());
}

TEST_CASE("the taxonomy loads, resolves ids and labels, and reports malformed lines") {
  auto t = Taxonomy::Load((test::SourceDir() / "data" / "crime_types.tsv").string());
  REQUIRE(t.ok());
  CHECK((*t)->types().size() == 29);
  REQUIRE((*t)->Resolve("hr_torture") == nullptr);
  REQUIRE((*t)->Resolve("cah_torture") != nullptr);
  CHECK((*t)->Resolve("TORTURE")->id == "cah_torture");
  const CrimeType* torture = (*t)->Resolve("cah_torture");
  CHECK(torture->triggers.at("ru").front() == "пытк*");
  const std::string header =
      "id\tlabel\tcategory\tlegal_basis\ten_triggers\tru_triggers\tbe_triggers\n";
  const struct {
    std::string tsv;
    std::string error;
  } rows[] = {
      {header + "x\tX\tc\tb\ta\n", "c.tsv:2: expected 7"},
      {header + "x\tX\tc\tb\ta\tb\tc\nx\tX\tc\tb\ta\tb\tc\n", "c.tsv:3: duplicate id"},
      {header + "x\t\tc\tb\ta\tb\tc\n", "c.tsv:2: empty label"},
      {header + "x\tX\tc\tb\t*a\tb\tc\n", "c.tsv:2: en trigger"},
  };
  for (const auto& r : rows) {
    auto parsed = Taxonomy::Parse(r.tsv, "c.tsv");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().message().find(r.error) != std::string::npos);
  }
}

}  // namespace
}  // namespace vestige::common
