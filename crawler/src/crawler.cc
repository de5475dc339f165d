#include "vestige/crawler/crawler.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "archive.h"
#include "crawl_log.h"
#include "crawl_state.h"
#include "fetcher.h"
#include "frontier.h"
#include "vestige/common/html.h"
#include "vestige/common/http.h"
#include "vestige/common/url.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/robots.h"

namespace vestige::crawler {

namespace {

namespace fs = std::filesystem;
using common::Result;
using common::Status;
using Clock = std::chrono::steady_clock;

// RFC 9309 2.3.1.2: follow at least five redirects for robots.txt.
constexpr int kMaxRobotsRedirects = 5;

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

bool HasRelToken(std::string_view rel, std::string_view wanted) {
  std::istringstream tokens{std::string(rel)};
  std::string token;
  while (tokens >> token) {
    if (token == wanted) return true;
  }
  return false;
}

Result<std::vector<std::string>> ReadSeedsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read seeds file " + path);
  std::vector<std::string> seeds;
  std::string line;
  while (std::getline(in, line)) {
    std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    std::size_t end = line.find_last_not_of(" \t\r");
    seeds.push_back(line.substr(start, end - start + 1));
  }
  if (in.bad()) return Status::IOError("error reading seeds file " + path);
  return seeds;
}

// What the crawl loop needs to know about one finished fetch.
struct Outcome {
  bool got_response = false;
  bool failed = false;
  int status = 0;
  std::optional<common::HttpResponse> parsed;
};

class Crawl {
 public:
  explicit Crawl(CrawlOptions options) : options_(std::move(options)) {}

  Status Open();
  Status Run();
  // Closes the WARC file and commits the state; runs even after a failed Run().
  Status Finish();
  CrawlSummary& summary() { return summary_; }

 private:
  Result<Outcome> FetchAndRecord(const std::string& url, const std::string& host_key,
                                 const char* kind);
  Status EnsureRobots(const common::Url& url);
  // Queues a discovered URL if it is http(s), in `scope` and new. A `seed` URL defines its own
  // scope instead.
  void Consider(std::string_view url_text, const std::string& scope, int hops, bool seed);
  void QueueLinks(const common::Url& page, const common::HttpResponse& response,
                  const FrontierEntry& entry);

  CrawlOptions options_;
  std::vector<std::string> seeds_;  // canonical
  std::unique_ptr<CrawlState> state_;
  std::unique_ptr<CrawlLog> log_;
  std::unique_ptr<common::WarcWriter> writer_;
  std::unique_ptr<Fetcher> fetcher_;
  Frontier frontier_;
  std::map<std::string, RobotsRules> robots_;  // by origin
  std::set<std::string> warc_files_;
  int since_commit_ = 0;
  CrawlSummary summary_;
};

Status Crawl::Open() {
  std::vector<std::string> given = options_.seeds;
  if (!options_.seeds_file.empty()) {
    Result<std::vector<std::string>> more = ReadSeedsFile(options_.seeds_file);
    if (!more.ok()) return more.status();
    given.insert(given.end(), more->begin(), more->end());
  }
  for (const std::string& seed : given) {
    Result<std::string> canonical = common::CanonicalUrl(seed);
    if (!canonical.ok()) {
      return Status::InvalidArgument("bad seed '" + seed + "': " + canonical.status().message());
    }
    Result<common::Url> url = common::ParseUrl(*canonical);
    if (!url.ok() || (url->scheme != "http" && url->scheme != "https") || url->host.empty()) {
      return Status::InvalidArgument("bad seed '" + seed + "': not an http(s) URL with a host");
    }
    if (frontier_.Add({*canonical, HostKey(*url), HostKey(*url), 0, true, 0})) {
      seeds_.push_back(*canonical);
    }
  }
  if (seeds_.empty()) return Status::InvalidArgument("no seeds to crawl");

  const fs::path root = options_.collection;
  std::error_code ec;
  for (const fs::path& dir : {root / "warc", root / "crawl"}) {
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
      return Status::IOError("cannot create " + dir.string() + ": " +
                             (ec ? ec.message() : "not a folder"));
    }
  }
  Result<std::unique_ptr<CrawlState>> state =
      CrawlState::Open((root / "crawl/state.sqlite").string());
  if (!state.ok()) return state.status();
  state_ = std::move(*state);
  Result<std::unique_ptr<CrawlLog>> log = CrawlLog::Open((root / "crawl/crawl.log").string());
  if (!log.ok()) return log.status();
  log_ = std::move(*log);

  common::WarcWriterOptions warc;
  warc.directory = (root / "warc").string();
  warc.prefix = options_.warc_prefix;
  warc.max_file_bytes = options_.warc_max_file_bytes;
  warc.warcinfo_fields = WarcinfoFields(options_, seeds_);
  Result<std::unique_ptr<common::WarcWriter>> writer = common::WarcWriter::Open(warc);
  if (!writer.ok()) return writer.status();
  writer_ = std::move(*writer);

  FetcherOptions fetch;
  fetch.user_agent = options_.user_agent;
  fetch.resolve = options_.resolve;
  fetch.connect_timeout_seconds = options_.connect_timeout_seconds;
  fetch.total_timeout_seconds = options_.total_timeout_seconds;
  fetch.low_speed_bytes = options_.low_speed_bytes;
  fetch.low_speed_seconds = options_.low_speed_seconds;
  fetch.max_body_bytes = options_.max_body_bytes;
  Result<std::unique_ptr<Fetcher>> fetcher = NewCurlFetcher(fetch);
  if (!fetcher.ok()) return fetcher.status();
  fetcher_ = std::move(*fetcher);
  return Status::OK();
}

Result<Outcome> Crawl::FetchAndRecord(const std::string& url, const std::string& host_key,
                                      const char* kind) {
  // Politeness: the loop picks ready hosts, but robots.txt redirect hops come here directly.
  Clock::time_point allowed = frontier_.NextAllowed(host_key);
  if (allowed > Clock::now()) std::this_thread::sleep_until(allowed);
  FetchResult fetch = fetcher_->Fetch(url);
  frontier_.SetNextAllowed(
      host_key, Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(options_.delay_seconds)));

  Outcome out;
  out.got_response = fetch.got_response();
  out.status = fetch.status;
  FetchRow row;
  row.url = url;
  row.time = common::FormatWarcDate(fetch.request_time);
  row.status = fetch.status;
  LogEntry entry;
  entry.time = row.time;
  entry.url = url;
  entry.kind = kind;
  entry.status = fetch.status;
  entry.bytes = fetch.response_bytes.size();
  entry.duration_ms = fetch.duration_ms;
  summary_.bytes += fetch.response_bytes.size();

  if (out.got_response) {
    Result<common::HttpResponse> parsed = common::ParseHttpResponse(fetch.response_bytes);
    if (parsed.ok()) out.parsed = std::move(*parsed);
    Result<ArchivedExchange> archived =
        ArchiveExchange(*writer_, url, fetch, out.parsed ? &*out.parsed : nullptr);
    if (!archived.ok()) return archived.status();
    warc_files_.insert(archived->response.file);
    row.archived = true;
    row.payload_digest = archived->payload_digest;
    row.warc_file = archived->response.file;
    row.warc_offset = archived->response.offset;
    if (out.parsed) {
      if (auto etag = common::FindHeader(out.parsed->headers, "ETag")) row.etag = *etag;
      if (auto lm = common::FindHeader(out.parsed->headers, "Last-Modified")) {
        row.last_modified = *lm;
      }
    }
    entry.payload_digest = archived->payload_digest;
    entry.warc_file = archived->response.file;
    entry.warc_offset = archived->response.offset;
  }
  std::string error = fetch.error;
  if (error.empty() && fetch.status >= 500) error = "HTTP " + std::to_string(fetch.status);
  if (error.empty() && out.got_response && !out.parsed) error = "response does not parse as HTTP";
  out.failed = !error.empty();
  if (out.failed) {
    ++summary_.failed;
    row.error = error;
    entry.error = error;
  } else {
    ++summary_.fetched;
  }
  VESTIGE_RETURN_IF_ERROR(state_->RecordFetch(row));
  VESTIGE_RETURN_IF_ERROR(log_->Append(entry));
  if (++since_commit_ >= options_.commit_every) {
    // The order matters: records first on disk, then the state that points at them.
    VESTIGE_RETURN_IF_ERROR(writer_->Sync());
    VESTIGE_RETURN_IF_ERROR(state_->Commit());
    since_commit_ = 0;
  }
  return out;
}

Status Crawl::EnsureRobots(const common::Url& page) {
  const std::string origin = Origin(page);
  if (robots_.count(origin) != 0) return Status::OK();
  // RFC 9309 2.3.1: 2xx -> parse; 3xx -> follow (up to 5 hops); 4xx -> allow all;
  // 5xx or unreachable -> disallow all.
  RobotsRules rules = RobotsRules::DisallowAll();
  std::string next = origin + "/robots.txt";
  for (int hop = 0; hop <= kMaxRobotsRedirects; ++hop) {
    Result<std::string> canonical = common::CanonicalUrl(next);
    if (!canonical.ok()) break;
    Result<common::Url> url = common::ParseUrl(*canonical);
    if (!url.ok() || (url->scheme != "http" && url->scheme != "https")) break;
    ++summary_.robots_fetches;
    Result<Outcome> out = FetchAndRecord(*canonical, HostKey(*url), "robots");
    if (!out.ok()) return out.status();
    if (!out->got_response || out->failed) break;
    int status = out->status;
    if (status >= 200 && status < 300 && out->parsed) {
      rules = RobotsRules::Parse(out->parsed->payload, options_.user_agent);
      break;
    }
    std::optional<std::string_view> location =
        out->parsed ? common::FindHeader(out->parsed->headers, "Location") : std::nullopt;
    if (IsRedirect(status) && location && hop < kMaxRobotsRedirects) {
      Result<common::Url> target = common::ResolveUrl(*url, *location);
      if (target.ok()) {
        next = target->ToString();
        continue;
      }
    }
    rules = RobotsRules::AllowAll();  // 4xx, or a redirect chain we do not follow further
    break;
  }
  robots_.emplace(origin, std::move(rules));
  return Status::OK();
}

void Crawl::Consider(std::string_view url_text, const std::string& scope, int hops, bool seed) {
  Result<std::string> canonical = common::CanonicalUrl(url_text);
  if (!canonical.ok()) return;
  Result<common::Url> url = common::ParseUrl(*canonical);
  if (!url.ok() || (url->scheme != "http" && url->scheme != "https")) return;
  std::string host_key = HostKey(*url);
  if (!seed && host_key != scope) return;
  frontier_.Add({*canonical, host_key, seed ? host_key : scope, hops, seed, 0});
}

void Crawl::QueueLinks(const common::Url& page, const common::HttpResponse& response,
                       const FrontierEntry& entry) {
  std::optional<std::string_view> type = common::FindHeader(response.headers, "Content-Type");
  std::string mime = type ? common::MimeType(*type) : "";
  if (mime != "text/html" && mime != "application/xhtml+xml") return;
  std::string decoded;
  std::string_view html = response.payload;
  std::optional<std::string_view> encoding =
      common::FindHeader(response.headers, "Content-Encoding");
  if (encoding && !encoding->empty()) {
    Result<std::string> plain = common::DecodeContentEncoding(response.payload, *encoding);
    if (!plain.ok()) return;
    decoded = std::move(*plain);
    html = decoded;
  }
  common::HtmlDocument doc = common::ParseHtml(html);
  common::HtmlLinks links = common::ExtractLinks(doc.root);
  common::Url base = page;
  if (links.base_href) {
    Result<common::Url> resolved = common::ResolveUrl(page, *links.base_href);
    if (resolved.ok()) base = *resolved;
  }
  for (const common::HtmlLink& link : links.links) {
    if (link.tag == "link" && !HasRelToken(link.rel, "alternate") &&
        !HasRelToken(link.rel, "canonical")) {
      continue;
    }
    if (link.tag != "a" && link.tag != "area" && link.tag != "link" && link.tag != "iframe" &&
        link.tag != "meta-refresh") {
      continue;
    }
    Result<common::Url> target = common::ResolveUrl(base, link.url);
    if (target.ok()) Consider(target->ToString(), entry.scope, 0, false);
  }
}

Status Crawl::Run() {
  while (!frontier_.empty() && summary_.pages < options_.max_pages) {
    Clock::time_point ready_at;
    std::optional<FrontierEntry> entry = frontier_.Pop(Clock::now(), &ready_at);
    if (!entry) {
      std::this_thread::sleep_until(ready_at);
      continue;
    }
    Result<common::Url> url = common::ParseUrl(entry->url);
    if (!url.ok()) continue;  // cannot happen: queued URLs are canonical
    if (options_.obey_robots) {
      if (robots_.count(Origin(*url)) == 0) {
        VESTIGE_RETURN_IF_ERROR(EnsureRobots(*url));
        frontier_.PushFront(std::move(*entry));  // fetched after the host's delay
        continue;
      }
      if (!robots_.at(Origin(*url)).IsAllowed(PathAndQuery(*url))) {
        ++summary_.robots_disallowed;
        continue;
      }
    }
    ++summary_.pages;
    Result<Outcome> out = FetchAndRecord(entry->url, entry->host_key, "page");
    if (!out.ok()) return out.status();
    if (!out->parsed) continue;
    if (IsRedirect(out->status)) {
      auto location = common::FindHeader(out->parsed->headers, "Location");
      if (location && entry->hops < options_.max_redirects) {
        Result<common::Url> target = common::ResolveUrl(*url, *location);
        if (target.ok()) {
          Consider(target->ToString(), entry->scope, entry->hops + 1, entry->seed);
        }
      }
    } else if (out->status >= 200 && out->status < 300 && !out->failed) {
      QueueLinks(*url, *out->parsed, *entry);
    }
  }
  return Status::OK();
}

Status Crawl::Finish() {
  Status status;
  if (writer_) status = writer_->Close();
  if (state_ && status.ok()) status = state_->Commit();
  summary_.warc_files.assign(warc_files_.begin(), warc_files_.end());
  return status;
}

}  // namespace

std::string CrawlSummary::ToLine() const {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer,
                "vestige-crawl: %lld fetched, %lld failed, %llu bytes, %.1f s (%lld pages, %lld "
                "robots.txt, %lld disallowed by robots.txt)",
                static_cast<long long>(fetched), static_cast<long long>(failed),
                static_cast<unsigned long long>(bytes), seconds, static_cast<long long>(pages),
                static_cast<long long>(robots_fetches), static_cast<long long>(robots_disallowed));
  return buffer;
}

Result<CrawlSummary> RunCrawl(const CrawlOptions& options) {
  VESTIGE_RETURN_IF_ERROR(ValidateCrawlOptions(options));
  auto start = Clock::now();
  Crawl crawl(options);
  Status status = crawl.Open();
  if (status.ok()) status = crawl.Run();
  // Even after an error, close what was written so the files get their final names and the
  // state covers the records on disk.
  Status finished = crawl.Finish();
  if (status.ok()) status = finished;
  if (!status.ok()) return status;
  crawl.summary().seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return crawl.summary();
}

}  // namespace vestige::crawler
