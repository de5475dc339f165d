// Main-content extraction (text_extract.h): small pages written for these tests, then every page
// of the bundled sample site against its hand labels (pages the extractor was not tuned on).
#include "vestige/indexer/text_extract.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_paths.h"
#include "vestige/common/html.h"
#include "vestige/common/http.h"
#include "vestige/indexer/charset.h"

namespace vestige::indexer {
namespace {

std::string Joined(const ExtractedText& text) {
  std::string out;
  for (const std::string& p : text.paragraphs) out += p + "\n";
  return out;
}

ExtractedText Extract(const std::string& html) { return ExtractText(common::ParseHtml(html)); }

// A long paragraph of prose, so that the article outweighs the chrome around it.
std::string Prose(const std::string& topic) {
  return "The court in Minsk heard the case of " + topic +
         " on Tuesday, and the defence, which had asked for an open hearing, said that the "
         "evidence was obtained under pressure, that the witnesses were not called, and that the "
         "verdict had been written in advance.";
}

const std::string kChrome =
    "<div class=\"cookie-banner\">We use cookies to improve your experience. Accept all</div>"
    "<header><a href=\"/\">Site name</a><p>Independent news since 1995</p></header>"
    "<nav><ul><li><a href=\"/news\">News</a></li><li><a href=\"/torture\">Torture reports</a>"
    "</li><li><a href=\"/about\">About us</a></li></ul></nav>";
const std::string kFooter =
    "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet "
    "this</a></div>"
    "<div class=\"related-articles\"><h3>Related</h3><ul><li><a href=\"/a\">Another story about "
    "prisons and deportation</a></li><li><a href=\"/b\">Yet another story</a></li></ul></div>"
    "<div id=\"comments\"><p>Commenter: this is a disgrace, and everybody knows it, really.</p>"
    "</div><footer><p>Copyright 2024 Site name. All rights reserved. Contact the editors.</p>"
    "</footer>";

struct Row {
  const char* name;
  std::string body;                  // the content of <body>
  std::vector<std::string> kept;     // phrases that must be in the main text
  std::vector<std::string> dropped;  // phrases that must not be
};

TEST_CASE("ExtractText keeps the article and drops the chrome around it") {
  const std::vector<Row> rows = {
      {"article element",
       kChrome + "<article><h1>Verdict in Minsk</h1><p>" + Prose("Ales Bialiatski") + "</p><p>" +
           Prose("his colleagues") + "</p><p>Short closing line.</p></article>" + kFooter,
       {"case of Ales Bialiatski", "case of his colleagues", "Short closing line."},
       {"We use cookies", "Torture reports", "Share on Facebook", "Another story", "disgrace",
        "Copyright 2024", "Independent news", "Verdict in Minsk"}},
      {"div soup with class names",
       "<div id=\"wrap\"><div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/x\">Prisoners</a>"
       "</div><div class=\"content\"><div class=\"post-body\"><p>" +
           Prose("the lawyers") + "</p><p>" + Prose("the journalists") +
           "</p></div></div><div class=\"sidebar\"><div class=\"widget\"><p>Popular: a list of "
           "things people read, with many words, but it is a sidebar widget after all.</p></div>"
           "</div></div>" +
           kFooter,
       {"case of the lawyers", "case of the journalists"},
       {"Prisoners", "Popular:", "Share on Facebook", "disgrace"}},
      {"table layout",
       "<table width=\"100%\"><tr><td class=\"nav\"><a href=\"/\">Home</a><br><a href=\"/p\">"
       "Press</a><br><a href=\"/a\">Analysis</a></td><td><font size=\"2\"><p>" +
           Prose("the students") + "</p><p>" + Prose("the teachers") +
           "</p></font></td></tr><tr><td colspan=\"2\"><a href=\"/t\">Torture</a> | <a "
           "href=\"/d\">Deportation</a></td></tr></table>",
       {"case of the students", "case of the teachers"},
       {"Analysis", "Deportation"}},
      {"list inside the article is kept",
       kChrome + "<main><article><p>" + Prose("four defendants") +
           "</p><p>The sentences were:</p><ul><li>Ten years for the first defendant in the "
           "case</li><li>Eight years for the second defendant in the case</li><li>Six years "
           "for the third one</li></ul><p>" +
           Prose("the appeal") + "</p></article></main>" + kFooter,
       {"Ten years for the first defendant", "Six years for the third one", "case of the appeal"},
       {"Torture reports", "Yet another story"}},
      {"loose text with line breaks in a div",
       kChrome + "<div class=\"text\">" + Prose("the first line") + "<br><br>" +
           Prose("the second line") + "<br><br>Signed, the editors.</div>" + kFooter,
       {"case of the first line", "case of the second line", "Signed, the editors."},
       {"We use cookies", "Another story"}},
      {"hidden and aria-hidden elements are dropped",
       "<article><p>" + Prose("the hidden test") +
           "</p><p style=\"display: none\">Invisible paragraph text here.</p><div hidden>Hidden "
           "block text here.</div><p>" +
           Prose("the visible test") + "</p></article>",
       {"case of the hidden test", "case of the visible test"},
       {"Invisible paragraph", "Hidden block"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const ExtractedText text =
        Extract("<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body>" + row.body +
                "</body></html>");
    const std::string main = Joined(text);
    CAPTURE(main);
    for (const std::string& phrase : row.kept) CHECK(main.find(phrase) != std::string::npos);
    for (const std::string& phrase : row.dropped) CHECK(main.find(phrase) == std::string::npos);
  }
}

TEST_CASE("ExtractText keeps paragraph boundaries, the title, the headline and the language") {
  const ExtractedText text = Extract(
      "<html lang=\"be-BY\"><head><title>Page title | Site</title></head><body><article>"
      "<h1>  The   headline </h1><p>" +
      Prose("one") + "</p><p>" + Prose("two") + "</p></article></body></html>");
  CHECK(text.title == "Page title | Site");
  CHECK(text.headline == "The headline");
  CHECK(text.lang == "be-BY");
  REQUIRE(text.paragraphs.size() == 2);
  CHECK(text.paragraphs[0] == Prose("one"));
  CHECK(text.paragraphs[1] == Prose("two"));
}

TEST_CASE("ExtractText on degenerate pages") {
  CHECK(Extract("").paragraphs.empty());
  CHECK(Extract("<html><body></body></html>").paragraphs.empty());
  const ExtractedText tiny = Extract("<p>Just one short line.</p>");
  REQUIRE(tiny.paragraphs.size() == 1);
  CHECK(tiny.paragraphs[0] == "Just one short line.");
  CHECK(Extract("<h1>Only a headline</h1>").title == "Only a headline");
  // Deep nesting is handled without recursion.
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += Prose("the deep page");
  const ExtractedText deep_text = Extract(deep);
  CHECK(Joined(deep_text).find("case of the deep page") != std::string::npos);
}

// The file that serves a sample-site URL: <host>/<path>, index.html for a folder.
std::filesystem::path SamplePath(const std::string& url) {
  const std::string rest = url.substr(url.find("://") + 3);
  std::string path = rest;
  if (path.back() == '/') path += "index.html";
  return test::SourceDir() / "data" / "sample-site" / path;
}

// The Content-Type charset in a .headers sidecar, "" if none.
std::string SidecarCharset(const std::filesystem::path& page) {
  std::filesystem::path headers = page;
  headers += ".headers";
  if (!std::filesystem::exists(headers)) return "";
  const std::string text = test::ReadFile(headers);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.rfind("Content-Type:", 0) == 0) return common::CharsetParam(line.substr(13));
    start = end + 1;
  }
  return "";
}

TEST_CASE("ExtractText on every sample-site page: labelled phrases in, boilerplate out") {
  const nlohmann::json labels = nlohmann::json::parse(
      test::ReadFile(test::SourceDir() / "tests/data/sample-site-labels.json"));
  REQUIRE(labels.size() >= 50);
  int pages = 0;
  for (const auto& [url, label] : labels.items()) {
    CAPTURE(url);
    const std::filesystem::path path = SamplePath(url);
    REQUIRE(std::filesystem::exists(path));
    common::Result<std::string> utf8 = DecodeToUtf8(test::ReadFile(path), SidecarCharset(path));
    REQUIRE(utf8.ok());
    const ExtractedText text = ExtractText(common::ParseHtml(*utf8));
    const std::string main = Joined(text);
    CAPTURE(main);
    for (const auto& phrase : label.value("main_text_contains", nlohmann::json::array()))
      CHECK(main.find(phrase.get<std::string>()) != std::string::npos);
    for (const auto& word : label.value("boilerplate_only", nlohmann::json::array()))
      CHECK(main.find(word.get<std::string>()) == std::string::npos);
    ++pages;
  }
  CHECK(pages == static_cast<int>(labels.size()));
}

}  // namespace
}  // namespace vestige::indexer
