// The frontier (crawler/src/frontier.h, internal) and the compact URL set behind it
// (crawler/src/url_set.h): breadth-first order across hosts, dedup, entries coming back out
// exactly as they went in, and strings of every length stored and found again.
#include "../../crawler/src/frontier.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../crawler/src/url_set.h"

namespace vestige::test {
namespace {

using crawler::Frontier;
using crawler::FrontierEntry;
using crawler::UrlSet;

FrontierEntry Entry(const std::string& url, const std::string& host) {
  FrontierEntry e;
  e.url = url;
  e.host_key = host;
  e.scope = host;
  return e;
}

// The URLs Pop gives at `now` until it gives none.
std::vector<std::string> Drain(Frontier& f, Frontier::Clock::time_point now) {
  std::vector<std::string> out;
  while (auto e = f.Pop(now, nullptr)) out.push_back(e->url);
  return out;
}

TEST_CASE("UrlSet stores strings of every length once and finds them again") {
  const std::vector<std::string> rows = {
      "",                                        // empty
      "http://a.test/",                          // origin and path
      "http://b.test/",                          // the same path on another origin
      "http://a.test",                           // an origin alone
      "https://a.test/",                         // another scheme
      "http://a.test?q=1",                       // no '/' after the host: all origin
      "://",                                     // an empty scheme
      "no scheme at all",                        // no origin
      "http://a.test/" + std::string(127, 'x'),  // a one-byte length
      "http://a.test/" + std::string(128, 'y'),  // a two-byte length
      std::string(64 * 1024 - 4, 'z'),           // with its 4 header bytes, exactly a block
      std::string(64 * 1024 + 1, 'w'),           // larger than a block: a block of its own
      "http://a.test/after-the-big-one",         // back in the block being filled
  };
  UrlSet set;
  std::vector<UrlSet::Ref> refs;
  for (const std::string& s : rows) {
    auto [ref, added] = set.Insert(s);
    CHECK(added);
    refs.push_back(ref);
  }
  CHECK(set.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    CHECK(set.Get(refs[i]) == rows[i]);
    CHECK(set.Find(rows[i]) == refs[i]);
    auto [ref, added] = set.Insert(rows[i]);
    CHECK_FALSE(added);
    CHECK(ref == refs[i]);
  }
  CHECK_FALSE(set.Contains("http://c.test/"));
  CHECK_FALSE(set.Contains("http://a.test/x"));
  CHECK_FALSE(set.Contains("https://b.test/"));
  CHECK(set.size() == rows.size());
}

TEST_CASE("UrlSet keeps every string across table growth and many blocks") {
  UrlSet set;
  std::vector<UrlSet::Ref> refs;
  for (int i = 0; i < 20000; ++i) {
    refs.push_back(
        set.Insert("http://h" + std::to_string(i % 7) + ".test/page/" + std::to_string(i)).first);
  }
  CHECK(set.size() == 20000);
  int wrong = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string url = "http://h" + std::to_string(i % 7) + ".test/page/" + std::to_string(i);
    if (set.Get(refs[i]) != url || set.Find(url) != refs[i]) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK_FALSE(set.Contains("http://h1.test/page/20000"));
  CHECK_FALSE(set.Contains("http://h1.test/page/2"));  // page 2 is on h2
}

TEST_CASE("Frontier pops breadth-first across hosts and queues each URL once") {
  Frontier f;
  CHECK(f.Add(Entry("http://a/1", "a:80")));
  CHECK(f.Add(Entry("http://b/1", "b:80")));
  CHECK(f.Add(Entry("http://a/2", "a:80")));
  CHECK_FALSE(f.Add(Entry("http://a/1", "a:80")));
  CHECK(f.Add(Entry("http://b/2", "b:80")));
  CHECK(f.size() == 4);
  CHECK(f.Seen("http://b/2"));
  CHECK_FALSE(f.Seen("http://b/3"));
  CHECK(Drain(f, Frontier::Clock::now()) ==
        std::vector<std::string>{"http://a/1", "http://b/1", "http://a/2", "http://b/2"});
  CHECK(f.empty());
  CHECK_FALSE(f.Add(Entry("http://a/2", "a:80")));  // popped URLs stay seen
}

TEST_CASE("Frontier gives entries back with every field, through Pop, PushFront and Take") {
  Frontier f;
  FrontierEntry e = Entry("http://a/x?q=1", "a:80");
  e.scope = "domain:a";
  e.hops = 2;
  e.seed = true;
  e.depth = 3;
  e.kind = "sitemap";
  e.attempts = 1;
  REQUIRE(f.Add(e));
  f.MarkSeen("http://a/done");
  CHECK_FALSE(f.Add(Entry("http://a/done", "a:80")));
  REQUIRE(f.Add(Entry("http://a/y", "a:80")));

  auto popped = f.Pop(Frontier::Clock::now(), nullptr);
  REQUIRE(popped);
  CHECK(popped->url == e.url);
  CHECK(popped->host_key == "a:80");
  CHECK(popped->scope == "domain:a");
  CHECK(popped->hops == 2);
  CHECK(popped->seed);
  CHECK(popped->sequence == 0);
  CHECK(popped->depth == 3);
  CHECK(popped->kind == "sitemap");
  CHECK(popped->attempts == 1);

  popped->attempts = 2;
  f.PushFront(*popped);  // a retry goes back to the head of its host's queue
  CHECK(f.size() == 2);
  auto taken = f.Take("http://a/x?q=1", "a:80");
  REQUIRE(taken);
  CHECK(taken->attempts == 2);
  CHECK(taken->sequence == 0);
  CHECK(taken->kind == "sitemap");
  CHECK_FALSE(f.Take("http://a/x?q=1", "a:80"));
  CHECK_FALSE(f.Take("http://a/y", "b:80"));
  CHECK_FALSE(f.Take("http://a/never", "a:80"));
  CHECK(Drain(f, Frontier::Clock::now()) == std::vector<std::string>{"http://a/y"});

  FrontierEntry far = Entry("http://a/far", "a:80");  // kept in 16 and 8 bits: saturated
  far.hops = 70000;
  far.attempts = 300;
  REQUIRE(f.Add(far));
  auto back = f.Pop(Frontier::Clock::now(), nullptr);
  REQUIRE(back);
  CHECK(back->hops == 65535);
  CHECK(back->attempts == 255);
}

TEST_CASE("Frontier skips busy hosts and hosts not yet allowed") {
  Frontier f;
  const auto now = Frontier::Clock::now();
  REQUIRE(f.Add(Entry("http://a/1", "a:80")));
  REQUIRE(f.Add(Entry("http://b/1", "b:80")));
  f.Acquire("a:80");
  f.SetNextAllowed("b:80", now + std::chrono::seconds(5));
  Frontier::Clock::time_point ready_at;
  CHECK_FALSE(f.Pop(now, &ready_at));
  CHECK(ready_at == now + std::chrono::seconds(5));
  f.Release("a:80");
  CHECK(Drain(f, now) == std::vector<std::string>{"http://a/1"});
  CHECK(Drain(f, now + std::chrono::seconds(5)) == std::vector<std::string>{"http://b/1"});
}

}  // namespace
}  // namespace vestige::test
