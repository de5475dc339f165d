// The links a crawl follows from a page (crawler/src/link_worker.h, internal), read in place or on
// the link worker's thread: both give the same links, and a job not taken is dropped.
#include "../../crawler/src/link_worker.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../common/src/gzip.h"  // internal: a gzip-encoded payload

namespace vestige::test {
namespace {

common::HttpResponse Html(std::string body, std::string encoding = "") {
  common::HttpResponse r;
  r.version = "HTTP/1.1";
  r.status = 200;
  r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  if (!encoding.empty()) r.headers.emplace_back("Content-Encoding", encoding);
  r.payload = std::move(body);
  return r;
}

std::vector<std::string> Canonicals(const std::optional<std::vector<crawler::PageLink>>& links) {
  std::vector<std::string> out;
  if (!links) return {"(none)"};
  for (const crawler::PageLink& l : *links) out.push_back(l.canonical + (l.feed ? " feed" : ""));
  return out;
}

TEST_CASE("ReadPageLinks: which links a crawl follows, resolved and canonical") {
  const common::Url page = *common::ParseUrl("http://news.example/a/b.html");
  struct Row {
    const char* html;
    std::vector<std::string> want;
  };
  const Row rows[] = {
      {"<a href=c.html>c</a><a href='/D/../e?b=2&a=1#x'>e</a>",
       {"http://news.example/a/c.html", "http://news.example/e?b=2&a=1"}},
      {"<base href='http://other.example/x/'><a href=y>y</a>", {"http://other.example/x/y"}},
      {"<link rel=stylesheet href=s.css><link rel='canonical' href=/canon>"
       "<link rel='alternate' type='application/rss+xml' href=/feed.xml>"
       "<link rel='Alternate nofollow' href=/alt><link rel=alternate type=text/css href=/css>",
       {"http://news.example/canon", "http://news.example/feed.xml feed", "http://news.example/alt",
        "http://news.example/css"}},
      {"<a href='mailto:x@y.example'>m</a><a href='javascript:void(0)'>j</a>"
       "<a href='ftp://f.example/'>f</a><a href='HTTPS://News.Example:443/z'>z</a>",
       {"https://news.example/z"}},
      {"<img src=i.png><iframe src=/frame></iframe><area href=/map>"
       "<meta http-equiv=refresh content='0; url=/next'>",
       {"http://news.example/frame", "http://news.example/map", "http://news.example/next"}},
      {"no links at all", {}},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.html));
    CHECK(Canonicals(crawler::ReadPageLinks(page, Html(row.html))) == row.want);
  }
  // Content-Encoding is removed first; a payload that does not decode gives no links.
  CHECK(Canonicals(crawler::ReadPageLinks(
            page, Html(common::gzip::CompressMember("<a href=/gz>g</a>"), "gzip"))) ==
        std::vector<std::string>{"http://news.example/gz"});
  CHECK(Canonicals(crawler::ReadPageLinks(page, Html("not gzip", "gzip"))) ==
        std::vector<std::string>{"(none)"});
}

TEST_CASE("LinkWorker gives ReadPageLinks' links, one job at a time") {
  const common::Url page = *common::ParseUrl("http://news.example/");
  crawler::LinkWorker worker;
  CHECK_FALSE(worker.Has("http://news.example/"));
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "<p><a href=/p" + std::to_string(i) + ">x</a>";
  for (int round = 0; round < 50; ++round) {
    CAPTURE(round);
    const common::HttpResponse response = Html(big + "<a href=/r" + std::to_string(round) + ">");
    worker.Start("http://news.example/", page, response);
    CHECK(worker.Has("http://news.example/"));
    CHECK_FALSE(worker.Has("http://news.example/other"));
    const auto links = worker.Take();
    CHECK_FALSE(worker.Has("http://news.example/"));
    REQUIRE(links.has_value());
    CHECK(links->size() == 2001);
    CHECK(Canonicals(links) == Canonicals(crawler::ReadPageLinks(page, response)));
  }
  // A job not taken is dropped by the next Start (or by Drop): only the new job's links come back.
  worker.Start("http://news.example/1", page, Html("<a href=/one>"));
  worker.Start("http://news.example/2", page, Html("<a href=/two>"));
  CHECK_FALSE(worker.Has("http://news.example/1"));
  CHECK(Canonicals(worker.Take()) == std::vector<std::string>{"http://news.example/two"});
  worker.Start("http://news.example/3", page, Html("<a href=/three>"));
  worker.Drop();
  CHECK_FALSE(worker.Has("http://news.example/3"));
}

}  // namespace
}  // namespace vestige::test
