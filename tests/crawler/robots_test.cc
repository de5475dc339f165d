// robots.txt parsing and matching, table-driven, with the examples of RFC 9309.
#include "vestige/crawler/robots.h"

#include <doctest/doctest.h>

namespace vestige::crawler {
namespace {

TEST_CASE("RobotsPatternMatches") {
  struct Row {
    const char* pattern;
    const char* path;
    bool match;
  };
  const Row rows[] = {
      {"/", "/", true},
      {"/", "/anything", true},
      {"/fish", "/fish", true},
      {"/fish", "/fish.html", true},
      {"/fish", "/fish/salmon.html", true},
      {"/fish", "/Fish.asp", false},
      {"/fish", "/catfish", false},
      {"/fish*", "/fishheads/yummy.html", true},
      {"/fish/", "/fish", false},
      {"/*.php", "/index.php", true},
      {"/*.php", "/folder/filename.php?parameters", true},
      {"/*.php", "/windows.PHP", false},
      {"/*.php$", "/filename.php", true},
      {"/*.php$", "/filename.php?parameters", false},
      {"/*.php$", "/filename.php5", false},
      {"/fish*.php", "/fishheads/catfish.php?parameters", true},
      {"/fish*.php", "/Fish.PHP", false},
      {"*", "/x", true},
      {"/a*b*c", "/aXXbYYc", true},
      {"/a*b*c", "/aXXbYY", false},
      {"/$", "/", true},
      {"/$", "/a", false},
      {"/a**b", "/ab", true},
      {"", "/x", true},  // empty patterns are dropped before matching; alone it is a prefix
  };
  for (const Row& row : rows) {
    CAPTURE(row.pattern);
    CAPTURE(row.path);
    CHECK(RobotsPatternMatches(row.pattern, row.path) == row.match);
  }
}

TEST_CASE("ProductToken") {
  CHECK(ProductToken("vestige-crawl/0.1.0 (archiving)") == "vestige-crawl");
  CHECK(ProductToken("  FooBot ") == "foobot");
  CHECK(ProductToken("*") == "*");
  CHECK(ProductToken("") == "");
}

struct Case {
  const char* path;
  bool allowed;
};

void CheckAll(const RobotsRules& rules, std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CHECK(rules.IsAllowed(c.path) == c.allowed);
  }
}

TEST_CASE("group selection: our token, else *, merged groups") {
  const char* body =
      "# comment line\n"
      "User-agent: *\n"
      "Disallow: /private/\n"
      "\n"
      "User-agent: OtherBot\n"
      "User-agent: vestige-crawl\n"
      "Disallow: /only-us/\n"
      "Allow: /only-us/ok\n"
      "\n"
      "user-agent: VESTIGE-CRAWL\n"
      "disallow: /also-us   # trailing comment\n"
      "Sitemap: https://site.test/sitemap.xml\n";
  RobotsRules ours = RobotsRules::Parse(body, "vestige-crawl/0.1.0 (+info)");
  CheckAll(ours, {{"/", true},
                  {"/private/x", true},  // the * group does not apply to us
                  {"/only-us/x", false},
                  {"/only-us/ok", true},
                  {"/only-us/okay", true},
                  {"/also-us", false},
                  {"/also-usual", false},
                  {"/robots.txt", true}});
  RobotsRules others = RobotsRules::Parse(body, "SomeBot/2.0");
  CheckAll(others, {{"/", true}, {"/private/x", false}, {"/only-us/x", true}});
  REQUIRE(ours.sitemaps().size() == 1);
  CHECK(ours.sitemaps()[0] == "https://site.test/sitemap.xml");
}

TEST_CASE("longest match wins; allow wins a tie (RFC 9309 2.2.2)") {
  const char* body =
      "User-agent: *\n"
      "Allow: /p\n"
      "Disallow: /\n"
      "Disallow: /folder/\n"
      "Allow: /folder/page\n"
      "Allow: /tie\n"
      "Disallow: /tie\n"
      "Disallow: /*.gif$\n"
      "Allow: /images/*.gif$\n"
      "Disallow: /path/file-with-a-%2A.html\n"
      "Disallow: /foo/bar/ツ\n"
      "Disallow: /%7Ejoe/\n";
  RobotsRules r = RobotsRules::Parse(body, "vestige-crawl");
  CheckAll(r, {{"/page", true},
               {"/other", false},
               {"/", false},
               {"/folder/page", true},
               {"/folder/other", false},
               {"/tie", true},
               {"/pic.gif", false},
               {"/images/pic.gif", true},
               {"/path/file-with-a-*.html", false},
               {"/path/file-with-a-x.html", true},  // "Allow: /p" is longer than "Disallow: /"
               {"/foo/bar/%E3%83%84", false},
               {"/~joe/index.html", false},
               {"/robots.txt", true}});
}

TEST_CASE("lines and edge cases") {
  struct Row {
    const char* body;
    const char* path;
    bool allowed;
  };
  const Row rows[] = {
      {"", "/x", true},
      {"User-agent: *\nDisallow:\n", "/x", true},  // empty disallow: allow all
      {"User-agent: *\nDisallow: /\n", "/x", false},
      {"User-agent: *\r\nDisallow: /x\r\n", "/x", false},          // CRLF
      {"User-agent: *\rDisallow: /x\r", "/x", false},              // CR only
      {"\xEF\xBB\xBFUser-agent: *\nDisallow: /x\n", "/x", false},  // BOM
      {"Disallow: /x\n", "/x", true},                              // rule outside any group
      {"User-agent: *\nDisallow: x\n", "/x", true},                // pattern without '/' ignored
      {"User-agent: *\nDisallow: /x\nUser-agent: other\nDisallow: /y\n", "/y", true},
      {"USER-AGENT: *\nDISALLOW: /X\n", "/X", false},              // keys case-insensitive
      {"User-agent: *\nDisallow: /X\n", "/x", true},               // paths case-sensitive
      {"User-agent: *\nDisallow: /a?b\n", "/a?b=1", false},        // query is part of the path
      {"User-agent: *\nNoindex: /x\nDisallow: /y\n", "/x", true},  // unknown keys skipped
      {"garbage without colon\nUser-agent: *\nDisallow: /x\n", "/x", false},
      {"User-agent: *\nDisallow: /x\n", "", true},  // "" is "/"
  };
  for (const Row& row : rows) {
    CAPTURE(row.body);
    CAPTURE(row.path);
    CHECK(RobotsRules::Parse(row.body, "vestige-crawl").IsAllowed(row.path) == row.allowed);
  }
}

TEST_CASE("allow-all and disallow-all") {
  CHECK(RobotsRules::AllowAll().IsAllowed("/anything"));
  CHECK(!RobotsRules::DisallowAll().IsAllowed("/anything"));
  CHECK(!RobotsRules::DisallowAll().IsAllowed("/"));
  CHECK(RobotsRules::DisallowAll().IsAllowed("/robots.txt"));
}

TEST_CASE("only the first 500 KiB are read") {
  std::string body = "User-agent: *\nDisallow: /early\n";
  body += std::string(RobotsRules::kMaxBytes, '#');
  body += "\nDisallow: /late\n";
  RobotsRules r = RobotsRules::Parse(body, "vestige-crawl");
  CHECK(!r.IsAllowed("/early"));
  CHECK(r.IsAllowed("/late"));
}

}  // namespace
}  // namespace vestige::crawler
