// ExportRecord: copying a capture's WARC records byte for byte (see record.h). Records are found
// and parsed through common's WarcReader; their bytes are copied with plain file I/O from
// [offset, offset + length), which in a .warc.gz file is one complete gzip member.
#include "vestige/query/record.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

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

struct Found {
  std::string file;
  WarcRecordAt at;
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
void ScanFile(const fs::path& path, Visit visit) {
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

std::optional<Found> FindById(const fs::path& dir, const std::vector<std::string>& files,
                              std::string_view id) {
  std::optional<Found> found;
  for (const std::string& file : files) {
    ScanFile(dir / file, [&](WarcRecordAt& at) {
      if (at.record.record_id() != id) return false;
      found = Found{file, std::move(at)};
      return true;
    });
    if (found) break;
  }
  return found;
}

std::optional<common::UnixSeconds> TimeOf(std::string_view warc_date) {
  Result<common::UnixSeconds> t = common::ParseIsoTimestamp(warc_date);
  if (!t.ok()) return std::nullopt;
  return *t;
}

}  // namespace

Result<RecordExport> ExportRecord(const RecordRequest& request) {
  const fs::path indexed_path = request.warc_dir / request.indexed.file;
  Result<WarcRecordAt> indexed =
      common::ReadWarcRecordAt(indexed_path.string(), request.indexed.offset);
  if (!indexed.ok()) return indexed.status();
  const std::string url =
      request.url.empty() ? std::string(indexed->record.target_uri()) : request.url;
  const std::vector<std::string> files = WarcFiles(request.warc_dir);

  Found capture{request.indexed.file, std::move(indexed).value()};
  if (request.at) {
    // Every response or revisit of the URL; keep the closest in time.
    std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
    for (const std::string& file : files) {
      ScanFile(request.warc_dir / file, [&](WarcRecordAt& at) {
        const WarcType type = at.record.type();
        if ((type != WarcType::kResponse && type != WarcType::kRevisit) ||
            at.record.target_uri() != url) {
          return false;
        }
        const std::optional<common::UnixSeconds> t = TimeOf(at.record.date());
        if (!t) return false;
        const std::uint64_t distance = *t > *request.at
                                           ? static_cast<std::uint64_t>(*t - *request.at)
                                           : static_cast<std::uint64_t>(*request.at - *t);
        if (distance < best) {
          best = distance;
          capture = Found{file, std::move(at)};
        }
        return false;
      });
    }
  }

  // Companions in the capture's own file: its warcinfo and its request.
  const common::WarcRecord& record = capture.at.record;
  const std::string warcinfo_id(record.header("WARC-Warcinfo-ID").value_or(""));
  const std::string concurrent(record.header("WARC-Concurrent-To").value_or(""));
  const std::string own_id(record.record_id());
  std::optional<Found> warcinfo;
  std::optional<Found> request_record;
  ScanFile(request.warc_dir / capture.file, [&](WarcRecordAt& at) {
    const WarcType type = at.record.type();
    if (type == WarcType::kWarcinfo && !warcinfo &&
        (warcinfo_id.empty() || at.record.record_id() == warcinfo_id)) {
      warcinfo = Found{capture.file, at};
    } else if (type == WarcType::kRequest && !request_record &&
               ((!concurrent.empty() && at.record.record_id() == concurrent) ||
                at.record.header("WARC-Concurrent-To").value_or("") == own_id)) {
      request_record = Found{capture.file, at};
    }
    return warcinfo.has_value() && request_record.has_value();
  });

  std::optional<Found> referent;
  RecordExport out;
  if (record.type() == WarcType::kRevisit) {
    const std::string refers_to(record.header("WARC-Refers-To").value_or(""));
    if (!refers_to.empty()) referent = FindById(request.warc_dir, files, refers_to);
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
