// The indexing run: WARC files in, committed documents and progress out. See indexer.h.
#include "vestige/indexer/indexer.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "index_shards.h"
#include "page_builder.h"
#include "page_pipeline.h"
#include "stage_timer.h"
#include "vestige/common/schema.h"
#include "vestige/common/warc.h"

namespace vestige::indexer {
namespace {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The finished WARC files of warc/, sorted by name, and how many *.open files were left alone.
Status ListWarcFiles(const fs::path& dir, std::vector<std::string>* names,
                     std::uint64_t* open_skipped) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::IOError("cannot list " + dir.string() + ": " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return Status::IOError("cannot list " + dir.string() + ": " + ec.message());
    const std::string name = it->path().filename().string();
    if (EndsWith(name, ".open")) {
      ++*open_skipped;
      continue;
    }
    if (!EndsWith(name, ".warc.gz") && !EndsWith(name, ".warc")) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    names->push_back(name);
  }
  if (ec) return Status::IOError("cannot list " + dir.string() + ": " + ec.message());
  std::sort(names->begin(), names->end());
  return Status::OK();
}

// True when the file starts with the gzip magic: the reader can then skip a bad member and go on.
bool IsGzipFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[2] = {0, 0};
  in.read(magic, 2);
  return in.gcount() == 2 && magic[0] == '\x1f' && magic[1] == '\x8b';
}

// Indexes one WARC file from its recorded progress on. Bad records are counted and reported;
// only a failure of the index itself is returned. Records are read ahead into the pipeline and
// written back in file order, so progress, counters and reports are those of a serial run.
class FileIndexer {
 public:
  FileIndexer(IndexShards* shards, PagePipeline* pipeline, IndexStats* stats, Reporter* reporter)
      : shards_(shards), pipeline_(pipeline), stats_(stats), reporter_(reporter) {}

  Status Run(const fs::path& path) {
    name_ = path.filename().string();
    key_ = std::string(common::schema::kWarcProgressKeyPrefix) + name_;
    std::error_code ec;
    const std::uint64_t size = fs::file_size(path, ec);
    if (ec) return Bad(0, "cannot stat: " + ec.message());
    std::vector<std::string> notes;
    Result<std::uint64_t> begun = shards_->BeginFile(key_, size, &notes);
    if (!begun.ok()) return begun.status();
    for (const std::string& note : notes) Note(note);
    if (shards_->FileDone(size)) return Status::OK();  // nothing new since the last run
    const std::uint64_t start = *begun;

    Result<std::unique_ptr<common::WarcReader>> reader = common::WarcReader::Open(path.string());
    if (!reader.ok()) return Bad(start, reader.status().message());
    if (start > 0) {
      if (Status st = (*reader)->Seek(start); !st.ok()) return Bad(start, st.message());
    }
    const bool gzip = IsGzipFile(path);
    done_ = start;
    std::uint64_t read_end = start;  // offset after the last record read
    bool more = true;                // the reader may hold more records
    bool clean_end = false;          // the reader consumed every byte, bad members included

    while (true) {
      while (more && !pipeline_->full()) {
        StageTimer timer(&stats_->stages);
        Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
        timer.Lap(&StageSeconds::read_warc);
        auto job = std::make_unique<PipelineJob>();
        if (!next.ok()) {
          job->read_failed = true;
          job->read_error = next.status().message();
          job->read_offset = read_end;
          // The reader skips past a corrupt gzip member; in an uncompressed file it cannot find
          // the next record. After an I/O error its position is lost: reading on gave a false
          // "torn record" and then a clean end, so the whole file was recorded as indexed and
          // its rest never was. The rest of the file is left for the next run instead.
          if (!gzip || next.status().code() != Status::Code::kCorruption) {
            job->read_ends_file = true;
            more = false;
          }
        } else if (!next->has_value()) {
          more = false;
          clean_end = true;
          break;
        } else {
          job->at = std::move(**next);
          job->file = name_;
          read_end = job->at.offset + job->at.length;
        }
        pipeline_->Submit(std::move(job));
      }
      if (pipeline_->empty()) break;
      const std::unique_ptr<PipelineJob> job = pipeline_->Pop(&stats_->stages);
      ++stats_->records_read;
      if (job->read_failed) {
        VESTIGE_RETURN_IF_ERROR(Bad(job->read_offset, job->read_error));
        if (job->read_ends_file && !gzip) {
          Note("cannot read past a bad record in an uncompressed file; the rest is not indexed");
        } else if (job->read_ends_file) {
          Note("read error; the rest of the file is left for the next run");
        }
        continue;
      }
      VESTIGE_RETURN_IF_ERROR(Handle(job.get()));
      done_ = job->at.offset + job->at.length;
    }
    if (clean_end) done_ = size;
    return shards_->EndFile(done_, &stats_->stages.wait);
  }

 private:
  Status Handle(PipelineJob* job) {
    const PageResult& page = job->page;
    switch (page.outcome) {
      case PageOutcome::kPage:
        break;
      case PageOutcome::kOtherType:
        ++stats_->skipped_other_type;
        return Status::OK();
      case PageOutcome::kRevisit:
        ++stats_->skipped_revisit;
        return Status::OK();
      case PageOutcome::kStatus:
        ++stats_->skipped_status;
        return Status::OK();
      case PageOutcome::kMime:
        ++stats_->skipped_mime;
        return Status::OK();
      case PageOutcome::kEncoding:
        ++stats_->skipped_encoding;
        return Status::OK();
      case PageOutcome::kBad:
        return Bad(job->at.offset, page.message);
    }
    if (!job->status.ok()) return job->status;
    if (!shards_->ShouldWrite(job->doc, job->at.offset)) {
      ++stats_->skipped_committed_before;
      return Status::OK();
    }
    // Added, replaced or kept newer: counted by the shard (IndexShards::Totals).
    return shards_->Put(std::move(job->doc), job->at.offset + job->at.length, &stats_->stages.wait);
  }

  // Counts and reports a bad record; always OK (the run goes on).
  Status Bad(std::uint64_t offset, const std::string& message) {
    ++stats_->bad_records;
    if (reporter_ != nullptr) reporter_->BadRecord(name_, offset, message);
    return Status::OK();
  }

  void Note(const std::string& message) {
    if (reporter_ != nullptr) reporter_->Note(name_ + ": " + message);
  }

  IndexShards* shards_;
  PagePipeline* pipeline_;
  IndexStats* stats_;
  Reporter* reporter_;
  std::string name_;
  std::string key_;
  std::uint64_t done_ = 0;  // offset after the last record handled
};

}  // namespace

Result<IndexStats> RunIndexer(const IndexOptions& options, Reporter* reporter) {
  const auto started = std::chrono::steady_clock::now();
  if (options.collection_dir.empty()) return Status::InvalidArgument("no collection folder given");
  if (options.batch_size == 0) return Status::InvalidArgument("batch size must be at least 1");
  if (options.shards > common::schema::kMaxShards) {
    return Status::InvalidArgument("shards must be 0 (default) or 1 to " +
                                   std::to_string(common::schema::kMaxShards));
  }
  if (options.queue_per_shard == 0) {
    return Status::InvalidArgument("queue per shard must be at least 1");
  }
  if (options.queue_per_thread == 0) {
    return Status::InvalidArgument("queue per thread must be at least 1");
  }
  const fs::path collection(options.collection_dir);
  std::error_code ec;
  if (!fs::is_directory(collection, ec)) {
    return Status::NotFound("collection folder " + collection.string() + " does not exist");
  }
  const fs::path warc_dir = collection / "warc";
  if (!fs::is_directory(warc_dir, ec)) {
    return Status::NotFound(collection.string() +
                            " has no warc/ folder: is it a collection made by vestige-crawl?");
  }

  IndexStats stats;
  std::vector<std::string> names;
  VESTIGE_RETURN_IF_ERROR(ListWarcFiles(warc_dir, &names, &stats.files_open_skipped));
  stats.files_seen = names.size();

  // The gazetteer and taxonomy are checked before the index is touched.
  std::shared_ptr<const common::Gazetteer> gazetteer;
  std::shared_ptr<const common::Taxonomy> taxonomy;
  if (!options.persons_file.empty()) {
    auto loaded = common::Gazetteer::Load(options.persons_file);
    if (!loaded.ok()) return loaded.status();
    gazetteer = *loaded;
  }
  if (!options.crimes_file.empty()) {
    auto loaded = common::Taxonomy::Load(options.crimes_file);
    if (!loaded.ok()) return loaded.status();
    taxonomy = *loaded;
  }
  const EntityDetector entities(gazetteer, taxonomy);

  IndexShards::Options shard_options;
  shard_options.new_shards = EffectiveShards(options.shards);
  shard_options.batch_size = options.batch_size;
  shard_options.queue = options.queue_per_shard;
  Result<std::unique_ptr<IndexShards>> shards =
      IndexShards::Open((collection / "index").string(), shard_options);
  if (!shards.ok()) return shards.status();
  stats.shards = (*shards)->size();
  if (reporter != nullptr) {
    for (const std::string& note : (*shards)->open_notes()) reporter->Note(note);
  }
  if (options.shards != 0 && options.shards != stats.shards && reporter != nullptr) {
    reporter->Note("the index has " + std::to_string(stats.shards) +
                   " shard(s); --shards applies only to a new index");
  }
  if (stats.files_open_skipped > 0 && reporter != nullptr) {
    reporter->Note("left " + std::to_string(stats.files_open_skipped) +
                   " .open file(s) alone: still being written; they are indexed once closed");
  }

  stats.threads = EffectiveThreads(options.threads);
  // Made after the shards so that it is destroyed (its workers joined) first.
  std::unique_ptr<PagePipeline> pipeline;
  try {
    pipeline = std::make_unique<PagePipeline>(
        stats.threads, static_cast<std::size_t>(stats.threads) * options.queue_per_thread,
        &entities);
  } catch (const std::system_error& e) {
    return Status::Unavailable("cannot start " + std::to_string(stats.threads) +
                               " worker threads (" + e.what() + "); try fewer --threads");
  }
  Status failed;
  for (const std::string& name : names) {
    FileIndexer file(shards->get(), pipeline.get(), &stats, reporter);
    failed = file.Run(warc_dir / name).WithContext(name);
    if (!failed.ok()) break;
  }
  if (failed.ok()) failed = (*shards)->Drain();
  stats.stages += pipeline->WorkerTimes();
  if (!failed.ok()) return failed;
  const ShardTotals totals = (*shards)->Totals();
  stats.documents_added = totals.added;
  stats.documents_updated = totals.replaced;
  stats.skipped_older_capture = totals.kept_newer;
  stats.commits = totals.commits;
  stats.stages.xapian_add += totals.xapian_add;
  stats.stages.commit += totals.commit;
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return stats;
}

}  // namespace vestige::indexer
