// HTTP/1.x responses as stored in WARC blocks: status line, headers, de-chunked payload, and
// Content-Encoding removal (through gzip.cc, the zlib seam).
//
// Every loop moves forward through the input, and headers are appended once each, so the work
// is linear in the input size whatever it holds.
#include "vestige/common/http.h"

#include <algorithm>

#include "gzip.h"

namespace vestige::common {
namespace {

// Decoded Content-Encoding output above this is refused: a zip bomb, not a web page.
constexpr std::size_t kMaxDecodedBytes = std::size_t{256} << 20;
// At most this many interim (1xx) responses are skipped before the final one.
constexpr int kMaxInterimResponses = 8;

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

struct Line {
  std::string_view text;  // without CR LF
  std::size_t next = 0;   // index after the line end
  bool complete = false;  // ended by LF (not by the end of input)
};

Line ReadLine(std::string_view s, std::size_t pos) {
  Line line;
  const std::size_t nl = s.find('\n', pos);
  if (nl == std::string_view::npos) {
    line.text = s.substr(pos);
    line.next = s.size();
    return line;
  }
  line.text = s.substr(pos, nl - pos);
  if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
  line.next = nl + 1;
  line.complete = true;
  return line;
}

std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  if (s.size() > 40) out += "...";
  return out;
}

// "HTTP/1.1 200 OK": version, three-digit status, optional reason. The version is "HTTP/" and a
// digit, then digits, letters or dots: lenient enough for "HTTP/2" and the WARC standard's own
// "HTTP/1.x" example.
bool ParseStatusLine(std::string_view line, HttpResponse* out) {
  if (line.substr(0, 5) != "HTTP/" || line.size() < 6 || !IsDigit(line[5])) return false;
  std::size_t i = 6;
  auto version_char = [](char c) {
    return IsDigit(c) || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  while (i < line.size() && version_char(line[i])) ++i;
  out->version = std::string(line.substr(0, i));
  const std::size_t spaces = i;
  while (i < line.size() && IsSpace(line[i])) ++i;
  if (i == spaces || i + 3 > line.size()) return false;
  if (!IsDigit(line[i]) || !IsDigit(line[i + 1]) || !IsDigit(line[i + 2])) return false;
  out->status = (line[i] - '0') * 100 + (line[i + 1] - '0') * 10 + (line[i + 2] - '0');
  i += 3;
  if (i < line.size() && !IsSpace(line[i])) return false;
  out->reason = std::string(Trim(line.substr(i)));
  return true;
}

// Parses header lines from `pos` to the blank line. Returns the index after the blank line, or
// npos when the input ends first.
std::size_t ParseHeaders(std::string_view bytes, std::size_t pos, HttpHeaders* headers) {
  while (pos < bytes.size()) {
    const Line line = ReadLine(bytes, pos);
    pos = line.next;
    if (line.text.empty() && line.complete) return pos;
    if (!line.complete) return std::string_view::npos;
    if (IsSpace(line.text.front())) {  // obsolete line folding
      const std::string_view more = Trim(line.text);
      if (!headers->empty() && !more.empty()) {
        std::string& value = headers->back().second;
        if (!value.empty()) value += ' ';
        value += more;
      }
      continue;
    }
    const std::size_t colon = line.text.find(':');
    if (colon == std::string_view::npos) continue;  // not a header: skipped, as browsers do
    const std::string_view name = Trim(line.text.substr(0, colon));
    if (name.empty()) continue;
    headers->emplace_back(std::string(name), std::string(Trim(line.text.substr(colon + 1))));
  }
  return std::string_view::npos;
}

// Parses a chunk-size line: hex digits, then optional whitespace and ";extensions".
std::optional<std::uint64_t> ChunkSize(std::string_view line) {
  line = Trim(line);
  std::uint64_t size = 0;
  std::size_t i = 0;
  for (; i < line.size(); ++i) {
    const char c = LowerAscii(line[i]);
    int v = -1;
    if (IsDigit(c)) v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (v < 0) break;
    // Saturate: a size this big is never there in full, so the body reads as truncated.
    size = size > (std::uint64_t{1} << 59) ? size : size * 16 + static_cast<std::uint64_t>(v);
  }
  if (i == 0) return std::nullopt;
  while (i < line.size() && IsSpace(line[i])) ++i;
  if (i < line.size() && line[i] != ';') return std::nullopt;
  return size;
}

enum class ChunkedResult { kOk, kTruncated, kNotChunked };

ChunkedResult DecodeChunked(std::string_view body, std::string* out) {
  std::size_t pos = 0;
  bool first = true;
  for (;;) {
    if (pos >= body.size()) return ChunkedResult::kTruncated;
    const Line line = ReadLine(body, pos);
    const std::optional<std::uint64_t> size = ChunkSize(line.text);
    if (!size) return first ? ChunkedResult::kNotChunked : ChunkedResult::kTruncated;
    if (!line.complete) return ChunkedResult::kTruncated;
    first = false;
    pos = line.next;
    if (*size == 0) {
      // Trailer fields, parsed and dropped, up to the blank line (which may be missing).
      HttpHeaders trailers;
      (void)ParseHeaders(body, pos, &trailers);
      return ChunkedResult::kOk;
    }
    const std::size_t avail = body.size() - pos;
    if (*size > avail) {
      out->append(body.substr(pos));
      return ChunkedResult::kTruncated;
    }
    out->append(body.substr(pos, static_cast<std::size_t>(*size)));
    pos += static_cast<std::size_t>(*size);
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (body.substr(pos, 1) == "\n") {
      pos += 1;
    } else {
      return ChunkedResult::kTruncated;  // cut off, or data longer than its size line said
    }
  }
}

bool IsChunked(const HttpHeaders& headers) {
  const std::optional<std::string_view> te = FindHeader(headers, "Transfer-Encoding");
  if (!te) return false;
  std::string_view codings = *te;
  const std::size_t comma = codings.rfind(',');
  if (comma != std::string_view::npos) codings = codings.substr(comma + 1);
  return EqualsIgnoreCase(Trim(codings), "chunked");
}

std::optional<std::uint64_t> ContentLength(const HttpHeaders& headers) {
  const std::optional<std::string_view> v = FindHeader(headers, "Content-Length");
  if (!v) return std::nullopt;
  const std::string_view text = Trim(*v);
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

}  // namespace

std::optional<std::string_view> FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

Result<HttpResponse> ParseHttpResponse(std::string_view bytes) {
  HttpResponse out;
  std::size_t pos = 0;
  for (int interim = 0;; ++interim) {
    // Some servers send blank lines before the status line; skip them.
    while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) ++pos;
    const Line status = ReadLine(bytes, pos);
    out = HttpResponse();
    if (!ParseStatusLine(status.text, &out)) {
      return Status::Corruption("not an HTTP response: bad status line '" + Printable(status.text) +
                                "'");
    }
    if (!status.complete) {  // nothing but a status line, cut off
      out.header_bytes = bytes.size();
      out.truncated = true;
      return out;
    }
    const std::size_t end = ParseHeaders(bytes, status.next, &out.headers);
    if (end == std::string_view::npos) {  // the headers never end: the response was cut off
      out.header_bytes = bytes.size();
      out.truncated = true;
      return out;
    }
    out.header_bytes = end;
    pos = end;
    // An interim response (100 Continue, 103 Early Hints) may precede the real one.
    const bool is_interim = out.status >= 100 && out.status < 200 && out.status != 101;
    if (!is_interim || interim >= kMaxInterimResponses || bytes.substr(pos, 5) != "HTTP/") {
      break;
    }
  }
  const std::string_view body = bytes.substr(out.header_bytes);
  const bool no_body_expected =
      out.status == 204 || out.status == 304 || (out.status >= 100 && out.status < 200);
  if (IsChunked(out.headers) && !(body.empty() && no_body_expected)) {
    switch (DecodeChunked(body, &out.payload)) {
      case ChunkedResult::kOk:
        return out;
      case ChunkedResult::kTruncated:
        out.truncated = true;
        return out;
      case ChunkedResult::kNotChunked:  // a de-chunked body kept with its header: use as is
        out.payload.clear();
        break;
    }
  }
  out.payload = std::string(body);
  const std::optional<std::uint64_t> length = ContentLength(out.headers);
  if (length && *length > body.size() && !no_body_expected) out.truncated = true;
  return out;
}

Result<std::string> DecodeContentEncoding(std::string_view payload, std::string_view encoding) {
  // Codings are listed in the order they were applied; undo them last first.
  std::vector<std::string> codings;
  std::size_t start = 0;
  while (start <= encoding.size()) {
    std::size_t comma = encoding.find(',', start);
    if (comma == std::string_view::npos) comma = encoding.size();
    const std::string coding = Lower(Trim(encoding.substr(start, comma - start)));
    if (!coding.empty() && coding != "identity") {
      if (coding != "gzip" && coding != "x-gzip" && coding != "deflate") {
        return Status::InvalidArgument("unsupported Content-Encoding '" + coding + "'");
      }
      codings.push_back(coding);
    }
    start = comma + 1;
  }
  std::string data(payload);
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    if (data.empty()) break;
    Result<std::string> decoded = *it == "deflate" ? gzip::InflateDeflate(data, kMaxDecodedBytes)
                                                   : gzip::GunzipAll(data, kMaxDecodedBytes);
    if (!decoded.ok()) return decoded.status();
    data = std::move(decoded).value();
  }
  return data;
}

std::string MimeType(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  return Lower(Trim(content_type.substr(0, semi)));
}

std::string CharsetParam(std::string_view content_type) {
  std::size_t pos = content_type.find(';');
  while (pos != std::string_view::npos && pos < content_type.size()) {
    const std::size_t begin = pos + 1;
    // The parameter ends at the next ';' outside double quotes.
    std::size_t end = begin;
    bool quoted = false;
    while (end < content_type.size() && (quoted || content_type[end] != ';')) {
      if (content_type[end] == '"') quoted = !quoted;
      if (quoted && content_type[end] == '\\') ++end;
      ++end;
    }
    const std::string_view param =
        content_type.substr(begin, std::min(end, content_type.size()) - begin);
    const std::size_t eq = param.find('=');
    if (eq != std::string_view::npos && EqualsIgnoreCase(Trim(param.substr(0, eq)), "charset")) {
      std::string_view value = Trim(param.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = Trim(value.substr(1, value.size() - 2));
      } else if (!value.empty() && value.front() == '"') {
        value = Trim(value.substr(1));
      }
      return Lower(value);
    }
    pos = end < content_type.size() ? end : std::string_view::npos;
  }
  return "";
}

}  // namespace vestige::common
