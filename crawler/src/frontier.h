// Internal: the URLs waiting to be fetched, in breadth-first order, with per-host politeness.
//
// Each host (host:port) has its own FIFO queue; Pop() takes, among the hosts that are not busy (no
// transfer in flight) and whose next request is allowed now, the head that was queued first. So
// the order is breadth-first within each host and as close to breadth-first overall as the
// per-host delay and the transfers in flight allow. Every URL is queued at most
// once (dedup by the exact string given, which callers make canonical).
// Thread safety: one thread at a time.
#ifndef VESTIGE_CRAWLER_FRONTIER_H_
#define VESTIGE_CRAWLER_FRONTIER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "url_set.h"

namespace vestige::crawler {

struct FrontierEntry {
  std::string url;       // canonical URL
  std::string host_key;  // "host:port" (effective port), the politeness key
  std::string scope;     // host_key of the seed this URL descends from
  int hops = 0;          // redirects followed to reach this URL
  // A seed, or reached from one by redirects only. Its redirects may leave the seed's scope: the
  // target becomes a seed of its own (http -> https, example.org -> www.example.org).
  bool seed = false;
  std::int64_t sequence = 0;  // queueing order, set by the frontier
  int depth = 0;              // links followed from the seed (redirects do not count)
  std::string kind = "page";  // "page", "feed" or "sitemap"
  int attempts = 0;           // failed attempts so far (retries), not persisted
};

class Frontier {
 public:
  using Clock = std::chrono::steady_clock;

  // Queues `entry` unless its URL was ever queued; returns whether it was.
  bool Add(FrontierEntry entry);
  // Puts a popped entry back at the head of its host's queue (its URL stays seen).
  void PushFront(FrontierEntry entry);
  // Marks a URL as seen without queueing it (a URL a resumed run already fetched).
  void MarkSeen(const std::string& url) { seen_.Insert(url); }
  bool Seen(const std::string& url) const { return seen_.Contains(url); }
  // Removes a queued URL and returns its entry; nullopt when it is not queued. Linear in the
  // size of its host's queue (used when a resumed run accounts for records already written).
  std::optional<FrontierEntry> Take(const std::string& url, const std::string& host_key);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // The next entry whose host is not busy and may be contacted at `now`. Otherwise nullopt,
  // with *ready_at set to the earliest time a waiting host that is not busy may be contacted
  // (Clock::time_point::max() when every queued URL belongs to a busy host, or none is queued).
  std::optional<FrontierEntry> Pop(Clock::time_point now, Clock::time_point* ready_at);

  // A host is busy while a transfer to it is in flight (counted, so holds may nest).
  void Acquire(const std::string& host_key) { ++busy_[host_key]; }
  void Release(const std::string& host_key);
  bool Busy(const std::string& host_key) const { return busy_.count(host_key) != 0; }

  // When `host_key` may next be contacted (the past when never set).
  Clock::time_point NextAllowed(const std::string& host_key) const;
  void SetNextAllowed(const std::string& host_key, Clock::time_point when);

 private:
  // A queued entry as kept: 32 bytes, where a FrontierEntry is 160 plus a heap copy of its URL.
  // The URL's text is in seen_, the host is the queue's key, scope and kind are interned. hops
  // and attempts saturate (at 65,535 redirects and 255 attempts; --max-retries is at most 20).
  struct Queued {
    UrlSet::Ref url = 0;
    std::int64_t sequence = 0;
    std::uint32_t scope = 0;  // index in names_
    std::uint32_t kind = 0;   // index in names_
    int depth = 0;
    std::uint16_t hops = 0;
    std::uint8_t attempts = 0;
    bool seed = false;
  };
  static_assert(sizeof(Queued) == 32);

  Queued Compact(const FrontierEntry& entry, UrlSet::Ref url);
  FrontierEntry Expand(const Queued& queued, const std::string& host_key) const;
  std::uint32_t Intern(const std::string& name);

  UrlSet seen_;  // every URL ever queued or marked seen
  std::map<std::string, std::deque<Queued>> queues_;
  std::vector<std::string> names_;  // the scopes and kinds of queued entries, each once
  std::map<std::string, std::uint32_t, std::less<>> name_ids_;  // index in names_, by name
  std::map<std::string, Clock::time_point> next_allowed_;
  std::map<std::string, int> busy_;  // hosts with transfers in flight (count > 0 only)
  std::int64_t next_sequence_ = 0;
  std::size_t size_ = 0;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_FRONTIER_H_
