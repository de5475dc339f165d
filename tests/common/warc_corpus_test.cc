// Reads the real WARC files of ../shared/corpora/warc (other tools' output, some deliberately
// broken; see its SOURCE.txt). Skipped, with a message, when that folder is absent. The files
// are never copied into the repository.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "test_paths.h"
#include "vestige/common/http.h"
#include "vestige/common/warc.h"

namespace vestige::common {
namespace {

namespace fs = std::filesystem;

struct FileReport {
  int records = 0;
  int errors = 0;
  int digests_checked = 0;
  int digests_failed = 0;
  int http_parsed = 0;
  int http_failed = 0;
  int payload_digests_checked = 0;
  int payload_digests_dechunked = 0;  // matched the payload with chunking removed
  int payload_digests_raw = 0;        // matched only the body as sent (still chunked)
  int reread_failed = 0;              // ReadWarcRecordAt(offset) gave another record or an error
  std::string first_error;
};

FileReport ReadCorpusFile(const fs::path& path) {
  FileReport report;
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::Open(path.string());
  REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
  std::map<std::uint64_t, std::vector<std::string>> ids_at;  // offset -> record ids
  for (int guard = 0; guard < 100000; ++guard) {
    Result<std::optional<WarcRecordAt>> next = (*reader)->Next();
    if (!next.ok()) {
      ++report.errors;
      if (report.first_error.empty()) report.first_error = next.status().ToString();
      CHECK(next.status().code() == Status::Code::kCorruption);
      continue;
    }
    if (!next->has_value()) {
      // A record alone at its offset reads back from that offset alone.
      for (const auto& [offset, ids] : ids_at) {
        if (ids.size() != 1) continue;
        Result<WarcRecordAt> again = ReadWarcRecordAt(path.string(), offset);
        if (!again.ok() || again->record.record_id() != ids[0]) ++report.reread_failed;
      }
      return report;
    }
    const WarcRecord& record = (*next)->record;
    ids_at[(*next)->offset].emplace_back(record.record_id());
    ++report.records;
    if (std::optional<std::string_view> digest = record.header("WARC-Block-Digest")) {
      Result<bool> ok = DigestMatches(*digest, record.block);
      if (ok.ok()) {
        ++report.digests_checked;
        if (!*ok) ++report.digests_failed;
      }
    }
    const WarcType type = record.type();
    if ((type == WarcType::kResponse || type == WarcType::kRevisit) &&
        record.block.substr(0, 5) == "HTTP/") {
      Result<HttpResponse> http = ParseHttpResponse(record.block);
      if (!http.ok()) ++report.http_failed;
      if (http.ok()) {
        ++report.http_parsed;
        const std::optional<std::string_view> digest = record.header("WARC-Payload-Digest");
        if (type == WarcType::kResponse && digest && !http->truncated) {
          Result<bool> ok = DigestMatches(*digest, http->payload);
          if (ok.ok()) {
            ++report.payload_digests_checked;
            if (*ok) {
              ++report.payload_digests_dechunked;
            } else if (*DigestMatches(*digest,
                                      std::string_view(record.block).substr(http->header_bytes))) {
              ++report.payload_digests_raw;
            }
          }
        }
        if (std::optional<std::string_view> ce = FindHeader(http->headers, "Content-Encoding")) {
          // Must not crash; unsupported codings (br) and bad bytes are fine as errors.
          (void)DecodeContentEncoding(http->payload, *ce).ok();
        }
      }
    }
  }
  FAIL("reader did not reach the end of " << path);
  return report;
}

bool IsWarcName(const std::string& name) {
  auto ends_with = [&](std::string_view s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  // *.warc, *.warc.gz, and the WAT/WET derivatives (*.warc.wat.gz), which are WARC files too.
  return ends_with(".warc") || ends_with(".warc.gz") || ends_with(".warc.wat.gz") ||
         ends_with(".warc.wet.gz");
}

TEST_CASE("WARC corpus: every shared WARC file reads without crashing") {
  const fs::path shared = test::SharedDir();
  const fs::path corpus = shared.empty() ? fs::path() : shared / "corpora" / "warc";
  std::error_code ec;
  if (corpus.empty() || !fs::is_directory(corpus, ec)) {
    MESSAGE("skipped: no ../shared/corpora/warc beside the checkout");
    CHECK(true);
    return;
  }
  std::map<std::string, FileReport> reports;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || !IsWarcName(entry.path().filename().string())) continue;
    const std::string rel = fs::relative(entry.path(), corpus).string();
    CAPTURE(rel);
    reports[rel] = ReadCorpusFile(entry.path());
  }
  CHECK(reports.size() >= 20);
  for (const auto& entry : reports) {
    // Plain references: clang 14 cannot capture structured bindings in INFO's lambda.
    const std::string& name = entry.first;
    const FileReport& r = entry.second;
    INFO(name << ": " << r.records << " records, " << r.errors << " errors, block digests "
              << r.digests_checked - r.digests_failed << "/" << r.digests_checked << " ok, http "
              << r.http_parsed << " parsed " << r.http_failed << " failed, payload digests "
              << r.payload_digests_dechunked << "+" << r.payload_digests_raw << "/"
              << r.payload_digests_checked << " ok (de-chunked+raw) " << r.first_error);
    CHECK(r.records > 0);
    CHECK(r.http_failed == 0);
    CHECK(r.reread_failed == 0);
    // SOURCE.txt: example-trunc.warc is truncated (its third record's block runs short).
    CHECK((name == "warcio/example-trunc.warc" ? r.errors >= 1 : r.errors == 0));
    // The file itself carries a wrong WARC-Block-Digest on its second record.
    CHECK(r.digests_failed == (name == "warcio/example-bad-non-chunked.warc.gz" ? 1 : 0));
    // Tools disagree on WARC-Payload-Digest over chunked bodies: wget and JWAT hash the bytes
    // as sent, others the de-chunked payload; either counts. ClueWeb09 stores its block digest
    // there, which matches neither.
    if (name != "resiliparse/clueweb09-quirk.warc.gz") {
      CHECK(r.payload_digests_dechunked + r.payload_digests_raw == r.payload_digests_checked);
    }
  }
}

}  // namespace
}  // namespace vestige::common
