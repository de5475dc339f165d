// WarcReader: streams records out of .warc and .warc.gz files.
//
// The file is read as one stream of decoded bytes: raw bytes for a plain file, or the output of
// the gzip members one after another. Each member's start and end, in the file (cpos) and in the
// decoded stream (upos), is remembered while its bytes are buffered, so a record is reported at
// the offset of the member holding its first byte, with the on-disk length up to the end of the
// member holding its last byte. Files with one record per member (ours, and most tools') get
// exact offsets; when one member holds many records, they all report that member's offset and a
// length that runs to where the inflater had got when the record was complete.
//
// Memory: at most one record (its head and block) plus about a megabyte of look-ahead.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>

#include "gzip.h"
#include "vestige/common/warc.h"
#include "warc_parse.h"

namespace vestige::common {
namespace {

constexpr std::size_t kReadChunk = std::size_t{256} << 10;         // file bytes per pread
constexpr std::size_t kInflateChunk = std::size_t{1} << 20;        // decoded bytes per Fill()
constexpr std::size_t kCompactAt = std::size_t{1} << 20;           // consumed bytes before erasing
constexpr std::size_t kMaxHeadBytes = std::size_t{4} << 20;        // a record head longer is junk
constexpr std::uint64_t kMaxRecordBytes = std::uint64_t{1} << 30;  // held in memory at once
constexpr std::uint64_t kMaxDeflateRatio = 1032;                   // deflate's best case
constexpr std::string_view kMemberMagic = "\x1f\x8b\x08";          // gzip magic + deflate method

struct Member {
  std::uint64_t upos_start = 0;  // first decoded byte
  std::uint64_t cpos_start = 0;  // first file byte
  bool closed = false;           // its end was seen (and its CRC checked)
  std::uint64_t upos_end = 0;    // one past its last decoded byte, when closed
  std::uint64_t cpos_end = 0;    // one past its last file byte, when closed
};

}  // namespace

struct WarcReader::Impl {
  std::string path;
  int fd = -1;
  std::uint64_t file_size = 0;
  bool gzip = false;

  // File bytes read but not yet given to the inflater (gzip only).
  std::string in;
  std::size_t in_head = 0;
  std::uint64_t in_cpos = 0;    // file offset of in[in_head]
  std::uint64_t read_cpos = 0;  // file offset of the next pread
  gzip::MemberInflater inflater;
  bool member_open = false;
  bool skip_member = false;  // discard the open member's output (after a bad record)
  std::deque<Member> members;

  // Decoded bytes; buf[head] is the next record's first byte, at stream position HeadUpos().
  // In a plain file stream positions are file offsets.
  std::string buf;
  std::size_t head = 0;
  std::uint64_t buf_upos = 0;
  bool stream_end = false;  // no more decoded bytes will come

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  std::string_view View() const { return std::string_view(buf).substr(head); }
  std::size_t Avail() const { return buf.size() - head; }
  std::uint64_t HeadUpos() const { return buf_upos + head; }

  void Consume(std::size_t n) {
    head += n;
    if (head == buf.size()) {
      buf_upos += head;
      buf.clear();
      head = 0;
    } else if (head >= kCompactAt && head * 2 > buf.size()) {
      buf.erase(0, head);
      buf_upos += head;
      head = 0;
    }
    const std::uint64_t at = HeadUpos();
    while (!members.empty() && members.front().closed && members.front().upos_end <= at) {
      members.pop_front();
    }
  }

  const Member* MemberOf(std::uint64_t upos) const {
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
      if (it->upos_start <= upos && (!it->closed || upos < it->upos_end)) return &*it;
    }
    return nullptr;
  }

  // Appends up to `max` file bytes at `offset` to *out; returns how many (0 at end of file).
  Result<std::size_t> ReadAt(std::uint64_t offset, std::size_t max, std::string* out) {
    const std::size_t old = out->size();
    out->resize(old + max);
    for (;;) {
      const ssize_t n = ::pread(fd, out->data() + old, max, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int err = errno;
        out->resize(old);
        stream_end = true;  // an I/O error ends the stream: nothing to resume
        return Status::IOError("read " + path + " at offset " + std::to_string(offset) + ": " +
                               std::strerror(err));
      }
      out->resize(old + static_cast<std::size_t>(n));
      return static_cast<std::size_t>(n);
    }
  }

  Result<std::size_t> ReadMoreInput() {
    if (in_head > 0) {
      in.erase(0, in_head);
      in_head = 0;
    }
    Result<std::size_t> n = ReadAt(read_cpos, kReadChunk, &in);
    if (n.ok()) read_cpos += *n;
    return n;
  }

  void ResetDecoded(std::uint64_t upos) {
    buf.clear();
    head = 0;
    buf_upos = upos;
    members.clear();
    member_open = false;
    skip_member = false;
    inflater.Reset();
  }

  void ResetAt(std::uint64_t offset) {
    in.clear();
    in_head = 0;
    in_cpos = read_cpos = offset;
    ResetDecoded(gzip ? 0 : offset);
    stream_end = false;
  }

  // After damaged gzip data: go on at the next gzip header after `bad_member`, if any.
  Status Resync(std::uint64_t bad_member) {
    ResetDecoded(0);
    in.clear();
    in_head = 0;
    std::string window;
    std::uint64_t window_pos = bad_member + 1;
    for (;;) {
      const std::size_t hit = window.find(kMemberMagic);
      if (hit != std::string::npos) {
        in_cpos = read_cpos = window_pos + hit;
        return Status::OK();
      }
      // Keep the last bytes: the magic may straddle two reads.
      const std::size_t keep = std::min(window.size(), kMemberMagic.size() - 1);
      window_pos += window.size() - keep;
      window.erase(0, window.size() - keep);
      Result<std::size_t> n = ReadAt(window_pos + window.size(), kReadChunk, &window);
      if (!n.ok()) return n.status();
      if (*n == 0) {
        stream_end = true;
        return Status::OK();
      }
    }
  }

  // Decodes more bytes into buf, or closes a member, or sets stream_end. On damaged gzip data,
  // returns Corruption and moves to the next place reading can resume.
  Status Fill() {
    if (stream_end) return Status::OK();
    if (!gzip) {
      Result<std::size_t> n = ReadAt(read_cpos, kReadChunk, &buf);
      if (!n.ok()) return n.status();
      read_cpos += *n;
      if (*n == 0) stream_end = true;
      return Status::OK();
    }
    if (!member_open) {
      while (in.size() - in_head < kMemberMagic.size()) {
        Result<std::size_t> n = ReadMoreInput();
        if (!n.ok()) return n.status();
        if (*n == 0) break;
      }
      if (in.size() == in_head) {
        stream_end = true;
        return Status::OK();
      }
      if (!gzip::HasMagic(std::string_view(in).substr(in_head))) {
        const std::uint64_t at = in_cpos;
        VESTIGE_RETURN_IF_ERROR(Resync(at));
        return Status::Corruption("no gzip member at offset " + std::to_string(at) +
                                  " (damaged or trailing bytes)");
      }
      Member m;
      m.upos_start = buf_upos + buf.size();
      m.cpos_start = in_cpos;
      members.push_back(m);
      member_open = true;
    }
    for (;;) {
      if (in_head == in.size()) {
        Result<std::size_t> n = ReadMoreInput();
        if (!n.ok()) return n.status();
        if (*n == 0) {
          const std::uint64_t at = members.back().cpos_start;
          const bool reported = skip_member;  // this member's record was already reported bad
          ResetDecoded(0);
          stream_end = true;
          if (reported) return Status::OK();
          return Status::Corruption("truncated gzip member at offset " + std::to_string(at) +
                                    " (file ends at " + std::to_string(read_cpos) + ")");
        }
      }
      const std::size_t before = buf.size();
      Result<gzip::MemberInflater::Step> step =
          inflater.Inflate(std::string_view(in).substr(in_head), &buf, kInflateChunk);
      if (!step.ok()) {
        const std::uint64_t at = members.back().cpos_start;
        const bool reported = skip_member;
        VESTIGE_RETURN_IF_ERROR(Resync(at));
        if (reported) return Status::OK();
        return Status::Corruption("bad gzip member at offset " + std::to_string(at) + ": " +
                                  step.status().message());
      }
      in_head += step->consumed;
      in_cpos += step->consumed;
      const bool produced = buf.size() > before;
      if (skip_member) Consume(Avail());
      if (step->member_end) {
        Member& m = members.back();
        m.closed = true;
        m.upos_end = buf_upos + buf.size();
        m.cpos_end = in_cpos;
        member_open = false;
        skip_member = false;
        Consume(0);
        return Status::OK();
      }
      if (produced && !skip_member) return Status::OK();
    }
  }

  // Reports a bad record starting at `upos` and moves to where reading resumes: the next gzip
  // member, or the end of a plain file.
  Status RecordError(std::uint64_t upos, std::uint64_t offset, const std::string& what) {
    Status st = Status::Corruption(path + ": bad WARC record at offset " + std::to_string(offset) +
                                   ": " + what);
    if (!gzip) {
      ResetDecoded(HeadUpos());
      stream_end = true;
      return st;
    }
    const Member* m = MemberOf(upos);
    if (m != nullptr && m->closed) {
      Consume(static_cast<std::size_t>(m->upos_end - HeadUpos()));
    } else {
      Consume(Avail());
      skip_member = member_open;
    }
    return st;
  }

  Status FillError(std::uint64_t offset, const Status& st) {
    if (st.code() != Status::Code::kCorruption) return st;
    return Status::Corruption(path + ": bad WARC record at offset " + std::to_string(offset) +
                              ": " + st.message());
  }

  Result<std::optional<WarcRecordAt>> Next();
};

Result<std::optional<WarcRecordAt>> WarcReader::Impl::Next() {
  using namespace warc_internal;
  while (Avail() == 0 && !stream_end) {
    Status st = Fill();
    if (!st.ok()) {
      if (st.code() != Status::Code::kCorruption) return st;
      return Status::Corruption(path + ": " + st.message());
    }
  }
  if (Avail() == 0) return std::optional<WarcRecordAt>();
  const std::uint64_t start = HeadUpos();
  std::uint64_t offset = start;
  if (gzip) {
    const Member* m = MemberOf(start);
    offset = m != nullptr ? m->cpos_start : in_cpos;
  }

  // The head: version line, fields, blank line.
  std::size_t head_end = std::string_view::npos;
  std::size_t scanned = 0;
  for (;;) {
    if (!LooksLikeVersionStart(View())) {
      return RecordError(start, offset, "not a WARC record (no 'WARC/' version line)");
    }
    head_end = FindHeadEnd(View(), scanned);
    if (head_end != std::string_view::npos) break;
    if (Avail() > kMaxHeadBytes) return RecordError(start, offset, "record head over 4 MiB");
    if (stream_end) return RecordError(start, offset, "torn record: file ends inside its head");
    scanned = Avail();
    Status st = Fill();
    if (!st.ok()) return FillError(offset, st);
  }
  Result<WarcHead> parsed = ParseWarcHead(View().substr(0, head_end));
  if (!parsed.ok()) return RecordError(start, offset, parsed.status().message());
  const std::uint64_t length = parsed->content_length;
  if (length > kMaxRecordBytes) {
    return RecordError(start, offset,
                       "block of " + std::to_string(length) +
                           " bytes is larger than the 1 GiB the reader holds in memory");
  }
  if (!gzip && start + head_end + length > file_size) {
    const std::uint64_t have = file_size > start + head_end ? file_size - start - head_end : 0;
    return RecordError(start, offset,
                       "torn record: block has " + std::to_string(have) + " of its " +
                           std::to_string(length) + " bytes");
  }

  const std::size_t block_end = head_end + static_cast<std::size_t>(length);
  if (gzip) {
    // Deflate expands at most 1032 to 1, so the rest of the file bounds what can still come.
    const std::uint64_t left = file_size > in_cpos ? file_size - in_cpos : 0;
    if (block_end > Avail() + left * kMaxDeflateRatio) {
      return RecordError(
          start, offset,
          "torn record: the rest of the file cannot hold its " + std::to_string(length) + " bytes");
    }
  }

  // The block. Room for it all at once: growing by doubling would need up to twice the memory.
  if (buf.capacity() < head + block_end + 4) buf.reserve(head + block_end + 4);
  while (Avail() < block_end) {
    if (stream_end) {
      return RecordError(start, offset,
                         "torn record: block has " + std::to_string(Avail() - head_end) +
                             " of its " + std::to_string(length) + " bytes");
    }
    Status st = Fill();
    if (!st.ok()) return FillError(offset, st);
  }

  // The trailing CRLF CRLF, which may be missing where the record's member or the file ends.
  std::size_t trailer = 0;
  for (;;) {
    std::string_view after = View().substr(block_end);
    bool bounded = stream_end;
    if (gzip) {
      const Member* m = MemberOf(start + block_end - 1);
      if (m != nullptr && m->closed) {
        after = after.substr(0, static_cast<std::size_t>(m->upos_end - (start + block_end)));
        bounded = true;
      }
    }
    if (after.size() >= 4 || bounded) {
      const std::optional<std::size_t> t = MatchTrailer(after, bounded);
      if (!t) {
        return RecordError(start, offset, "no CRLF CRLF after the block (wrong Content-Length?)");
      }
      trailer = *t;
      break;
    }
    Status st = Fill();
    if (!st.ok()) return FillError(offset, st);
  }
  const std::size_t record_bytes = block_end + trailer;

  // On-disk length: to the end of the member holding the last byte, once that end is seen.
  std::uint64_t disk_length = record_bytes;
  if (gzip) {
    const Member* last = nullptr;
    for (;;) {
      last = MemberOf(start + record_bytes - 1);
      if (last == nullptr || last->closed || Avail() > record_bytes || stream_end) break;
      Status st = Fill();
      if (!st.ok()) return FillError(offset, st);
    }
    const std::uint64_t end = (last != nullptr && last->closed) ? last->cpos_end : in_cpos;
    disk_length = end > offset ? end - offset : 0;
  }

  WarcRecordAt out;
  out.record.version = std::move(parsed->version);
  out.record.headers = std::move(parsed->headers);
  out.record.block.assign(View().substr(head_end, static_cast<std::size_t>(length)));
  out.offset = offset;
  out.length = disk_length;
  Consume(record_bytes);
  return std::optional<WarcRecordAt>(std::move(out));
}

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::~WarcReader() = default;

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (impl->fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound("WARC file " + path + " does not exist");
    return Status::IOError("open " + path + ": " + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(impl->fd, &st) != 0)
    return Status::IOError("stat " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(path + " is not a regular file");
  impl->file_size = static_cast<std::uint64_t>(st.st_size);
  std::string magic;
  Result<std::size_t> n = impl->ReadAt(0, 2, &magic);
  if (!n.ok()) return n.status();
  impl->gzip = gzip::HasMagic(magic);
  impl->ResetAt(0);
  return std::unique_ptr<WarcReader>(new WarcReader(std::move(impl)));
}

Result<std::optional<WarcRecordAt>> WarcReader::Next() { return impl_->Next(); }

Status WarcReader::Seek(std::uint64_t offset) {
  if (offset > impl_->file_size) {
    return Status::InvalidArgument("offset " + std::to_string(offset) + " is past the end of " +
                                   impl_->path);
  }
  impl_->ResetAt(offset);
  return Status::OK();
}

Result<WarcRecordAt> ReadWarcRecordAt(const std::string& path, std::uint64_t offset) {
  Result<std::unique_ptr<WarcReader>> reader = WarcReader::Open(path);
  if (!reader.ok()) return reader.status();
  VESTIGE_RETURN_IF_ERROR((*reader)->Seek(offset));
  Result<std::optional<WarcRecordAt>> rec = (*reader)->Next();
  if (!rec.ok()) return rec.status();
  if (!rec->has_value()) {
    return Status::NotFound("no WARC record at offset " + std::to_string(offset) + " in " + path);
  }
  return std::move(**rec);
}

}  // namespace vestige::common
