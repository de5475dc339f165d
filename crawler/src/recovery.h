// Internal: what a crawl does on start after a crash (kill -9, power loss).
//
// RepairOpenWarcFiles finds WARC files a killed writer left as "<name>.open", cuts off a torn
// final record (one that common's WarcReader cannot read, with no readable record after it) with
// truncate(2), and renames the file to <name>. RecordsPastMark reads back the records written
// after the end of what the committed crawl state covers, so the resumed crawl can account for
// them instead of fetching their URLs again. Thread safety: functions on distinct folders only.
#ifndef VESTIGE_CRAWLER_RECOVERY_H_
#define VESTIGE_CRAWLER_RECOVERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "vestige/common/status.h"
#include "vestige/common/warc.h"

namespace vestige::crawler {

struct RepairReport {
  std::string file;             // final name (without ".open")
  std::uint64_t kept = 0;       // bytes kept
  std::uint64_t cut = 0;        // bytes cut off the end
  std::int64_t records = 0;     // records readable in what was kept
  bool damaged_inside = false;  // an unreadable record followed by readable ones (left as is)
};

// Repairs and renames every "*.open" file in `directory`. A file with nothing readable is
// removed. IOError when a file cannot be read, truncated or renamed.
common::Result<std::vector<RepairReport>> RepairOpenWarcFiles(const std::string& directory);

// Where the committed state ends: the file (final name) and the byte offset just past the last
// record it covers. An empty file means "nothing committed": every file counts as past the mark.
struct WarcMark {
  std::string file;
  std::uint64_t offset = 0;
  std::string Encode() const;                       // "<file>\t<offset>"
  static WarcMark Decode(const std::string& text);  // "" or garbage -> empty mark
};

struct RecordPastMark {
  std::string file;
  common::WarcRecordAt at;
};

// The response and revisit records of files named "<prefix>-*" in `directory` that lie past
// `mark` (later files in name order, and the mark's file from its offset), in write order.
// Unreadable records are skipped. IOError when a file cannot be opened.
common::Result<std::vector<RecordPastMark>> RecordsPastMark(const std::string& directory,
                                                            const std::string& prefix,
                                                            const WarcMark& mark);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_RECOVERY_H_
