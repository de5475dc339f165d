// vestige-bench: throughput and latency of the indexer and the query library (issue 7).
//
//   vestige-bench index --collection DIR [--threads N] [--batch N] [--keep-index]
//   vestige-bench query --collection DIR --queries FILE [--rounds R] [--warmup W] [--limit K]
//                       [--seed S] [--per-query]
//
// See bench/README.md.
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "bench.h"

namespace vestige::bench {

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  if (!(in >> one >> five >> fifteen)) return "load average unknown";
  return "load average " + one + " " + five + " " + fifteen;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

std::uint64_t DirectoryBytes(const std::string& dir) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code size_ec;
    if (!it->is_regular_file(size_ec)) continue;
    const std::uint64_t size = it->file_size(size_ec);
    if (!size_ec) total += size;
  }
  return total;
}

}  // namespace vestige::bench

int main(int argc, char** argv) {
  using vestige::bench::Args;
  constexpr const char* kUsage =
      "usage: vestige-bench index --collection DIR [--threads N] [--batch N] [--queue N] "
      "[--shards N] [--shard-queue N] [--keep-index]\n"
      "       vestige-bench query --collection DIR --queries FILE [--rounds R] [--warmup W]\n"
      "                           [--limit K] [--seed S] [--per-query]\n";
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 2, {"keep-index", "per-query", "help"}, &error)) {
    std::cerr << "vestige-bench: " << error << "\n" << kUsage;
    return 2;
  }
  if (command == "index") return vestige::bench::RunIndexBench(args);
  if (command == "query") return vestige::bench::RunQueryBench(args);
  std::cerr << "vestige-bench: unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
