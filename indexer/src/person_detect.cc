// Person detection: full aliases, surnames with a given name near by, surname-only forms, and
// inflected Cyrillic via stems, with gender agreement. See entities.h.
#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entity_tables.h"
#include "vestige/indexer/entities.h"

namespace vestige::indexer {
namespace {

using Tables = EntityDetector::PersonTables;

constexpr std::size_t kGivenWindow = 3;  // words either side of a surname

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsCyrillicWord(std::string_view s) {
  return !s.empty() &&
         (static_cast<unsigned char>(s[0]) == 0xD0 || static_cast<unsigned char>(s[0]) == 0xD1);
}

// Code points of a UTF-8 Cyrillic remainder, or a large number when it is not Cyrillic text.
std::size_t CyrLetters(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    if (!IsCyrillicWord(s.substr(i))) return 99;
    ++n;
  }
  return n;
}

// An inflectional ending after a stem: at most 3 letters, all from the case endings' alphabet.
bool IsEnding(std::string_view rest) {
  if (CyrLetters(rest) > 3) return false;
  static const std::string_view kLetters[] = {"а", "я", "у", "ю", "ы", "і", "и", "е",
                                              "о", "э", "й", "ь", "м", "х", "г"};
  for (std::size_t i = 0; i < rest.size(); i += 2) {
    const std::string_view letter = rest.substr(i, 2);
    if (std::find(std::begin(kLetters), std::end(kLetters), letter) == std::end(kLetters)) {
      return false;
    }
  }
  return true;
}

Tables::Gender EndingGender(std::string_view stem, std::string_view rest) {
  if (!EndsWith(stem, "ск") && !EndsWith(stem, "цк")) return Tables::Gender::kUnknown;
  static const std::string_view kFeminine[] = {"ая", "ай", "ой", "ую", "ою"};
  static const std::string_view kMasculine[] = {"і",   "и",   "ий", "ый", "ага", "ого",
                                                "аму", "ому", "ім", "им", "ым"};
  for (std::string_view f : kFeminine) {
    if (rest == f) return Tables::Gender::kFeminine;
  }
  for (std::string_view m : kMasculine) {
    if (rest == m) return Tables::Gender::kMasculine;
  }
  return Tables::Gender::kUnknown;
}

std::vector<WordToken> Words(const std::string& name) { return Tokenize({name}, false); }

std::string Key(const WordToken& t) { return common::NameKey(t.text); }

}  // namespace

std::string GivenNameStem(std::string_view word) {
  std::string lower = NormalizeWord(word);
  if (IsCyrillicWord(lower)) {
    static const std::string_view kEndings[] = {
        "ами", "ями", "ому", "ему", "ого", "его", "ага", "яга", "ай", "яй", "ой", "ей",
        "ою",  "ею",  "ам",  "ям",  "ом",  "ем",  "ым",  "ім",  "им", "ах", "ях"};
    for (std::string_view e : kEndings) {
      if (EndsWith(lower, e) && CyrLetters(lower) >= CyrLetters(e) + 3) {
        lower.resize(lower.size() - e.size());
        break;
      }
    }
  }
  std::string key = common::NameKey(lower);
  while (key.size() > 3 && std::string_view("aeiou").find(key.back()) != std::string_view::npos) {
    key.pop_back();
  }
  return key;
}

void BuildPersonTables(const common::Gazetteer& gazetteer, Tables* out) {
  const auto& persons = gazetteer.persons();
  out->given.resize(persons.size());
  out->gender.resize(persons.size(), Tables::Gender::kUnknown);
  for (std::size_t p = 0; p < persons.size(); ++p) {
    const common::Person& person = persons[p];
    std::vector<std::string> names = person.aliases;
    names.insert(names.end(), person.aliases_unverified.begin(), person.aliases_unverified.end());
    names.push_back(person.canonical_name);
    std::set<std::string> seen;
    for (const std::string& name : names) {
      const std::vector<WordToken> words = Words(name);
      if (words.empty()) continue;
      Tables::Alias alias;
      alias.person = p;
      alias.text = name;
      for (const WordToken& w : words) alias.keys.push_back(Key(w));
      std::string joined;
      for (const std::string& k : alias.keys) joined += k + " ";
      if (seen.insert(joined).second) out->aliases[alias.keys.front()].push_back(alias);
      if (words.size() < 2) continue;
      const std::string& surname = alias.keys.back();
      if (surname.size() > 2 && !words.back().initial) {
        auto& list = out->surnames[surname];
        const bool known = std::any_of(list.begin(), list.end(),
                                       [&](const Tables::Surname& s) { return s.person == p; });
        if (!known) list.push_back({p, false, words.back().text});
      }
      if (!words.front().initial) {
        std::string stem = GivenNameStem(words.front().text);
        out->given[p].insert(stem);
        out->all_given.insert(stem);
        // A fleeting vowel: Павел / Павла, Пётр / Петра.
        if (stem.size() >= 4 && (stem[stem.size() - 2] == 'e' || stem[stem.size() - 2] == 'o')) {
          std::string fleeting = stem;
          fleeting.erase(fleeting.size() - 2, 1);
          out->given[p].insert(fleeting);
        }
        if (!stem.empty()) out->given[p].insert("initial:" + stem.substr(0, 1));
      }
      for (const WordToken& w : words) {
        if (w.initial) out->given[p].insert("initial:" + Key(w));
      }
    }
    for (const std::string& form : person.surname_only) {
      const std::string key = common::NameKey(form);
      auto& list = out->surnames[key];
      auto it = std::find_if(list.begin(), list.end(),
                             [&](const Tables::Surname& s) { return s.person == p; });
      if (it == list.end()) {
        list.push_back({p, true, form});
      } else {
        it->alone_ok = true;
        it->text = form;
      }
    }
    for (const std::string& stem : person.cyr_stems) {
      Tables::Stem s;
      s.person = p;
      s.lower = NormalizeWord(stem);
      s.text = stem + "*";
      for (const std::string& form : person.surname_only) {
        s.alone_ok = s.alone_ok || StartsWith(NormalizeWord(form), s.lower);
      }
      out->stems.push_back(std::move(s));
    }
    const std::string canonical = common::NameKey(person.canonical_name);
    const std::string last = canonical.substr(canonical.rfind(' ') + 1);
    if (EndsWith(last, "skaa") || EndsWith(last, "ska")) out->gender[p] = Tables::Gender::kFeminine;
    if (EndsWith(last, "ski")) out->gender[p] = Tables::Gender::kMasculine;
  }
  for (auto& [key, list] : out->aliases) {
    std::stable_sort(list.begin(), list.end(), [](const Tables::Alias& a, const Tables::Alias& b) {
      return a.keys.size() > b.keys.size();
    });
  }
}

// A surname reading of one word: who it may name and whether it may stand alone.
struct SurnameHit {
  std::size_t person = 0;
  bool alone_ok = false;
  std::string text;
};

std::vector<SurnameHit> SurnameHits(const Tables& tables, const WordToken& token,
                                    const std::string& key) {
  std::vector<SurnameHit> hits;
  if (auto it = tables.surnames.find(key); it != tables.surnames.end()) {
    for (const auto& s : it->second) hits.push_back({s.person, s.alone_ok, s.text});
  }
  if (!IsCyrillicWord(token.lower)) return hits;
  for (const Tables::Stem& stem : tables.stems) {
    if (!StartsWith(token.lower, stem.lower)) continue;
    const std::string_view rest = std::string_view(token.lower).substr(stem.lower.size());
    if (!IsEnding(rest)) continue;
    const Tables::Gender g = EndingGender(stem.lower, rest);
    const Tables::Gender pg = tables.gender[stem.person];
    if (g != Tables::Gender::kUnknown && pg != Tables::Gender::kUnknown && g != pg) continue;
    auto it = std::find_if(hits.begin(), hits.end(),
                           [&](const SurnameHit& h) { return h.person == stem.person; });
    if (it == hits.end()) {
      hits.push_back({stem.person, stem.alone_ok, stem.text});
    } else {
      it->alone_ok = it->alone_ok || stem.alone_ok;
    }
  }
  return hits;
}

bool KnownSurname(const Tables& tables, const WordToken& token) {
  return !SurnameHits(tables, token, Key(token)).empty();
}

EntityDetector::EntityDetector(std::shared_ptr<const common::Gazetteer> gazetteer,
                               std::shared_ptr<const common::Taxonomy> taxonomy)
    : gazetteer_(std::move(gazetteer)), taxonomy_(std::move(taxonomy)) {
  if (gazetteer_) {
    persons_ = std::make_unique<PersonTables>();
    BuildPersonTables(*gazetteer_, persons_.get());
  }
  if (taxonomy_) {
    crimes_ = std::make_unique<CrimeTables>();
    BuildCrimeTables(*taxonomy_, crimes_.get());
  }
}

EntityDetector::~EntityDetector() = default;

common::Result<std::shared_ptr<const EntityDetector>> EntityDetector::Load(
    const std::string& persons_file, const std::string& crimes_file) {
  auto gazetteer = common::Gazetteer::Load(persons_file);
  if (!gazetteer.ok()) return gazetteer.status();
  auto taxonomy = common::Taxonomy::Load(crimes_file);
  if (!taxonomy.ok()) return taxonomy.status();
  return std::shared_ptr<const EntityDetector>(
      std::make_shared<EntityDetector>(*gazetteer, *taxonomy));
}

std::vector<common::PersonMention> EntityDetector::Persons(
    const std::vector<std::string>& paragraphs, std::string_view language) const {
  if (!persons_ || !gazetteer_) return {};
  return PersonsInWords(Tokenize(paragraphs, false), language);
}

std::vector<common::PersonMention> EntityDetector::PersonsInWords(
    const std::vector<WordToken>& words, std::string_view /*language*/) const {
  std::vector<common::PersonMention> out;
  if (!persons_ || !gazetteer_) return out;
  const Tables& tables = *persons_;
  std::vector<std::string> keys(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].capitalized) keys[i] = Key(words[i]);
  }
  const auto& persons = gazetteer_->persons();
  std::vector<int> counts(persons.size(), 0);
  std::vector<std::string> matched(persons.size());
  const auto count = [&](std::size_t p, const std::string& alias) {
    ++counts[p];
    if (matched[p].empty()) matched[p] = alias;
  };
  const auto given_near = [&](std::size_t p, std::size_t i) {
    const std::size_t from = i >= kGivenWindow ? i - kGivenWindow : 0;
    const std::size_t to = std::min(words.size(), i + kGivenWindow + 1);
    for (std::size_t j = from; j < to; ++j) {
      if (j == i || !words[j].capitalized || words[j].paragraph != words[i].paragraph) continue;
      if (words[j].initial) {
        if (tables.given[p].count("initial:" + keys[j]) > 0) return true;
        continue;
      }
      if (tables.given[p].count(GivenNameStem(words[j].text)) > 0) return true;
    }
    return false;
  };

  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!words[i].capitalized || keys[i].empty()) continue;
    // 1. A full alias starting here (longest first).
    std::size_t consumed = 0;
    if (auto it = tables.aliases.find(keys[i]); it != tables.aliases.end()) {
      for (const Tables::Alias& alias : it->second) {
        if (i + alias.keys.size() > words.size()) continue;
        bool ok = true;
        for (std::size_t k = 1; k < alias.keys.size() && ok; ++k) {
          ok = words[i + k].paragraph == words[i].paragraph && keys[i + k] == alias.keys[k];
        }
        if (!ok) continue;
        std::string surface = words[i].text;  // as written, for audit
        for (std::size_t k = 1; k < alias.keys.size(); ++k) surface += " " + words[i + k].text;
        count(alias.person, surface);
        consumed = alias.keys.size();
        break;
      }
    }
    if (consumed > 0) {
      i += consumed - 1;
      continue;
    }
    // 2. A surname, accepted with a given name near by or where it may stand alone.
    if (words[i].initial) continue;
    std::vector<SurnameHit> hits = SurnameHits(tables, words[i], keys[i]);
    if (hits.empty()) continue;
    std::vector<const SurnameHit*> with_given;
    std::vector<const SurnameHit*> alone;
    for (const SurnameHit& h : hits) {
      if (given_near(h.person, i)) {
        with_given.push_back(&h);
      } else if (h.alone_ok) {
        alone.push_back(&h);
      }
    }
    for (const SurnameHit* h : with_given.empty() ? alone : with_given) {
      count(h->person, words[i].text);
    }
  }
  for (std::size_t p = 0; p < persons.size(); ++p) {
    if (counts[p] == 0) continue;
    common::PersonMention m;
    m.id = persons[p].id;
    m.name = persons[p].canonical_name;
    m.count = counts[p];
    m.alias = matched[p];
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace vestige::indexer
