// Adds CPU time of the calling thread to the StageSeconds of a run (see indexer.h), lap by lap.
// Thread CPU time (CLOCK_THREAD_CPUTIME_ID), not wall time: the stage costs stay true on a
// loaded machine and sum over worker threads. One clock read costs well under a microsecond.
// Thread safety: one thread at a time; a timer reads the clock of the thread that calls it.
#ifndef VESTIGE_INDEXER_STAGE_TIMER_H_
#define VESTIGE_INDEXER_STAGE_TIMER_H_

#include <time.h>

#include "vestige/indexer/indexer.h"

namespace vestige::indexer {

// CPU seconds used so far by the calling thread.
inline double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

class StageTimer {
 public:
  // `times` may be null: the timer then does nothing.
  explicit StageTimer(StageSeconds* times) : times_(times), last_(times ? ThreadCpuSeconds() : 0) {}
  // Adds the CPU time since construction or the previous Lap to `stage`.
  void Lap(double StageSeconds::*stage) {
    if (times_ == nullptr) return;
    const double now = ThreadCpuSeconds();
    times_->*stage += now - last_;
    last_ = now;
  }

 private:
  StageSeconds* times_;
  double last_;
};

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_STAGE_TIMER_H_
