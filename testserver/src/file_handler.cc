#include "file_handler.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "http_message.h"

namespace vestige::testserver {

namespace fs = std::filesystem;

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Response Simple(int status, std::string message) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  r.body = std::to_string(status) + " " + ReasonPhrase(status) + ": " + message + "\n";
  return r;
}

void SetHeader(Headers* headers, const std::string& name, const std::string& value) {
  for (auto& [n, v] : *headers) {
    if (EqualsIgnoreCase(n, name)) {
      v = value;
      return;
    }
  }
  headers->emplace_back(name, value);
}

void RemoveHeader(Headers* headers, std::string_view name) {
  std::erase_if(*headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
}

bool ReadWholeFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

bool IsTextType(std::string_view name) {
  for (std::string_view ext : {".html", ".htm", ".xml", ".txt", ".rss", ".atom"}) {
    if (EndsWith(name, ext)) return true;
  }
  return false;
}

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s->find(from, pos)) != std::string::npos) {
    s->replace(pos, from.size(), to);
    pos += to.size();
  }
}

// True when If-None-Match (a list of entity tags, or "*") matches `etag` (weak comparison).
bool EtagListMatches(std::string_view list, std::string_view etag) {
  auto strip_weak = [](std::string_view t) {
    t = TrimWhitespace(t);
    if (t.size() >= 2 && t.substr(0, 2) == "W/") t.remove_prefix(2);
    return t;
  };
  std::string_view want = strip_weak(etag);
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = strip_weak(list.substr(0, comma));
    if (item == "*" || item == want) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// Applies a sidecar's "Name: value" lines; "Status: NNN" sets the status code.
void ApplySidecar(const std::string& text, Response* response) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l = TrimWhitespace(line);
    if (l.empty() || l.front() == '#') continue;
    std::size_t colon = l.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    std::string name(TrimWhitespace(l.substr(0, colon)));
    std::string value(TrimWhitespace(l.substr(colon + 1)));
    if (EqualsIgnoreCase(name, "Status")) {
      int code = 0;
      for (char c : value) {
        if (c < '0' || c > '9') break;
        code = code * 10 + (c - '0');
        if (code > 999) break;
      }
      if (code >= 100 && code <= 999) response->status = code;
      continue;
    }
    SetHeader(&response->headers, name, value);
  }
}

// Turns a 200 into a 304 when the request's validators say the client's copy is current.
void ApplyConditional(const Request& request, Response* response) {
  if (response->status != 200) return;
  std::optional<std::string_view> etag = FindHeader(response->headers, "ETag");
  std::optional<std::string_view> inm = FindHeader(request.headers, "If-None-Match");
  bool not_modified = false;
  if (inm) {
    // RFC 9110 13.1.2: when If-None-Match is present, If-Modified-Since is ignored.
    not_modified = etag && EtagListMatches(*inm, *etag);
  } else if (auto ims = FindHeader(request.headers, "If-Modified-Since")) {
    std::optional<std::string_view> lm = FindHeader(response->headers, "Last-Modified");
    std::optional<std::time_t> since = ParseHttpDate(*ims);
    std::optional<std::time_t> modified = lm ? ParseHttpDate(*lm) : std::nullopt;
    not_modified = since && modified && *modified <= *since;
  }
  if (!not_modified) return;
  response->status = 304;
  response->body.clear();
  RemoveHeader(&response->headers, "Content-Type");
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  struct Row {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Row kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".htm", "text/html; charset=utf-8"},
      {".xml", "application/xml"},           {".txt", "text/plain; charset=utf-8"},
      {".rss", "application/rss+xml"},       {".atom", "application/atom+xml"},
      {".gz", "application/gzip"},           {".json", "application/json"},
  };
  for (const Row& row : kTypes) {
    if (EndsWith(name, row.ext)) return row.type;
  }
  return "application/octet-stream";
}

Response ServeFile(const fs::path& root, const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = Simple(405, "only GET and HEAD are served from files");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const std::string& host = request.host;
  if (root.empty() || host.empty() || host.front() == '.' ||
      host.find_first_of("/\\") != std::string::npos) {
    return Simple(404, "no such virtual host");
  }
  std::error_code ec;
  fs::path host_dir = root / host;
  if (!fs::is_directory(host_dir, ec)) return Simple(404, "no such virtual host");

  std::optional<std::string> decoded = PercentDecode(request.path);
  if (!decoded || decoded->empty() || decoded->front() != '/') {
    return Simple(400, "bad path");
  }
  fs::path relative;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment == "..") return Simple(403, "path escapes the document root");
    if (!segment.empty() && segment != ".") relative /= std::string(segment);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  bool wants_index = decoded->back() == '/';
  if (wants_index) relative /= "index.html";
  std::string file_name = relative.filename().string();
  if (EndsWith(file_name, ".headers")) return Simple(404, "sidecar files are not served");

  fs::path full = host_dir / relative;
  if (!wants_index && fs::is_directory(full, ec)) {
    Response r = Simple(301, "moved");
    std::string location = request.path + "/";
    if (!request.query.empty()) location += "?" + request.query;
    r.headers.emplace_back("Location", location);
    return r;
  }
  if (!fs::is_regular_file(full, ec)) return Simple(404, "no such file");
  // Symbolic links must not lead out of the host folder either.
  fs::path canonical_root = fs::weakly_canonical(host_dir, ec);
  fs::path canonical_file = fs::weakly_canonical(full, ec);
  if (ec) return Simple(404, "no such file");
  auto [root_end, file_it] = std::mismatch(canonical_root.begin(), canonical_root.end(),
                                           canonical_file.begin(), canonical_file.end());
  if (root_end != canonical_root.end()) return Simple(403, "path escapes the document root");
  (void)file_it;

  Response response;
  if (!ReadWholeFile(full, &response.body)) return Simple(403, "file not readable");
  if (IsTextType(file_name)) {
    std::optional<std::string_view> raw_host = FindHeader(request.headers, "Host");
    std::string origin = "http://" + std::string(raw_host ? TrimWhitespace(*raw_host) : "");
    ReplaceAll(&response.body, "{{ORIGIN}}", origin);
  }
  struct stat st {};
  std::time_t mtime = ::stat(full.c_str(), &st) == 0 ? st.st_mtime : std::time(nullptr);
  response.headers.emplace_back("Content-Type", std::string(ContentTypeFor(file_name)));
  response.headers.emplace_back("Last-Modified", FormatHttpDate(mtime));
  response.headers.emplace_back("ETag", "\"" + HashHex(response.body) + "\"");

  fs::path sidecar = full;
  sidecar += ".headers";
  std::string sidecar_text;
  if (fs::is_regular_file(sidecar, ec) && ReadWholeFile(sidecar, &sidecar_text)) {
    ApplySidecar(sidecar_text, &response);
  }
  ApplyConditional(request, &response);
  return response;
}

}  // namespace vestige::testserver
