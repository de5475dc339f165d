// The URLs listed by sitemaps (urlset and sitemap index, sitemaps.org 0.9) and by RSS
// 2.0 / RSS 1.0 and Atom feeds, read with a small tolerant XML scanner of our own.
//
// The scanner reads tags, attributes, text, CDATA, comments, processing instructions and
// DOCTYPE; names are compared by local name (the part after a namespace prefix), case-sensitive
// as XML is. It never fails: malformed input ends the scan and returns what was found. No DTD,
// no external entities (only the five predefined ones and character references are decoded), so
// untrusted bytes cannot make it read files or expand without bound.
// Thread safety: a pure function.
#ifndef VESTIGE_CRAWLER_XML_LINKS_H_
#define VESTIGE_CRAWLER_XML_LINKS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vestige::crawler {

enum class XmlKind { kNone, kUrlset, kSitemapIndex, kRss, kAtom };

struct XmlLink {
  std::string url;      // as written (entities decoded, whitespace trimmed); may be relative
  std::string lastmod;  // <lastmod> of a sitemap entry, "" if none
};

struct XmlLinks {
  XmlKind kind = XmlKind::kNone;  // from the root element
  // urlset: page <loc>s; sitemap index: sitemap <loc>s; RSS: channel and item <link>s; Atom:
  // feed and entry <link href> with rel alternate (or no rel).
  std::vector<XmlLink> links;
};

// Scans at most `max_bytes` of `xml`, keeping at most `max_links` links.
XmlLinks ExtractXmlLinks(std::string_view xml, std::size_t max_bytes = 50u << 20,
                         std::size_t max_links = 50000);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_XML_LINKS_H_
