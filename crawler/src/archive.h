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
};

// The two records of one exchange, linked both ways by WARC-Concurrent-To. `parsed` is the
// response parsed from fetch.response_bytes, or nullptr when it does not parse (then the record
// has no WARC-Payload-Digest). WARC-Date is the time the request was sent. A response cut short
// carries WARC-Truncated. REQUIRES: fetch.got_response().
std::vector<common::WarcRecord> ExchangeRecords(const std::string& url, const FetchResult& fetch,
                                                const common::HttpResponse* parsed,
                                                const std::string& warcinfo_id);

// Writes ExchangeRecords (request first). The writer's error (IOError) when a write fails.
common::Result<ArchivedExchange> ArchiveExchange(common::WarcWriter& writer, const std::string& url,
                                                 const FetchResult& fetch,
                                                 const common::HttpResponse* parsed);

// The warcinfo block (application/warc-fields): software, format, conformsTo, hostname,
// operator, http-header-user-agent, robots, and the crawl settings (vestige-* fields, seeds
// listed up to a limit).
std::string WarcinfoFields(const CrawlOptions& options, const std::vector<std::string>& seeds);

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_ARCHIVE_H_
