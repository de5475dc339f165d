#include "frontier.h"

namespace vestige::crawler {

bool Frontier::Add(FrontierEntry entry) {
  if (!seen_.insert(entry.url).second) return false;
  entry.sequence = next_sequence_++;
  queues_[entry.host_key].push_back(std::move(entry));
  ++size_;
  return true;
}

void Frontier::PushFront(FrontierEntry entry) {
  seen_.insert(entry.url);
  queues_[entry.host_key].push_front(std::move(entry));
  ++size_;
}

std::optional<FrontierEntry> Frontier::Pop(Clock::time_point now, Clock::time_point* ready_at) {
  // Hosts are few next to URLs, so a scan over the host queues is cheap.
  std::deque<FrontierEntry>* best = nullptr;
  std::optional<Clock::time_point> earliest;
  for (auto& [host, queue] : queues_) {
    if (queue.empty() || Busy(host)) continue;
    Clock::time_point allowed = NextAllowed(host);
    if (allowed > now) {
      if (!earliest || allowed < *earliest) earliest = allowed;
      continue;
    }
    if (best == nullptr || queue.front().sequence < best->front().sequence) best = &queue;
  }
  if (best == nullptr) {
    if (ready_at != nullptr) *ready_at = earliest.value_or(Clock::time_point::max());
    return std::nullopt;
  }
  FrontierEntry entry = std::move(best->front());
  best->pop_front();
  --size_;
  if (best->empty()) queues_.erase(entry.host_key);
  return entry;
}

std::optional<FrontierEntry> Frontier::Take(const std::string& url, const std::string& host_key) {
  auto it = queues_.find(host_key);
  if (it == queues_.end()) return std::nullopt;
  std::deque<FrontierEntry>& queue = it->second;
  for (auto e = queue.begin(); e != queue.end(); ++e) {
    if (e->url != url) continue;
    FrontierEntry entry = std::move(*e);
    queue.erase(e);
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

}  // namespace vestige::crawler
