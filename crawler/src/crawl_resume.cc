// Resuming a killed run: the persisted frontier comes back, and the records the killed process
// wrote after its last state commit are accounted for (state rows, outcomes, their links) instead
// of being fetched and archived again.
#include <cstdio>
#include <filesystem>

#include "crawl_impl.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

Status Crawl::Resume() {
  // The queue first: a URL waiting for a retry is both queued and done.
  Result<std::vector<QueuedRow>> queue = state_->Queue();
  if (!queue.ok()) return queue.status();
  for (const QueuedRow& q : *queue) {
    frontier_.Add({q.url, q.host_key, q.scope, q.hops, q.seed, 0, q.depth, q.kind});
  }
  Result<std::vector<RunUrlRow>> done = state_->RunUrls(run_);
  if (!done.ok()) return done.status();
  for (const RunUrlRow& row : *done) {
    if (IsRobotsUrl(row.url)) robots_done_.insert(row.url);
    ++done_count_;
    frontier_.MarkSeen(row.url);
    if (row.kind != "robots") ++summary_.pages;
  }
  return Reconcile();
}

Status Crawl::Reconcile() {
  Result<std::string> encoded = state_->GetMeta("warc_mark");
  if (!encoded.ok()) return encoded.status();
  Result<std::vector<RecordPastMark>> records =
      RecordsPastMark((fs::path(options_.collection) / "warc").string(), options_.warc_prefix,
                      WarcMark::Decode(*encoded));
  if (!records.ok()) return records.status();
  for (const RecordPastMark& rec : *records) {
    const common::WarcRecord& record = rec.at.record;
    const std::string uri(record.target_uri());
    Result<common::Url> url = common::ParseUrl(uri);
    if (!url.ok()) continue;
    std::optional<FrontierEntry> entry = frontier_.Take(uri, HostKey(*url));
    const bool robots = !entry && url->path == "/robots.txt" && robots_done_.count(uri) == 0;
    if (!entry && !robots) continue;

    Outcome out;
    Exchange x;
    x.url = uri;
    x.kind = entry ? entry->kind : "robots";
    x.time = std::string(record.date());
    x.bytes = record.block.size();
    x.archived = true;
    x.revisit = record.type() == common::WarcType::kRevisit;
    x.record_id = std::string(record.record_id());
    x.warc_file = rec.file;
    x.warc_offset = rec.at.offset;
    if (auto digest = record.header("WARC-Payload-Digest")) x.payload_digest = *digest;
    Result<common::HttpResponse> parsed = common::ParseHttpResponse(record.block);
    if (parsed.ok()) {
      out.parsed = std::move(*parsed);
      out.got_response = true;
      out.status = x.status = out.parsed->status;
      if (auto etag = common::FindHeader(out.parsed->headers, "ETag")) x.etag = *etag;
      if (auto lm = common::FindHeader(out.parsed->headers, "Last-Modified")) {
        x.last_modified = *lm;
      }
    } else {
      x.error = "response does not parse as HTTP";
    }
    if (x.error.empty() && x.status >= 500) x.error = "HTTP " + std::to_string(x.status);
    if (x.error.empty() && record.header("WARC-Truncated")) x.error = "response cut short";
    out.failed = !x.error.empty();
    Result<std::optional<UrlRow>> previous = state_->Find(uri);
    if (!previous.ok()) return previous.status();
    out.previous = *previous;
    Result<std::string> change = Account(x, out.previous, false);
    if (!change.ok()) return change.status();
    out.change = *change;
    if (x.revisit) ++summary_.revisits;
    if (entry) {
      ++summary_.pages;
      AfterFetch(*entry, *url, out);
    }
    ++summary_.resumed_records;
    mark_ = {rec.file, rec.at.offset + rec.at.length};
  }
  VESTIGE_RETURN_IF_ERROR(deferred_);
  return CommitBatch();
}

}  // namespace vestige::crawler
