// CrawlOptions validation and --resolve parsing, table-driven.
#include "vestige/crawler/options.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>

namespace vestige::crawler {
namespace {

TEST_CASE("ParseResolveEntry") {
  struct Row {
    const char* input;
    bool ok;
    const char* host;
    int port;
    const char* address;
  };
  const Row rows[] = {
      {"site.test:8080:127.0.0.1", true, "site.test", 8080, "127.0.0.1"},
      {"Site.Test:80:10.0.0.1", true, "site.test", 80, "10.0.0.1"},
      {"v6.test:443:[::1]", true, "v6.test", 443, "[::1]"},
      {"site.test:65535:127.0.0.1", true, "site.test", 65535, "127.0.0.1"},
      {"site.test:8080", false, "", 0, ""},
      {"site.test", false, "", 0, ""},
      {"", false, "", 0, ""},
      {":80:127.0.0.1", false, "", 0, ""},
      {"site.test::127.0.0.1", false, "", 0, ""},
      {"site.test:0:127.0.0.1", false, "", 0, ""},
      {"site.test:65536:127.0.0.1", false, "", 0, ""},
      {"site.test:8o:127.0.0.1", false, "", 0, ""},
      {"site.test:80:localhost", false, "", 0, ""},
      {"site.test:80:", false, "", 0, ""},
      {"site.test:80:300.1.1.1", false, "", 0, ""},
      {"site.test:80:::1", false, "", 0, ""},
      {"site test:80:127.0.0.1", false, "", 0, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    auto parsed = ParseResolveEntry(row.input);
    REQUIRE(parsed.ok() == row.ok);
    if (!row.ok) {
      CHECK(parsed.status().code() == common::Status::Code::kInvalidArgument);
      CHECK(parsed.status().message().find("--resolve") != std::string::npos);
      continue;
    }
    CHECK(parsed->host == row.host);
    CHECK(parsed->port == row.port);
    CHECK(parsed->address == row.address);
  }
}

CrawlOptions Good() {
  CrawlOptions o;
  o.collection = "/tmp/c";
  o.seeds = {"http://site.test:8080/"};
  return o;
}

TEST_CASE("ValidateCrawlOptions") {
  struct Row {
    const char* name;
    std::function<void(CrawlOptions&)> change;
    const char* error;  // nullptr: valid; else a part of the message
  };
  const Row rows[] = {
      {"defaults with a seed", [](CrawlOptions&) {}, nullptr},
      {"https seed", [](CrawlOptions& o) { o.seeds = {"https://example.org/a?b"}; }, nullptr},
      {"seeds file only",
       [](CrawlOptions& o) {
         o.seeds.clear();
         o.seeds_file = "seeds.txt";
       },
       nullptr},
      {"good resolve", [](CrawlOptions& o) { o.resolve = {"site.test:8080:127.0.0.1"}; }, nullptr},
      {"delay 0", [](CrawlOptions& o) { o.delay_seconds = 0; }, nullptr},
      {"max-pages 1", [](CrawlOptions& o) { o.max_pages = 1; }, nullptr},
      {"no seeds", [](CrawlOptions& o) { o.seeds.clear(); }, "no seeds"},
      {"relative seed", [](CrawlOptions& o) { o.seeds = {"/just/a/path"}; }, "--seed"},
      {"not a URL", [](CrawlOptions& o) { o.seeds = {"not a url"}; }, "--seed"},
      {"ftp seed", [](CrawlOptions& o) { o.seeds = {"ftp://example.org/"}; }, "http and https"},
      {"one bad seed among good",
       [](CrawlOptions& o) {
         o.seeds = {"http://a.test/", "mailto:x@y.z"};
       },
       "--seed"},
      {"max-pages 0", [](CrawlOptions& o) { o.max_pages = 0; }, "--max-pages"},
      {"max-pages negative", [](CrawlOptions& o) { o.max_pages = -5; }, "--max-pages"},
      {"negative delay", [](CrawlOptions& o) { o.delay_seconds = -1; }, "--delay"},
      {"NaN delay",
       [](CrawlOptions& o) { o.delay_seconds = std::numeric_limits<double>::quiet_NaN(); },
       "--delay"},
      {"bad resolve, no address", [](CrawlOptions& o) { o.resolve = {"site.test:8080"}; },
       "--resolve"},
      {"bad resolve, port", [](CrawlOptions& o) { o.resolve = {"site.test:x:127.0.0.1"}; },
       "--resolve"},
      {"bad resolve, address", [](CrawlOptions& o) { o.resolve = {"site.test:80:host"}; },
       "--resolve"},
      {"empty collection", [](CrawlOptions& o) { o.collection.clear(); }, "--collection"},
      {"empty user agent", [](CrawlOptions& o) { o.user_agent.clear(); }, "--user-agent"},
      {"user agent with newline", [](CrawlOptions& o) { o.user_agent = "a\r\nX-Evil: 1"; },
       "--user-agent"},
      {"commit_every 0", [](CrawlOptions& o) { o.commit_every = 0; }, "commit_every"},
      {"concurrency 1", [](CrawlOptions& o) { o.concurrency = 1; }, nullptr},
      {"concurrency 1000", [](CrawlOptions& o) { o.concurrency = 1000; }, nullptr},
      {"concurrency 0", [](CrawlOptions& o) { o.concurrency = 0; }, "--concurrency"},
      {"concurrency 1001", [](CrawlOptions& o) { o.concurrency = 1001; }, "--concurrency"},
      {"timeout 0", [](CrawlOptions& o) { o.total_timeout_seconds = 0; }, "timeouts"},
      {"prefix with slash", [](CrawlOptions& o) { o.warc_prefix = "a/b"; }, "prefix"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CrawlOptions o = Good();
    row.change(o);
    common::Status s = ValidateCrawlOptions(o);
    if (row.error == nullptr) {
      CHECK_MESSAGE(s.ok(), s.ToString());
    } else {
      CHECK(s.code() == common::Status::Code::kInvalidArgument);
      CHECK_MESSAGE(s.message().find(row.error) != std::string::npos, s.message());
    }
  }
}

TEST_CASE("the default user agent names the product and version") {
  CrawlOptions o;
  CHECK(o.user_agent.rfind(std::string("vestige-crawl/") + VESTIGE_VERSION, 0) == 0);
  CHECK(o.delay_seconds == 1.0);
  CHECK(o.obey_robots);
  CHECK(o.max_redirects == 10);
  CHECK(o.concurrency == 16);
}

}  // namespace
}  // namespace vestige::crawler
