// Person and crime-type detection in the main text of a page, and names not in the gazetteer.
//
// Pure functions of (main text paragraphs, page language) once the tables are built: no I/O, no
// clock. The rules are those of ../shared/domain/README.md and transliteration.md §3:
//  - persons: a full alias (any script, by common::NameKey, token by token); or a surname (an
//    alias's last word or a surname_only form, by key; or, in Cyrillic, a cyr_stem followed by an
//    inflectional ending of at most 3 letters) that is accepted when a given name or initial of
//    that person is within ±3 words, or when the gazetteer lets the surname stand alone. Gender
//    endings of -ск- surnames must agree (Ціханоўскай is not Ціханоўскі). Each mention counts once.
//  - crime types: trigger phrases on word boundaries, a trailing '*' making a word a prefix
//    stem; text and triggers are lower-cased and normalized (ё -> е, word-initial ў -> у, ь
//    before a consonant dropped), so пытк* does not match попытка.
//  - candidates: a known given name followed by a capitalised word that names nobody in the
//    gazetteer, as the NameKey of the two words.
// Thread safety: an EntityDetector is immutable after construction and may be shared.
#ifndef VESTIGE_INDEXER_ENTITIES_H_
#define VESTIGE_INDEXER_ENTITIES_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/gazetteer.h"
#include "vestige/common/status.h"

namespace vestige::indexer {

// One word of text, as the detectors see it.
struct WordToken {
  std::string text;           // as written (UTF-8); a hyphenated name is one word
  std::string lower;          // lower-cased and normalized (see above)
  std::size_t paragraph = 0;  // index of its paragraph
  bool capitalized = false;   // starts with an upper-case letter
  bool initial = false;       // one letter followed by '.', as in "А.Г."
};

// Words of the paragraphs. With `split_hyphens`, "ill-treatment" gives two words (triggers);
// without, one (names such as Lvova-Belova).
std::vector<WordToken> Tokenize(const std::vector<std::string>& paragraphs, bool split_hyphens);

// Lower case (ASCII, Latin-1, Latin Extended-A, Cyrillic) and the normalizations above.
std::string NormalizeWord(std::string_view word);

class EntityDetector {
 public:
  // Either table may be null: that facet is then never detected.
  EntityDetector(std::shared_ptr<const common::Gazetteer> gazetteer,
                 std::shared_ptr<const common::Taxonomy> taxonomy);
  ~EntityDetector();
  EntityDetector(const EntityDetector&) = delete;
  EntityDetector& operator=(const EntityDetector&) = delete;

  // Loads both files; the error names the file and line of a malformed line.
  static common::Result<std::shared_ptr<const EntityDetector>> Load(const std::string& persons_file,
                                                                    const std::string& crimes_file);

  // Persons of the gazetteer mentioned in the text, in gazetteer order, with counts and the
  // first matching name as written in the text (full alias or surname), for audit. `language`
  // is ISO 639-1 or "und".
  std::vector<common::PersonMention> Persons(const std::vector<std::string>& paragraphs,
                                             std::string_view language) const;
  // Crime types whose triggers occur, in taxonomy order, with counts.
  std::vector<common::CrimeMention> Crimes(const std::vector<std::string>& paragraphs,
                                           std::string_view language) const;
  // NameKeys of person-like names not in the gazetteer -> occurrences.
  std::map<std::string, int> Candidates(const std::vector<std::string>& paragraphs,
                                        std::string_view language) const;
  // The same two over words already split by Tokenize(paragraphs, false), so that a page is
  // tokenized once for both.
  std::vector<common::PersonMention> PersonsInWords(const std::vector<WordToken>& words,
                                                    std::string_view language) const;
  std::map<std::string, int> CandidatesInWords(const std::vector<WordToken>& words,
                                               std::string_view language) const;

  struct PersonTables;  // internal
  struct CrimeTables;   // internal

 private:
  std::shared_ptr<const common::Gazetteer> gazetteer_;
  std::shared_ptr<const common::Taxonomy> taxonomy_;
  std::unique_ptr<PersonTables> persons_;
  std::unique_ptr<CrimeTables> crimes_;
};

// A name not in the gazetteer, as stored in an index (XN terms).
struct CandidateCount {
  std::string name;               // NameKey of "Given Surname"
  std::uint64_t documents = 0;    // documents that mention it
  std::uint64_t occurrences = 0;  // mentions over all documents
};
// The candidate names of <collection_dir>/index, most documents first (read-only).
// NotFound when there is no index; IOError/Corruption when Xapian cannot read it.
common::Result<std::vector<CandidateCount>> ListCandidates(const std::string& collection_dir);

// Helpers shared by the detectors (internal, exposed for tests).
// The given-name stem: key of the word with case endings and final vowels removed.
std::string GivenNameStem(std::string_view word);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_ENTITIES_H_
