// The WARC record model: field access, ids, dates, digests, SerializeWarcRecord and
// ParseWarcRecord, including the WARC 1.1 standard's own example records (Annex C).
#include "vestige/common/warc.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

namespace vestige::common {
namespace {

using namespace std::string_literals;

// Joins lines with CRLF, as WARC heads are written.
std::string Crlf(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\r\n";
  return out;
}

// A block of `n` bytes covering all byte values: stands in for the spec's "[binary data here]".
std::string BinaryBytes(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += static_cast<char>((i * 37 + 11) & 0xff);
  return out;
}

TEST_CASE("WARC type names round trip") {
  struct Row {
    WarcType type;
    std::string_view name;
  };
  const Row rows[] = {
      {WarcType::kWarcinfo, "warcinfo"},     {WarcType::kResponse, "response"},
      {WarcType::kResource, "resource"},     {WarcType::kRequest, "request"},
      {WarcType::kMetadata, "metadata"},     {WarcType::kRevisit, "revisit"},
      {WarcType::kConversion, "conversion"}, {WarcType::kContinuation, "continuation"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(WarcTypeName(row.type) == row.name);
    CHECK(ParseWarcType(row.name) == row.type);
  }
  CHECK(ParseWarcType("Response") == WarcType::kResponse);
  CHECK(ParseWarcType(" revisit ") == WarcType::kRevisit);
  CHECK(ParseWarcType("bogus") == WarcType::kUnknown);
  CHECK(ParseWarcType("") == WarcType::kUnknown);
  CHECK(WarcTypeName(WarcType::kUnknown) == "unknown");
}

TEST_CASE("WARC record fields: case-insensitive lookup, set_header replaces or appends") {
  WarcRecord r;
  r.headers = {{"WARC-Type", "response"},
               {"WARC-Record-ID", "<urn:uuid:1>"},
               {"warc-target-uri", "http://example.org/"},
               {"WARC-Date", "2024-01-02T03:04:05Z"},
               {"X-Dup", "first"},
               {"x-dup", "second"}};
  CHECK(r.type() == WarcType::kResponse);
  CHECK(r.record_id() == "<urn:uuid:1>");
  CHECK(r.target_uri() == "http://example.org/");
  CHECK(r.date() == "2024-01-02T03:04:05Z");
  CHECK(r.header("x-DUP") == "first");
  CHECK_FALSE(r.header("Missing").has_value());
  r.set_header("X-DUP", "replaced");
  CHECK(r.headers[4].second == "replaced");
  CHECK(r.headers[5].second == "second");
  r.set_header("New-Field", "v");
  REQUIRE(r.headers.size() == 7);
  CHECK(r.headers.back() == std::pair<std::string, std::string>("New-Field", "v"));
  WarcRecord empty;
  CHECK(empty.type() == WarcType::kUnknown);
  CHECK(empty.record_id().empty());
  CHECK(empty.target_uri().empty());
  CHECK(empty.date().empty());
}

TEST_CASE("WARC SerializeWarcRecord writes exact bytes and fixes Content-Length") {
  WarcRecord r;
  r.headers = {{"WARC-Type", "resource"}, {"Content-Length", "999"}, {"content-length", "5"}};
  r.block = "hello";
  CHECK(SerializeWarcRecord(r) ==
        "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
  WarcRecord no_length;
  no_length.version = "WARC/1.0";
  no_length.headers = {{"WARC-Type", "metadata"}};
  CHECK(SerializeWarcRecord(no_length) ==
        "WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
}

TEST_CASE("WARC serialize then parse round trip") {
  struct Row {
    std::string name;
    std::string version;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string block;
  };
  const std::vector<Row> rows = {
      {"empty block", "WARC/1.1", {{"WARC-Type", "warcinfo"}}, ""},
      {"text", "WARC/1.1", {{"WARC-Type", "resource"}, {"Content-Type", "text/plain"}}, "hi"},
      {"block with CRLFs and a fake record inside",
       "WARC/1.0",
       {{"WARC-Type", "response"}},
       "HTTP/1.1 200 OK\r\n\r\nWARC/1.1\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n"},
      {"binary", "WARC/1.1", {{"WARC-Type", "resource"}}, BinaryBytes(4096)},
      {"utf-8 field value", "WARC/1.1", {{"WARC-Target-URI", "http://пример.бел/Мінск"}}, "x"},
      {"empty field value", "WARC/1.1", {{"WARC-Identified-Payload-Type", ""}}, "y"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    WarcRecord r;
    r.version = row.version;
    r.headers = row.headers;
    r.block = row.block;
    const std::string bytes = SerializeWarcRecord(r);
    std::size_t consumed = 0;
    Result<WarcRecord> back = ParseWarcRecord(bytes, &consumed);
    REQUIRE(back.ok());
    CHECK(consumed == bytes.size());
    CHECK(back->version == row.version);
    CHECK(back->block == row.block);
    auto expected = row.headers;
    expected.emplace_back("Content-Length", std::to_string(row.block.size()));
    CHECK(back->headers == expected);
    CHECK(SerializeWarcRecord(*back) == bytes);
  }
}

// Annex C of the WARC 1.1 standard (ISO 28500:2017; text from iipc/warc-specifications), typed
// in line by line. Binary placeholders ("[image/jpeg binary data here]") become that many
// generated bytes. The annex's Content-Length values do not match its own text (its warcinfo
// block is 400 bytes with CRLFs but says 381), so "{len}" marks where the real length goes, in
// the position the annex puts the field.
struct SpecExample {
  std::string name;
  std::vector<std::string> head;  // version line and fields, "{len}" for Content-Length's value
  std::string block;
  WarcType type;
  std::string record_id;
  std::string target_uri;
  std::string date;
  std::pair<std::string, std::string> extra_field;  // one more field to check
};

std::string BuildExample(const SpecExample& ex) {
  std::string head = Crlf(ex.head);
  const std::size_t at = head.find("{len}");
  REQUIRE(at != std::string::npos);
  head.replace(at, 5, std::to_string(ex.block.size()));
  return head + "\r\n" + ex.block + "\r\n\r\n";
}

std::vector<SpecExample> SpecExamples() {
  const std::string jpeg_headers = Crlf({
      "HTTP/1.1 200 OK",
      "Date: Tue, 19 Sep 2006 17:18:40 GMT",
      "Server: Apache/2.0.54 (Ubuntu)",
      "Last-Modified: Mon, 16 Jun 2003 22:28:51 GMT",
      "ETag: \"3e45-67e-2ed02ec0\"",
      "Accept-Ranges: bytes",
      "Content-Length: 1662",
      "Connection: close",
      "Content-Type: image/jpeg",
      "",
  });
  const std::string jpeg = BinaryBytes(1662);
  return {
      {"warcinfo",
       {"WARC/1.0", "WARC-Type: warcinfo", "WARC-Date: 2006-09-19T17:20:14Z",
        "WARC-Record-ID: <urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>",
        "Content-Type: application/warc-fields", "Content-Length: {len}"},
       Crlf({"software: Heritrix 1.12.0 http://crawler.archive.org",
             "hostname: crawling017.archive.org", "ip: 207.241.227.234",
             "isPartOf: testcrawl-20050708", "description: testcrawl with WARC output",
             "operator: IA_Admin", "http-header-user-agent:",
             " Mozilla/5.0 (compatible; heritrix/1.4.0 +http://crawler.archive.org)",
             "format: WARC file version 1.0",
             "conformsTo:", " http://www.archive.org/documents/WarcFileFormat-1.0.html"}),
       WarcType::kWarcinfo,
       "<urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>",
       "",
       "2006-09-19T17:20:14Z",
       {"Content-Type", "application/warc-fields"}},
      {"request",
       {"WARC/1.0", "WARC-Type: request",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Warcinfo-ID: <urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>",
        "WARC-Date: 2006-09-19T17:20:24Z", "Content-Length: {len}",
        "WARC-Record-ID: <urn:uuid:4885803b-eebd-4b27-a090-144450c11594>",
        "Content-Type: application/http;msgtype=request",
        "WARC-Concurrent-To: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"},
       Crlf({"GET /images/logoc.jpg HTTP/1.0",
             "User-Agent: Mozilla/5.0 (compatible; heritrix/1.10.0)", "From: stack@example.org",
             "Connection: close", "Referer: http://www.archive.org/", "Host: www.archive.org",
             "Cookie: PHPSESSID=009d7bb11022f80605aa87e18224d824", ""}),
       WarcType::kRequest,
       "<urn:uuid:4885803b-eebd-4b27-a090-144450c11594>",
       "http://www.archive.org/images/logoc.jpg",
       "2006-09-19T17:20:24Z",
       {"WARC-Concurrent-To", "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"}},
      {"response",
       {"WARC/1.0", "WARC-Type: response",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Warcinfo-ID: <urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>",
        "WARC-Date: 2006-09-19T17:20:24Z",
        "WARC-Block-Digest: sha1:UZY6ND6CCHXETFVJD2MSS7ZENMWF7KQ2",
        "WARC-Payload-Digest: sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2",
        "WARC-IP-Address: 207.241.233.58",
        "WARC-Record-ID: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
        "Content-Type: application/http;msgtype=response",
        "WARC-Identified-Payload-Type: image/jpeg", "Content-Length: {len}"},
       jpeg_headers + jpeg,
       WarcType::kResponse,
       "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
       "http://www.archive.org/images/logoc.jpg",
       "2006-09-19T17:20:24Z",
       {"WARC-IP-Address", "207.241.233.58"}},
      {"resource",
       {"WARC/1.0", "WARC-Type: resource", "WARC-Target-URI: file://var/www/htdoc/images/logoc.jpg",
        "WARC-Date: 2006-09-30T16:40:32Z",
        "WARC-Record-ID: <urn:uuid:23200706-de3e-3c61-a131-g65d7fd80cc1>",
        "Content-Type: image/jpeg", "WARC-Payload-Digest: sha1:DBXHDRBXLF4OMUZ5DN4JJ2KFUAOB6VK8",
        "WARC-Block-Digest: sha1:DBXHDRBXLF4OMUZ5DN4JJ2KFUAOB6VK8", "Content-Length: {len}"},
       jpeg,
       WarcType::kResource,
       "<urn:uuid:23200706-de3e-3c61-a131-g65d7fd80cc1>",
       "file://var/www/htdoc/images/logoc.jpg",
       "2006-09-30T16:40:32Z",
       {"Content-Type", "image/jpeg"}},
      // The annex prints this one with a blank line before Content-Length (see the test below);
      // here the field sits in the head where it belongs.
      {"metadata",
       {"WARC/1.0", "WARC-Type: metadata",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Date: 2006-09-19T17:20:24Z",
        "WARC-Record-ID: <urn:uuid:16da6da0-bcdc-49c3-927e-57494593b943>",
        "WARC-Concurrent-To: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
        "Content-Type: application/warc-fields",
        "WARC-Block-Digest: sha1:VXT4AF5BBZVHDYKNC2CSM8TEAWDB6CH8", "Content-Length: {len}"},
       Crlf({"via: http://www.archive.org/", "hopsFromSeed: E", "fetchTimeMs: 565"}),
       WarcType::kMetadata,
       "<urn:uuid:16da6da0-bcdc-49c3-927e-57494593b943>",
       "http://www.archive.org/images/logoc.jpg",
       "2006-09-19T17:20:24Z",
       {"WARC-Concurrent-To", "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"}},
      {"revisit",
       {"WARC/1.0", "WARC-Type: revisit",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Date: 2007-03-06T00:43:35Z",
        "WARC-Profile: http://netpreserve.org/warc/1.0/server-not-modified",
        "WARC-Record-ID: <urn:uuid:16da6da0-bcdc-49c3-927e-57494593bbbb>",
        "WARC-Refers-To: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
        "Content-Type: message/http", "Content-Length: {len}"},
       Crlf({"HTTP/1.x 304 Not Modified", "Date: Tue, 06 Mar 2007 00:43:35 GMT",
             "Server: Apache/2.0.54 (Ubuntu) PHP/5.0.5-2ubuntu1.4", "Connection: Keep-Alive",
             "Keep-Alive: timeout=15, max=100", "Etag: \"3e45-67e-2ed02ec0\"", ""}),
       WarcType::kRevisit,
       "<urn:uuid:16da6da0-bcdc-49c3-927e-57494593bbbb>",
       "http://www.archive.org/images/logoc.jpg",
       "2007-03-06T00:43:35Z",
       {"WARC-Profile", "http://netpreserve.org/warc/1.0/server-not-modified"}},
      {"conversion",
       {"WARC/1.0", "WARC-Type: conversion",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Date: 2016-09-19T19:00:40Z",
        "WARC-Record-ID: <urn:uuid:16da6da0-bcdc-49c3-927e-57494593dddd>",
        "WARC-Refers-To: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
        "WARC-Block-Digest: sha1:XQMRY75YY42ZWC6JAT6KNXKD37F7MOEK", "Content-Type: image/neoimg",
        "Content-Length: {len}"},
       BinaryBytes(934),
       WarcType::kConversion,
       "<urn:uuid:16da6da0-bcdc-49c3-927e-57494593dddd>",
       "http://www.archive.org/images/logoc.jpg",
       "2016-09-19T19:00:40Z",
       {"WARC-Refers-To", "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"}},
      {"segmented response (first segment)",
       {"WARC/1.0", "WARC-Type: response",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Date: 2006-09-19T17:20:24Z",
        "WARC-Block-Digest: sha1:2ASS7ZUZY6ND6CCHXETFVJDENAWF7KQ2",
        "WARC-Payload-Digest: sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2",
        "WARC-IP-Address: 207.241.233.58",
        "WARC-Record-ID: <urn:uuid:39509228-ae2f-11b2-763a-aa4c6ec90bb0>", "WARC-Segment-Number: 1",
        "Content-Type: application/http;msgtype=response", "Content-Length: {len}"},
       jpeg_headers + jpeg.substr(0, 1360),
       WarcType::kResponse,
       "<urn:uuid:39509228-ae2f-11b2-763a-aa4c6ec90bb0>",
       "http://www.archive.org/images/logoc.jpg",
       "2006-09-19T17:20:24Z",
       {"WARC-Segment-Number", "1"}},
      {"continuation",
       {"WARC/1.0", "WARC-Type: continuation",
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
        "WARC-Date: 2006-09-19T17:20:24Z",
        "WARC-Block-Digest: sha1:T7HXETFVA92MSS7ZENMFZY6ND6WF7KB7",
        "WARC-Record-ID: <urn:uuid:70653950-a77f-b212-e434-7a7c6ec909ef>",
        "WARC-Segment-Origin-ID: <urn:uuid:39509228-ae2f-11b2-763a-aa4c6ec90bb0>",
        "WARC-Segment-Number: 2", "WARC-Segment-Total-Length: 1902",
        "WARC-Identified-Payload-Type: image/jpeg", "Content-Length: {len}"},
       jpeg.substr(1360),
       WarcType::kContinuation,
       "<urn:uuid:70653950-a77f-b212-e434-7a7c6ec909ef>",
       "http://www.archive.org/images/logoc.jpg",
       "2006-09-19T17:20:24Z",
       {"WARC-Segment-Origin-ID", "<urn:uuid:39509228-ae2f-11b2-763a-aa4c6ec90bb0>"}},
  };
}

TEST_CASE("WARC standard examples (WARC 1.1 Annex C) parse and re-serialize byte for byte") {
  std::string all;
  for (const SpecExample& ex : SpecExamples()) {
    CAPTURE(ex.name);
    const std::string bytes = BuildExample(ex);
    all += bytes;
    std::size_t consumed = 0;
    Result<WarcRecord> r = ParseWarcRecord(bytes, &consumed);
    REQUIRE(r.ok());
    CHECK(consumed == bytes.size());
    CHECK(r->version == "WARC/1.0");
    CHECK(r->type() == ex.type);
    CHECK(r->record_id() == ex.record_id);
    CHECK(r->target_uri() == ex.target_uri);
    CHECK(r->date() == ex.date);
    CHECK(r->header(ex.extra_field.first) == ex.extra_field.second);
    CHECK(r->header("Content-Length") == std::to_string(ex.block.size()));
    CHECK(r->block == ex.block);
    CHECK(SerializeWarcRecord(*r) == bytes);
  }
  // The same records back to back, as in a file.
  std::string_view rest = all;
  std::size_t count = 0;
  while (!rest.empty()) {
    std::size_t consumed = 0;
    Result<WarcRecord> r = ParseWarcRecord(rest, &consumed);
    REQUIRE(r.ok());
    REQUIRE(consumed > 0);
    rest.remove_prefix(consumed);
    ++count;
  }
  CHECK(count == SpecExamples().size());
}

TEST_CASE("WARC standard metadata example as printed (Content-Length below the blank line)") {
  // Annex C prints a blank line between the fields and "Content-Length: 59"; read literally, the
  // head has no Content-Length, which a reader must refuse rather than guess.
  const std::string bytes =
      Crlf({"WARC/1.0", "WARC-Type: metadata",
            "WARC-Target-URI: http://www.archive.org/images/logoc.jpg",
            "WARC-Date: 2006-09-19T17:20:24Z",
            "WARC-Record-ID: <urn:uuid:16da6da0-bcdc-49c3-927e-57494593b943>",
            "WARC-Concurrent-To: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>",
            "Content-Type: application/warc-fields",
            "WARC-Block-Digest: sha1:VXT4AF5BBZVHDYKNC2CSM8TEAWDB6CH8", "", "Content-Length: 59",
            "via: http://www.archive.org/", "hopsFromSeed: E", "fetchTimeMs: 565"});
  std::size_t consumed = 0;
  Result<WarcRecord> r = ParseWarcRecord(bytes, &consumed);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kCorruption);
  CHECK(r.status().message().find("no Content-Length") != std::string::npos);
}

TEST_CASE("WARC ParseWarcRecord accepts old versions, folding, bare LF, missing final CRLFs") {
  struct Row {
    std::string name;
    std::string input;
    std::string version;
    std::string field;  // value of X-F
    std::string block;
    std::size_t leftover;  // bytes not consumed
  };
  const std::vector<Row> rows = {
      {"1.1", "WARC/1.1\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n", "WARC/1.1", "a", "hi",
       0},
      {"1.0", "WARC/1.0\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n", "WARC/1.0", "a", "hi",
       0},
      {"0.17", "WARC/0.17\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n", "WARC/0.17", "a", "hi",
       0},
      {"0.18", "WARC/0.18\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n", "WARC/0.18", "a", "hi",
       0},
      {"continuation lines joined",
       "WARC/1.1\r\nX-F: one\r\n  two\r\n\tthree\r\nContent-Length: 0\r\n\r\n\r\n\r\n", "WARC/1.1",
       "one two three", "", 0},
      {"value whitespace trimmed, name case ignored",
       "WARC/1.1\r\nx-f:   spaced  \r\ncontent-length:  1 \r\n\r\nz\r\n\r\n", "WARC/1.1", "spaced",
       "z", 0},
      {"bare LF line ends", "WARC/1.1\nX-F: lf\nContent-Length: 2\n\nhi\n\n", "WARC/1.1", "lf",
       "hi", 0},
      {"no trailing CRLFs at end of input", "WARC/1.1\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi",
       "WARC/1.1", "a", "hi", 0},
      {"one trailing CRLF at end of input", "WARC/1.1\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n",
       "WARC/1.1", "a", "hi", 0},
      {"trailing CRLF CR at end of input",
       "WARC/1.1\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r", "WARC/1.1", "a", "hi", 0},
      {"next record follows", "WARC/1.1\r\nX-F: a\r\nContent-Length: 2\r\n\r\nhi\r\n\r\nWARC/1.1",
       "WARC/1.1", "a", "hi", 8},
      {"trailing spaces on version line", "WARC/1.1 \r\nX-F: a\r\nContent-Length: 0\r\n\r\n",
       "WARC/1.1", "a", "", 0},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    std::size_t consumed = 0;
    Result<WarcRecord> r = ParseWarcRecord(row.input, &consumed);
    REQUIRE(r.ok());
    CHECK(r->version == row.version);
    CHECK(r->header("X-F") == row.field);
    CHECK(r->block == row.block);
    CHECK(consumed == row.input.size() - row.leftover);
  }
  // *consumed may be null.
  CHECK(ParseWarcRecord("WARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n", nullptr).ok());
}

TEST_CASE("WARC ParseWarcRecord refuses malformed records with Corruption") {
  struct Row {
    std::string name;
    std::string input;
    std::string message;  // part of the error message
  };
  const std::vector<Row> rows = {
      {"empty", "", "empty input"},
      {"an HTTP message", "HTTP/1.1 200 OK\r\n\r\n", "WARC/"},
      {"leading garbage", "xWARC/1.1\r\nContent-Length: 0\r\n\r\n", "WARC/"},
      {"leading blank line", "\r\nWARC/1.1\r\nContent-Length: 0\r\n\r\n", "WARC/"},
      {"version 2.0", "WARC/2.0\r\nContent-Length: 0\r\n\r\n", "version line"},
      {"version without minor", "WARC/1\r\nContent-Length: 0\r\n\r\n", "version line"},
      {"version with letters", "WARC/1.x\r\nContent-Length: 0\r\n\r\n", "version line"},
      {"no blank line", "WARC/1.1\r\nContent-Length: 0\r\n", "no blank line"},
      {"version line only", "WARC/1.1", "no blank line"},
      {"no Content-Length", "WARC/1.1\r\nWARC-Type: resource\r\n\r\n", "no Content-Length"},
      {"empty Content-Length", "WARC/1.1\r\nContent-Length:\r\n\r\n", "bad WARC Content-Length"},
      {"non-numeric Content-Length", "WARC/1.1\r\nContent-Length: 12a\r\n\r\n",
       "bad WARC Content-Length"},
      {"negative Content-Length", "WARC/1.1\r\nContent-Length: -1\r\n\r\n",
       "bad WARC Content-Length"},
      {"Content-Length over 64 GiB", "WARC/1.1\r\nContent-Length: 68719476737\r\n\r\n", "absurd"},
      {"Content-Length overflowing 64 bits",
       "WARC/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", "Content-Length"},
      {"field without colon", "WARC/1.1\r\nWARC-Type resource\r\nContent-Length: 0\r\n\r\n",
       "bad WARC field line 2"},
      {"empty field name", "WARC/1.1\r\n: v\r\nContent-Length: 0\r\n\r\n", "bad WARC field line"},
      {"continuation before any field", "WARC/1.1\r\n folded\r\nContent-Length: 0\r\n\r\n",
       "continues no field"},
      {"torn block", "WARC/1.1\r\nContent-Length: 10\r\n\r\nshort", "torn"},
      {"torn block, 64 GiB claimed", "WARC/1.1\r\nContent-Length: 68719476736\r\n\r\nx", "torn"},
      {"bytes where the trailer should be", "WARC/1.1\r\nContent-Length: 2\r\n\r\nhi there",
       "no CRLF CRLF"},
      {"one CRLF then the next record",
       "WARC/1.1\r\nContent-Length: 2\r\n\r\nhi\r\nWARC/1.1\r\nContent-Length: 0\r\n\r\n",
       "no CRLF CRLF"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    std::size_t consumed = 12345;
    Result<WarcRecord> r = ParseWarcRecord(row.input, &consumed);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kCorruption);
    CHECK_MESSAGE(r.status().message().find(row.message) != std::string::npos,
                  r.status().message());
    CHECK(consumed == 12345);
  }
}

TEST_CASE("WARC NewRecordId is a random version-4 urn:uuid") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewRecordId();
    REQUIRE(id.size() == 47);
    CHECK(id.substr(0, 10) == "<urn:uuid:");
    CHECK(id.back() == '>');
    const std::string uuid = id.substr(10, 36);
    for (std::size_t k : {8u, 13u, 18u, 23u}) CHECK(uuid[k] == '-');
    CHECK(uuid[14] == '4');
    CHECK(std::string("89ab").find(uuid[19]) != std::string::npos);
    CHECK(uuid.find_first_not_of("0123456789abcdef-") == std::string::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("WARC FormatWarcDate gives UTC with microseconds") {
  using namespace std::chrono;
  struct Row {
    std::int64_t micros_since_epoch;
    std::string expected;
  };
  const Row rows[] = {
      {0, "1970-01-01T00:00:00.000000Z"},
      {1, "1970-01-01T00:00:00.000001Z"},
      {1'700'000'000'123'456, "2023-11-14T22:13:20.123456Z"},
      {951'782'400'000'000, "2000-02-29T00:00:00.000000Z"},
      {-1, "1969-12-31T23:59:59.999999Z"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.expected);
    const system_clock::time_point t{
        duration_cast<system_clock::duration>(microseconds(row.micros_since_epoch))};
    CHECK(FormatWarcDate(t) == row.expected);
  }
}

TEST_CASE("WARC digests: Sha256Digest and DigestMatches with known vectors") {
  CHECK(Sha256Digest("") == "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====");
  CHECK(Sha256Digest("abc") == "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====");
  struct Row {
    std::string digest;
    std::string bytes;
    bool matches;
  };
  const std::vector<Row> rows = {
      {"sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", "", true},
      {"sha1:3i42h3s6nnfq2msvx7xzkyayscx5qbyj", "", true},
      {"SHA1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", "", true},
      {"sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709", "", true},
      {"sha1:DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "", true},
      {"sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", "abc", true},
      {"sha1:a9993e364706816aba3e25717850c26c9cd0d89d", "abc", true},
      {"sha1:FKXGYNOJJ7H3IFO35FPUBC445EPOQRXN", "hello world", true},
      {" sha1:FKXGYNOJJ7H3IFO35FPUBC445EPOQRXN ", "hello world", true},
      {"sha-1:FKXGYNOJJ7H3IFO35FPUBC445EPOQRXN", "hello world", true},
      {"sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", "abc", false},
      {"sha1:a9993e364706816aba3e25717850c26c9cd0d89e", "abc", false},
      {"sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====", "", true},
      {"sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ", "", true},
      {"sha256:4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq", "", true},
      {"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "", true},
      {"sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====", "abc", true},
      {"sha256:b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", "hello world",
       true},
      {"sha256:XFGSPOMTJU7ARJJOKLL5U7NL7LCIJ37DPJJYB3UQRD32ZYXPZXUQ====", "hello world!", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.digest);
    Result<bool> m = DigestMatches(row.digest, row.bytes);
    REQUIRE(m.ok());
    CHECK(*m == row.matches);
  }
  const std::string bad[] = {
      "md5:1B2M2Y8AsgTpgAmY7PhCfg==",             // unknown algorithm
      "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",         // no label
      "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBY!",    // bad character
      "sha1:3I42H3S6",                            // too short
      "sha1:",                                    // empty value
      "sha256:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",  // a sha1-sized value
  };
  for (const std::string& digest : bad) {
    CAPTURE(digest);
    Result<bool> m = DigestMatches(digest, "");
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().code() == Status::Code::kInvalidArgument);
  }
  // Sha256Digest output always verifies.
  for (const std::string& s : {""s, "a"s, BinaryBytes(100000)}) {
    Result<bool> m = DigestMatches(Sha256Digest(s), s);
    REQUIRE(m.ok());
    CHECK(*m);
  }
}

}  // namespace
}  // namespace vestige::common
