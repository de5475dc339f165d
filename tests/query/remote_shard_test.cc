// Searching a remote shard served by a real xapian-tcpsrv on 127.0.0.1 together with a local
// shard, opened through a stub database file: hits, totals and facet counts must equal those of
// the same eight documents in one local database (issue 6: facets over remote shards).
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "process.h"
#include "test_index.h"
#include "test_paths.h"
#include "vestige/common/document.h"
#include "vestige/common/schema.h"
#include "vestige/query/searcher.h"

namespace vestige::query {
namespace {

namespace fs = std::filesystem;

// xapian-tcpsrv on PATH (Debian package xapian-tools, installed by scripts/install-deps.sh).
std::optional<fs::path> FindTcpsrv() {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t colon = dirs.find(':', start);
    const std::string dir = dirs.substr(start, colon - start);
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / "xapian-tcpsrv";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

int OpenLoopbackSocket() { return ::socket(AF_INET, SOCK_STREAM, 0); }

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// A port that was free a moment ago (the kernel's choice for port 0).
int FreePort() {
  const int fd = OpenLoopbackSocket();
  REQUIRE(fd >= 0);
  sockaddr_in addr = Loopback(0);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  const int fd = OpenLoopbackSocket();
  if (fd < 0) return false;
  sockaddr_in addr = Loopback(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// xapian-tcpsrv serving `db` on 127.0.0.1; killed (SIGTERM, then SIGKILL) when this dies.
// It runs in its own session (setsid(1) execs it in place, keeping the pid): on SIGTERM
// xapian-tcpsrv signals its whole process group, which would otherwise include this test.
struct TcpServer {
  TcpServer(const fs::path& tcpsrv, const fs::path& db, const fs::path& log) {
    for (int attempt = 0; attempt < 3 && !ready; ++attempt) {
      port = FreePort();
      process = std::make_unique<test::BackgroundProcess>(
          std::vector<std::string>{"/usr/bin/setsid", tcpsrv.string(), "--port",
                                   std::to_string(port), "--interface", "127.0.0.1", "--timeout",
                                   "20000", db.string()},
          log);
      // Bounded wait: at most 10 s for the server to listen (or to die, e.g. port taken).
      for (int i = 0; i < 200 && process->running(); ++i) {
        if (Accepts(port)) {
          ready = true;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (!ready) process.reset();
    }
  }
  int port = 0;
  bool ready = false;
  std::unique_ptr<test::BackgroundProcess> process;
};

std::vector<std::string> SortedUrls(const SearchResults& results) {
  std::vector<std::string> urls;
  for (const Hit& hit : results.hits) urls.push_back(hit.document.url);
  std::sort(urls.begin(), urls.end());
  return urls;
}

std::string Dump(const std::map<std::string, std::uint64_t>& counts) {
  std::string out;
  for (const auto& [key, n] : counts) out += key + "=" + std::to_string(n) + " ";
  return out;
}

TEST_CASE("a remote shard (xapian-tcpsrv) and a local shard search and count facets as one") {
  const std::optional<fs::path> tcpsrv = FindTcpsrv();
  REQUIRE_MESSAGE(tcpsrv.has_value(), "xapian-tcpsrv not found: run scripts/install-deps.sh");
  test::TempDir dir;
  const std::vector<common::IndexedDocument> docs = test::SampleDocuments();
  // Local: the first five documents; remote: the other three; whole: all eight in one database.
  test::BuildIndex(dir.path() / "local", {docs.begin(), docs.begin() + 5});
  test::BuildIndex(dir.path() / "whole", docs);
  fs::path remote;
  SUBCASE("the remote shard is one database") {
    remote = dir.path() / "remote";
    test::BuildIndex(remote, {docs.begin() + 5, docs.end()});
  }
  SUBCASE("the remote shard is an index of two shards, as vestige-index makes by default") {
    // COLLECTION/index as vestige-index lays it out (vestige/common/schema.h): a stub folder.
    remote = dir.path() / "index";
    fs::create_directories(remote);
    test::BuildIndex(remote / common::schema::ShardName(0), {docs.begin() + 5, docs.begin() + 7});
    test::BuildIndex(remote / common::schema::ShardName(1), {docs.begin() + 7, docs.end()});
    test::WriteFile(remote / std::string(common::schema::kShardStubFile),
                    "glass shard-00\nglass shard-01\n");
  }

  // Declared before the searchers, so their connections close before the server is killed.
  TcpServer server(*tcpsrv, remote, dir.path() / "tcpsrv.log");
  const std::string log = server.ready ? "" : test::ReadFile(dir.path() / "tcpsrv.log");
  REQUIRE_MESSAGE(server.ready, "xapian-tcpsrv did not start; its log: " << log);
  test::WriteFile(dir.path() / "remote.stub",
                  "remote 127.0.0.1:" + std::to_string(server.port) + "\n");

  common::Result<Searcher> sharded =
      Searcher::Open({dir.path() / "local", dir.path() / "remote.stub"});
  REQUIRE_MESSAGE(sharded.ok(), sharded.status().ToString());
  common::Result<Searcher> whole = Searcher::Open({dir.path() / "whole"});
  REQUIRE(whole.ok());
  CHECK(sharded->document_count() == 8);

  struct Row {
    const char* query;
    std::vector<std::string> sites;
    std::vector<std::string> languages;
    std::string from;
    std::string to;
  };
  const Row rows[] = {
      {"torture", {}, {}, "", ""},
      {"", {}, {}, "20240101", "20241231"},  // every dated document
      {"", {"spring96.example", "ru.example.net"}, {}, "", ""},
      {"", {"SPRING96.example"}, {}, "", ""},  // one site: its facet is the match count
      {"", {}, {"ru"}, "", ""},
      {"deportation OR prisoners", {}, {}, "", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    SearchRequest request;
    request.query = row.query;
    request.sites = row.sites;
    request.languages = row.languages;
    request.from = row.from;
    request.to = row.to;
    request.facets = true;
    request.limit = 20;
    common::Result<SearchResults> got = sharded->Search(request);
    REQUIRE_MESSAGE(got.ok(), got.status().ToString());
    common::Result<SearchResults> want = whole->Search(request);
    REQUIRE(want.ok());
    CHECK(!want->hits.empty());
    CHECK(SortedUrls(*got) == SortedUrls(*want));
    CHECK(got->total.lower_bound == want->total.lower_bound);
    CHECK(got->total.upper_bound == want->total.upper_bound);
    CHECK(got->undated_left_out == want->undated_left_out);
    REQUIRE(got->has_facets);
    CHECK(Dump(got->facets.persons) == Dump(want->facets.persons));
    CHECK(Dump(got->facets.crimes) == Dump(want->facets.crimes));
    CHECK(Dump(got->facets.sites) == Dump(want->facets.sites));
    CHECK(Dump(got->facets.languages) == Dump(want->facets.languages));
    CHECK(Dump(got->facets.years) == Dump(want->facets.years));
    CHECK(Dump(got->facets.months) == Dump(want->facets.months));
    CHECK(got->facets.undated == want->facets.undated);
  }

  // The counts themselves, from the table in test_index.h, so that the comparison above cannot
  // pass with both sides empty.
  SearchRequest all;
  all.sites = {"example.org", "news.example.com", "ru.example.net", "spring96.example"};
  all.facets = true;
  common::Result<SearchResults> counts = sharded->Search(all);
  REQUIRE_MESSAGE(counts.ok(), counts.status().ToString());
  CHECK(counts->total.lower_bound == 8);
  CHECK(Dump(counts->facets.persons) ==
        Dump({{test::kBialiatski, 1}, {test::kLoika, 3}, {test::kLukashenka, 3}}));
  CHECK(Dump(counts->facets.crimes) ==
        Dump({{test::kDeportation, 2}, {test::kImprisonment, 2}, {test::kTorture, 4}}));
  CHECK(Dump(counts->facets.languages) == Dump({{"be", 2}, {"en", 4}, {"ru", 2}}));
  CHECK(Dump(counts->facets.months) == Dump({{"2024-02", 1}, {"2024-03", 4}}));
  CHECK(counts->facets.undated == 3);

  // A facet pinned by a filter is the match count, under the name the documents carry.
  SearchRequest one_language;
  one_language.languages = {"RU"};
  one_language.facets = true;
  common::Result<SearchResults> ru = sharded->Search(one_language);
  REQUIRE(ru.ok());
  CHECK(Dump(ru->facets.languages) == Dump({{"ru", 2}}));
  CHECK(Dump(ru->facets.sites) == Dump({{"ru.example.net", 2}}));

  // --sort newest|oldest: Xapian's built-in sort by value, which runs on the remote shard too
  // (a KeyMaker does not); the merged order is the single database's, undated documents last.
  struct SortRow {
    SortOrder sort;
    DateField field;
    std::uint32_t offset;
    std::uint32_t limit;
  };
  const SortRow sort_rows[] = {
      {SortOrder::kNewest, DateField::kPublished, 0, 20},
      {SortOrder::kOldest, DateField::kPublished, 0, 20},
      {SortOrder::kNewest, DateField::kCaptured, 0, 20},
      {SortOrder::kOldest, DateField::kCaptured, 0, 20},
      {SortOrder::kOldest, DateField::kPublished, 3, 3},  // a page across both shards
  };
  for (const SortRow& row : sort_rows) {
    CAPTURE(static_cast<int>(row.sort));
    CAPTURE(static_cast<int>(row.field));
    CAPTURE(row.offset);
    SearchRequest request = all;
    request.facets = false;
    request.sort = row.sort;
    request.date_field = row.field;
    request.offset = row.offset;
    request.limit = row.limit;
    common::Result<SearchResults> got = sharded->Search(request);
    REQUIRE_MESSAGE(got.ok(), got.status().ToString());
    common::Result<SearchResults> want = whole->Search(request);
    REQUIRE(want.ok());
    std::vector<std::string> got_order;
    std::vector<std::string> want_order;
    std::vector<std::string> dates;  // the sorted-by dates, in hit order
    for (const Hit& hit : got->hits) got_order.push_back(hit.document.url);
    for (const Hit& hit : want->hits) {
      want_order.push_back(hit.document.url);
      dates.push_back(row.field == DateField::kPublished ? hit.document.published
                                                         : hit.document.captured);
    }
    CHECK(got_order == want_order);
    REQUIRE(want_order.size() == std::min<std::size_t>(row.limit, 8 - row.offset));
    // Dated first, in the requested direction; then the undated ones.
    const auto undated = std::find(dates.begin(), dates.end(), std::string());
    CHECK(std::all_of(undated, dates.end(), [](const std::string& d) { return d.empty(); }));
    if (row.sort == SortOrder::kNewest) {
      CHECK(std::is_sorted(dates.begin(), undated, std::greater<>()));
    } else {
      CHECK(std::is_sorted(dates.begin(), undated));
    }
    if (row.field == DateField::kPublished && row.offset == 0) {
      CHECK(dates.end() - undated == 3);  // the three undated sample documents, last
    }
  }
}

}  // namespace
}  // namespace vestige::query
