#include "vestige/common/url.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace vestige::common {
namespace {

struct Row {
  std::string_view input;
  std::string_view expected;
};

TEST_CASE("ParseUrl splits every component") {
  Result<Url> url = ParseUrl("HTTPS://User:Pw@Host.Example:8443/p/a;x?q=1&r#Frag");
  REQUIRE(url.ok());
  CHECK(url->scheme == "https");
  CHECK(url->userinfo == "User:Pw");
  CHECK(url->host == "host.example");
  CHECK(url->port == "8443");
  CHECK(url->path == "/p/a;x");
  CHECK(url->has_query);
  CHECK(url->query == "q=1&r");
  CHECK(url->has_fragment);
  CHECK(url->fragment == "Frag");
  CHECK(url->Authority() == "host.example:8443");
  CHECK(url->ToString() == "https://User:Pw@host.example:8443/p/a;x?q=1&r#Frag");
}

TEST_CASE("ParseUrl: absent, empty and IPv6 parts") {
  Result<Url> bare = ParseUrl("http://example.com");
  REQUIRE(bare.ok());
  CHECK(bare->path.empty());
  CHECK_FALSE(bare->has_query);
  CHECK_FALSE(bare->has_fragment);
  CHECK(bare->port.empty());

  Result<Url> empty_query = ParseUrl("http://example.com/?#");
  REQUIRE(empty_query.ok());
  CHECK(empty_query->has_query);
  CHECK(empty_query->query.empty());
  CHECK(empty_query->has_fragment);
  CHECK(empty_query->ToString() == "http://example.com/?#");

  Result<Url> v6 = ParseUrl("http://[2001:DB8::7]:8080/x");
  REQUIRE(v6.ok());
  CHECK(v6->host == "[2001:db8::7]");
  CHECK(v6->port == "8080");
  CHECK(v6->Authority() == "[2001:db8::7]:8080");

  Result<Url> mailto = ParseUrl("mailto:someone@example.com");
  REQUIRE(mailto.ok());
  CHECK(mailto->scheme == "mailto");
  CHECK(mailto->host.empty());
  CHECK(mailto->path == "someone@example.com");
  CHECK(mailto->ToString() == "mailto:someone@example.com");

  Result<Url> file = ParseUrl("file:///etc/hosts");
  REQUIRE(file.ok());
  CHECK(file->host.empty());
  CHECK(file->path == "/etc/hosts");
  CHECK(file->ToString() == "file:///etc/hosts");

  Result<Url> max_port = ParseUrl("http://h:65535/");
  REQUIRE(max_port.ok());
  CHECK(max_port->port == "65535");
}

// Found by url_fuzz: ToString put "//" before the path of "ws:..." (a scheme that usually has an
// authority), which then read the path as a host and port.
TEST_CASE("Regression: ToString keeps an authority-less special URL as it was") {
  const Row kRows[] = {
      {"ws::::x://G", "ws::::x://G"}, {"http:relative", ""},  // fails: http needs a host
      {"ws:foo", "ws:foo"},           {"file:/etc/hosts", "file:///etc/hosts"},
      {"foo:////x", "foo:////x"},
  };
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<Url> url = ParseUrl(row.input);
    if (row.expected.empty()) {
      CHECK_FALSE(url.ok());
      continue;
    }
    REQUIRE(url.ok());
    CHECK(url->ToString() == row.expected);
    Result<Url> again = ParseUrl(url->ToString());
    REQUIRE(again.ok());
    CHECK(again->ToString() == row.expected);
  }
}

TEST_CASE("ParseUrl trims white space and drops tabs and newlines inside") {
  Result<Url> url = ParseUrl(" \t\n http://exa\tmple.com/a\nb\r\n ");
  REQUIRE(url.ok());
  CHECK(url->ToString() == "http://example.com/ab");
}

TEST_CASE("ParseUrl rejects malformed URLs") {
  const std::string_view kBad[] = {
      "",
      "   ",
      "example.com/path",  // no scheme
      "//example.com/",    // network-path reference, no scheme
      "/path",
      ":foo",        // empty scheme
      "1http://x/",  // scheme must start with a letter
      "ht_tp://x/",  // bad scheme character
      "ht tp://x/",
      "http://",  // empty host
      "http:///path",
      "http:example.com",  // no authority: empty host
      "https://:80/",
      "http://host:99999/",  // port above 65535
      "http://host:65536/",
      "http://host:8o/",  // port not numeric
      "http://host:-1/",
      "http://ho st/",  // spaces inside
      "http://host/a b",
      "http://host/?q=a b",
      "http://host/\x01",  // control characters
      std::string_view("http://host/\0x", 14),
      "http://host/\x7f",
      "http://[::1/",  // unclosed IPv6 literal
      "http://[zz::1]/",
      "http://[1:2:3:4:5:6:7:8:9]/",
      "http://[1::2::3]/",
      "http://[::1]x/",
      "http://a<b/",    // not allowed in a host
      "http://a%zzb/",  // bad percent-encoding in host
  };
  for (std::string_view text : kBad) {
    CAPTURE(std::string(text));
    Result<Url> url = ParseUrl(text);
    CHECK_FALSE(url.ok());
    if (!url.ok()) CHECK(url.status().code() == Status::Code::kInvalidArgument);
  }
}

// RFC 3986 section 5.4, with its base URI.
TEST_CASE("ResolveUrl: RFC 3986 5.4.1 normal examples") {
  const Row kRows[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
  };
  Result<Url> base = ParseUrl("http://a/b/c/d;p?q");
  REQUIRE(base.ok());
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<Url> resolved = ResolveUrl(*base, row.input);
    REQUIRE(resolved.ok());
    CHECK(resolved->ToString() == row.expected);
  }
}

TEST_CASE("ResolveUrl: RFC 3986 5.4.2 abnormal examples") {
  const Row kRows[] = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      // The RFC allows "http:g" (strict) or this (backward compatible); we are compatible, as
      // browsers are, so that the result has a host.
      {"http:g", "http://a/b/c/g"},
  };
  Result<Url> base = ParseUrl("http://a/b/c/d;p?q");
  REQUIRE(base.ok());
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<Url> resolved = ResolveUrl(*base, row.input);
    REQUIRE(resolved.ok());
    CHECK(resolved->ToString() == row.expected);
  }
}

TEST_CASE("ResolveUrl: references seen in real pages") {
  const Row kRows[] = {
      {"https://other.example/x", "https://other.example/x"},
      {"//cdn.example/lib.js", "https://cdn.example/lib.js"},
      {"my file.pdf", "https://news.example/a/my%20file.pdf"},
      {"  /trimmed  ", "https://news.example/trimmed"},
      {"/a\n/b", "https://news.example/a/b"},
      {"?page=2", "https://news.example/a/b.html?page=2"},
      {"#comments", "https://news.example/a/b.html?x=1#comments"},
      {"javascript:void(0)", "javascript:void(0)"},
      {"mailto:info@example.org", "mailto:info@example.org"},
      {"../../../../up", "https://news.example/up"},
      {"HTTPS://Other.Example", "https://other.example"},
  };
  Result<Url> base = ParseUrl("https://news.example/a/b.html?x=1");
  REQUIRE(base.ok());
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<Url> resolved = ResolveUrl(*base, row.input);
    REQUIRE(resolved.ok());
    CHECK(resolved->ToString() == row.expected);
    // Every resolved http(s) URL parses again.
    if (resolved->scheme.rfind("http", 0) == 0) CHECK(ParseUrl(resolved->ToString()).ok());
  }
}

TEST_CASE("ResolveUrl rejects bad references") {
  Result<Url> base = ParseUrl("http://a/b");
  REQUIRE(base.ok());
  CHECK_FALSE(ResolveUrl(*base, "http://host:70000/").ok());
  CHECK_FALSE(ResolveUrl(*base, "/a\x01").ok());
  CHECK_FALSE(ResolveUrl(*base, "https:relative").ok());  // another scheme, no host
  CHECK_FALSE(ResolveUrl(*base, "//bad host/").ok());
}

TEST_CASE("CanonicalUrl table (RFC 3986 6.2.2, 6.2.3)") {
  const Row kRows[] = {
      {"HTTP://Example.COM:80/a/./b/../c?x=%7e#frag", "http://example.com/a/c?x=~"},
      {"http://example.com", "http://example.com/"},
      {"http://example.com?x", "http://example.com/?x"},
      {"http://example.com#top", "http://example.com/"},
      {"https://example.com:443/", "https://example.com/"},
      {"https://example.com:80/", "https://example.com:80/"},
      {"http://example.com:8080/", "http://example.com:8080/"},
      {"http://example.com:/", "http://example.com/"},
      {"http://example.com:0080/", "http://example.com/"},
      {"ftp://ftp.example.com:21/pub", "ftp://ftp.example.com/pub"},
      {"HTTPS://WWW.Example.Com/Path/Case", "https://www.example.com/Path/Case"},
      {"http://example.com./", "http://example.com/"},
      {"http://%45xample.com/", "http://example.com/"},
      {"http://ex%c3%a4mple.com../", "http://ex%C3%A4mple.com/"},
      {"http://example.com/%2F", "http://example.com/%2F"},
      {"http://example.com/a%2fb", "http://example.com/a%2Fb"},
      {"http://example.com/%41", "http://example.com/A"},
      {"http://example.com/%7euser", "http://example.com/~user"},
      {"http://example.com/%2d%2e%5f%7E", "http://example.com/-._~"},
      {"http://example.com/%e2%82%ac", "http://example.com/%E2%82%AC"},
      {"http://example.com/%5B%5d", "http://example.com/%5B%5D"},
      {"http://example.com/путь", "http://example.com/%D0%BF%D1%83%D1%82%D1%8C"},
      {"http://example.com/?q=минск", "http://example.com/?q=%D0%BC%D0%B8%D0%BD%D1%81%D0%BA"},
      {"http://example.com/a\"b<c>", "http://example.com/a%22b%3Cc%3E"},
      {"http://example.com/a{b}|c^d`", "http://example.com/a%7Bb%7D%7Cc%5Ed%60"},
      {"http://example.com/a\\b", "http://example.com/a%5Cb"},
      {"http://example.com/a%zzb", "http://example.com/a%25zzb"},
      {"http://example.com/a%", "http://example.com/a%25"},
      {"http://example.com/a:b@c!$&'()*+,;=", "http://example.com/a:b@c!$&'()*+,;="},
      {"http://example.com/a?", "http://example.com/a?"},
      {"http://example.com/index.html?#x", "http://example.com/index.html?"},
      {"http://example.com/a#", "http://example.com/a"},
      {"http://example.com/a?b=1&a=2", "http://example.com/a?b=1&a=2"},
      {"http://example.com/?a=/b?c", "http://example.com/?a=/b?c"},
      {"http://example.com/?a=%3d%26", "http://example.com/?a=%3D%26"},
      {"http://example.com/?q=a+b", "http://example.com/?q=a+b"},
      {"http://example.com/?q=%41%2e", "http://example.com/?q=A."},
      {"http://example.com/a/b/../../..", "http://example.com/"},
      {"http://example.com/%2e%2e/a", "http://example.com/a"},
      {"http://example.com/a/%2E/b", "http://example.com/a/b"},
      {"http://example.com/./", "http://example.com/"},
      {"http://a/b/c/./../../g", "http://a/g"},
      {"http://example.com/a//b", "http://example.com/a//b"},
      {"http://[2001:DB8::1]/", "http://[2001:db8::1]/"},
      {"http://[2001:db8::1]:80/x", "http://[2001:db8::1]/x"},
      {"http://[::ffff:192.0.2.1]:8080/", "http://[::ffff:192.0.2.1]:8080/"},
      {"http://User:Pass@Example.com/", "http://User:Pass@example.com/"},
      {"http://user%3aname@example.com/", "http://user%3Aname@example.com/"},
      {"  http://example.com/a  ", "http://example.com/a"},
      {"http://exa\tmple.com/a\nb", "http://example.com/ab"},
      {"mailto:Someone@Example.com", "mailto:Someone@Example.com"},
      {"file:///etc/hosts", "file:///etc/hosts"},
      // Limitation: IDN hosts stay as written (no punycode, no non-ASCII case folding).
      {"http://пример.бел/", "http://пример.бел/"},
      {"http://Пример.BY/", "http://Пример.by/"},
      {"http://bad\xff\xc3utf8.by/", "http://bad%FF%C3utf8.by/"},  // not UTF-8: encoded
  };
  for (const Row& row : kRows) {
    CAPTURE(row.input);
    Result<std::string> canonical = CanonicalUrl(row.input);
    REQUIRE(canonical.ok());
    CHECK(*canonical == row.expected);
    // Canonical URLs are fixed points.
    Result<std::string> again = CanonicalUrl(*canonical);
    REQUIRE(again.ok());
    CHECK(*again == *canonical);
  }
}

TEST_CASE("CanonicalUrl fails where ParseUrl fails") {
  CHECK_FALSE(CanonicalUrl("not a url").ok());
  CHECK_FALSE(CanonicalUrl("http://example.com/a b").ok());
  CHECK(CanonicalUrl("http://example.com/a b").status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("NormalizeUrl encodes bytes a resolved or hand-built URL may hold") {
  Url url;
  url.scheme = "HTTP";
  url.host = "Example.COM";
  url.path = "/a b/ü";
  url.has_query = true;
  url.query = "q=x y";
  url.has_fragment = true;
  url.fragment = "f";
  const Url normal = NormalizeUrl(url);
  CHECK(normal.scheme == "http");
  CHECK(normal.host == "example.com");
  CHECK(normal.path == "/a%20b/%C3%BC");
  CHECK(normal.query == "q=x%20y");
  CHECK_FALSE(normal.has_fragment);
  CHECK(normal.ToString() == "http://example.com/a%20b/%C3%BC?q=x%20y");

  Result<Url> base = ParseUrl("http://example.com/docs/");
  REQUIRE(base.ok());
  Result<Url> resolved = ResolveUrl(*base, "Report 2024.pdf#page=2");
  REQUIRE(resolved.ok());
  CHECK(NormalizeUrl(*resolved).ToString() == "http://example.com/docs/Report%202024.pdf");
}

}  // namespace
}  // namespace vestige::common
