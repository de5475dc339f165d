// WARC/1.1 (ISO 28500:2017) records: the model, a writer and a reader.
//
// Only this module reads or writes WARC bytes (ARCHITECTURE.md). The writer puts each record in
// its own gzip member, so a record can be read from its offset alone; the reader accepts gzipped
// and plain files, WARC/1.0 and WARC/1.1, and reports a torn or corrupt record as Corruption with
// its offset instead of crashing. Thread safety: a WarcWriter or WarcReader is used by one thread
// at a time.
#ifndef VESTIGE_COMMON_WARC_H_
#define VESTIGE_COMMON_WARC_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vestige/common/status.h"

namespace vestige::common {

enum class WarcType {
  kWarcinfo,
  kResponse,
  kResource,
  kRequest,
  kMetadata,
  kRevisit,
  kConversion,
  kContinuation,
  kUnknown,
};
std::string_view WarcTypeName(WarcType type);
WarcType ParseWarcType(std::string_view name);

// One record: the version line, named fields in their original order, and the block.
struct WarcRecord {
  std::string version = "WARC/1.1";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string block;

  // Case-insensitive lookup of the first field with this name.
  std::optional<std::string_view> header(std::string_view name) const;
  // Replaces the first field with this name (case-insensitive) or appends it.
  void set_header(std::string_view name, std::string value);

  WarcType type() const;                // from WARC-Type
  std::string_view record_id() const;   // WARC-Record-ID, "" if absent
  std::string_view target_uri() const;  // WARC-Target-URI, "" if absent
  std::string_view date() const;        // WARC-Date, "" if absent
};

// "<urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx>", random (version 4).
std::string NewRecordId();
// W3C/ISO 8601 UTC with microseconds, as WARC 1.1 allows: "2026-11-22T02:54:03.123456Z".
std::string FormatWarcDate(std::chrono::system_clock::time_point t);
// "sha256:" + base32 (RFC 4648, upper case, padded) of the SHA-256 of `bytes`.
std::string Sha256Digest(std::string_view bytes);
// Recomputes a labelled digest ("sha1:", "sha256:"; base32 or base16 values) of `bytes`.
// Returns InvalidArgument for an unknown algorithm or encoding.
Result<bool> DigestMatches(std::string_view labelled_digest, std::string_view bytes);

// Serializes a record: version line, fields, a Content-Length that matches the block (any given
// Content-Length is replaced), CRLF, block, CRLF CRLF.
std::string SerializeWarcRecord(const WarcRecord& record);

// Parses one uncompressed record at the start of `bytes`. On success sets *consumed to the bytes
// used, including the two trailing CRLFs (missing ones are tolerated at the end of input).
// Corruption for a bad version line, a bad field, a missing or bad Content-Length, or a block
// shorter than its Content-Length (a torn record).
Result<WarcRecord> ParseWarcRecord(std::string_view bytes, std::size_t* consumed);

// Where a record sits in a file.
struct WarcLocation {
  std::string file;          // file name without folder, final name (no ".open")
  std::uint64_t offset = 0;  // of the record's first byte (its gzip member when compressed)
  std::uint64_t length = 0;  // bytes on disk
};

struct WarcWriterOptions {
  // Folder the files go in; created if missing.
  std::string directory;
  // File names are <prefix>-<UTC yyyymmddhhmmss>-<serial 5 digits>.warc.gz. Change it to tell
  // the files of several crawlers apart in one folder.
  std::string prefix = "vestige";
  // A file is closed and a new one opened once it reaches this size. Larger files mean fewer
  // files to manage; smaller ones lose less to a damaged disk sector and copy more easily.
  std::uint64_t max_file_bytes = 1ull << 30;
  // gzip each record as its own member. Off only for tests that want to read raw bytes.
  bool gzip = true;
  // Made into the first record of every file, with its own WARC-Record-ID and WARC-Date. Its
  // record id is available from warcinfo_id() so other records can name it in WARC-Warcinfo-ID.
  std::string
      warcinfo_fields;  // "name: value\r\n" lines, the warcinfo block (application/warc-fields)
};

// Appends records to WARC files. A file being written is named "<name>.open" and renamed to
// <name> when closed, so readers never mistake a live file for a finished one.
class WarcWriter {
 public:
  static Result<std::unique_ptr<WarcWriter>> Open(WarcWriterOptions options);
  ~WarcWriter();  // Closes (renames) the current file; errors are lost: call Close() first.
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Appends one record (rotating first if the file is full) and returns where it went.
  // The record is in the OS's hands, not necessarily on disk: call Sync() for that.
  Result<WarcLocation> Write(const WarcRecord& record);
  // Flushes to disk (fdatasync). After OK, every record written so far survives a crash.
  Status Sync();
  // Syncs, closes the current file and renames it to its final name.
  Status Close();
  // WARC-Record-ID of the warcinfo record heading the current file.
  const std::string& warcinfo_id() const;

 private:
  struct Impl;
  explicit WarcWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A record read from a file, with where it was.
struct WarcRecordAt {
  WarcRecord record;
  std::uint64_t offset = 0;  // of the record (gzip member) in the file
  std::uint64_t length = 0;  // bytes on disk
};

// Reads records in order from a .warc or .warc.gz file (compression detected from the bytes).
class WarcReader {
 public:
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record; std::nullopt at a clean end of file. Corruption (naming the offset) for a
  // torn or malformed record; the reader cannot go on past one in a plain file, while in a
  // gzipped file the next call resumes at the next gzip member.
  Result<std::optional<WarcRecordAt>> Next();
  // Positions the reader at a byte offset (a record or member boundary).
  Status Seek(std::uint64_t offset);

 private:
  struct Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads the one record at `offset` in the file at `path`.
Result<WarcRecordAt> ReadWarcRecordAt(const std::string& path, std::uint64_t offset);

}  // namespace vestige::common

#endif  // VESTIGE_COMMON_WARC_H_
