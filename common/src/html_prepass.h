// The attribute side of the pre-pass (html_nesting.h, PrepareForParser): which byte ranges of a
// start tag hold attributes that may be removed before gumbo reads them, for
// ParseHtml(utf8, HtmlParseOptions) with keep_attributes.
//
// A start tag's attributes are read here with the HTML5 tokenizer's states (WHATWG HTML 13.2.5.32
// to 13.2.5.40). An attribute not kept is removed from the white space before its name through
// the end of its value, so that what remains tokenizes to the same tag less that attribute; one
// kept by name only loses what follows its name through the end of its value. Tags
// holding a parse error inside their attribute list (an '=' or quote starting a name, a quoted
// value followed by no white space, a '/' not followed by '>', a NUL, a duplicate name: gumbo then
// drops the next value it finishes, ...) or a non-ASCII attribute name are left whole.
// Attributes gumbo's tree builder reads are always kept: type (<input type=hidden> in tables,
// <script type>), color, face and size (<font> leaves <svg>/<math>), encoding (<annotation-xml>).
// Elements whose attributes the tree builder compares (the "Noah's Ark" clause of the list of
// active formatting elements: b, i, font, ...; <a> is safe, as a new <a> first removes the old one
// from that list) and <isindex> (whose prompt becomes text) keep all of theirs.
//
// Internal to vestige_common. Thread safety: AttributeFilter is immutable once built.
#ifndef VESTIGE_COMMON_SRC_HTML_PREPASS_H_
#define VESTIGE_COMMON_SRC_HTML_PREPASS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vestige::common::html_internal {

class AttributeFilter {
 public:
  enum class Verdict { kKeep, kNameOnly, kDrop };

  // `keep`, `names_only`: lower-case names (HtmlParseOptions); both empty keep everything
  // (active() is false).
  AttributeFilter(const std::vector<std::string>& keep, const std::vector<std::string>& names_only);

  bool active() const { return active_; }
  // What becomes of the attribute `name` (any case) in the pre-pass.
  Verdict Judge(std::string_view name) const;

 private:
  bool active_ = false;
  std::vector<std::string> keep_;  // with the names the tree builder reads
  std::vector<std::string> names_only_;
};

enum class AttributeScan {
  kDone,       // the ranges to remove (maybe none) were appended
  kLeftWhole,  // nothing appended: the tag is one whose attributes all stay
  kOutOfSync,  // the tag did not end at `gt` as the caller thought: nothing appended
};

// Reads the attributes of the start tag `lower_tag` of `html`, which start at `p` (just after the
// tag name) and end at the '>' at `gt`, and appends to `removed` the ranges [begin, end) of the
// attributes `filter` does not keep, in order.
AttributeScan CutAttributes(std::string_view html, std::size_t p, std::size_t gt,
                            const std::string& lower_tag, const AttributeFilter& filter,
                            std::vector<std::pair<std::size_t, std::size_t>>* removed);

}  // namespace vestige::common::html_internal

#endif  // VESTIGE_COMMON_SRC_HTML_PREPASS_H_
