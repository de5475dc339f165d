// End to end through the library: real WARC files in, a real Xapian index out.
#include "vestige/indexer/indexer.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "collection_fixture.h"
#include "fixtures.h"
#include "vestige/common/document.h"
#include "vestige/common/schema.h"
#include "vestige/common/url.h"
#include "vestige/common/warc.h"

namespace vestige::indexer {
namespace {

namespace schema = common::schema;
using test::Collection;
using test::DocFor;
using test::HasTerm;
using test::Headers;
using test::Http;
using test::Page;
using test::Response;
using test::WarcFile;

const char* const kMarch = "2024-03-05T10:00:00Z";
const char* const kBelarusianBody =
    "Суд прызначыў праваабаронцу пяць гадоў калоніі; палітвязні ўтрымліваюцца без сувязі.";
const char* const kRussianBody =
    "Суд назначил правозащитнику пять лет колонии; политические заключённые остаются под стражей.";
const std::string kHtmlUtf8 = "text/html; charset=utf-8";

// What the first WARC file holds, and where each record went.
struct FirstFile {
  common::WarcLocation utf8, cp1251, gzip, chunked, resource, meta1251;
  std::string utf8_id, gzip_payload;
  std::string cp1251_url;
};

FirstFile WriteFirstFile(const Collection& c) {
  FirstFile f;
  WarcFile warc(c.warc_dir(), "a");
  auto utf8 = Response("http://example.org/utf8", kMarch,
                       Http(200, {{"Content-Type", kHtmlUtf8}},
                            Page("Political prisoners in Belarus",
                                 "The court sentenced the activist to five years. "
                                 "Uniqueoldword marks this capture.",
                                 "", " lang=\"en\"")));
  utf8.set_header("WARC-Payload-Digest", "sha256:FROMTHEHEADER");
  f.utf8_id = std::string(utf8.record_id());
  f.utf8 = warc.Write(utf8);
  warc.Write(test::Record("request", "http://example.org/utf8", kMarch,
                          "GET /utf8 HTTP/1.1\r\nHost: example.org\r\n\r\n",
                          "application/http; msgtype=request"));
  f.cp1251_url = "HTTP://Example.ORG:80/news/../cp1251";
  f.cp1251 = warc.Write(Response(
      f.cp1251_url, kMarch,
      Http(200, {{"Content-Type", "text/html; charset=windows-1251"}},
           test::Cp1251(Page("Палітвязні ў Беларусі", kBelarusianBody, "", " lang=\"be\"")))));
  f.gzip_payload = test::GzipStored(Page("Политические заключённые", kRussianBody));
  f.gzip = warc.Write(Response(
      "http://example.org/gzip", kMarch,
      Http(200, {{"Content-Type", kHtmlUtf8}, {"Content-Encoding", "gzip"}}, f.gzip_payload)));
  f.chunked = warc.Write(Response(
      "http://example.org/chunked", kMarch,
      Http(200, {{"Content-Type", kHtmlUtf8}, {"Transfer-Encoding", "chunked"}},
           test::Chunked(Page("Chunked page", "Transferred in several chunks of bytes."), 7))));
  warc.Write(Response("http://example.org/missing", kMarch,
                      Http(404, {{"Content-Type", kHtmlUtf8}}, Page("Not found", "Gone."))));
  warc.Write(Response("http://example.org/logo.png", kMarch,
                      Http(200, {{"Content-Type", "image/png"}}, "\x89PNG\r\n\x1a\n....")));
  warc.Write(test::Record("revisit", "http://example.org/utf8", kMarch,
                          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                          "application/http; msgtype=response"));
  f.resource = warc.Write(test::Record("resource", "http://example.org/resource.html", kMarch,
                                       Page("Resource page", "Hello"), kHtmlUtf8));
  f.meta1251 = warc.Write(Response("http://example.org/meta1251", kMarch,
                                   Http(200, {{"Content-Type", "text/html"}},
                                        test::Cp1251(Page("Вязні сумлення", kBelarusianBody,
                                                          "<meta charset=\"windows-1251\">")))));
  warc.Close();
  return f;
}

TEST_CASE("indexes the HTML records of a WARC file, and a re-run adds nothing") {
  Collection c;
  const FirstFile f = WriteFirstFile(c);

  const IndexStats stats = c.RunOk(/*batch_size=*/2);
  CHECK(stats.files_seen == 1);
  CHECK(stats.records_read == 11);  // the warcinfo record + 10
  CHECK(stats.documents_added == 6);
  CHECK(stats.documents_updated == 0);
  CHECK(stats.skipped_other_type == 2);  // warcinfo, request
  CHECK(stats.skipped_revisit == 1);
  CHECK(stats.skipped_status == 1);
  CHECK(stats.skipped_mime == 1);
  CHECK(stats.skipped_encoding == 0);
  CHECK(stats.bad_records == 0);
  CHECK(stats.commits >= 3);  // batches of 2, then the end of the file
  CHECK(c.reporter.bad.empty());

  Xapian::Database db = test::OpenIndex(c);
  CHECK(db.get_doccount() == 6);
  CHECK(db.get_metadata(std::string(schema::kSchemaVersionKey)) ==
        std::to_string(schema::kSchemaVersion));
  const std::string progress_key = std::string(schema::kWarcProgressKeyPrefix) + f.utf8.file;
  CHECK(db.get_metadata(progress_key) ==
        std::to_string(std::filesystem::file_size(c.warc_dir() / f.utf8.file)));

  SUBCASE("a UTF-8 page: terms, values and data") {
    const Xapian::Document doc = DocFor(db, "http://example.org/utf8");
    CHECK(HasTerm(doc, "Spolitical"));
    CHECK(HasTerm(doc, "Sprisoners"));
    CHECK_FALSE(HasTerm(doc, "Scourt"));  // body words are not title terms
    CHECK(HasTerm(doc, "political"));     // title words match free text too
    CHECK(HasTerm(doc, "court"));
    CHECK(HasTerm(doc, "Zsentenc"));  // English stem of "sentenced"
    CHECK(HasTerm(doc, "Len"));
    CHECK(HasTerm(doc, "Hexample.org"));
    CHECK(HasTerm(doc, "Ttext/html"));
    CHECK(doc.get_value(schema::kSlotCaptured) == "20240305");
    CHECK(doc.get_value(schema::kSlotCapturedTime) == "20240305100000");
    CHECK(doc.get_value(schema::kSlotLanguage) == "en");
    CHECK(doc.get_value(schema::kSlotHost) == "example.org");
    CHECK(doc.get_value(schema::kSlotTextDigest).size() == 64);
    // No persons or published date: those fields of slot 8 are empty, and the sort keys put
    // the page last in both directions.
    const std::string us(1, schema::kFacetSeparator);
    CHECK(HasTerm(doc, "XChr_political_prisoner"));
    CHECK(doc.get_value(schema::kSlotFacets) ==
          us + "hr_political_prisoner" + us + "example.org" + us + "en" + us);
    CHECK(doc.get_value(schema::kSlotSortNewest) == std::string("00000000") + "20240305100000");
    CHECK(doc.get_value(schema::kSlotSortOldest) == std::string("99999999") + "20240305100000");

    auto data = common::DecodeDocument(doc.get_data());
    REQUIRE(data.ok());
    CHECK(data->url == "http://example.org/utf8");
    CHECK(data->published.empty());
    CHECK(data->title == "Political prisoners in Belarus");
    CHECK(data->language == "en");
    CHECK(data->content_type == "text/html");
    CHECK(data->captured == "2024-03-05T10:00:00Z");
    CHECK(data->text.find("The court sentenced the activist") != std::string::npos);
    CHECK(data->warc.file == f.utf8.file);
    CHECK(data->warc.offset == f.utf8.offset);
    CHECK(data->warc.length == f.utf8.length);
    CHECK(data->warc.record_id == f.utf8_id);
    CHECK(data->warc.payload_digest == "sha256:FROMTHEHEADER");
    // The pointer leads back to the evidence.
    auto at =
        common::ReadWarcRecordAt((c.warc_dir() / data->warc.file).string(), data->warc.offset);
    REQUIRE(at.ok());
    CHECK(at->record.record_id() == f.utf8_id);
    CHECK(at->record.target_uri() == "http://example.org/utf8");
  }

  SUBCASE("a windows-1251 page declared in the HTTP header") {
    auto url = common::CanonicalUrl(f.cp1251_url);
    REQUIRE(url.ok());
    const Xapian::Document doc = DocFor(db, *url);
    CHECK(HasTerm(doc, "Sпалітвязні"));
    CHECK(HasTerm(doc, "беларусі"));
    CHECK(HasTerm(doc, "праваабаронцу"));
    CHECK(HasTerm(doc, "Lbe"));
    CHECK(test::TermsWithPrefix(doc, "Z").empty());  // no Belarusian stemmer: no stemmed terms
    CHECK(doc.get_value(schema::kSlotLanguage) == "be");
    auto data = common::DecodeDocument(doc.get_data());
    REQUIRE(data.ok());
    CHECK(data->title == "Палітвязні ў Беларусі");
    CHECK(data->warc.offset == f.cp1251.offset);
  }

  SUBCASE("a gzip Content-Encoding page in Russian") {
    const Xapian::Document doc = DocFor(db, "http://example.org/gzip");
    CHECK(HasTerm(doc, "Sполитические"));
    CHECK(HasTerm(doc, "заключённые"));
    CHECK(HasTerm(doc, "Lru"));
    CHECK_FALSE(test::TermsWithPrefix(doc, "Z").empty());  // Russian stems
    auto data = common::DecodeDocument(doc.get_data());
    REQUIRE(data.ok());
    // No WARC-Payload-Digest in the record: computed over the payload as sent (gzipped).
    CHECK(data->warc.payload_digest == common::Sha256Digest(f.gzip_payload));
  }

  SUBCASE("a chunked page, a resource record and a <meta charset> page") {
    CHECK(HasTerm(DocFor(db, "http://example.org/chunked"), "chunks"));
    const Xapian::Document resource = DocFor(db, "http://example.org/resource.html");
    CHECK(HasTerm(resource, "Sresource"));
    auto data = common::DecodeDocument(resource.get_data());
    REQUIRE(data.ok());
    CHECK(data->text == "Hello");
    CHECK(data->warc.offset == f.resource.offset);
    // SHA-256("Hello"), in hex.
    CHECK(resource.get_value(schema::kSlotTextDigest) ==
          "185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969");
    const Xapian::Document meta = DocFor(db, "http://example.org/meta1251");
    CHECK(HasTerm(meta, "Sсумлення"));
    CHECK(HasTerm(meta, "Lbe"));
  }

  SUBCASE("what is not indexed") {
    CHECK(db.get_termfreq(schema::IdTerm("http://example.org/missing")) == 0);
    CHECK(db.get_termfreq(schema::IdTerm("http://example.org/logo.png")) == 0);
  }

  SUBCASE("a second run reads nothing and changes nothing") {
    db.close();
    const IndexStats again = c.RunOk();
    CHECK(again.records_read == 0);
    CHECK(again.documents_written() == 0);
    CHECK(again.commits == 0);
    CHECK(test::OpenIndex(c).get_doccount() == 6);
  }
}

TEST_CASE("slot 8 holds persons, crimes, host, language and published month") {
  Collection c;
  WarcFile warc(c.warc_dir(), "facets");
  const std::string html =
      "<!DOCTYPE html><html lang=\"be\"><head><title>Суд</title>"
      "<meta property=\"article:published_time\" content=\"2023-05-17T09:00:00Z\">"
      "</head><body><main><article><h1>Прысуд</h1><p>Алесь Бяляцкі атрымаў дзесяць гадоў "
      "калоніі. Аляксандр Лукашэнка не адказаў. Бяляцкага катавалі, а катаванні ў калоніі "
      "працягваюцца, паведамляюць праваабаронцы з Вясны.</p></article></main></body></html>";
  warc.Write(Response("http://naviny.example/a.html", "2024-01-02T03:04:05Z",
                      Http(200, {{"Content-Type", kHtmlUtf8}}, html)));
  warc.Close();
  c.RunOk();
  const Xapian::Database db = test::OpenIndex(c);
  const Xapian::Document doc = DocFor(db, "http://naviny.example/a.html");
  // The persons and crimes of slot 8 are those of the XP and XC terms (slots 6 and 7), ids
  // joined by '\n' in the order they were found.
  REQUIRE(test::TermsWithPrefix(doc, "XP") ==
          std::vector<std::string>{"XPbialiatski_ales", "XPlukashenka_aliaksandr"});
  REQUIRE(test::TermsWithPrefix(doc, "XC") ==
          std::vector<std::string>{"XCcah_imprisonment", "XCcah_torture"});
  const std::string persons = doc.get_value(schema::kSlotPersons);
  CHECK((persons == "bialiatski_ales\nlukashenka_aliaksandr" ||
         persons == "lukashenka_aliaksandr\nbialiatski_ales"));
  const std::string crimes = doc.get_value(schema::kSlotCrimes);
  CHECK((crimes == "cah_imprisonment\ncah_torture" || crimes == "cah_torture\ncah_imprisonment"));
  const std::string us(1, schema::kFacetSeparator);
  CHECK(doc.get_value(schema::kSlotFacets) ==
        persons + us + crimes + us + "naviny.example" + us + "be" + us + "202305");
  CHECK(doc.get_value(schema::kSlotPublished) == "20230517");
  CHECK(doc.get_value(schema::kSlotSortNewest) == std::string("20230517") + "20240102030405");
  CHECK(doc.get_value(schema::kSlotSortOldest) == std::string("20230517") + "20240102030405");
}

TEST_CASE("a newer capture replaces a URL's document; an older one is ignored") {
  Collection c;
  const FirstFile f = WriteFirstFile(c);
  (void)c.RunOk();

  WarcFile later(c.warc_dir(), "b");  // sorts after "a-..."
  const auto newer = later.Write(
      Response("http://example.org/utf8", "2024-06-01T08:30:00Z",
               Http(200, {{"Content-Type", kHtmlUtf8}},
                    Page("Political prisoners, updated", "Newfreshword replaces the old text."))));
  later.Write(Response(
      f.cp1251_url, "2023-01-01T00:00:00Z",
      Http(200, {{"Content-Type", kHtmlUtf8}}, Page("Old capture", "Stalewordfromtheolderpast."))));
  // Two captures of one URL in one batch: the second, older one must see the first.
  later.Write(Response(
      "http://example.org/chunked", "2024-07-01T00:00:00Z",
      Http(200, {{"Content-Type", kHtmlUtf8}}, Page("Chunked page", "Julyword is the newest."))));
  later.Write(Response(
      "http://example.org/chunked", "2024-02-01T00:00:00Z",
      Http(200, {{"Content-Type", kHtmlUtf8}}, Page("Chunked page", "Februaryword is older."))));
  later.Close();

  const IndexStats stats = c.RunOk();
  CHECK(stats.records_read == 5);  // warcinfo + 4
  CHECK(stats.documents_added == 0);
  CHECK(stats.documents_updated == 2);
  CHECK(stats.skipped_older_capture == 2);
  CHECK(stats.bad_records == 0);

  Xapian::Database db = test::OpenIndex(c);
  CHECK(db.get_doccount() == 6);
  CHECK(db.get_termfreq("newfreshword") == 1);
  CHECK(db.get_termfreq("uniqueoldword") == 0);
  CHECK(db.get_termfreq("stalewordfromtheolderpast") == 0);
  CHECK(db.get_termfreq("julyword") == 1);
  CHECK(db.get_termfreq("februaryword") == 0);
  const Xapian::Document doc = DocFor(db, "http://example.org/utf8");
  CHECK(doc.get_value(schema::kSlotCapturedTime) == "20240601083000");
  CHECK(HasTerm(doc, "Supdated"));
  auto data = common::DecodeDocument(doc.get_data());
  REQUIRE(data.ok());
  CHECK(data->warc.file == newer.file);
  CHECK(data->warc.offset == newer.offset);
}

TEST_CASE("resumes at the recorded offset of a file") {
  Collection c;
  WarcFile warc(c.warc_dir(), "a");
  std::vector<common::WarcLocation> at;
  for (int i = 0; i < 4; ++i) {
    const std::string n = std::to_string(i);
    at.push_back(warc.Write(Response(
        "http://example.org/p" + n, kMarch,
        Http(200, {{"Content-Type", kHtmlUtf8}}, Page("Page " + n, "Body of page " + n)))));
  }
  warc.Close();
  IndexOptions one_database;  // index/ is the database (shards: shards_test.cc)
  one_database.shards = 1;
  REQUIRE(c.Run(one_database).ok());
  {
    // As if a run had committed the first two pages and was killed.
    Xapian::WritableDatabase db(c.index_dir().string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kWarcProgressKeyPrefix) + at[0].file,
                    std::to_string(at[2].offset));
    db.commit();
  }
  auto resumed = c.Run(one_database);
  REQUIRE_MESSAGE(resumed.ok(), resumed.status().ToString());
  const IndexStats& stats = *resumed;
  CHECK(stats.records_read == 2);
  CHECK(stats.documents_updated == 2);
  CHECK(test::OpenIndex(c).get_doccount() == 4);
}

TEST_CASE("FormatSummary names every counter") {
  IndexStats s;
  s.files_seen = 3;
  s.files_open_skipped = 1;
  s.records_read = 42;
  s.documents_added = 7;
  s.documents_updated = 2;
  s.skipped_revisit = 5;
  s.skipped_committed_before = 4;
  s.bad_records = 1;
  s.seconds = 1.5;
  s.threads = 2;
  s.shards = 3;
  const std::string text = FormatSummary(s);
  CHECK(text.find("3 WARC file(s) (1 .open skipped), 42 record(s) read") != std::string::npos);
  CHECK(text.find("7 added, 2 updated") != std::string::npos);
  CHECK(text.find("revisits 5") != std::string::npos);
  CHECK(text.find("bad records: 1") != std::string::npos);
  CHECK(text.find("committed before a kill 4") != std::string::npos);
  CHECK(text.find("skipped: 9 (") != std::string::npos);
  CHECK(text.find("1.50 s, 2 worker threads, 3 shards") != std::string::npos);
}

}  // namespace
}  // namespace vestige::indexer
