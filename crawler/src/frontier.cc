#include "frontier.h"

#include <algorithm>

namespace vestige::crawler {

bool Frontier::Add(FrontierEntry entry) {
  const auto [url, added] = seen_.Insert(entry.url);
  if (!added) return false;
  Queued queued = Compact(entry, url);
  queued.sequence = next_sequence_++;
  queues_[entry.host_key].push_back(queued);
  ++size_;
  return true;
}

void Frontier::PushFront(FrontierEntry entry) {
  const UrlSet::Ref url = seen_.Insert(entry.url).first;
  queues_[entry.host_key].push_front(Compact(entry, url));
  ++size_;
}

std::optional<FrontierEntry> Frontier::Pop(Clock::time_point now, Clock::time_point* ready_at) {
  // Hosts are few next to URLs, so a scan over the host queues is cheap.
  decltype(queues_)::iterator best = queues_.end();
  std::optional<Clock::time_point> earliest;
  for (auto it = queues_.begin(); it != queues_.end(); ++it) {
    const auto& [host, queue] = *it;
    if (queue.empty() || Busy(host)) continue;
    Clock::time_point allowed = NextAllowed(host);
    if (allowed > now) {
      if (!earliest || allowed < *earliest) earliest = allowed;
      continue;
    }
    if (best == queues_.end() || queue.front().sequence < best->second.front().sequence) best = it;
  }
  if (best == queues_.end()) {
    if (ready_at != nullptr) *ready_at = earliest.value_or(Clock::time_point::max());
    return std::nullopt;
  }
  FrontierEntry entry = Expand(best->second.front(), best->first);
  best->second.pop_front();
  --size_;
  if (best->second.empty()) queues_.erase(best);
  return entry;
}

std::optional<FrontierEntry> Frontier::Take(const std::string& url, const std::string& host_key) {
  auto it = queues_.find(host_key);
  if (it == queues_.end()) return std::nullopt;
  const std::optional<UrlSet::Ref> ref = seen_.Find(url);
  if (!ref) return std::nullopt;
  std::deque<Queued>& queue = it->second;
  for (auto q = queue.begin(); q != queue.end(); ++q) {
    if (q->url != *ref) continue;
    FrontierEntry entry = Expand(*q, host_key);
    queue.erase(q);
    --size_;
    if (queue.empty()) queues_.erase(it);
    return entry;
  }
  return std::nullopt;
}

void Frontier::Release(const std::string& host_key) {
  auto it = busy_.find(host_key);
  if (it != busy_.end() && --it->second <= 0) busy_.erase(it);
}

Frontier::Clock::time_point Frontier::NextAllowed(const std::string& host_key) const {
  auto it = next_allowed_.find(host_key);
  return it == next_allowed_.end() ? Clock::time_point::min() : it->second;
}

void Frontier::SetNextAllowed(const std::string& host_key, Clock::time_point when) {
  next_allowed_[host_key] = when;
}

Frontier::Queued Frontier::Compact(const FrontierEntry& entry, UrlSet::Ref url) {
  Queued queued;
  queued.url = url;
  queued.sequence = entry.sequence;
  queued.scope = Intern(entry.scope);
  queued.kind = Intern(entry.kind);
  queued.depth = entry.depth;
  queued.hops = static_cast<std::uint16_t>(std::clamp(entry.hops, 0, 0xffff));
  queued.attempts = static_cast<std::uint8_t>(std::clamp(entry.attempts, 0, 0xff));
  queued.seed = entry.seed;
  return queued;
}

FrontierEntry Frontier::Expand(const Queued& queued, const std::string& host_key) const {
  FrontierEntry entry;
  entry.url = seen_.Get(queued.url);
  entry.host_key = host_key;
  entry.scope = names_[queued.scope];
  entry.hops = queued.hops;
  entry.seed = queued.seed;
  entry.sequence = queued.sequence;
  entry.depth = queued.depth;
  entry.kind = names_[queued.kind];
  entry.attempts = queued.attempts;
  return entry;
}

std::uint32_t Frontier::Intern(const std::string& name) {
  auto it = name_ids_.find(name);
  if (it != name_ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.push_back(name);
  name_ids_.emplace(name, id);
  return id;
}

}  // namespace vestige::crawler
