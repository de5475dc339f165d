// Fuzz target for the WARC parser and reader: any bytes give a record or Corruption, never a
// crash, a hang or an out-of-bounds read.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "vestige/common/warc.h"

namespace {

using vestige::common::ParseWarcRecord;
using vestige::common::Result;
using vestige::common::SerializeWarcRecord;
using vestige::common::WarcReader;
using vestige::common::WarcRecord;
using vestige::common::WarcRecordAt;

// One scratch file per fuzzing process, rewritten for each input and removed at exit.
struct Scratch {
  Scratch() {
    const char* dir = std::getenv("TMPDIR");
    path = std::string(dir != nullptr ? dir : "/tmp") + "/vestige-warc-fuzz-" +
           std::to_string(::getpid());
  }
  ~Scratch() { ::unlink(path.c_str()); }
  std::string path;
};

const std::string& ScratchPath() {
  static const Scratch scratch;
  return scratch.path;
}

void ReadAsFile(std::string_view bytes) {
  std::FILE* f = std::fopen(ScratchPath().c_str(), "wb");
  if (f == nullptr) return;
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  auto reader = WarcReader::Open(ScratchPath());
  if (!reader.ok()) return;
  // Each call moves forward; the bound only guards against a reader that would not.
  for (int i = 0; i < 10000; ++i) {
    Result<std::optional<WarcRecordAt>> next = (*reader)->Next();
    if (next.ok() && !next->has_value()) return;
  }
  std::abort();  // the reader never reached its end
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::size_t consumed = 0;
  Result<WarcRecord> record = ParseWarcRecord(bytes, &consumed);
  if (record.ok()) {
    if (consumed == 0 || consumed > bytes.size()) std::abort();
    // What parses re-serializes to bytes that parse to the same record.
    const std::string again = SerializeWarcRecord(*record);
    std::size_t consumed2 = 0;
    Result<WarcRecord> back = ParseWarcRecord(again, &consumed2);
    if (!back.ok() || back->block != record->block || consumed2 != again.size()) std::abort();
  }
  ReadAsFile(bytes);
  return 0;
}
