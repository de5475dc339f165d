// Adds wall-clock time to the StageSeconds of a run (see indexer.h), lap by lap.
// Thread safety: one thread at a time.
#ifndef VESTIGE_INDEXER_STAGE_TIMER_H_
#define VESTIGE_INDEXER_STAGE_TIMER_H_

#include <chrono>

#include "vestige/indexer/indexer.h"

namespace vestige::indexer {

class StageTimer {
 public:
  // `times` may be null: the timer then does nothing.
  explicit StageTimer(StageSeconds* times)
      : times_(times), last_(times ? std::chrono::steady_clock::now() : Clock::time_point()) {}
  // Adds the time since construction or the previous Lap to `stage`.
  void Lap(double StageSeconds::*stage) {
    if (times_ == nullptr) return;
    const Clock::time_point now = Clock::now();
    times_->*stage += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  using Clock = std::chrono::steady_clock;
  StageSeconds* times_;
  Clock::time_point last_;
};

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_STAGE_TIMER_H_
