// The estimated HTML5 parser state behind the nesting guard (html_nesting.h): the stack of open
// elements with the common implied end tags, and the list of active formatting elements with its
// markers, Noah's Ark clause, reconstruction and a one-pass adoption agency (WHATWG HTML, 13.2.6
// "in body"). A deliberately rough model: it only needs to keep the estimated depth near gumbo's
// for ordinary pages and not far below it for hostile ones.
//
// Internal to vestige_common (used by html_nesting.cc). Thread safety: one thread per model.
#ifndef VESTIGE_COMMON_SRC_HTML_TREE_MODEL_H_
#define VESTIGE_COMMON_SRC_HTML_TREE_MODEL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace vestige::common::html_internal {

using NameSet = std::unordered_set<std::string_view>;

// The spec's formatting elements, the elements that put a marker on the list of active
// formatting elements, and the elements that bound "has an element in scope".
const NameSet& Formatting();
const NameSet& MarkerOwners();
const NameSet& ScopeBoundaries();

// The estimated parser state.
class TreeModel {
 public:
  static constexpr std::size_t kNpos = std::string::npos;

  explicit TreeModel(std::size_t max_depth) : max_depth_(max_depth) {}

  // A start tag; true when it must be removed from the input.
  bool StartTag(const std::string& name, std::string_view attrs, bool self_closing);
  void EndTag(const std::string& name);
  void Text() {
    if (!Has("select")) Reconstruct();
  }

 private:
  struct Open {
    std::string name;
    int id;
  };
  struct Entry {  // id < 0: a marker
    std::string name;
    std::string attrs;
    int id;
  };

  bool Has(const std::string& name) const {
    auto it = counts_.find(name);
    return it != counts_.end() && it->second > 0;
  }
  bool InStack(int id) const {
    return id >= 0 && static_cast<std::size_t>(id) < in_stack_.size() &&
           in_stack_[static_cast<std::size_t>(id)];
  }
  int Push(const std::string& name) {
    const int id = static_cast<int>(in_stack_.size());
    in_stack_.push_back(true);
    list_refs_.push_back(0);
    stack_.push_back({name, id});
    ++counts_[name];
    return id;
  }
  void Forget(const Open& e) {
    --counts_[e.name];
    in_stack_[static_cast<std::size_t>(e.id)] = false;
    if (MarkerOwners().count(e.name) != 0) ClearToMarker();
  }
  // Pops stack_[index] and everything above it.
  void PopTo(std::size_t index) {
    while (stack_.size() > index) {
      const Open e = std::move(stack_.back());
      stack_.pop_back();
      Forget(e);
    }
  }
  void EraseAt(std::size_t index) {
    const Open e = stack_[index];
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(index));
    Forget(e);
  }
  void ClearToMarker() {
    while (!list_.empty()) {
      const bool marker = list_.back().id < 0;
      ListErase(list_.size() - 1);
      if (marker) break;
    }
  }
  // Every change to list_ goes through these two, which keep list_refs_ current.
  void ListPush(std::string name, std::string attrs, int id) {
    if (id >= 0) ++list_refs_[static_cast<std::size_t>(id)];
    list_.push_back({std::move(name), std::move(attrs), id});
  }
  void ListErase(std::size_t index) {
    const int id = list_[index].id;
    if (id >= 0) --list_refs_[static_cast<std::size_t>(id)];
    list_.erase(list_.begin() + static_cast<std::ptrdiff_t>(index));
  }
  bool Listed(int id) const { return id >= 0 && list_refs_[static_cast<std::size_t>(id)] > 0; }
  // Index of the topmost element for which `target` holds, searching down from the top and giving
  // up at an element for which `stop` holds. kNpos when none.
  template <typename Target, typename Stop>
  std::size_t Find(Target&& target, Stop&& stop) const {
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (target(stack_[i].name)) return i;
      if (stop(stack_[i].name)) return kNpos;
    }
    return kNpos;
  }
  std::size_t FindInScope(const std::string& name, const NameSet& extra_boundaries) const {
    if (!Has(name)) return kNpos;
    return Find([&](const std::string& s) { return s == name; },
                [&](const std::string& s) {
                  return ScopeBoundaries().count(s) != 0 || extra_boundaries.count(s) != 0;
                });
  }
  void PopToInScope(const std::string& name, const NameSet& extra_boundaries = {}) {
    const std::size_t at = FindInScope(name, extra_boundaries);
    if (at != kNpos) PopTo(at);
  }
  // Pops everything above the topmost `name` (which stays open).
  void PopAbove(const std::string& name) {
    if (!Has(name)) return;
    const std::size_t at = Find([&](const std::string& s) { return s == name; },
                                [](const std::string& s) { return s == "html"; });
    if (at != kNpos) PopTo(at + 1);
  }
  // The last list entry named `name` after the last marker, or kNpos.
  std::size_t FindFormatting(const std::string& name) const {
    for (std::size_t i = list_.size(); i-- > 0;) {
      if (list_[i].id < 0) return kNpos;
      if (list_[i].name == name) return i;
    }
    return kNpos;
  }
  void Reconstruct() {
    if (list_.empty() || list_.back().id < 0 || InStack(list_.back().id)) return;
    std::size_t i = list_.size() - 1;
    while (i > 0 && list_[i - 1].id >= 0 && !InStack(list_[i - 1].id)) --i;
    for (; i < list_.size(); ++i) {
      --list_refs_[static_cast<std::size_t>(list_[i].id)];
      list_[i].id = Push(list_[i].name);
      ++list_refs_[static_cast<std::size_t>(list_[i].id)];
    }
  }
  void AddFormatting(const std::string& name, std::string_view attrs, int id) {
    // Noah's Ark: at most three identical entries after the last marker.
    int same = 0;
    std::size_t earliest = kNpos;
    for (std::size_t i = list_.size(); i-- > 0;) {
      if (list_[i].id < 0) break;
      if (list_[i].name == name && list_[i].attrs == attrs) {
        ++same;
        earliest = i;
      }
    }
    if (same >= 3) ListErase(earliest);
    ListPush(name, std::string(attrs), id);
  }
  void AdoptionAgency(const std::string& name);

  std::size_t max_depth_;
  std::vector<Open> stack_;
  std::vector<Entry> list_;
  std::vector<bool> in_stack_;  // by element id
  std::vector<int> list_refs_;  // by element id: entries of list_ that name it
  std::unordered_map<std::string, int> counts_;
};

}  // namespace vestige::common::html_internal

#endif  // VESTIGE_COMMON_SRC_HTML_TREE_MODEL_H_
