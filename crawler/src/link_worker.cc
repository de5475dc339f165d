#include "link_worker.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace vestige::crawler {

namespace {

bool HasRelToken(std::string_view rel, std::string_view wanted) {
  constexpr std::string_view kSpace = " \t\n\f\r";
  while (!rel.empty()) {
    const std::size_t start = rel.find_first_not_of(kSpace);
    if (start == std::string_view::npos) break;
    rel.remove_prefix(start);
    const std::size_t end = std::min(rel.find_first_of(kSpace), rel.size());
    if (rel.substr(0, end) == wanted) return true;
    rel.remove_prefix(end);
  }
  return false;
}

std::optional<common::HtmlLinks> ReadHtmlLinks(const common::HttpResponse& response) {
  std::optional<std::string_view> encoding =
      common::FindHeader(response.headers, "Content-Encoding");
  if (encoding && !encoding->empty()) {
    common::Result<std::string> plain = common::DecodeContentEncoding(response.payload, *encoding);
    if (!plain.ok()) return std::nullopt;
    return common::ParseHtmlLinks(*plain);
  }
  return common::ParseHtmlLinks(response.payload);  // no DOM of ours: links only
}

}  // namespace

std::optional<std::vector<PageLink>> ReadPageLinks(const common::Url& page,
                                                   const common::HttpResponse& response) {
  std::optional<common::HtmlLinks> links = ReadHtmlLinks(response);
  if (!links) return std::nullopt;
  common::Url base = page;
  if (links->base_href) {
    common::Result<common::Url> resolved = common::ResolveUrl(page, *links->base_href);
    if (resolved.ok()) base = *resolved;
  }
  std::vector<PageLink> out;
  out.reserve(links->links.size());
  for (const common::HtmlLink& link : links->links) {
    const bool alternate = link.tag == "link" && HasRelToken(link.rel, "alternate");
    if (link.tag == "link" && !alternate && !HasRelToken(link.rel, "canonical")) continue;
    if (link.tag != "a" && link.tag != "area" && link.tag != "link" && link.tag != "iframe" &&
        link.tag != "meta-refresh") {
      continue;
    }
    common::Result<common::Url> target = common::ResolveUrl(base, link.url);
    if (!target.ok()) continue;
    common::Result<std::string> canonical = common::CanonicalUrl(target->ToString());
    if (!canonical.ok()) continue;
    common::Result<common::Url> url = common::ParseUrl(*canonical);
    if (!url.ok() || (url->scheme != "http" && url->scheme != "https")) continue;
    PageLink& l = out.emplace_back();
    l.canonical = std::move(*canonical);
    l.url = std::move(*url);
    l.feed =
        alternate && (link.type == "application/rss+xml" || link.type == "application/atom+xml" ||
                      link.type == "application/rdf+xml");
  }
  return out;
}

LinkWorker::LinkWorker() {
  try {
    thread_ = std::thread([this] { Loop(); });
  } catch (const std::system_error&) {
    // No thread: Take() does the work itself.
  }
}

LinkWorker::~LinkWorker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LinkWorker::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || has_job_; });
    if (stop_) return;
    has_job_ = false;
    common::Url page = std::move(page_);
    common::HttpResponse job = std::move(job_);
    lock.unlock();
    std::optional<std::vector<PageLink>> links = ReadPageLinks(page, job);
    lock.lock();
    result_ = std::move(links);
    done_ = true;
    cv_.notify_all();
  }
}

void LinkWorker::Start(std::string key, const common::Url& page,
                       const common::HttpResponse& response) {
  Drop();
  key_ = std::move(key);
  pending_ = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    page_ = page;
    job_ = response;
    done_ = false;
    has_job_ = true;
  }
  cv_.notify_all();
}

std::optional<std::vector<PageLink>> LinkWorker::Take() {
  pending_ = false;
  key_.clear();
  std::unique_lock<std::mutex> lock(mu_);
  if (!thread_.joinable()) {
    has_job_ = false;
    return ReadPageLinks(page_, job_);
  }
  cv_.wait(lock, [this] { return done_; });
  done_ = false;
  return std::move(result_);
}

void LinkWorker::Drop() {
  if (pending_) Take();
}

}  // namespace vestige::crawler
