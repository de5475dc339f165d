// Internal tables of EntityDetector, built once from the gazetteer and the taxonomy.
#ifndef VESTIGE_INDEXER_SRC_ENTITY_TABLES_H_
#define VESTIGE_INDEXER_SRC_ENTITY_TABLES_H_

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vestige/indexer/entities.h"

namespace vestige::indexer {

struct EntityDetector::PersonTables {
  struct Alias {
    std::size_t person = 0;
    std::vector<std::string> keys;  // NameKey of each word
    std::string text;               // as listed
  };
  struct Surname {
    std::size_t person = 0;
    bool alone_ok = false;  // listed in surname_only_ok
    std::string text;       // as listed
  };
  struct Stem {
    std::size_t person = 0;
    std::string lower;      // NormalizeWord of the stem
    bool alone_ok = false;  // a surname_only_ok form starts with it
    std::string text;
  };
  enum class Gender { kUnknown, kFeminine, kMasculine };

  std::map<std::string, std::vector<Alias>> aliases;     // key of the first word -> aliases
  std::map<std::string, std::vector<Surname>> surnames;  // NameKey -> surname forms
  std::vector<Stem> stems;
  std::vector<std::set<std::string>> given;  // per person: given-name stems and initials
  std::vector<Gender> gender;                // per person, for -sk- surnames
  std::set<std::string> all_given;           // every given-name stem (candidates)
};

struct EntityDetector::CrimeTables {
  struct Word {
    std::string text;  // normalized
    bool prefix = false;
  };
  struct Trigger {
    std::size_t type = 0;
    std::vector<Word> words;
    std::set<std::string> languages;  // the taxonomy columns that list it ("en", "ru", "be")
  };
  std::vector<Trigger> triggers;
  // Hashed with a transparent hash so that lookups take a string_view (no copy per candidate
  // prefix); every word of every page is looked up, up to max_prefix_bytes times.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::vector<std::size_t>, Hash, std::equal_to<>>;
  Index by_exact;                    // first word -> triggers
  Index by_prefix;                   // first word's stem -> triggers
  std::size_t min_prefix_bytes = 0;  // shortest and longest key of by_prefix
  std::size_t max_prefix_bytes = 0;
};

// Builders (person_detect.cc, crime_detect.cc).
void BuildPersonTables(const common::Gazetteer& gazetteer, EntityDetector::PersonTables* out);
void BuildCrimeTables(const common::Taxonomy& taxonomy, EntityDetector::CrimeTables* out);
// True when the word may be a gazetteer surname (by key or Cyrillic stem).
bool KnownSurname(const EntityDetector::PersonTables& tables, const WordToken& token);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_SRC_ENTITY_TABLES_H_
