// The nesting guard: see html_nesting.h. The tokenizer side is here; the tree rules, a deliberately
// rough model of HTML5 tree construction, are in html_tree_model.h. It only needs to keep the
// estimated depth near gumbo's for ordinary pages and not far below it for hostile ones.
#include "html_nesting.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html_prepass.h"
#include "html_tree_model.h"

namespace vestige::common::html_internal {
namespace {

// Elements whose content the tokenizer reads as text up to the matching end tag.
const NameSet& RawTextElements() {
  static const NameSet kSet = {"script", "style",  "textarea", "title",
                               "xmp",    "iframe", "noembed",  "noframes"};
  return kSet;
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::size_t kNpos = std::string::npos;

// The tokenizer side: finds tags, skips comments and raw text, and feeds the model.
class Guard {
 public:
  Guard(std::string_view html, const PrepareOptions& options)
      : html_(html),
        model_(options.max_depth),
        drop_script_style_(options.drop_script_style),
        collapse_text_(options.collapse_text),
        shorten_white_space_(options.parse != nullptr && options.parse->shorten_white_space),
        filter_(options.parse != nullptr ? options.parse->keep_attributes : NoNames(),
                options.parse != nullptr ? options.parse->keep_names_only : NoNames()) {}

  // Returns the byte ranges to remove, in order: start tags too deep, the content of <script> and
  // <style> elements (see CanDropContent), text (CollapseText), attributes and white space.
  std::vector<std::pair<std::size_t, std::size_t>> Run() {
    const std::size_t n = html_.size();
    std::size_t i = 0;
    while (i < n) {
      const std::size_t lt = html_.find('<', i);
      if (lt == kNpos) {
        model_.Text();
        break;
      }
      if (lt > i) {
        model_.Text();
        pre_newline_ = false;
      }
      i = lt + 1;
      if (i >= n) break;
      if (html_.compare(lt, 4, "<!--") == 0) {
        const std::size_t end = html_.find("-->", lt + 4);
        if (end == kNpos) break;
        // "<!-->", "<!--->" and "--!>" end a comment before "-->" does.
        const std::string_view body = html_.substr(lt + 4, end - lt - 4);
        if (html_[lt + 4] == '>' || html_.compare(lt + 4, 2, "->") == 0 ||
            body.find("--!>") != kNpos) {
          in_sync_ = false;
        }
        i = end + 3;
        pre_newline_ = false;
        ShortenWhiteSpace(i);
        continue;
      }
      if (html_[i] == '!' || html_[i] == '?') {
        if (html_.compare(lt, 9, "<![CDATA[") == 0) in_sync_ = false;  // ends at "]]>" in SVG
        const std::size_t end = html_.find('>', i);
        if (end == kNpos) break;
        i = end + 1;
        pre_newline_ = false;
        ShortenWhiteSpace(i);
        continue;
      }
      const bool end_tag = html_[i] == '/';
      std::size_t p = end_tag ? i + 1 : i;
      if (end_tag && p < n && !IsAlpha(html_[p])) {
        // "</>" is dropped; "</" before anything else but a letter opens a bogus comment that
        // runs to the next '>' (WHATWG HTML 13.2.5.7).
        const std::size_t end = html_.find('>', p);
        if (end == kNpos) break;
        i = end + 1;
        if (end > p) {  // not "</>", which is no token at all
          pre_newline_ = false;
          ShortenWhiteSpace(i);
        }
        continue;
      }
      if (p >= n || !IsAlpha(html_[p])) {  // a '<' in text
        model_.Text();
        pre_newline_ = false;
        continue;
      }
      const std::size_t name_start = p;
      while (p < n && !IsSpace(html_[p]) && html_[p] != '/' && html_[p] != '>') ++p;
      std::string name;
      for (std::size_t k = name_start; k < p && k - name_start < 64; ++k) {
        name += ToLower(html_[k]);
      }
      bool self_closing = false;
      const std::size_t gt = TagEnd(p, self_closing);
      if (gt == kNpos) break;  // an unterminated tag at the end: the parser drops it
      i = gt + 1;
      if (end_tag) {
        if ((name == "svg" || name == "math") && foreign_ > 0) --foreign_;
        if (name == "select") select_ = false;
        model_.EndTag(name);
        pre_newline_ = false;
        ShortenWhiteSpace(i);
        CollapseText(i);
        continue;
      }
      if (name == "plaintext") break;  // the rest is text
      if (name == "frameset") frameset_ = true;
      if ((name == "svg" || name == "math") && !self_closing) ++foreign_;
      if (foreign_ == 0 && name == "select") select_ = true;
      if (name == "input" || name == "keygen" || name == "textarea") select_ = false;  // close it
      cuts_.clear();
      if (filter_.active() && in_sync_ &&
          CutAttributes(html_, p, gt, name, filter_, &cuts_) == AttributeScan::kOutOfSync) {
        in_sync_ = false;
      }
      if (RawTextElements().count(name) != 0) {
        removed_.insert(removed_.end(), cuts_.begin(), cuts_.end());
        pre_newline_ = false;
        std::size_t close = kNpos;
        const std::size_t after = SkipRawText(i, name, &close);
        const std::size_t text_end = close == kNpos ? after : close;
        if (!RawTextInSync(name, html_.substr(i, text_end - i), foreign_)) in_sync_ = false;
        if (select_ && name != "script") in_sync_ = false;  // ignored in <select>: not raw text
        if (close != kNpos && close > i &&
            CanDropContent(name, html_.substr(p, gt - p), i, close)) {
          removed_.emplace_back(i, close);
        }
        i = after;
        if (close == kNpos) continue;
        // "</script x='>'>": the end tag's '>' may not be the first one.
        const std::string_view end_tag_text = html_.substr(close, after - close);
        if (end_tag_text.find_first_of("\"'") != kNpos) in_sync_ = false;
        ShortenWhiteSpace(i);
        continue;
      }
      std::string_view attrs = html_.substr(p, gt - p);
      while (!attrs.empty() && (IsSpace(attrs.back()) || attrs.back() == '/')) {
        attrs.remove_suffix(1);
      }
      while (!attrs.empty() && IsSpace(attrs.front())) attrs.remove_prefix(1);
      if (model_.StartTag(name, attrs, self_closing)) {
        removed_.emplace_back(lt, gt + 1);  // gumbo sees no token: pre_newline_ stays as it was
      } else {
        removed_.insert(removed_.end(), cuts_.begin(), cuts_.end());
        pre_newline_ = name == "pre" || name == "listing";
        ShortenWhiteSpace(i);
      }
      CollapseText(i);
    }
    return std::move(removed_);
  }

 private:
  // The '>' closing a tag whose attributes start at `p`, skipping quoted values. Clears
  // in_sync_ where the tokenizer might end the tag elsewhere: a '>' inside a quoted value, or an
  // '=' with no attribute name before it (which the tokenizer reads as a name, not a value).
  std::size_t TagEnd(std::size_t p, bool& self_closing) {
    const std::size_t n = html_.size();
    char before = ' ';  // the last non-space character, ' ' at the start
    while (p < n) {
      const char c = html_[p];
      if (c == '>') return p;
      if (c == '/' && p + 1 < n && html_[p + 1] == '>') self_closing = true;
      if (c == '=') {
        if (before == ' ' || before == '"' || before == '\'' || before == '/') in_sync_ = false;
        ++p;
        while (p < n && IsSpace(html_[p])) ++p;
        if (p < n && (html_[p] == '"' || html_[p] == '\'')) {
          const std::size_t close = html_.find(html_[p], p + 1);
          if (close == kNpos) return kNpos;
          if (html_.substr(p, close - p).find('>') != kNpos) in_sync_ = false;
          before = html_[p];
          p = close + 1;
        } else {
          before = '=';
        }
        continue;
      }
      if (!IsSpace(c)) before = c;
      ++p;
    }
    return kNpos;
  }

  // Whether the parser certainly ends this raw text where SkipRawText does: in <svg> or <math> the
  // element holds markup (fine when there is none), and a script's "<!--" followed by "<script"
  // enters the double-escaped state, which "</script>" does not end.
  static bool RawTextInSync(const std::string& name, std::string_view text, int foreign) {
    if (foreign > 0) return text.find('<') == kNpos;
    if (name != "script") return true;
    const std::size_t open = text.find("<!--");
    if (open == kNpos) return true;
    std::string rest(text.substr(open));
    for (char& c : rest) c = ToLower(c);
    return rest.find("<script") == std::string::npos;
  }

  // With shorten_white_space_: the run of white space at `p` (just after a token) cut to its
  // first character. Not where gumbo may drop a leading newline (pre_newline_), since the run
  // would then vanish.
  void ShortenWhiteSpace(std::size_t p) {
    if (!shorten_white_space_ || !in_sync_ || pre_newline_) return;
    std::size_t end = p;
    while (end < html_.size() && IsSpace(html_[end])) ++end;
    if (end - p >= 2) removed_.emplace_back(p + 1, end);
  }

  static const std::vector<std::string>& NoNames() {
    static const std::vector<std::string> kNone;
    return kNone;
  }

  // With collapse_text_: the text from `p` (just after a tag) to the next '<', cut down to its
  // leading white space and first character when that is an ASCII letter or digit. See
  // PrepareForParser for why the tree keeps its elements; not done once in_sync_ is false, nor
  // where the text holds a '>' (a sign that the tokenizer may still be inside a tag).
  void CollapseText(std::size_t p) {
    if (!collapse_text_ || !in_sync_) return;
    const std::size_t end = std::min(html_.find('<', p), html_.size());
    while (p < end && IsSpace(html_[p])) ++p;
    if (p >= end || !(IsAlpha(html_[p]) || (html_[p] >= '0' && html_[p] <= '9'))) return;
    ++p;
    if (end - p < 16) return;  // not worth a cut
    if (html_.substr(p, end - p).find('>') != kNpos) return;
    removed_.emplace_back(p, end);
  }

  // Whether the content [begin, end) of a raw-text element `name` with attribute text `attrs`
  // can be removed without changing the tree the parser builds, apart from the content itself,
  // which html_gumbo.cc drops anyway. Only <script> (not JSON-LD, which the indexer reads) and
  // <style>, and only where the tokenizer certainly reads them as raw text up to this end tag:
  // not inside <svg> or <math> (foreign content parses them as markup), not in a frameset
  // document or a <select> (whose tree builders ignore a <style>), and not a script holding "<!--"
  // (the script data escape states can make "</script>" not end it).
  bool CanDropContent(const std::string& name, std::string_view attrs, std::size_t begin,
                      std::size_t end) const {
    if (!drop_script_style_ || foreign_ > 0 || frameset_ || (select_ && name != "script")) {
      return false;
    }
    if (name == "style") return true;
    if (name != "script") return false;
    if (html_.substr(begin, end - begin).find("<!--") != std::string_view::npos) return false;
    std::string lower(attrs);
    for (char& c : lower) c = ToLower(c);
    return lower.find("ld+json") == std::string::npos;
  }

  // The position after "</name ...>" following raw text that starts at `p`; `*close`, when not
  // null, gets the position of that "</" (kNpos when the text runs to the end).
  std::size_t SkipRawText(std::size_t p, const std::string& name,
                          std::size_t* close_at = nullptr) const {
    const std::size_t n = html_.size();
    while (true) {
      const std::size_t close = html_.find("</", p);
      if (close == kNpos) return n;
      std::size_t q = close + 2;
      std::size_t k = 0;
      while (k < name.size() && q + k < n && ToLower(html_[q + k]) == name[k]) ++k;
      q += k;
      if (k == name.size() && (q == n || IsSpace(html_[q]) || html_[q] == '/' || html_[q] == '>')) {
        if (close_at != nullptr) *close_at = close;
        const std::size_t gt = html_.find('>', q);
        return gt == kNpos ? n : gt + 1;
      }
      p = close + 2;
    }
  }

  std::string_view html_;
  TreeModel model_;
  const bool drop_script_style_;
  const bool collapse_text_;
  const bool shorten_white_space_;
  const AttributeFilter filter_;
  bool in_sync_ = true;  // false once this tokenizer may disagree with the parser's
  // The last token gumbo saw was a <pre> or <listing> start tag: it drops a newline that follows.
  bool pre_newline_ = false;
  std::vector<std::pair<std::size_t, std::size_t>> cuts_;  // one tag's attributes
  int foreign_ = 0;        // <svg> and <math> elements open (estimated)
  bool frameset_ = false;  // a <frameset> start tag was seen
  // A <select> may be open: its insertion mode ignores <style>, <title>, ... start tags, so their
  // content is markup there (estimated: closed by </select>, <input>, <keygen>, <textarea>).
  bool select_ = false;
  std::vector<std::pair<std::size_t, std::size_t>> removed_;
};

}  // namespace

std::optional<std::string> LimitNesting(std::string_view html, std::size_t max_depth) {
  return PrepareForParser(html, max_depth, /*drop_script_style=*/false);
}

std::optional<std::string> PrepareForParser(std::string_view html, std::size_t max_depth,
                                            bool drop_script_style, bool collapse_text) {
  PrepareOptions options;
  options.max_depth = max_depth;
  options.drop_script_style = drop_script_style;
  options.collapse_text = collapse_text;
  return PrepareForParser(html, options);
}

std::optional<std::string> PrepareForParser(std::string_view html, const PrepareOptions& options) {
  const std::vector<std::pair<std::size_t, std::size_t>> removed = Guard(html, options).Run();
  if (removed.empty()) return std::nullopt;
  std::string out;
  out.reserve(html.size());
  std::size_t from = 0;
  for (const auto& [begin, end] : removed) {
    out.append(html.substr(from, begin - from));
    from = end;
  }
  out.append(html.substr(from));
  return out;
}

}  // namespace vestige::common::html_internal
