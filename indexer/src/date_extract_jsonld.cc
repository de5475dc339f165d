// datePublished from JSON-LD: <script type="application/ld+json"> blocks of the page source (the
// DOM keeps no <script> content). nlohmann-json parses, without exceptions; objects are walked
// through @graph, arrays and nested values. See date_extract_internal.h.
#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date_extract_internal.h"

namespace vestige::indexer::dates {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxBlocks = 32;
constexpr std::size_t kMaxBlockBytes = 1 << 20;
constexpr int kMaxDepth = 24;

// Case-insensitive find of ASCII `needle` (lower case) in `hay` from `from`. Candidates are found
// by the first byte with memchr (both cases for a letter): the callers scan whole pages.
std::size_t FindNoCase(std::string_view hay, std::string_view needle, std::size_t from) {
  constexpr std::size_t kNone = std::string_view::npos;
  if (needle.empty() || hay.size() < needle.size() || from > hay.size()) return kNone;
  const char first = needle[0];
  const bool letter = first >= 'a' && first <= 'z';
  std::size_t next_lower = hay.find(first, from);
  std::size_t next_upper = letter ? hay.find(static_cast<char>(first - 32), from) : kNone;
  for (;;) {
    const std::size_t at = std::min(next_lower, next_upper);
    if (at == kNone || at + needle.size() > hay.size()) return kNone;
    bool match = true;
    for (std::size_t k = 1; k < needle.size(); ++k) {
      char c = hay[at + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != needle[k]) {
        match = false;
        break;
      }
    }
    if (match) return at;
    if (at == next_lower) {
      next_lower = hay.find(first, at + 1);
    } else {
      next_upper = hay.find(static_cast<char>(first - 32), at + 1);
    }
  }
}

// The contents of every <script ... ld+json ...> element.
std::vector<std::string_view> LdJsonBlocks(std::string_view html) {
  std::vector<std::string_view> blocks;
  std::size_t pos = 0;
  while (blocks.size() < kMaxBlocks) {
    const std::size_t open = FindNoCase(html, "<script", pos);
    if (open == std::string_view::npos) break;
    const std::size_t tag_end = html.find('>', open);
    if (tag_end == std::string_view::npos) break;
    const std::size_t close = FindNoCase(html, "</script", tag_end);
    if (close == std::string_view::npos) break;
    const std::string_view tag = html.substr(open, tag_end - open);
    if (FindNoCase(tag, "ld+json", 0) != std::string_view::npos &&
        close - tag_end - 1 <= kMaxBlockBytes) {
      blocks.push_back(html.substr(tag_end + 1, close - tag_end - 1));
    }
    pos = close + 8;
  }
  return blocks;
}

// How much a node's @type says it is the article itself: 3 article-like, 1 unknown, 0 a page or
// a thing inside the article (image, video, person, a review of the item, a comment).
int TypeRank(const Json& node, bool nested) {
  auto it = node.find("@type");
  if (it == node.end()) return nested ? 0 : 1;
  std::vector<std::string> types;
  if (it->is_string()) types.push_back(it->get<std::string>());
  if (it->is_array()) {
    for (const Json& t : *it) {
      if (t.is_string()) types.push_back(t.get<std::string>());
    }
  }
  int rank = nested ? 0 : 1;
  for (const std::string& t : types) {
    if (t.find("Article") != std::string::npos || t == "BlogPosting" || t == "Report" ||
        t == "SocialMediaPosting" || t == "LiveBlogPosting" || t == "Blog" ||
        t == "DiscussionForumPosting" || (t == "Review" && !nested)) {
      return 3;
    }
    if (t == "WebPage" || t == "ItemPage" || t == "CollectionPage" || t == "WebSite" ||
        t.find("Object") != std::string::npos || t == "Person" || t == "Organization" ||
        t == "Comment" || t == "Review") {
      rank = 0;
    }
  }
  return rank;
}

struct Best {
  std::optional<common::Date> date;
  std::string value;
  int rank = -1;
};

void Consider(const Json& value, int rank, const DateBounds& bounds, Best* best) {
  const Json* v = &value;
  if (v->is_array() && !v->empty()) v = &(*v)[0];
  if (!v->is_string() || rank <= best->rank) return;
  if (auto d = ParseDateValue(v->get_ref<const std::string&>(), bounds)) {
    best->date = d;
    best->value = v->get<std::string>();
    best->rank = rank;
  }
}

// Keys whose values are other things than the page's article (its parts, media, reviews).
bool IsSkippedKey(const std::string& key) {
  return key == "comment" || key == "comments" || key == "review" || key == "reviews" ||
         key == "hasPart" || key == "itemListElement" || key == "subjectOf";
}

// `nested`: the node is the value of a property of another node (not an @graph or top-level
// array entry), so its dates are, unless it is an article, those of a part of the page.
void Walk(const Json& node, int depth, bool nested, const DateBounds& bounds, Best* best) {
  if (depth > kMaxDepth) return;
  if (node.is_array()) {
    for (const Json& child : node) Walk(child, depth + 1, nested, bounds, best);
    return;
  }
  if (!node.is_object()) return;
  const int type_rank = TypeRank(node, nested);
  if (auto it = node.find("datePublished"); it != node.end()) {
    Consider(*it, type_rank * 2 + 1, bounds, best);
  }
  if (auto it = node.find("dateCreated"); it != node.end())
    Consider(*it, type_rank * 2, bounds, best);
  for (const auto& [key, child] : node.items()) {
    if (child.is_structured() && !IsSkippedKey(key)) {
      Walk(child, depth + 1, nested || key != "@graph", bounds, best);
    }
  }
}

// A block that does not parse (truncated, stray commas, raw newlines in strings): the first
// "datePublished": "..." value in its text, read as an unknown node's.
void ScanText(std::string_view text, const DateBounds& bounds, Best* best) {
  constexpr std::string_view kKey = "\"datePublished\"";
  for (std::size_t p = text.find(kKey); p != std::string_view::npos; p = text.find(kKey, p + 1)) {
    std::size_t q = p + kKey.size();
    while (q < text.size() && (text[q] == ' ' || text[q] == ':' || text[q] == '\t')) ++q;
    if (q >= text.size() || text[q] != '"') continue;
    const std::size_t end = text.find('"', q + 1);
    if (end == std::string_view::npos) return;
    Consider(Json(std::string(text.substr(q + 1, end - q - 1))), 1, bounds, best);
    return;
  }
}

}  // namespace

std::vector<std::string> JsonLdDateValues(std::string_view raw_html) {
  std::vector<std::string> values;
  for (std::string_view text : LdJsonBlocks(raw_html)) {
    for (std::string_view key :
         {"\"datePublished\"", "\"dateModified\"", "\"dateCreated\"", "\"uploadDate\""}) {
      for (std::size_t p = text.find(key); p != std::string_view::npos; p = text.find(key, p + 1)) {
        std::size_t q = p + key.size();
        while (q < text.size() && (text[q] == ' ' || text[q] == ':' || text[q] == '\t')) ++q;
        if (q >= text.size() || text[q] != '"') continue;
        const std::size_t end = text.find('"', q + 1);
        if (end == std::string_view::npos || end - q > 64) continue;
        values.emplace_back(text.substr(q + 1, end - q - 1));
      }
    }
  }
  return values;
}

std::optional<std::string> ScriptPublished(std::string_view raw_html) {
  constexpr std::string_view kKeys[] = {"\"publishedAt\"", "\"published_at\"", "\"publishedDate\"",
                                        "\"publishDate\"", "\"publish_date\""};
  std::size_t best = std::string_view::npos;
  std::string_view value;
  for (std::string_view key : kKeys) {
    for (std::size_t p = raw_html.find(key); p != std::string_view::npos && p < best;
         p = raw_html.find(key, p + 1)) {
      std::size_t q = p + key.size();
      while (q < raw_html.size() && (raw_html[q] == ' ' || raw_html[q] == ':')) ++q;
      if (q >= raw_html.size() || raw_html[q] != '"') continue;
      const std::size_t end = raw_html.find('"', q + 1);
      if (end == std::string_view::npos || end - q > 40) continue;
      const std::string_view v = raw_html.substr(q + 1, end - q - 1);
      // ISO 8601 only: "2019-03-02T06:22:28+01:00", "2019-03-02".
      if (v.size() < 10 || v[4] != '-' || v[7] != '-') continue;
      best = p;
      value = v;
      break;
    }
  }
  if (best == std::string_view::npos) return std::nullopt;
  return std::string(value);
}

std::optional<JsonLdDate> JsonLdPublished(std::string_view raw_html, const DateBounds& bounds) {
  Best best;
  for (std::string_view block : LdJsonBlocks(raw_html)) {
    // Strip a CDATA wrapper or HTML comment some CMSs put around the JSON.
    std::string text(block);
    for (std::string_view junk : {"<![CDATA[", "]]>", "<!--", "-->"}) {
      for (std::size_t p = text.find(junk); p != std::string::npos; p = text.find(junk, p)) {
        for (std::size_t k = 0; k < junk.size(); ++k) text[p + k] = ' ';
      }
    }
    Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
      ScanText(text, bounds, &best);
      continue;
    }
    Walk(json, 0, /*nested=*/false, bounds, &best);
  }
  if (!best.date) return std::nullopt;
  JsonLdDate out;
  out.date = *best.date;
  out.value = std::move(best.value);
  // Article datePublished 0.95, other datePublished 0.85..0.9, dateCreated lower.
  out.confidence = best.rank >= 7 ? 0.95 : best.rank % 2 == 1 ? 0.85 : 0.75;
  return out;
}

}  // namespace vestige::indexer::dates
