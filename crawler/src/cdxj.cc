#include "vestige/crawler/cdxj.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <vector>

#include "vestige/common/http.h"
#include "vestige/common/url.h"
#include "vestige/common/warc.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

namespace {

// "2026-11-22T02:54:03.123456Z" -> "20261122025403".
std::string Timestamp(std::string_view date) {
  std::string digits;
  for (char c : date) {
    if (c == '.' || c == 'Z') break;
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  digits.resize(14, '0');
  return digits;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string CdxjLine(const std::string& file, const common::WarcRecord& r, std::uint64_t offset,
                     std::uint64_t length) {
  const common::WarcType type = r.type();
  if (type != common::WarcType::kResponse && type != common::WarcType::kRevisit &&
      type != common::WarcType::kResource) {
    return "";
  }
  const std::string url(r.target_uri());
  if (url.empty()) return "";
  nlohmann::ordered_json j;
  j["url"] = url;
  std::string mime;
  std::string status;
  if (type == common::WarcType::kResource) {
    mime = common::MimeType(r.header("Content-Type").value_or(""));
  } else {
    Result<common::HttpResponse> http = common::ParseHttpResponse(r.block);
    if (http.ok()) {
      status = std::to_string(http->status);
      if (auto ct = common::FindHeader(http->headers, "Content-Type")) mime = common::MimeType(*ct);
    }
    if (type == common::WarcType::kRevisit) mime = "warc/revisit";
  }
  if (!mime.empty()) j["mime"] = mime;
  if (!status.empty()) j["status"] = status;
  if (auto digest = r.header("WARC-Payload-Digest")) j["digest"] = std::string(*digest);
  j["length"] = std::to_string(length);
  j["offset"] = std::to_string(offset);
  j["filename"] = file;
  return common::SurtKey(url) + " " + Timestamp(r.date()) + " " +
         j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

// Writes the lines of `index` (sorted) merged with `added` (sorted) to `out`, a line present in
// both once (a file indexed again after a kill between the index and the file list).
Status MergeInto(const fs::path& index, const std::vector<std::string_view>& added,
                 std::ostream& out) {
  std::ifstream in(index, std::ios::binary);
  std::string line;
  bool have = static_cast<bool>(std::getline(in, line));
  std::size_t i = 0;
  while (have || i < added.size()) {
    if (have && line.empty()) {
      have = static_cast<bool>(std::getline(in, line));
      continue;
    }
    if (!have || (i < added.size() && added[i] < line)) {
      out << added[i++] << '\n';
    } else {
      if (i < added.size() && added[i] == line) ++i;
      out << line << '\n';
      have = static_cast<bool>(std::getline(in, line));
    }
  }
  if (in.bad()) return Status::IOError("read " + index.string());
  return Status::OK();
}

}  // namespace

Result<std::int64_t> UpdateCdxjIndex(const std::string& collection, CdxjLines known) {
  const fs::path warc_dir = fs::path(collection) / "warc";
  const fs::path dir = fs::path(collection) / "cdxj";
  const fs::path index = dir / "index.cdxj";
  const fs::path done_list = dir / "indexed-files.txt";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("create " + dir.string() + ": " + ec.message());
  std::set<std::string> indexed;
  {
    std::ifstream in(done_list);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) indexed.insert(line);
    }
  }
  std::vector<std::string> todo;
  for (fs::directory_iterator it(warc_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if ((EndsWith(name, ".warc.gz") || EndsWith(name, ".warc")) && indexed.count(name) == 0) {
      todo.push_back(std::move(name));
    }
  }
  if (ec) return Status::IOError("list " + warc_dir.string() + ": " + ec.message());
  if (todo.empty()) return std::int64_t{0};
  std::sort(todo.begin(), todo.end());
  // Newline-ended lines in a few large buffers (a string per line would cost a third more).
  std::vector<std::string> texts;
  try {
    std::string read_back;
    for (const std::string& name : todo) {
      if (auto it = known.find(name); it != known.end()) {
        texts.push_back(std::move(it->second));
        known.erase(it);
        continue;
      }
      Result<std::unique_ptr<common::WarcReader>> reader =
          common::WarcReader::Open((warc_dir / name).string());
      if (!reader.ok()) return reader.status();
      for (int errors = 0; errors < 1000;) {
        Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
        if (!next.ok()) {
          ++errors;  // verify reports it; the index skips it
          continue;
        }
        if (!next->has_value()) break;
        std::string line = CdxjLine(name, (*next)->record, (*next)->offset, (*next)->length);
        if (!line.empty()) read_back.append(line).push_back('\n');
      }
    }
    texts.push_back(std::move(read_back));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("CDXJ line: ") + e.what());
  }
  std::vector<std::string_view> lines;
  for (const std::string& text : texts) {
    std::string_view rest = text;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      if (end == std::string_view::npos) break;  // cannot happen: every line ends with one
      if (end > 0) lines.push_back(rest.substr(0, end));
      rest.remove_prefix(end + 1);
    }
  }
  std::sort(lines.begin(), lines.end());
  const fs::path tmp = dir / "index.cdxj.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    VESTIGE_RETURN_IF_ERROR(MergeInto(index, lines, out));
    out.flush();
    if (!out) return Status::IOError("write " + tmp.string());
  }
  fs::rename(tmp, index, ec);
  if (ec) return Status::IOError("rename " + tmp.string() + ": " + ec.message());
  std::ofstream list(done_list, std::ios::app);
  for (const std::string& name : todo) list << name << '\n';
  list.flush();
  if (!list) return Status::IOError("write " + done_list.string());
  return static_cast<std::int64_t>(lines.size());
}

}  // namespace vestige::crawler
