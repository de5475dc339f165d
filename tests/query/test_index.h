// Builds small Xapian indexes for the query tests, written the way vestige-index writes them
// (schema.h, document.h): title words with prefix S and unprefixed, the text after a gap,
// English/Russian stemmed with STEM_SOME, others unstemmed, Q/H/L/T terms, date and host values,
// data = EncodeDocument, and the schema version in the metadata.
#ifndef VESTIGE_TESTS_QUERY_TEST_INDEX_H_
#define VESTIGE_TESTS_QUERY_TEST_INDEX_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/schema.h"

namespace vestige::test {

// Eight documents: four English (example.org, news.example.com), two Russian (ru.example.net),
// two Belarusian (spring96.example). Their URLs are the constants below.
std::vector<common::IndexedDocument> SampleDocuments();

inline constexpr const char* kOkrestinaEn = "https://example.org/reports/okrestina";
inline constexpr const char* kDeportationEn = "https://example.org/reports/deportation";
inline constexpr const char* kElectionsEn = "https://news.example.com/2024/elections";
inline constexpr const char* kProsecutorEn = "https://news.example.com/2024/icc-statement";
inline constexpr const char* kTortureRu = "https://ru.example.net/news/pytki";
inline constexpr const char* kTrialRu = "https://ru.example.net/news/sud";
inline constexpr const char* kPrisonersBe = "https://spring96.example/be/news/1";
inline constexpr const char* kDeportationBe = "https://spring96.example/be/news/2";

// Entities and dates of the sample documents (published "" = unknown):
//   kOkrestinaEn    2024-02-28  persons loika                  crimes torture, imprisonment
//   kDeportationEn  ""          persons lukashenka              crimes deportation
//   kElectionsEn    2024-03-01  persons lukashenka              crimes imprisonment
//   kProsecutorEn   2024-03-04  -                               crimes torture
//   kTortureRu      2024-03-05  persons loika, lukashenka       crimes torture
//   kTrialRu        ""          -                               -
//   kPrisonersBe    2024-03-06  persons bialiatski, loika       crimes torture
//   kDeportationBe  ""          -                               crimes deportation
// Captured 2024-03-01 .. 2024-03-08 in this order (one a day).
inline constexpr const char* kLoika = "loika_nasta";
inline constexpr const char* kLukashenka = "lukashenka_aliaksandr";
inline constexpr const char* kBialiatski = "bialiatski_ales";
inline constexpr const char* kTorture = "cah_torture";
inline constexpr const char* kImprisonment = "cah_imprisonment";
inline constexpr const char* kDeportation = "cah_deportation";

struct IndexSpec {
  // Written under kSchemaVersionKey; nullopt writes no version at all.
  std::optional<std::string> schema_version = std::to_string(common::schema::kSchemaVersion);
  // Extra documents whose data is this raw string (not EncodeDocument), to test corruption.
  std::vector<std::string> raw_data_documents;
};

// Creates a database at `path` holding `docs`, and commits.
void BuildIndex(const std::filesystem::path& path, const std::vector<common::IndexedDocument>& docs,
                const IndexSpec& spec = {});

}  // namespace vestige::test

#endif  // VESTIGE_TESTS_QUERY_TEST_INDEX_H_
