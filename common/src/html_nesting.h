// A guard against pathological nesting, run on HTML bytes before the HTML5 parser sees them.
//
// Why: gumbo's tree builder scans the stack of open elements for many start and end tags, so its
// time grows with the square of the nesting depth (200,000 nested <div> take over a minute). Real
// pages nest a few dozen levels; only broken or hostile ones go deeper. This pass tokenizes the
// input cheaply, tracks an estimate of the stack of open elements (with the common implied end
// tags), and removes the start tags that would open an element deeper than a limit. Their text
// stays; only the markup is lost. Documents within the limit are returned untouched.
//
// The same tokenizer also removes, where it cannot change the tree beyond what ParseHtml drops or
// its caller asked to lose, bytes gumbo need not read: script and style content, text for links,
// unread attributes and white space (PrepareForParser).
//
// Internal to vestige_common (used by html_gumbo.cc). Thread safety: a pure function.
#ifndef VESTIGE_COMMON_SRC_HTML_NESTING_H_
#define VESTIGE_COMMON_SRC_HTML_NESTING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/common/html.h"

namespace vestige::common::html_internal {

// Estimated depth above which start tags are removed.
inline constexpr std::size_t kMaxEstimatedDepth = 1024;

// The input with the too-deep start tags removed, or nullopt when nothing had to be removed.
std::optional<std::string> LimitNesting(std::string_view html,
                                        std::size_t max_depth = kMaxEstimatedDepth);

// LimitNesting, and with `drop_script_style` also the content of <script> (except JSON-LD) and
// <style> elements removed where that cannot change the tree beyond that content (which
// ParseHtml drops anyway): the parser then skips it. On heavy news pages half the bytes are
// inline scripts and styles, and gumbo's time grows with the bytes. The element, its attributes
// and its end tag stay. nullopt when nothing had to be removed.
//
// With `collapse_text` (for links only: ParseHtmlLinks), also each run of text that follows a tag
// is cut to its leading white space and its first character, when that is an ASCII letter or
// digit; the rest of the run, up to the next '<', goes. Tree construction reads text only through
// its first characters: white space or not (implied <body>, foster parenting in tables, leaving
// <noscript> or <colgroup>), the one reconstruction of formatting elements, a leading newline
// after <pre>. Once a non-space character is in, the rest of the run is inserted where it went, so
// the elements, their attributes and their order stay; only text is lost, and gumbo's time is
// mostly spent on text. Where this tokenizer could read the bytes otherwise than the parser's
// (comments ended by "<!-->" or "--!>", CDATA, a script's "<!--" then "<script", raw-text
// elements holding markup inside <svg>, a raw-text element but <script> in a <select>, which reads
// it as markup, a quote in a raw-text end tag, a '>' in a quoted value, an '=' with no attribute
// name), it stops cutting for the rest of the document. Text that starts with anything else than an
// ASCII letter or digit (an entity, a NUL, non-ASCII) is kept whole.
std::optional<std::string> PrepareForParser(std::string_view html, std::size_t max_depth,
                                            bool drop_script_style, bool collapse_text = false);

// What PrepareForParser removes, all of it at once.
struct PrepareOptions {
  std::size_t max_depth = kMaxEstimatedDepth;
  bool drop_script_style = false;
  bool collapse_text = false;
  // For ParseHtml(utf8, HtmlParseOptions), while this tokenizer reads the document as gumbo does
  // (the same cases as collapse_text): with keep_attributes or keep_names_only, the attributes
  // not kept, from the white space before the name through the value, and the values of those
  // kept by name only (html_prepass.h says which stay whatever the lists say, and which tags are
  // left whole); with shorten_white_space, the white space that follows a tag, a comment or a
  // doctype beyond its first character (not after <pre> or <listing>, whose leading newline the
  // parser drops; raw text and <plaintext> are never touched).
  const HtmlParseOptions* parse = nullptr;
};
std::optional<std::string> PrepareForParser(std::string_view html, const PrepareOptions& options);

// common::ParseHtml, with the dropping of script and style content on or off; ParseHtml turns it
// on. For tests that check that the tree is the same either way. With `options`, the
// ParseHtml(utf8, HtmlParseOptions) overload. Defined in html_gumbo.cc.
HtmlDocument ParseHtml(std::string_view utf8, bool drop_script_style,
                       const HtmlParseOptions* options = nullptr);

}  // namespace vestige::common::html_internal

#endif  // VESTIGE_COMMON_SRC_HTML_NESTING_H_
