// The index's shards and their writer threads. See index_shards.h.
#include "index_shards.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <system_error>
#include <utility>

#include "stage_timer.h"
#include "vestige/common/schema.h"

namespace vestige::indexer {
namespace {

namespace fs = std::filesystem;
namespace schema = common::schema;
using common::Result;
using common::Status;

std::string StubLine(unsigned shard) { return "glass " + schema::ShardName(shard); }

// The shard count of a shard list written by WriteShardList.
Result<unsigned> ReadShardList(const fs::path& stub) {
  std::ifstream in(stub);
  if (!in) return Status::IOError("cannot read " + stub.string());
  const std::string not_ours = stub.string() + " is not a shard list written by vestige-index";
  unsigned count = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (count >= schema::kMaxShards || line != StubLine(count)) {
      return Status::FailedPrecondition(not_ours + " (line " + std::to_string(count + 1) +
                                        "); to search other databases together, give them to "
                                        "vestige-query --index instead");
    }
    ++count;
  }
  if (in.bad()) return Status::IOError("cannot read " + stub.string());
  if (count == 0) return Status::FailedPrecondition(not_ours + " (it is empty)");
  return count;
}

Status IOErrorFor(const std::string& what, const fs::path& path, int err) {
  return Status::IOError("cannot " + what + " " + path.string() + ": " + std::strerror(err));
}

Status SyncPath(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return IOErrorFor("open", path, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return IOErrorFor("fsync", path, err);
  return Status::OK();
}

// Writes the shard list atomically and durably: a temporary file, synced, renamed over the list,
// then the folder synced. Written after the shards exist, so a list never names a missing shard.
Status WriteShardList(const fs::path& dir, unsigned count) {
  const fs::path stub = dir / std::string(schema::kShardStubFile);
  const fs::path tmp = dir / (std::string(schema::kShardStubFile) + ".tmp");
  std::string text;
  for (unsigned i = 0; i < count; ++i) text += StubLine(i) + "\n";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return Status::IOError("cannot write " + tmp.string());
  }
  VESTIGE_RETURN_IF_ERROR(SyncPath(tmp, O_RDONLY));
  if (::rename(tmp.c_str(), stub.c_str()) != 0) return IOErrorFor("rename", tmp, errno);
  return SyncPath(dir, O_RDONLY | O_DIRECTORY);
}

bool HasDatabase(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

// Clears what a run killed while creating a database at `dir` left: glass files without the
// "iamglass" that Xapian writes last, which it would refuse to open. No document can be in them:
// the shard list is written only after every shard exists. Other files are left alone.
Status ClearInterruptedCreation(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || HasDatabase(dir)) return Status::OK();
  std::vector<fs::path> leftovers;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool glass = name == "flintlock" || name.find(".glass") != std::string::npos ||
                       name.find(".tmp") != std::string::npos;
    if (glass && it->is_regular_file(ec)) leftovers.push_back(it->path());
  }
  if (ec) return Status::IOError("cannot list " + dir.string() + ": " + ec.message());
  for (const fs::path& path : leftovers) {
    fs::remove(path, ec);
    if (ec) return Status::IOError("cannot remove " + path.string() + ": " + ec.message());
  }
  return Status::OK();
}

// The offset recorded under a progress key, or 0 with a note.
std::uint64_t ParseProgress(const std::string& text, const std::string& where,
                            std::vector<std::string>* notes) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || (ec == std::errc() && ptr == end)) return value;
  notes->push_back(where + "progress \"" + text + "\" is not a number; indexing from the start");
  return 0;
}

}  // namespace

struct IndexShards::Task {
  enum class Kind { kPut, kEndFile } kind = Kind::kPut;
  PreparedDocument doc;   // kPut
  std::string key;        // progress key of the WARC file
  std::uint64_t end = 0;  // kPut: offset after the record; kEndFile: the progress to record
};

struct IndexShards::Shard {
  unsigned index = 0;
  std::unique_ptr<XapianWriter> writer;
  std::thread thread;
  // Guarded by mu_.
  std::deque<Task> queue;
  bool busy = false;  // running a task taken off the queue
  // The shard thread's own (read by the caller's thread only after Drain).
  std::uint64_t written = 0;  // documents added or replaced this run
  std::uint64_t phase = 0;    // commit when (written + phase) is a multiple of the batch size
  ShardTotals totals;
  StageSeconds times;
};

Result<std::unique_ptr<IndexShards>> IndexShards::Open(const std::string& index_dir,
                                                       const Options& options) {
  if (options.new_shards < 1 || options.new_shards > schema::kMaxShards) {
    return Status::InvalidArgument("shards must be 1 to " + std::to_string(schema::kMaxShards));
  }
  if (options.batch_size == 0 || options.queue == 0) {
    return Status::InvalidArgument("batch size and shard queue must be at least 1");
  }
  const fs::path dir(index_dir);
  const fs::path stub = dir / std::string(schema::kShardStubFile);
  std::error_code ec;
  unsigned count = 0;
  bool single = false;  // dir itself is the one database
  bool create_list = false;
  if (fs::exists(stub, ec)) {
    Result<unsigned> listed = ReadShardList(stub);
    if (!listed.ok()) return listed.status();
    count = *listed;
  } else if (HasDatabase(dir) || options.new_shards == 1) {
    count = 1;
    single = true;
  } else {
    count = options.new_shards;
    create_list = true;
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create " + dir.string() + ": " + ec.message());
  }

  std::unique_ptr<IndexShards> out(new IndexShards());
  out->options_ = options;
  for (unsigned i = 0; i < count; ++i) {
    const fs::path path = single ? dir : dir / schema::ShardName(i);
    if (create_list || single) VESTIGE_RETURN_IF_ERROR(ClearInterruptedCreation(path));
    if (!create_list && !single && !HasDatabase(path)) {
      out->open_notes_.push_back(schema::ShardName(i) +
                                 " was missing: made again, empty; its documents are indexed "
                                 "again from the WARC files");
    }
    Result<std::unique_ptr<XapianWriter>> writer = XapianWriter::Open(path.string());
    if (!writer.ok()) return writer.status();
    auto shard = std::make_unique<Shard>();
    shard->index = i;
    shard->writer = std::move(writer).value();
    // Shard i first commits after batch * (i + 1) / count documents, then every batch.
    const std::uint64_t first = std::max<std::uint64_t>(1, options.batch_size * (i + 1) / count);
    shard->phase = options.batch_size - first;
    out->shards_.push_back(std::move(shard));
  }
  if (create_list) VESTIGE_RETURN_IF_ERROR(WriteShardList(dir, count));
  out->progress_.assign(count, 0);
  out->touched_.assign(count, false);
  for (auto& shard : out->shards_) {
    try {
      Shard* s = shard.get();
      shard->thread = std::thread([self = out.get(), s] { self->ShardLoop(s); });
    } catch (const std::system_error& e) {
      return Status::Unavailable("cannot start a shard writer thread (" + std::string(e.what()) +
                                 ")");  // the destructor joins the threads already started
    }
  }
  return out;
}

IndexShards::~IndexShards() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
}

void IndexShards::ShardLoop(Shard* shard) {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || !shard->queue.empty(); });
    if (stop_) return;
    Task task = std::move(shard->queue.front());
    shard->queue.pop_front();
    shard->busy = true;
    const bool skip = !failed_.ok();  // after a failure, queued work is dropped
    lock.unlock();
    cv_.notify_all();  // the queue has room
    Status st;
    if (!skip) {
      try {
        st = Run(shard, &task);
      } catch (const std::exception& e) {
        st = Status::Internal(schema::ShardName(shard->index) + ": " + e.what());
      }
    }
    task = Task();  // free the document outside the lock
    lock.lock();
    shard->busy = false;
    if (!st.ok() && failed_.ok()) failed_ = st;
    cv_.notify_all();
  }
}

// Throws only what XapianWriter does not catch (std::bad_alloc and the like).
Status IndexShards::Run(Shard* shard, Task* task) {
  StageTimer timer(&shard->times);
  bool commit = task->kind == Task::Kind::kEndFile;
  if (task->kind == Task::Kind::kPut) {
    Result<PutOutcome> put = shard->writer->Put(std::move(task->doc));
    timer.Lap(&StageSeconds::xapian_add);
    if (!put.ok()) return put.status();
    if (*put == PutOutcome::kKeptNewer) {
      ++shard->totals.kept_newer;
    } else {
      ++(*put == PutOutcome::kAdded ? shard->totals.added : shard->totals.replaced);
      ++shard->written;
      commit = (shard->written + shard->phase) % options_.batch_size == 0;
    }
  }
  if (!commit) return Status::OK();
  Status st = shard->writer->Commit({{task->key, std::to_string(task->end)}});
  timer.Lap(&StageSeconds::commit);
  ++shard->totals.commits;
  return st;
}

Status IndexShards::Failure() {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

Status IndexShards::Enqueue(Shard* shard, Task task, double* wait) {
  std::unique_lock<std::mutex> lock(mu_);
  if (failed_.ok() && shard->queue.size() >= options_.queue) {
    const auto since = std::chrono::steady_clock::now();
    cv_.wait(lock, [&] { return shard->queue.size() < options_.queue || !failed_.ok(); });
    *wait += std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
  }
  if (!failed_.ok()) return failed_;
  shard->queue.push_back(std::move(task));
  lock.unlock();
  cv_.notify_all();
  return Status::OK();
}

Status IndexShards::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] {
    return std::all_of(shards_.begin(), shards_.end(),
                       [](const auto& s) { return s->queue.empty() && !s->busy; });
  });
  return failed_;
}

Result<std::uint64_t> IndexShards::BeginFile(const std::string& key, std::uint64_t file_size,
                                             std::vector<std::string>* notes) {
  // The shard threads are idle after Drain: their writers may be read from this thread.
  VESTIGE_RETURN_IF_ERROR(Drain());
  key_ = key;
  std::uint64_t start = std::numeric_limits<std::uint64_t>::max();
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    Result<std::string> recorded = shards_[i]->writer->GetMetadata(key);
    if (!recorded.ok()) return recorded.status();
    const std::string where = size() > 1 ? schema::ShardName(static_cast<unsigned>(i)) + ": " : "";
    std::uint64_t offset = ParseProgress(*recorded, where, notes);
    if (offset > file_size) {
      notes->push_back(where + "is shorter than its recorded progress (" + std::to_string(offset) +
                       " bytes); indexing it from the start");
      offset = 0;
    }
    progress_[i] = offset;
    touched_[i] = false;
    start = std::min(start, offset);
  }
  return start;
}

bool IndexShards::FileDone(std::uint64_t file_size) const {
  return std::all_of(progress_.begin(), progress_.end(),
                     [&](std::uint64_t p) { return p == file_size; });
}

bool IndexShards::ShouldWrite(const PreparedDocument& doc, std::uint64_t offset) const {
  return offset >= progress_[schema::ShardOf(doc.id_term(), size())];
}

Status IndexShards::Put(PreparedDocument doc, std::uint64_t end, double* wait) {
  const unsigned shard = schema::ShardOf(doc.id_term(), size());
  touched_[shard] = true;
  Task task;
  task.kind = Task::Kind::kPut;
  task.doc = std::move(doc);
  task.key = key_;
  task.end = end;
  return Enqueue(shards_[shard].get(), std::move(task), wait);
}

Status IndexShards::EndFile(std::uint64_t end, double* wait) {
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    const std::uint64_t value = std::max(progress_[i], end);
    if (!touched_[i] && value == progress_[i]) continue;
    Task task;
    task.kind = Task::Kind::kEndFile;
    task.key = key_;
    task.end = value;
    VESTIGE_RETURN_IF_ERROR(Enqueue(shards_[i].get(), std::move(task), wait));
  }
  return Failure();
}

ShardTotals IndexShards::Totals() const {
  ShardTotals sum;
  for (const auto& shard : shards_) {
    sum.added += shard->totals.added;
    sum.replaced += shard->totals.replaced;
    sum.kept_newer += shard->totals.kept_newer;
    sum.commits += shard->totals.commits;
    sum.xapian_add += shard->times.xapian_add;
    sum.commit += shard->times.commit;
  }
  return sum;
}

}  // namespace vestige::indexer
