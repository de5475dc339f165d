#include "vestige/crawler/xml_links.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "vestige/common/utf8.h"

namespace vestige::crawler {

namespace {

struct Tag {
  std::string name;                                             // local name
  std::vector<std::pair<std::string, std::string>> attributes;  // local names, decoded values
  bool closing = false;
  bool self_closing = false;
};

std::string LocalName(std::string_view name) {
  std::size_t colon = name.rfind(':');
  return std::string(colon == std::string_view::npos ? name : name.substr(colon + 1));
}

// Decodes the predefined entities and character references; anything else stays as written.
std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out.push_back(s[i++]);
      continue;
    }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(s[i++]);
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out.push_back('&');
    else if (name == "lt")
      out.push_back('<');
    else if (name == "gt")
      out.push_back('>');
    else if (name == "quot")
      out.push_back('"');
    else if (name == "apos")
      out.push_back('\'');
    else if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int v = (c >= '0' && c <= '9')          ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (v < 0) ok = false;
        if (ok) cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      }
      if (!ok) {
        out.append(s.substr(i, semi - i + 1));
      } else {
        common::AppendUtf8(cp, &out);
      }
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi + 1;
  }
  return out;
}

std::string Trim(std::string s) {
  const char* ws = " \t\r\n";
  std::size_t a = s.find_first_not_of(ws);
  if (a == std::string::npos) return "";
  std::size_t b = s.find_last_not_of(ws);
  return s.substr(a, b - a + 1);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Parses the inside of "<...>" (without the brackets).
Tag ParseTag(std::string_view body) {
  Tag tag;
  std::size_t i = 0;
  if (!body.empty() && body[0] == '/') {
    tag.closing = true;
    i = 1;
  }
  if (!body.empty() && body.back() == '/') {
    tag.self_closing = true;
    body.remove_suffix(1);
  }
  std::size_t start = i;
  while (i < body.size() && !IsSpace(body[i])) ++i;
  tag.name = LocalName(body.substr(start, i - start));
  while (i < body.size()) {
    while (i < body.size() && IsSpace(body[i])) ++i;
    std::size_t name_start = i;
    while (i < body.size() && body[i] != '=' && !IsSpace(body[i])) ++i;
    std::string name = LocalName(body.substr(name_start, i - name_start));
    while (i < body.size() && IsSpace(body[i])) ++i;
    if (i >= body.size() || body[i] != '=') {
      if (!name.empty()) tag.attributes.emplace_back(name, "");
      if (i < body.size() && name.empty()) ++i;  // stray character
      continue;
    }
    ++i;
    while (i < body.size() && IsSpace(body[i])) ++i;
    std::string value;
    if (i < body.size() && (body[i] == '"' || body[i] == '\'')) {
      char quote = body[i++];
      std::size_t end = body.find(quote, i);
      if (end == std::string_view::npos) end = body.size();
      value = DecodeEntities(body.substr(i, end - i));
      i = end + 1;
    } else {
      std::size_t value_start = i;
      while (i < body.size() && !IsSpace(body[i])) ++i;
      value = DecodeEntities(body.substr(value_start, i - value_start));
    }
    tag.attributes.emplace_back(std::move(name), std::move(value));
  }
  return tag;
}

std::optional<std::string> Attribute(const Tag& tag, std::string_view name) {
  for (const auto& [n, v] : tag.attributes) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace

XmlLinks ExtractXmlLinks(std::string_view xml, std::size_t max_bytes, std::size_t max_links) {
  XmlLinks out;
  if (xml.size() > max_bytes) xml = xml.substr(0, max_bytes);
  std::vector<std::string> stack;  // open elements, local names
  std::string text;                // text of the innermost element being collected
  XmlLink pending;                 // the entry (url / item) being read
  auto parent_is = [&stack](std::string_view name) {
    return stack.size() >= 2 && stack[stack.size() - 2] == name;
  };
  auto add = [&out, max_links](std::string url, std::string lastmod) {
    url = Trim(std::move(url));
    if (url.empty() || out.links.size() >= max_links) return;
    out.links.push_back({std::move(url), Trim(std::move(lastmod))});
  };
  // Ends the innermost open element.
  auto close_top = [&]() {
    const std::string& name = stack.back();
    if (out.kind == XmlKind::kUrlset || out.kind == XmlKind::kSitemapIndex) {
      if (name == "loc" && (parent_is("url") || parent_is("sitemap"))) pending.url = text;
      if (name == "lastmod" && (parent_is("url") || parent_is("sitemap"))) pending.lastmod = text;
      if ((name == "url" && out.kind == XmlKind::kUrlset) ||
          (name == "sitemap" && out.kind == XmlKind::kSitemapIndex)) {
        add(std::move(pending.url), std::move(pending.lastmod));
        pending = XmlLink();
      }
    } else if (out.kind == XmlKind::kRss && name == "link" &&
               (parent_is("item") || parent_is("channel"))) {
      add(text, "");
    }
    stack.pop_back();
    text.clear();
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      std::size_t next = xml.find('<', i);
      if (next == std::string_view::npos) next = xml.size();
      text += DecodeEntities(xml.substr(i, next - i));
      i = next;
      continue;
    }
    std::string_view rest = xml.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      std::size_t end = xml.find("-->", i + 4);
      i = end == std::string_view::npos ? xml.size() : end + 3;
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      std::size_t end = xml.find("]]>", i + 9);
      std::size_t stop = end == std::string_view::npos ? xml.size() : end;
      text += xml.substr(i + 9, stop - i - 9);
      i = end == std::string_view::npos ? xml.size() : end + 3;
      continue;
    }
    if (rest.substr(0, 2) == "<?" || rest.substr(0, 2) == "<!") {
      std::size_t end = xml.find('>', i + 2);
      i = end == std::string_view::npos ? xml.size() : end + 1;
      continue;
    }
    // A tag: find its end, skipping '>' inside quoted attribute values.
    std::size_t j = i + 1;
    char quote = 0;
    while (j < xml.size() && (quote != 0 || xml[j] != '>')) {
      if (quote == 0 && (xml[j] == '"' || xml[j] == '\''))
        quote = xml[j];
      else if (quote != 0 && xml[j] == quote)
        quote = 0;
      ++j;
    }
    if (j >= xml.size()) break;  // a torn tag ends the scan
    Tag tag = ParseTag(xml.substr(i + 1, j - i - 1));
    i = j + 1;
    if (tag.name.empty()) continue;
    if (!tag.closing) {
      if (stack.empty()) {
        if (tag.name == "urlset")
          out.kind = XmlKind::kUrlset;
        else if (tag.name == "sitemapindex")
          out.kind = XmlKind::kSitemapIndex;
        else if (tag.name == "rss" || tag.name == "RDF")
          out.kind = XmlKind::kRss;
        else if (tag.name == "feed")
          out.kind = XmlKind::kAtom;
        else
          return out;  // not a feed or sitemap
      }
      if (out.kind == XmlKind::kAtom && tag.name == "link" && !stack.empty() &&
          (stack.back() == "feed" || stack.back() == "entry")) {
        std::string rel = Attribute(tag, "rel").value_or("alternate");
        if (rel == "alternate") add(Attribute(tag, "href").value_or(""), "");
      }
      if ((tag.name == "url" || tag.name == "sitemap") && !stack.empty()) {
        if (!pending.url.empty()) add(std::move(pending.url), std::move(pending.lastmod));
        pending = XmlLink();
      }
      text.clear();
      if (!tag.self_closing) stack.push_back(tag.name);
      continue;
    }
    // A closing tag: close every element down to the matching one (unclosed children too).
    std::size_t depth = stack.size();
    while (depth > 0 && stack[depth - 1] != tag.name) --depth;
    if (depth == 0) continue;  // stray end tag
    while (stack.size() >= depth) close_top();
  }
  if (!pending.url.empty()) add(std::move(pending.url), std::move(pending.lastmod));
  return out;
}

}  // namespace vestige::crawler
