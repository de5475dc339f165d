// libFuzzer target for the indexer's page building (indexer/src/page_builder.h), the stage that
// reads the most untrusted bytes: the input is the block of a WARC response record (an HTTP
// response, headers and payload), taken through HTTP parsing, Content-Encoding, charset
// detection and decoding, HTML parsing, main-text extraction, publication dates, language and
// the person and crime detectors (the project's own data/ tables).
//
// Properties checked beyond "no crash, no hang, no sanitizer report":
// - a page's text is its paragraphs joined by "\n\n", and it is valid UTF-8 (Xapian and the JSON
//   document data take it as such);
// - a published date, when set, is a valid ISO date no later than the capture date plus a day;
// - every person and crime mention has a count of at least one;
// - the same input gives the same page (no state leaks between pages, e.g. from NameKey's memo).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "page_builder.h"
#include "vestige/common/date.h"
#include "vestige/indexer/charset.h"
#include "vestige/indexer/entities.h"

namespace {

using vestige::indexer::BuildPage;
using vestige::indexer::EntityDetector;
using vestige::indexer::PageOutcome;
using vestige::indexer::PageResult;

void Check(bool condition) {
  if (!condition) std::abort();
}

const EntityDetector* Detector() {
  static const std::shared_ptr<const EntityDetector> detector = [] {
    auto loaded = EntityDetector::Load(VESTIGE_SOURCE_DIR "/data/persons.tsv",
                                       VESTIGE_SOURCE_DIR "/data/crime_types.tsv");
    Check(loaded.ok());
    return std::move(loaded).value();
  }();
  return detector.get();
}

PageResult Build(std::string_view block) {
  vestige::common::WarcRecord record;
  record.set_header("WARC-Type", "response");
  record.set_header("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000000>");
  record.set_header("WARC-Date", "2024-05-01T12:00:00Z");
  record.set_header("WARC-Target-URI", "https://news.example.org/2024/04/30/article.html");
  record.set_header("Content-Type", "application/http; msgtype=response");
  record.block = std::string(block);
  return BuildPage(record, {"fuzz.warc.gz", 0, block.size()}, nullptr, Detector());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view block(reinterpret_cast<const char*>(data), size);
  const PageResult result = Build(block);
  if (result.outcome != PageOutcome::kPage) {
    Check(result.outcome == PageOutcome::kOtherType || !result.message.empty() ||
          result.outcome == PageOutcome::kRevisit);
    return 0;
  }
  const auto& page = result.page;
  std::string joined;
  for (const std::string& p : page.paragraphs) {
    if (!joined.empty()) joined += "\n\n";
    joined += p;
  }
  Check(page.doc.text == joined);
  Check(vestige::indexer::IsValidUtf8(page.doc.text));
  Check(vestige::indexer::IsValidUtf8(page.doc.title));
  if (!page.doc.published.empty()) {
    auto published = vestige::common::ParseIsoDate(page.doc.published);
    Check(published.ok());
    Check(published->ToIso() <= "2024-05-02");
  }
  for (const auto& m : page.doc.persons) Check(m.count >= 1);
  for (const auto& m : page.doc.crimes) Check(m.count >= 1);
  // Pure: the same bytes again give the same page.
  const PageResult again = Build(block);
  Check(again.outcome == result.outcome);
  Check(again.page.doc.text == page.doc.text);
  Check(again.page.doc.published == page.doc.published);
  Check(again.page.doc.language == page.doc.language);
  Check(again.page.candidates == page.candidates);
  return 0;
}
