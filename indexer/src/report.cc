// What a run tells a person: the stderr reporter and the closing summary. See indexer.h.
#include <cstdint>
#include <cstdio>
#include <string>

#include "vestige/indexer/indexer.h"

namespace vestige::indexer {

void StderrReporter::BadRecord(const std::string& file, std::uint64_t offset,
                               const std::string& message) {
  std::fprintf(stderr, "vestige-index: %s@%llu: bad record: %s\n", file.c_str(),
               static_cast<unsigned long long>(offset), message.c_str());
}

void StderrReporter::Note(const std::string& message) {
  std::fprintf(stderr, "vestige-index: %s\n", message.c_str());
}

std::string FormatSummary(const IndexStats& s) {
  auto n = [](std::uint64_t v) { return std::to_string(v); };
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.2f", s.seconds);
  std::string out;
  out += "vestige-index: " + n(s.files_seen) + " WARC file(s)";
  if (s.files_open_skipped > 0) out += " (" + n(s.files_open_skipped) + " .open skipped)";
  out += ", " + n(s.records_read) + " record(s) read\n";
  out += "  documents: " + n(s.documents_added) + " added, " + n(s.documents_updated) +
         " updated (" + n(s.commits) + " commit(s))\n";
  out += "  skipped: " + n(s.skipped()) + " (other record types " + n(s.skipped_other_type) +
         ", revisits " + n(s.skipped_revisit) + ", HTTP status " + n(s.skipped_status) +
         ", not HTML " + n(s.skipped_mime) + ", content encoding " + n(s.skipped_encoding) +
         ", older captures " + n(s.skipped_older_capture) + ", committed before a kill " +
         n(s.skipped_committed_before) + ")\n";
  out += "  bad records: " + n(s.bad_records) + "\n";
  out += "  time: " + std::string(seconds) + " s, " +
         (s.threads > 1 ? n(s.threads) + " worker threads" : std::string("no worker threads")) +
         ", " + n(s.shards) + (s.shards == 1 ? " shard\n" : " shards\n");
  return out;
}

}  // namespace vestige::indexer
