// Command-line flags of the bench programs: "--name value" and "--flag" pairs after an optional
// sub-command. Bench-only (the product binaries use Boost.Program_options).
// Thread safety: plain value.
#ifndef VESTIGE_BENCH_ARGS_H_
#define VESTIGE_BENCH_ARGS_H_

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

namespace vestige::bench {

class Args {
 public:
  // `flags` are the names that take no value (e.g. "help"). Anything else starting with "--"
  // takes the next argument as its value. Returns false, with *error set, on a stray argument or a
  // missing value.
  bool Parse(int argc, char** argv, int first, const std::set<std::string>& flags,
             std::string* error) {
    for (int i = first; i < argc; ++i) {
      std::string a = argv[i];
      if (a.rfind("--", 0) != 0) {
        *error = "unexpected argument \"" + a + "\"";
        return false;
      }
      a = a.substr(2);
      if (flags.count(a) != 0) {
        values_[a] = "1";
        continue;
      }
      if (i + 1 >= argc) {
        *error = "--" + a + " needs a value";
        return false;
      }
      values_[a] = argv[++i];
    }
    return true;
  }
  bool Has(const std::string& name) const { return values_.count(name) != 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }
  // The value as a number; `fallback` when absent; sets *ok = false when present but not a number.
  std::uint64_t Number(const std::string& name, std::uint64_t fallback, bool* ok) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    try {
      std::size_t used = 0;
      const unsigned long long v = std::stoull(it->second, &used);
      if (used == it->second.size()) return v;
    } catch (const std::exception&) {
    }
    *ok = false;
    return fallback;
  }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace vestige::bench

#endif  // VESTIGE_BENCH_ARGS_H_
