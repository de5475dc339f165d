// The indexer's parallel stage: WARC records in, Xapian documents out, in the order they went in.
//
// The writer thread (the one running RunIndexer) reads records and Submit()s them; worker threads
// turn each into a page (BuildPage: decode, parse, extract, detect) and a Xapian document
// (DocumentMaker); the writer Pop()s the results in submission order and writes them. So the
// index, its document ids and its commits are the same whatever the number of workers, and all
// counting and reporting stays on the writer thread. With one thread there are no workers: Submit
// does the work at once on the caller's thread.
//
// Memory is bounded by the caller: it submits only while !full(), so at most `capacity` records
// (with their pages and documents) are held at once.
// Thread safety: Submit, Pop, full, empty and WorkerTimes from one thread (the writer's).
#ifndef VESTIGE_INDEXER_PAGE_PIPELINE_H_
#define VESTIGE_INDEXER_PAGE_PIPELINE_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "page_builder.h"
#include "vestige/common/status.h"
#include "vestige/common/warc.h"
#include "vestige/indexer/entities.h"
#include "vestige/indexer/indexer.h"
#include "xapian_writer.h"

namespace vestige::indexer {

// One record on its way through the pipeline.
struct PipelineJob {
  // Input. A record that could not be read travels as a job too, so that it is reported in order.
  common::WarcRecordAt at;  // record, offset, length (the record is dropped once processed)
  std::string file;         // WARC file name, for the document's WARC pointer
  bool read_failed = false;
  bool read_ends_file = false;  // the reader cannot go on past this failure
  std::string read_error;
  std::uint64_t read_offset = 0;  // where the unreadable record starts (best known)
  // Output, when done.
  PageResult page;        // outcome and message; page.page is emptied once doc is made
  PreparedDocument doc;   // for outcome kPage when status is OK
  common::Status status;  // a failure to make the document (Xapian, out of memory)
  bool done = false;      // guarded by the pipeline's mutex
};

class PagePipeline {
 public:
  // `threads` >= 1 (1: no workers); `capacity` >= 1 jobs held at once; `entities` may be null
  // and must outlive the pipeline. Throws std::system_error when a worker cannot be started
  // (the workers already started are joined first).
  PagePipeline(unsigned threads, std::size_t capacity, const EntityDetector* entities);
  // Stops and joins the workers; jobs not popped are dropped.
  ~PagePipeline();
  PagePipeline(const PagePipeline&) = delete;
  PagePipeline& operator=(const PagePipeline&) = delete;

  bool full() const { return order_.size() >= capacity_; }
  bool empty() const { return order_.empty(); }

  // REQUIRES: !full().
  void Submit(std::unique_ptr<PipelineJob> job);
  // The oldest job submitted, once done (waits for it). The time spent waiting is added to
  // writer_times->wait. REQUIRES: !empty().
  std::unique_ptr<PipelineJob> Pop(StageSeconds* writer_times);
  // decode, parse, extract, detect and terms of the jobs done so far, summed over the workers.
  StageSeconds WorkerTimes();

 private:
  void Process(PipelineJob* job, DocumentMaker* maker, StageSeconds* times) const;
  void WorkerLoop();
  void StopWorkers();  // sets stop_ and joins every worker started

  const std::size_t capacity_;
  const EntityDetector* entities_;
  std::deque<std::unique_ptr<PipelineJob>> order_;  // submitted, not popped; writer thread only
  DocumentMaker inline_maker_;                      // when there are no workers
  StageSeconds inline_times_;

  std::mutex mu_;
  std::condition_variable work_cv_;  // todo_ has a job, or stop_
  std::condition_variable done_cv_;  // a job is done
  std::deque<PipelineJob*> todo_;    // guarded by mu_
  bool stop_ = false;                // guarded by mu_
  StageSeconds worker_times_;        // guarded by mu_
  std::vector<std::thread> workers_;
};

// The worker count for IndexOptions::threads (0: one per core).
unsigned EffectiveThreads(unsigned requested);

}  // namespace vestige::indexer

#endif  // VESTIGE_INDEXER_PAGE_PIPELINE_H_
