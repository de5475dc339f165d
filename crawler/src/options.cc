#include "vestige/crawler/options.h"

#include <arpa/inet.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <regex>

#include "vestige/common/url.h"

namespace vestige::crawler {

using common::Result;
using common::Status;

std::string DefaultUserAgent() {
  return std::string("vestige-crawl/") + VESTIGE_VERSION +
         " (archiving for human-rights documentation)";
}

Result<ResolveEntry> ParseResolveEntry(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("bad --resolve '" + std::string(text) + "': " + why +
                                   " (want HOST:PORT:ADDRESS)");
  };
  std::size_t c1 = text.find(':');
  if (c1 == std::string_view::npos) return bad("no port");
  std::size_t c2 = text.find(':', c1 + 1);
  if (c2 == std::string_view::npos) return bad("no address");
  std::string_view host = text.substr(0, c1);
  std::string_view port = text.substr(c1 + 1, c2 - c1 - 1);
  std::string_view address = text.substr(c2 + 1);
  if (host.empty()) return bad("empty host");
  for (char c : host) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0 && c != '-' && c != '.' && c != '_') {
      return bad("host has a character that is not allowed in a host name");
    }
  }
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string_view::npos) {
    return bad("port is not a number");
  }
  int port_number = std::stoi(std::string(port));
  if (port_number < 1 || port_number > 65535) return bad("port out of range 1..65535");
  unsigned char buffer[16];
  bool valid_address = false;
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    std::string inner(address.substr(1, address.size() - 2));
    valid_address = ::inet_pton(AF_INET6, inner.c_str(), buffer) == 1;
  } else {
    valid_address = ::inet_pton(AF_INET, std::string(address).c_str(), buffer) == 1;
  }
  if (!valid_address) return bad("address is not an IPv4 address or a bracketed IPv6 address");
  ResolveEntry entry;
  for (char c : host) {
    entry.host.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  entry.port = port_number;
  entry.address = std::string(address);
  return entry;
}

Result<double> ParseDuration(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("bad duration '" + std::string(text) +
                                   "' (want a number with an optional s, m, h or d)");
  };
  if (text.empty() || text.size() > 32) return bad();
  double unit = 1;
  switch (text.back()) {
    case 's':
      unit = 1;
      text.remove_suffix(1);
      break;
    case 'm':
      unit = 60;
      text.remove_suffix(1);
      break;
    case 'h':
      unit = 3600;
      text.remove_suffix(1);
      break;
    case 'd':
      unit = 86400;
      text.remove_suffix(1);
      break;
    default:
      break;
  }
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos) {
    return bad();
  }
  std::string number(text);
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value)) return bad();
  return value * unit;
}

Result<std::uint64_t> ParseSize(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("bad size '" + std::string(text) +
                                   "' (want a number of bytes with an optional k, M or G)");
  };
  if (text.empty() || text.size() > 24) return bad();
  std::uint64_t unit = 1;
  switch (text.back()) {
    case 'k':
    case 'K':
      unit = 1ull << 10;
      text.remove_suffix(1);
      break;
    case 'm':
    case 'M':
      unit = 1ull << 20;
      text.remove_suffix(1);
      break;
    case 'g':
    case 'G':
      unit = 1ull << 30;
      text.remove_suffix(1);
      break;
    default:
      break;
  }
  if (text.empty() || text.size() > 12 ||
      text.find_first_not_of("0123456789") != std::string_view::npos) {
    return bad();
  }
  return std::stoull(std::string(text)) * unit;
}

Status ValidateCrawlOptions(const CrawlOptions& options) {
  if (options.collection.empty()) return Status::InvalidArgument("--collection is empty");
  if (options.seeds.empty() && options.seeds_file.empty()) {
    return Status::InvalidArgument("no seeds: give --seed URL or --seeds FILE");
  }
  for (const std::string& seed : options.seeds) {
    Result<common::Url> url = common::ParseUrl(seed);
    if (!url.ok()) {
      return Status::InvalidArgument("bad --seed '" + seed + "': " + url.status().message());
    }
    if (url->scheme != "http" && url->scheme != "https") {
      return Status::InvalidArgument("bad --seed '" + seed + "': only http and https are crawled");
    }
    if (url->host.empty()) return Status::InvalidArgument("bad --seed '" + seed + "': no host");
  }
  if (options.max_pages < 1) {
    return Status::InvalidArgument("--max-pages must be at least 1, got " +
                                   std::to_string(options.max_pages));
  }
  if (!std::isfinite(options.delay_seconds) || options.delay_seconds < 0 ||
      options.delay_seconds > 86400) {
    return Status::InvalidArgument("--delay must be between 0 and 86400 seconds");
  }
  for (const std::string& entry : options.resolve) {
    Result<ResolveEntry> parsed = ParseResolveEntry(entry);
    if (!parsed.ok()) return parsed.status();
  }
  if (options.user_agent.empty()) return Status::InvalidArgument("--user-agent is empty");
  for (char c : options.user_agent) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return Status::InvalidArgument("--user-agent contains a control character");
    }
  }
  if (!std::isfinite(options.recrawl_after_seconds) || options.recrawl_after_seconds < 0) {
    return Status::InvalidArgument("--recrawl-after must be a number of seconds >= 0");
  }
  if (options.operator_name.find_first_of("\r\n") != std::string::npos) {
    return Status::InvalidArgument("--operator must be one line");
  }
  if (options.scope != "host" && options.scope != "domain" && options.scope != "prefix") {
    return Status::InvalidArgument("--scope must be host, domain or prefix, got '" + options.scope +
                                   "'");
  }
  for (const auto* list : {&options.include, &options.exclude}) {
    for (const std::string& pattern : *list) {
      try {
        std::regex compiled(pattern, std::regex::ECMAScript);
        (void)compiled;
      } catch (const std::regex_error& e) {
        return Status::InvalidArgument("bad regex '" + pattern + "': " + e.what());
      }
    }
  }
  if (options.max_depth < -1) return Status::InvalidArgument("--max-depth must be -1 or more");
  if (options.max_url_length < 16 || options.max_repeated_segments < 1 ||
      options.max_query_params < 0) {
    return Status::InvalidArgument("trap limits are too small");
  }
  if (options.max_retries < 0 || options.max_retries > 20) {
    return Status::InvalidArgument("--max-retries must be between 0 and 20");
  }
  if (!std::isfinite(options.retry_backoff_seconds) || options.retry_backoff_seconds < 0 ||
      !std::isfinite(options.max_wait_seconds) || options.max_wait_seconds < 0) {
    return Status::InvalidArgument("retry waits must be finite and >= 0");
  }
  if (options.max_redirects < 0) return Status::InvalidArgument("max_redirects is negative");
  if (options.connect_timeout_seconds < 1 || options.total_timeout_seconds < 1) {
    return Status::InvalidArgument("timeouts must be at least 1 second");
  }
  if (options.low_speed_bytes < 0 || options.low_speed_seconds < 0) {
    return Status::InvalidArgument("low-speed limits must not be negative");
  }
  if (options.max_body_bytes == 0) return Status::InvalidArgument("max_body_bytes is 0");
  if (options.concurrency < 1 || options.concurrency > 1000) {
    return Status::InvalidArgument("--concurrency must be between 1 and 1000");
  }
  if (options.commit_every < 1) return Status::InvalidArgument("commit_every must be at least 1");
  if (options.warc_max_file_bytes < 1024) {
    return Status::InvalidArgument("warc_max_file_bytes must be at least 1024");
  }
  if (options.warc_prefix.empty() ||
      options.warc_prefix.find_first_of("/\\") != std::string::npos) {
    return Status::InvalidArgument("the WARC prefix must be a plain, non-empty file name part");
  }
  return Status::OK();
}

}  // namespace vestige::crawler
