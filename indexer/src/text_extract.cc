// Main-content extraction (see text_extract.h): scoring, choice of the content subtree, cleaning
// and rendering to paragraphs. The flattening and statistics are in extract_tree.cc.
#include "vestige/indexer/text_extract.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract_tree.h"
#include "vestige/common/html.h"

namespace vestige::indexer {
namespace {

using common::HtmlDocument;
using common::HtmlNode;
using extract::Node;
using extract::Tree;

// Below this many code points of main text, the loose pass is tried.
constexpr std::size_t kMinMainText = 250;
// The loose pass's result is refused when more of its text than this is link text.
constexpr double kMaxLooseLinks = 0.4;
// How many ancestors a paragraph's score reaches.
constexpr int kScoreLevels = 5;
// Readability's alternative-candidate rule: of the kTopCandidates best, kMinSharing must share.
constexpr std::size_t kTopCandidates = 5;
constexpr std::size_t kMinSharing = 3;

struct PassOptions {
  bool drop_unlikely = true;        // class/id boilerplate hints drop elements before scoring
  bool weight_classes = true;       // class/id hints move scores by +-25
  bool clean_conditionally = true;  // drop link-dense, short or form-like blocks in the content
};

const Node& At(const Tree& t, int i) { return t.nodes[static_cast<std::size_t>(i)]; }

// The first element with this tag in document order, or null.
const HtmlNode* FindFirst(const HtmlNode& root, std::string_view tag) {
  const HtmlNode* found = nullptr;
  common::ForEachElement(root, [&](const HtmlNode& n) {
    if (found == nullptr && n.is(tag)) found = &n;
  });
  return found;
}

std::string Trimmed(std::string s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// The score an element starts with, from its tag (readability's initializeNode).
double TagScore(std::string_view tag) {
  if (tag == "div" || tag == "article" || tag == "main" || tag == "section") return 5;
  if (tag == "pre" || tag == "td" || tag == "blockquote") return 3;
  if (tag == "address" || tag == "ol" || tag == "ul" || tag == "dl" || tag == "dd" || tag == "dt" ||
      tag == "li" || tag == "form")
    return -3;
  if (extract::IsHeadingTag(tag) || tag == "th") return -5;
  return 0;
}

class Scorer {
 public:
  Scorer(const Tree& tree, const PassOptions& options) : tree_(tree), options_(options) {}

  // Index of the best content root, or -1 when no paragraph scored.
  int Run() {
    for (std::size_t k = 0; k < tree_.nodes.size(); ++k) {
      const Node& n = tree_.nodes[k];
      if (!n.element || n.removed || n.own_len < 25) continue;
      const std::string& tag = n.html->tag;
      if (tag == "a" || extract::IsHeadingTag(tag) || tag == "body" || tag == "html") continue;
      if (n.LinkDensity() > 0.9) continue;  // a link list is not a paragraph
      const double score = 1.0 + n.own_commas + std::min(n.own_len / 100, 3);
      // A leaf paragraph scores its ancestors; a container with loose text scores itself too.
      int target =
          n.has_block && HasBlockChild(static_cast<int>(k)) ? static_cast<int>(k) : n.parent;
      for (int level = 0; level < kScoreLevels && target >= 0; ++level) {
        const Node& t = At(tree_, target);
        if (!t.element || t.html->is("html")) break;
        const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        Touch(target) += score / divider;
        target = t.parent;
      }
    }
    int best = -1;
    double best_score = 0;
    for (auto& [index, score] : scores_) {
      const Node& n = At(tree_, index);
      score *= 1.0 - n.LinkDensity();
      if (best < 0 || score > best_score || (score == best_score && index < best)) {
        best = index;
        best_score = score;
      }
    }
    if (best < 0) return -1;
    best = SharedAncestor(best, best_score);
    best_score = ScoreOf(best);
    // A parent that scores better than its best child holds more of the article.
    double last = best_score;
    for (int p = At(tree_, best).parent; p >= 0 && !At(tree_, p).html->is("body");
         p = At(tree_, p).parent) {
      auto it = scores_.find(p);
      if (it == scores_.end()) continue;
      if (it->second < last / 3) break;
      if (it->second > last) {
        best = p;
        break;
      }
      last = it->second;
    }
    // An only child says nothing more than its parent.
    for (int p = At(tree_, best).parent; p >= 0 && !At(tree_, p).html->is("body");
         p = At(tree_, p).parent) {
      const Node& pn = At(tree_, p);
      if (!pn.element || pn.html->is("html") || NonEmptyChildren(p) != 1) break;
      best = p;
    }
    return best;
  }

  // Readability's alternative candidates: when at least three of the next best candidates that
  // score within 75% of the best share an ancestor with it, the article is that ancestor (an
  // article split in sections, each scoring on its own).
  int SharedAncestor(int best, double best_score) const {
    std::vector<std::pair<double, int>> ranked;
    for (const auto& [index, score] : scores_) {
      // Ancestors of the best hold the same text: only other branches count.
      if (index != best && score >= 0.75 * best_score && best_score > 0 && !IsAncestor(index, best))
        ranked.emplace_back(score, index);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (ranked.size() > kTopCandidates - 1) ranked.resize(kTopCandidates - 1);
    if (ranked.size() < kMinSharing) return best;
    for (int p = At(tree_, best).parent; p >= 0 && !At(tree_, p).html->is("body");
         p = At(tree_, p).parent) {
      std::size_t sharing = 0;
      for (const auto& [score, index] : ranked) {
        if (IsAncestor(p, index)) ++sharing;
      }
      if (sharing >= kMinSharing) return p;
    }
    return best;
  }
  bool IsAncestor(int ancestor, int index) const {
    for (int p = At(tree_, index).parent; p >= 0; p = At(tree_, p).parent) {
      if (p == ancestor) return true;
    }
    return false;
  }

  double ScoreOf(int index) const {
    auto it = scores_.find(index);
    return it == scores_.end() ? 0.0 : it->second;
  }

 private:
  bool HasBlockChild(int index) const {
    for (int c = At(tree_, index).first_child; c >= 0; c = At(tree_, c).next_sibling) {
      const Node& n = At(tree_, c);
      if (n.element && !n.removed && n.has_block) return true;
    }
    return false;
  }
  int NonEmptyChildren(int index) const {
    int count = 0;
    for (int c = At(tree_, index).first_child; c >= 0; c = At(tree_, c).next_sibling) {
      if (At(tree_, c).text_len > 0) ++count;
    }
    return count;
  }
  double& Touch(int index) {
    auto [it, inserted] = scores_.try_emplace(index, 0.0);
    if (inserted) {
      const Node& n = At(tree_, index);
      it->second = TagScore(n.html->tag) + (options_.weight_classes ? n.class_weight : 0);
    }
    return it->second;
  }

  const Tree& tree_;
  const PassOptions& options_;
  std::unordered_map<int, double> scores_;
};

// Sentence-like: ends with a full stop or holds ". " (readability's sibling test).
bool LooksLikeProse(const HtmlNode& n) {
  const std::string text = Trimmed(common::InnerText(n));
  if (text.empty()) return false;
  return text.back() == '.' || text.find(". ") != std::string::npos;
}

// The content roots: the best node and the siblings that score well next to it.
std::vector<int> ContentRoots(const Tree& tree, const Scorer& scorer, int best) {
  const int parent = At(tree, best).parent;
  if (parent < 0) return {best};
  const double best_score = scorer.ScoreOf(best);
  const double threshold = std::max(10.0, best_score * 0.2);
  const auto best_class = At(tree, best).html->attr("class");
  std::vector<int> roots;
  for (int c = At(tree, parent).first_child; c >= 0; c = At(tree, c).next_sibling) {
    const Node& n = At(tree, c);
    if (c == best) {
      roots.push_back(c);
      continue;
    }
    if (!n.element || n.removed || n.text_len == 0) continue;
    double bonus = 0;
    const auto cls = n.html->attr("class");
    if (best_class && cls && *cls == *best_class && !cls->empty()) bonus = best_score * 0.2;
    const double s = scorer.ScoreOf(c);
    bool keep = s > 0 && s * (1.0 - n.LinkDensity()) + bonus >= threshold;
    if (!keep && n.html->is("p")) {
      const double ld = n.LinkDensity();
      if (n.text_len > 80 && ld < 0.25) keep = true;
      if (n.text_len <= 80 && ld == 0 && LooksLikeProse(*n.html)) keep = true;
    }
    if (keep) roots.push_back(c);
  }
  return roots;
}

bool UnderTag(const Tree& tree, int index, std::string_view tag, int depth) {
  for (int p = At(tree, index).parent; p >= 0 && depth-- > 0; p = At(tree, p).parent) {
    if (At(tree, p).element && At(tree, p).html->is(tag)) return true;
  }
  return false;
}

// Readability's cleanConditionally: true when a block inside the content looks like chrome.
bool LooksLikeChrome(const Tree& tree, int index, const PassOptions& options) {
  const Node& n = At(tree, index);
  const std::string& tag = n.html->tag;
  const int weight = options.weight_classes ? n.class_weight : 0;
  if (extract::IsHeadingTag(tag)) return weight < 0 || n.LinkDensity() > 0.33;
  if (!options.clean_conditionally) return false;
  if (tag != "div" && tag != "section" && tag != "table" && tag != "ul" && tag != "ol" &&
      tag != "form" && tag != "fieldset" && tag != "dl")
    return false;
  if (weight < 0) return true;
  if (n.commas >= 10) return false;
  const bool is_list = tag == "ul" || tag == "ol";
  const bool in_figure = UnderTag(tree, index, "figure", 3);
  const double ld = n.LinkDensity();
  const int p = n.paragraphs;
  if (n.images > 1 && p * 2 < n.images && !in_figure) return true;
  if (!is_list && n.list_items - 100 > p) return true;
  if (n.inputs > p / 3) return true;
  if (!is_list && n.text_len < 25 && (n.images == 0 || n.images > 2) && !in_figure) return true;
  if (!is_list && weight < 25 && ld > 0.2) return true;
  if (weight >= 25 && ld > 0.5) return true;
  if ((n.embeds == 1 && n.text_len < 75) || n.embeds > 1) return true;
  if (is_list && ld > 0.5) return true;
  return false;
}

// Renders the content roots to paragraphs, block elements breaking paragraphs.
class Renderer {
 public:
  Renderer(const Tree& tree, const PassOptions& options) : tree_(tree), options_(options) {}

  std::vector<std::string> Render(const std::vector<int>& roots) {
    for (int root : roots) Walk(root);
    Flush();
    return std::move(paragraphs_);
  }

 private:
  void Walk(int root) {
    // (index, leaving) pairs: leaving marks the end of a block.
    std::vector<std::pair<int, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [index, leaving] = stack.back();
      stack.pop_back();
      const Node& n = At(tree_, index);
      if (leaving) {
        Flush();
        continue;
      }
      if (n.removed) continue;
      if (!n.element) {
        if (n.html->kind == HtmlNode::Kind::kText) Append(n.html->text);
        continue;
      }
      if (n.html->is("h1")) continue;  // the headline is kept apart
      // A block that looks like chrome but holds all the clean prose of the content is opened,
      // not dropped: its children are judged one by one (an intro paragraph above a list of
      // links would otherwise go with the list).
      if (index != root &&
          (n.prose_paragraphs == 0 || n.prose_paragraphs < At(tree_, root).prose_paragraphs) &&
          LooksLikeChrome(tree_, index, options_))
        continue;
      if (n.html->is("br") || n.html->is("hr")) {
        Flush();
        continue;
      }
      if (n.block) {
        Flush();
        stack.emplace_back(index, true);
      } else if (n.html->is("td") || n.html->is("th")) {
        Append(" ");
      }
      std::vector<int> kids;
      for (int c = n.first_child; c >= 0; c = At(tree_, c).next_sibling) kids.push_back(c);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, false);
    }
  }
  void Append(std::string_view text) {
    for (char c : text) {
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (space) {
        if (!current_.empty() && current_.back() != ' ') current_.push_back(' ');
      } else {
        current_.push_back(c);
      }
    }
  }
  // Repeated paragraphs are kept: real articles repeat lines (recipes, menus of a meal plan).
  void Flush() {
    std::string p = Trimmed(std::move(current_));
    current_.clear();
    if (!p.empty()) paragraphs_.push_back(std::move(p));
  }

  const Tree& tree_;
  const PassOptions& options_;
  std::string current_;
  std::vector<std::string> paragraphs_;
};

std::size_t TextSize(const std::vector<std::string>& paragraphs) {
  std::size_t n = 0;
  for (const std::string& p : paragraphs) {
    bool after_space = true;
    n += static_cast<std::size_t>(extract::CollapsedLength(p, after_space));
  }
  return n;
}

struct Pass {
  std::vector<std::string> paragraphs;
  double link_density = 0;  // of the content roots together
};

// The one element the page marks as its main part (<main> or role=main), or -1.
int MarkedMain(const Tree& tree) {
  int found = -1;
  for (std::size_t k = 0; k < tree.nodes.size(); ++k) {
    const Node& n = tree.nodes[k];
    if (!n.element || n.removed) continue;
    const auto role = n.html->attr("role");
    if (n.html->is("main") || (role && *role == "main")) {
      if (found >= 0) return -1;
      found = static_cast<int>(k);
    }
  }
  return found;
}

bool IsAncestorOrSelf(const Tree& tree, int ancestor, int index) {
  for (int p = index; p >= 0; p = At(tree, p).parent) {
    if (p == ancestor) return true;
  }
  return false;
}

// `listing`: the page has little prose (a section front, a list of statements): its lists of
// links are its content, so they are kept, and the page's marked main part is taken whole.
Pass ExtractPass(const HtmlNode& root, PassOptions options, bool listing) {
  extract::TreeOptions tree_options;
  tree_options.drop_unlikely = options.drop_unlikely;
  const Tree tree = extract::BuildTree(root, tree_options);
  Scorer scorer(tree, options);
  int best = scorer.Run();
  std::vector<int> roots;
  if (best >= 0) {
    roots = ContentRoots(tree, scorer, best);
  } else {
    for (std::size_t k = 0; k < tree.nodes.size(); ++k) {
      if (tree.nodes[k].element && tree.nodes[k].html->is("body")) {
        roots.push_back(static_cast<int>(k));
        break;
      }
    }
  }
  if (listing && !roots.empty()) {
    const int main = MarkedMain(tree);
    if (main >= 0 && IsAncestorOrSelf(tree, main, roots.front())) roots = {main};
    options.clean_conditionally = false;
  }
  Renderer renderer(tree, options);
  Pass result;
  result.paragraphs = renderer.Render(roots);
  int text = 0, links = 0;
  for (int r : roots) {
    text += At(tree, r).text_len;
    links += At(tree, r).link_len;
  }
  result.link_density = text > 0 ? double(links) / text : 0.0;
  return result;
}

}  // namespace

ExtractedText ExtractText(const HtmlDocument& document) {
  ExtractedText out;
  const HtmlNode* html = FindFirst(document.root, "html");
  if (html != nullptr) {
    if (auto lang = html->attr("lang"))
      out.lang = std::string(*lang);
    else if (auto xml_lang = html->attr("xml:lang"))
      out.lang = std::string(*xml_lang);
  }
  // <title> outside <svg> (gumbo names that one "svg:title").
  if (const HtmlNode* title = FindFirst(document.root, "title")) {
    out.title = Trimmed(common::InnerText(*title));
  }
  if (const HtmlNode* h1 = FindFirst(document.root, "h1")) {
    out.headline = Trimmed(common::InnerText(*h1));
  }
  if (out.title.empty()) out.title = out.headline;

  // Strict first; then, when that found little, the loosest pass (no class hints, no cleaning),
  // as readability retries. The looser result is taken only when it is mostly text, not links:
  // on short pages (listings, contact pages) it would otherwise return menus and footers.
  const PassOptions strict{true, true, true};
  const PassOptions loose{false, false, false};
  Pass first = ExtractPass(document.root, strict, false);
  if (TextSize(first.paragraphs) < kMinMainText || first.paragraphs.empty()) {
    Pass second = ExtractPass(document.root, loose, false);
    if (first.paragraphs.empty() ||
        (TextSize(second.paragraphs) >= kMinMainText && second.link_density < kMaxLooseLinks))
      first = std::move(second);
    else
      first = ExtractPass(document.root, strict, true);  // a short page: keep its link lists
  }
  out.paragraphs = std::move(first.paragraphs);
  return out;
}

}  // namespace vestige::indexer
