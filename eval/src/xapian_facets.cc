// ReadIndexFacets: the XP / XC terms of every document of an index (Xapian, read-only).
#include <xapian.h>

#include <filesystem>
#include <string>

#include "vestige/common/document.h"
#include "vestige/common/schema.h"
#include "vestige/eval/entities_eval.h"

namespace vestige::eval {

common::Result<std::map<std::string, PageFacets>> ReadIndexFacets(const std::string& index_dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(index_dir, ec)) {
    return common::Status::NotFound("no index at " + index_dir);
  }
  namespace schema = common::schema;
  const std::string person(schema::kPrefixPerson);
  const std::string crime(schema::kPrefixCrime);
  const std::string id(schema::kPrefixId);
  std::map<std::string, PageFacets> out;
  try {
    Xapian::Database db(index_dir);
    for (auto doc_it = db.postlist_begin(""); doc_it != db.postlist_end(""); ++doc_it) {
      const Xapian::Document doc = db.get_document(*doc_it);
      std::string url;
      PageFacets facets;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.rfind(person, 0) == 0) {
          facets.persons.insert(term.substr(person.size()));
        } else if (term.rfind(crime, 0) == 0) {
          facets.crimes.insert(term.substr(crime.size()));
        } else if (term.rfind(id, 0) == 0 && term.size() > id.size() && url.empty()) {
          url = term.substr(id.size());
        }
      }
      if (url.empty() || url[0] == '#') {  // a hashed long URL: the document data has it
        common::Result<common::IndexedDocument> decoded = common::DecodeDocument(doc.get_data());
        if (!decoded.ok()) continue;
        url = decoded->url;
      }
      out[StripPort(url)] = std::move(facets);
    }
  } catch (const Xapian::DatabaseCorruptError& e) {
    return common::Status::Corruption("index " + index_dir + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return common::Status::IOError("index " + index_dir + ": " + e.get_msg());
  }
  return out;
}

}  // namespace vestige::eval
