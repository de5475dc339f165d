// Internal: reads a page's links on a second thread while the crawl loop archives the page.
//
// Why: with no network latency to wait on, a crawl is bound by its one thread's CPU, and HTML
// link extraction (gumbo) is about as much work per page as writing its records (digests and
// gzip). The loop starts the links of a page as soon as its response is parsed, writes the
// records, updates the state, and only then takes the links. One job at a time; the worker keeps
// its own copy of the bytes, so nothing the loop frees can be read by it.
//
// Thread safety: Start, Take and Drop are called from one thread (the crawl loop).
#ifndef VESTIGE_CRAWLER_SRC_LINK_WORKER_H_
#define VESTIGE_CRAWLER_SRC_LINK_WORKER_H_

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "vestige/common/html.h"
#include "vestige/common/http.h"
#include "vestige/common/url.h"

namespace vestige::crawler {

// A link of a page worth following, resolved against the page (and its <base href>).
struct PageLink {
  std::string canonical;  // common::CanonicalUrl of the resolved URL
  common::Url url;        // canonical, parsed; scheme http or https
  bool feed = false;      // <link rel=alternate> to an RSS, Atom or RDF feed
};

// The links a crawl follows from an HTML response fetched from `page`: <a>, <area>, <iframe>,
// meta refresh, and <link> with rel alternate or canonical; http(s) only, in document order. The
// payload is decoded (Content-Encoding) and read by common::ParseHtmlLinks. nullopt when the
// payload does not decode. Pure.
std::optional<std::vector<PageLink>> ReadPageLinks(const common::Url& page,
                                                   const common::HttpResponse& response);

class LinkWorker {
 public:
  // Starts the thread. When it cannot be started, jobs run inside Take() instead.
  LinkWorker();
  ~LinkWorker();  // waits for a running job and joins the thread
  LinkWorker(const LinkWorker&) = delete;
  LinkWorker& operator=(const LinkWorker&) = delete;

  // Begins ReadPageLinks(page, response) for the job named `key` (a URL), after dropping any job
  // not taken. The response is copied.
  void Start(std::string key, const common::Url& page, const common::HttpResponse& response);
  // Whether the job named `key` was started and not taken or dropped.
  bool Has(std::string_view key) const { return pending_ && key_ == key; }
  // Waits for the job and returns its result. REQUIRES: Has(key) for some key.
  std::optional<std::vector<PageLink>> Take();
  // Waits for a job not taken, if any, and forgets it.
  void Drop();

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable cv_;
  bool has_job_ = false;                         // guarded by mu_: the worker has a job to do
  bool done_ = false;                            // guarded by mu_: the job's result is ready
  bool stop_ = false;                            // guarded by mu_
  common::Url page_;                             // guarded by mu_ until done_
  common::HttpResponse job_;                     // guarded by mu_ until done_
  std::optional<std::vector<PageLink>> result_;  // guarded by mu_ until done_
  bool pending_ = false;                         // loop thread only
  std::string key_;                              // loop thread only
  std::thread thread_;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_SRC_LINK_WORKER_H_
