// The indexer with worker threads: the index, the counters and the reports must be those of a
// run with one thread, whatever the number of workers (IndexOptions::threads).
#include <dlfcn.h>
#include <doctest/doctest.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "collection_fixture.h"
#include "fixtures.h"
#include "test_paths.h"
#include "vestige/indexer/indexer.h"

// A disk error on demand: while g_eio_from >= 0, pread of a file whose path holds "eiofile" fails
// with EIO at and after that offset. Every other pread (Xapian's too) goes to the C library.
static std::atomic<long long> g_eio_from{-1};
extern "C" ssize_t pread(int fd, void* buf, size_t count, off_t offset) {
  using Fn = ssize_t (*)(int, void*, size_t, off_t);
  static const Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "pread"));
  const long long from = g_eio_from.load();
  if (from >= 0 && offset >= from) {
    char path[4096] = {0};
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    if (readlink(link.c_str(), path, sizeof(path) - 1) > 0 && std::strstr(path, "eiofile")) {
      errno = EIO;
      return -1;
    }
  }
  return real(fd, buf, count, offset);
}

namespace vestige::indexer {
namespace {

using test::Collection;
using test::Http;
using test::Page;
using test::Response;
using test::WarcFile;

const char* const kMarch = "2024-03-05T10:00:00Z";
const char* const kApril = "2024-04-05T10:00:00Z";

// A page with inline script and style (which the parser skips) and varied text, so that pages
// differ in language, persons and crime terms.
std::string VariedPage(int i) {
  static const char* const kBodies[] = {
      "The court sentenced the journalist to five years for an interview about torture.",
      "Суд прызначыў праваабаронцу пяць гадоў калоніі; палітвязні ўтрымліваюцца без сувязі.",
      "Суд назначил правозащитнику пять лет колонии за пытки и преследование.",
      "Police detained twenty protesters in Minsk; several reported beatings in custody.",
  };
  const std::string body = std::string(kBodies[i % 4]) + " Page number " + std::to_string(i) +
                           " with the marker word m" + std::to_string(i * 7919) + ".";
  const std::string head = "<style>p { color: red } </style><script>var x = '<p>not text " +
                           std::to_string(i) +
                           "</p>'; if (a < b) {}</script><meta name=\"date\" content=\"2024-02-0" +
                           std::to_string(1 + i % 9) + "\">";
  return Page("Article " + std::to_string(i), body + "</p><p>" + body, head);
}

common::WarcRecord HtmlPage(const std::string& url, const char* date, const std::string& html) {
  return Response(url, date, Http(200, {{"Content-Type", "text/html; charset=utf-8"}}, html));
}

// Two WARC files with pages, skipped records, bad records and a URL captured twice.
void WriteCollection(const std::filesystem::path& warc_dir) {
  WarcFile a(warc_dir, "a");
  common::WarcLocation splice_before;
  for (int i = 0; i < 23; ++i) {
    const auto where =
        a.Write(HtmlPage("http://example.org/page/" + std::to_string(i), kMarch, VariedPage(i)));
    if (i == 11) splice_before = where;
    if (i == 5) {
      a.Write(Response("http://example.org/missing", kMarch,
                       Http(404, {{"Content-Type", "text/html"}}, Page("Not found", "Gone."))));
      a.Write(Response("http://example.org/logo.png", kMarch,
                       Http(200, {{"Content-Type", "image/png"}}, "\x89PNG\r\n\x1a\n....")));
      a.Write(Response("not a url at all", kMarch,
                       Http(200, {{"Content-Type", "text/html"}}, Page("x", "badurl"))));
      a.Write(Response("http://example.org/garbage", kMarch, "this is not an HTTP response"));
    }
  }
  // The same URL again: a newer capture (replaces) and an older one (kept out).
  a.Write(HtmlPage("http://example.org/page/3", kApril, VariedPage(103)));
  a.Write(HtmlPage("http://example.org/page/4", "2024-01-01T00:00:00Z", VariedPage(104)));
  a.Close();
  // A torn record in a well-formed gzip member, spliced in the middle of the first file.
  const std::filesystem::path path = warc_dir / splice_before.file;
  std::string bytes = vestige::test::ReadFile(path);
  REQUIRE(splice_before.offset <= bytes.size());
  bytes.insert(splice_before.offset,
               test::GzipStored("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: "
                                "http://example.org/torn\r\nContent-Length: 999999\r\n\r\nshort"));
  vestige::test::WriteFile(path, bytes);

  WarcFile b(warc_dir, "b");
  for (int i = 23; i < 31; ++i) {
    b.Write(HtmlPage("http://example.org/page/" + std::to_string(i), kMarch, VariedPage(i)));
  }
  b.Close();
}

// Everything the index holds, as text: per document id its data, values, and terms with wdf
// and positions; then the metadata.
std::string DumpIndex(const std::filesystem::path& index_dir) {
  Xapian::Database db(index_dir.string());
  std::string out = "docs " + std::to_string(db.get_doccount()) + " last " +
                    std::to_string(db.get_lastdocid()) + "\n";
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    out += "doc " + std::to_string(*it) + "\n" + test::DocumentText(db.get_document(*it));
  }
  for (Xapian::TermIterator k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
    out += "meta " + *k + " = " + db.get_metadata(*k) + "\n";
  }
  return out;
}

struct Run {
  IndexStats stats;
  std::vector<std::string> bad;
  std::vector<std::string> notes;
  std::string index;
};

Run IndexWith(const std::filesystem::path& source_warc, unsigned threads, unsigned queue,
              std::uint64_t batch) {
  vestige::test::TempDir dir;
  std::filesystem::copy(source_warc, dir.path() / "warc");
  IndexOptions options;
  options.collection_dir = dir.path().string();
  options.threads = threads;
  options.queue_per_thread = queue;
  options.batch_size = batch;
  test::CapturingReporter reporter;
  auto stats = RunIndexer(options, &reporter);
  REQUIRE_MESSAGE(stats.ok(), stats.status().ToString());
  Run run;
  run.stats = *stats;
  // Messages may name the file by its full path: each run has its own folder.
  const auto relative = [&](std::vector<std::string> lines) {
    const std::string prefix = dir.path().string();
    for (std::string& line : lines) {
      for (std::size_t at; (at = line.find(prefix)) != std::string::npos;) {
        line.replace(at, prefix.size(), "COLLECTION");
      }
    }
    return lines;
  };
  run.bad = relative(reporter.bad);
  run.notes = relative(reporter.notes);
  run.index = DumpIndex(dir.path() / "index");
  return run;
}

TEST_CASE("the index, counters and reports are the same with 1, 2 and 4 worker threads") {
  vestige::test::TempDir source;
  std::filesystem::create_directories(source.path() / "warc");
  WriteCollection(source.path() / "warc");

  const Run one = IndexWith(source.path() / "warc", 1, 4, 4);
  // The run itself is what the other runs are compared with: check that it did index.
  CHECK(one.stats.threads == 1);
  CHECK(one.stats.documents_added == 31);
  CHECK(one.stats.documents_updated == 1);
  CHECK(one.stats.skipped_older_capture == 1);
  CHECK(one.stats.bad_records == 3);  // the torn record, the bad URL, the bad HTTP
  CHECK(one.bad.size() == 3);
  CHECK(one.stats.commits >= 8);  // batches of 4 documents: commits inside each file
  CHECK(one.index.find("term Zcourt") != std::string::npos);
  CHECK(one.index.find("not text") == std::string::npos);  // script content is no text

  struct Case {
    unsigned threads, queue;
  };
  for (const Case& c : {Case{2, 4}, Case{2, 1}, Case{4, 2}}) {
    CAPTURE(c.threads);
    CAPTURE(c.queue);
    const Run many = IndexWith(source.path() / "warc", c.threads, c.queue, 4);
    CHECK(many.stats.threads == c.threads);
    CHECK(many.stats.records_read == one.stats.records_read);
    CHECK(many.stats.documents_added == one.stats.documents_added);
    CHECK(many.stats.documents_updated == one.stats.documents_updated);
    CHECK(many.stats.skipped() == one.stats.skipped());
    CHECK(many.stats.skipped_older_capture == one.stats.skipped_older_capture);
    CHECK(many.stats.bad_records == one.stats.bad_records);
    CHECK(many.stats.commits == one.stats.commits);
    CHECK(many.bad == one.bad);
    CHECK(many.notes == one.notes);
    CHECK(many.index == one.index);
  }
}

TEST_CASE("a second run with threads resumes and adds nothing") {
  Collection c;
  WriteCollection(c.warc_dir());
  IndexOptions options;
  options.collection_dir = c.dir().string();
  options.threads = 2;
  auto first = RunIndexer(options, nullptr);
  REQUIRE(first.ok());
  CHECK(first->documents_added == 31);
  auto second = RunIndexer(options, nullptr);
  REQUIRE(second.ok());
  CHECK(second->records_read == 0);
  CHECK(second->documents_written() == 0);
}

TEST_CASE("threads 0 means one per core; a zero queue is refused") {
  Collection c;
  WarcFile a(c.warc_dir(), "a");
  a.Write(HtmlPage("http://example.org/one", kMarch, VariedPage(1)));
  a.Close();
  IndexOptions options;
  options.collection_dir = c.dir().string();
  options.threads = 0;
  auto stats = RunIndexer(options, nullptr);
  REQUIRE(stats.ok());
  CHECK(stats->threads >= 1);
  CHECK(stats->documents_added == 1);
  options.queue_per_thread = 0;
  auto refused = RunIndexer(options, nullptr);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == common::Status::Code::kInvalidArgument);
}

// Pseudo-random words: text that gzip cannot shrink much, so the file spans several reads.
std::string Words(int seed, int count) {
  std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(seed);
  std::string out;
  for (int i = 0; i < count; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    for (int k = 0; k < 3 + static_cast<int>(x % 6); ++k)
      out += static_cast<char>('a' + (x >> (3 * k)) % 26);
    out += ' ';
  }
  return out;
}

TEST_CASE("a read error mid-file leaves the rest of the file for the next run") {
  Collection c;
  constexpr int kPages = 80;
  WarcFile a(c.warc_dir(), "eiofile");
  for (int i = 0; i < kPages; ++i) {
    a.Write(HtmlPage("http://example.org/io/" + std::to_string(i), kMarch,
                     test::Page("Page " + std::to_string(i), Words(i, 3000))));
  }
  a.Close();
  std::uintmax_t bytes = 0;
  for (const auto& f : std::filesystem::directory_iterator(c.warc_dir())) bytes += f.file_size();
  REQUIRE(bytes > 600000);  // so the error falls in the middle of the file
  IndexOptions options;
  options.collection_dir = c.dir().string();
  options.threads = 2;
  options.queue_per_thread = 2;
  options.batch_size = 5;

  g_eio_from = 300000;  // past the reader's first 256 KiB read; the file is larger
  test::CapturingReporter reporter;
  auto first = RunIndexer(options, &reporter);
  g_eio_from = -1;
  REQUIRE_MESSAGE(first.ok(), first.status().ToString());
  CHECK(first->bad_records == 1);  // the read error, and nothing made up after it
  REQUIRE(first->documents_added > 0);
  REQUIRE(first->documents_added < kPages);

  // The disk is fine again: the next run picks up where the first stopped, and loses nothing.
  auto second = RunIndexer(options, nullptr);
  REQUIRE_MESSAGE(second.ok(), second.status().ToString());
  CHECK(second->bad_records == 0);
  CHECK(first->documents_added + second->documents_added == kPages);
  CHECK(Xapian::Database((c.dir() / "index").string()).get_doccount() == kPages);
}

}  // namespace
}  // namespace vestige::indexer
