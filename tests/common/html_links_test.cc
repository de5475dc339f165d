// ParseHtmlLinks (links read off gumbo's own tree, the crawler's path) finds exactly the links of
// ExtractLinks(ParseHtml(...).root) (links read off our tree): same URLs, tags, rel, type and base,
// in the same order. Over the sample site's pages, the real news pages of the aeb corpus when
// present, and snippets where the two trees could part ways.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../../common/src/gzip.h"
#include "test_paths.h"
#include "vestige/common/html.h"

namespace vestige::common {
namespace {

using test::ReadFile;

std::string Show(const HtmlLinks& links) {
  std::string out = "base=" + links.base_href.value_or("(none)") + "\n";
  for (const HtmlLink& l : links.links) {
    out += l.tag + " [" + l.url + "] rel=[" + l.rel + "] type=[" + l.type + "]\n";
  }
  return out;
}

// The links both ways, checked equal; returns how many there were.
std::size_t CheckSame(const std::string& html) {
  const HtmlLinks fast = ParseHtmlLinks(html);
  const HtmlLinks full = ExtractLinks(ParseHtml(html).root);
  CHECK(Show(fast) == Show(full));
  return full.links.size();
}

struct Row {
  const char* name;
  const char* html;
  const char* links;  // what both must give (Show's format)
};

TEST_CASE("ParseHtmlLinks: the same links as ExtractLinks on snippets where trees could differ") {
  const Row rows[] = {
      {"every kind",
       "<base href=/b/><base href=/ignored/><link rel=' Canonical ' href=/c type=X>"
       "<a href=/a rel='NoFollow  Me'>a</a><area href=/m><iframe src=/f></iframe>"
       "<meta http-equiv=Refresh content='5; URL=/r'>",
       "base=/b/\nlink [/c] rel=[canonical] type=[x]\na [/a] rel=[nofollow me] type=[]\n"
       "area [/m] rel=[] type=[]\niframe [/f] rel=[] type=[]\nmeta-refresh [/r] rel=[] type=[]\n"},
      {"empty and blank targets dropped", "<a href=''>x</a><a href='  '>y</a><a>z</a><a href=/k>",
       "base=(none)\na [/k] rel=[] type=[]\n"},
      {"upper-case tags and attributes", "<A HREF=/u REL=Next>x</A>",
       "base=(none)\na [/u] rel=[next] type=[]\n"},
      {"first of duplicate attributes", "<a href=/one href=/two>x</a>",
       "base=(none)\na [/one] rel=[] type=[]\n"},
      {"entities decoded", "<a href='/q?a=1&amp;b=2'>x</a>",
       "base=(none)\na [/q?a=1&b=2] rel=[] type=[]\n"},
      {"inside svg and math: not HTML links",
       "<svg><a href=/s1>s</a><a xlink:href=/s2>t</a></svg><math><a href=/m1>m</a></math>"
       "<a href=/after>",
       "base=(none)\na [/after] rel=[] type=[]\n"},
      {"html breaks out of svg", "<svg><p><a href=/out>o</a></p></svg>",
       "base=(none)\na [/out] rel=[] type=[]\n"},
      {"inside noscript, template, script and style: dropped",
       "<p><noscript><a href=/n>n</a></noscript><template><a href=/t>t</a></template>"
       "<script>document.write('<a href=/js>')</script><style>a{}</style><a href=/ok>",
       "base=(none)\na [/ok] rel=[] type=[]\n"},
      {"noscript in head left at an a", "<noscript><a href=/n>n</a></noscript>",
       "base=(none)\na [/n] rel=[] type=[]\n"},
      {"noscript in head closed by text", "<head><noscript>text<link rel=canonical href=/h>",
       "base=(none)\nlink [/h] rel=[canonical] type=[]\n"},
      {"misnested formatting: the a is reconstructed", "<p><a href=/x>one<p>two</a>",
       "base=(none)\na [/x] rel=[] type=[]\na [/x] rel=[] type=[]\n"},
      {"table foster parenting keeps order",
       "<table><a href=/f1>x</a><tr><td><a href=/f2>y</a></td></tr></table>",
       "base=(none)\na [/f1] rel=[] type=[]\na [/f2] rel=[] type=[]\n"},
      {"link in body, meta without http-equiv",
       "<p><link rel=alternate type=application/rss+xml href=/feed><meta content='0;url=/no'>",
       "base=(none)\nlink [/feed] rel=[alternate] type=[application/rss+xml]\n"},
      {"comment and cdata hide nothing real",
       "<!-- <a href=/c> --><a href=/real><![CDATA[<a href=/d>]]>",
       "base=(none)\na [/real] rel=[] type=[]\n"},
      // ParseHtmlLinks cuts text runs short before gumbo reads them (html_nesting.h): runs long
      // enough to be cut, where the text's first characters shape the tree.
      {"text closes a head noscript",
       "<head><noscript>some long text that will be cut short<link rel=canonical href=/h>",
       "base=(none)\nlink [/h] rel=[canonical] type=[]\n"},
      {"white space keeps a head noscript",
       "<head><noscript>                                <link rel=canonical href=/h>",
       "base=(none)\n"},
      {"text reconstructs an a once",
       "<p><a href=/x>one<p>two long text that will be cut short</a>",
       "base=(none)\na [/x] rel=[] type=[]\na [/x] rel=[] type=[]\n"},
      {"text in a table is foster parented, reopening an a",
       "<a href=/f><table><tr><td></a>x</td></tr>long text that will be cut short</table>",
       "base=(none)\na [/f] rel=[] type=[]\n"},
      {"text after body", "</body>long text that will be cut short</html><a href=/late>",
       "base=(none)\na [/late] rel=[] type=[]\n"},
      {"text starting with an entity or a non-ASCII letter is kept",
       "<p>&amp; long text that will not be cut<a href=/e1><p>\xc3\xa9 long text not cut <a "
       "href=/e2>",
       "base=(none)\na [/e1] rel=[] type=[]\na [/e1] rel=[] type=[]\na [/e2] rel=[] type=[]\n"},
      {"a '>' in a quoted value: no more cuts",
       "<div title='a>b'>long text that is not cut <a href=/q>",
       "base=(none)\na [/q] rel=[] type=[]\n"},
      {"an '=' with no name: read as a name, not a quoted value",
       "<a =\"x>y\">long text that is not cut \" <a href=/z>",
       "base=(none)\na [/z] rel=[] type=[]\n"},
      {"an abrupt comment ends early", "<!--><a href=/c>long text, not cut --> <a href=/d>",
       "base=(none)\na [/c] rel=[] type=[]\na [/d] rel=[] type=[]\n"},
      {"an '=' with no name, then a quoted href that runs past the next tag",
       "<a =\"x href=\">long text that must not be cut</a>\"><p>",
       "base=(none)\na [>long text that must not be cut</a>] rel=[] type=[]\n"},
      {"an abrupt comment, then a quoted href that runs past the next tag",
       "<!--><a href=\"--><i>long text that must not be cut<b>\">",
       "base=(none)\na [--><i>long text that must not be cut<b>] rel=[] type=[]\n"},
      {"a double-escaped script runs past its first end tag",
       "<script><!--<script>long</script> text that is script <a href=/no></script><a href=/yes>",
       "base=(none)\na [/yes] rel=[] type=[]\n"},
      {"an svg title holding markup (an HTML integration point)",
       "<svg><title>long text <a href=/s> more long text</title></svg><a href=/after>",
       "base=(none)\na [/s] rel=[] type=[]\na [/after] rel=[] type=[]\n"},
      {"a pre's leading newline", "<pre>\nlong text that will be cut short</pre><a href=/p>",
       "base=(none)\na [/p] rel=[] type=[]\n"},
      {"text with a NUL and entities after the first letter",
       "<p>x long text &amp; \x01 more text to be cut<a href=/n>",
       "base=(none)\na [/n] rel=[] type=[]\n"},
  };
  for (const Row& row : rows) {
    INFO("row: " << std::string(row.name));
    std::string html = row.html;
    for (char& c : html) {
      if (c == '\x01') c = '\0';  // a NUL byte, which a C string cannot hold
    }
    CHECK(Show(ParseHtmlLinks(html)) == row.links);
    CheckSame(html);
  }
}

TEST_CASE("ParseHtmlLinks: the same links as ExtractLinks deeper than our tree's depth cap") {
  std::string html;
  for (int i = 0; i < 700; ++i) html += "<div><a href=/d" + std::to_string(i) + ">";
  for (int i = 0; i < 5000; ++i) html += "<span>";  // past the nesting guard too
  html += "<a href=/deepest>";
  CHECK(CheckSame(html) > 701);  // each <a> inside an open <a> also reopens it
}

TEST_CASE("ParseHtmlLinks: the same links as ExtractLinks on the sample site") {
  const std::filesystem::path root = std::filesystem::path(VESTIGE_SOURCE_DIR) / "data/sample-site";
  std::size_t pages = 0;
  std::size_t links = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".html") continue;
    CAPTURE(entry.path().string());
    links += CheckSame(ReadFile(entry.path()));
    ++pages;
  }
  CHECK(pages >= 40);
  CHECK(links >= 200);
}

TEST_CASE("ParseHtmlLinks: the same links as ExtractLinks on real news pages (aeb corpus)") {
  const std::filesystem::path root = std::filesystem::path(VESTIGE_SHARED_DIR) / "corpora/aeb/html";
  if (!std::filesystem::is_directory(root)) return;  // the shared corpora are not in the repo
  std::size_t pages = 0;
  std::size_t links = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    CAPTURE(entry.path().string());
    std::string bytes = ReadFile(entry.path());
    if (gzip::HasMagic(bytes)) {
      Result<std::string> plain = gzip::GunzipAll(bytes, std::size_t{64} << 20);
      REQUIRE(plain.ok());
      bytes = std::move(*plain);
    }
    links += CheckSame(bytes);
    ++pages;
  }
  CHECK(pages > 100);
  CHECK(links > 10000);
}

}  // namespace
}  // namespace vestige::common
