// vestige-bench query: latency percentiles per query type over a collection's index.
//
// Query file: one query per line, TAB-separated: TYPE, QUERY TEXT, and optional OPTIONS (words
// separated by spaces): from=DATE to=DATE date=published|captured person=ID[,ID...] (repeat for
// several persons, all required) crime=ID[,ID...] site=HOST lang=CODE facets collapse
// sort=newest|oldest. Lines starting with '#' and blank lines are ignored.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench.h"
#include "vestige/query/searcher.h"

namespace vestige::bench {
namespace {

struct BenchQuery {
  std::string type;
  std::string text;
  std::string options;
  query::SearchRequest request;
  std::uint64_t hits = 0;
  bool exact = true;
  std::string error;
  std::vector<double> ms;
  std::vector<double> cpu_ms;  // CPU time of this thread per run (CLOCK_THREAD_CPUTIME_ID)
};

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// Fills the request from the option words; false with *error on an unknown or bad option.
bool ApplyOptions(const std::string& options, query::SearchRequest* r, std::string* error) {
  for (const std::string& word : Split(options, ' ')) {
    const std::size_t eq = word.find('=');
    const std::string key = word.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : word.substr(eq + 1);
    if (key == "facets") {
      r->facets = true;
    } else if (key == "collapse") {
      r->collapse = true;
    } else if (key == "from" || key == "to") {
      auto bound = query::ParseDateBound(value, key == "to");
      if (!bound.ok()) {
        *error = bound.status().ToString();
        return false;
      }
      (key == "from" ? r->from : r->to) = *bound;
    } else if (key == "date") {
      r->date_field =
          value == "captured" ? query::DateField::kCaptured : query::DateField::kPublished;
    } else if (key == "person") {
      r->persons.push_back(Split(value, ','));
    } else if (key == "crime") {
      for (const std::string& id : Split(value, ',')) r->crimes.push_back(id);
    } else if (key == "site") {
      r->sites.push_back(value);
    } else if (key == "lang") {
      r->languages.push_back(value);
    } else if (key == "sort") {
      r->sort = value == "oldest" ? query::SortOrder::kOldest : query::SortOrder::kNewest;
    } else {
      *error = "unknown option \"" + word + "\"";
      return false;
    }
  }
  return true;
}

bool LoadQueries(const std::string& path, std::uint32_t limit, std::vector<BenchQuery>* out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "vestige-bench: cannot read " << path << "\n";
    return false;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      cols.push_back(
          line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (cols.size() < 2) {
      std::cerr << "vestige-bench: " << path << ":" << number
                << ": want TYPE<TAB>QUERY[<TAB>OPTIONS]\n";
      return false;
    }
    BenchQuery q;
    q.type = cols[0];
    q.text = cols[1];
    q.options = cols.size() > 2 ? cols[2] : "";
    q.request.query = q.text;
    q.request.limit = limit;
    std::string error;
    if (!ApplyOptions(q.options, &q.request, &error)) {
      std::cerr << "vestige-bench: " << path << ":" << number << ": " << error << "\n";
      return false;
    }
    out->push_back(std::move(q));
  }
  return true;
}

// Nearest-rank percentile of sorted values.
double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t rank =
      static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size()) + 0.999999);
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

int RunQueryBench(const Args& args) {
  bool ok = true;
  const std::uint64_t rounds = args.Number("rounds", 20, &ok);
  const std::uint64_t warmup = args.Number("warmup", 2, &ok);
  const std::uint64_t limit = args.Number("limit", 10, &ok);
  const std::uint64_t seed = args.Number("seed", 1, &ok);
  if (!ok || !args.Has("collection") || !args.Has("queries") || rounds == 0) {
    std::cerr << "vestige-bench query: needs --collection DIR --queries FILE; --rounds >= 1\n";
    return 2;
  }
  std::vector<BenchQuery> queries;
  if (!LoadQueries(args.Get("queries"), static_cast<std::uint32_t>(limit), &queries)) return 2;
  if (queries.empty()) {
    std::cerr << "vestige-bench: no queries in " << args.Get("queries") << "\n";
    return 2;
  }
  auto searcher = query::Searcher::OpenCollection(args.Get("collection"));
  if (!searcher.ok()) {
    std::cerr << "vestige-bench: " << searcher.status().ToString() << "\n";
    return 2;
  }
  const std::string load_before = LoadAverage();
  std::vector<std::size_t> order(queries.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  for (std::uint64_t round = 0; round < warmup + rounds; ++round) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      BenchQuery& q = queries[i];
      const double cpu_start = ThreadCpuMs();
      const auto start = std::chrono::steady_clock::now();
      auto results = searcher->Search(q.request);
      const double cpu_ms = ThreadCpuMs() - cpu_start;
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      if (!results.ok()) {
        q.error = results.status().ToString();
        continue;
      }
      q.hits = results->total.estimated;
      q.exact = results->total.exact();
      if (round >= warmup) {
        q.ms.push_back(ms);
        q.cpu_ms.push_back(cpu_ms);
      }
    }
  }
  const std::string load_after = LoadAverage();

  std::printf("index: %llu documents; %zu queries, %llu warm-up + %llu timed rounds, limit %llu\n",
              static_cast<unsigned long long>(searcher->document_count()), queries.size(),
              static_cast<unsigned long long>(warmup), static_cast<unsigned long long>(rounds),
              static_cast<unsigned long long>(limit));
  std::printf("%-14s %9s %8s %8s  %s\n", "type", "hits", "p50 ms", "max ms", "query  [options]");
  std::map<std::string, std::vector<double>> by_type;
  std::map<std::string, std::vector<double>> cpu_by_type;
  std::vector<std::string> type_order;
  int failed = 0;
  for (BenchQuery& q : queries) {
    if (by_type.find(q.type) == by_type.end()) type_order.push_back(q.type);
    std::vector<double>& all = by_type[q.type];
    all.insert(all.end(), q.ms.begin(), q.ms.end());
    cpu_by_type[q.type].insert(cpu_by_type[q.type].end(), q.cpu_ms.begin(), q.cpu_ms.end());
    std::sort(q.ms.begin(), q.ms.end());
    const std::string shown = q.text + (q.options.empty() ? "" : "  [" + q.options + "]");
    if (!q.error.empty()) {
      ++failed;
      std::printf("%-14s %9s %8s %8s  %s  ERROR %s\n", q.type.c_str(), "-", "-", "-", shown.c_str(),
                  q.error.c_str());
      continue;
    }
    std::printf("%-14s %8llu%s %8.2f %8.2f  %s\n", q.type.c_str(),
                static_cast<unsigned long long>(q.hits), q.exact ? " " : "~", Percentile(q.ms, 50),
                q.ms.empty() ? 0.0 : q.ms.back(), shown.c_str());
  }
  std::printf("\n%-14s %7s %8s %8s %8s %8s %9s %9s\n", "type", "runs", "p50 ms", "p95 ms", "p99 ms",
              "max ms", "cpu p50", "cpu p99");
  for (const std::string& type : type_order) {
    std::vector<double>& v = by_type[type];
    std::sort(v.begin(), v.end());
    std::vector<double>& c = cpu_by_type[type];
    std::sort(c.begin(), c.end());
    std::printf("%-14s %7zu %8.2f %8.2f %8.2f %8.2f %9.2f %9.2f\n", type.c_str(), v.size(),
                Percentile(v, 50), Percentile(v, 95), Percentile(v, 99), v.empty() ? 0.0 : v.back(),
                Percentile(c, 50), Percentile(c, 99));
  }
  std::printf(
      "(hits: estimated matches, '~' when not exact; %s before, %s after; peak RSS %.1f MB)\n",
      load_before.c_str(), load_after.c_str(), PeakRssMb());
  return failed > 0 ? 1 : 0;
}

}  // namespace vestige::bench
