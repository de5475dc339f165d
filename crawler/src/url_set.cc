#include "url_set.h"

#include <cstring>
#include <functional>

namespace vestige::crawler {

namespace {

// 64 KiB: a block holds about a thousand URLs; a string longer than a block gets one of its own.
// Blocks are not zeroed, so their pages become resident only as strings fill them.
constexpr std::size_t kBlockBytes = 64 * 1024;

// Each string is stored as its length (LEB128: 7 bits a byte, low bits first) then its bytes.
std::size_t LengthBytes(std::size_t n) {
  std::size_t bytes = 1;
  while (n >= 0x80) {
    n >>= 7;
    ++bytes;
  }
  return bytes;
}

std::size_t Hash(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

std::string_view UrlSet::Get(Ref ref) const {
  const char* p = blocks_[ref >> 32].get() + (ref & 0xffffffffu);
  std::size_t n = 0;
  int shift = 0;
  while (true) {
    const auto byte = static_cast<unsigned char>(*p++);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  return {p, n};
}

std::size_t UrlSet::Slot(std::string_view s) const {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = Hash(s) & mask;
  // Linear probing: the table is at most 3/4 full, so a free slot ends every probe.
  while (table_[i] != kEmpty && Get(table_[i]) != s) i = (i + 1) & mask;
  return i;
}

std::optional<UrlSet::Ref> UrlSet::Find(std::string_view s) const {
  if (table_.empty()) return std::nullopt;
  const Ref ref = table_[Slot(s)];
  if (ref == kEmpty) return std::nullopt;
  return ref;
}

std::pair<UrlSet::Ref, bool> UrlSet::Insert(std::string_view s) {
  if (4 * (size_ + 1) > 3 * table_.size()) Grow();
  const std::size_t slot = Slot(s);
  if (table_[slot] != kEmpty) return {table_[slot], false};
  table_[slot] = Store(s);
  ++size_;
  return {table_[slot], true};
}

UrlSet::Ref UrlSet::Store(std::string_view s) {
  const std::size_t need = LengthBytes(s.size()) + s.size();
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
  char* p = blocks_[block].get() + offset;
  std::size_t n = s.size();
  while (n >= 0x80) {
    *p++ = static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  *p++ = static_cast<char>(n);
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return (static_cast<Ref>(block) << 32) | offset;
}

void UrlSet::Grow() {
  std::vector<Ref> old(table_.empty() ? 1024 : 2 * table_.size(), kEmpty);
  old.swap(table_);
  for (const Ref ref : old) {
    if (ref != kEmpty) table_[Slot(Get(ref))] = ref;
  }
}

}  // namespace vestige::crawler
