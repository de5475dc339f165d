// ParseHttpResponse, DecodeContentEncoding, FindHeader, MimeType and CharsetParam.
#include "vestige/common/http.h"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "../../common/src/gzip.h"  // internal: to build gzip bodies

namespace vestige::common {
namespace {

using namespace std::string_literals;

std::string Hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

TEST_CASE("HTTP status line, headers and body") {
  struct Row {
    std::string name;
    std::string input;
    std::string version;
    int status;
    std::string reason;
    std::size_t header_count;
    std::size_t header_bytes;
    std::string payload;
    bool truncated;
  };
  const std::vector<Row> rows = {
      {"simple", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>", "HTTP/1.1", 200,
       "OK", 1, 44, "<p>hi</p>", false},
      {"empty reason", "HTTP/1.1 204\r\n\r\n", "HTTP/1.1", 204, "", 0, 16, "", false},
      {"empty reason with space", "HTTP/1.0 404 \r\nA: b\r\n\r\nx", "HTTP/1.0", 404, "", 1, 23, "x",
       false},
      {"reason with spaces", "HTTP/1.1 301 Moved Permanently\r\n\r\n", "HTTP/1.1", 301,
       "Moved Permanently", 0, 34, "", false},
      {"bare LF", "HTTP/1.1 200 OK\nA: 1\nB: 2\n\nbody\n", "HTTP/1.1", 200, "OK", 2, 27, "body\n",
       false},
      {"HTTP/2 and the WARC annex's HTTP/1.x", "HTTP/1.x 304 Not Modified\r\n\r\n", "HTTP/1.x", 304,
       "Not Modified", 0, 29, "", false},
      {"HTTP/2", "HTTP/2 200\r\n\r\nz", "HTTP/2", 200, "", 0, 14, "z", false},
      {"Content-Length matches", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", "HTTP/1.1", 200,
       "OK", 1, 38, "abc", false},
      {"Content-Length short body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "HTTP/1.1",
       200, "OK", 1, 39, "abc", true},
      {"Content-Length smaller than body: the rest of the block is kept",
       "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nabc", "HTTP/1.1", 200, "OK", 1, 38, "abc",
       false},
      {"bad Content-Length ignored", "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nabc", "HTTP/1.1",
       200, "OK", 1, 38, "abc", false},
      {"304 with Content-Length and no body",
       "HTTP/1.1 304 Not Modified\r\nContent-Length: 500\r\n\r\n", "HTTP/1.1", 304, "Not Modified",
       1, 50, "", false},
      {"headers never end", "HTTP/1.1 200 OK\r\nA: b\r\n", "HTTP/1.1", 200, "OK", 1, 23, "", true},
      {"status line only, no LF", "HTTP/1.1 200 OK", "HTTP/1.1", 200, "OK", 0, 15, "", true},
      {"line without colon skipped", "HTTP/1.1 200 OK\r\nnonsense\r\nA: b\r\n\r\n", "HTTP/1.1", 200,
       "OK", 1, 35, "", false},
      {"leading blank lines skipped", "\r\n\r\nHTTP/1.1 200 OK\r\n\r\nx", "HTTP/1.1", 200, "OK", 0,
       23, "x", false},
      {"100 Continue before the real response",
       "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nA: b\r\n\r\ndone", "HTTP/1.1", 201,
       "Created", 1, 55, "done", false},
      {"binary body kept", "HTTP/1.1 200 OK\r\n\r\n\0\xff\r\n"s, "HTTP/1.1", 200, "OK", 0, 19,
       "\0\xff\r\n"s, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Result<HttpResponse> r = ParseHttpResponse(row.input);
    REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    CHECK(r->version == row.version);
    CHECK(r->status == row.status);
    CHECK(r->reason == row.reason);
    CHECK(r->headers.size() == row.header_count);
    CHECK(r->header_bytes == row.header_bytes);
    CHECK(r->payload == row.payload);
    CHECK(r->truncated == row.truncated);
  }
}

TEST_CASE("HTTP headers: order kept, obs-fold joined, lookup case-insensitive") {
  Result<HttpResponse> r = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Long: one\r\n two\r\n\tthree\r\n"
      "set-cookie: b=2\r\nEmpty:\r\nSpaced  :  v  \r\n\r\n");
  REQUIRE(r.ok());
  const HttpHeaders expected = {{"Set-Cookie", "a=1"},
                                {"X-Long", "one two three"},
                                {"set-cookie", "b=2"},
                                {"Empty", ""},
                                {"Spaced", "v"}};
  CHECK(r->headers == expected);
  CHECK(FindHeader(r->headers, "SET-COOKIE") == "a=1");
  CHECK(FindHeader(r->headers, "x-long") == "one two three");
  CHECK(FindHeader(r->headers, "empty") == "");
  CHECK_FALSE(FindHeader(r->headers, "Missing").has_value());
}

TEST_CASE("HTTP chunked bodies are decoded") {
  struct Row {
    std::string name;
    std::string body;  // after "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    std::string payload;
    bool truncated;
  };
  const std::vector<Row> rows = {
      {"two chunks", "4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n", "Wikipedia", false},
      {"upper-case hex and extensions", "A;name=val\r\n0123456789\r\n0;x\r\n\r\n", "0123456789",
       false},
      {"size with spaces before the extension", "3 ;ext\r\nabc\r\n0\r\n\r\n", "abc", false},
      {"trailers parsed and dropped", "3\r\nabc\r\n0\r\nExpires: never\r\nX-T: 1\r\n\r\n", "abc",
       false},
      {"bare LF", "3\nabc\n0\n\n", "abc", false},
      {"no blank line after the last chunk", "3\r\nabc\r\n0\r\n", "abc", false},
      {"leading zeros", "0003\r\nabc\r\n000\r\n\r\n", "abc", false},
      {"CRLF inside chunk data", "4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n", false},
      {"cut inside chunk data", "a\r\n01234", "01234", true},
      {"cut after a chunk, no last chunk", "3\r\nabc\r\n", "abc", true},
      {"cut inside a size line", "3\r\nabc\r\n1", "abc", true},
      {"chunk longer than its size", "3\r\nabcdef\r\n0\r\n\r\n", "abc", true},
      {"bad size line after a chunk", "3\r\nabc\r\nzz\r\n", "abc", true},
      {"huge size", "ffffffffffffffffffff\r\nabc", "abc", true},
      {"huge size that fits 64 bits", "7fffffffffffffff\r\nabc", "abc", true},
      {"not actually chunked: used as is", "<html>hello</html>", "<html>hello</html>", false},
      {"empty body", "", "", true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    Result<HttpResponse> r = ParseHttpResponse(head + row.body);
    REQUIRE(r.ok());
    CHECK(r->header_bytes == head.size());
    CHECK(r->payload == row.payload);
    CHECK(r->truncated == row.truncated);
  }
  // "chunked" must be the last transfer coding; case does not matter.
  Result<HttpResponse> listed = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");
  REQUIRE(listed.ok());
  CHECK(listed->payload == "x");
  Result<HttpResponse> not_last =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n1\r\nx\r\n");
  REQUIRE(not_last.ok());
  CHECK(not_last->payload == "1\r\nx\r\n");
  // Chunked wins over Content-Length (RFC 9112 6.3).
  Result<HttpResponse> both = ParseHttpResponse(
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: "
      "chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");
  REQUIRE(both.ok());
  CHECK(both->payload == "x");
  CHECK_FALSE(both->truncated);
}

TEST_CASE("HTTP ParseHttpResponse refuses blocks that are not responses") {
  const std::string rows[] = {
      "",
      "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
      "HTTP/1.1\r\n\r\n",
      "HTTP/1.1 20\r\n\r\n",
      "HTTP/1.1 2000 OK\r\n\r\n",
      "HTTP/1.1 abc OK\r\n\r\n",
      "HTTP/ 200 OK\r\n\r\n",
      "HTTP/x 200 OK\r\n\r\n",
      "HTTP/1.1200 OK\r\n\r\n",
      "WARC/1.1\r\n\r\n",
      "\r\n\r\n",
      "<html>",
  };
  for (const std::string& input : rows) {
    CAPTURE(input);
    Result<HttpResponse> r = ParseHttpResponse(input);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kCorruption);
    CHECK(r.status().message().find("not an HTTP response") != std::string::npos);
  }
}

TEST_CASE("HTTP parsing stays linear on huge header counts and folds") {
  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 200000; ++i) many += "X-H: v\r\n";
  many += "\r\nbody";
  std::string folded = "HTTP/1.1 200 OK\r\nX: a\r\n";
  for (int i = 0; i < 200000; ++i) folded += " b\r\n";
  folded += "\r\n";
  std::string chunks = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 200000; ++i) chunks += "1\r\nx\r\n";
  chunks += "0\r\n\r\n";
  const auto start = std::chrono::steady_clock::now();
  Result<HttpResponse> a = ParseHttpResponse(many);
  Result<HttpResponse> b = ParseHttpResponse(folded);
  Result<HttpResponse> c = ParseHttpResponse(chunks);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(a->headers.size() == 200000);
  CHECK(a->payload == "body");
  CHECK(b->headers.size() == 1);
  CHECK(b->headers[0].second.size() == 1 + 2 * 200000);
  CHECK(c->payload == std::string(200000, 'x'));
  CHECK(elapsed < std::chrono::seconds(10));  // quadratic work would take minutes
}

TEST_CASE("HTTP DecodeContentEncoding") {
  const std::string text = "<html><body>Минск, 2021</body></html>";
  const std::string gz = gzip::CompressMember(text);
  struct Row {
    std::string name;
    std::string payload;
    std::string encoding;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"gzip", gz, "gzip", text},
      {"x-gzip, upper case, spaces", gz, " X-GZIP ", text},
      {"gzip, two members", gzip::CompressMember("abc") + gzip::CompressMember("def"), "gzip",
       "abcdef"},
      {"gzip, junk after the member ignored", gz + "\0\0\0"s, "gzip", text},
      {"deflate, zlib-wrapped", Hex("789ccb48cdc9c90700062c0215"), "deflate", "hello"},
      {"deflate, raw", Hex("cb48cdc9c90700"), "deflate", "hello"},
      {"identity", "plain", "identity", "plain"},
      {"empty encoding", "plain", "", "plain"},
      {"gzip applied twice", gzip::CompressMember(gz), "gzip, gzip", text},
      {"gzip then identity", gz, "gzip, identity", text},
      {"empty payload", "", "gzip", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Result<std::string> r = DecodeContentEncoding(row.payload, row.encoding);
    REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    CHECK(*r == row.expected);
  }
  struct Bad {
    std::string name;
    std::string payload;
    std::string encoding;
    Status::Code code;
  };
  std::string damaged = gz;
  damaged[damaged.size() - 6] = static_cast<char>(damaged[damaged.size() - 6] ^ 1);  // CRC
  const std::vector<Bad> bad = {
      {"brotli", "x", "br", Status::Code::kInvalidArgument},
      {"compress", "x", "compress", Status::Code::kInvalidArgument},
      {"gzip then brotli", gz, "gzip, br", Status::Code::kInvalidArgument},
      {"not gzip", "plain text", "gzip", Status::Code::kCorruption},
      {"truncated gzip", gz.substr(0, gz.size() / 2), "gzip", Status::Code::kCorruption},
      {"gzip with a bad CRC", damaged, "gzip", Status::Code::kCorruption},
      {"not deflate", "\xff\xff\xff\xff", "deflate", Status::Code::kCorruption},
      {"truncated deflate", Hex("789ccb48cd"), "deflate", Status::Code::kCorruption},
  };
  for (const Bad& row : bad) {
    CAPTURE(row.name);
    Result<std::string> r = DecodeContentEncoding(row.payload, row.encoding);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == row.code);
  }
}

TEST_CASE("HTTP DecodeContentEncoding refuses zip bombs past 256 MiB") {
  // 300 members of 1 MiB of zeros each: about 300 KB that would inflate to 300 MiB.
  const std::string member = gzip::CompressMember(std::string(1 << 20, '\0'));
  std::string bomb;
  for (int i = 0; i < 300; ++i) bomb += member;
  Result<std::string> r = DecodeContentEncoding(bomb, "gzip");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kCorruption);
  CHECK(r.status().message().find("decompressed size exceeds 256 MiB") != std::string::npos);
  // Just under the cap is fine.
  std::string under;
  for (int i = 0; i < 256; ++i) under += member;
  Result<std::string> ok = DecodeContentEncoding(under, "gzip");
  REQUIRE(ok.ok());
  CHECK(ok->size() == std::size_t{256} << 20);
}

TEST_CASE("HTTP MimeType and CharsetParam") {
  struct Row {
    std::string content_type;
    std::string mime;
    std::string charset;
  };
  const std::vector<Row> rows = {
      {"text/html", "text/html", ""},
      {"text/html; charset=UTF-8", "text/html", "utf-8"},
      {"Text/HTML;Charset=\"windows-1251\"", "text/html", "windows-1251"},
      {"  application/xhtml+xml ; foo=bar; charset = koi8-r ", "application/xhtml+xml", "koi8-r"},
      {"text/plain; name=\"a;b\"; charset=iso-8859-1", "text/plain", "iso-8859-1"},
      {"text/html; charset=", "text/html", ""},
      {"text/html; charset=\"utf-8", "text/html", "utf-8"},
      {"text/html; charsetx=utf-8", "text/html", ""},
      {"", "", ""},
      {";charset=utf-8", "", "utf-8"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.content_type);
    CHECK(MimeType(row.content_type) == row.mime);
    CHECK(CharsetParam(row.content_type) == row.charset);
  }
}

}  // namespace
}  // namespace vestige::common
