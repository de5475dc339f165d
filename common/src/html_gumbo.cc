// The one file that includes gumbo.h (STYLE.md, 8): HTML5 bytes -> our HtmlNode tree, or straight
// to a page's links (ParseHtmlLinks, for the crawler) without building our tree.
//
// Three defences against hostile nesting, because gumbo was not written for it:
// - html_nesting.h removes start tags nested deeper than about 1,000 before gumbo runs (gumbo's
//   time is quadratic in the depth). The same pass removes the content of <script> and <style>
//   (which the tree drops anyway) where that cannot change the tree, so gumbo need not read it,
//   and for ParseHtml(utf8, HtmlParseOptions) the attributes the caller does not keep and long
//   white-space runs (html_prepass.h); Convert drops the unkept attributes the pass left.
// - gumbo_destroy_output recurses once per level and overflows the stack on deep trees, so gumbo
//   allocates through our allocator, which frees everything at once, instead of calling it.
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

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html_links.h"
#include "html_nesting.h"
#include "vestige/common/html.h"

namespace vestige::common {
namespace {

// Our tree's maximum depth (the document is depth 0); Blink caps the DOM at 512 too.
constexpr std::size_t kMaxTreeDepth = 512;

// All of gumbo's memory for one parse, freed at once when the parse is over. gumbo makes a great
// many small allocations (one per token, attribute, string buffer growth, ...): small blocks are
// carved from 64 KiB chunks and never freed one by one (freeing is a no-op); large blocks, and
// every block once the chunks hold kMaxChunkBytes, come from malloc and sit on a doubly linked
// list so that they can be freed one by one as gumbo asks and all at once at the end. Each block
// has a 16-byte header whose last word says which kind it is.
class TrackingAllocator {
 public:
  TrackingAllocator() = default;
  TrackingAllocator(const TrackingAllocator&) = delete;
  TrackingAllocator& operator=(const TrackingAllocator&) = delete;
  ~TrackingAllocator() {
    Large* h = head_.next;
    while (h != &head_) {
      Large* next = h->next;
      std::free(h);
      h = next;
    }
    for (char* chunk : chunks_) std::free(chunk);
  }

  static void* Allocate(void* userdata, size_t size) {
    auto* self = static_cast<TrackingAllocator*>(userdata);
    const size_t need = kHeader + ((size + kAlign - 1) & ~(kAlign - 1));
    if (size <= kMaxSmall && self->chunk_bytes_ <= kMaxChunkBytes) {
      if (self->left_ < need) {
        char* chunk = static_cast<char*>(std::malloc(kChunk));
        if (chunk == nullptr) return nullptr;
        self->chunks_.push_back(chunk);
        self->chunk_bytes_ += kChunk;
        self->next_ = chunk;
        self->left_ = kChunk;
      }
      char* block = self->next_;
      self->next_ += need;
      self->left_ -= need;
      reinterpret_cast<size_t*>(block + kHeader)[-1] = kSmallTag;
      return block + kHeader;
    }
    void* block = std::malloc(sizeof(Large) + size);
    if (block == nullptr) return nullptr;
    auto* h = static_cast<Large*>(block);
    h->prev = &self->head_;
    h->next = self->head_.next;
    h->tag = kLargeTag;
    self->head_.next->prev = h;
    self->head_.next = h;
    return h + 1;
  }

  static void Deallocate(void* /*userdata*/, void* ptr) {
    if (ptr == nullptr) return;
    if (static_cast<size_t*>(ptr)[-1] == kSmallTag) return;  // freed with its chunk
    Large* h = static_cast<Large*>(ptr) - 1;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    std::free(h);
  }

 private:
  // Sized to keep the payload aligned like malloc's; `tag` is the word just before the payload.
  struct alignas(alignof(std::max_align_t)) Large {
    Large* prev;
    Large* next;
    size_t pad;
    size_t tag;
  };
  static constexpr size_t kAlign = alignof(std::max_align_t);
  static constexpr size_t kHeader = 16;
  static_assert(sizeof(Large) % kAlign == 0 && kHeader % kAlign == 0, "alignment");
  static constexpr size_t kSmallTag = 0x5e5717a11;
  static constexpr size_t kLargeTag = 0x1a7c3b10c;
  static constexpr size_t kChunk = 64 * 1024;
  static constexpr size_t kMaxSmall = 2048;
  // Beyond this, small blocks come from malloc too, so that a huge page's garbage is freed as
  // gumbo goes (the chunks never free anything before the end of the parse).
  static constexpr size_t kMaxChunkBytes = 64 * 1024 * 1024;

  Large head_{&head_, &head_, 0, kLargeTag};
  std::vector<char*> chunks_;
  size_t chunk_bytes_ = 0;
  char* next_ = nullptr;
  size_t left_ = 0;
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

// Which attributes go into our tree (HtmlParseOptions): all when both lists are empty.
struct AttributeLists {
  const std::vector<std::string>& keep;
  const std::vector<std::string>& names_only;
};

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void Convert(const GumboNode& document, const AttributeLists& lists, HtmlNode& root) {
  const bool filter = !lists.keep.empty() || !lists.names_only.empty();
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
          std::string name = AttributeName(*attr);
          const char* value = attr->value != nullptr ? attr->value : "";
          if (filter && !Contains(lists.keep, name)) {
            if (!Contains(lists.names_only, name)) continue;
            value = "";
          }
          node.attributes.emplace_back(std::move(name), value);
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

// Parses `utf8` (after PrepareForParser) and calls fn(document node) while gumbo's tree lives.
template <typename Fn>
void WithGumboTree(std::string_view utf8, const html_internal::PrepareOptions& prepare, Fn&& fn) {
  const std::optional<std::string> prepared = html_internal::PrepareForParser(utf8, prepare);
  const std::string_view input = prepared ? std::string_view(*prepared) : utf8;

  TrackingAllocator allocator;  // frees all of gumbo's memory when it goes out of scope
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &TrackingAllocator::Allocate;
  options.deallocator = &TrackingAllocator::Deallocate;
  options.userdata = &allocator;
  options.max_errors = 0;  // we never read the error list; recording it costs memory
  const char* data = input.empty() ? "" : input.data();
  GumboOutput* output = gumbo_parse_with_options(&options, data, input.size());
  if (output != nullptr && output->document != nullptr) fn(*output->document);
}

// The value of an attribute of an HTML element (whose attributes have no namespace, so their
// lower-case names are AttributeName's), or nullopt. The first one wins, as in HtmlNode::attr.
std::optional<std::string_view> GumboAttr(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  if (attr == nullptr) return std::nullopt;
  return std::string_view(attr->value != nullptr ? attr->value : "");
}

// Only HTML elements can be link elements: inside <svg> or <math> our tree names them "svg:a",
// "math:a", which ExtractLinks does not read.
const char* LinkTagName(const GumboElement& element) {
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return nullptr;
  switch (element.tag) {
    case GUMBO_TAG_A:
      return "a";
    case GUMBO_TAG_AREA:
      return "area";
    case GUMBO_TAG_LINK:
      return "link";
    case GUMBO_TAG_IFRAME:
      return "iframe";
    case GUMBO_TAG_META:
      return "meta";
    case GUMBO_TAG_BASE:
      return "base";
    default:
      return nullptr;
  }
}

}  // namespace

namespace html_internal {

HtmlDocument ParseHtml(std::string_view utf8, bool drop_script_style,
                       const HtmlParseOptions* options) {
  HtmlDocument doc;
  doc.input_bytes = utf8.size();
  doc.root.kind = HtmlNode::Kind::kDocument;
  PrepareOptions prepare;
  prepare.drop_script_style = drop_script_style;
  prepare.parse = options;
  static const std::vector<std::string> kNone;
  const AttributeLists lists{options != nullptr ? options->keep_attributes : kNone,
                             options != nullptr ? options->keep_names_only : kNone};
  WithGumboTree(utf8, prepare,
                [&doc, &lists](const GumboNode& document) { Convert(document, lists, doc.root); });
  return doc;
}

}  // namespace html_internal

HtmlDocument ParseHtml(std::string_view utf8) {
  return html_internal::ParseHtml(utf8, /*drop_script_style=*/true);
}

HtmlDocument ParseHtml(std::string_view utf8, const HtmlParseOptions& options) {
  return html_internal::ParseHtml(utf8, /*drop_script_style=*/true, &options);
}

// The elements ExtractLinks would see in our tree, in the same (document) order: every element
// except those inside content that Convert drops (DropsContent). Convert's depth cap moves
// elements but keeps their order, so it changes nothing here.
HtmlLinks ParseHtmlLinks(std::string_view utf8) {
  HtmlLinks links;
  // Text is cut short before gumbo reads it (PrepareForParser): links are all we want.
  html_internal::PrepareOptions prepare;
  prepare.drop_script_style = true;
  prepare.collapse_text = true;
  WithGumboTree(utf8, prepare, [&links](const GumboNode& document) {
    std::vector<const GumboNode*> stack{&document};
    while (!stack.empty()) {
      const GumboNode& node = *stack.back();
      stack.pop_back();
      if (node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE) {
        const GumboElement& element = node.v.element;
        if (const char* tag = LinkTagName(element)) {
          html_internal::LinkElement e;
          e.tag = tag;
          e.href = GumboAttr(element, "href");
          e.rel = GumboAttr(element, "rel");
          e.type = GumboAttr(element, "type");
          e.src = GumboAttr(element, "src");
          e.http_equiv = GumboAttr(element, "http-equiv");
          e.content = GumboAttr(element, "content");
          html_internal::AddLinks(e, &links);
        }
        if (DropsContent(node)) continue;
      }
      const GumboVector* children = ChildrenOf(node);
      if (children == nullptr) continue;
      for (unsigned i = children->length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(children->data[i]));
      }
    }
  });
  return links;
}

}  // namespace vestige::common
