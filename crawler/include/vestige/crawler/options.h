// What a crawl does: the options of vestige-crawl as a plain struct, and their validation.
//
// The binary fills a CrawlOptions from the command line (app/options.cc) and calls
// ValidateCrawlOptions before anything touches the disk or the network. Validation does no I/O.
// Thread safety: plain values and pure functions.
#ifndef VESTIGE_CRAWLER_OPTIONS_H_
#define VESTIGE_CRAWLER_OPTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::crawler {

// The user agent sent when none is given: the product token and where to learn about it.
std::string DefaultUserAgent();

struct CrawlOptions {
  // The collection folder: WARC files go to <collection>/warc/, the crawl state and log to
  // <collection>/crawl/. Created if missing.
  std::string collection = "collection";
  // Absolute http(s) URLs to start from. Each seed also fixes a scope: only links to the same
  // host and port as the seed they descend from are followed. When a seed redirects (say from
  // http to https), the target is taken as a seed in its place, with its own scope.
  std::vector<std::string> seeds;
  // A file with more seeds, one URL per line; blank lines and lines starting with '#' are
  // skipped. "" for none. Read when the crawl starts (validation does not open it).
  std::string seeds_file;
  // Most pages fetched (robots.txt fetches not counted). The crawl stops there, leaving the rest
  // of the frontier unfetched. Must be at least 1.
  std::int64_t max_pages = 10000;
  // Fixed host name -> address mappings, as curl's --resolve: "HOST:PORT:ADDRESS" (an IPv6
  // address in brackets). Lets tests and demos crawl named hosts served on 127.0.0.1.
  std::vector<std::string> resolve;
  // Hosts fetched at once (one transfer, on one connection, per host at a time), all driven
  // from one thread. More overlaps more slow hosts and costs a socket and buffers each; it does
  // not make any one host see more than one request at a time. 1 fetches one URL at a time.
  int concurrency = 16;
  // Sent as User-Agent and matched against robots.txt groups (its product token, up to '/').
  std::string user_agent = DefaultUserAgent();
  // Seconds to wait between the end of one request and the start of the next to the same host.
  // Lower is faster and harder on the site; 0 is for tests against our own server.
  double delay_seconds = 1.0;
  // Fetch /robots.txt per host first and skip what it disallows. Turning it off is recorded in
  // every warcinfo record ("robots: ignore").
  bool obey_robots = true;
  // Redirects followed from one URL (each hop is its own fetch, archived and in scope).
  int max_redirects = 10;
  // Give up connecting after this many seconds (a dead host costs at most this much per URL).
  int connect_timeout_seconds = 10;
  // Give up on a whole transfer after this many seconds; what arrived is archived as truncated.
  int total_timeout_seconds = 60;
  // Abort a transfer slower than low_speed_bytes per second for low_speed_seconds.
  int low_speed_bytes = 100;
  int low_speed_seconds = 20;
  // Bodies larger than this are cut (archived with WARC-Truncated: length). Protects the disk.
  std::uint64_t max_body_bytes = 50ull << 20;
  // Crawl-state commits come every this many fetches (and at the end); before each the WARC
  // file is synced. Larger batches are faster; a crash loses at most this many state rows.
  int commit_every = 50;
  // A WARC file is closed and another begun at this size.
  std::uint64_t warc_max_file_bytes = 1ull << 30;
  // WARC file name prefix: <prefix>-<time>-<serial>.warc.gz.
  std::string warc_prefix = "vestige";
  // How far links are followed from a seed: "host" (same host and port as the seed), "domain"
  // (the seed's host without a leading "www." and its subdomains) or "prefix" (URLs starting with
  // the seed up to its last '/'). Wider scopes fetch more and risk wandering off a site.
  std::string scope = "host";
  // ECMAScript regexes on the canonical URL of discovered (non-seed) URLs: one matching `exclude`
  // is skipped; when `include` is not empty, one matching none of it is skipped.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // Links followed from a seed at most (a sitemap or feed counts as one step); -1 for no limit.
  int max_depth = -1;
  // Trap protection: discovered URLs longer than this, with one path segment repeated more than
  // max_repeated_segments times, or with more than max_query_params query parameters are skipped
  // (calendars and session loops generate endless such URLs).
  std::size_t max_url_length = 2048;
  int max_repeated_segments = 3;
  int max_query_params = 16;
  // Retries of a fetch that failed to connect, timed out, or got 429 or 5xx. Each attempt is
  // archived; the wait doubles from retry_backoff_seconds, or follows Retry-After when the
  // server sends one. More retries ride out short outages at the cost of a longer crawl.
  int max_retries = 2;
  double retry_backoff_seconds = 1.0;
  // A Retry-After (or robots.txt Crawl-delay) above this many seconds is capped at it.
  double max_wait_seconds = 120.0;
  // Print a live status line (fetched, queued, failed, bytes, pages/s) to stderr, rewritten in
  // place; the binary turns it on when stderr is a terminal.
  bool progress = false;
  // Who runs the crawl (a person or organisation and a contact), written into every warcinfo
  // record as "operator". "" leaves the field empty.
  std::string operator_name;
  // A page archived less than this many seconds ago is not fetched again by a new run (its links
  // are taken from the archived copy instead). Seeds are checked on every run. 0 re-fetches
  // everything each run; larger is lighter on the sites and misses edits for longer.
  double recrawl_after_seconds = 7 * 86400.0;
};

// One --resolve entry, parsed.
struct ResolveEntry {
  std::string host;     // as given, lower-cased
  int port = 0;         // 1..65535
  std::string address;  // IPv4 dotted quad, or an IPv6 address in brackets
};

// Parses "HOST:PORT:ADDRESS". InvalidArgument naming what is wrong.
common::Result<ResolveEntry> ParseResolveEntry(std::string_view text);

// "90" (seconds), "90s", "15m", "12h", "7d" -> seconds. InvalidArgument otherwise.
common::Result<double> ParseDuration(std::string_view text);
// "1000", "64k", "100M", "1G" (powers of 1024) -> bytes. InvalidArgument otherwise.
common::Result<std::uint64_t> ParseSize(std::string_view text);

// Checks every field: a non-empty collection, at least one seed (from seeds or seeds_file),
// every seed an absolute http(s) URL with a host, max_pages >= 1, delay finite and >= 0,
// well-formed resolve entries, a user agent without control characters, positive timeouts and
// batch size. OK, or InvalidArgument with a one-line reason naming the option.
common::Status ValidateCrawlOptions(const CrawlOptions& options);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_OPTIONS_H_
