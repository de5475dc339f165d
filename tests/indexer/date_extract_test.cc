// Publication-date extraction (vestige/indexer/date_extract.h): one row per source and format.
#include "vestige/indexer/date_extract.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "test_paths.h"
#include "vestige/common/http.h"
#include "vestige/indexer/charset.h"

namespace vestige::indexer {
namespace {

using common::Date;

struct Row {
  std::string html;
  std::string url;
  std::optional<std::string> date;  // expected "YYYY-MM-DD", nullopt: no date
  std::string source;               // expected source when a date is expected
};

constexpr Date kCaptured{2025, 6, 30};

void CheckRows(const Row* begin, const Row* end) {
  for (const Row* row = begin; row != end; ++row) {
    CAPTURE(row->html);
    CAPTURE(row->url);
    const common::HtmlDocument doc = common::ParseHtml(row->html);
    const PublishedDate got = ExtractPublishedDate(doc, row->html, row->url, kCaptured);
    if (!row->date) {
      CHECK_FALSE(got.date.has_value());
      CHECK(got.source.empty());
      continue;
    }
    REQUIRE(got.date.has_value());
    CHECK(got.date->ToIso() == *row->date);
    CHECK(got.source == row->source);
    CHECK(got.confidence > 0);
    CHECK(got.confidence <= 1);
  }
}

TEST_CASE("JSON-LD datePublished, with @graph, arrays and types") {
  const Row rows[] = {
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-05T10:00:00+03:00","dateModified":"2024-04-01"}</script>)",
       "", "2024-03-05", "json-ld"},
      {R"(<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2024-01-01"},{"@type":"Article","datePublished":"2024-02-02T08:00:00Z"}]}</script>)",
       "", "2024-02-02", "json-ld"},
      {R"(<script type='application/ld+json'>[{"@type":"Organization"},{"@type":["BlogPosting"],"datePublished":["2023-07-14"]}]</script>)",
       "", "2023-07-14", "json-ld"},
      // dateModified alone is not a publication date.
      {R"(<script type="application/ld+json">{"@type":"Article","dateModified":"2024-04-01"}</script>)",
       "", std::nullopt, ""},
      // A review, image or video inside the article dates itself, not the page.
      {R"(<script type="application/ld+json">{"@type":"Recipe","datePublished":"2006-10-10","reviews":[{"@type":"Review","datePublished":"2020-04-12"}],"image":{"@type":"ImageObject","datePublished":"2021-01-01"}}</script>)",
       "", "2006-10-10", "json-ld"},
      {R"(<script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","datePublished":"2022-05-06"},"image":{"@type":"ImageObject","datePublished":"2021-01-01"}}</script>)",
       "", "2022-05-06", "json-ld"},
      {R"(<script type="application/ld+json">{"@type":"Recipe","review":{"@type":"Review","datePublished":"2020-04-12"}}</script>)",
       "", std::nullopt, ""},
      // JSON that does not parse, but has a datePublished string: read from the text.
      {R"(<script type="application/ld+json">{"@type":"NewsArticle", "headline": "a "quoted" b", "datePublished": "2022-01-28T06:00:00+01:00"}</script>)",
       "", "2022-01-28", "json-ld"},
      // Tag names and the type in any case, after other scripts and a "<s" that is no script.
      {R"(<p>a <s>b</s></p><SCRIPT>var x = "<script";</SCRIPT><Script Type="Application/LD+JSON">{"@type":"NewsArticle","datePublished":"2021-03-04"}</sCrIpT>)",
       "", "2021-03-04", "json-ld"},
      // Broken JSON is skipped, the next source is used.
      {R"(<script type="application/ld+json">{"@type":"Article","datePublished":</script><meta property="article:published_time" content="2022-09-09">)",
       "", "2022-09-09", "meta"},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("meta tags of every kind") {
  const Row rows[] = {
      {R"(<meta property="article:published_time" content="2024-05-21T18:32:07+03:00">)", "",
       "2024-05-21", "meta"},
      {R"(<meta property="og:published_time" content="2024-05-22">)", "", "2024-05-22", "meta"},
      {R"(<meta name="DC.date.issued" content="2021-12-03">)", "", "2021-12-03", "meta"},
      {R"(<meta name="dcterms.created" content="2021-12-04">)", "", "2021-12-04", "meta"},
      {R"(<meta name="DC.date" content="2021-12-05">)", "", "2021-12-05", "meta"},
      {R"(<meta name="dcterms.date" content="2021-12-06">)", "", "2021-12-06", "meta"},
      {R"(<meta itemprop="datePublished" content="2020-08-09">)", "", "2020-08-09", "meta"},
      {R"(<meta name="parsely-pub-date" content="2019-01-02T03:04:05Z">)", "", "2019-01-02",
       "meta"},
      {R"(<meta name="sailthru.date" content="2023-11-08 22:28:35">)", "", "2023-11-08", "meta"},
      {R"(<meta name="date" content="2018-10-10">)", "", "2018-10-10", "meta"},
      {R"(<meta name="pubdate" content="20170405">)", "", "2017-04-05", "meta"},
      {R"(<meta name="publish-date" content="Fri, 19 Dec 2025 10:00:00 +0300">)", "", std::nullopt,
       ""},  // after the capture date
      {R"(<meta name="publish-date" content="Fri, 19 Dec 2024 10:00:00 +0300">)", "", "2024-12-19",
       "meta"},
      {R"(<meta name="citation_publication_date" content="2016/03/01">)", "", "2016-03-01", "meta"},
      // Keys outside the lists that still name a publication or upload time.
      {R"(<meta property="five_hundred_pixels:uploaded" content="2013-02-16T04:36:36-05:00">)", "",
       "2013-02-16", "meta"},
      {R"(<meta name="content_publish_date" content="2019-03-02">)", "", "2019-03-02", "meta"},
      {R"(<meta property="article:publisher" content="2019-03-02">)", "", std::nullopt, ""},
      {R"(<meta name="last_updated_publish" content="2019-03-02">)", "", std::nullopt, ""},
      // A generic "date" meta yields to a byline date (it is often the page build time).
      {R"(<meta name="date" content="2020-02-12"><h1>Faire Lieferketten</h1><div class="entry-date">05.02.2020</div>)",
       "", "2020-02-05", "text"},
      // Modified dates are not publication dates.
      {R"(<meta property="article:modified_time" content="2024-05-21"><meta property="og:updated_time" content="2024-05-22">)",
       "", std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("<time> elements") {
  const Row rows[] = {
      {R"(<article><time datetime="2025-12-19T10:00:00+03:00">19 снежня</time></article>)", "",
       std::nullopt, ""},  // after the capture date
      {R"(<article><time datetime="2024-12-19T10:00:00+03:00">19 снежня 2024</time></article>)", "",
       "2024-12-19", "time"},
      {R"(<aside><time datetime="2021-09-15">x</time></aside><article><time class="updated" datetime="2024-02-02"></time><time itemprop="datePublished" datetime="2024-01-31"></time></article>)",
       "", "2024-01-31", "time"},
      {R"(<div class="related-posts"><time datetime="2021-09-15">2021.09.15 10:07</time></div>)",
       "", std::nullopt, ""},
      {R"(<time pubdate datetime="2022-03-04">4 March</time>)", "", "2022-03-04", "time"},
      // Asides and sidebars inside the article are its own byline boxes.
      {R"(<article><h1>A long enough title</h1><aside class="meta"><time class="x" datetime="2023-10-18">18. Okt 2023</time></aside></article>)",
       "", "2023-10-18", "time"},
      // A wrapper whose class says "sidebar" but which holds the title is the page.
      {R"(<div class="mainwrap sidebar"><h1>A long enough title</h1><div class="post-meta"><time datetime="2017-08-08">08/08/2017</time></div></div>)",
       "", "2017-08-08", "time"},
      // A <time itemprop=datePublished> in a footer box (TYPO3 news) when nothing else dates the
      // page.
      {R"(<h1>A long enough title</h1><div class="footer"><span class="news-list-date"><time itemprop="datePublished" datetime="2022-01-21">21.01.2022</time></span></div>)",
       "", "2022-01-21", "time"},
      // ... but not when it is an entry of a list of other articles.
      {R"(<h1>A long enough title</h1><ul class="footer"><li><time itemprop="datePublished" datetime="2022-01-21">21.01.2022</time><a href="/x">Another article with a long headline here</a></li></ul>)",
       "", std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("dates in URL paths") {
  const Row rows[] = {
      {"<p>x</p>", "https://meduza.io/en/news/2021/07/06/story", "2021-07-06", "url"},
      {"<p>x</p>", "https://charter97.org/en/news/2017/4/19/247319/", "2017-04-19", "url"},
      {"<p>x</p>", "https://belsat.eu/en/news/06-07-2021-viktar-babaryka-sentenced", "2021-07-06",
       "url"},
      {"<p>x</p>", "https://iapbelarus.org/press-statements/30-01-2023/", "2023-01-30", "url"},
      {"<p>x</p>", "https://tnnews.example/stories/20241213-release", "2024-12-13", "url"},
      {"<p>x</p>", "https://example.org/blog/2024-03-05-slug", "2024-03-05", "url"},
      {"<p>x</p>", "https://www.rferl.org/a/belarus/33622355.html", std::nullopt, ""},
      {"<p>x</p>", "https://example.org/2024/03/", std::nullopt, ""},     // no day
      {"<p>x</p>", "https://example.org/1989/03/05/", std::nullopt, ""},  // before 1990
      {"<p>x</p>", "https://example.org/2031/03/05/", std::nullopt, ""},  // after capture
      {"<p>x</p>", "https://2024-03-05.example.org/", std::nullopt, ""},  // host, not path
      // A month folder and a slug that starts with a number is no day.
      {"<p>x</p>", "https://blog.example.de/2023/10/3-fragen-an-tina/", std::nullopt, ""},
      {"<p>x</p>", "https://blog.example.de/2023/10/03/3-fragen/", "2023-10-03", "url"},
      {"<p>x</p>", "https://example.org/2019/06/13.html", "2019-06-13", "url"},
      // Month folders, then day folders (Chinese news sites).
      {"<p>x</p>", "http://www.he.example.cn/news/2012-06/04/content_25340717.htm", "2012-06-04",
       "url"},
      {"<p>x</p>", "http://www.example.cn/gn/2020/02-19/9096788.shtml", "2020-02-19", "url"},
      {"<p>x</p>", "http://www.example.cn/gn/2020-02/19-questions/", std::nullopt, ""},
      {"<p>x</p>", "http://www.example.cn/gn/2020-02/19", std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("visible text: month names in every language and case, numeric forms") {
  const auto page = [](const std::string& byline) {
    return "<h1>Title</h1><p class=\"byline\">" + byline + "</p><p>Body text.</p>";
  };
  const Row rows[] = {
      {page("5 сакавіка 2024"), "", "2024-03-05", "text"},            // be genitive
      {page("19 сьнежня 2024 г."), "", "2024-12-19", "text"},         // be taraškievica
      {page("12 марта 2023 г."), "", "2023-03-12", "text"},           // ru genitive
      {page("1 сентября 2022 года"), "", "2022-09-01", "text"},       // ru
      {page("3 травня 2024"), "", "2024-05-03", "text"},              // uk
      {page("17 листопада 2023"), "", "2023-11-17", "text"},          // uk November
      {page("5 marca 2024 r."), "", "2024-03-05", "text"},            // pl
      {page("25 października 2021 roku"), "", "2021-10-25", "text"},  // pl
      {page("5. März 2024"), "", "2024-03-05", "text"},               // de
      {page("13. Dezember 2024"), "", "2024-12-13", "text"},          // de
      {page("2024 m. kovo 5 d."), "", "2024-03-05", "text"},          // lt
      {page("2024 m. rugsėjo 30 d."), "", "2024-09-30", "text"},      // lt
      {page("March 5, 2024"), "", "2024-03-05", "text"},              // en month first
      {page("Published: Mar 5, 2024"), "", "2024-03-05", "text"},
      {page("5 March 2024"), "", "2024-03-05", "text"},  // en day first
      {page("16th July 2024"), "", "2024-07-16", "text"},
      {page("19.12.2024"), "", "2024-12-19", "text"},  // dd.mm.yyyy
      {page("05.02.25"), "", "2025-02-05", "text"},    // dd.mm.yy
      {page("5.2.25"), "", "2025-02-05", "text"},      // d.m.yy
      {page("2021-09-15"), "", "2021-09-15", "text"},
      {page("Updated at 14:37,26-01-2021"), "", std::nullopt, ""},  // modified
      {page("Aktualisiert: 01.04.2020"), "", std::nullopt, ""},
      {page("31.12.1989"), "", std::nullopt, ""},  // before 1990
      {page("Version 1.2.3 of 4.5.6.7"), "", std::nullopt, ""},
      {page("In March 2024 we met."), "", std::nullopt, ""},  // no day
      {page("No date here at all"), "", std::nullopt, ""},
      {"<h1>Title</h1><p>Minsk, 9 August 2020 – the election.</p>", "", "2020-08-09", "text"},
      {page("30 septembre 2018"), "", "2018-09-30", "text"},    // fr
      {page("jeudi 13 juin 2019"), "", "2019-06-13", "text"},   // fr
      {page("1er mars 2024"), "", "2024-03-01", "text"},        // fr ordinal
      {page("14 Gennaio 2020"), "", "2020-01-14", "text"},      // it
      {page("13 de junio de 2019"), "", "2019-06-13", "text"},  // es
      // A dateline opens a long first paragraph; an event date opening one is no dateline.
      {"<h1>Title</h1><p>(18.01.2018) " + std::string(300, 'x') + "</p>", "", "2018-01-18", "text"},
      {"<h1>Title</h1><p>Karlsruhe, (12.11.2021). " + std::string(300, 'x') + "</p>", "",
       "2021-11-12", "text"},
      {"<h1>Title</h1><p>27.1.2022 - " + std::string(300, 'x') + "</p>", "", "2022-01-27", "text"},
      {"<h1>Title</h1><p>On 6 September 2018 the Chamber " + std::string(300, 'x') + "</p>", "",
       std::nullopt, ""},
      {"<h1>Title</h1><p>6 September 2018 the Chamber " + std::string(300, 'x') + "</p>", "",
       std::nullopt, ""},
      // "Published"-like words mark the date even in a footer.
      {R"(<h1>Title</h1><p>Body.</p><div class="footerFirstLine">Letzte Änderung: 31.10.2023<br>Erschienen am: 01.11.2023</div>)",
       "", "2023-11-01", "text"},
      {R"(<h1>Title</h1><p>Body.</p><div class="footer">Letzte Änderung: 31.10.2023</div>)", "",
       std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("order of sources and the UTC day next to a URL date") {
  const Row rows[] = {
      // JSON-LD beats meta, meta beats <time>, <time> beats the text.
      {R"(<script type="application/ld+json">{"@type":"Article","datePublished":"2020-01-01"}</script><meta property="article:published_time" content="2020-02-02"><time datetime="2020-03-03"></time>)",
       "", "2020-01-01", "json-ld"},
      {R"(<meta property="article:published_time" content="2020-02-02"><h1>t</h1><time datetime="2020-03-03"></time>)",
       "", "2020-02-02", "meta"},
      // The URL's day comes first: set at publication, in the publisher's time zone.
      {R"(<meta property="article:published_time" content="2023-11-09T03:28:35+00:00">)",
       "https://nypost.com/2023/11/08/news/x/", "2023-11-08", "url"},
      // A UTC timestamp is moved to the offset the page writes its other timestamps in.
      {R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T06:35:29+00:00","video":{"@type":"VideoObject","uploadDate":"2023-11-08T23:10:44-08:00"}}</script>)",
       "", "2023-11-08", "json-ld"},
      {R"(<meta property="article:published_time" content="2019-10-18T22:04:00Z"><meta name="x" content="2019-10-18T23:00:00+02:00">)",
       "", "2019-10-19", "meta"},
      // Without a non-zero offset on the page, the UTC day stands.
      {R"(<meta property="article:published_time" content="2019-10-18T22:04:00Z">)", "",
       "2019-10-18", "meta"},
      {"<html></html>", "", std::nullopt, ""},
      {"", "", std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("the date shown under the title, when the page's own data confirms it") {
  const std::string ld =
      R"(<script type="application/ld+json">{"@type":"Article","datePublished":"2021-11-29T14:13:37+01:00","dateModified":"2022-01-12T14:27:30+01:00"}</script>)";
  const std::string body = "<p>" + std::string(300, 'x') + "</p>";
  const Row rows[] = {
      // The byline shows the dateModified day: what the reader sees wins.
      {ld + "<h1>A title</h1><p>12.01.2022</p>" + body, "", "2022-01-12", "text"},
      {ld + "<h1>A title</h1><p>Updated Jan 12, 2022</p>" + body, "", "2022-01-12", "text"},
      // A shown date no machine-written date confirms does not beat datePublished.
      {ld + "<h1>A title</h1><p>13.01.2022</p>" + body, "", "2021-11-29", "json-ld"},
      // Nor does a date inside a long paragraph, confirmed or not.
      {ld + "<h1>A title</h1><p>On 12 January 2022 the " + std::string(300, 'x') + "</p>", "",
       "2021-11-29", "json-ld"},
      // Nor one before the title.
      {ld + "<p>12.01.2022</p><h1>A title</h1>" + body, "", "2021-11-29", "json-ld"},
      // The URL's day too yields to a confirmed shown date, not to an unconfirmed one.
      {R"(<meta property="article:published_time" content="2020-02-19T18:37:32+01:00"><h1>A title</h1><p>19 FEB 2020 - 18:37 CET</p>)" +
           body,
       "https://elpais.example/2020/02/18/ciencia/1.html", "2020-02-19", "text"},
      {"<h1>A title</h1><p>19 FEB 2020 - 18:37 CET</p>" + body,
       "https://elpais.example/2020/02/18/ciencia/1.html", "2020-02-18", "url"},
      // A weak source (a generic "date" meta, a plain <time>) yields to any shown date...
      {R"(<meta name="date" content="2021-12-20T11:02:44+01:00"><h1>A title</h1><p>27.01.2022</p>)" +
           body,
       "", "2022-01-27", "text"},
      {R"(<article><time datetime="2019-07-03"></time><h1>A title</h1><p>Publié le 29 juin 2019</p>)" +
           body + "</article>",
       "", "2019-06-29", "text"},
      // ... a strong one does not.
      {R"(<meta property="article:published_time" content="2021-12-20"><h1>A title</h1><p>27.01.2022</p>)" +
           body,
       "", "2021-12-20", "meta"},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("last resort: script data; guards: periods, sidebars") {
  const std::string body = "<p>" + std::string(300, 'x') + "</p>";
  const Row rows[] = {
      // A page whose only date is its last revision has no publication date.
      {"<h1>Terms of Service</h1><p>Date of Last Revision: August 9, 2017</p>" + body, "",
       std::nullopt, ""},
      // Data of a page that scripts render: an ISO value of a publication key.
      {R"(<script>var meta = {"product":{"published_at":"2019-03-02T06:22:28+01:00"}};</script>)",
       "", "2019-03-02", "script"},
      {R"(<script>{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-05"}</script>)",
       "", "2016-11-04", "script"},
      {R"(<script>{"published_at":"yesterday","updated_at":"2019-03-02T06:22:28+01:00"}</script>)",
       "", std::nullopt, ""},
      // The end of a period, or the second of two days, is an event, not the day of writing.
      {"<h1>A title</h1><p class=\"date\">Wochenbericht 14. - 20. Januar 2022</p>" + body, "",
       std::nullopt, ""},
      {"<h1>A title</h1><p class=\"date\">vom 24. April bis 2. Oktober 2017</p>" + body, "",
       std::nullopt, ""},
      {"<h1>A title</h1><p class=\"date\">Spiele am 4. und 5. März 2022</p>" + body, "",
       std::nullopt, ""},
      {"<h1>A title</h1><p class=\"date\">Am 20. Januar 2022</p>" + body, "", "2022-01-20", "text"},
      {"<h1>A title</h1><p class=\"date\">Back to 5 March 2024</p>" + body, "", "2024-03-05",
       "text"},
      // n/n/yyyy is day first on a British page, also when XHTML names the language.
      {R"(<html xml:lang="en-GB"><h1>A title</h1><p class="date">02/10/2020</p></html>)", "",
       "2020-10-02", "text"},
      {R"(<html lang="en-US"><h1>A title</h1><p class="date">02/10/2020</p></html>)", "",
       "2020-02-10", "text"},
      // A "menu" container that holds most of the page (left open by broken markup) is the page;
      // a small one is not.
      {R"(<div class="menu-fixed"><a class="post-meta-time" href="/2017/">08/08/2017</a><p>)" +
           std::string(1200, 'x') + "</p></div>",
       "", "2017-08-08", "text"},
      {R"(<div class="menu-fixed"><span class="date">08/08/2017</span></div><p>)" +
           std::string(1200, 'x') + "</p>",
       "", std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
}

TEST_CASE("relative dates in a short byline, against the capture day (2025-06-30)") {
  const auto page = [](const std::string& byline) {
    return "<h1>Title</h1><span class=\"date\">" + byline + "</span><p>Body text.</p>";
  };
  const Row rows[] = {
      {page("2 days ago"), "", "2025-06-28", "relative"},
      {page("3 hours ago"), "", "2025-06-30", "relative"},
      {page("Yesterday, 14:35"), "", "2025-06-29", "relative"},
      {page("вчера, 14:35"), "", "2025-06-29", "relative"},
      {page("сегодня"), "", "2025-06-30", "relative"},
      {page("гадзіну таму"), "", "2025-06-30", "relative"},
      {page("учора"), "", "2025-06-29", "relative"},
      {page("5 дней назад"), "", "2025-06-25", "relative"},
      {page("2 тижні тому"), "", "2025-06-16", "relative"},
      {page("vor 5 Stunden"), "", "2025-06-30", "relative"},
      {page("vor 3 Tagen"), "", "2025-06-27", "relative"},
      {page("3 dni temu"), "", "2025-06-27", "relative"},
      // An absolute date wins; no unit, no "ago", or a long text is no relative date.
      {page("Today, 5 March 2024"), "", "2024-03-05", "text"},
      {page("2 days"), "", std::nullopt, ""},
      {page("Tagesschau vor Ort"), "", std::nullopt, ""},
      {page("Today we look back at what happened in the long years of the war, two days ago"), "",
       std::nullopt, ""},
      // Outside date and byline elements, "today" is just a word.
      {"<h1>Title</h1><p>Yesterday</p>", "", std::nullopt, ""},
  };
  CheckRows(std::begin(rows), std::end(rows));
  // Without a capture day nothing is resolved.
  const std::string html = R"(<h1>Title</h1><span class="date">2 days ago</span>)";
  CHECK_FALSE(ExtractPublishedDate(common::ParseHtml(html), html, "", std::nullopt).date);
}

TEST_CASE("no capture date: only the 1990 lower bound applies") {
  const std::string html = R"(<meta property="article:published_time" content="2031-01-01">)";
  const PublishedDate got = ExtractPublishedDate(common::ParseHtml(html), html, "", std::nullopt);
  REQUIRE(got.date.has_value());
  CHECK(got.date->ToIso() == "2031-01-01");
}

// The bundled sample site: the extractor against the labels the e2e test uses.
TEST_CASE("sample site pages agree with their published labels") {
  const std::filesystem::path root = test::SourceDir() / "data" / "sample-site";
  const nlohmann::json labels = nlohmann::json::parse(
      test::ReadFile(test::SourceDir() / "tests/data/sample-site-labels.json"));
  int pages = 0;
  int agree = 0;
  for (const auto& [url, label] : labels.items()) {
    const std::string rest = url.substr(url.find("://") + 3);
    std::filesystem::path file = root / rest;
    if (!rest.empty() && rest.back() == '/') file /= "index.html";
    if (!std::filesystem::exists(file)) continue;
    std::string charset;
    std::filesystem::path headers = file;
    headers += ".headers";
    if (std::filesystem::exists(headers)) {
      std::ifstream in(headers);
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("Content-Type:", 0) == 0) charset = common::CharsetParam(line.substr(13));
      }
    }
    common::Result<std::string> utf8 = DecodeToUtf8(test::ReadFile(file), charset);
    REQUIRE(utf8.ok());
    const PublishedDate got =
        ExtractPublishedDate(common::ParseHtml(*utf8), *utf8, url, Date{2025, 11, 1});
    const std::optional<std::string> expected =
        label["published"].is_string() ? std::optional(label["published"].get<std::string>())
                                       : std::nullopt;
    const std::optional<std::string> found =
        got.date ? std::optional(got.date->ToIso()) : std::nullopt;
    ++pages;
    if (found == expected) {
      ++agree;
    } else {
      MESSAGE(url << ": expected " << expected.value_or("none") << ", got "
                  << found.value_or("none") << " (" << got.source << ")");
    }
  }
  MESSAGE("sample site: " << agree << " of " << pages << " pages agree");
  CHECK(pages == static_cast<int>(labels.size()));
  CHECK(agree == pages);
}

}  // namespace
}  // namespace vestige::indexer
