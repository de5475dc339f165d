#include "vestige/common/html.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vestige::common {
namespace {

// The first element named `tag` in document order, or nullptr.
const HtmlNode* Find(const HtmlNode& root, std::string_view tag) {
  const HtmlNode* found = nullptr;
  ForEachElement(root, [&](const HtmlNode& n) {
    if (found == nullptr && n.is(tag)) found = &n;
  });
  return found;
}

std::vector<std::string> Tags(const HtmlNode& root) {
  std::vector<std::string> tags;
  ForEachElement(root, [&](const HtmlNode& n) { tags.push_back(n.tag); });
  return tags;
}

std::size_t Depth(const HtmlNode& root) {
  std::size_t max_depth = 0;
  std::vector<std::pair<const HtmlNode*, std::size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    if (d > max_depth) max_depth = d;
    for (const HtmlNode& c : n->children) stack.push_back({&c, d + 1});
  }
  return max_depth;
}

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("ParseHtml builds the document tree") {
  const std::string html =
      "<!DOCTYPE html><HTML lang=be><head><TITLE>Вясна: news</TITLE></head>"
      "<body><DIV Class='a b' ID=x>Hello <b>world</b></DIV></body></html>";
  const HtmlDocument doc = ParseHtml(html);
  CHECK(doc.input_bytes == html.size());
  CHECK(doc.root.kind == HtmlNode::Kind::kDocument);
  REQUIRE(doc.root.children.size() == 1);
  const HtmlNode& root_html = doc.root.children[0];
  CHECK(root_html.is("html"));
  CHECK(root_html.attr("lang") == std::optional<std::string_view>("be"));
  CHECK(Tags(doc.root) == std::vector<std::string>{"html", "head", "title", "body", "div", "b"});

  const HtmlNode* title = Find(doc.root, "title");
  REQUIRE(title != nullptr);
  CHECK(InnerText(*title) == "Вясна: news");

  const HtmlNode* div = Find(doc.root, "div");
  REQUIRE(div != nullptr);
  CHECK(div->attr("class") == std::optional<std::string_view>("a b"));
  CHECK(div->attr("id") == std::optional<std::string_view>("x"));
  CHECK_FALSE(div->attr("missing").has_value());
  REQUIRE(div->children.size() == 2);
  CHECK(div->children[0].kind == HtmlNode::Kind::kText);
  CHECK(div->children[0].text == "Hello ");
  CHECK(div->children[0].tag.empty());
  CHECK(div->children[1].is("b"));
  CHECK(InnerText(*div) == "Hello world");
}

TEST_CASE("ParseHtml decodes entities") {
  const HtmlDocument doc =
      ParseHtml("<p>A &amp; B&nbsp;C &#1041;&#x0431; &lt;tag&gt; &quot;q&quot; &copy &bogus;</p>");
  const HtmlNode* p = Find(doc.root, "p");
  REQUIRE(p != nullptr);
  REQUIRE(p->children.size() == 1);
  CHECK(p->children[0].text == "A & B\u00a0C Бб <tag> \"q\" \u00a9 &bogus;");
  // InnerText turns the no-break space into a plain one.
  CHECK(InnerText(*p) == "A & B C Бб <tag> \"q\" \u00a9 &bogus;");
}

TEST_CASE("ParseHtml drops comments and script, style, template, noscript content") {
  const HtmlDocument doc = ParseHtml(
      "<head><style>body{color:red}</style><script src=a.js>var x = '<p>no</p>';</script>"
      "</head><body><!-- hidden -->Visible<template><p>tpl</p></template>"
      "<noscript><img src=pixel.gif>Enable JS</noscript>"
      "<script type='application/ld+json'>{\"a\":1}</script> text</body>");
  const HtmlNode* script = Find(doc.root, "script");
  REQUIRE(script != nullptr);
  CHECK(script->attr("src") == std::optional<std::string_view>("a.js"));
  CHECK(script->children.empty());
  const HtmlNode* style = Find(doc.root, "style");
  REQUIRE(style != nullptr);
  CHECK(style->children.empty());
  const HtmlNode* tpl = Find(doc.root, "template");
  REQUIRE(tpl != nullptr);
  CHECK(tpl->children.empty());
  const HtmlNode* noscript = Find(doc.root, "noscript");
  REQUIRE(noscript != nullptr);
  CHECK(noscript->children.empty());
  CHECK(Find(doc.root, "img") == nullptr);
  CHECK(InnerText(doc.root) == "Visible text");
}

TEST_CASE("ParseHtml: unknown and foreign elements") {
  const HtmlDocument doc = ParseHtml(
      "<My-Widget Data-X=1>w</My-Widget><svg viewBox='0 0 1 1'><title>icon</title>"
      "<foreignObject><p>in</p></foreignObject><a xlink:href='#i'/></svg>"
      "<math><mi>x</mi></math><title-ish>t</title-ish>");
  const std::vector<std::string> tags = Tags(doc.root);
  const std::vector<std::string> expected = {
      "html", "head",  "body", "my-widget", "svg",      "svg:title", "svg:foreignobject",
      "p",    "svg:a", "math", "math:mi",   "title-ish"};
  CHECK(tags == expected);
  const HtmlNode* widget = Find(doc.root, "my-widget");
  REQUIRE(widget != nullptr);
  CHECK(widget->attr("data-x") == std::optional<std::string_view>("1"));
  const HtmlNode* svg = Find(doc.root, "svg");
  REQUIRE(svg != nullptr);
  CHECK(svg->attr("viewbox") == std::optional<std::string_view>("0 0 1 1"));
  const HtmlNode* svg_a = Find(doc.root, "svg:a");
  REQUIRE(svg_a != nullptr);
  CHECK(svg_a->attr("xlink:href") == std::optional<std::string_view>("#i"));
  // The HTML <title> is not confused with SVG's.
  CHECK(Find(doc.root, "title") == nullptr);
}

TEST_CASE("ParseHtml never fails") {
  const std::string_view kInputs[] = {
      "",
      "plain text",
      "<",
      "</",
      "<<<>>>",
      "<div",
      "<a href='unterminated",
      "<!--",
      "<![CDATA[x",
      "<table><tr><td>1<td>2</table></td></tr>",
      "<p><b><i>mis</b>nested</i></p>",
      std::string_view("a\0b<p\0>c", 8),
      "\xff\xfe<p>\xc3\x28 \xe2\x82 \xf0\x90\x80</p>\x80",  // invalid UTF-8
  };
  for (std::string_view input : kInputs) {
    CAPTURE(std::string(input));
    const HtmlDocument doc = ParseHtml(input);
    CHECK(doc.input_bytes == input.size());
    CHECK(doc.root.kind == HtmlNode::Kind::kDocument);
    CHECK(doc.root.children.size() == 1);  // <html>, always
  }
  const HtmlDocument bad = ParseHtml("<p>\xc3\x28</p>");
  const HtmlNode* p = Find(bad.root, "p");
  REQUIRE(p != nullptr);
  CHECK(InnerText(*p) == "\xef\xbf\xbd(");  // U+FFFD then '('
}

TEST_CASE("ParseHtml survives 200000 nested <div> quickly, keeping the text") {
  const std::size_t kDepth = 200000;
  const std::string html = Repeat("<div>", kDepth) + "deep" + Repeat("</div>", kDepth) + "after";
  const auto start = std::chrono::steady_clock::now();
  const HtmlDocument doc = ParseHtml(html);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10.0);  // gumbo alone takes minutes: the nesting guard is at work
  CHECK(Depth(doc.root) <= 514);
  CHECK(InnerText(doc.root) == "deep after");
  const HtmlDocument copy = doc;  // copying and destroying are recursive: depth must be bounded
  CHECK(copy.root.children.size() == 1);
}

TEST_CASE("ParseHtml bounds other deep patterns") {
  const std::string_view kPatterns[] = {
      "<span>",          "<i><div>",           "<a><div>", "<b><div></b>", "<ul><li>",
      "<table><tr><td>", "<div><table></div>", "<font>",   "<div/>",       "<svg><g>"};
  for (std::string_view pattern : kPatterns) {
    CAPTURE(std::string(pattern));
    const std::string html = Repeat(pattern, 30000) + "end";
    const auto start = std::chrono::steady_clock::now();
    const HtmlDocument doc = ParseHtml(html);
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 10.0);
    CHECK(Depth(doc.root) <= 514);
    const std::string text = InnerText(doc.root);
    CHECK(text.size() >= 3);
    CHECK(text.substr(text.size() - 3) == "end");
  }
}

TEST_CASE("ParseHtml leaves ordinary deep-ish pages alone") {
  // 300 levels is deeper than real pages get, yet below both limits: the structure is intact.
  const std::string html =
      Repeat("<div><section>", 150) + "<a href='/x'>x</a>" + Repeat("</section></div>", 150);
  const HtmlDocument doc = ParseHtml(html);
  CHECK(Depth(doc.root) == 304);  // document 0, html 1, body 2, 300 blocks, a 303, text 304
  const HtmlLinks links = ExtractLinks(doc.root);
  REQUIRE(links.links.size() == 1);
  CHECK(links.links[0].url == "/x");
}

TEST_CASE("InnerText collapses white space and separates blocks") {
  struct Row {
    std::string_view html;
    std::string_view text;
  };
  const Row kRows[] = {
      {"<p>a</p><p>b</p>", "a b"},
      {"a<b>b</b>c", "abc"},
      {"  a \n\t b  ", "a b"},
      {"<div>one<div>two</div>three</div>", "one two three"},
      {"<h1>Title</h1>Body", "Title Body"},
      {"line<br>break", "line break"},
      {"<ul><li>x</li><li>y</li></ul>", "x y"},
      {"<table><tr><td>1</td><td>2</td></tr></table>", "1 2"},
      {"<span>in</span><span>line</span>", "inline"},
      {"a&nbsp;&nbsp;b", "a b"},
      {"<p> </p><p>\n</p>", ""},
      {"<script>x()</script><style>p{}</style>", ""},
      {"<pre>  keep?  </pre>", "keep?"},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.html);
    CHECK(InnerText(ParseHtml(row.html).root) == row.text);
  }
}

TEST_CASE("ExtractLinks finds every kind of link, values as written") {
  const HtmlDocument doc = ParseHtml(
      "<head><base href='https://base.example/dir/'><base href='/ignored/'>"
      "<link rel='Alternate' type='Application/RSS+xml' href='/feed.xml'>"
      "<link rel=' stylesheet ' href='s.css'>"
      "<meta http-equiv='Refresh' content='5; url=/next'>"
      "<meta http-equiv=refresh content='3'>"
      "<meta name=description content='not a link'></head>"
      "<body><a href='/news/1?x=1&amp;y=2' rel='NoFollow  Noopener'>one</a>"
      "<a name=anchor>no href</a><a href=''>empty</a>"
      "<map><area href='/area' rel=tag></map>"
      "<iframe src='https://video.example/embed'></iframe>"
      "<a href=' spaced '>s</a></body>");
  const HtmlLinks links = ExtractLinks(doc.root);
  REQUIRE(links.base_href.has_value());
  CHECK(*links.base_href == "https://base.example/dir/");
  struct Want {
    std::string url, tag, rel, type;
  };
  const std::vector<Want> kWant = {
      {"/feed.xml", "link", "alternate", "application/rss+xml"},
      {"s.css", "link", "stylesheet", ""},
      {"/next", "meta-refresh", "", ""},
      {"/news/1?x=1&y=2", "a", "nofollow noopener", ""},
      {"/area", "area", "tag", ""},
      {"https://video.example/embed", "iframe", "", ""},
      {" spaced ", "a", "", ""},
  };
  REQUIRE(links.links.size() == kWant.size());
  for (std::size_t i = 0; i < kWant.size(); ++i) {
    CAPTURE(i);
    CHECK(links.links[i].url == kWant[i].url);
    CHECK(links.links[i].tag == kWant[i].tag);
    CHECK(links.links[i].rel == kWant[i].rel);
    CHECK(links.links[i].type == kWant[i].type);
  }
  CHECK_FALSE(ExtractLinks(ParseHtml("<p>no links</p>").root).base_href.has_value());
}

TEST_CASE("ExtractLinks parses meta refresh content like browsers") {
  struct Row {
    std::string_view content;
    std::string_view url;  // "" when there is no link
  };
  const Row kRows[] = {
      {"5; url=/next", "/next"},
      {"5;URL=/next", "/next"},
      {"0; URL='/quoted page'", "/quoted page"},
      {"0;url=\"/dq\"", "/dq"},
      {"3, /comma", "/comma"},
      {"1; /no-url-key", "/no-url-key"},
      {" 10 ; url = http://x.example/a?b=c ", "http://x.example/a?b=c"},
      {"0.5; url=/fraction", "/fraction"},
      {"5", ""},
      {"5;", ""},
      {"url=/no-delay", ""},
      {"", ""},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.content);
    HtmlNode meta;
    meta.tag = "meta";
    meta.attributes = {{"http-equiv", "refresh"}, {"content", std::string(row.content)}};
    const HtmlLinks links = ExtractLinks(meta);
    if (row.url.empty()) {
      CHECK(links.links.empty());
    } else {
      REQUIRE(links.links.size() == 1);
      CHECK(links.links[0].url == row.url);
      CHECK(links.links[0].tag == "meta-refresh");
    }
  }
}

}  // namespace
}  // namespace vestige::common

TEST_CASE("html: JSON-LD script text is kept in the tree but is not page text") {
  const auto doc = vestige::common::ParseHtml(
      "<html><head><script type=\"application/ld+json\">{\"datePublished\":\"2024-03-05\"}"
      "</script><script>var x = 1;</script></head><body><p>Words</p></body></html>");
  std::string json_text, code_text;
  vestige::common::ForEachElement(doc.root, [&](const vestige::common::HtmlNode& n) {
    if (!n.is("script")) return;
    for (const auto& child : n.children) {
      (n.attr("type") ? json_text : code_text) += child.text;
    }
  });
  CHECK(json_text == "{\"datePublished\":\"2024-03-05\"}");
  CHECK(code_text.empty());
  CHECK(vestige::common::InnerText(doc.root) == "Words");
}
