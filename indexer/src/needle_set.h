// NeedleSet: "does this class or id string contain any of these fragments?", asked of every
// element of every page by the boilerplate and date heuristics (extract_tree.cc,
// date_extract_dom.cc). One pass over the haystack with a table of the needles' first bytes, in
// place of one string_view::find per needle: those finds were 3% of the indexer's instructions
// on heavy news pages (issue 7).
//
// Internal to vestige_indexer. Thread safety: immutable; built at compile time.
#ifndef VESTIGE_INDEXER_SRC_NEEDLE_SET_H_
#define VESTIGE_INDEXER_SRC_NEEDLE_SET_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace vestige::indexer {

template <std::size_t N>
class NeedleSet {
 public:
  // REQUIRES: no needle is empty (checked: a constant NeedleSet with one does not compile).
  constexpr explicit NeedleSet(const std::string_view (&needles)[N]) {
    for (std::size_t i = 0; i < N; ++i) {
      if (needles[i].empty()) throw std::invalid_argument("NeedleSet: empty needle");
      needles_[i] = needles[i];
    }
    // Grouped by first byte, so that a haystack byte is compared with the needles it can start.
    std::sort(needles_.begin(), needles_.end(), [](std::string_view a, std::string_view b) {
      return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
    });
    for (std::size_t i = N; i-- > 0;) {
      const auto first = static_cast<unsigned char>(needles_[i][0]);
      begin_[first] = static_cast<unsigned char>(i);
      ++count_[first];
    }
  }

  // Whether some needle occurs in `hay`: the same answer as a find() != npos for each needle.
  bool FoundIn(std::string_view hay) const {
    for (std::size_t i = 0; i < hay.size(); ++i) {
      const auto c = static_cast<unsigned char>(hay[i]);
      if (count_[c] == 0) continue;
      const std::string_view rest = hay.substr(i);
      for (std::size_t k = begin_[c], end = k + count_[c]; k < end; ++k) {
        if (rest.starts_with(needles_[k])) return true;
      }
    }
    return false;
  }

 private:
  static_assert(N < 256, "NeedleSet indexes its needles with one byte");
  std::array<std::string_view, N> needles_{};
  std::array<unsigned char, 256> begin_{};  // by first byte: where its needles start
  std::array<unsigned char, 256> count_{};  // and how many there are
};

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_SRC_NEEDLE_SET_H_
