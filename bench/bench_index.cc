// vestige-bench index: the indexer's throughput, memory, index size and time per stage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench.h"
#include "vestige/common/warc.h"
#include "vestige/indexer/indexer.h"
#include "vestige/query/searcher.h"

namespace vestige::bench {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What the collection holds, read before the timed run (this also warms the page cache, so the
// run measures indexing rather than the disk).
struct Input {
  std::uint64_t files = 0;
  std::uint64_t disk_bytes = 0;     // WARC files as stored (gzip)
  std::uint64_t responses = 0;      // response and resource records
  std::uint64_t payload_bytes = 0;  // their blocks, uncompressed (HTTP headers + HTML)
};

bool ScanInput(const fs::path& warc_dir, Input* in) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(warc_dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (EndsWith(name, ".warc.gz") || EndsWith(name, ".warc")) files.push_back(it->path());
  }
  for (const fs::path& path : files) {
    ++in->files;
    in->disk_bytes += fs::file_size(path, ec);
    auto reader = common::WarcReader::Open(path.string());
    if (!reader.ok()) {
      std::cerr << "vestige-bench: " << reader.status().ToString() << "\n";
      return false;
    }
    while (true) {
      auto next = (*reader)->Next();
      if (!next.ok()) continue;  // the indexer reports bad records itself
      if (!next->has_value()) break;
      const common::WarcType type = (*next)->record.type();
      if (type == common::WarcType::kResponse || type == common::WarcType::kResource) {
        ++in->responses;
        in->payload_bytes += (*next)->record.block.size();
      }
    }
  }
  return true;
}

// Bytes of extracted text (title + text) over the index's documents; samples at most 20000
// documents and scales up beyond that.
double ExtractedTextBytes(const fs::path& collection, std::uint64_t* docs) {
  auto searcher = query::Searcher::OpenCollection(collection);
  if (!searcher.ok()) {
    std::cerr << "vestige-bench: " << searcher.status().ToString() << "\n";
    return 0;
  }
  *docs = searcher->document_count();
  const std::uint64_t step = std::max<std::uint64_t>(1, *docs / 20000);
  std::uint64_t sampled = 0;
  double bytes = 0;
  for (std::uint64_t id = 1; id <= *docs; id += step) {
    auto hit = searcher->Get(std::to_string(id));
    if (!hit.ok()) continue;
    bytes += static_cast<double>(hit->document.text.size() + hit->document.title.size());
    ++sampled;
  }
  return sampled == 0 ? 0 : bytes * static_cast<double>(*docs) / static_cast<double>(sampled);
}

}  // namespace

int RunIndexBench(const Args& args) {
  bool ok = true;
  const std::uint64_t threads = args.Number("threads", 0, &ok);
  const std::uint64_t batch = args.Number("batch", indexer::IndexOptions().batch_size, &ok);
  const std::uint64_t queue = args.Number("queue", indexer::IndexOptions().queue_per_thread, &ok);
  const std::uint64_t shards = args.Number("shards", 0, &ok);
  const std::uint64_t shard_queue =
      args.Number("shard-queue", indexer::IndexOptions().queue_per_shard, &ok);
  if (!ok || !args.Has("collection") || batch == 0 || queue == 0 || shard_queue == 0 ||
      threads > 1024 || shards > 64) {
    std::cerr << "vestige-bench index: needs --collection DIR; --batch, --queue and --shard-queue "
                 "take positive numbers, --threads 0 (one per core, the default) to 1024, "
                 "--shards 0 (the default) to 64\n";
    return 2;
  }
  const fs::path collection = args.Get("collection");
  Input input;
  if (!ScanInput(collection / "warc", &input)) return 2;
  std::error_code ec;
  if (!args.Has("keep-index")) fs::remove_all(collection / "index", ec);
  if (ec) {
    std::cerr << "vestige-bench: cannot remove old index: " << ec.message() << "\n";
    return 2;
  }

  const std::string load_before = LoadAverage();
  indexer::IndexOptions options;
  options.collection_dir = collection.string();
  options.batch_size = batch;
  options.threads = static_cast<unsigned>(threads);
  options.queue_per_thread = static_cast<unsigned>(queue);
  options.shards = static_cast<unsigned>(shards);
  options.queue_per_shard = static_cast<unsigned>(shard_queue);
  indexer::StderrReporter reporter;
  const double cpu_before = CpuSeconds();
  auto run = indexer::RunIndexer(options, &reporter);
  const double cpu = CpuSeconds() - cpu_before;
  if (!run.ok()) {
    std::cerr << "vestige-bench: indexer failed: " << run.status().ToString() << "\n";
    return 2;
  }
  const double rss_mb = PeakRssMb();
  const std::string load_after = LoadAverage();
  const indexer::IndexStats& s = *run;
  const double index_mb =
      static_cast<double>(DirectoryBytes((collection / "index").string())) / 1e6;
  std::uint64_t index_docs = 0;
  const double text_mb = ExtractedTextBytes(collection, &index_docs) / 1e6;

  const double secs = std::max(s.seconds, 1e-9);
  const double docs = static_cast<double>(s.documents_written());
  const double payload_mb = static_cast<double>(input.payload_bytes) / 1e6;
  std::printf(
      "collection %s: %llu WARC file(s), %.1f MB on disk, %llu responses, %.1f MB payload\n",
      collection.string().c_str(), static_cast<unsigned long long>(input.files),
      static_cast<double>(input.disk_bytes) / 1e6, static_cast<unsigned long long>(input.responses),
      payload_mb);
  std::printf(
      "indexed %llu documents (%llu skipped, %llu bad records) in %.2f s, batch %llu, "
      "%u worker thread(s)%s, %u shard(s) with a writer thread each\n",
      static_cast<unsigned long long>(s.documents_written()),
      static_cast<unsigned long long>(s.skipped()), static_cast<unsigned long long>(s.bad_records),
      s.seconds, static_cast<unsigned long long>(batch), s.threads,
      s.threads > 1 ? " + 1 reader thread" : " (no workers: reading and parsing on one thread)",
      s.shards);
  std::printf("  docs/s           %9.1f\n", docs / secs);
  std::printf("  CPU seconds      %9.2f  (%.1f docs per CPU second; wall/CPU %.2f)\n", cpu,
              cpu > 0 ? docs / cpu : 0.0, cpu > 0 ? secs / cpu : 0.0);
  std::printf("  input MB/s       %9.2f  (HTTP payload, uncompressed)\n", payload_mb / secs);
  std::printf("  text MB/s        %9.2f  (extracted title + text, %.1f MB)\n", text_mb / secs,
              text_mb);
  std::printf("  peak RSS         %9.1f MB\n", rss_mb);
  std::printf("  index size       %9.1f MB  (%.1f KB/doc, %llu docs in index)\n", index_mb,
              index_docs ? index_mb * 1e3 / static_cast<double>(index_docs) : 0.0,
              static_cast<unsigned long long>(index_docs));
  // Stage times are busy seconds summed over threads: with workers, decode..terms run on
  // several threads at once, so shares are of the summed busy time, not of the wall time.
  const indexer::StageSeconds& t = s.stages;
  const struct {
    const char* name;
    double seconds;
  } rows[] = {{"read WARC", t.read_warc},   {"decode", t.decode}, {"parse", t.parse},
              {"extract", t.extract},       {"detect", t.detect}, {"terms", t.terms},
              {"Xapian add", t.xapian_add}, {"commit", t.commit}};
  double busy = 0;
  for (const auto& row : rows) busy += row.seconds;
  busy = std::max(busy, 1e-9);
  std::printf("  stage          busy s   share   ms/doc  (summed over threads; %.2f busy s)\n",
              busy);
  for (const auto& row : rows) {
    std::printf("  %-12s %8.3f  %5.1f%%  %7.3f\n", row.name, row.seconds, 100 * row.seconds / busy,
                docs > 0 ? 1e3 * row.seconds / docs : 0.0);
  }
  std::printf(
      "  reader thread: %.2f s waiting for workers or a full shard queue; shard writers: %.2f s "
      "busy (Xapian add + commit, summed over %u shard(s)), of %.2f s wall\n",
      t.wait, t.xapian_add + t.commit, s.shards, secs);
  std::printf(
      "  CPU in no stage    %6.3f s  (the run's process CPU minus the stages: loading the "
      "gazetteer, handing records between threads, ...)\n",
      std::max(0.0, cpu - busy));
  std::printf("  %s before, %s after\n", load_before.c_str(), load_after.c_str());
  std::printf(
      "summary docs=%llu seconds=%.3f docs_per_s=%.1f payload_mb_per_s=%.2f text_mb_per_s=%.2f "
      "rss_mb=%.1f index_mb=%.1f cpu_s=%.3f threads=%u shards=%u\n",
      static_cast<unsigned long long>(s.documents_written()), s.seconds, docs / secs,
      payload_mb / secs, text_mb / secs, rss_mb, index_mb, cpu, s.threads, s.shards);
  return s.bad_records > 0 ? 1 : 0;
}

}  // namespace vestige::bench
