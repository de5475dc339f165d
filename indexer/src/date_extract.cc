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

#include "date_extract_dom.h"
#include "date_extract_internal.h"

namespace vestige::indexer {
namespace {

using common::Date;
using dates::Collected;
using dates::DateBounds;
using dates::DateElement;
using dates::TimeCandidate;

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

constexpr std::size_t kTextBeforeTitle = 300;
constexpr std::size_t kTextAfterTitle = 1500;
constexpr std::size_t kMaxBylineBytes = 240;
constexpr std::size_t kDatelineBytes = 40;
constexpr std::size_t kMaxRelativeBytes = 60;
constexpr std::size_t kShownAfterTitle = 600;
// Sources at or above this confidence (URL, JSON-LD, explicit metas, marked <time>) yield to a
// shown date only when the page's data confirms it; generic metas and plain <time> yield to any.
constexpr double kStrongSource = 0.75;

// A meta key not in the lists that still names a publication time: "five_hundred_pixels:uploaded",
// "article:publish_date", "content_published" (but not "..._modified", "updated_...").
bool IsPublishedLikeKey(std::string_view key) {
  const bool published = key.find("publish") != std::string_view::npos ||
                         key.ends_with("uploaded") || key.ends_with("created");
  const bool other = key.find("modif") != std::string_view::npos ||
                     key.find("updat") != std::string_view::npos ||
                     key.find("expir") != std::string_view::npos ||
                     key.find("publisher") != std::string_view::npos;
  return published && !other;
}

template <std::size_t N>
bool IsOneOf(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view item : list) {
    if (s == item) return true;
  }
  return false;
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

// True when the line (block of text) holding the date is short, as bylines are, or the date
// opens it as a dateline: "(18.01.2018) The ...", "27.1.2022 - When ...", "Karlsruhe, (12.11.2021).
// The ...". A date inside a long paragraph ("On 6 September 2018 the Chamber ruled") is more often
// an event than the publication date.
bool OnBylineOrDateline(std::string_view text, const dates::TextDate& d) {
  const std::size_t start = d.pos == 0 ? std::string_view::npos : text.rfind('\n', d.pos - 1);
  const std::size_t end = text.find('\n', d.pos);
  const std::size_t begin = start == std::string_view::npos ? 0 : start + 1;
  const std::size_t stop = end == std::string_view::npos ? text.size() : end;
  if (stop - begin <= kMaxBylineBytes) return true;
  if (d.pos - begin > kDatelineBytes) return false;
  // Before the date: nothing, "(", or a place name and a comma.
  std::string_view before = text.substr(begin, d.pos - begin);
  while (!before.empty() && (before.back() == ' ' || before.back() == '(')) before.remove_suffix(1);
  if (!before.empty() && before.back() != ',') return false;
  // After it: a dash, a closing bracket, a full stop or a colon.
  std::size_t after = d.end;
  while (after < stop && text[after] == ' ') ++after;
  if (after >= stop) return false;
  const std::string_view rest = text.substr(after, 3);
  return rest[0] == '-' || rest[0] == ')' || rest[0] == '.' || rest[0] == ':' || rest[0] == '|' ||
         rest == "\xE2\x80\x93" || rest == "\xE2\x80\x94";
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
    if (d.modified) continue;
    dates::TextDate at = d;
    at.pos += from;
    at.end += from;
    if (!OnBylineOrDateline(c.text, at)) continue;
    if (from + d.pos >= h1) return d.date;
    before = d.date;
  }
  return before;
}

// The date from the most reliable source that has one (see date_extract.h), unadjusted.
PublishedDate FindPublished(const Collected& c, std::string_view raw_utf8, const DateBounds& bounds,
                            std::optional<Date> captured);

// The date a reader sees under the title: the first date after the <h1>, within
// kShownAfterTitle bytes, on a byline or dateline (an "updated" date included).
std::optional<Date> ShownDate(const Collected& c, const DateBounds& bounds, bool month_first) {
  if (!c.h1_pos) return std::nullopt;
  const std::size_t h1 = *c.h1_pos;
  std::size_t to = std::min(c.text.size(), h1 + kShownAfterTitle);
  while (to < c.text.size() && (static_cast<unsigned char>(c.text[to]) & 0xC0) == 0x80) ++to;
  const std::string_view window = std::string_view(c.text).substr(h1, to - h1);
  for (const dates::TextDate& d : dates::FindTextDates(window, bounds, month_first)) {
    dates::TextDate at = d;
    at.pos += h1;
    at.end += h1;
    if (OnBylineOrDateline(c.text, at)) return d.date;
    return std::nullopt;
  }
  return std::nullopt;
}

// True when `key` names a date field of a <meta> (not an image or URL that has a date in its
// path).
bool IsDateKey(std::string_view key) {
  for (std::string_view w : {"date", "time", "publish", "modif", "updat", "issued", "created"}) {
    if (key.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Is `d` one of the page's machine-readable dates (JSON-LD, <meta>, <time>, itemprop)?
bool MachineWritten(const Date& d, const Collected& c, std::string_view raw_utf8,
                    const std::optional<int>& offset, const DateBounds& bounds) {
  const auto same = [&](std::string_view value) {
    const std::optional<Date> v = dates::LocalDay(value, offset, bounds);
    return v && *v == d;
  };
  for (const std::string& v : dates::JsonLdDateValues(raw_utf8)) {
    if (same(v)) return true;
  }
  for (const auto& [key, content] : c.metas) {
    if (IsDateKey(key) && same(content)) return true;
  }
  for (const TimeCandidate& t : c.times) {
    if (same(t.value)) return true;
  }
  for (const std::string& v : c.itemprop_values) {
    if (same(v)) return true;
  }
  return false;
}

}  // namespace

PublishedDate ExtractPublishedDate(const common::HtmlDocument& html, std::string_view raw_utf8,
                                   std::string_view url, std::optional<Date> captured) {
  DateBounds bounds;
  if (captured) bounds.latest = *captured;
  const Collected c = dates::Collect(html.root);
  PublishedDate found;
  // A full date in the URL path is set when the page is first published and never changes.
  if (auto d = dates::DateFromUrl(url, bounds)) {
    found = Found(*d, "url", 0.9);
  } else {
    found = FindPublished(c, raw_utf8, bounds, captured);
  }
  // The date shown under the title wins over a machine-written source that disagrees, when the
  // page's own data confirms the shown day or the source is a weak one (see date_extract.h).
  if (found.date && (found.source == "url" || found.source == "json-ld" || found.source == "meta" ||
                     found.source == "time")) {
    const bool month_first = c.lang == "en" || c.lang == "en-us" || c.lang.empty();
    const std::optional<int> offset = dates::PageOffset(raw_utf8);
    if (auto shown = ShownDate(c, bounds, month_first);
        shown && !(*shown == *found.date) &&
        (found.confidence < kStrongSource || MachineWritten(*shown, c, raw_utf8, offset, bounds))) {
      return Found(*shown, "text", 0.8);
    }
  }
  return found;
}

namespace {

// The first date in the whole page text (sidebars and footers included, other articles' list
// entries not) that is introduced as the publication date: "Published:", "Erschienen am",
// "опубликовано", ...
std::optional<Date> MarkedPublished(const Collected& c, const DateBounds& bounds,
                                    bool month_first) {
  for (const dates::TextDate& d : dates::FindTextDates(c.all_text, bounds, month_first)) {
    if (d.published) return d.date;
  }
  return std::nullopt;
}

PublishedDate FindPublished(const Collected& c, std::string_view raw_utf8, const DateBounds& bounds,
                            std::optional<Date> captured) {
  const std::optional<int> offset = dates::PageOffset(raw_utf8);
  const auto value_day = [&](std::string_view value) {
    return dates::LocalDay(value, offset, bounds);
  };
  if (auto ld = dates::JsonLdPublished(raw_utf8, bounds)) {
    if (auto d = value_day(ld->value)) return Found(*d, "json-ld", ld->confidence);
  }
  const bool month_first = c.lang == "en" || c.lang == "en-us" || c.lang.empty();

  for (const auto& [key, content] : c.metas) {
    if (!IsOneOf(key, kMetaTier1)) continue;
    if (auto d = value_day(content)) return Found(*d, "meta", 0.9);
  }
  for (const auto& [key, content] : c.metas) {
    if (!IsPublishedLikeKey(key)) continue;
    if (auto d = value_day(content)) return Found(*d, "meta", 0.8);
  }
  for (const std::string& v : c.itemprop_values) {
    if (auto d = value_day(v)) return Found(*d, "meta", 0.85);
  }
  for (const TimeCandidate& t : c.times) {
    if (!t.strong || t.excluded || t.listed) continue;
    if (auto d = value_day(t.value)) return Found(*d, "time", 0.85);
  }
  for (bool article_only : {true, false}) {
    for (const TimeCandidate& t : c.times) {
      if ((article_only && !t.in_article) || t.listed || t.excluded) continue;
      if (auto d = value_day(t.value)) return Found(*d, "time", article_only ? 0.7 : 0.6);
    }
  }
  for (const DateElement& e : c.date_elements) {
    if (!e.strong || e.listed) continue;
    if (auto d = FirstTextDate(e.text, bounds, month_first)) return Found(*d, "text", 0.65);
  }
  if (auto d = MarkedPublished(c, bounds, month_first)) return Found(*d, "text", 0.55);
  // A <time itemprop=datePublished> outside the article's container, but not in a list.
  for (const TimeCandidate& t : c.times) {
    if (!t.strong || t.listed) continue;
    if (auto d = value_day(t.value)) return Found(*d, "time", 0.5);
  }
  // Generic "date" metas are as often the time the page was generated or last edited.
  for (const auto& [key, content] : c.metas) {
    if (!IsOneOf(key, kMetaTier2)) continue;
    if (auto d = value_day(content)) return Found(*d, "meta", 0.5);
  }
  for (const DateElement& e : c.date_elements) {
    if (e.listed) continue;
    if (auto d = FirstTextDate(e.text, bounds, month_first)) return Found(*d, "text", 0.45);
  }
  if (auto d = NearTitle(c, bounds, month_first)) return Found(*d, "text", 0.4);
  if (auto v = dates::ScriptPublished(raw_utf8)) {
    if (auto d = value_day(*v)) return Found(*d, "script", 0.35);
  }
  // "2 days ago", "вчера": only in a short date or byline element, and only against a known
  // capture day.
  if (captured) {
    for (const DateElement& e : c.date_elements) {
      if (e.listed || e.text.size() > kMaxRelativeBytes) continue;
      if (auto d = dates::RelativeDate(e.text, *captured); d && bounds.Contains(*d)) {
        return Found(*d, "relative", 0.3);
      }
    }
  }
  return {};
}

}  // namespace

}  // namespace vestige::indexer
