// `vestige-crawl --collection DIR verify`: re-reads every record of every WARC file of a
// collection and recomputes its digests.
//
// WARC-Block-Digest is checked over the record block. WARC-Payload-Digest is checked over the
// entity body: for HTTP responses it matches when it equals the digest of the body with transfer
// coding removed (what vestige writes) or of the raw bytes after the HTTP head (what some other
// tools write); for request records over the bytes after the head; for other records over the
// block. Revisit records are not checked for their payload (it lives in the record they refer
// to). A record that cannot be read counts as a mismatch too.
// Thread safety: reads files only; distinct calls are independent.
#ifndef VESTIGE_CRAWLER_VERIFY_H_
#define VESTIGE_CRAWLER_VERIFY_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "vestige/common/status.h"

namespace vestige::crawler {

struct VerifySummary {
  std::int64_t files = 0;         // WARC files read (closed ones; *.open files are skipped)
  std::int64_t records = 0;       // records read
  std::int64_t digests = 0;       // digests recomputed
  std::int64_t mismatches = 0;    // digest mismatches and unreadable records
  std::int64_t unverifiable = 0;  // digests with an algorithm we cannot compute
  std::int64_t open_files = 0;    // *.open files skipped (a crawl is writing, or was killed)
  // "vestige-crawl verify: 3 files, 120 records, 230 digests, 0 mismatches"
  std::string ToLine() const;
};

// Verifies <collection>/warc/. Writes one line per problem to `out` (may be nullptr):
// "<file> offset <n>: <what>". NotFound when there is no warc folder; IOError when a file cannot
// be opened. Mismatches are data, not errors.
common::Result<VerifySummary> VerifyCollection(const std::string& collection, std::FILE* out);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_VERIFY_H_
