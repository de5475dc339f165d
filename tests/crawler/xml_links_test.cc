// The sitemap and feed scanner: table-driven rows of real-looking XML, and hostile input.
#include "vestige/crawler/xml_links.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace vestige::test {
namespace {

using crawler::ExtractXmlLinks;
using crawler::XmlKind;

struct Row {
  const char* name;
  std::string xml;
  XmlKind kind;
  std::vector<std::string> urls;
  std::vector<std::string> lastmods;  // empty: not checked
};

TEST_CASE("sitemaps and feeds: the URLs they list") {
  const std::vector<Row> rows = {
      {"urlset with lastmod",
       "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
       "<url><loc> http://a.test/1 </loc><lastmod>2025-02-11</lastmod></url>"
       "<url><loc>http://a.test/2?x=1&amp;y=2</loc></url></urlset>",
       XmlKind::kUrlset,
       {"http://a.test/1", "http://a.test/2?x=1&y=2"},
       {"2025-02-11", ""}},
      {"sitemap index",
       "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap>"
       "<loc>http://a.test/s1.xml.gz</loc><lastmod>2024-01-01T10:00:00+01:00</lastmod></sitemap>"
       "<sitemap><loc>http://a.test/s2.xml</loc></sitemap></sitemapindex>",
       XmlKind::kSitemapIndex,
       {"http://a.test/s1.xml.gz", "http://a.test/s2.xml"},
       {"2024-01-01T10:00:00+01:00", ""}},
      {"RSS 2.0 with CDATA, comments and a namespaced self link",
       "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
       "<link>http://a.test/</link><atom:link href=\"http://a.test/feed\" rel=\"self\"/>"
       "<!-- <link>http://a.test/commented</link> -->"
       "<item><title>T &lt;b&gt;</title><link><![CDATA[http://a.test/n?a=1&b=2]]></link></item>"
       "<item><link>http://a.test/&#1074;</link></item></channel></rss>",
       XmlKind::kRss,
       {"http://a.test/", "http://a.test/n?a=1&b=2", "http://a.test/\xD0\xB2"},
       {}},
      {"Atom: alternate and rel-less links, not self or enclosure",
       "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"self\" href=\"/feed.atom\"/>"
       "<link rel=\"alternate\" type=\"text/html\" href=\"/\"/><entry><link href='/e1'/>"
       "<link rel=\"enclosure\" href=\"/e1.mp3\"/></entry></feed>",
       XmlKind::kAtom,
       {"/", "/e1"},
       {}},
      {"a prefixed sitemap",
       "<sm:urlset xmlns:sm=\"x\"><sm:url><sm:loc>/p</sm:loc></sm:url></sm:urlset>",
       XmlKind::kUrlset,
       {"/p"},
       {}},
      {"unclosed elements are tolerated",
       "<urlset><url><loc>/a</loc><url><loc>/b</loc></urlset>",
       XmlKind::kUrlset,
       {"/a", "/b"},
       {}},
      {"HTML is not a feed",
       "<html><body><a href=\"/x\">x</a></body></html>",
       XmlKind::kNone,
       {},
       {}},
      {"a torn document gives what came before",
       "<urlset><url><loc>/a</loc></url><url><loc",
       XmlKind::kUrlset,
       {"/a"},
       {}},
      {"empty", "", XmlKind::kNone, {}, {}},
      {"bad character references stay as written",
       "<rss><channel><item><link>/a&#xZZ;&bogus;</link></item></channel></rss>",
       XmlKind::kRss,
       {"/a&#xZZ;&bogus;"},
       {}},
  };
  for (const Row& row : rows) {
    INFO("row: " << std::string(row.name));
    auto links = ExtractXmlLinks(row.xml);
    CHECK(links.kind == row.kind);
    std::vector<std::string> urls;
    std::vector<std::string> lastmods;
    for (const auto& l : links.links) {
      urls.push_back(l.url);
      lastmods.push_back(l.lastmod);
    }
    std::string got;
    for (const auto& u : urls) got += u + " | ";
    INFO("got: " << got);
    CHECK(urls == row.urls);
    if (!row.lastmods.empty()) CHECK(lastmods == row.lastmods);
  }
}

TEST_CASE("the scanner bounds its work on hostile input") {
  std::string deep = "<urlset>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  deep += "<url><loc>/x</loc></url>";
  CHECK(ExtractXmlLinks(deep).kind == XmlKind::kUrlset);
  std::string many = "<urlset>";
  for (int i = 0; i < 2000; ++i) many += "<url><loc>/p" + std::to_string(i) + "</loc></url>";
  many += "</urlset>";
  CHECK(ExtractXmlLinks(many, 1u << 20, 100).links.size() == 100);
  CHECK(ExtractXmlLinks(many, 100).links.size() <= 3);  // cut at 100 bytes
  for (const char* junk : {"<", "<<<>>>", "<urlset", "<urlset><url><loc>/a", "<!--", "<![CDATA[",
                           "<urlset a='>", "&#99999999999;"}) {
    CAPTURE(junk);
    auto links = ExtractXmlLinks(junk);
    CHECK(links.links.size() <= 1);
  }
}

}  // namespace
}  // namespace vestige::test
