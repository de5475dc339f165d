// The WARC record model: field access, ids, dates, digests, and (de)serialization of one record.
// The streaming reader and the writer live in warc_reader.cc and warc_writer.cc.
#include "vestige/common/warc.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <random>

#include "sha.h"
#include "warc_parse.h"

namespace vestige::common {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

constexpr std::array<std::pair<WarcType, std::string_view>, 8> kTypeNames = {{
    {WarcType::kWarcinfo, "warcinfo"},
    {WarcType::kResponse, "response"},
    {WarcType::kResource, "resource"},
    {WarcType::kRequest, "request"},
    {WarcType::kMetadata, "metadata"},
    {WarcType::kRevisit, "revisit"},
    {WarcType::kConversion, "conversion"},
    {WarcType::kContinuation, "continuation"},
}};

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 4) / 5 * 8);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : bytes) {
    acc = (acc << 8) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(acc << (5 - bits)) & 31];
  while (out.size() % 8 != 0) out += '=';
  return out;
}

// Decodes base32 (either case, padding already stripped); nullopt on a bad character.
std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : text) {
    const char up = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    const std::size_t v = kBase32Alphabet.find(up);
    if (v == std::string_view::npos) return std::nullopt;
    acc = ((acc << 5) | static_cast<std::uint32_t>(v)) & 0xfffu;
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((acc >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Base16Decode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = HexValue(text[i]);
    const int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// A digest value as raw bytes of length `want`: base16 when it has exactly 2*want hex digits,
// base32 otherwise.
std::optional<std::string> DecodeDigestValue(std::string_view value, std::size_t want) {
  while (!value.empty() && value.back() == '=') value.remove_suffix(1);
  if (value.size() == 2 * want) {
    if (std::optional<std::string> hex = Base16Decode(value)) return hex;
  }
  std::optional<std::string> b32 = Base32Decode(value);
  if (!b32 || b32->size() != want) return std::nullopt;
  return b32;
}

bool IsFieldNameChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7f && c != ':';
}

}  // namespace

std::string_view WarcTypeName(WarcType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

WarcType ParseWarcType(std::string_view name) {
  name = Trim(name);
  for (const auto& [t, n] : kTypeNames) {
    if (EqualsIgnoreCase(n, name)) return t;
  }
  return WarcType::kUnknown;
}

std::optional<std::string_view> WarcRecord::header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

void WarcRecord::set_header(std::string_view name, std::string value) {
  for (auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

WarcType WarcRecord::type() const { return ParseWarcType(header("WARC-Type").value_or("")); }
std::string_view WarcRecord::record_id() const { return header("WARC-Record-ID").value_or(""); }
std::string_view WarcRecord::target_uri() const { return header("WARC-Target-URI").value_or(""); }
std::string_view WarcRecord::date() const { return header("WARC-Date").value_or(""); }

std::string NewRecordId() {
  // One generator per thread, seeded from the OS: ids need to be unique, not secret.
  thread_local std::mt19937_64 engine = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  std::array<unsigned char, 16> b{};
  for (std::size_t i = 0; i < b.size(); i += 8) {
    std::uint64_t r = engine();
    for (std::size_t j = 0; j < 8; ++j) b[i + j] = static_cast<unsigned char>(r >> (8 * j));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<urn:uuid:";
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  out += '>';
  return out;
}

std::string FormatWarcDate(std::chrono::system_clock::time_point t) {
  using std::chrono::duration_cast;
  const auto us = std::chrono::floor<std::chrono::microseconds>(t.time_since_epoch());
  const auto secs = std::chrono::floor<std::chrono::seconds>(us);
  const auto micros = (us - secs).count();
  const std::time_t tt = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(micros));
  return buf;
}

std::string Sha256Digest(std::string_view bytes) {
  return "sha256:" + Base32Encode(sha::Sha256(bytes));
}

Result<bool> DigestMatches(std::string_view labelled_digest, std::string_view bytes) {
  const std::string_view text = Trim(labelled_digest);
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Status::InvalidArgument("digest '" + std::string(text) + "' has no algorithm label");
  }
  const std::string algo = Lower(Trim(text.substr(0, colon)));
  const std::string_view value = Trim(text.substr(colon + 1));
  std::size_t want = 0;
  if (algo == "sha1" || algo == "sha-1") {
    want = sha::kSha1Bytes;
  } else if (algo == "sha256" || algo == "sha-256") {
    want = sha::kSha256Bytes;
  } else {
    return Status::InvalidArgument("unsupported digest algorithm '" + algo + "'");
  }
  const std::optional<std::string> expected = DecodeDigestValue(value, want);
  if (!expected) {
    return Status::InvalidArgument("digest value '" + std::string(value) +
                                   "' is not base32 or base16 of a " + algo + " digest");
  }
  const std::string actual = want == sha::kSha1Bytes ? sha::Sha1(bytes) : sha::Sha256(bytes);
  return actual == *expected;
}

std::string SerializeWarcRecord(const WarcRecord& record) {
  std::string out;
  std::size_t size = record.version.size() + record.block.size() + 64;
  for (const auto& [n, v] : record.headers) size += n.size() + v.size() + 4;
  out.reserve(size);
  out += record.version.empty() ? std::string_view("WARC/1.1") : std::string_view(record.version);
  out += "\r\n";
  bool wrote_length = false;
  for (const auto& [n, v] : record.headers) {
    if (EqualsIgnoreCase(n, "Content-Length")) {
      if (wrote_length) continue;  // a repeated Content-Length is dropped
      wrote_length = true;
      out += n;
      out += ": ";
      out += std::to_string(record.block.size());
      out += "\r\n";
      continue;
    }
    out += n;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  if (!wrote_length) {
    out += "Content-Length: ";
    out += std::to_string(record.block.size());
    out += "\r\n";
  }
  out += "\r\n";
  out += record.block;
  out += "\r\n\r\n";
  return out;
}

namespace warc_internal {

bool LooksLikeVersionStart(std::string_view bytes) {
  constexpr std::string_view kPrefix = "WARC/";
  const std::size_t n = std::min(bytes.size(), kPrefix.size());
  return bytes.substr(0, n) == kPrefix.substr(0, n);
}

std::size_t FindHeadEnd(std::string_view bytes, std::size_t from) {
  std::size_t i = from >= 2 ? from - 2 : 0;
  while (i < bytes.size()) {
    i = bytes.find('\n', i);
    if (i == std::string_view::npos) return std::string_view::npos;
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
    if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
    ++i;
  }
  return std::string_view::npos;
}

namespace {

// "WARC/<major>.<minor>" with major 0 or 1 (0.17, 0.18, 1.0, 1.1, and later 1.x).
bool ValidVersion(std::string_view v) {
  if (v.substr(0, 5) != "WARC/") return false;
  v.remove_prefix(5);
  const std::size_t dot = v.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view major = v.substr(0, dot);
  const std::string_view minor = v.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 4 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(major) && digits(minor) && (major == "0" || major == "1");
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

}  // namespace

Result<WarcHead> ParseWarcHead(std::string_view head) {
  WarcHead out;
  std::size_t pos = 0;
  std::size_t line_no = 0;
  bool blank_seen = false;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = head.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    if (line_no == 1) {
      while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
      if (!ValidVersion(line)) {
        return Status::Corruption("bad WARC version line '" + Printable(line) + "'");
      }
      out.version = std::string(line);
      continue;
    }
    if (line.empty()) {
      blank_seen = true;
      break;
    }
    if (IsSpace(line.front())) {  // continuation of the previous field
      if (out.headers.empty()) {
        return Status::Corruption("WARC field line " + std::to_string(line_no) +
                                  " continues no field");
      }
      const std::string_view more = Trim(line);
      if (!more.empty()) {
        std::string& value = out.headers.back().second;
        if (!value.empty()) value += ' ';
        value += more;
      }
      continue;
    }
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), IsFieldNameChar)) {
      return Status::Corruption("bad WARC field line " + std::to_string(line_no) + " '" +
                                Printable(line) + "'");
    }
    out.headers.emplace_back(std::string(name), std::string(Trim(line.substr(colon + 1))));
  }
  if (line_no == 0) return Status::Corruption("empty WARC record head");
  if (!blank_seen) return Status::Corruption("WARC record head has no blank line");
  const std::pair<std::string, std::string>* length = nullptr;
  for (const auto& field : out.headers) {
    if (EqualsIgnoreCase(field.first, "Content-Length")) {
      length = &field;
      break;
    }
  }
  if (length == nullptr) return Status::Corruption("WARC record has no Content-Length");
  const std::string& text = length->second;
  std::uint64_t n = 0;
  bool ok = !text.empty();
  for (char c : text) {
    if (c < '0' || c > '9' || n > kMaxContentLength) {
      ok = false;
      break;
    }
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok) return Status::Corruption("bad WARC Content-Length '" + Printable(text) + "'");
  if (n > kMaxContentLength) {
    return Status::Corruption("absurd WARC Content-Length " + text + " (over 64 GiB)");
  }
  out.content_length = n;
  return out;
}

std::optional<std::size_t> MatchTrailer(std::string_view after, bool bounded) {
  std::size_t i = 0;
  int ends = 0;
  while (ends < 2) {
    if (i < after.size() && after[i] == '\n') {
      i += 1;
    } else if (i + 1 < after.size() && after[i] == '\r' && after[i + 1] == '\n') {
      i += 2;
    } else {
      break;
    }
    ++ends;
  }
  if (ends == 2) return i;
  if (i + 1 == after.size() && after[i] == '\r') ++i;  // a CR whose LF was cut off
  if (bounded && i == after.size()) return i;
  return std::nullopt;
}

}  // namespace warc_internal

Result<WarcRecord> ParseWarcRecord(std::string_view bytes, std::size_t* consumed) {
  using namespace warc_internal;
  if (bytes.empty()) return Status::Corruption("no WARC record: empty input");
  if (!LooksLikeVersionStart(bytes)) {
    return Status::Corruption("not a WARC record: input does not start with 'WARC/'");
  }
  const std::size_t head_end = FindHeadEnd(bytes);
  if (head_end == std::string_view::npos) {
    return Status::Corruption("WARC record head has no blank line (torn record?)");
  }
  Result<WarcHead> head = ParseWarcHead(bytes.substr(0, head_end));
  if (!head.ok()) return head.status();
  const std::uint64_t have = bytes.size() - head_end;
  if (head->content_length > have) {
    return Status::Corruption("torn WARC record: block has " + std::to_string(have) + " of its " +
                              std::to_string(head->content_length) + " bytes");
  }
  const auto length = static_cast<std::size_t>(head->content_length);
  const std::optional<std::size_t> trailer =
      MatchTrailer(bytes.substr(head_end + length), /*bounded=*/true);
  if (!trailer) {
    return Status::Corruption("no CRLF CRLF after the WARC record block (wrong Content-Length?)");
  }
  WarcRecord record;
  record.version = std::move(head->version);
  record.headers = std::move(head->headers);
  record.block = std::string(bytes.substr(head_end, length));
  if (consumed != nullptr) *consumed = head_end + length + *trailer;
  return record;
}

}  // namespace vestige::common
