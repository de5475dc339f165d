#include "recovery.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

namespace {

constexpr std::string_view kOpenSuffix = ".open";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Reads `path` to the end: the end of the last readable record, whether a readable record came
// after an unreadable one, and how many records were readable.
struct Scan {
  std::uint64_t good_end = 0;
  bool damaged_inside = false;
  std::int64_t records = 0;
};

Result<Scan> ScanFile(const std::string& path) {
  Scan scan;
  Result<std::unique_ptr<common::WarcReader>> reader = common::WarcReader::Open(path);
  if (!reader.ok()) return reader.status();
  bool seen_error = false;
  // Each error moves the reader on (to the next gzip member) or ends a plain file; the bound
  // stops a reader that would not advance.
  for (int errors = 0; errors < 1000000;) {
    Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
    if (!next.ok()) {
      if (next.status().code() != Status::Code::kCorruption) return next.status();
      seen_error = true;
      ++errors;
      continue;
    }
    if (!next->has_value()) break;
    if (seen_error) scan.damaged_inside = true;
    scan.good_end = (*next)->offset + (*next)->length;
    ++scan.records;
  }
  return scan;
}

}  // namespace

Result<std::vector<RepairReport>> RepairOpenWarcFiles(const std::string& directory) {
  std::vector<RepairReport> reports;
  std::error_code ec;
  std::vector<fs::path> open_files;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    if (EndsWith(it->path().filename().string(), kOpenSuffix)) open_files.push_back(it->path());
  }
  if (ec) return Status::IOError("list " + directory + ": " + ec.message());
  std::sort(open_files.begin(), open_files.end());
  for (const fs::path& path : open_files) {
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec) return Status::IOError("size of " + path.string() + ": " + ec.message());
    Result<Scan> scan = ScanFile(path.string());
    if (!scan.ok()) return scan.status();
    RepairReport report;
    std::string name = path.filename().string();
    report.file = name.substr(0, name.size() - kOpenSuffix.size());
    report.records = scan->records;
    report.damaged_inside = scan->damaged_inside;
    report.kept = size;
    if (!scan->damaged_inside && scan->good_end < size) {
      // The tail is a torn record (the kill came mid-write): cut it off.
      if (::truncate(path.c_str(), static_cast<off_t>(scan->good_end)) != 0) {
        return Status::IOError("truncate " + path.string() + ": " + std::strerror(errno));
      }
      report.kept = scan->good_end;
      report.cut = size - scan->good_end;
    }
    if (report.kept == 0) {
      fs::remove(path, ec);
      if (ec) return Status::IOError("remove " + path.string() + ": " + ec.message());
    } else {
      const fs::path final_path = path.parent_path() / report.file;
      if (fs::exists(final_path, ec)) {
        return Status::IOError("cannot rename " + path.string() + ": " + final_path.string() +
                               " exists");
      }
      fs::rename(path, final_path, ec);
      if (ec) return Status::IOError("rename " + path.string() + ": " + ec.message());
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

std::string WarcMark::Encode() const { return file + "\t" + std::to_string(offset); }

WarcMark WarcMark::Decode(const std::string& text) {
  WarcMark mark;
  std::size_t tab = text.find('\t');
  if (tab == std::string::npos || tab == 0) return mark;
  std::string digits = text.substr(tab + 1);
  if (digits.empty() || digits.size() > 19 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return mark;
  }
  mark.file = text.substr(0, tab);
  mark.offset = std::stoull(digits);
  return mark;
}

Result<std::vector<RecordPastMark>> RecordsPastMark(const std::string& directory,
                                                    const std::string& prefix,
                                                    const WarcMark& mark) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix + "-", 0) != 0 || EndsWith(name, kOpenSuffix)) continue;
    if (!mark.file.empty() && name < mark.file) continue;
    names.push_back(std::move(name));
  }
  if (ec) return Status::IOError("list " + directory + ": " + ec.message());
  std::sort(names.begin(), names.end());
  std::vector<RecordPastMark> out;
  for (const std::string& name : names) {
    const std::string path = (fs::path(directory) / name).string();
    Result<std::unique_ptr<common::WarcReader>> reader = common::WarcReader::Open(path);
    if (!reader.ok()) return reader.status();
    if (name == mark.file) {
      const std::uint64_t size = fs::file_size(path, ec);
      if (ec || mark.offset >= size) continue;
      VESTIGE_RETURN_IF_ERROR((*reader)->Seek(mark.offset));
    }
    for (int errors = 0; errors < 1000;) {
      Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
      if (!next.ok()) {
        ++errors;
        continue;
      }
      if (!next->has_value()) break;
      common::WarcType type = (*next)->record.type();
      if (type == common::WarcType::kResponse || type == common::WarcType::kRevisit) {
        out.push_back({name, std::move(**next)});
      }
    }
  }
  return out;
}

}  // namespace vestige::crawler
