// The sub-commands of vestige-bench and what they share. Bench-only code.
// Thread safety: the sub-commands run on the calling thread.
#ifndef VESTIGE_BENCH_BENCH_H_
#define VESTIGE_BENCH_BENCH_H_

#include <cstdint>
#include <string>

#include "args.h"

namespace vestige::bench {

// vestige-bench index: indexes --collection DIR from scratch and prints throughput, peak RSS,
// index size and the time per stage. Returns the process exit code.
int RunIndexBench(const Args& args);
// vestige-bench query: runs --queries FILE against --collection DIR and prints latency
// percentiles per query type and each query's hit count. Returns the process exit code.
int RunQueryBench(const Args& args);

// "load average 1.23 1.10 0.98" from /proc/loadavg ("load average unknown" elsewhere).
std::string LoadAverage();
// Peak resident set size of this process so far, in MB (getrusage ru_maxrss).
double PeakRssMb();
// CPU seconds (user + system) this process has used so far (getrusage).
double CpuSeconds();
// Bytes of all regular files below `dir` (0 when missing).
std::uint64_t DirectoryBytes(const std::string& dir);

}  // namespace vestige::bench

#endif  // VESTIGE_BENCH_BENCH_H_
