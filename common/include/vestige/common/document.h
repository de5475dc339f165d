// The document model: what the indexer stores for each page and the query side reads back.
//
// Stored as the Xapian document data, encoded as one JSON object (see EncodeDocument). Plain data
// with public fields; no library types. Thread safety: plain values.
#ifndef VESTIGE_COMMON_DOCUMENT_H_
#define VESTIGE_COMMON_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::common {

// Where the evidence is: the WARC record a document was built from.
struct WarcPointer {
  std::string file;            // WARC file name, relative to the collection's warc/ folder
  std::uint64_t offset = 0;    // byte offset of the record (its gzip member) in the file
  std::uint64_t length = 0;    // bytes of the record on disk (compressed length if gzipped)
  std::string record_id;       // WARC-Record-ID, e.g. "<urn:uuid:...>"
  std::string payload_digest;  // WARC-Payload-Digest, e.g. "sha256:..."
};

struct PersonMention {
  std::string id;     // gazetteer id, e.g. "lukashenka_aliaksandr"
  std::string name;   // canonical name
  int count = 0;      // mentions in the main text
  std::string alias;  // first alias that matched, kept for audit
};

struct CrimeMention {
  std::string id;  // taxonomy id, e.g. "hr_torture"
  std::string label;
  int count = 0;  // trigger matches in the main text
};

struct IndexedDocument {
  std::string url;  // canonical URL (the Q term)
  std::string title;
  std::string language;             // ISO 639-1, "und" when unknown
  std::string content_type;         // MIME type without parameters
  std::string captured;             // capture time, "YYYY-MM-DDThh:mm:ssZ" (WARC-Date)
  std::string published;            // "YYYY-MM-DD", empty when unknown
  std::string published_source;     // how it was found: "json-ld", "meta", "time", "url", "text"
  double published_confidence = 0;  // 0..1
  std::string text;                 // main text, paragraphs separated by "\n\n"
  WarcPointer warc;
  std::vector<PersonMention> persons;
  std::vector<CrimeMention> crimes;
};

// JSON encoding, stable across versions of the same schema.
std::string EncodeDocument(const IndexedDocument& doc);
// Corruption when `data` is not a document this schema wrote.
Result<IndexedDocument> DecodeDocument(std::string_view data);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_DOCUMENT_H_
