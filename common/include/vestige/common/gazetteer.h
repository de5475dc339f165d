// The person gazetteer and the crime-type taxonomy, loaded from the project's TSV files
// (data/persons.tsv, data/crime_types.tsv), and the name folding key that makes one person of
// Лукашэнка, Лукашенко, Lukashenka, Lukashenko and Łukaszenka.
//
// Shared by the indexer (detection) and the query side (resolving --person and --crime), so both
// fold names the same way. Thread safety: loaded objects are immutable and may be shared; NameKey
// is reentrant.
#ifndef VESTIGE_COMMON_GAZETTEER_H_
#define VESTIGE_COMMON_GAZETTEER_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::common {

// A script-independent key for a name or a word: transliterated to Latin, lower case, accents
// and the variant spellings of transliteration.md folded ("Лукашэнка", "Lukashenko",
// "Łukaszenka" give one key). Multi-word input keeps single spaces between words.
std::string NameKey(std::string_view name);

struct Person {
  std::string id;                    // e.g. "lukashenka_aliaksandr"
  std::string canonical_name;        // e.g. "Aliaksandr Lukashenka"
  std::string role;                  // official / defender / prisoner / politician / other
  std::vector<std::string> aliases;  // confident spellings, any script
  std::vector<std::string> aliases_unverified;  // plausible, lower weight
  std::vector<std::string> surname_only;        // surname forms that may match alone
  std::vector<std::string> cyr_stems;           // word-initial prefixes for inflected Cyrillic
  std::string confidence;                       // H / M / L
};

struct CrimeType {
  std::string id;        // e.g. "hr_torture"
  std::string label;     // e.g. "Torture"
  std::string category;  // rome_art7_cah / rome_art8_war_crime / rome_art6_genocide / hr_violation
  std::string legal_basis;  // e.g. "Rome Statute art. 7(1)(f)"
  // Trigger phrases per language ("en", "ru", "be"); a trailing '*' on a token marks a stem.
  std::map<std::string, std::vector<std::string>> triggers;
};

class Gazetteer {
 public:
  // Parses a persons TSV. InvalidArgument naming the file and line for a malformed line
  // (wrong column count, empty id, duplicate id).
  static Result<std::shared_ptr<const Gazetteer>> Load(const std::string& path);
  static Result<std::shared_ptr<const Gazetteer>> Parse(std::string_view tsv,
                                                        const std::string& file_name);

  const std::vector<Person>& persons() const { return persons_; }
  // nullptr when unknown.
  const Person* FindById(std::string_view id) const;
  // The persons an id, canonical name or alias (any script, any listed spelling) names, by
  // NameKey; usually one, several for an ambiguous surname. Empty when none.
  std::vector<const Person*> Resolve(std::string_view name_or_id) const;

 private:
  std::vector<Person> persons_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_key_;  // NameKey -> persons
};

class Taxonomy {
 public:
  // Parses a crime types TSV; InvalidArgument naming the file and line when malformed.
  static Result<std::shared_ptr<const Taxonomy>> Load(const std::string& path);
  static Result<std::shared_ptr<const Taxonomy>> Parse(std::string_view tsv,
                                                       const std::string& file_name);

  const std::vector<CrimeType>& types() const { return types_; }
  // By id or label, case-insensitive; nullptr when unknown.
  const CrimeType* Resolve(std::string_view id_or_label) const;

 private:
  std::vector<CrimeType> types_;
};

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_GAZETTEER_H_
