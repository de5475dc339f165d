// Publication date: the DOM sources (meta, time, itemprop, date-like elements, text near the
// title) and the order in which all sources are tried. See vestige/indexer/date_extract.h.
#include "vestige/indexer/date_extract.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "date_extract_internal.h"

namespace vestige::indexer {
namespace {

using common::Date;
using common::HtmlNode;
using dates::DateBounds;

// <meta> names (name, property, itemprop or http-equiv; lower case) that carry the publication
// date. Tier 1 say so explicitly; tier 2 are generic "date" fields that are usually, not always,
// the publication date.
constexpr std::string_view kMetaTier1[] = {"article:published_time",
                                           "og:published_time",
                                           "og:article:published_time",
                                           "article:published",
                                           "article.published",
                                           "published_time",
                                           "published-date",
                                           "published_date",
                                           "publish-date",
                                           "publish_date",
                                           "publishdate",
                                           "publishdate",
                                           "pubdate",
                                           "pub_date",
                                           "publication_date",
                                           "publication-date",
                                           "datepublished",
                                           "parsely-pub-date",
                                           "sailthru.date",
                                           "citation_publication_date",
                                           "citation_date",
                                           "citation_online_date",
                                           "dc.date.issued",
                                           "dc.date.created",
                                           "dcterms.issued",
                                           "dcterms.created",
                                           "dc.created",
                                           "dc.issued",
                                           "article_date_original",
                                           "originalpublicationdate",
                                           "original-publish-date",
                                           "date.published",
                                           "displaydate",
                                           "bt:pubdate",
                                           "shareaholic:article_published_time",
                                           "article:post_date",
                                           "cxenseparse:recs:publishtime",
                                           "datecreated",
                                           "creation_date",
                                           "created",
                                           "release_date",
                                           "vr:published_time",
                                           "og:pubdate",
                                           "rnews:datepublished",
                                           "ga:date",
                                           "nb:date",
                                           "published",
                                           "firstpublishedon"};
constexpr std::string_view kMetaTier2[] = {
    "date", "dc.date", "dcterms.date", "dc:date", "dcterms:date", "dc.date.available", "timestamp"};

// Class or id fragments of containers whose dates are not the page's (lists, comments, ...).
constexpr std::string_view kExcludedClass[] = {
    "related",  "sidebar", "comment",    "recommend",  "popular",    "footer",
    "more-",    "similar", "newsletter", "breadcrumb", "navigation", "menu",
    "calendar", "cookie",  "trending",   "carousel"};
// Class or id fragments of elements that hold a date or byline.
constexpr std::string_view kDateClass[] = {"date",    "datum",     "time",     "byline", "posted",
                                           "publish", "meta",      "dateline", "zeit",   "author",
                                           "info",    "submitted", "stamp"};
constexpr std::string_view kStrongClass[] = {"published",  "publish",      "pubdate",
                                             "entry-date", "post-date",    "posted",
                                             "created",    "article-date", "date-publish"};
constexpr std::string_view kModifiedClass[] = {"update", "modif", "edited", "aktualisiert"};

constexpr std::size_t kMaxDateElementText = 200;
constexpr std::size_t kTextBeforeTitle = 300;
constexpr std::size_t kTextAfterTitle = 1500;
constexpr std::size_t kMaxBylineBytes = 240;
constexpr std::size_t kHeadlineBytes = 30;
constexpr std::size_t kMaxItemBytes = 400;

std::string Lower(std::string_view s) { return dates::LowerUtf8(s); }

bool ContainsAny(std::string_view hay, const std::string_view* begin, const std::string_view* end) {
  for (const std::string_view* p = begin; p != end; ++p) {
    if (hay.find(*p) != std::string_view::npos) return true;
  }
  return false;
}
template <std::size_t N>
bool ContainsAny(std::string_view hay, const std::string_view (&list)[N]) {
  return ContainsAny(hay, list, list + N);
}
template <std::size_t N>
bool IsOneOf(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view item : list) {
    if (s == item) return true;
  }
  return false;
}

std::string ClassAndId(const HtmlNode& n) {
  std::string out;
  if (auto c = n.attr("class")) out.append(*c);
  out.push_back(' ');
  if (auto i = n.attr("id")) out.append(*i);
  return Lower(out);
}

// True when a class or id token of `cls` names a container to skip: the token starts with one of
// kExcludedClass, or one of its '-'/'_' parts is one (but "with-navigation"-like page flags are
// not containers).
bool IsExcludedClass(std::string_view cls) {
  std::size_t i = 0;
  while (i < cls.size()) {
    const std::size_t end = std::min(cls.find(' ', i), cls.size());
    const std::string_view token = cls.substr(i, end - i);
    i = end + 1;
    if (token.empty() || token.starts_with("with") || token.starts_with("has-") ||
        token.starts_with("page") || token.starts_with("body") || token.starts_with("no-")) {
      continue;
    }
    for (std::string_view word : kExcludedClass) {
      if (token.starts_with(word)) return true;
      for (std::size_t p = token.find(word); p != std::string_view::npos;
           p = token.find(word, p + 1)) {
        if (p > 0 && (token[p - 1] == '-' || token[p - 1] == '_')) return true;
      }
    }
  }
  return false;
}

struct TimeCandidate {
  std::string value;
  bool strong = false;
  bool in_article = false;
  bool listed = false;  // in a list item next to a link to another article
};

struct DateElement {
  std::string text;
  bool strong = false;
  bool listed = false;
};

// What one walk over the tree collects.
struct Collected {
  std::vector<std::pair<std::string, std::string>> metas;  // (lower-case key, content)
  std::vector<std::string> itemprop_values;                // itemprop=datePublished elements
  std::vector<TimeCandidate> times;
  std::vector<DateElement> date_elements;
  std::string text;  // visible text outside excluded containers, single spaces
  std::optional<std::size_t> h1_pos;
  std::string lang;
};

void AppendText(std::string_view s, std::string* out) {
  for (char c : s) {
    const bool space = static_cast<unsigned char>(c) <= ' ';
    if (space) {
      if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
}

// True when `item` (a <li> or <tr>) holds a link with a headline's worth of text: an entry in a
// list of articles, whose date is that article's.
bool HasHeadlineLink(const HtmlNode& item) {
  bool found = false;
  common::ForEachElement(item, [&](const HtmlNode& n) {
    if (!found && n.is("a") && n.attr("href") && common::InnerText(n).size() >= kHeadlineBytes) {
      found = true;
    }
  });
  return found;
}

void CollectMeta(const HtmlNode& n, Collected* out) {
  auto content = n.attr("content");
  if (!content) return;
  for (std::string_view key_attr : {"property", "name", "itemprop", "http-equiv"}) {
    if (auto key = n.attr(key_attr)) out->metas.emplace_back(Lower(*key), std::string(*content));
  }
}

Collected Collect(const HtmlNode& root) {
  Collected out;
  struct Frame {
    const HtmlNode* node;
    bool excluded;
    bool in_article;
    bool in_table;         // in a small table row: text not used
    const HtmlNode* item;  // the nearest small <li> or <tr> ancestor, or null
    bool listed;           // `item` links to another article
  };
  std::vector<Frame> stack{{&root, false, false, false, nullptr, false}};
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    const HtmlNode& n = *f.node;
    if (n.kind == HtmlNode::Kind::kText) {
      if (!f.excluded && !f.in_table) AppendText(n.text, &out.text);
      continue;
    }
    bool excluded = f.excluded;
    bool in_article = f.in_article;
    // A small <li> or <tr> is an entry of a list or a data table (a big one is page layout): its
    // text is not a byline, and with a headline link it is another article's entry.
    const bool small_item =
        (n.is("li") || n.is("tr")) && common::InnerText(n).size() <= kMaxItemBytes;
    const bool in_table = f.in_table || (small_item && n.is("tr"));
    const HtmlNode* item = small_item ? &n : f.item;
    const bool listed = item != nullptr && (item == f.item ? f.listed : HasHeadlineLink(*item));
    if (n.kind == HtmlNode::Kind::kElement) {
      if (n.tag == "script" || n.tag == "style" || n.tag == "noscript" || n.tag == "template") {
        continue;
      }
      if (n.tag == "html") {
        if (auto l = n.attr("lang")) out.lang = Lower(*l);
      }
      if (n.tag == "meta") CollectMeta(n, &out);
      const std::string cls = ClassAndId(n);
      if (n.tag == "article" || n.tag == "main") in_article = true;
      const bool page_level =
          n.tag == "html" || n.tag == "body" || n.tag == "article" || n.tag == "main";
      if (n.tag == "aside" || n.tag == "nav" || (n.tag == "footer" && !in_article) ||
          (!page_level && IsExcludedClass(cls))) {
        excluded = true;
      }
      const bool modified = ContainsAny(cls, kModifiedClass);
      std::optional<std::string_view> itemprop = n.attr("itemprop");
      const bool date_published = itemprop && Lower(*itemprop) == "datepublished";
      const bool date_modified = itemprop && Lower(*itemprop).find("modified") != std::string::npos;
      if (date_published && n.tag != "meta" && n.tag != "time") {
        for (std::string_view a : {"content", "datetime", "title"}) {
          if (auto v = n.attr(a)) {
            out.itemprop_values.emplace_back(*v);
            break;
          }
        }
        out.itemprop_values.push_back(common::InnerText(n).substr(0, kMaxDateElementText));
      }
      if (n.tag == "time" && !excluded && !modified && !date_modified) {
        TimeCandidate t;
        if (auto dt = n.attr("datetime")) {
          t.value = std::string(*dt);
        } else {
          t.value = common::InnerText(n).substr(0, kMaxDateElementText);
        }
        t.strong =
            date_published || n.attr("pubdate").has_value() || ContainsAny(cls, kStrongClass);
        t.in_article = in_article;
        t.listed = listed;
        out.times.push_back(std::move(t));
      }
      if (n.tag == "abbr" && !excluded && ContainsAny(cls, kStrongClass)) {
        if (auto title = n.attr("title")) out.itemprop_values.emplace_back(*title);
      }
      if (!excluded && !modified && n.tag != "html" && n.tag != "body" &&
          ContainsAny(cls, kDateClass)) {
        std::string text = common::InnerText(n);
        if (!text.empty() && text.size() <= kMaxDateElementText) {
          out.date_elements.push_back({std::move(text), ContainsAny(cls, kStrongClass), listed});
        }
      }
      if (n.tag == "h1" && !out.h1_pos && !excluded) out.h1_pos = out.text.size();
      if (n.tag == "p" || n.tag == "div" || n.tag == "br" || n.tag == "li" || n.tag == "td" ||
          n.tag == "h1" || n.tag == "h2" || n.tag == "span" || n.tag == "time") {
        if (!out.text.empty() && out.text.back() == ' ') out.text.back() = '\n';
        if (!out.text.empty() && out.text.back() != '\n') out.text.push_back('\n');
      }
    }
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
      stack.push_back({&*it, excluded, in_article, in_table || listed, item, listed});
    }
  }
  return out;
}

PublishedDate Found(const Date& d, std::string source, double confidence) {
  PublishedDate p;
  p.date = d;
  p.source = std::move(source);
  p.confidence = confidence;
  return p;
}

// The first date of a short text that is not marked as a modification date.
std::optional<Date> FirstTextDate(std::string_view text, const DateBounds& bounds,
                                  bool month_first) {
  for (const dates::TextDate& d : dates::FindTextDates(text, bounds, month_first)) {
    if (!d.modified) return d.date;
  }
  return std::nullopt;
}

// True when the line (block of text) holding byte `pos` is short, as bylines and datelines are;
// a date inside a long paragraph is more often an event than the publication date.
bool OnShortLine(std::string_view text, std::size_t pos) {
  const std::size_t start = text.rfind('\n', pos);
  const std::size_t end = text.find('\n', pos);
  const std::size_t begin = start == std::string_view::npos ? 0 : start + 1;
  const std::size_t stop = end == std::string_view::npos ? text.size() : end;
  return stop - begin <= kMaxBylineBytes;
}

// A date near the title: the first one after the <h1> within kTextAfterTitle bytes, else the
// last one within kTextBeforeTitle bytes before it. Without an <h1>, the start of the page.
std::optional<Date> NearTitle(const Collected& c, const DateBounds& bounds, bool month_first) {
  const std::size_t h1 = c.h1_pos.value_or(0);
  const std::size_t from = h1 > kTextBeforeTitle ? h1 - kTextBeforeTitle : 0;
  std::size_t to = std::min(c.text.size(), h1 + kTextAfterTitle);
  while (to < c.text.size() && (static_cast<unsigned char>(c.text[to]) & 0xC0) == 0x80) ++to;
  const std::string_view window = std::string_view(c.text).substr(from, to - from);
  std::optional<Date> before;
  for (const dates::TextDate& d : dates::FindTextDates(window, bounds, month_first)) {
    if (d.modified || !OnShortLine(c.text, from + d.pos)) continue;
    if (from + d.pos >= h1) return d.date;
    before = d.date;
  }
  return before;
}

// The date from the most reliable source that has one (see date_extract.h), unadjusted.
PublishedDate FindPublished(const common::HtmlDocument& html, std::string_view raw_utf8,
                            std::string_view url, const DateBounds& bounds);

}  // namespace

PublishedDate ExtractPublishedDate(const common::HtmlDocument& html, std::string_view raw_utf8,
                                   std::string_view url, std::optional<Date> captured) {
  DateBounds bounds;
  if (captured) bounds.latest = *captured;
  PublishedDate found = FindPublished(html, raw_utf8, url, bounds);
  // A timestamp written in UTC can fall on the day after (or before) the publisher's local day;
  // the URL, when it holds a date, gives the local day.
  if (found.date && found.source != "url") {
    if (std::optional<Date> in_url = dates::DateFromUrl(url, bounds)) {
      const std::int64_t diff = common::DaysFromCivil(*found.date) - common::DaysFromCivil(*in_url);
      if (diff == 1 || diff == -1) found.date = *in_url;
    }
  }
  return found;
}

namespace {

PublishedDate FindPublished(const common::HtmlDocument& html, std::string_view raw_utf8,
                            std::string_view url, const DateBounds& bounds) {
  if (auto ld = dates::JsonLdPublished(raw_utf8, bounds)) {
    return Found(ld->date, "json-ld", ld->confidence);
  }
  const Collected c = Collect(html.root);
  const bool month_first = c.lang == "en" || c.lang == "en-us" || c.lang.empty();

  for (const auto& [key, content] : c.metas) {
    if (!IsOneOf(key, kMetaTier1)) continue;
    if (auto d = dates::ParseDateValue(content, bounds)) return Found(*d, "meta", 0.9);
  }
  for (const std::string& v : c.itemprop_values) {
    if (auto d = dates::ParseDateValue(v, bounds)) return Found(*d, "meta", 0.85);
  }
  for (const TimeCandidate& t : c.times) {
    if (!t.strong) continue;
    if (auto d = dates::ParseDateValue(t.value, bounds)) return Found(*d, "time", 0.85);
  }
  if (auto d = dates::DateFromUrl(url, bounds)) return Found(*d, "url", 0.8);
  for (bool article_only : {true, false}) {
    for (const TimeCandidate& t : c.times) {
      if ((article_only && !t.in_article) || t.listed) continue;
      if (auto d = dates::ParseDateValue(t.value, bounds)) {
        return Found(*d, "time", article_only ? 0.7 : 0.6);
      }
    }
  }
  for (const DateElement& e : c.date_elements) {
    if (!e.strong || e.listed) continue;
    if (auto d = FirstTextDate(e.text, bounds, month_first)) return Found(*d, "text", 0.65);
  }
  for (const auto& [key, content] : c.metas) {
    if (!IsOneOf(key, kMetaTier2)) continue;
    if (auto d = dates::ParseDateValue(content, bounds)) return Found(*d, "meta", 0.7);
  }
  for (const DateElement& e : c.date_elements) {
    if (e.listed) continue;
    if (auto d = FirstTextDate(e.text, bounds, month_first)) return Found(*d, "text", 0.55);
  }
  if (auto d = NearTitle(c, bounds, month_first)) return Found(*d, "text", 0.45);
  return {};
}

}  // namespace

}  // namespace vestige::indexer
