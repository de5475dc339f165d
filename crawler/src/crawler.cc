// RunCrawl: setting up a crawl (or resuming a killed one), the crawl loop, and the end of a run.
#include "vestige/crawler/crawler.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "archive.h"
#include "crawl_impl.h"
#include "vestige/common/date.h"
#include "vestige/crawler/cdxj.h"

namespace vestige::crawler {

namespace {

namespace fs = std::filesystem;
using common::Result;
using common::Status;
using Clock = std::chrono::steady_clock;

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

std::string Now() { return common::FormatWarcDate(std::chrono::system_clock::now()); }

// Whether a row was archived less than `seconds` ago.
bool Recent(const UrlRow& row, double seconds) {
  Result<common::UnixSeconds> seen = common::ParseIsoTimestamp(row.last_seen);
  if (!seen.ok()) return false;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return static_cast<double>(now - *seen) < seconds;
}

}  // namespace

Status Crawl::Open() {
  std::vector<std::string> given = options_.seeds;
  if (!options_.seeds_file.empty()) {
    Result<std::vector<std::string>> more = ReadSeedsFile(options_.seeds_file);
    if (!more.ok()) return more.status();
    given.insert(given.end(), more->begin(), more->end());
  }
  std::vector<FrontierEntry> seed_entries;
  for (const std::string& seed : given) {
    Result<std::string> canonical = common::CanonicalUrl(seed);
    if (!canonical.ok()) {
      return Status::InvalidArgument("bad seed '" + seed + "': " + canonical.status().message());
    }
    Result<common::Url> url = common::ParseUrl(*canonical);
    if (!url.ok() || (url->scheme != "http" && url->scheme != "https") || url->host.empty()) {
      return Status::InvalidArgument("bad seed '" + seed + "': not an http(s) URL with a host");
    }
    if (std::find(seeds_.begin(), seeds_.end(), *canonical) != seeds_.end()) continue;
    seeds_.push_back(*canonical);
    seed_entries.push_back(
        {*canonical, HostKey(*url), ScopeKey(options_.scope, *url), 0, true, 0, 0, "page"});
  }
  if (seeds_.empty()) return Status::InvalidArgument("no seeds to crawl");
  try {
    for (const std::string& p : options_.include) include_.emplace_back(p, std::regex::ECMAScript);
    for (const std::string& p : options_.exclude) exclude_.emplace_back(p, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::InvalidArgument(std::string("bad --include or --exclude regex: ") + e.what());
  }

  const fs::path root = options_.collection;
  std::error_code ec;
  for (const fs::path& dir : {root / "warc", root / "crawl"}) {
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
      return Status::IOError("cannot create " + dir.string() + ": " +
                             (ec ? ec.message() : "not a folder"));
    }
  }
  // Files a killed crawler left open: cut a torn last record, give them their final names.
  Result<std::vector<RepairReport>> repaired = RepairOpenWarcFiles((root / "warc").string());
  if (!repaired.ok()) return repaired.status();
  for (const RepairReport& r : *repaired) {
    std::fprintf(stderr, "vestige-crawl: repaired %s.open: %lld records kept, %llu bytes cut%s\n",
                 r.file.c_str(), static_cast<long long>(r.records),
                 static_cast<unsigned long long>(r.cut),
                 r.damaged_inside ? " (damage inside the file left for verify)" : "");
  }
  Result<std::unique_ptr<CrawlState>> state =
      CrawlState::Open((root / "crawl/state.sqlite").string());
  if (!state.ok()) return state.status();
  state_ = std::move(*state);
  Result<std::unique_ptr<CrawlLog>> log = CrawlLog::Open((root / "crawl/crawl.log").string());
  if (!log.ok()) return log.status();
  log_ = std::move(*log);

  Result<std::optional<RunRow>> last = state_->LastRun();
  if (!last.ok()) return last.status();
  if (*last && (*last)->finished.empty()) {
    run_ = (*last)->id;
    resumed_ = true;
    VESTIGE_RETURN_IF_ERROR(Resume());
    std::fprintf(stderr,
                 "vestige-crawl: resuming run %lld (%zu queued, %zu done, %lld records "
                 "accounted for)\n",
                 static_cast<long long>(run_), frontier_.size(), done_count_,
                 static_cast<long long>(summary_.resumed_records));
  } else {
    Result<std::int64_t> run = state_->StartRun(Now());
    if (!run.ok()) return run.status();
    run_ = *run;
  }
  summary_.run = run_;
  for (const FrontierEntry& seed : seed_entries) Queue(seed);
  VESTIGE_RETURN_IF_ERROR(deferred_);
  VESTIGE_RETURN_IF_ERROR(CommitBatch());

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
  fetch.concurrency = options_.concurrency;
  Result<std::unique_ptr<Fetcher>> fetcher = NewCurlFetcher(fetch);
  if (!fetcher.ok()) return fetcher.status();
  fetcher_ = std::move(*fetcher);
  return Status::OK();
}

void Crawl::ShowProgress(bool last) {
  if (!options_.progress) return;
  const Clock::time_point now = Clock::now();
  if (!last && now - last_progress_ < std::chrono::milliseconds(500)) return;
  last_progress_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  std::fprintf(stderr, "\r\x1b[Kfetched %lld, queued %zu, failed %lld, %.1f MB, %.1f pages/s%s",
               static_cast<long long>(summary_.fetched), frontier_.size(),
               static_cast<long long>(summary_.failed), static_cast<double>(summary_.bytes) / 1e6,
               seconds > 0 ? static_cast<double>(summary_.pages) / seconds : 0.0, last ? "\n" : "");
}

// The loop: start what may start (at most --concurrency transfers, one per host), then let the
// fetcher run them until one ends or a waiting host becomes ready. Records are written here, on
// this thread, as transfers end, so the WARC writer and the state see one exchange at a time.
Status Crawl::Run() {
  started_ = Clock::now();
  while (true) {
    VESTIGE_RETURN_IF_ERROR(deferred_);
    ShowProgress(false);
    Clock::time_point ready_at;
    VESTIGE_RETURN_IF_ERROR(StartReady(&ready_at));
    if (in_flight_.empty() && ready_at == Clock::time_point::max() && !robots_chains_.empty()) {
      // Only robots.txt hops are left, each redirected to a host another chain holds (hosts
      // redirecting to each other): nothing else runs, so they may go.
      VESTIGE_RETURN_IF_ERROR(StartRobotsHops(&ready_at, /*ignore_busy=*/true));
    }
    if (in_flight_.empty()) {
      if (ready_at == Clock::time_point::max()) break;  // nothing queued that may start
      std::this_thread::sleep_until(ready_at);
      continue;
    }
    // Half a second at most, for the status line.
    std::chrono::milliseconds wait(500);
    if (ready_at != Clock::time_point::max()) {
      wait = std::min(
          wait, std::max(std::chrono::milliseconds(0),
                         std::chrono::ceil<std::chrono::milliseconds>(ready_at - Clock::now())));
    }
    for (FetchCompletion& done : fetcher_->Wait(wait)) VESTIGE_RETURN_IF_ERROR(Complete(done));
  }
  ShowProgress(true);
  return deferred_;
}

Status Crawl::StartReady(Clock::time_point* ready_at) {
  *ready_at = Clock::time_point::max();
  const std::size_t slots = static_cast<std::size_t>(options_.concurrency);
  if (summary_.pages >= options_.max_pages) return Status::OK();
  VESTIGE_RETURN_IF_ERROR(StartRobotsHops(ready_at));
  while (in_flight_.size() < slots && summary_.pages < options_.max_pages) {
    VESTIGE_RETURN_IF_ERROR(deferred_);
    Clock::time_point host_ready;
    std::optional<FrontierEntry> entry = frontier_.Pop(Clock::now(), &host_ready);
    if (!entry) {
      *ready_at = std::min(*ready_at, host_ready);
      break;
    }
    Result<common::Url> url = common::ParseUrl(entry->url);
    if (!url.ok()) continue;  // cannot happen: queued URLs are canonical
    if (options_.obey_robots) {
      const std::string origin = Origin(*url);
      if (robots_.count(origin) == 0 && !RobotsFromState(origin)) {
        // The host stays busy until its rules are known; the page waits at the head of its queue.
        StartRobots(origin, entry->host_key);
        frontier_.PushFront(std::move(*entry));
        VESTIGE_RETURN_IF_ERROR(StartRobotsHops(ready_at));
        continue;
      }
      if (!robots_.at(origin).IsAllowed(PathAndQuery(*url))) {
        ++summary_.robots_disallowed;
        VESTIGE_RETURN_IF_ERROR(state_->Dequeue(entry->url));
        continue;
      }
    }
    QueueSitemaps(*entry, *url);
    if (!entry->seed && entry->kind == "page" && options_.recrawl_after_seconds > 0) {
      // Not due yet: archived recently by an earlier run. Its links still count.
      Result<std::optional<UrlRow>> row = state_->Find(entry->url);
      if (!row.ok()) return row.status();
      const std::optional<UrlRow>& r = *row;
      // A sitemap <lastmod> after the last visit makes a page due at once.
      auto listed = lastmod_.find(entry->url);
      Result<common::UnixSeconds> seen =
          r ? common::ParseIsoTimestamp(r->last_seen) : Result<common::UnixSeconds>(0);
      const bool modified = listed != lastmod_.end() && seen.ok() && listed->second > *seen;
      if (r && !r->warc_file.empty() && r->last_error.empty() && !modified &&
          Recent(*r, options_.recrawl_after_seconds)) {
        ++summary_.not_due;
        VESTIGE_RETURN_IF_ERROR(state_->Dequeue(entry->url));
        LinksFromArchive(*entry, *url, *r);
        continue;
      }
    }
    ++summary_.pages;
    frontier_.Acquire(entry->host_key);
    InFlight job;
    job.entry = std::move(*entry);
    VESTIGE_RETURN_IF_ERROR(StartFetch(std::move(job)));
  }
  return Status::OK();
}

Status Crawl::Complete(FetchCompletion& done) {
  auto it = in_flight_.find(done.token);
  if (it == in_flight_.end()) return Status::OK();  // cannot happen: every token is ours
  const InFlight job = std::move(it->second);
  in_flight_.erase(it);
  Result<Outcome> out = RecordFetch(job, done.result);
  if (!out.ok()) return out.status();
  if (!job.robots_origin.empty()) {
    VESTIGE_RETURN_IF_ERROR(RobotsHopDone(job, *out));
  } else {
    frontier_.Release(job.entry.host_key);
    Result<bool> retried = MaybeRetry(job.entry, *out);
    if (!retried.ok()) return retried.status();
    if (*retried) {
      --summary_.pages;  // the retry is the same page
    } else if (Result<common::Url> url = common::ParseUrl(job.entry.url); url.ok()) {
      AfterFetch(job.entry, *url, *out);
    }
  }
  links_.Drop();  // links read for a page that turned out not to want them (a retry)
  // Commit only now, with the page's links (or its retry) queued in the same transaction: a
  // commit between the two would leave, after a kill, a page marked done whose links are lost.
  if (since_commit_ >= options_.commit_every) VESTIGE_RETURN_IF_ERROR(CommitBatch());
  return Status::OK();
}

Result<bool> Crawl::MaybeRetry(FrontierEntry entry, const Outcome& out) {
  const bool transient =
      (out.failed && (!out.got_response || out.status >= 500)) || out.status == 429;
  if (!transient || entry.attempts >= options_.max_retries) return false;
  double wait = options_.retry_backoff_seconds * static_cast<double>(1 << entry.attempts);
  std::optional<std::string_view> retry_after =
      out.parsed ? common::FindHeader(out.parsed->headers, "Retry-After") : std::nullopt;
  if (retry_after) {
    std::string value(*retry_after);
    if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos &&
        value.size() < 10) {
      wait = std::stod(value);
    } else if (Result<common::UnixSeconds> when = common::ParseHttpDate(value); when.ok()) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      wait = static_cast<double>(std::max<std::int64_t>(0, *when - now));
    }
  }
  wait = std::min(wait, options_.max_wait_seconds);
  const Clock::time_point at = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(wait));
  if (at > frontier_.NextAllowed(entry.host_key)) frontier_.SetNextAllowed(entry.host_key, at);
  ++entry.attempts;
  ++summary_.retries;
  if (out.failed) --summary_.failed;  // counted once, when the last attempt fails
  VESTIGE_RETURN_IF_ERROR(state_->Enqueue(
      {entry.url, entry.host_key, entry.scope, entry.hops, entry.seed, entry.depth, entry.kind}));
  frontier_.PushFront(std::move(entry));
  return true;
}

Status Crawl::Finish(bool completed) {
  Status status;
  if (writer_) status = writer_->Close();
  if (state_ && status.ok() && completed) status = state_->FinishRun(run_, Now());
  if (state_ && status.ok()) status = CommitBatch();
  if (status.ok() && writer_) {
    // The replay index; a failure here loses nothing (the next run indexes what is missing).
    Result<std::int64_t> indexed = UpdateCdxjIndex(options_.collection, cdxj_.get());
    if (!indexed.ok()) {
      std::fprintf(stderr, "vestige-crawl: warning: CDXJ index not updated: %s\n",
                   indexed.status().message().c_str());
    } else {
      summary_.cdxj_lines = *indexed;
    }
  }
  summary_.warc_files.assign(warc_files_.begin(), warc_files_.end());
  return status;
}

std::string CrawlSummary::ToLine() const {
  char buffer[384];
  std::snprintf(buffer, sizeof buffer,
                "vestige-crawl: run %lld: %lld fetched, %lld failed, %llu bytes, %.1f s (%lld "
                "pages, %lld robots.txt, %lld disallowed by robots.txt, %lld revisits, %lld not "
                "due, %lld resumed)",
                static_cast<long long>(run), static_cast<long long>(fetched),
                static_cast<long long>(failed), static_cast<unsigned long long>(bytes), seconds,
                static_cast<long long>(pages), static_cast<long long>(robots_fetches),
                static_cast<long long>(robots_disallowed), static_cast<long long>(revisits),
                static_cast<long long>(not_due), static_cast<long long>(resumed_records));
  return buffer;
}

Result<CrawlSummary> RunCrawl(const CrawlOptions& options) {
  VESTIGE_RETURN_IF_ERROR(ValidateCrawlOptions(options));
  auto start = Clock::now();
  Crawl crawl(options);
  Status status = crawl.Open();
  if (status.ok()) status = crawl.Run();
  // Even after an error, close what was written so the files get their final names and the
  // state covers the records on disk; the run stays unfinished so the next one resumes it.
  Status finished = crawl.Finish(status.ok());
  if (status.ok()) status = finished;
  if (!status.ok()) return status;
  crawl.summary().seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return crawl.summary();
}

}  // namespace vestige::crawler
