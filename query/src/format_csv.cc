// FormatCsv: one row per hit, RFC 4180, for spreadsheets.
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

constexpr const char* kColumns[] = {
    "rank",      "url",         "title",        "published",      "published_source", "captured",
    "language",  "person_ids",  "person_names", "crime_ids",      "crime_labels",     "snippet",
    "warc_file", "warc_offset", "warc_length",  "warc_record_id", "payload_digest"};

// RFC 4180: quote a field holding a comma, quote, CR or LF, doubling quotes. A field starting
// with = + - @ is prefixed with a quote so spreadsheets do not run it as a formula (page text is
// untrusted).
void AppendField(std::string_view field, std::string* out) {
  const bool formula = !field.empty() && (field.front() == '=' || field.front() == '+' ||
                                          field.front() == '-' || field.front() == '@');
  const bool quote = formula || field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  if (formula) out->push_back('\'');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendRow(const std::vector<std::string>& fields, std::string* out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendField(fields[i], out);
  }
  out->append("\r\n");
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += "; ";
    out += item;
  }
  return out;
}

}  // namespace

std::string FormatCsv(const SearchResults& results) {
  std::string out;
  AppendRow(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)), &out);
  for (const Hit& hit : results.hits) {
    const common::IndexedDocument& doc = hit.document;
    std::vector<std::string> person_ids;
    std::vector<std::string> person_names;
    for (const common::PersonMention& p : doc.persons) {
      person_ids.push_back(p.id);
      person_names.push_back(p.name);
    }
    std::vector<std::string> crime_ids;
    std::vector<std::string> crime_labels;
    for (const common::CrimeMention& c : doc.crimes) {
      crime_ids.push_back(c.id);
      crime_labels.push_back(c.label);
    }
    AppendRow({std::to_string(hit.rank), doc.url, doc.title, doc.published, doc.published_source,
               doc.captured, doc.language, JoinList(person_ids), JoinList(person_names),
               JoinList(crime_ids), JoinList(crime_labels), hit.snippet.text, doc.warc.file,
               std::to_string(doc.warc.offset), std::to_string(doc.warc.length), doc.warc.record_id,
               doc.warc.payload_digest},
              &out);
  }
  return out;
}

}  // namespace vestige::query
