// ParseHtml skips the content of <script> and <style> before gumbo reads it (html_nesting.h,
// PrepareForParser). Where the tokenizer would not read that content as raw text, skipping it
// would lose visible text: each row is such a trap, or a plain case, with the text that must (and
// must not) be in the document.
#include <doctest/doctest.h>

#include <string>

#include "vestige/common/html.h"

namespace vestige::common {
namespace {

struct Row {
  const char* name;
  const char* html;
  const char* visible;  // must be in InnerText
  const char* hidden;   // must not be ("" for none)
};

bool ScriptHasText(const HtmlNode& root, const std::string& text) {
  bool found = false;
  ForEachElement(root, [&](const HtmlNode& n) {
    if (!n.is("script")) return;
    for (const HtmlNode& c : n.children) found = found || c.text.find(text) != std::string::npos;
  });
  return found;
}

TEST_CASE("script and style content is skipped only where it is raw text") {
  const Row rows[] = {
      {"plain script and style", "<style>p{}</style><script>var a = '<p>gone</p>';</script><p>kept",
       "kept", "gone"},
      {"upper case and spaces in end tags",
       "<SCRIPT>x = 'gone'</SCRIPT ><STYLE>q{}</style ><p>kept", "kept", "gone"},
      {"a bogus comment holds the script tag", "</ <script>visible</script> ><p>kept", "visible",
       ""},
      {"style inside svg is markup", "<svg><style><p>visible</p></style></svg>", "visible", ""},
      {"script inside math is markup", "<math><mi>a</mi><script><p>visible</p></script></math>",
       "visible", ""},
      {"script data escape: </script> inside <!-- <script> does not end it",
       "<script><!--<script>a</script>gone--></script><p>kept", "kept", "gone"},
      {"script tag inside a comment", "<!-- <script> --><p>visible</p><script>gone</script>",
       "visible", "gone"},
      {"script tag inside textarea", "<textarea><script>visible</script></textarea>", "visible",
       ""},
      {"script tag inside title, body after", "<title>t<script>x</script></title><p>kept", "kept",
       ""},
      {"script tag in an attribute value", "<a title=\"<script>\">visible</a><script>gone</script>",
       "visible", "gone"},
      {"unclosed script runs to the end", "<p>kept</p><script>gone <p>gone", "kept", "gone"},
      {"self-closed svg does not open foreign content", "<svg/><script>gone</script><p>kept",
       "kept", "gone"},
      {"script in a table and a select", "<table><script>g1</script><tr><td>cell</td></tr></table>",
       "cell", "g1"},
  };
  for (const Row& row : rows) {
    const std::string name = row.name;
    CAPTURE(name);
    const HtmlDocument doc = ParseHtml(row.html);
    const std::string text = InnerText(doc.root);
    CHECK(text.find(row.visible) != std::string::npos);
    if (*row.hidden != '\0') CHECK(text.find(row.hidden) == std::string::npos);
  }
}

TEST_CASE("JSON-LD script text is kept") {
  const HtmlDocument doc = ParseHtml(
      "<script type=\"application/LD+json\">{\"datePublished\":\"2024-01-02\"}</script>"
      "<script>var skipped = 1;</script><p>x");
  CHECK(ScriptHasText(doc.root, "datePublished"));
  CHECK_FALSE(ScriptHasText(doc.root, "skipped"));
}

}  // namespace
}  // namespace vestige::common
