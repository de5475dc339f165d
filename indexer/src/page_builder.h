// From one WARC record to the page the index stores: HTTP parsing, decoding, HTML parsing, text,
// language, canonical URL and capture time. Pure: no I/O, no clock.
// Thread safety: pure function.
#ifndef VESTIGE_INDEXER_PAGE_BUILDER_H_
#define VESTIGE_INDEXER_PAGE_BUILDER_H_

#include <map>
#include <string>
#include <vector>

#include "vestige/common/document.h"
#include "vestige/common/warc.h"
#include "vestige/indexer/entities.h"
#include "vestige/indexer/indexer.h"

namespace vestige::indexer {

// What became of a record.
enum class PageOutcome {
  kPage,       // an HTML page to index
  kOtherType,  // not a response or resource record, or a response that is not HTTP (dns:)
  kRevisit,    // a revisit record
  kStatus,     // HTTP status other than 200
  kMime,       // not HTML
  kEncoding,   // a Content-Encoding we do not support
  kBad,        // unusable: unparsable HTTP, undecodable body, bad URL or date
};

struct Page {
  common::IndexedDocument doc;          // complete; doc.text is the paragraphs joined by "\n\n"
  std::vector<std::string> paragraphs;  // the text to index
  std::string host;                     // lower-case host of doc.url
  std::string captured_day;             // "YYYYMMDD"
  std::string captured_time;            // "YYYYMMDDhhmmss"
  std::string text_digest;              // hex SHA-256 of doc.text
  // Names not in the gazetteer (NameKey) -> occurrences in the main text.
  std::map<std::string, int> candidates;
};

struct PageResult {
  PageOutcome outcome = PageOutcome::kBad;
  std::string message;  // the reason, for kBad, kStatus, kMime and kEncoding
  Page page;            // filled for kPage
};

// `where` says where the record was read (file name, offset, length), for the WARC pointer.
// When `times` is not null, the time of the decode, parse, extract and detect stages of a record
// that becomes a page is added to it. When `entities` is not null, doc.persons, doc.crimes and
// candidates are detected in the main text.
PageResult BuildPage(const common::WarcRecord& record, const common::WarcLocation& where,
                     StageSeconds* times = nullptr, const EntityDetector* entities = nullptr);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_PAGE_BUILDER_H_
