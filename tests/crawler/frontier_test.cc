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
      "",                                 // empty
      "http://a.test/",                   // short
      std::string(127, 'x'),              // one length byte
      std::string(128, 'y'),              // two length bytes
      std::string(64 * 1024 - 3, 'z'),    // with its 3 length bytes, exactly a block
      std::string(64 * 1024 + 1, 'w'),    // larger than a block: a block of its own
      "http://a.test/after-the-big-one",  // back in the block being filled
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
  CHECK_FALSE(set.Contains("http://a.test"));
  CHECK(set.size() == rows.size());
}

TEST_CASE("UrlSet keeps every string across table growth and many blocks") {
  UrlSet set;
  std::vector<UrlSet::Ref> refs;
  for (int i = 0; i < 20000; ++i) {
    refs.push_back(set.Insert("http://h.test/page/" + std::to_string(i)).first);
  }
  CHECK(set.size() == 20000);
  int wrong = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string url = "http://h.test/page/" + std::to_string(i);
    if (set.Get(refs[i]) != url || set.Find(url) != refs[i]) ++wrong;
  }
  CHECK(wrong == 0);
  CHECK_FALSE(set.Contains("http://h.test/page/20000"));
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
