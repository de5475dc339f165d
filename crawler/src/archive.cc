#include "archive.h"

#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>

#include "vestige/crawler/cdxj.h"

namespace vestige::crawler {

namespace {

// Seeds listed in a warcinfo record at most; a seeds file may hold many more.
constexpr std::size_t kMaxSeedsListed = 1000;

std::string HostName() {
  char buffer[HOST_NAME_MAX + 1] = {0};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return "";
  return buffer;
}

// Field values must stay on one line.
std::string OneLine(std::string_view value) {
  std::string out;
  for (char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

std::string FormatSeconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", seconds);
  return buffer;
}

}  // namespace

std::vector<common::WarcRecord> ExchangeRecords(const std::string& url, const FetchResult& fetch,
                                                const common::HttpResponse* parsed,
                                                const std::string& warcinfo_id,
                                                const RevisitOf* revisit) {
  const std::string request_id = common::NewRecordId();
  const std::string response_id = common::NewRecordId();
  const std::string date = common::FormatWarcDate(fetch.request_time);

  auto common_fields = [&](common::WarcRecord& r, const char* type, const std::string& id,
                           const std::string& other_id) {
    r.set_header("WARC-Type", type);
    r.set_header("WARC-Record-ID", id);
    r.set_header("WARC-Date", date);
    r.set_header("WARC-Target-URI", url);
    if (!fetch.ip_address.empty()) r.set_header("WARC-IP-Address", fetch.ip_address);
    r.set_header("WARC-Concurrent-To", other_id);
    if (!warcinfo_id.empty()) r.set_header("WARC-Warcinfo-ID", warcinfo_id);
  };

  common::WarcRecord request;
  common_fields(request, "request", request_id, response_id);
  request.set_header("Content-Type", "application/http;msgtype=request");
  request.block = fetch.request_bytes;
  request.set_header("WARC-Block-Digest", common::Sha256Digest(request.block));
  std::size_t head_end = request.block.find("\r\n\r\n");
  if (head_end != std::string::npos && head_end + 4 < request.block.size()) {
    request.set_header("WARC-Payload-Digest",
                       common::Sha256Digest(std::string_view(request.block).substr(head_end + 4)));
  }

  common::WarcRecord response;
  common_fields(response, "response", response_id, request_id);
  response.set_header("Content-Type", "application/http;msgtype=response");
  response.block = fetch.response_bytes;
  response.set_header("WARC-Block-Digest", common::Sha256Digest(response.block));
  if (parsed != nullptr) {
    response.set_header("WARC-Payload-Digest", common::Sha256Digest(parsed->payload));
  }
  std::string truncated = fetch.truncated;
  if (truncated.empty() && parsed != nullptr && parsed->truncated) truncated = "unspecified";
  if (revisit != nullptr) {
    response.set_header("WARC-Type", "revisit");
    response.set_header("WARC-Profile", revisit->profile);
    response.set_header("WARC-Refers-To", revisit->refers_to);
    response.set_header("WARC-Refers-To-Target-URI", revisit->refers_to_uri);
    response.set_header("WARC-Refers-To-Date", revisit->refers_to_date);
    response.block = fetch.response_bytes.substr(
        0, std::min(fetch.response_header_bytes, fetch.response_bytes.size()));
    response.set_header("WARC-Block-Digest", common::Sha256Digest(response.block));
    if (!revisit->payload_digest.empty()) {
      response.set_header("WARC-Payload-Digest", revisit->payload_digest);
    } else {
      response.headers.erase(
          std::remove_if(response.headers.begin(), response.headers.end(),
                         [](const auto& h) { return h.first == "WARC-Payload-Digest"; }),
          response.headers.end());
    }
    truncated.clear();
  }
  if (!truncated.empty()) response.set_header("WARC-Truncated", truncated);
  return {std::move(request), std::move(response)};
}

common::Result<ArchivedExchange> ArchiveExchange(common::WarcWriter& writer, const std::string& url,
                                                 const FetchResult& fetch,
                                                 const common::HttpResponse* parsed,
                                                 const RevisitOf* revisit) {
  // The warcinfo id names the file being written; a rotation inside Write() would start a new
  // file with a new warcinfo record, so the id is taken as late as possible.
  std::vector<common::WarcRecord> records =
      ExchangeRecords(url, fetch, parsed, writer.warcinfo_id(), revisit);
  ArchivedExchange out;
  common::Result<common::WarcLocation> request_at = writer.Write(records[0]);
  if (!request_at.ok()) return request_at.status().WithContext("writing the request for " + url);
  records[1].set_header("WARC-Warcinfo-ID", writer.warcinfo_id());
  common::Result<common::WarcLocation> response_at = writer.Write(records[1]);
  if (!response_at.ok()) {
    return response_at.status().WithContext("writing the response for " + url);
  }
  out.request = *request_at;
  out.response = *response_at;
  if (auto digest = records[1].header("WARC-Payload-Digest")) out.payload_digest = *digest;
  out.record_id = std::string(records[1].record_id());
  out.cdxj_line = CdxjLine(out.response.file, records[1], out.response.offset, out.response.length);
  return out;
}

std::string WarcinfoFields(const CrawlOptions& options, const std::vector<std::string>& seeds) {
  std::string f;
  auto add = [&f](std::string_view name, std::string_view value) {
    f += std::string(name) + ": " + OneLine(value) + "\r\n";
  };
  add("software", std::string("vestige-crawl/") + VESTIGE_VERSION);
  add("format", "WARC File Format 1.1");
  add("conformsTo",
      "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/");
  add("hostname", HostName());
  add("operator", options.operator_name);
  add("http-header-user-agent", options.user_agent);
  add("robots", options.obey_robots ? "obey" : "ignore");
  add("vestige-robots-policy", options.obey_robots
                                   ? "RFC 9309: 4xx allows all, 5xx or unreachable disallows all"
                                   : "robots.txt not fetched");
  add("vestige-scope", options.scope + " (links and redirects within their seed's " +
                           options.scope + "; a seed's redirect is a seed)");
  for (const std::string& p : options.include) add("vestige-include", p);
  for (const std::string& p : options.exclude) add("vestige-exclude", p);
  add("vestige-max-depth", std::to_string(options.max_depth));
  add("vestige-traps", "url length " + std::to_string(options.max_url_length) +
                           ", repeated segments " + std::to_string(options.max_repeated_segments) +
                           ", query params " + std::to_string(options.max_query_params));
  add("vestige-retries", std::to_string(options.max_retries) + ", backoff from " +
                             FormatSeconds(options.retry_backoff_seconds) +
                             " s, Retry-After and Crawl-delay capped at " +
                             FormatSeconds(options.max_wait_seconds) + " s");
  add("vestige-max-pages", std::to_string(options.max_pages));
  add("vestige-delay-seconds", FormatSeconds(options.delay_seconds));
  add("vestige-concurrency", std::to_string(options.concurrency) + " hosts, one connection each");
  add("vestige-max-redirects", std::to_string(options.max_redirects));
  add("vestige-max-body-bytes", std::to_string(options.max_body_bytes));
  add("vestige-recrawl-after-seconds", FormatSeconds(options.recrawl_after_seconds));
  add("vestige-warc-max-file-bytes", std::to_string(options.warc_max_file_bytes));
  add("vestige-commit-every", std::to_string(options.commit_every));
  add("vestige-revisits", "server-not-modified and identical-payload-digest");
  add("vestige-timeouts", "connect " + std::to_string(options.connect_timeout_seconds) +
                              " s, total " + std::to_string(options.total_timeout_seconds) + " s");
  for (const std::string& entry : options.resolve) add("vestige-resolve", entry);
  if (!options.seeds_file.empty()) add("vestige-seeds-file", options.seeds_file);
  for (std::size_t i = 0; i < seeds.size() && i < kMaxSeedsListed; ++i)
    add("vestige-seed", seeds[i]);
  if (seeds.size() > kMaxSeedsListed) {
    add("vestige-seeds-not-listed", std::to_string(seeds.size() - kMaxSeedsListed));
  }
  return f;
}

}  // namespace vestige::crawler
