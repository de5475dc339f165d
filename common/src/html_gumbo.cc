// The one file that includes gumbo.h (STYLE.md, 8): HTML5 bytes -> our HtmlNode tree.
//
// Three defences against hostile nesting, because gumbo was not written for it:
// - html_nesting.h removes start tags nested deeper than about 1,000 before gumbo runs (gumbo's
//   time is quadratic in the depth).
// - gumbo_destroy_output recurses once per level and overflows the stack on deep trees, so gumbo
//   allocates through our allocator, which keeps every live block on a list, and we free the list
//   instead of calling it.
// - Our conversion uses an explicit stack, and caps our tree at kMaxTreeDepth: an element deeper
//   than that is kept (with its attributes) but without children; its content follows it as its
//   siblings. Document order and all text are kept, and the recursive destructor and copy of
//   HtmlNode stay shallow.
//
// What the tree holds: elements (tag names lower case; foreign elements inside <svg> or <math> are
// "svg:name" / "math:name", the <svg> and <math> elements themselves keep their plain names), text
// (text, white space and CDATA nodes; entities decoded by gumbo). Comments are dropped. <script>,
// <style>, <template> and <noscript> elements are kept with their attributes but without their
// content, except <script type="application/ld+json">, whose JSON text is kept (noscript holds
// fallback markup, mostly "enable JavaScript" notices and tracking pixels).
#include <gumbo.h>

#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html_nesting.h"
#include "vestige/common/html.h"

namespace vestige::common {
namespace {

// Our tree's maximum depth (the document is depth 0); Blink caps the DOM at 512 too.
constexpr std::size_t kMaxTreeDepth = 512;

// Every block gumbo allocates, on a doubly linked list, so that all can be freed at once.
class TrackingAllocator {
 public:
  TrackingAllocator() = default;
  TrackingAllocator(const TrackingAllocator&) = delete;
  TrackingAllocator& operator=(const TrackingAllocator&) = delete;
  ~TrackingAllocator() {
    Header* h = head_.next;
    while (h != &head_) {
      Header* next = h->next;
      std::free(h);
      h = next;
    }
  }

  static void* Allocate(void* userdata, size_t size) {
    auto* self = static_cast<TrackingAllocator*>(userdata);
    void* block = std::malloc(sizeof(Header) + size);
    if (block == nullptr) return nullptr;
    auto* h = static_cast<Header*>(block);
    h->prev = &self->head_;
    h->next = self->head_.next;
    self->head_.next->prev = h;
    self->head_.next = h;
    return h + 1;
  }

  static void Deallocate(void* /*userdata*/, void* ptr) {
    if (ptr == nullptr) return;
    Header* h = static_cast<Header*>(ptr) - 1;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    std::free(h);
  }

 private:
  // Sized to keep the payload aligned like malloc's.
  struct alignas(alignof(std::max_align_t)) Header {
    Header* prev;
    Header* next;
  };
  Header head_{&head_, &head_};
};

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

// The element's tag name: gumbo's for known tags, else the name as written, lower-cased.
std::string TagName(const GumboElement& element) {
  std::string base;
  if (element.tag != GUMBO_TAG_UNKNOWN) {
    const char* known = gumbo_normalized_tagname(element.tag);
    if (known != nullptr) base = Lower(known);
  }
  if (base.empty() && element.original_tag.data != nullptr) {
    // original_tag is the whole tag as written ("<my-tag a=b>"): the name follows "<" or "</".
    std::string_view text(element.original_tag.data, element.original_tag.length);
    if (!text.empty() && text[0] == '<') text.remove_prefix(1);
    if (!text.empty() && text[0] == '/') text.remove_prefix(1);
    std::size_t end = 0;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n' &&
           text[end] != '\r' && text[end] != '\f' && text[end] != '/' && text[end] != '>') {
      ++end;
    }
    base = Lower(text.substr(0, end));
  }
  if (base.empty()) base = "unknown";
  if (element.tag_namespace == GUMBO_NAMESPACE_SVG && base != "svg") return "svg:" + base;
  if (element.tag_namespace == GUMBO_NAMESPACE_MATHML && base != "math") return "math:" + base;
  return base;
}

std::string AttributeName(const GumboAttribute& attr) {
  std::string name = Lower(attr.name != nullptr ? attr.name : "");
  switch (attr.attr_namespace) {
    case GUMBO_ATTR_NAMESPACE_XLINK:
      return "xlink:" + name;
    case GUMBO_ATTR_NAMESPACE_XML:
      return "xml:" + name;
    case GUMBO_ATTR_NAMESPACE_XMLNS:
      return name == "xmlns" ? name : "xmlns:" + name;
    case GUMBO_ATTR_NAMESPACE_NONE:
      break;
  }
  return name;
}

// True for <script type="application/ld+json">: structured data (publication dates, authors) that
// the indexer reads, so its text is kept while other scripts' code is dropped.
bool IsJsonLd(const GumboElement& element) {
  const GumboAttribute* type = gumbo_get_attribute(&element.attributes, "type");
  if (type == nullptr) return false;
  std::string value = type->value;
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value.find("application/ld+json") != std::string::npos;
}

bool DropsContent(const GumboNode& node) {
  if (node.type == GUMBO_NODE_TEMPLATE) return true;
  const GumboTag tag = node.v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT && IsJsonLd(node.v.element)) return false;
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE;
}

const GumboVector* ChildrenOf(const GumboNode& node) {
  switch (node.type) {
    case GUMBO_NODE_DOCUMENT:
      return &node.v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return &node.v.element.children;
    default:
      return nullptr;
  }
}

struct Pending {
  const GumboNode* source;
  HtmlNode* parent;   // where the converted node goes
  std::size_t depth;  // the parent's depth
};

// Pushes `source`'s children, last first, so that they pop in document order.
void PushChildren(const GumboNode& source, HtmlNode* parent, std::size_t depth,
                  std::vector<Pending>& stack) {
  const GumboVector* children = ChildrenOf(source);
  if (children == nullptr) return;
  // Reserving up front keeps `parent->children` from moving while pointers into it are on the
  // stack. Only the node at kMaxTreeDepth grows past this, and nothing points into its children.
  if (depth < kMaxTreeDepth) parent->children.reserve(children->length);
  for (unsigned i = children->length; i-- > 0;) {
    stack.push_back({static_cast<const GumboNode*>(children->data[i]), parent, depth});
  }
}

void Convert(const GumboNode& document, HtmlNode& root) {
  root.kind = HtmlNode::Kind::kDocument;
  std::vector<Pending> stack;
  PushChildren(document, &root, 0, stack);
  while (!stack.empty()) {
    const Pending item = stack.back();
    stack.pop_back();
    const GumboNode& source = *item.source;
    switch (source.type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        HtmlNode text;
        text.kind = HtmlNode::Kind::kText;
        if (source.v.text.text != nullptr) text.text = source.v.text.text;
        item.parent->children.push_back(std::move(text));
        break;
      }
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& element = source.v.element;
        HtmlNode node;
        node.kind = HtmlNode::Kind::kElement;
        node.tag = TagName(element);
        node.attributes.reserve(element.attributes.length);
        for (unsigned i = 0; i < element.attributes.length; ++i) {
          const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
          node.attributes.emplace_back(AttributeName(*attr),
                                       attr->value != nullptr ? attr->value : "");
        }
        item.parent->children.push_back(std::move(node));
        if (DropsContent(source)) break;
        if (item.depth + 1 < kMaxTreeDepth) {
          PushChildren(source, &item.parent->children.back(), item.depth + 1, stack);
        } else {
          PushChildren(source, item.parent, item.depth, stack);  // flattened, see the top
        }
        break;
      }
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_COMMENT:
        break;
    }
  }
}

}  // namespace

HtmlDocument ParseHtml(std::string_view utf8) {
  HtmlDocument doc;
  doc.input_bytes = utf8.size();
  doc.root.kind = HtmlNode::Kind::kDocument;

  const std::optional<std::string> limited = html_internal::LimitNesting(utf8);
  const std::string_view input = limited ? std::string_view(*limited) : utf8;

  TrackingAllocator allocator;  // frees all of gumbo's memory when it goes out of scope
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &TrackingAllocator::Allocate;
  options.deallocator = &TrackingAllocator::Deallocate;
  options.userdata = &allocator;
  options.max_errors = 0;  // we never read the error list; recording it costs memory
  const char* data = input.empty() ? "" : input.data();
  GumboOutput* output = gumbo_parse_with_options(&options, data, input.size());
  if (output != nullptr && output->document != nullptr) Convert(*output->document, doc.root);
  return doc;
}

}  // namespace vestige::common
