// Internal: a set of strings (the URLs a crawl has seen), each stored once and compactly.
//
// Why: the frontier remembers every URL it ever queued, and on a breadth-first crawl of a small
// site nearly every URL is queued at once. An std::unordered_set<std::string> spends about 110
// bytes per URL beside its text (a node with the hash, a 32-byte std::string, a heap copy of
// any URL over 15 bytes); here a URL costs the bytes after its origin, 2-4 bytes of header and
// an 8-byte slot of an open-addressing table at most 3/4 full (issue 3: the frontier was 1.4 MB
// of the bench crawl's 3.9 MB heap peak).
//
// A URL is split into its origin (up to the first '/' after "://") and the rest; each origin is
// kept once, as URLs of one host share it (23 of the 34 bytes of the bench crawl's average
// URL). Any string may be stored; one without "://" has an empty origin.
//
// The entries live in 64 KiB blocks that never move, so a Ref stays valid as long as the set.
// Strings are never removed. Thread safety: one thread at a time.
#ifndef VESTIGE_CRAWLER_SRC_URL_SET_H_
#define VESTIGE_CRAWLER_SRC_URL_SET_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vestige::crawler {

class UrlSet {
 public:
  // Names a stored string: its block (high 32 bits) and offset in the block (low 32 bits).
  using Ref = std::uint64_t;

  // Adds `s` unless it is there; returns its Ref and whether it was added.
  std::pair<Ref, bool> Insert(std::string_view s);
  // The Ref of `s`; nullopt when it is not in the set.
  std::optional<Ref> Find(std::string_view s) const;
  bool Contains(std::string_view s) const { return Find(s).has_value(); }
  // The string named by `ref`. REQUIRES: `ref` came from this set.
  std::string Get(Ref ref) const;
  std::size_t size() const { return size_; }

 private:
  static constexpr Ref kEmpty = ~Ref{0};  // a free table slot (no block has index 2^32 - 1)

  // A stored entry: the index of its origin in origins_ and the rest of the string.
  struct Entry {
    std::uint32_t origin = 0;
    std::string_view rest;
  };
  Entry Decode(Ref ref) const;
  // The slot holding the entry, or the free slot where it would go. REQUIRES: a table.
  std::size_t Slot(std::uint32_t origin, std::string_view rest) const;
  Ref Store(std::uint32_t origin, std::string_view rest);
  void Grow();

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t current_ = 0;  // the block being filled
  std::size_t used_ = 0;     // bytes used in blocks_[current_]
  std::vector<Ref> table_;   // a power of two long; kEmpty where free
  std::size_t size_ = 0;
  struct OriginHash {
    using is_transparent = void;  // finds a std::string_view without making a std::string
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // The index of each origin in origins_, by origin.
  std::unordered_map<std::string, std::uint32_t, OriginHash, std::equal_to<>> origin_ids_;
  std::vector<const std::string*> origins_;  // the keys of origin_ids_
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_SRC_URL_SET_H_
