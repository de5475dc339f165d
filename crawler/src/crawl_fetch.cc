// One fetch: the conditional request, the WARC records (a revisit record when nothing changed),
// the state rows, the change outcome and the log line. Also robots.txt per origin.
#include <algorithm>
#include <filesystem>

#include "archive.h"
#include "crawl_impl.h"

namespace vestige::crawler {

namespace {

namespace fs = std::filesystem;
using common::Result;
using common::Status;
using Clock = std::chrono::steady_clock;

// RFC 9309 2.3.1.2: follow at least five redirects for robots.txt.
constexpr int kMaxRobotsRedirects = 5;

bool Usable(const std::optional<UrlRow>& row) {
  return row && !row->record_id.empty() && !row->payload_digest.empty() &&
         !row->capture_date.empty();
}

}  // namespace

Result<std::string> Crawl::Account(const Exchange& x, const std::optional<UrlRow>& previous,
                                   bool write_log) {
  std::string change;
  const bool was_there =
      previous && ((previous->last_status >= 200 && previous->last_status < 300) ||
                   previous->last_status == 304);
  if (!x.error.empty()) {
    change = "failed";
  } else if ((x.status == 404 || x.status == 410) && was_there) {
    change = "gone";
  } else if (x.revisit) {
    change = "unchanged";
  } else if (!previous || previous->payload_digest.empty()) {
    change = "new";
  } else if (x.payload_digest == previous->payload_digest) {
    change = "unchanged";
  } else {
    change = "changed";
  }
  FetchRow row;
  row.url = x.url;
  row.time = x.time;
  row.status = x.status;
  row.error = x.error;
  row.archived = x.archived;
  row.revisit = x.revisit && previous.has_value();
  row.etag = x.etag;
  row.last_modified = x.last_modified;
  row.payload_digest = x.payload_digest;
  row.warc_file = x.warc_file;
  row.warc_offset = x.warc_offset;
  row.record_id = x.record_id;
  VESTIGE_RETURN_IF_ERROR(state_->RecordFetch(row));
  VESTIGE_RETURN_IF_ERROR(state_->RecordOutcome(run_, {x.url, x.kind, change, x.status, x.time}));
  VESTIGE_RETURN_IF_ERROR(state_->Dequeue(x.url));
  if (IsRobotsUrl(x.url)) robots_done_.insert(x.url);
  if (x.error.empty()) {
    ++summary_.fetched;
  } else {
    ++summary_.failed;
  }
  if (write_log) {
    LogEntry entry;
    entry.time = x.time;
    entry.url = x.url;
    entry.kind = x.kind;
    entry.status = x.status;
    entry.bytes = x.bytes;
    entry.payload_digest = x.payload_digest;
    entry.duration_ms = x.duration_ms;
    if (x.archived) {
      entry.warc_file = x.warc_file;
      entry.warc_offset = x.warc_offset;
    }
    if (!x.error.empty()) entry.error = x.error;
    entry.change = change;
    entry.revisit = x.revisit;
    VESTIGE_RETURN_IF_ERROR(log_->Append(entry));
  }
  // Committed by the caller once the fetch's links are queued too (see Crawl::Complete).
  ++since_commit_;
  return change;
}

Status Crawl::CommitBatch() {
  // The order matters: records first on disk, then the state that points at them.
  if (writer_) VESTIGE_RETURN_IF_ERROR(writer_->Sync());
  if (!mark_.file.empty()) VESTIGE_RETURN_IF_ERROR(state_->SetMeta("warc_mark", mark_.Encode()));
  VESTIGE_RETURN_IF_ERROR(state_->Commit());
  since_commit_ = 0;
  return Status::OK();
}

Status Crawl::StartFetch(InFlight job) {
  Result<std::optional<UrlRow>> previous = state_->Find(job.entry.url);
  if (!previous.ok()) return previous.status();
  job.previous = *previous;
  if (Usable(job.previous) && job.entry.kind != "robots" &&
      (job.previous->last_status == 200 || job.previous->last_status == 304)) {
    if (!job.previous->etag.empty()) {
      job.conditions.push_back("If-None-Match: " + job.previous->etag);
    }
    if (!job.previous->last_modified.empty()) {
      job.conditions.push_back("If-Modified-Since: " + job.previous->last_modified);
    }
  }
  const std::uint64_t token = next_token_++;
  fetcher_->Start({token, job.entry.url, job.conditions});
  in_flight_.emplace(token, std::move(job));
  return Status::OK();
}

Result<Outcome> Crawl::RecordFetch(const InFlight& job, const FetchResult& fetch) {
  const std::string& url = job.entry.url;
  const std::string& kind = job.entry.kind;
  const std::vector<std::string>& conditions = job.conditions;
  Outcome out;
  out.previous = job.previous;
  const bool usable = Usable(out.previous);
  // The larger of --delay and the robots.txt Crawl-delay (capped) for this origin, counted from
  // the end of this transfer.
  double delay = options_.delay_seconds;
  if (Result<common::Url> parsed_url = common::ParseUrl(url); parsed_url.ok()) {
    auto rules = robots_.find(Origin(*parsed_url));
    if (rules != robots_.end()) {
      delay = std::max(delay, std::min(rules->second.crawl_delay(), options_.max_wait_seconds));
    }
  }
  frontier_.SetNextAllowed(job.entry.host_key,
                           Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(delay)));

  out.got_response = fetch.got_response();
  out.status = fetch.status;
  Exchange x;
  x.url = url;
  x.kind = kind;
  x.time = common::FormatWarcDate(fetch.request_time);
  x.status = fetch.status;
  x.bytes = fetch.response_bytes.size();
  x.duration_ms = fetch.duration_ms;
  summary_.bytes += fetch.response_bytes.size();

  if (out.got_response) {
    Result<common::HttpResponse> parsed = common::ParseHttpResponse(fetch.response_bytes);
    if (parsed.ok()) out.parsed = std::move(*parsed);
    if (out.parsed && kind == "page" && fetch.status >= 200 && fetch.status < 300) {
      std::optional<std::string_view> type =
          common::FindHeader(out.parsed->headers, "Content-Type");
      const std::string mime = type ? common::MimeType(*type) : "";
      // AfterFetch queues these links once the page is accounted for (QueueLinks takes them).
      Result<common::Url> page = common::ParseUrl(url);
      if (page.ok() && (mime == "text/html" || mime == "application/xhtml+xml")) {
        links_.Start(url, *page, *out.parsed);
      }
    }
    RevisitOf revisit;
    const RevisitOf* as_revisit = nullptr;
    if (usable && out.parsed) {
      if (fetch.status == 304 && !conditions.empty()) {
        revisit.profile = RevisitOf::kNotModified;
        as_revisit = &revisit;
      } else if (fetch.status >= 200 && fetch.status < 300 && fetch.truncated.empty() &&
                 !out.parsed->truncated &&
                 common::Sha256Digest(out.parsed->payload) == out.previous->payload_digest) {
        revisit.profile = RevisitOf::kIdenticalDigest;
        revisit.payload_digest = out.previous->payload_digest;
        as_revisit = &revisit;
      }
      revisit.refers_to = out.previous->record_id;
      revisit.refers_to_uri = url;
      revisit.refers_to_date = out.previous->capture_date;
    }
    Result<ArchivedExchange> archived =
        ArchiveExchange(*writer_, url, fetch, out.parsed ? &*out.parsed : nullptr, as_revisit);
    if (!archived.ok()) return archived.status();
    warc_files_.insert(archived->response.file);
    if (!archived->cdxj_line.empty()) {
      if (!cdxj_) cdxj_ = std::make_unique<CdxjSpool>(options_.collection);
      cdxj_->Add(archived->response.file, archived->cdxj_line);
    }
    mark_ = {archived->response.file, archived->response.offset + archived->response.length};
    x.archived = true;
    x.revisit = as_revisit != nullptr;
    x.payload_digest = archived->payload_digest;
    x.record_id = archived->record_id;
    x.warc_file = archived->response.file;
    x.warc_offset = archived->response.offset;
    if (out.parsed) {
      if (auto etag = common::FindHeader(out.parsed->headers, "ETag")) x.etag = *etag;
      if (auto lm = common::FindHeader(out.parsed->headers, "Last-Modified")) {
        x.last_modified = *lm;
      }
    }
    if (x.revisit) ++summary_.revisits;
  }
  x.error = fetch.error;
  if (x.error.empty() && (fetch.status >= 500 || fetch.status == 429)) {
    x.error = "HTTP " + std::to_string(fetch.status);
  }
  if (x.error.empty() && out.got_response && !out.parsed)
    x.error = "response does not parse as HTTP";
  out.failed = !x.error.empty();
  Result<std::string> change = Account(x, out.previous, true);
  if (!change.ok()) return change.status();
  out.change = *change;
  return out;
}

bool Crawl::RobotsFromState(const std::string& origin) {
  // A resumed run reuses the robots.txt it fetched before the kill.
  Result<std::string> first = common::CanonicalUrl(origin + "/robots.txt");
  if (!first.ok() || robots_done_.count(*first) == 0) return false;
  Result<std::optional<UrlRow>> row = state_->Find(*first);
  if (!row.ok() || !row->has_value()) return false;
  const UrlRow& r = **row;
  if (r.last_status >= 200 && r.last_status < 300 && !r.warc_file.empty()) {
    auto record = common::ReadWarcRecordAt(
        (fs::path(options_.collection) / "warc" / r.warc_file).string(), r.warc_offset);
    if (!record.ok()) return false;
    Result<common::HttpResponse> parsed = common::ParseHttpResponse(record->record.block);
    if (!parsed.ok()) return false;
    robots_.emplace(origin, RobotsRules::Parse(parsed->payload, options_.user_agent));
    return true;
  }
  if (r.last_status >= 400 && r.last_status < 500) {
    robots_.emplace(origin, RobotsRules::AllowAll());
    return true;
  }
  if (r.last_status == 0 || r.last_status >= 500) {
    robots_.emplace(origin, RobotsRules::DisallowAll());
    return true;
  }
  return false;
}

void Crawl::StartRobots(const std::string& origin, const std::string& holder) {
  if (robots_chains_.count(origin) != 0) return;
  frontier_.Acquire(holder);
  robots_chains_[origin] = RobotsChain{holder, origin + "/robots.txt", 0, false};
}

// RFC 9309 2.3.1: 2xx -> parse; 3xx -> follow (up to 5 hops); 4xx -> allow all;
// 5xx or unreachable -> disallow all.
Status Crawl::StartRobotsHops(Clock::time_point* ready_at, bool ignore_busy) {
  for (auto it = robots_chains_.begin(); it != robots_chains_.end();) {
    const std::string origin = it->first;
    RobotsChain& chain = it->second;
    ++it;  // the chain may end (and be erased) below
    if (chain.in_flight) continue;
    if (in_flight_.size() >= static_cast<std::size_t>(options_.concurrency)) break;
    Result<std::string> canonical = common::CanonicalUrl(chain.next_url);
    Result<common::Url> url =
        canonical.ok() ? common::ParseUrl(*canonical) : Result<common::Url>(canonical.status());
    if (!url.ok() || (url->scheme != "http" && url->scheme != "https")) {
      // A hop we cannot follow: as unreachable.
      robots_.emplace(origin, RobotsRules::DisallowAll());
      frontier_.Release(chain.holder);
      robots_chains_.erase(origin);
      continue;
    }
    const std::string host_key = HostKey(*url);
    // The holder is busy on the chain's own behalf; any other host must be free.
    if (host_key != chain.holder && frontier_.Busy(host_key) && !ignore_busy) continue;
    const Clock::time_point allowed = frontier_.NextAllowed(host_key);
    if (allowed > Clock::now()) {
      *ready_at = std::min(*ready_at, allowed);
      continue;
    }
    if (host_key != chain.holder) frontier_.Acquire(host_key);
    chain.in_flight = true;
    ++summary_.robots_fetches;
    InFlight job;
    job.entry.url = *canonical;
    job.entry.host_key = host_key;
    job.entry.kind = "robots";
    job.robots_origin = origin;
    VESTIGE_RETURN_IF_ERROR(StartFetch(std::move(job)));
  }
  return Status::OK();
}

Status Crawl::RobotsHopDone(const InFlight& job, const Outcome& out) {
  auto it = robots_chains_.find(job.robots_origin);
  if (it == robots_chains_.end()) return Status::OK();  // cannot happen
  RobotsChain& chain = it->second;
  if (job.entry.host_key != chain.holder) frontier_.Release(job.entry.host_key);
  chain.in_flight = false;
  std::optional<RobotsRules> rules;
  if (!out.got_response || out.failed) {
    rules = RobotsRules::DisallowAll();
  } else if (out.status >= 200 && out.status < 300 && out.parsed) {
    rules = RobotsRules::Parse(out.parsed->payload, options_.user_agent);
  } else {
    std::optional<std::string_view> location =
        out.parsed ? common::FindHeader(out.parsed->headers, "Location") : std::nullopt;
    Result<common::Url> here = common::ParseUrl(job.entry.url);
    if (IsRedirect(out.status) && location && chain.hop < kMaxRobotsRedirects && here.ok()) {
      Result<common::Url> target = common::ResolveUrl(*here, *location);
      if (target.ok()) {
        chain.next_url = target->ToString();
        ++chain.hop;
        return Status::OK();  // StartRobotsHops fetches it when its host allows
      }
    }
    rules = RobotsRules::AllowAll();  // 4xx, or a redirect chain we do not follow further
  }
  robots_.emplace(job.robots_origin, std::move(*rules));
  frontier_.Release(chain.holder);
  robots_chains_.erase(it);
  return Status::OK();
}

}  // namespace vestige::crawler
