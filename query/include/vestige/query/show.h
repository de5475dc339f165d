// `vestige-query show URL|ID`: one stored document with its full extracted text and all its
// metadata.
//
// Thread safety: pure function of its arguments.
#ifndef VESTIGE_QUERY_SHOW_H_
#define VESTIGE_QUERY_SHOW_H_

#include <string>

#include "vestige/query/format.h"
#include "vestige/query/searcher.h"

namespace vestige::query {

// kText: "field: value" lines (url, title, language, content type, captured, published with its
// source and confidence, persons, crimes, warc location, docid), a blank line, then the full text.
// kJson and kJsonl: one JSON object on one line with every IndexedDocument field (text included)
// and "docid". kCsv: a header row and one row with the same columns as FormatCsv plus "text".
// Control characters are replaced in kText, as in FormatText. Ends with a newline.
std::string FormatDocument(const Hit& hit, OutputFormat format);

}  // namespace vestige::query

#endif  // VESTIGE_QUERY_SHOW_H_
