// vestige-index killed with SIGKILL at arbitrary moments: the next run resumes, and in the end
// the index holds exactly what one uninterrupted run makes (nothing lost, nothing twice).
#include <doctest/doctest.h>
#include <xapian.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "collection_fixture.h"
#include "fixtures.h"
#include "process.h"
#include "test_paths.h"
#include "vestige/indexer/indexer.h"

namespace vestige::indexer {
namespace {

namespace fs = std::filesystem;
using test::Collection;
using test::Http;
using test::Page;
using test::Response;
using test::WarcFile;

constexpr int kFiles = 3;
constexpr int kPagesPerFile = 150;

void WriteCollection(const fs::path& warc_dir) {
  for (int f = 0; f < kFiles; ++f) {
    WarcFile warc(warc_dir, "part" + std::to_string(f));
    for (int i = 0; i < kPagesPerFile; ++i) {
      const int n = f * kPagesPerFile + i;
      const std::string body = "Statement " + std::to_string(n) +
                               ": political prisoners in Belarus were held without contact; "
                               "marker m" +
                               std::to_string(n * 7919) + ".";
      // Every 50th page captures an earlier URL again, so replacements cross kills too.
      const int url = (n % 50 == 49) ? n - 30 : n;
      warc.Write(Response("http://example.org/s/" + std::to_string(url), "2024-03-05T10:00:00Z",
                          Http(200, {{"Content-Type", "text/html; charset=utf-8"}},
                               Page("Statement " + std::to_string(n), body + "</p><p>" + body))));
    }
    warc.Close();
  }
}

// Runs vestige-index on `c` and kills it after `delay`; returns its exit code (128 + 9 when the
// kill hit a running process).
int RunAndKill(const Collection& c, unsigned shards, std::chrono::milliseconds delay) {
  vestige::test::BackgroundProcess index(
      {VESTIGE_INDEX_BIN, "--collection", c.dir().string(), "--batch", "5", "--threads", "2",
       "--shards", std::to_string(shards)},
      c.dir() / "index.log");
  std::this_thread::sleep_for(delay);
  return index.Kill(SIGKILL);
}

TEST_CASE("vestige-index killed at any moment resumes and ends with the uninterrupted index") {
  for (unsigned shards : {1u, 2u}) {
    CAPTURE(shards);
    Collection reference;
    WriteCollection(reference.warc_dir());
    IndexOptions options;
    options.shards = shards;
    auto whole = reference.Run(options);
    REQUIRE_MESSAGE(whole.ok(), whole.status().ToString());
    const auto expected = test::DocumentsByUrl(reference.index_dir());
    REQUIRE(expected.size() == kFiles * kPagesPerFile - kFiles * kPagesPerFile / 50);

    Collection c;
    fs::remove_all(c.warc_dir());
    fs::copy(reference.warc_dir(), c.warc_dir());
    int partial = 0;  // kills that left some but not all documents committed
    bool finished = false;
    for (int round = 1; round <= 40 && !finished; ++round) {
      const int code = RunAndKill(c, shards, std::chrono::milliseconds(25 * round));
      if (code != 128 + SIGKILL) {
        REQUIRE_MESSAGE(code == 0, vestige::test::ReadFile(c.dir() / "index.log"));
        finished = true;
        break;
      }
      Xapian::doccount docs = 0;
      try {
        docs = Xapian::Database(c.index_dir().string()).get_doccount();
      } catch (const Xapian::Error&) {
        continue;  // killed before the index (or its shard list) was made
      }
      if (docs > 0 && docs < expected.size()) ++partial;
    }
    MESSAGE("shards ", shards, ": ", partial, " kill(s) left a partial index");
    CHECK(partial >= 1);
    const vestige::test::ProcessResult last = vestige::test::RunProcess(
        {VESTIGE_INDEX_BIN, "--collection", c.dir().string(), "--threads", "2"}, 300);
    REQUIRE_MESSAGE(last.exit_code == 0, last.err);
    CHECK(test::DocumentsByUrl(c.index_dir()) == expected);
  }
}

}  // namespace
}  // namespace vestige::indexer
