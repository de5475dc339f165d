#include "url_set.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace vestige::crawler {

namespace {

// 64 KiB: a block holds a few thousand entries; an entry longer than a block gets one of its
// own. Blocks are not zeroed, so their pages become resident only as entries fill them.
constexpr std::size_t kBlockBytes = 64 * 1024;

// An entry is its origin's index, the length of the rest, then the rest's bytes; both numbers
// as LEB128 (7 bits a byte, low bits first).
std::size_t VarintBytes(std::size_t n) {
  std::size_t bytes = 1;
  while (n >= 0x80) {
    n >>= 7;
    ++bytes;
  }
  return bytes;
}

char* PutVarint(char* p, std::size_t n) {
  while (n >= 0x80) {
    *p++ = static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  *p++ = static_cast<char>(n);
  return p;
}

const char* GetVarint(const char* p, std::size_t* n) {
  *n = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    *n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (byte < 0x80) return p;
  }
}

// `s` as its origin ("http://host:port", up to the first '/' after "://") and the rest.
std::pair<std::string_view, std::string_view> SplitOrigin(std::string_view s) {
  const std::size_t scheme_end = s.find("://");
  if (scheme_end == std::string_view::npos) return {{}, s};
  const std::size_t path = std::min(s.find('/', scheme_end + 3), s.size());
  return {s.substr(0, path), s.substr(path)};
}

std::size_t Hash(std::uint32_t origin, std::string_view rest) {
  // The origin's index spreads URLs with the same rest ("/") over the table.
  return std::hash<std::string_view>{}(rest) + (origin + 1) * std::size_t{0x9e3779b97f4a7c15};
}

}  // namespace

UrlSet::Entry UrlSet::Decode(Ref ref) const {
  const char* p = blocks_[ref >> 32].get() + (ref & 0xffffffffu);
  std::size_t origin = 0;
  std::size_t length = 0;
  p = GetVarint(GetVarint(p, &origin), &length);
  return {static_cast<std::uint32_t>(origin), std::string_view(p, length)};
}

std::string UrlSet::Get(Ref ref) const {
  const Entry e = Decode(ref);
  std::string s;
  s.reserve(origins_[e.origin]->size() + e.rest.size());
  s.append(*origins_[e.origin]).append(e.rest);
  return s;
}

std::size_t UrlSet::Slot(std::uint32_t origin, std::string_view rest) const {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = Hash(origin, rest) & mask;
  // Linear probing: the table is at most 3/4 full, so a free slot ends every probe.
  while (table_[i] != kEmpty) {
    const Entry e = Decode(table_[i]);
    if (e.origin == origin && e.rest == rest) break;
    i = (i + 1) & mask;
  }
  return i;
}

std::optional<UrlSet::Ref> UrlSet::Find(std::string_view s) const {
  if (table_.empty()) return std::nullopt;
  const auto [origin, rest] = SplitOrigin(s);
  const auto id = origin_ids_.find(origin);
  if (id == origin_ids_.end()) return std::nullopt;
  const Ref ref = table_[Slot(id->second, rest)];
  if (ref == kEmpty) return std::nullopt;
  return ref;
}

std::pair<UrlSet::Ref, bool> UrlSet::Insert(std::string_view s) {
  if (4 * (size_ + 1) > 3 * table_.size()) Grow();
  const auto [origin, rest] = SplitOrigin(s);
  auto id = origin_ids_.find(origin);
  if (id == origin_ids_.end()) {
    id = origin_ids_.emplace(origin, static_cast<std::uint32_t>(origins_.size())).first;
    origins_.push_back(&id->first);
  }
  const std::size_t slot = Slot(id->second, rest);
  if (table_[slot] != kEmpty) return {table_[slot], false};
  table_[slot] = Store(id->second, rest);
  ++size_;
  return {table_[slot], true};
}

UrlSet::Ref UrlSet::Store(std::uint32_t origin, std::string_view rest) {
  const std::size_t need = VarintBytes(origin) + VarintBytes(rest.size()) + rest.size();
  std::size_t block = current_;
  std::size_t offset = used_;
  if (need > kBlockBytes) {
    // A block of its own; the block being filled stays the one being filled.
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(need));
    block = blocks_.size() - 1;
    offset = 0;
  } else {
    if (blocks_.empty() || used_ + need > kBlockBytes) {
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockBytes));
      current_ = blocks_.size() - 1;
      used_ = 0;
      block = current_;
      offset = 0;
    }
    used_ += need;
  }
  char* p = PutVarint(PutVarint(blocks_[block].get() + offset, origin), rest.size());
  if (!rest.empty()) std::memcpy(p, rest.data(), rest.size());
  return (static_cast<Ref>(block) << 32) | offset;
}

void UrlSet::Grow() {
  std::vector<Ref> old(table_.empty() ? 1024 : 2 * table_.size(), kEmpty);
  old.swap(table_);
  for (const Ref ref : old) {
    if (ref == kEmpty) continue;
    const Entry e = Decode(ref);
    table_[Slot(e.origin, e.rest)] = ref;
  }
}

}  // namespace vestige::crawler
