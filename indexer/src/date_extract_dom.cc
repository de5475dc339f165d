// One walk over the DOM for the publication-date extractor. See date_extract_dom.h.
#include "date_extract_dom.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "date_extract_internal.h"
#include "needle_set.h"

namespace vestige::indexer::dates {
namespace {

using common::HtmlNode;

// Class or id fragments of containers whose dates are not the page's (lists, comments, ...).
constexpr std::string_view kExcludedClass[] = {
    "related",  "sidebar", "comment",    "recommend",  "popular",    "footer",
    "more-",    "similar", "newsletter", "breadcrumb", "navigation", "menu",
    "calendar", "cookie",  "trending",   "carousel"};
// Inside <article> or <main>, sidebars, footers and asides are the article's own (byline boxes,
// "meta" asides, footers with the date); only lists of other articles are excluded.
constexpr std::string_view kExcludedInArticle[] = {"related",    "comment",  "recommend",
                                                   "popular",    "more-",    "similar",
                                                   "newsletter", "trending", "carousel"};
// Class or id fragments of elements that hold a date or byline.
constexpr std::string_view kDateClass[] = {"date",    "datum",     "time",     "byline", "posted",
                                           "publish", "meta",      "dateline", "zeit",   "author",
                                           "info",    "submitted", "stamp"};
constexpr std::string_view kStrongClass[] = {"published",  "publish",      "pubdate",
                                             "entry-date", "post-date",    "posted",
                                             "created",    "article-date", "date-publish"};
constexpr std::string_view kModifiedClass[] = {"update", "modif", "edited", "aktualisiert"};
constexpr NeedleSet kDateClassSet(kDateClass);
constexpr NeedleSet kStrongClassSet(kStrongClass);
constexpr NeedleSet kModifiedClassSet(kModifiedClass);

constexpr std::size_t kMaxDateElementText = 200;
constexpr std::size_t kHeadlineBytes = 30;
constexpr std::size_t kMaxItemBytes = 400;
constexpr std::size_t kMinTitleBytes = 8;
constexpr std::size_t kMinPageTextBytes = 1000;

std::string Lower(std::string_view s) { return LowerUtf8(s); }

template <std::size_t N>
bool ContainsAny(std::string_view hay, const NeedleSet<N>& set) {
  return set.FoundIn(hay);
}

std::string ClassAndId(const HtmlNode& n) {
  std::string out;
  if (auto c = n.attr("class")) out.append(*c);
  out.push_back(' ');
  if (auto i = n.attr("id")) out.append(*i);
  return Lower(out);
}

// True when a class or id token of `cls` names a container to skip: the token starts with one of
// `words`, or one of its '-'/'_' parts is one (but "with-navigation"-like page flags are not
// containers).
template <std::size_t N>
bool IsExcludedClass(std::string_view cls, const std::string_view (&words)[N]) {
  std::size_t i = 0;
  while (i < cls.size()) {
    const std::size_t end = std::min(cls.find(' ', i), cls.size());
    const std::string_view token = cls.substr(i, end - i);
    i = end + 1;
    if (token.empty() || token.starts_with("with") || token.starts_with("has-") ||
        token.starts_with("page") || token.starts_with("body") || token.starts_with("no-") ||
        token.starts_with("one-") || token.starts_with("two-")) {
      continue;
    }
    for (std::string_view word : words) {
      if (token.starts_with(word)) return true;
      for (std::size_t p = token.find(word); p != std::string_view::npos;
           p = token.find(word, p + 1)) {
        if (p > 0 && (token[p - 1] == '-' || token[p - 1] == '_')) return true;
      }
    }
  }
  return false;
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

// The elements that enclose the page's title (the first <h1> with some text): whatever their
// class says, they hold the article, not a sidebar.
std::unordered_set<const HtmlNode*> TitlePath(const HtmlNode& root) {
  struct Frame {
    const HtmlNode* node;
    std::size_t next;
  };
  std::vector<Frame> stack{{&root, 0}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == 0 && f.node->is("h1") && common::InnerText(*f.node).size() >= kMinTitleBytes) {
      std::unordered_set<const HtmlNode*> path;
      for (const Frame& a : stack) path.insert(a.node);
      return path;
    }
    if (f.next >= f.node->children.size() || f.node->is("script") || f.node->is("style")) {
      stack.pop_back();
      continue;
    }
    const HtmlNode* child = &f.node->children[f.next++];
    if (child->kind != HtmlNode::Kind::kText) stack.push_back({child, 0});
  }
  return {};
}

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

void EndLine(std::string* out) {
  if (!out->empty() && out->back() == ' ') out->back() = '\n';
  if (!out->empty() && out->back() != '\n') out->push_back('\n');
}

void CollectMeta(const HtmlNode& n, Collected* out) {
  auto content = n.attr("content");
  if (!content) return;
  for (std::string_view key_attr : {"property", "name", "itemprop", "http-equiv"}) {
    if (auto key = n.attr(key_attr)) out->metas.emplace_back(Lower(*key), std::string(*content));
  }
}

}  // namespace

Collected Collect(const HtmlNode& root) {
  Collected out;
  const std::unordered_set<const HtmlNode*> title_path = TitlePath(root);
  std::size_t page_text_bytes = 0;  // computed on first need
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
      if (!f.in_table) AppendText(n.text, &out.all_text);
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
        if (auto l = n.attr("lang")) {
          out.lang = Lower(*l);
        } else if (auto x = n.attr("xml:lang")) {  // XHTML
          out.lang = Lower(*x);
        }
      }
      if (n.tag == "meta") CollectMeta(n, &out);
      const std::string cls = ClassAndId(n);
      const bool page_level = n.tag == "html" || n.tag == "body" || n.tag == "article" ||
                              n.tag == "main" || title_path.count(&n) > 0;
      if (!page_level && !excluded) {
        if (in_article) {
          excluded = n.tag == "nav" || IsExcludedClass(cls, kExcludedInArticle);
        } else {
          excluded = n.tag == "aside" || n.tag == "nav" || n.tag == "footer" ||
                     IsExcludedClass(cls, kExcludedClass);
        }
        // A "sidebar" or "menu" that holds most of the page's text is the page (a container
        // left open by broken markup, or a theme's odd class names).
        if (excluded) {
          if (page_text_bytes == 0) page_text_bytes = common::InnerText(root).size() + 1;
          const std::size_t bytes = common::InnerText(n).size();
          if (bytes >= kMinPageTextBytes && bytes * 2 > page_text_bytes) excluded = false;
        }
      }
      if (n.tag == "article" || n.tag == "main") in_article = true;
      const bool modified = ContainsAny(cls, kModifiedClassSet);
      std::optional<std::string_view> itemprop = n.attr("itemprop");
      const bool date_published = itemprop && Lower(*itemprop) == "datepublished";
      const bool date_modified = itemprop && Lower(*itemprop).find("modified") != std::string::npos;
      if (date_published && n.tag != "meta" && n.tag != "time" && !listed) {
        for (std::string_view a : {"content", "datetime", "title"}) {
          if (auto v = n.attr(a)) {
            out.itemprop_values.emplace_back(*v);
            break;
          }
        }
        out.itemprop_values.push_back(common::InnerText(n).substr(0, kMaxDateElementText));
      }
      if (n.tag == "time" && !modified && !date_modified) {
        TimeCandidate t;
        if (auto dt = n.attr("datetime")) {
          t.value = std::string(*dt);
        } else {
          t.value = common::InnerText(n).substr(0, kMaxDateElementText);
        }
        t.strong =
            date_published || n.attr("pubdate").has_value() || ContainsAny(cls, kStrongClassSet);
        t.in_article = in_article;
        t.listed = listed;
        t.excluded = excluded;
        out.times.push_back(std::move(t));
      }
      if (n.tag == "abbr" && !excluded && ContainsAny(cls, kStrongClassSet)) {
        if (auto title = n.attr("title")) out.itemprop_values.emplace_back(*title);
      }
      if (!excluded && !modified && n.tag != "html" && n.tag != "body" &&
          ContainsAny(cls, kDateClassSet)) {
        std::string text = common::InnerText(n);
        if (!text.empty() && text.size() <= kMaxDateElementText) {
          out.date_elements.push_back(
              {std::move(text), ContainsAny(cls, kStrongClassSet), listed, in_article});
        }
      }
      if (n.tag == "h1" && !out.h1_pos && !excluded) out.h1_pos = out.text.size();
      if (n.tag == "p" || n.tag == "div" || n.tag == "br" || n.tag == "li" || n.tag == "td" ||
          n.tag == "h1" || n.tag == "h2" || n.tag == "span" || n.tag == "time" || n.tag == "dd" ||
          n.tag == "dt") {
        EndLine(&out.text);
        EndLine(&out.all_text);
      }
    }
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
      stack.push_back({&*it, excluded, in_article, in_table || listed, item, listed});
    }
  }
  return out;
}

}  // namespace vestige::indexer::dates
