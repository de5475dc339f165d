#include "test_index.h"

#include <xapian.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/schema.h"
#include "vestige/common/warc.h"

namespace vestige::test {
namespace {

namespace schema = common::schema;

std::vector<common::IndexedDocument> BaseDocuments();

common::IndexedDocument Doc(const char* url, const char* language, const char* title,
                            const char* text, const char* captured, const char* published,
                            const char* warc_file, std::uint64_t offset) {
  common::IndexedDocument doc;
  doc.url = url;
  doc.language = language;
  doc.title = title;
  doc.text = text;
  doc.content_type = "text/html";
  doc.captured = captured;
  doc.published = published;
  doc.published_source = *published ? "meta" : "";
  doc.published_confidence = *published ? 0.9 : 0;
  doc.warc.file = warc_file;
  doc.warc.offset = offset;
  doc.warc.length = 1000 + offset % 997;
  doc.warc.record_id =
      "<urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000000000 + offset) + ">";
  doc.warc.payload_digest = "sha256:" + std::string(64, 'a' + static_cast<char>(offset % 26));
  return doc;
}

std::string HostOf(std::string_view url) {
  const std::size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  return std::string(rest.substr(0, rest.find('/')));
}

// "2024-03-01T10:00:00Z" -> "20240301" (count 8) or "20240301100000" (count 14).
std::string Digits(std::string_view date, std::size_t count) {
  std::string out;
  for (char c : date) {
    if (c >= '0' && c <= '9' && out.size() < count) out.push_back(c);
  }
  return out;
}

Xapian::Stem StemmerFor(const std::string& language) {
  if (language == "en") return Xapian::Stem("english");
  if (language == "ru") return Xapian::Stem("russian");
  return Xapian::Stem();  // Belarusian and others: no stemmer
}

Xapian::Document ToXapian(const common::IndexedDocument& doc) {
  Xapian::Document xdoc;
  Xapian::TermGenerator generator;
  generator.set_stemmer(StemmerFor(doc.language));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_document(xdoc);
  generator.index_text(doc.title, 1, std::string(schema::kPrefixTitle));
  generator.index_text(doc.title);
  generator.increase_termpos();
  generator.index_text(doc.text);
  const std::string host = HostOf(doc.url);
  xdoc.add_boolean_term(schema::IdTerm(doc.url));
  xdoc.add_boolean_term(std::string(schema::kPrefixHost) + host);
  xdoc.add_boolean_term(std::string(schema::kPrefixLanguage) + doc.language);
  xdoc.add_boolean_term(std::string(schema::kPrefixContentType) + doc.content_type);
  if (!doc.published.empty()) xdoc.add_value(schema::kSlotPublished, Digits(doc.published, 8));
  xdoc.add_value(schema::kSlotCaptured, Digits(doc.captured, 8));
  xdoc.add_value(schema::kSlotCapturedTime, Digits(doc.captured, 14));
  xdoc.add_value(schema::kSlotLanguage, doc.language);
  xdoc.add_value(schema::kSlotHost, host);
  xdoc.add_value(schema::kSlotTextDigest, common::Sha256Digest(doc.text));
  std::string persons;
  for (const common::PersonMention& p : doc.persons) {
    xdoc.add_term(std::string(schema::kPrefixPerson) + p.id,
                  static_cast<Xapian::termcount>(p.count));
    persons += (persons.empty() ? "" : "\n") + p.id;
  }
  if (!persons.empty()) xdoc.add_value(schema::kSlotPersons, persons);
  std::string crimes;
  for (const common::CrimeMention& c : doc.crimes) {
    xdoc.add_term(std::string(schema::kPrefixCrime) + c.id,
                  static_cast<Xapian::termcount>(c.count));
    crimes += (crimes.empty() ? "" : "\n") + c.id;
  }
  if (!crimes.empty()) xdoc.add_value(schema::kSlotCrimes, crimes);
  // Slot 8, as the indexer writes it: persons, crimes, host, language, published YYYYMM.
  const std::string month = doc.published.empty() ? "" : Digits(doc.published, 6);
  std::string facets = persons;
  for (const std::string& field : {crimes, host, doc.language, month}) {
    facets += schema::kFacetSeparator;
    facets += field;
  }
  xdoc.add_value(schema::kSlotFacets, facets);
  // Slots 9 and 10: published date (undated last either way), then the capture time.
  const std::string day = Digits(doc.published, 8);
  const std::string time = Digits(doc.captured, 14);
  xdoc.add_value(schema::kSlotSortNewest, (day.empty() ? "00000000" : day) + time);
  xdoc.add_value(schema::kSlotSortOldest, (day.empty() ? "99999999" : day) + time);
  xdoc.set_data(common::EncodeDocument(doc));
  return xdoc;
}

}  // namespace

void AddPerson(common::IndexedDocument* doc, const char* id, const char* name) {
  doc->persons.push_back({id, name, 2, name});
}

void AddCrime(common::IndexedDocument* doc, const char* id, const char* label) {
  doc->crimes.push_back({id, label, 1});
}

std::vector<common::IndexedDocument> SampleDocuments() {
  std::vector<common::IndexedDocument> docs = BaseDocuments();
  // Entities (see test_index.h for the table the tests rely on).
  AddPerson(&docs[0], kLoika, "Nasta Loika");
  AddCrime(&docs[0], kTorture, "Torture");
  AddCrime(&docs[0], kImprisonment, "Imprisonment");
  AddCrime(&docs[1], kDeportation, "Deportation");
  AddPerson(&docs[1], kLukashenka, "Aliaksandr Lukashenka");
  AddPerson(&docs[2], kLukashenka, "Aliaksandr Lukashenka");
  AddCrime(&docs[2], kImprisonment, "Imprisonment");
  AddCrime(&docs[3], kTorture, "Torture");
  AddPerson(&docs[4], kLoika, "Nasta Loika");
  AddPerson(&docs[4], kLukashenka, "Aliaksandr Lukashenka");
  AddCrime(&docs[4], kTorture, "Torture");
  AddPerson(&docs[6], kBialiatski, "Ales Bialiatski");
  AddPerson(&docs[6], kLoika, "Nasta Loika");
  AddCrime(&docs[6], kTorture, "Torture");
  AddCrime(&docs[7], kDeportation, "Deportation");
  return docs;
}

namespace {

std::vector<common::IndexedDocument> BaseDocuments() {
  return {
      Doc(kOkrestinaEn, "en", "Torture in Okrestina detention centre",
          "Former political prisoners describe torture and beatings in the Okrestina detention "
          "centre in Minsk. Guards beat detainees after the August 2020 protests.\n\nWitnesses "
          "said the cells were overcrowded & cold.",
          "2024-03-01T10:00:00Z", "2024-02-28", "crawl-00000.warc.gz", 0),
      Doc(kDeportationEn, "en", "Deportation of Ukrainian children",
          "The ICC issued warrants over the unlawful deportation of children from occupied "
          "territories. Some children were taken to camps in Belarus.",
          "2024-03-02T11:00:00Z", "", "crawl-00000.warc.gz", 2048),
      Doc(kElectionsEn, "en", "Elections without choice",
          "Observers reported that the election was neither free nor fair. Political prisoners "
          "remained behind bars while the campaign went on.",
          "2024-03-03T12:00:00Z", "2024-03-01", "crawl-00000.warc.gz", 4096),
      Doc(kProsecutorEn, "en", "Prosecutor statement on crimes against humanity",
          "The prosecutor said torture and persecution of political opponents may amount to "
          "crimes against humanity under the Rome Statute.",
          "2024-03-04T13:00:00Z", "2024-03-04", "crawl-00001.warc.gz", 0),
      Doc(kTortureRu, "ru", "Пытки в изоляторе на Окрестина",
          "Бывшие политзаключённые рассказали о пытках и избиениях в изоляторе. Задержанных били "
          "после протестов.",
          "2024-03-05T14:00:00Z", "2024-03-05", "crawl-00001.warc.gz", 3000),
      Doc(kTrialRu, "ru", "Суд над журналистами",
          "Суд приговорил журналистов к длительным срокам. Правозащитники признали их "
          "политзаключёнными.",
          "2024-03-06T15:00:00Z", "", "crawl-00001.warc.gz", 6000),
      Doc(kPrisonersBe, "be", "Палітвязні ў Беларусі",
          "Палітвязні распавялі пра катаванні і збіванні ў Акрэсціна. Суд вынес прысуды "
          "журналістам.",
          "2024-03-07T16:00:00Z", "2024-03-06", "crawl-00002.warc.gz", 0),
      Doc(kDeportationBe, "be", "Дэпартацыя дзяцей", "Дзяцей з Украіны вывозілі ў лагеры.",
          "2024-03-08T17:00:00Z", "", "crawl-00002.warc.gz", 5000),
  };
}

}  // namespace

void BuildIndex(const std::filesystem::path& path, const std::vector<common::IndexedDocument>& docs,
                const IndexSpec& spec) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (const common::IndexedDocument& doc : docs) {
    db.replace_document(schema::IdTerm(doc.url), ToXapian(doc));
  }
  for (const std::string& raw : spec.raw_data_documents) {
    Xapian::Document xdoc;
    Xapian::TermGenerator generator;
    generator.set_document(xdoc);
    generator.index_text("torture corrupted record");
    xdoc.set_data(raw);
    db.add_document(xdoc);
  }
  if (spec.schema_version) {
    db.set_metadata(std::string(schema::kSchemaVersionKey), *spec.schema_version);
  }
  db.commit();
  db.close();
}

}  // namespace vestige::test
