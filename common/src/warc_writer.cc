// WarcWriter: appends records to <prefix>-<UTC time>-<serial>.warc.gz.open, one gzip member per
// record, and renames the file to drop ".open" when it is closed.
//
// Bytes go to the kernel with pwrite() loops (no user-space buffer), so Sync() is fdatasync()
// alone. A failed append is cut off again with ftruncate() so the file stays a sequence of whole
// members.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <system_error>

#include "gzip.h"
#include "vestige/common/warc.h"

namespace vestige::common {
namespace {

constexpr int kMaxSerialTries = 1000;
constexpr std::size_t kKeepBufferBytes = std::size_t{4} << 20;

std::string ErrnoText(int err) { return std::strerror(err); }

Status IOErrorFor(std::string_view op, const std::string& path, int err) {
  return Status::IOError(std::string(op) + " " + path + ": " + ErrnoText(err));
}

std::string UtcStamp(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The serial of a file named <prefix>-<14 digits>-<digits>.warc[.gz][.open], if it is one.
std::optional<std::uint64_t> SerialOf(std::string_view name, std::string_view prefix) {
  if (name.size() <= prefix.size() + 1 || name.substr(0, prefix.size()) != prefix ||
      name[prefix.size()] != '-') {
    return std::nullopt;
  }
  name.remove_prefix(prefix.size() + 1);
  if (name.size() < 15 || !AllDigits(name.substr(0, 14)) || name[14] != '-') return std::nullopt;
  name.remove_prefix(15);
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos || dot > 18 || !AllDigits(name.substr(0, dot))) {
    return std::nullopt;
  }
  if (name.substr(dot, 5) != ".warc") return std::nullopt;
  return std::stoull(std::string(name.substr(0, dot)));
}

bool ValidFieldName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == ':') return false;
  }
  return true;
}

Status FsyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IOErrorFor("open", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return IOErrorFor("fsync", dir, err);
  return Status::OK();
}

}  // namespace

struct WarcWriter::Impl {
  WarcWriterOptions options;
  std::uint64_t next_serial = 0;
  int fd = -1;
  std::string name;       // final file name, no folder
  std::string open_path;  // folder + name + ".open"
  std::uint64_t size = 0;
  std::string warcinfo_id;
  bool closed = false;
  std::unique_ptr<gzip::MemberDeflater> deflater;  // one z_stream for every record (gzip only)
  std::string encoded;                             // the last record Encode() made

  std::string Suffix() const { return options.gzip ? ".warc.gz" : ".warc"; }
  std::string PathOf(const std::string& file) const {
    return (std::filesystem::path(options.directory) / file).string();
  }

  Status Append(std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n =
          ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(size + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        // Best effort: leave the file a sequence of whole records.
        [[maybe_unused]] const int rc = ::ftruncate(fd, static_cast<off_t>(size));
        return IOErrorFor("write", open_path, err);
      }
      done += static_cast<std::size_t>(n);
    }
    size += bytes.size();
    return Status::OK();
  }

  // The record's bytes as they go to the file, valid until the next call.
  std::string_view Encode(const WarcRecord& record) {
    // The buffer is kept between records, but not after a huge one (a video, say).
    if (encoded.capacity() > kKeepBufferBytes) std::string().swap(encoded);
    if (!options.gzip) {
      encoded = SerializeWarcRecord(record);
      return encoded;
    }
    if (!deflater) deflater = std::make_unique<gzip::MemberDeflater>();
    deflater->Compress(SerializeWarcRecord(record), &encoded);
    return encoded;
  }

  Status OpenNext() {
    for (int tries = 0; tries < kMaxSerialTries; ++tries) {
      char serial[32];
      std::snprintf(serial, sizeof serial, "%05llu",
                    static_cast<unsigned long long>(next_serial++));
      std::string candidate = options.prefix + "-" + UtcStamp(std::chrono::system_clock::now()) +
                              "-" + serial + Suffix();
      std::error_code ec;
      if (std::filesystem::exists(PathOf(candidate), ec)) continue;
      const std::string path = PathOf(candidate) + ".open";
      const int new_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (new_fd < 0) {
        if (errno == EEXIST) continue;
        return IOErrorFor("create", path, errno);
      }
      fd = new_fd;
      name = std::move(candidate);
      open_path = path;
      size = 0;
      Status st = FsyncDirectory(options.directory);
      if (st.ok()) st = WriteWarcinfo();
      if (!st.ok()) {  // no file without its warcinfo: the next Write tries a new one
        ::close(fd);
        ::unlink(open_path.c_str());
        fd = -1;
      }
      return st;
    }
    return Status::IOError("no free file name for prefix '" + options.prefix + "' in " +
                           options.directory);
  }

  Status WriteWarcinfo() {
    WarcRecord info;
    warcinfo_id = NewRecordId();
    info.headers = {
        {"WARC-Type", "warcinfo"},
        {"WARC-Record-ID", warcinfo_id},
        {"WARC-Date", FormatWarcDate(std::chrono::system_clock::now())},
        {"WARC-Filename", name},
        {"Content-Type", "application/warc-fields"},
    };
    info.block = options.warcinfo_fields;
    // Every record we write carries a block digest, the warcinfo too: it is evidence of how the
    // capture was made.
    info.set_header("WARC-Block-Digest", Sha256Digest(info.block));
    return Append(Encode(info));
  }

  Status CloseCurrent() {
    if (fd < 0) return Status::OK();
    Status st;
    if (::fdatasync(fd) != 0) st = IOErrorFor("fdatasync", open_path, errno);
    if (::close(fd) != 0 && st.ok()) st = IOErrorFor("close", open_path, errno);
    fd = -1;
    VESTIGE_RETURN_IF_ERROR(st);
    const std::string final_path = PathOf(name);
    if (::rename(open_path.c_str(), final_path.c_str()) != 0) {
      return Status::IOError("rename " + open_path + " to " + final_path + ": " + ErrnoText(errno));
    }
    return FsyncDirectory(options.directory);
  }
};

WarcWriter::WarcWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WarcWriter::~WarcWriter() {
  if (impl_ && !impl_->closed) {
    Status ignored = Close();  // errors are lost, as the header says
    (void)ignored;
  }
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(WarcWriterOptions options) {
  if (options.directory.empty()) return Status::InvalidArgument("WARC directory is empty");
  if (options.prefix.empty() || options.prefix.find('/') != std::string::npos) {
    return Status::InvalidArgument("bad WARC file prefix '" + options.prefix + "'");
  }
  if (options.max_file_bytes == 0) {
    return Status::InvalidArgument("WARC max_file_bytes must be positive");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.directory, ec);
  if (ec) return Status::IOError("create directory " + options.directory + ": " + ec.message());
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  // Start past the highest serial already used for this prefix; O_EXCL covers races.
  std::uint64_t highest = 0;
  bool any = false;
  for (std::filesystem::directory_iterator it(impl->options.directory, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (std::optional<std::uint64_t> serial = SerialOf(file, impl->options.prefix)) {
      highest = std::max(highest, *serial);
      any = true;
    }
  }
  if (ec) return Status::IOError("list directory " + impl->options.directory + ": " + ec.message());
  impl->next_serial = any ? highest + 1 : 0;
  VESTIGE_RETURN_IF_ERROR(impl->OpenNext());
  return std::unique_ptr<WarcWriter>(new WarcWriter(std::move(impl)));
}

Result<WarcLocation> WarcWriter::Write(const WarcRecord& record) {
  Impl& im = *impl_;
  if (im.closed) return Status::FailedPrecondition("WARC writer is closed");
  // A CR or LF in a field would let untrusted text (a URL, say) forge fields or records.
  for (const auto& [n, v] : record.headers) {
    if (!ValidFieldName(n)) return Status::InvalidArgument("bad WARC field name '" + n + "'");
    if (v.find_first_of("\r\n") != std::string::npos) {
      return Status::InvalidArgument("WARC field " + n + " has a line break in its value");
    }
  }
  std::string_view bytes;
  bool encoded = false;
  if (im.size >= im.options.max_file_bytes || im.fd < 0) {
    const std::string old_id = im.warcinfo_id;
    VESTIGE_RETURN_IF_ERROR(im.CloseCurrent());
    VESTIGE_RETURN_IF_ERROR(im.OpenNext());
    // A record that named the old file's warcinfo now names the new one.
    const std::optional<std::string_view> ref = record.header("WARC-Warcinfo-ID");
    if (ref && *ref == old_id) {
      WarcRecord copy = record;
      copy.set_header("WARC-Warcinfo-ID", im.warcinfo_id);
      bytes = im.Encode(copy);
      encoded = true;
    }
  }
  if (!encoded) bytes = im.Encode(record);
  WarcLocation loc;
  loc.file = im.name;
  loc.offset = im.size;
  loc.length = bytes.size();
  VESTIGE_RETURN_IF_ERROR(im.Append(bytes));
  return loc;
}

Status WarcWriter::Sync() {
  Impl& im = *impl_;
  if (im.fd < 0) return Status::OK();
  if (::fdatasync(im.fd) != 0) return IOErrorFor("fdatasync", im.open_path, errno);
  return Status::OK();
}

Status WarcWriter::Close() {
  Impl& im = *impl_;
  if (im.closed) return Status::OK();
  im.closed = true;
  return im.CloseCurrent();
}

const std::string& WarcWriter::warcinfo_id() const { return impl_->warcinfo_id; }

}  // namespace vestige::common
