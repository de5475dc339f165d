// ExportRecord: copying a capture's WARC records byte for byte (see record.h). Records are parsed
// through common's WARC reader; their bytes are copied with plain file I/O from
// [offset, offset + length), which in a .warc.gz file is one complete gzip member.
//
// Finding records without reading whole files: the captures of a URL (and the record a revisit
// refers to) come from the crawler's CDXJ index by binary search; the warcinfo record is the
// first of its file; the request is written next to its response (just before it by our crawler
// and corpus maker, just after it by some other tools), so the neighbours are tried first. Each
// step falls back to scanning when the cheap way finds nothing, so a stale or missing CDXJ index
// costs time, never a wrong answer.
#include "vestige/query/record.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cdxj_lookup.h"
#include "vestige/common/date.h"
#include "vestige/common/status.h"
#include "vestige/common/warc.h"

namespace vestige::query {
namespace {

using common::Result;
using common::Status;
using common::WarcRecordAt;
using common::WarcType;
namespace fs = std::filesystem;

// How far before a response to look for its request record, and how many candidate record
// starts to try there. A request record is a few hundred bytes; this leaves room for a large
// one (long cookies) without reading much.
constexpr std::uint64_t kNeighbourWindow = 64 * 1024;
constexpr int kMaxNeighbourTries = 32;

struct Found {
  std::string file;
  WarcRecordAt at;
};

// A capture found in the CDXJ index or by scanning, not read yet.
struct Candidate {
  std::string file;
  std::uint64_t offset = 0;
  common::UnixSeconds time = 0;
};

Result<std::string> ReadBytes(const fs::path& path, std::uint64_t offset, std::uint64_t length) {
  if (length > (std::uint64_t{1} << 32)) {
    return Status::Corruption("record at " + path.string() + "@" + std::to_string(offset) +
                              " is implausibly long");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path.string());
  in.seekg(static_cast<std::streamoff>(offset));
  std::string bytes(static_cast<std::size_t>(length), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::uint64_t>(in.gcount()) != length) {
    return Status::IOError("cannot read " + std::to_string(length) + " bytes at " + path.string() +
                           "@" + std::to_string(offset));
  }
  return bytes;
}

// Finished WARC files of the folder, sorted by name.
std::vector<std::string> WarcFiles(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.ends_with(".warc.gz") || name.ends_with(".warc")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Reads every record of a file, calling visit(record); stops early when visit returns true.
// Corrupt records are skipped (the reader resumes at the next gzip member).
template <typename Visit>
void ScanFile(const fs::path& path, std::size_t* scanned, Visit visit) {
  ++*scanned;
  Result<std::unique_ptr<common::WarcReader>> reader = common::WarcReader::Open(path.string());
  if (!reader.ok()) return;
  for (int corrupt = 0; corrupt < 1000;) {
    Result<std::optional<WarcRecordAt>> next = (*reader)->Next();
    if (!next.ok()) {
      ++corrupt;
      continue;
    }
    if (!next->has_value()) return;
    if (visit(**next)) return;
  }
}

std::optional<common::UnixSeconds> TimeOf(std::string_view warc_date) {
  Result<common::UnixSeconds> t = common::ParseIsoTimestamp(warc_date);
  if (!t.ok()) return std::nullopt;
  return *t;
}

// "YYYYMMDDhhmmss" (CDXJ) -> seconds.
std::optional<common::UnixSeconds> TimeOfCompact(std::string_view ts) {
  if (ts.size() < 14) return std::nullopt;
  const std::string iso = std::string(ts.substr(0, 4)) + "-" + std::string(ts.substr(4, 2)) + "-" +
                          std::string(ts.substr(6, 2)) + "T" + std::string(ts.substr(8, 2)) + ":" +
                          std::string(ts.substr(10, 2)) + ":" + std::string(ts.substr(12, 2)) + "Z";
  return TimeOf(iso);
}

bool IsCaptureOf(const common::WarcRecord& record, std::string_view url) {
  const WarcType type = record.type();
  return (type == WarcType::kResponse || type == WarcType::kRevisit) && record.target_uri() == url;
}

// Captures of `url` in `files`, read record by record.
void ScanForCaptures(const fs::path& dir, const std::vector<std::string>& files,
                     std::string_view url, std::vector<Candidate>* out, std::size_t* scanned) {
  for (const std::string& file : files) {
    ScanFile(dir / file, scanned, [&](const WarcRecordAt& at) {
      if (!IsCaptureOf(at.record, url)) return false;
      if (const std::optional<common::UnixSeconds> t = TimeOf(at.record.date())) {
        out->push_back({file, at.offset, *t});
      }
      return false;
    });
  }
}

// Every capture of `url`: from the CDXJ index plus a scan of the files it does not cover, or
// (cdxj == false, or no usable CDXJ index) from a scan of every file.
std::vector<Candidate> Captures(const RecordRequest& request, std::string_view url, bool cdxj,
                                std::size_t* scanned) {
  const std::vector<std::string> files = WarcFiles(request.warc_dir);
  std::vector<Candidate> candidates;
  if (cdxj && !request.cdxj_dir.empty()) {
    Result<std::set<std::string>> covered =
        internal::ReadIndexedFiles(request.cdxj_dir / "indexed-files.txt");
    Result<std::vector<internal::CdxjCapture>> lines =
        internal::FindCdxjCaptures(request.cdxj_dir / "index.cdxj", url);
    if (covered.ok() && lines.ok()) {
      for (const internal::CdxjCapture& line : *lines) {
        const std::optional<common::UnixSeconds> t = TimeOfCompact(line.timestamp);
        if (t && covered->count(line.file) > 0) candidates.push_back({line.file, line.offset, *t});
      }
      std::vector<std::string> rest;
      for (const std::string& file : files) {
        if (covered->count(file) == 0) rest.push_back(file);
      }
      ScanForCaptures(request.warc_dir, rest, url, &candidates, scanned);
      return candidates;
    }
  }
  ScanForCaptures(request.warc_dir, files, url, &candidates, scanned);
  return candidates;
}

// The capture of `url` closest to `at`, read and checked; nullopt when there is none.
std::optional<Found> Closest(const RecordRequest& request, std::string_view url,
                             common::UnixSeconds at, std::size_t* scanned) {
  for (const bool cdxj : {true, false}) {
    const std::vector<Candidate> candidates = Captures(request, url, cdxj, scanned);
    const Candidate* best = nullptr;
    std::uint64_t best_distance = std::numeric_limits<std::uint64_t>::max();
    for (const Candidate& c : candidates) {
      const std::uint64_t distance = c.time > at ? static_cast<std::uint64_t>(c.time - at)
                                                 : static_cast<std::uint64_t>(at - c.time);
      if (distance < best_distance) {
        best_distance = distance;
        best = &c;
      }
    }
    // None in the CDXJ index, although the indexed capture should be there: scan to be sure.
    if (best == nullptr) continue;
    Result<WarcRecordAt> record =
        common::ReadWarcRecordAt((request.warc_dir / best->file).string(), best->offset);
    if (record.ok() && IsCaptureOf(record->record, url)) {
      return Found{best->file, std::move(record).value()};
    }
    // A CDXJ line that does not point at a capture of the URL: the index is stale; scan.
  }
  return std::nullopt;
}

// The warcinfo record named `id` (any warcinfo when `id` is empty) in `file`: the file's first
// record, else found by scanning.
std::optional<Found> FindWarcinfo(const fs::path& dir, const std::string& file,
                                  const std::string& id, std::size_t* scanned) {
  auto matches = [&id](const common::WarcRecord& r) {
    return r.type() == WarcType::kWarcinfo && (id.empty() || r.record_id() == id);
  };
  Result<WarcRecordAt> first = common::ReadWarcRecordAt((dir / file).string(), 0);
  if (first.ok() && matches(first->record)) return Found{file, std::move(first).value()};
  std::optional<Found> found;
  ScanFile(dir / file, scanned, [&](WarcRecordAt& at) {
    if (!matches(at.record)) return false;
    found = Found{file, std::move(at)};
    return true;
  });
  return found;
}

// Offsets in [begin, end) where a record may start, nearest to `end` first: a gzip member header
// in a .warc.gz file, a "WARC/" version line after a newline in a plain one.
std::vector<std::uint64_t> RecordStartsBefore(const fs::path& path, bool gzipped,
                                              std::uint64_t end) {
  const std::uint64_t begin = end > kNeighbourWindow ? end - kNeighbourWindow : 0;
  Result<std::string> window = ReadBytes(path, begin, end - begin);
  std::vector<std::uint64_t> starts;
  if (!window.ok()) return starts;
  const std::string_view bytes = *window;
  const std::string_view magic = gzipped ? std::string_view("\x1f\x8b\x08", 3) : "WARC/";
  for (std::size_t pos = bytes.rfind(magic); pos != std::string_view::npos;
       pos = pos == 0 ? std::string_view::npos : bytes.rfind(magic, pos - 1)) {
    const bool line_start = gzipped || (pos == 0 ? begin == 0 : bytes[pos - 1] == '\n');
    if (line_start) starts.push_back(begin + pos);
    if (starts.size() >= static_cast<std::size_t>(kMaxNeighbourTries)) break;
  }
  return starts;
}

// The request record of `capture`: the one it names in WARC-Concurrent-To, or one naming it.
std::optional<Found> FindRequest(const fs::path& dir, const Found& capture, std::size_t* scanned) {
  const common::WarcRecord& record = capture.at.record;
  const std::string concurrent(record.header("WARC-Concurrent-To").value_or(""));
  const std::string own_id(record.record_id());
  auto matches = [&](const common::WarcRecord& r) {
    return r.type() == WarcType::kRequest &&
           ((!concurrent.empty() && r.record_id() == concurrent) ||
            r.header("WARC-Concurrent-To").value_or("") == own_id);
  };
  const fs::path path = dir / capture.file;
  std::vector<std::uint64_t> tries = {capture.at.offset + capture.at.length};
  const bool gzipped = capture.file.ends_with(".gz");
  for (std::uint64_t start : RecordStartsBefore(path, gzipped, capture.at.offset)) {
    tries.push_back(start);
  }
  for (std::uint64_t offset : tries) {
    Result<WarcRecordAt> at = common::ReadWarcRecordAt(path.string(), offset);
    if (at.ok() && at->offset == offset && matches(at->record)) {
      return Found{capture.file, std::move(at).value()};
    }
  }
  std::optional<Found> found;
  ScanFile(path, scanned, [&](WarcRecordAt& at) {
    if (!matches(at.record)) return false;
    found = Found{capture.file, std::move(at)};
    return true;
  });
  return found;
}

// The record with WARC-Record-ID `id` that a revisit refers to: looked up in the CDXJ index under
// WARC-Refers-To-Target-URI (near WARC-Refers-To-Date), else found by scanning every file.
std::optional<Found> FindReferent(const RecordRequest& request, const common::WarcRecord& revisit,
                                  const std::string& id, std::size_t* scanned) {
  const std::string target(revisit.header("WARC-Refers-To-Target-URI").value_or(""));
  if (!request.cdxj_dir.empty() && !target.empty()) {
    Result<std::vector<internal::CdxjCapture>> lines =
        internal::FindCdxjCaptures(request.cdxj_dir / "index.cdxj", target);
    if (lines.ok()) {
      // Nearest to the referred-to date first; usually the first try is the one.
      const std::optional<common::UnixSeconds> when =
          TimeOf(revisit.header("WARC-Refers-To-Date").value_or(""));
      std::vector<internal::CdxjCapture> sorted = *lines;
      auto distance = [&when](const internal::CdxjCapture& c) -> std::uint64_t {
        const std::optional<common::UnixSeconds> t = TimeOfCompact(c.timestamp);
        if (!when || !t) return 0;
        return *t > *when ? static_cast<std::uint64_t>(*t - *when)
                          : static_cast<std::uint64_t>(*when - *t);
      };
      std::stable_sort(sorted.begin(), sorted.end(),
                       [&](const auto& a, const auto& b) { return distance(a) < distance(b); });
      for (const internal::CdxjCapture& c : sorted) {
        if (c.revisit) continue;
        Result<WarcRecordAt> at =
            common::ReadWarcRecordAt((request.warc_dir / c.file).string(), c.offset);
        if (at.ok() && at->record.record_id() == id) return Found{c.file, std::move(at).value()};
      }
    }
  }
  std::optional<Found> found;
  for (const std::string& file : WarcFiles(request.warc_dir)) {
    ScanFile(request.warc_dir / file, scanned, [&](WarcRecordAt& at) {
      if (at.record.record_id() != id) return false;
      found = Found{file, std::move(at)};
      return true;
    });
    if (found) break;
  }
  return found;
}

}  // namespace

Result<RecordExport> ExportRecord(const RecordRequest& request) {
  const fs::path indexed_path = request.warc_dir / request.indexed.file;
  Result<WarcRecordAt> indexed =
      common::ReadWarcRecordAt(indexed_path.string(), request.indexed.offset);
  if (!indexed.ok()) return indexed.status();
  const std::string url =
      request.url.empty() ? std::string(indexed->record.target_uri()) : request.url;

  RecordExport out;
  Found capture{request.indexed.file, std::move(indexed).value()};
  if (request.at) {
    std::optional<Found> closest = Closest(request, url, *request.at, &out.files_scanned);
    if (closest) capture = std::move(*closest);
  }

  // Companions in the capture's own file: its warcinfo and its request.
  const common::WarcRecord& record = capture.at.record;
  const std::string warcinfo_id(record.header("WARC-Warcinfo-ID").value_or(""));
  const std::string concurrent(record.header("WARC-Concurrent-To").value_or(""));
  const std::string own_id(record.record_id());
  std::optional<Found> warcinfo =
      FindWarcinfo(request.warc_dir, capture.file, warcinfo_id, &out.files_scanned);
  std::optional<Found> request_record = FindRequest(request.warc_dir, capture, &out.files_scanned);

  std::optional<Found> referent;
  if (record.type() == WarcType::kRevisit) {
    const std::string refers_to(record.header("WARC-Refers-To").value_or(""));
    if (!refers_to.empty()) {
      referent = FindReferent(request, record, refers_to, &out.files_scanned);
    }
    if (!referent) out.missing.push_back("revisited record " + refers_to);
  }
  if (!warcinfo) out.missing.push_back("warcinfo " + warcinfo_id);
  if (!request_record) out.missing.push_back("request " + concurrent);

  for (const std::optional<Found>* part : {&warcinfo, &request_record, &referent}) {
    if (!part->has_value()) continue;
    Result<std::string> bytes =
        ReadBytes(request.warc_dir / (*part)->file, (*part)->at.offset, (*part)->at.length);
    if (!bytes.ok()) return bytes.status();
    out.bytes += *bytes;
    out.record_ids.emplace_back((*part)->at.record.record_id());
  }
  Result<std::string> bytes =
      ReadBytes(request.warc_dir / capture.file, capture.at.offset, capture.at.length);
  if (!bytes.ok()) return bytes.status();
  out.bytes += *bytes;
  out.record_ids.push_back(own_id);
  out.file = capture.file;
  out.offset = capture.at.offset;
  out.date = std::string(record.date());
  return out;
}

}  // namespace vestige::query
