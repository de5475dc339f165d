// Internal: turns a fetched exchange into WARC request and response records, and describes the
// crawl in the warcinfo record. The bytes themselves are written by common's WarcWriter.
#ifndef VESTIGE_CRAWLER_ARCHIVE_H_
#define VESTIGE_CRAWLER_ARCHIVE_H_

#include <string>
#include <vector>

#include "fetcher.h"
#include "vestige/common/http.h"
#include "vestige/common/status.h"
#include "vestige/common/warc.h"
#include "vestige/crawler/options.h"

namespace vestige::crawler {

struct ArchivedExchange {
  common::WarcLocation request;
  common::WarcLocation response;
  std::string payload_digest;  // of the response; "" when its bytes do not parse as HTTP
  std::string record_id;       // WARC-Record-ID of the response (or revisit) record
  std::string cdxj_line;       // the response (or revisit) record's CDXJ line (CdxjLine)
};

// Makes the response record a revisit record (WARC 1.1 section 6.7) pointing at an earlier
// capture, so an unchanged page costs its headers only.
struct RevisitOf {
  static constexpr const char* kNotModified =
      "http://netpreserve.org/warc/1.1/revisit/server-not-modified";
  static constexpr const char* kIdenticalDigest =
      "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";
  std::string profile;         // one of the two above
  std::string refers_to;       // WARC-Record-ID of the original response record
  std::string refers_to_uri;   // its WARC-Target-URI
  std::string refers_to_date;  // its WARC-Date
  std::string payload_digest;  // the original's WARC-Payload-Digest (kept on the revisit)
};

// The two records of one exchange, linked both ways by WARC-Concurrent-To. `parsed` is the
// response parsed from fetch.response_bytes, or nullptr when it does not parse (then the record
// has no WARC-Payload-Digest). WARC-Date is the time the request was sent. A response cut short
// carries WARC-Truncated. With `revisit`, the response record is a revisit record whose block is
// the response head only (the whole 304 for server-not-modified). REQUIRES: fetch.got_response().
std::vector<common::WarcRecord> ExchangeRecords(const std::string& url, const FetchResult& fetch,
                                                const common::HttpResponse* parsed,
                                                const std::string& warcinfo_id,
                                                const RevisitOf* revisit = nullptr);

// Writes ExchangeRecords (request first). The writer's error (IOError) when a write fails.
common::Result<ArchivedExchange> ArchiveExchange(common::WarcWriter& writer, const std::string& url,
                                                 const FetchResult& fetch,
                                                 const common::HttpResponse* parsed,
                                                 const RevisitOf* revisit = nullptr);

// The warcinfo block (application/warc-fields): software, format, conformsTo, hostname,
// operator, http-header-user-agent, robots, and the crawl settings (vestige-* fields, seeds
// listed up to a limit).
std::string WarcinfoFields(const CrawlOptions& options, const std::vector<std::string>& seeds);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_ARCHIVE_H_
