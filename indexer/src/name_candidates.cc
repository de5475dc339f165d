// Person-like names that the gazetteer does not list: a known given name followed by a
// capitalised word that is nobody's surname. See entities.h.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "entity_tables.h"
#include "vestige/indexer/entities.h"

namespace vestige::indexer {

namespace {

// True when the second letter is a capital too ("BBC", "ОМОН").
bool IsAcronym(const std::string& word) {
  std::size_t second = 1;
  while (second < word.size() && (static_cast<unsigned char>(word[second]) & 0xC0) == 0x80)
    ++second;
  std::size_t end = second + 1;
  while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) ++end;
  if (second >= word.size()) return false;
  const std::string letter = word.substr(second, end - second);
  const std::string lower = NormalizeWord(letter);
  return lower != letter && letter != "ё" && letter != "ў";
}

// A patronymic (Викторович, Александровна, Аляксандраўна, inflected): a known given name plus
// a patronymic suffix. Such a pair is a listed person's given name and patronymic, no new name.
bool IsPatronymic(const std::string& key, const std::set<std::string>& given) {
  for (const char* suffix : {"ovich", "evich", "avich", "ovn", "evn", "aun", "ichn"}) {
    const std::size_t at = key.rfind(suffix);
    if (at == std::string::npos || at < 2) continue;
    if (key.size() - at - std::string_view(suffix).size() > 3) continue;
    if (given.count(key.substr(0, at)) > 0) return true;
  }
  return false;
}

}  // namespace

std::map<std::string, int> EntityDetector::Candidates(const std::vector<std::string>& paragraphs,
                                                      std::string_view language) const {
  if (!persons_) return {};
  return CandidatesInWords(Tokenize(paragraphs, false), language);
}

std::map<std::string, int> EntityDetector::CandidatesInWords(const std::vector<WordToken>& words,
                                                             std::string_view /*language*/) const {
  std::map<std::string, int> out;
  if (!persons_) return out;
  const PersonTables& tables = *persons_;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const WordToken& given = words[i];
    const WordToken& surname = words[i + 1];
    if (!given.capitalized || given.initial || !surname.capitalized || surname.initial) continue;
    if (surname.paragraph != given.paragraph) continue;
    const std::string given_stem = GivenNameStem(given.text);
    if (given_stem.size() < 3 || tables.all_given.count(given_stem) == 0) continue;
    // An all-capital word is an acronym, not a surname; a given name is not a surname.
    if (surname.text.size() < 3 || IsAcronym(surname.text)) continue;
    if (tables.all_given.count(GivenNameStem(surname.text)) > 0) continue;
    if (KnownSurname(tables, surname)) {
      ++i;  // a gazetteer name, detected as a person
      continue;
    }
    if (IsPatronymic(common::NameKey(surname.text), tables.all_given)) continue;
    const std::string key = common::NameKey(given.text + " " + surname.text);
    if (key.find(' ') == std::string::npos) continue;
    ++out[key];
    ++i;
  }
  return out;
}

}  // namespace vestige::indexer
