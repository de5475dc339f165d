// Ordered parallel processing of WARC records. See page_pipeline.h.
#include "page_pipeline.h"

#include <chrono>
#include <exception>
#include <new>
#include <utility>

#include "stage_timer.h"

namespace vestige::indexer {

unsigned EffectiveThreads(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

PagePipeline::PagePipeline(unsigned threads, std::size_t capacity, const EntityDetector* entities)
    : capacity_(capacity > 0 ? capacity : 1), entities_(entities) {
  if (threads <= 1) return;
  workers_.reserve(threads);
  try {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  } catch (...) {
    // No destructor runs for a half-built object, and a joinable std::thread destroyed unjoined
    // calls std::terminate: join the workers already started, then let the caller see the error.
    StopWorkers();
    throw;
  }
}

PagePipeline::~PagePipeline() { StopWorkers(); }

void PagePipeline::StopWorkers() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void PagePipeline::Process(PipelineJob* job, DocumentMaker* maker, StageSeconds* times) const {
  if (job->read_failed) return;
  try {
    common::WarcLocation where;
    where.file = job->file;
    where.offset = job->at.offset;
    where.length = job->at.length;
    job->page = BuildPage(job->at.record, where, times, entities_);
    job->at.record = common::WarcRecord();  // the bytes are no longer needed
    if (job->page.outcome != PageOutcome::kPage) return;
    StageTimer timer(times);
    common::Result<PreparedDocument> doc = maker->Make(job->page.page);
    timer.Lap(&StageSeconds::terms);
    job->page.page = Page();  // everything the writer needs is in the document
    if (doc.ok()) {
      job->doc = std::move(doc).value();
    } else {
      job->status = doc.status();
    }
  } catch (const std::bad_alloc&) {
    job->status = common::Status::Internal(job->file + "@" + std::to_string(job->at.offset) +
                                           ": out of memory");
  } catch (const std::exception& e) {
    job->status = common::Status::Internal(job->file + "@" + std::to_string(job->at.offset) + ": " +
                                           e.what());
  } catch (...) {
    // Anything else escaping a worker would std::terminate the process.
    job->status = common::Status::Internal(job->file + "@" + std::to_string(job->at.offset) +
                                           ": unknown exception");
  }
}

void PagePipeline::WorkerLoop() {
  DocumentMaker maker;  // Xapian's stemmers are per thread
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_cv_.wait(lock, [this] { return stop_ || !todo_.empty(); });
    if (stop_) return;
    PipelineJob* job = todo_.front();
    todo_.pop_front();
    lock.unlock();
    StageSeconds times;
    Process(job, &maker, &times);
    lock.lock();
    worker_times_ += times;
    job->done = true;
    done_cv_.notify_all();
  }
}

void PagePipeline::Submit(std::unique_ptr<PipelineJob> job) {
  PipelineJob* raw = job.get();
  order_.push_back(std::move(job));
  if (workers_.empty()) {
    Process(raw, &inline_maker_, &inline_times_);
    raw->done = true;  // no other thread sees it
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    todo_.push_back(raw);
  }
  work_cv_.notify_one();
}

std::unique_ptr<PipelineJob> PagePipeline::Pop(StageSeconds* writer_times) {
  std::unique_ptr<PipelineJob> job = std::move(order_.front());
  order_.pop_front();
  if (workers_.empty()) return job;
  std::unique_lock<std::mutex> lock(mu_);
  if (!job->done) {
    const auto waited_from = std::chrono::steady_clock::now();
    done_cv_.wait(lock, [&] { return job->done; });
    writer_times->wait +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - waited_from).count();
  }
  return job;
}

StageSeconds PagePipeline::WorkerTimes() {
  std::lock_guard<std::mutex> lock(mu_);
  StageSeconds sum = worker_times_;
  sum += inline_times_;
  return sum;
}

}  // namespace vestige::indexer
