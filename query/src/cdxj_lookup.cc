// CDXJ lookups by binary search (see cdxj_lookup.h). nlohmann-json parses the JSON of a line.
#include "cdxj_lookup.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "vestige/common/status.h"
#include "vestige/common/url.h"

namespace vestige::query::internal {
namespace {

using common::Result;
using common::Status;
namespace fs = std::filesystem;

// Line-oriented random access to a sorted text file.
class LineFile {
 public:
  explicit LineFile(const fs::path& path) : in_(path, std::ios::binary) {
    std::error_code ec;
    size_ = fs::file_size(path, ec);
    if (ec) size_ = 0;
  }
  bool ok() const { return static_cast<bool>(in_); }
  std::uint64_t size() const { return size_; }

  // The start of the first line that begins at or after `pos`; size() when there is none.
  std::uint64_t LineStartFrom(std::uint64_t pos) {
    if (pos == 0) return 0;
    std::uint64_t at = pos - 1;  // a line begins at pos when the byte before it is '\n'
    while (at < size_) {
      const std::string chunk = Read(at, kChunk);
      if (chunk.empty()) return size_;
      const std::size_t nl = chunk.find('\n');
      if (nl != std::string::npos) return at + nl + 1;
      at += chunk.size();
    }
    return size_;
  }

  // The line beginning at `start` (without its '\n'); *next is where the following one begins.
  std::string LineAt(std::uint64_t start, std::uint64_t* next) {
    std::string line;
    std::uint64_t at = start;
    while (at < size_) {
      const std::string chunk = Read(at, kChunk);
      if (chunk.empty()) break;
      const std::size_t nl = chunk.find('\n');
      if (nl != std::string::npos) {
        line.append(chunk, 0, nl);
        *next = at + nl + 1;
        return line;
      }
      line += chunk;
      at += chunk.size();
    }
    *next = size_;
    return line;
  }

 private:
  static constexpr std::size_t kChunk = 1024;  // one CDXJ line is about 300 bytes

  std::string Read(std::uint64_t at, std::size_t n) {
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(at));
    std::string buffer(n, '\0');
    in_.read(buffer.data(), static_cast<std::streamsize>(n));
    buffer.resize(static_cast<std::size_t>(std::max<std::streamsize>(in_.gcount(), 0)));
    return buffer;
  }

  std::ifstream in_;
  std::uint64_t size_ = 0;
};

std::uint64_t NumberField(const nlohmann::json& j, const char* key, bool* ok) {
  auto it = j.find(key);
  if (it == j.end()) {
    *ok = false;
    return 0;
  }
  if (it->is_number_unsigned()) return it->get<std::uint64_t>();
  if (!it->is_string()) {
    *ok = false;
    return 0;
  }
  const std::string& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > 19 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    *ok = false;
    return 0;
  }
  return std::stoull(s);
}

// Parses "KEY TIMESTAMP {json}"; false for a line that is not one.
bool ParseLine(std::string_view line, CdxjCapture* out) {
  const std::size_t key_end = line.find(' ');
  if (key_end == std::string_view::npos) return false;
  const std::size_t time_end = line.find(' ', key_end + 1);
  if (time_end == std::string_view::npos) return false;
  out->timestamp = std::string(line.substr(key_end + 1, time_end - key_end - 1));
  const nlohmann::json j = nlohmann::json::parse(line.substr(time_end + 1), nullptr, false);
  if (!j.is_object()) return false;
  auto url = j.find("url");
  auto file = j.find("filename");
  if (url == j.end() || !url->is_string() || file == j.end() || !file->is_string()) return false;
  out->url = url->get<std::string>();
  out->file = file->get<std::string>();
  bool ok = true;
  out->offset = NumberField(j, "offset", &ok);
  out->length = NumberField(j, "length", &ok);
  auto mime = j.find("mime");
  out->revisit = mime != j.end() && mime->is_string() && *mime == "warc/revisit";
  return ok;
}

}  // namespace

Result<std::vector<CdxjCapture>> FindCdxjCaptures(const fs::path& path, std::string_view url) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound("no CDXJ index at " + path.string());
  LineFile file(path);
  if (!file.ok()) return Status::IOError("cannot read " + path.string());
  const std::string prefix = common::SurtKey(url) + " ";
  // The smallest position whose next line sorts at or after the key: lines of one key are
  // contiguous, and the first of them begins there.
  std::uint64_t lo = 0;
  std::uint64_t hi = file.size();
  std::uint64_t unused = 0;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    const std::uint64_t start = file.LineStartFrom(mid);
    if (start >= file.size() || file.LineAt(start, &unused) >= prefix) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  std::vector<CdxjCapture> captures;
  std::uint64_t at = file.LineStartFrom(lo);
  while (at < file.size()) {
    std::uint64_t next = file.size();
    const std::string line = file.LineAt(at, &next);
    if (line.compare(0, prefix.size(), prefix) != 0) break;
    CdxjCapture capture;
    if (ParseLine(line, &capture) && capture.url == url) captures.push_back(std::move(capture));
    at = next;
  }
  return captures;
}

Result<std::set<std::string>> ReadIndexedFiles(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no list of CDXJ-indexed files at " + path.string());
  std::set<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) names.insert(line);
  }
  return names;
}

}  // namespace vestige::query::internal
