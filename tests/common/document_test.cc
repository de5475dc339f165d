#include "vestige/common/document.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace vestige::common {
namespace {

IndexedDocument Sample() {
  IndexedDocument doc;
  doc.url = "https://spring96.org/be/news/12345?x=1";
  doc.title = "Палітвязні: «Вясна» паведамляе \"цытата\"\\";
  doc.language = "be";
  doc.content_type = "text/html";
  doc.captured = "2024-12-17T15:29:19Z";
  doc.published = "2024-12-17";
  doc.published_source = "json-ld";
  doc.published_confidence = 0.85;
  doc.text = "Першы абзац.\n\nДругі абзац з\ttab і \u00a0nbsp.\n\nEmoji \U0001F600";
  doc.warc.file = "vestige-20241217-000001.warc.gz";
  doc.warc.offset = std::numeric_limits<std::uint64_t>::max();
  doc.warc.length = 12345;
  doc.warc.record_id = "<urn:uuid:12345678-1234-5678-1234-567812345678>";
  doc.warc.payload_digest = "sha256:abcdef";
  doc.persons = {{"lukashenka_aliaksandr", "Аляксандр Лукашэнка", 3, "Лукашенко"},
                 {"bialiatski_ales", "Алесь Бяляцкі", 1, "Ales Bialiatski"}};
  doc.crimes = {{"hr_torture", "Torture", 2}, {"hr_deportation", "Deportation", -1}};
  return doc;
}

void CheckEqual(const IndexedDocument& a, const IndexedDocument& b) {
  CHECK(a.url == b.url);
  CHECK(a.title == b.title);
  CHECK(a.language == b.language);
  CHECK(a.content_type == b.content_type);
  CHECK(a.captured == b.captured);
  CHECK(a.published == b.published);
  CHECK(a.published_source == b.published_source);
  CHECK(a.published_confidence == b.published_confidence);
  CHECK(a.text == b.text);
  CHECK(a.warc.file == b.warc.file);
  CHECK(a.warc.offset == b.warc.offset);
  CHECK(a.warc.length == b.warc.length);
  CHECK(a.warc.record_id == b.warc.record_id);
  CHECK(a.warc.payload_digest == b.warc.payload_digest);
  REQUIRE(a.persons.size() == b.persons.size());
  for (std::size_t i = 0; i < a.persons.size(); ++i) {
    CHECK(a.persons[i].id == b.persons[i].id);
    CHECK(a.persons[i].name == b.persons[i].name);
    CHECK(a.persons[i].count == b.persons[i].count);
    CHECK(a.persons[i].alias == b.persons[i].alias);
  }
  REQUIRE(a.crimes.size() == b.crimes.size());
  for (std::size_t i = 0; i < a.crimes.size(); ++i) {
    CHECK(a.crimes[i].id == b.crimes[i].id);
    CHECK(a.crimes[i].label == b.crimes[i].label);
    CHECK(a.crimes[i].count == b.crimes[i].count);
  }
}

TEST_CASE("EncodeDocument / DecodeDocument round trip every field") {
  const IndexedDocument doc = Sample();
  const std::string data = EncodeDocument(doc);
  Result<IndexedDocument> back = DecodeDocument(data);
  REQUIRE(back.ok());
  CheckEqual(*back, doc);
  // Stable bytes: encoding the decoded document gives the same JSON.
  CHECK(EncodeDocument(*back) == data);
  // Cyrillic is stored as UTF-8, not \u escapes.
  CHECK(data.find("Палітвязні") != std::string::npos);
}

TEST_CASE("Round trip of an empty document and of empty vectors") {
  IndexedDocument empty;
  Result<IndexedDocument> back = DecodeDocument(EncodeDocument(empty));
  REQUIRE(back.ok());
  CheckEqual(*back, empty);
  CHECK(back->persons.empty());
  CHECK(back->crimes.empty());

  IndexedDocument doc = Sample();
  doc.persons.clear();
  doc.crimes.clear();
  Result<IndexedDocument> back2 = DecodeDocument(EncodeDocument(doc));
  REQUIRE(back2.ok());
  CheckEqual(*back2, doc);
}

TEST_CASE("EncodeDocument survives invalid UTF-8 and non-finite numbers") {
  IndexedDocument doc = Sample();
  doc.text = "bad \xff\xfe bytes";
  doc.published_confidence = std::numeric_limits<double>::quiet_NaN();
  const std::string data = EncodeDocument(doc);
  Result<IndexedDocument> back = DecodeDocument(data);
  REQUIRE(back.ok());
  CHECK(back->text == "bad \xef\xbf\xbd\xef\xbf\xbd bytes");
  CHECK(back->published_confidence == 0.0);
}

TEST_CASE("DecodeDocument: missing optional fields get defaults, unknown keys are ignored") {
  Result<IndexedDocument> doc = DecodeDocument(
      R"({"url":"http://a/","title":"T","future_field":[1,2],"warc":{"file":"f.warc"},)"
      R"("persons":[{"id":"p"}],"crimes":null,"published_confidence":1})");
  REQUIRE(doc.ok());
  CHECK(doc->url == "http://a/");
  CHECK(doc->title == "T");
  CHECK(doc->language.empty());
  CHECK(doc->published_confidence == 1.0);
  CHECK(doc->warc.file == "f.warc");
  CHECK(doc->warc.offset == 0);
  REQUIRE(doc->persons.size() == 1);
  CHECK(doc->persons[0].id == "p");
  CHECK(doc->persons[0].count == 0);
  CHECK(doc->crimes.empty());
}

TEST_CASE("DecodeDocument: garbage and wrong types are Corruption") {
  const std::string_view kBad[] = {
      "",
      "garbage",
      "{",
      "null",
      "[]",
      "\"string\"",
      "42",
      "{}",  // no url
      R"({"url":5})",
      R"({"url":"u","title":7})",
      R"({"url":"u","published_confidence":"high"})",
      R"({"url":"u","warc":"file.warc"})",
      R"({"url":"u","warc":{"offset":-1}})",
      R"({"url":"u","warc":{"offset":1.5}})",
      R"({"url":"u","warc":{"length":"10"}})",
      R"({"url":"u","persons":{}})",
      R"({"url":"u","persons":["p"]})",
      R"({"url":"u","persons":[{"count":"3"}]})",
      R"({"url":"u","persons":[{"count":99999999999}]})",
      R"({"url":"u","crimes":[{"id":1}]})",
      R"({"url":"u","crimes":[{"count":2.5}]})",
      R"({"url":"u"} trailing)",
      "{\"url\":\"\xff\"}",  // invalid UTF-8
      R"({"url":"u","x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]})",
  };
  for (std::string_view data : kBad) {
    CAPTURE(std::string(data));
    Result<IndexedDocument> doc = DecodeDocument(data);
    CHECK_FALSE(doc.ok());
    if (!doc.ok()) CHECK(doc.status().code() == Status::Code::kCorruption);
  }
  // Every truncation of a real document fails cleanly.
  const std::string data = EncodeDocument(Sample());
  int decoded = 0;
  for (std::size_t n = 0; n < data.size(); ++n) {
    if (DecodeDocument(std::string_view(data).substr(0, n)).ok()) ++decoded;
  }
  CHECK(decoded == 0);
}

}  // namespace
}  // namespace vestige::common
