// Benchmark corpora. See corpus.h. zlib is used here (bench only) to read *.html.gz inputs.
#include "corpus.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "vestige/common/html.h"

namespace vestige::bench {
namespace {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Removes every element <tag ...>...</tag> whose opening tag contains `needle` (both lower case;
// an empty needle removes all of them). `lower` mirrors `html` in lower case and is kept in step.
void RemoveElements(std::string* html, std::string* lower, const std::string& tag,
                    const std::string& needle, bool void_element) {
  const std::string open = "<" + tag;
  const std::string close = "</" + tag + ">";
  std::size_t pos = 0;
  while ((pos = lower->find(open, pos)) != std::string::npos) {
    const std::size_t gt = lower->find('>', pos);
    if (gt == std::string::npos) break;
    const std::string_view opening(lower->data() + pos, gt - pos);
    if (!needle.empty() && opening.find(needle) == std::string_view::npos) {
      pos = gt;
      continue;
    }
    std::size_t end = gt + 1;
    if (!void_element) {
      const std::size_t c = lower->find(close, gt);
      end = c == std::string::npos ? gt + 1 : c + close.size();
    }
    html->erase(pos, end - pos);
    lower->erase(pos, end - pos);
  }
}

// The inner HTML of <head> without the things that would contradict the synthetic article: its
// title, JSON-LD, and meta tags naming dates or titles.
std::string CleanHead(const std::string& page) {
  std::string lower = Lower(page);
  const std::size_t open = lower.find("<head");
  if (open == std::string::npos) return "";
  const std::size_t gt = lower.find('>', open);
  const std::size_t close = lower.find("</head>", open);
  if (gt == std::string::npos || close == std::string::npos || close < gt) return "";
  std::string head = page.substr(gt + 1, close - gt - 1);
  std::string head_lower = lower.substr(gt + 1, close - gt - 1);
  RemoveElements(&head, &head_lower, "title", "", false);
  RemoveElements(&head, &head_lower, "script", "ld+json", false);
  for (const char* needle : {"date", "publish", "modified", "title", "canonical", "og:url"}) {
    RemoveElements(&head, &head_lower, "meta", needle, true);
  }
  RemoveElements(&head, &head_lower, "link", "canonical", true);
  constexpr std::size_t kMaxHead = 256 * 1024;
  if (head.size() > kMaxHead) head.clear();  // a cut would leave an open <script>
  return head;
}

// Days since 1970-01-01 to y/m/d (H. Hinnant's civil_from_days).
void CivilFromDays(long z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(static_cast<long>(yoe) + era * 400 + (*m <= 2 ? 1 : 0));
}

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char* const kSections[] = {"World",   "Politics", "Business", "Opinion", "Europe",  "Belarus",
                                 "Culture", "Science",  "Sport",    "Video",   "Podcasts"};

}  // namespace

Result<std::string> Gunzip(const std::string& bytes) {
  std::string out;
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::Internal("inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  char buf[1 << 16];
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) {
      inflateEnd(&zs);
      return Status::Corruption("bad gzip stream");
    }
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Status::Corruption("truncated gzip stream");
    }
  }
  inflateEnd(&zs);
  return out;
}

Result<std::vector<SourcePage>> LoadHtmlFolder(const std::string& dir, std::size_t limit) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("no folder " + dir);
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const std::string name = Lower(it->path().filename().string());
    for (const char* ext : {".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"}) {
      if (EndsWith(name, ext)) {
        files.push_back(it->path());
        break;
      }
    }
  }
  if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (limit > 0 && files.size() > limit) files.resize(limit);
  if (files.empty()) return Status::NotFound("no HTML files below " + dir);
  std::vector<SourcePage> pages;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IOError("cannot read " + path.string());
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SourcePage page;
    page.name = fs::relative(path, dir, ec).string();
    if (EndsWith(page.name, ".gz")) {
      page.name.resize(page.name.size() - 3);
      Result<std::string> plain = Gunzip(bytes);
      if (!plain.ok()) return plain.status().WithContext(path.string());
      page.html = std::move(plain).value();
    } else {
      page.html = std::move(bytes);
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

Material CollectMaterial(const std::vector<SourcePage>& pages) {
  Material m;
  for (const SourcePage& page : pages) {
    const common::HtmlDocument doc = common::ParseHtml(page.html);
    std::string title;
    std::string language;
    common::ForEachElement(doc.root, [&](const common::HtmlNode& n) {
      if (n.is("html")) {
        language = Lower(n.attr("lang").value_or("").substr(0, 2));
      } else if (n.is("p")) {
        std::string text = CollapseSpace(common::InnerText(n));
        if (text.size() < 60) return;
        m.paragraphs_by_language[language].push_back(text);
        m.paragraph_language.push_back(language);
        m.paragraphs.push_back(std::move(text));
      } else if ((n.is("title") || n.is("h1")) && title.empty()) {
        title = CollapseSpace(common::InnerText(n));
      }
    });
    if (!title.empty()) m.titles.push_back(std::move(title));
    std::string head = CleanHead(page.html);
    if (!head.empty()) m.heads.push_back(std::move(head));
  }
  if (m.heads.empty()) m.heads.push_back("<meta name=\"viewport\" content=\"width=device-width\">");
  if (m.titles.empty()) m.titles.push_back("News");
  return m;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

PageGenerator::PageGenerator(const Material* material, std::uint64_t seed)
    : material_(material), rng_(seed) {}

const std::string& PageGenerator::Pick(const std::vector<std::string>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng_)];
}

PageGenerator::Article PageGenerator::Make(std::uint64_t n, const std::string& url) {
  // One language per article: that of a paragraph drawn from all of them (so languages keep
  // their share of the corpus).
  const std::size_t seed_paragraph =
      std::uniform_int_distribution<std::size_t>(0, material_->paragraphs.size() - 1)(rng_);
  const std::vector<std::string>& pool =
      material_->paragraphs_by_language.at(material_->paragraph_language[seed_paragraph]);
  // Title: the first 5-12 words of a real paragraph (a real title one time in four).
  std::string title;
  if (std::uniform_int_distribution<int>(0, 3)(rng_) == 0) {
    title = Pick(material_->titles);
  } else {
    std::istringstream words(Pick(pool));
    const int count = std::uniform_int_distribution<int>(5, 12)(rng_);
    std::string word;
    for (int i = 0; i < count && words >> word; ++i) title += (i ? " " : "") + word;
  }
  // Published between 2015-01-01 and 2024-12-31.
  int year = 0;
  unsigned month = 0, day = 0;
  CivilFromDays(std::uniform_int_distribution<long>(16436, 20088)(rng_), &year, &month, &day);
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", year, month, day);
  const std::string date = iso;
  const std::string human =
      std::string(kMonths[month - 1]) + " " + std::to_string(day) + ", " + std::to_string(year);
  const std::string section = kSections[n % std::size(kSections)];

  std::string h;
  h.reserve(64 * 1024);
  const std::string& language = material_->paragraph_language[seed_paragraph];
  h += "<!DOCTYPE html>\n<html" +
       (language.empty() ? "" : " lang=\"" + EscapeHtml(language) + "\"") +
       "><head><meta charset=\"utf-8\">\n<title>" + EscapeHtml(title) + " - " + section +
       "</title>\n";
  h += "<meta property=\"article:published_time\" content=\"" + date + "T08:00:00Z\">\n";
  h += "<link rel=\"canonical\" href=\"" + EscapeHtml(url) + "\">\n";
  h += Pick(material_->heads);
  h += "\n</head>\n<body class=\"article\">\n<header class=\"site-header\"><a class=\"logo\" "
       "href=\"/\">The Bench Times</a><nav><ul>";
  for (const char* s : kSections) {
    h += "<li><a href=\"/" + Lower(s) + "/\">" + s + "</a></li>";
  }
  h += "</ul></nav><form class=\"search\" action=\"/search\"><input name=\"q\" "
       "placeholder=\"Search\"><button>Go</button></form></header>\n";
  h += "<div class=\"breadcrumbs\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/" + Lower(section) +
       "/\">" + section + "</a></div>\n<main><article>\n<h1>" + EscapeHtml(title) + "</h1>\n";
  h += "<p class=\"byline\">By <span class=\"author\">Staff reporter</span> &middot; <time "
       "datetime=\"" +
       date + "\">" + human + "</time></p>\n<div class=\"article-body\">\n";
  const int paragraphs = std::uniform_int_distribution<int>(4, 18)(rng_);
  for (int i = 0; i < paragraphs; ++i) {
    h += "<p>" + EscapeHtml(Pick(pool)) + "</p>\n";
    if (i == 2) {
      h += "<div class=\"ad\"><span>Advertisement</span><a href=\"/subscribe\">Subscribe for "
           "full access</a></div>\n";
    }
  }
  h += "</div>\n<div class=\"share\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a> <a "
       "href=\"#\">Email</a></div>\n</article>\n<aside class=\"related\"><h2>Related</h2><ul>";
  for (int i = 0; i < 6; ++i) {
    h += "<li><a href=\"/" + Lower(section) + "/" + std::to_string(n * 7 + i) + ".html\">" +
         EscapeHtml(Pick(material_->titles)) + "</a></li>";
  }
  h +=
      "</ul></aside></main>\n<footer><p>&copy; The Bench Times. All rights reserved.</p><ul><li><a "
      "href=\"/about\">About</a></li><li><a href=\"/privacy\">Privacy</a></li><li><a "
      "href=\"/contact\">Contact</a></li></ul></footer>\n</body></html>\n";
  return {std::move(h), date};
}

}  // namespace vestige::bench
