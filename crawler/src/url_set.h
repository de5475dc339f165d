// Internal: a set of strings (the URLs a crawl has seen), each stored once and compactly.
//
// Why: the frontier remembers every URL it ever queued, and on a breadth-first crawl of a small
// site nearly every URL is queued at once. An std::unordered_set<std::string> spends about 110
// bytes per URL beside its text (a node with the hash, a 32-byte std::string, a heap copy of
// any URL over 15 bytes); here a URL costs its bytes, a 1-2 byte length and a 8-byte slot of an
// open-addressing table at most 3/4 full (issue 3: the frontier was 1.4 MB of the bench crawl's
// 3.9 MB heap peak).
//
// The bytes live in 64 KiB blocks that never move, so a Ref (and the view Get returns) stays
// valid as long as the set. Strings are never removed.
// Thread safety: one thread at a time.
#ifndef VESTIGE_CRAWLER_SRC_URL_SET_H_
#define VESTIGE_CRAWLER_SRC_URL_SET_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
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
  std::string_view Get(Ref ref) const;
  std::size_t size() const { return size_; }

 private:
  static constexpr Ref kEmpty = ~Ref{0};  // a free table slot (no block has index 2^32 - 1)

  // The slot holding `s`, or the free slot where it would go. REQUIRES: the table is not empty.
  std::size_t Slot(std::string_view s) const;
  Ref Store(std::string_view s);
  void Grow();

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t current_ = 0;  // the block being filled
  std::size_t used_ = 0;     // bytes used in blocks_[current_]
  std::vector<Ref> table_;   // a power of two long; kEmpty where free
  std::size_t size_ = 0;
};

}  // namespace vestige::crawler

#endif  // VESTIGE_CRAWLER_SRC_URL_SET_H_
