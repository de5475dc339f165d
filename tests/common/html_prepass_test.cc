// ParseHtml(utf8, HtmlParseOptions): the pre-pass drops unread attributes and shortens white-space
// runs before gumbo reads them (html_nesting.h, html_prepass.h). The contract (html.h): the tree
// is ParseHtml(utf8)'s with the unkept attributes removed and white-space runs possibly shortened
// to their first character; nothing else. Checked on snippets where gumbo could read the cut bytes
// otherwise than our tokenizer, on the sample site, and on the real pages of the shared corpora
// when present; and the pre-pass must still cut on a typical page.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../../common/src/gzip.h"
#include "../../common/src/html_nesting.h"
#include "html_contract.h"
#include "test_paths.h"
#include "vestige/common/html.h"

namespace vestige::common {
namespace {

using namespace std::string_literals;

std::string Describe(const HtmlNode& n) {
  std::string out = n.kind == HtmlNode::Kind::kText ? "text[" + n.text + "]" : "<" + n.tag;
  for (const auto& [k, v] : n.attributes) out += " " + k + "=\"" + v + "\"";
  return out + (n.kind == HtmlNode::Kind::kText ? "" : ">");
}

// "" when the trees are equal, else where they first differ.
std::string FirstDifference(const HtmlNode& a, const HtmlNode& b, const std::string& path = "") {
  const std::string here = path + "/" + Describe(a);
  if (a.kind != b.kind || a.tag != b.tag || a.attributes != b.attributes || a.text != b.text) {
    return here + " vs " + Describe(b);
  }
  for (std::size_t i = 0; i < a.children.size() && i < b.children.size(); ++i) {
    std::string d = FirstDifference(a.children[i], b.children[i], here);
    if (!d.empty()) return d;
  }
  if (a.children.size() != b.children.size()) {
    return here + ": " + std::to_string(a.children.size()) + " vs " +
           std::to_string(b.children.size()) + " children";
  }
  return "";
}

// Checks the contract on `html`; returns the bytes the pre-pass removed.
std::size_t CheckContract(const std::string& html, const HtmlParseOptions& options) {
  HtmlDocument full = ParseHtml(html);
  HtmlDocument fast = ParseHtml(html, options);
  CHECK(fast.input_bytes == html.size());
  test::ContractView(full.root, options.keep_attributes, options.keep_names_only,
                     options.shorten_white_space);
  test::ContractView(fast.root, {}, {}, options.shorten_white_space);
  CHECK(FirstDifference(full.root, fast.root) == "");
  html_internal::PrepareOptions prepare;
  prepare.drop_script_style = true;
  prepare.parse = &options;
  const std::optional<std::string> cut = html_internal::PrepareForParser(html, prepare);
  html_internal::PrepareOptions plain;
  plain.drop_script_style = true;
  const std::optional<std::string> base = html_internal::PrepareForParser(html, plain);
  const std::size_t before = base ? base->size() : html.size();
  const std::size_t after = cut ? cut->size() : html.size();
  CHECK(after <= before);
  return before - after;
}

// What an indexer-like reader keeps.
HtmlParseOptions ReaderOptions() {
  HtmlParseOptions options;
  options.keep_attributes = {"class", "id",   "lang",     "xml:lang",   "content",
                             "name",  "type", "property", "itemprop",   "datetime",
                             "title", "role", "style",    "aria-hidden"};
  options.keep_names_only = {"href", "hidden", "pubdate"};
  options.shorten_white_space = true;
  return options;
}

std::string ReadPage(const std::filesystem::path& path) {
  std::string bytes = test::ReadFile(path);
  if (gzip::HasMagic(bytes)) {
    Result<std::string> plain = gzip::GunzipAll(bytes, std::size_t{64} << 20);
    REQUIRE(plain.ok());
    bytes = std::move(*plain);
  }
  return bytes;
}

struct Row {
  const char* name;
  std::string html;
};

TEST_CASE("ParseHtml with options: the full tree less unkept attributes, on snippets") {
  const Row rows[] = {
      {"plain",
       "<div data-x=\"1\" class=a onclick='f()'>  \n  <a href=/x data-y=2>t</a>\n\n</div>"},
      {"quoted value holding '>'", "<div data-x=\"a>b\" class=c>x</div><p data-y='>'>y"},
      {"quoted value holding quotes", "<div data-x=\"it's\" title='say \"hi\"'>x</div>"},
      {"unquoted values with '/'", "<div data-x=a/b class=c>x</div><br data-x=1/><p data-x=1/>t"},
      {"unquoted value ending the tag", "<div class=a data-x=1>x</div><p title=t data-x=y>z"},
      {"'=' with no name", "<div class=a =\"b\" data-x=1>x</div><div =x data-y class=z>y</div>"},
      {"'=' after a valueless attribute", "<div data-x =\"1\" class =a title= b>x</div>"},
      {"duplicate attributes",
       "<div class=a data-x=1 class=b data-x=2>x</div><a data-x=1 "
       "href=/1 href=/2>y</a>"},
      {"duplicates: gumbo drops the next value it finishes",
       "<a data-x=1 data-x class=c>x</a><link href=1 title=t href=2 content=c><a data-x class=a "
       "data-x=2 id=b>y</a><p CLASS=a class id=i data-y>z"},
      {"non-ASCII names", "<a conte\x91\x8b=1 conte\x92\x8b=2 class=c>x</a><p d\xc3\xa9=1 id=i>"},
      {"no space between quoted attributes", "<a href=\"1\"data-x=\"2\">x</a><a data-x='1'href=2>"},
      {"self-closing in svg",
       "<svg><path d=\"M0 0\"/><rect data-x=1/><g data-x=\"1\"/>x<g d='2' "
       "/>y<g d=2 / >z</svg>"},
      {"valueless before '/>'",
       "<svg><g class=a data-x/>x<g data-x />y<g class=1 data-y=\"2\"/>"
       "z</svg>"},
      {"input type=hidden in a table",
       "<table><input type=hidden data-x=1><tr><td>c</td></tr>"
       "</table><table><input TYPE=HIDDEN onclick=x></table>"},
      {"input type=hidden before a frameset", "<input type=hidden data-x=1><frameset><frame>"},
      {"font leaves svg by its attributes",
       "<svg><font color=red data-x=1>t</font></svg><svg>"
       "<font data-x=1>u</font></svg><math><font size=1>v"},
      {"annotation-xml encoding",
       "<math><annotation-xml encoding=\"text/html\" data-x=1><div>h"
       "</div></annotation-xml></math>"},
      {"foreign attributes",
       "<svg viewBox=\"0 0 1 1\" xmlns:xlink=\"x\"><use xlink:href=\"#a\" "
       "data-x=1/></svg><math definitionURL=u><mi xml:lang=fr>x</mi></math>"},
      {"pre leading newline",
       "<pre>\n\nfoo</pre><pre>\n\n<b>x</b></pre><listing>\n  \nx</listing>"
       "<pre><!--c-->\n\nx</pre><pre></>\n\nx</pre><PRE data-x=1>\n\n\ny</PRE>"},
      {"textarea leading newline", "<textarea data-x=1>\n\n x</textarea>  \n <p>y"},
      {"plaintext", "<p data-x=1>a</p><plaintext data-y=2><b data-z=3>  \n\n  </b>"},
      {"raw text elements",
       "<title data-x=1>  a  </title><script data-x=1 type=\"application/"
       "ld+json\">  {\"a\":1}  </script>  \n <style data-x=1>  p {}  </style>"
       "\n\n<xmp data-x=1>  <b>  </xmp>  <iframe data-x=1 src=s>  </iframe>  "},
      {"raw text end tag with quotes", "<script>x</script a=\">\">  \n\n  <p data-x=1>t"},
      {"formatting elements: Noah's Ark",
       "<p><b data-x=1>1<b data-x=2>2<b data-x=3>3<b data-x=4>4"
       "</p>x<p><i class=a data-x=1>1<i class=a data-x=2>2<i "
       "class=a data-x=3>3<i class=a data-x=4>4</p>y"},
      {"<a> is not counted by Noah's Ark",
       "<p><a data-x=1 href=1>1<a data-x=2 href=1>2<a data-x=3"
       " href=1>3<a data-x=4 href=1>4</p>x"},
      {"isindex", "<isindex prompt=\"Find\" data-x=1 action=/s>"},
      {"html and body attributes merged",
       "<html data-x=1 lang=en><body class=a data-y=2><body "
       "class=b data-z=3 id=q><html data-w=4 id=h>"},
      {"white space in head, table, frameset",
       "<head>  \n  <title>t</title>  \n  </head>  \n  "
       "<body><table>  \n  <tr>  \n  <td>x</td>  \n  </tr>"
       "  \n  </table>"},
      {"frameset", "<frameset data-x=1>  \n  <frame data-x=1>  \n  </frameset>  \n  "},
      {"CR LF", "<div>\r\n\r\n  <p data-x=1>x</p>\r\n</div>\r\r\n<p>\n\r y"},
      {"comments and doctype",
       "<!DOCTYPE html>\n\n<!-- a -->\n\n  <p>x</p><!x>  \n  <?y>  \n  </ z>"
       "  \n  q"},
      {"odd comment endings",
       "<!--> <p data-x=1>  \n  x<!--->  <p data-x=1>  y<!-- --!>  <p "
       "data-x=1>  z"},
      {"CDATA in svg", "<svg><![CDATA[ <p data-x=1>  \n ]]>  \n  </svg><p data-x=2>  \n  t"},
      {"NUL in a tag", "<div data-x=1\0 class=a>x</div><p data-\0x=1 class=b>  \n  y"s},
      {"upper case", "<DIV DATA-X=1 CLASS=a HREF=b>x</DIV><Svg><PATH D=1 Class=c/></Svg>"},
      {"unterminated tag at the end", "<p>x<div data-x=1 class=a"},
      {"unterminated quoted value", "<p>x<div data-x=\"1 class=a>y  \n  <b>z"},
      {"missing value", "<div data-x= >x</div><div class= data-x=1>y</div>"},
      {"quotes in unquoted values", "<div data-x=a\"b class=c>x</div><div data-x=a'b`c<d=e>y"},
      {"'/' inside the tag", "<div data-x=1 / class=a>x</div><div/data-x=1>y<div class=a/data-x>"},
      {"white space then text", "<p>   \n   Hello   world  </p>\t\t\tend"},
      {"select, template, noscript",
       "<select data-x=1>  <option data-y=2>  a  </select><template"
       " data-x=1>  <p data-y=1> a </template><head><noscript "
       "data-x=1>  <link data-y=1 href=a>  </noscript></head>"},
      {"entities in values",
       "<div data-x=\"&quot;>\" class=\"a&amp;b\">x</div><a data-y=&gt; "
       "href=&lt;>y</a>"},
      {"a '<' in text after white space", "<p>   < b  </p><p>\n\n<3</p>"},
      {"tag names with attributes-like text", "<di=v data-x=1>x</di=v><a/b data-x=1>y"},
      {"end tag with attributes", "<div>x</div data-x=1 class=\">\">  \n  <p>y"},
      {"script with comment", "<script data-x=1><!--<script>x</script>y--></script>  \n  <p>z"},
      {"svg style and title",
       "<svg><style data-x=1><p>  </style><title data-y=1> t </title></svg>"
       "  \n <p data-z=1>x"},
  };
  const HtmlParseOptions reader = ReaderOptions();
  HtmlParseOptions attributes_only = reader;
  attributes_only.shorten_white_space = false;
  HtmlParseOptions white_space_only;
  white_space_only.shorten_white_space = true;
  HtmlParseOptions id_only;  // without the attributes gumbo's tree builder reads
  id_only.keep_attributes = {"id"};
  HtmlParseOptions names_only;  // names only, those the tree builder reads among them
  names_only.keep_names_only = {"type", "color", "href", "d", "encoding", "class"};
  std::size_t cut = 0;
  for (const Row& row : rows) {
    const std::string name = row.name;
    CAPTURE(name);
    CAPTURE(row.html);
    cut += CheckContract(row.html, reader);
    CheckContract(row.html, attributes_only);
    CheckContract(row.html, white_space_only);
    CheckContract(row.html, id_only);
    CheckContract(row.html, names_only);
  }
  CHECK(cut > 300);
}

struct Cut {
  const char* name;
  std::string html;
  std::string after;  // what gumbo reads (drop_script_style and ReaderOptions)
};

TEST_CASE("ParseHtml with options: which bytes the pre-pass cuts") {
  const Cut rows[] = {
      {"attributes and white space", "<div data-x=\"1\" class=a>  \n  <p onclick=f>x</p>",
       "<div class=a> <p>x</p>"},
      {"unquoted value with its '/'", "<br data-x=1/>", "<br>"},
      {"names only", "<a href=\"/x\" data-y=1>t</a><a HREF = /y/>u</a><a href='z'/>",
       "<a href>t</a><a HREF>u</a><a href/>"},
      {"before '/>' the space stays", "<p class=1 data-x=\"2\"/>", "<p class=1 />"},
      {"formatting elements are left whole", "<b data-x=1>x</b>", "<b data-x=1>x</b>"},
      {"tree builder attributes stay", "<input type=hidden data-x=1>", "<input type=hidden>"},
      {"pre keeps its newlines", "<pre>\n\nx</pre>  ", "<pre>\n\nx</pre> "},
      {"duplicate names leave the tag whole", "<div data-x=1 data-x class=c>",
       "<div data-x=1 data-x class=c>"},
      {"an odd tag is left whole", "<div =\"x\" data-y=1>  z", "<div =\"x\" data-y=1>  z"},
      {"raw text is not touched", "<title data-x=1>  a  </title>  b", "<title>  a  </title> b"},
      {"nothing after a CDATA section", "<svg><![CDATA[x]]></svg>  <p data-x=1>  y",
       "<svg><![CDATA[x]]></svg>  <p data-x=1>  y"},
  };
  const HtmlParseOptions reader = ReaderOptions();
  html_internal::PrepareOptions prepare;
  prepare.drop_script_style = true;
  prepare.parse = &reader;
  for (const Cut& row : rows) {
    const std::string name = row.name;
    CAPTURE(name);
    const std::optional<std::string> cut = html_internal::PrepareForParser(row.html, prepare);
    CHECK(cut.value_or(row.html) == row.after);
  }
}

TEST_CASE("ParseHtml: <style> inside <select> is markup, and its content is not skipped") {
  // The fuzzer found this one (html_fuzz, skipping script and style content): "in select" ignores
  // a <style> start tag, so the tokenizer never enters raw text.
  for (const std::string html :
       {"<select><style>visible</style></select>", "<select><title>x<b>y</b></title><p>z",
        "<select><option>a<iframe> <style>b</style></select><style>gone</style><p>c"}) {
    CAPTURE(html);
    const HtmlDocument skipped = ParseHtml(html);
    const HtmlDocument full = html_internal::ParseHtml(html, /*drop_script_style=*/false);
    HtmlDocument fast = ParseHtml(html, ReaderOptions());
    HtmlDocument expected = full;
    test::ContractView(expected.root, ReaderOptions().keep_attributes,
                       ReaderOptions().keep_names_only, true);
    test::ContractView(fast.root, {}, {}, true);
    CHECK(FirstDifference(expected.root, fast.root) == "");
    if (html.find("gone") == std::string::npos) {
      CHECK(FirstDifference(full.root, skipped.root) == "");
    } else {
      CHECK(InnerText(skipped.root).find("gone") == std::string::npos);
    }
  }
}

TEST_CASE("ParseHtml with options: empty options change nothing") {
  const std::string html = "<div data-x=1>  \n  <p class=a>x</p></div>";
  const HtmlDocument full = ParseHtml(html);
  const HtmlDocument same = ParseHtml(html, HtmlParseOptions{});
  CHECK(FirstDifference(full.root, same.root) == "");
}

TEST_CASE("ParseHtml with options: the contract on the sample site, and bytes are cut") {
  const std::filesystem::path root = std::filesystem::path(VESTIGE_SOURCE_DIR) / "data/sample-site";
  std::size_t pages = 0;
  std::size_t bytes = 0;
  std::size_t cut = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".html") continue;
    CAPTURE(entry.path().string());
    const std::string html = ReadPage(entry.path());
    cut += CheckContract(html, ReaderOptions());
    bytes += html.size();
    ++pages;
  }
  CHECK(pages >= 40);
  CHECK(cut * 50 > bytes);  // the sample pages are terse; still, over 2% goes
}

// Over every page of a shared corpus folder, when present; returns the share of bytes cut.
double CheckCorpus(const char* folder, std::size_t min_pages) {
  const std::filesystem::path root = std::filesystem::path(VESTIGE_SHARED_DIR) / folder;
  if (!std::filesystem::is_directory(root)) return -1;  // the shared corpora are not in the repo
  std::size_t pages = 0;
  std::size_t bytes = 0;
  std::size_t cut = 0;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    CAPTURE(entry.path().string());
    const std::string html = ReadPage(entry.path());
    cut += CheckContract(html, ReaderOptions());
    bytes += html.size();
    ++pages;
  }
  CHECK(pages >= min_pages);
  const double share = bytes == 0 ? 0 : static_cast<double>(cut) / static_cast<double>(bytes);
  MESSAGE(std::string(folder) << ": " << pages << " pages, " << bytes << " bytes, " << share * 100
                              << "% cut beyond script and style content");
  return share;
}

TEST_CASE("ParseHtml with options: the contract on real news pages (aeb corpus)") {
  const double share = CheckCorpus("corpora/aeb/html", 100);
  if (share >= 0) CHECK(share > 0.10);
}

TEST_CASE("ParseHtml with options: the contract on the htmldate pages") {
  const double share = CheckCorpus("corpora/htmldate/pages", 700);
  if (share >= 0) CHECK(share > 0.10);
}

}  // namespace
}  // namespace vestige::common
