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
#include "vestige/common/warc.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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

// The CDXJ line of one record, or "" for records that are not indexed.
std::string Line(const std::string& file, const common::WarcRecordAt& at) {
  const common::WarcRecord& r = at.record;
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
  j["length"] = std::to_string(at.length);
  j["offset"] = std::to_string(at.offset);
  j["filename"] = file;
  return Surt(url) + " " + Timestamp(r.date()) + " " +
         j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

std::string Surt(std::string_view url_text) {
  std::string url = Lower(url_text);
  std::size_t scheme_end = url.find("://");
  std::string rest = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
  std::size_t path_start = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : rest.substr(path_start);
  if (std::size_t at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  std::string port;
  if (std::size_t colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']') == std::string::npos) {
    port = authority.substr(colon);
    authority.resize(colon);
  }
  if (port == ":80" || port == ":443") port.clear();
  if (authority.rfind("www.", 0) == 0) authority = authority.substr(4);
  std::vector<std::string> labels;
  std::stringstream host(authority);
  for (std::string label; std::getline(host, label, '.');) labels.push_back(label);
  std::string surt;
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    if (!surt.empty()) surt += ",";
    surt += *it;
  }
  if (std::size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  if (path.empty() || path[0] == '?') path = "/" + path;
  if (std::size_t q = path.find('?'); q != std::string::npos) {
    std::vector<std::string> params;
    std::stringstream query(path.substr(q + 1));
    for (std::string p; std::getline(query, p, '&');) {
      if (!p.empty()) params.push_back(p);
    }
    std::sort(params.begin(), params.end());
    path.resize(q);
    std::string joined;
    for (const std::string& p : params) joined += (joined.empty() ? "" : "&") + p;
    if (!joined.empty()) path += "?" + joined;
  }
  return surt + port + ")" + path;
}

Result<std::int64_t> UpdateCdxjIndex(const std::string& collection) {
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
  std::vector<std::string> lines;
  {
    std::ifstream in(index);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(std::move(line));
    }
  }
  const std::size_t before = lines.size();
  try {
    for (const std::string& name : todo) {
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
        std::string line = Line(name, **next);
        if (!line.empty()) lines.push_back(std::move(line));
      }
    }
  } catch (const std::exception& e) {
    return Status::Internal(std::string("CDXJ line: ") + e.what());
  }
  std::sort(lines.begin(), lines.end());
  const fs::path tmp = dir / "index.cdxj.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    for (const std::string& line : lines) out << line << '\n';
    out.flush();
    if (!out) return Status::IOError("write " + tmp.string());
  }
  fs::rename(tmp, index, ec);
  if (ec) return Status::IOError("rename " + tmp.string() + ": " + ec.message());
  std::ofstream list(done_list, std::ios::app);
  for (const std::string& name : todo) list << name << '\n';
  list.flush();
  if (!list) return Status::IOError("write " + done_list.string());
  return static_cast<std::int64_t>(lines.size() - before);
}

}  // namespace vestige::crawler
