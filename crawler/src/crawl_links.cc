// Scope and discovery: which URLs a fetched page adds to the frontier.
#include <filesystem>

#include "crawl_impl.h"
#include "vestige/common/date.h"
#include "vestige/common/html.h"
#include "vestige/crawler/xml_links.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;

std::string EffectivePort(const common::Url& u) {
  if (!u.port.empty()) return u.port;
  return u.scheme == "https" ? "443" : "80";
}
std::string HostKey(const common::Url& u) { return u.host + ":" + EffectivePort(u); }
std::string Origin(const common::Url& u) { return u.scheme + "://" + u.Authority(); }
std::string PathAndQuery(const common::Url& u) {
  std::string p = u.path.empty() ? "/" : u.path;
  if (u.has_query) p += "?" + u.query;
  return p;
}
bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}
bool IsRobotsUrl(std::string_view url) {
  // Asked of every fetched URL: a cheap test first, a parse only for likely ones.
  if (url.find("/robots.txt") == std::string_view::npos) return false;
  Result<common::Url> parsed = common::ParseUrl(url);
  return parsed.ok() && parsed->path == "/robots.txt";
}

std::string ScopeKey(const std::string& mode, const common::Url& seed) {
  if (mode == "domain") {
    std::string host = seed.host;
    if (host.rfind("www.", 0) == 0 && host.size() > 4) host = host.substr(4);
    return "domain:" + host;
  }
  if (mode == "prefix") {
    std::string path = seed.path.empty() ? "/" : seed.path;
    return "prefix:" + Origin(seed) + path.substr(0, path.rfind('/') + 1);
  }
  return HostKey(seed);
}

bool InScope(const std::string& scope, const common::Url& url, const std::string& canonical,
             const std::string& host_key) {
  if (scope.rfind("domain:", 0) == 0) {
    const std::string domain = scope.substr(7);
    const std::string& host = url.host;
    return host == domain ||
           (host.size() > domain.size() &&
            host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
            host[host.size() - domain.size() - 1] == '.');
  }
  if (scope.rfind("prefix:", 0) == 0) return canonical.rfind(scope.substr(7), 0) == 0;
  return scope == host_key;
}

bool Crawl::Queue(const FrontierEntry& entry) {
  if (!frontier_.Add(entry)) return false;
  common::Status st = state_->Enqueue(
      {entry.url, entry.host_key, entry.scope, entry.hops, entry.seed, entry.depth, entry.kind});
  if (!st.ok() && deferred_.ok()) deferred_ = st;
  return true;
}

void Crawl::Consider(std::string_view url_text, const FrontierEntry& from, int hops, bool seed,
                     int depth, const std::string& kind) {
  Result<std::string> canonical = common::CanonicalUrl(url_text);
  if (!canonical.ok()) return;
  Result<common::Url> url = common::ParseUrl(*canonical);
  if (!url.ok() || (url->scheme != "http" && url->scheme != "https")) return;
  ConsiderCanonical(std::move(*canonical), *url, from, hops, seed, depth, kind);
}

void Crawl::ConsiderCanonical(std::string canonical, const common::Url& url,
                              const FrontierEntry& from, int hops, bool seed, int depth,
                              const std::string& kind) {
  std::string host_key = HostKey(url);
  if (!seed && !InScope(from.scope, url, canonical, host_key)) {
    ++summary_.out_of_scope;
    return;
  }
  if (!seed && !frontier_.Seen(canonical) && !Admissible(canonical, url, depth)) return;
  std::string scope = seed ? ScopeKey(options_.scope, url) : from.scope;
  FrontierEntry entry{
      std::move(canonical), std::move(host_key), std::move(scope), hops, seed, 0, depth, kind};
  Queue(entry);
}

bool Crawl::Admissible(const std::string& canonical, const common::Url& url, int depth) {
  if (options_.max_depth >= 0 && depth > options_.max_depth) {
    ++summary_.filtered;
    return false;
  }
  bool trap = canonical.size() > options_.max_url_length;
  if (!trap && url.has_query) {
    int params = 1;
    for (char c : url.query) params += c == '&' || c == ';';
    trap = params > options_.max_query_params;
  }
  if (!trap) {
    std::map<std::string_view, int> segments;
    std::string_view path = url.path;
    while (!trap && !path.empty()) {
      std::size_t slash = path.find('/');
      std::string_view segment = path.substr(0, slash);
      if (!segment.empty() && ++segments[segment] > options_.max_repeated_segments) trap = true;
      path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
    }
  }
  if (trap) {
    ++summary_.traps;
    return false;
  }
  for (const std::regex& re : exclude_) {
    if (std::regex_search(canonical, re)) {
      ++summary_.filtered;
      return false;
    }
  }
  if (include_.empty()) return true;
  for (const std::regex& re : include_) {
    if (std::regex_search(canonical, re)) return true;
  }
  ++summary_.filtered;
  return false;
}

void Crawl::QueueLinks(const common::Url& page, const common::HttpResponse& response,
                       const FrontierEntry& entry) {
  std::optional<std::string_view> type = common::FindHeader(response.headers, "Content-Type");
  std::string mime = type ? common::MimeType(*type) : "";
  if (mime != "text/html" && mime != "application/xhtml+xml") return;
  // Read on the link worker while the page was archived, or here for pages it did not get.
  std::optional<std::vector<PageLink>> links =
      links_.Has(entry.url) ? links_.Take() : ReadPageLinks(page, response);
  if (!links) return;
  for (PageLink& link : *links) {
    ConsiderCanonical(std::move(link.canonical), link.url, entry, 0, false, entry.depth + 1,
                      link.feed ? "feed" : "page");
  }
}

namespace {

bool IsXmlType(std::string_view mime) {
  return mime == "application/xml" || mime == "text/xml" || mime == "application/rss+xml" ||
         mime == "application/atom+xml" || mime == "application/rdf+xml";
}

bool IsGzipType(std::string_view mime) {
  return mime == "application/gzip" || mime == "application/x-gzip";
}

}  // namespace

void Crawl::QueueXmlLinks(const common::Url& doc, const common::HttpResponse& response,
                          const FrontierEntry& entry) {
  std::string body = response.payload;
  std::optional<std::string_view> encoding =
      common::FindHeader(response.headers, "Content-Encoding");
  if (encoding && !encoding->empty()) {
    Result<std::string> plain = common::DecodeContentEncoding(body, *encoding);
    if (!plain.ok()) return;
    body = std::move(*plain);
  }
  // A gzipped sitemap (sitemap.xml.gz) is gzip bytes served as such, not a content coding.
  if (body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
      static_cast<unsigned char>(body[1]) == 0x8b) {
    Result<std::string> plain = common::DecodeContentEncoding(body, "gzip");
    if (!plain.ok()) return;
    body = std::move(*plain);
  }
  XmlLinks links = ExtractXmlLinks(body);
  if (links.kind == XmlKind::kNone) return;
  const std::string kind = links.kind == XmlKind::kSitemapIndex ? "sitemap" : "page";
  for (const XmlLink& link : links.links) {
    Result<common::Url> target = common::ResolveUrl(doc, link.url);
    if (!target.ok()) continue;
    Result<std::string> canonical = common::CanonicalUrl(target->ToString());
    if (!canonical.ok()) continue;
    if (!link.lastmod.empty()) {
      Result<common::UnixSeconds> when = common::ParseIsoTimestamp(link.lastmod);
      if (when.ok()) lastmod_[*canonical] = *when;
    }
    Consider(*canonical, entry, 0, false, entry.depth + 1, kind);
  }
}

void Crawl::QueueSitemaps(const FrontierEntry& entry, const common::Url& url) {
  const std::string origin = Origin(url);
  if (!sitemaps_queued_.insert(origin).second) return;
  Consider(origin + "/sitemap.xml", entry, 0, false, entry.depth + 1, "sitemap");
  auto rules = robots_.find(origin);
  if (rules == robots_.end()) return;
  for (const std::string& line : rules->second.sitemaps()) {
    Result<common::Url> target = common::ResolveUrl(url, line);
    if (target.ok()) Consider(target->ToString(), entry, 0, false, entry.depth + 1, "sitemap");
  }
}

void Crawl::AfterFetch(const FrontierEntry& entry, const common::Url& url, const Outcome& out) {
  if (!out.parsed) return;
  if (IsRedirect(out.status)) {
    auto location = common::FindHeader(out.parsed->headers, "Location");
    if (location && entry.hops < options_.max_redirects) {
      Result<common::Url> target = common::ResolveUrl(url, *location);
      if (target.ok()) {
        Consider(target->ToString(), entry, entry.hops + 1, entry.seed, entry.depth, entry.kind);
      }
    }
  } else if (out.status == 304 && out.previous) {
    LinksFromArchive(entry, url, *out.previous);
  } else if (out.status >= 200 && out.status < 300 && !out.failed) {
    std::optional<std::string_view> type = common::FindHeader(out.parsed->headers, "Content-Type");
    const std::string mime = type ? common::MimeType(*type) : "";
    if (entry.kind == "feed" || entry.kind == "sitemap" || IsXmlType(mime) || IsGzipType(mime)) {
      QueueXmlLinks(url, *out.parsed, entry);
    } else {
      QueueLinks(url, *out.parsed, entry);
    }
  }
}

void Crawl::LinksFromArchive(const FrontierEntry& entry, const common::Url& url,
                             const UrlRow& row) {
  if (row.warc_file.empty()) return;
  auto record = common::ReadWarcRecordAt(
      (fs::path(options_.collection) / "warc" / row.warc_file).string(), row.warc_offset);
  if (!record.ok()) return;
  Result<common::HttpResponse> parsed = common::ParseHttpResponse(record->record.block);
  if (!parsed.ok() || parsed->status < 200 || parsed->status >= 300) return;
  Outcome out;
  out.status = parsed->status;
  out.parsed = std::move(*parsed);
  AfterFetch(entry, url, out);
}

}  // namespace vestige::crawler
