#include "vestige/crawler/cdxj.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <queue>
#include <set>
#include <vector>

#include "vestige/common/http.h"
#include "vestige/common/url.h"
#include "vestige/common/warc.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

namespace {

// "2026-11-22T02:54:03.123456Z" -> "20261122025403".
std::string Timestamp(std::string_view date) {
  std::string digits;
  for (char c : date) {
    if (c == '.' || c == 'Z') break;
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  digits.resize(14, '0');
  return digits;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string CdxjLine(const std::string& file, const common::WarcRecord& r, std::uint64_t offset,
                     std::uint64_t length) {
  const common::WarcType type = r.type();
  if (type != common::WarcType::kResponse && type != common::WarcType::kRevisit &&
      type != common::WarcType::kResource) {
    return "";
  }
  const std::string url(r.target_uri());
  if (url.empty()) return "";
  nlohmann::ordered_json j;
  j["url"] = url;
  std::string mime;
  std::string status;
  if (type == common::WarcType::kResource) {
    mime = common::MimeType(r.header("Content-Type").value_or(""));
  } else {
    Result<common::HttpResponse> http = common::ParseHttpResponse(r.block);
    if (http.ok()) {
      status = std::to_string(http->status);
      if (auto ct = common::FindHeader(http->headers, "Content-Type")) mime = common::MimeType(*ct);
    }
    if (type == common::WarcType::kRevisit) mime = "warc/revisit";
  }
  if (!mime.empty()) j["mime"] = mime;
  if (!status.empty()) j["status"] = status;
  if (auto digest = r.header("WARC-Payload-Digest")) j["digest"] = std::string(*digest);
  j["length"] = std::to_string(length);
  j["offset"] = std::to_string(offset);
  j["filename"] = file;
  return common::SurtKey(url) + " " + Timestamp(r.date()) + " " +
         j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

struct CdxjSpool::Runs {
  struct Run {
    std::uint64_t offset = 0;
    std::uint64_t bytes = 0;
  };
  int fd = -1;
  std::uint64_t size = 0;
  std::vector<Run> runs;

  ~Runs() {
    if (fd >= 0) ::close(fd);
  }
};

CdxjSpool::CdxjSpool(std::string collection, std::size_t chunk_bytes)
    : collection_(std::move(collection)), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)) {}

CdxjSpool::~CdxjSpool() = default;

std::size_t CdxjSpool::runs() const { return runs_ ? runs_->runs.size() : 0; }

void CdxjSpool::Add(const std::string& file, std::string_view line) {
  files_.insert(file);
  ++lines_;
  if (failed_) return;
  if (!chunk_.empty() && chunk_.size() + line.size() + 1 > chunk_bytes_) Spill();
  if (chunk_.capacity() < chunk_bytes_) chunk_.reserve(chunk_bytes_);
  chunk_.append(line).push_back('\n');
}

namespace {

// The lines of newline-ended `text`, sorted bytewise.
std::vector<std::string_view> SortedLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) break;  // cannot happen: every line ends with one
    if (end > 0) lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

void CdxjSpool::Spill() {
  if (!runs_) {
    // Unlinked at once: a killed run leaves nothing behind.
    const fs::path dir = fs::path(collection_) / "cdxj";
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::string name = (dir / "spool.XXXXXX").string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
      failed_ = true;
      return;
    }
    ::unlink(name.c_str());
    runs_ = std::make_unique<Runs>();
    runs_->fd = fd;
  }
  // The sorted lines go out through a small buffer: a sorted copy of the chunk was another
  // chunk_bytes_ of heap at every spill (issue 3: the bench crawl peaked 0.1-0.2 MB higher).
  constexpr std::size_t kWriteBuffer = 16 * 1024;
  std::string buffer;
  buffer.reserve(kWriteBuffer);
  std::uint64_t written = 0;
  bool ok = true;
  for (std::string_view line : SortedLines(chunk_)) {
    if (!buffer.empty() && buffer.size() + line.size() + 1 > kWriteBuffer) {
      ok = WriteAll(runs_->fd, buffer);
      if (!ok) break;
      written += buffer.size();
      buffer.clear();
    }
    buffer.append(line).push_back('\n');
  }
  if (ok && !buffer.empty()) {
    ok = WriteAll(runs_->fd, buffer);
    written += buffer.size();
  }
  chunk_.clear();
  if (!ok) {
    failed_ = true;
    return;
  }
  runs_->runs.push_back({runs_->size, written});
  runs_->size += written;
}

namespace {

// One sorted source of lines for the merge.
class LineSource {
 public:
  virtual ~LineSource() = default;
  // The next line (without '\n') into `line`; false at the end or on a read error.
  virtual bool Next(std::string& line) = 0;
  virtual bool bad() const { return false; }
};

class StreamSource : public LineSource {
 public:
  explicit StreamSource(const fs::path& path) : in_(path, std::ios::binary) {}
  bool Next(std::string& line) override { return static_cast<bool>(std::getline(in_, line)); }
  bool bad() const override { return in_.bad(); }

 private:
  std::ifstream in_;
};

// A run of the spool file, read with pread through a small buffer.
class RunSource : public LineSource {
 public:
  RunSource(int fd, std::uint64_t offset, std::uint64_t bytes)
      : fd_(fd), offset_(offset), end_(offset + bytes) {}
  bool Next(std::string& line) override {
    line.clear();
    for (;;) {
      const std::size_t nl = buffer_.find('\n', at_);
      if (nl != std::string::npos) {
        line.append(buffer_, at_, nl - at_);
        at_ = nl + 1;
        return true;
      }
      line.append(buffer_, at_, std::string::npos);
      buffer_.clear();
      at_ = 0;
      if (offset_ >= end_) return !line.empty();
      buffer_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kBuffer, end_ - offset_)));
      const ssize_t n = ::pread(fd_, buffer_.data(), buffer_.size(), static_cast<off_t>(offset_));
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        bad_ = true;
        return false;
      }
      buffer_.resize(static_cast<std::size_t>(n));
      offset_ += static_cast<std::uint64_t>(n);
    }
  }
  bool bad() const override { return bad_; }

 private:
  static constexpr std::size_t kBuffer = 8 * 1024;
  int fd_;
  std::uint64_t offset_;
  std::uint64_t end_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool bad_ = false;
};

class ViewSource : public LineSource {
 public:
  explicit ViewSource(std::vector<std::string_view> lines) : lines_(std::move(lines)) {}
  bool Next(std::string& line) override {
    if (next_ == lines_.size()) return false;
    line.assign(lines_[next_++]);
    return true;
  }

 private:
  std::vector<std::string_view> lines_;
  std::size_t next_ = 0;
};

// Writes the lines of the sorted `sources` to `out` in order, each distinct line once (a file
// indexed again after a kill between the index and the file list gives lines already there).
Status Merge(std::vector<std::unique_ptr<LineSource>>& sources, std::ostream& out) {
  struct Head {
    std::string line;
    std::size_t source;
  };
  auto later = [](const Head* a, const Head* b) { return a->line > b->line; };
  std::vector<Head> heads(sources.size());
  std::priority_queue<Head*, std::vector<Head*>, decltype(later)> queue(later);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    heads[i].source = i;
    if (sources[i]->Next(heads[i].line)) queue.push(&heads[i]);
  }
  std::string last;
  bool any = false;
  while (!queue.empty()) {
    Head* head = queue.top();
    queue.pop();
    if (!head->line.empty() && (!any || head->line != last)) {
      out << head->line << '\n';
      last = head->line;
      any = true;
    }
    if (sources[head->source]->Next(head->line)) queue.push(head);
  }
  for (const auto& source : sources) {
    if (source->bad()) return Status::IOError("read a CDXJ source");
  }
  return Status::OK();
}

}  // namespace

Result<std::int64_t> UpdateCdxjIndex(const std::string& collection, CdxjSpool* made) {
  const fs::path warc_dir = fs::path(collection) / "warc";
  const fs::path dir = fs::path(collection) / "cdxj";
  const fs::path index = dir / "index.cdxj";
  const fs::path done_list = dir / "indexed-files.txt";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("create " + dir.string() + ": " + ec.message());
  std::set<std::string> indexed;
  {
    std::ifstream in(done_list);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) indexed.insert(line);
    }
  }
  std::vector<std::string> todo;
  for (fs::directory_iterator it(warc_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if ((EndsWith(name, ".warc.gz") || EndsWith(name, ".warc")) && indexed.count(name) == 0) {
      todo.push_back(std::move(name));
    }
  }
  if (ec) return Status::IOError("list " + warc_dir.string() + ": " + ec.message());
  if (todo.empty()) return std::int64_t{0};
  std::sort(todo.begin(), todo.end());
  std::unique_ptr<CdxjSpool> own;
  CdxjSpool* spool = made;
  if (spool != nullptr) {
    for (const std::string& file : spool->files()) {
      if (!std::binary_search(todo.begin(), todo.end(), file)) spool = nullptr;
    }
    if (spool != nullptr && spool->failed()) spool = nullptr;
  }
  if (spool == nullptr) {
    own = std::make_unique<CdxjSpool>(collection);
    spool = own.get();
  }
  try {
    for (const std::string& name : todo) {
      if (spool->files().count(name) != 0) continue;
      Result<std::unique_ptr<common::WarcReader>> reader =
          common::WarcReader::Open((warc_dir / name).string());
      if (!reader.ok()) return reader.status();
      for (int errors = 0; errors < 1000;) {
        Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
        if (!next.ok()) {
          ++errors;  // verify reports it; the index skips it
          continue;
        }
        if (!next->has_value()) break;
        std::string line = CdxjLine(name, (*next)->record, (*next)->offset, (*next)->length);
        if (!line.empty()) spool->Add(name, line);
      }
    }
  } catch (const std::exception& e) {
    return Status::Internal(std::string("CDXJ line: ") + e.what());
  }
  if (spool->failed()) return Status::IOError("write the CDXJ spool in " + dir.string());
  std::vector<std::unique_ptr<LineSource>> sources;
  sources.push_back(std::make_unique<StreamSource>(index));
  if (spool->runs_) {
    for (const CdxjSpool::Runs::Run& run : spool->runs_->runs) {
      sources.push_back(std::make_unique<RunSource>(spool->runs_->fd, run.offset, run.bytes));
    }
  }
  sources.push_back(std::make_unique<ViewSource>(SortedLines(spool->chunk_)));
  const fs::path tmp = dir / "index.cdxj.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    VESTIGE_RETURN_IF_ERROR(Merge(sources, out));
    out.flush();
    if (!out) return Status::IOError("write " + tmp.string());
  }
  fs::rename(tmp, index, ec);
  if (ec) return Status::IOError("rename " + tmp.string() + ": " + ec.message());
  std::ofstream list(done_list, std::ios::app);
  for (const std::string& name : todo) list << name << '\n';
  list.flush();
  if (!list) return Status::IOError("write " + done_list.string());
  return spool->lines();
}

}  // namespace vestige::crawler
