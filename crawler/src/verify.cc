#include "vestige/crawler/verify.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "vestige/common/http.h"
#include "vestige/common/warc.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class Verifier {
 public:
  Verifier(std::FILE* out, VerifySummary* summary) : out_(out), s_(summary) {}

  void Problem(const std::string& file, std::uint64_t offset, const std::string& what) {
    ++s_->mismatches;
    if (out_ != nullptr) {
      std::fprintf(out_, "%s offset %llu: %s\n", file.c_str(),
                   static_cast<unsigned long long>(offset), what.c_str());
    }
  }

  // Whether `digest` matches any of `candidates`; counts and reports.
  void Check(const std::string& file, std::uint64_t offset, const char* field,
             std::string_view digest, const std::vector<std::string_view>& candidates) {
    ++s_->digests;
    for (std::string_view bytes : candidates) {
      Result<bool> match = common::DigestMatches(digest, bytes);
      if (!match.ok()) {
        ++s_->unverifiable;
        if (out_ != nullptr) {
          std::fprintf(out_, "%s offset %llu: %s %s not checked: %s\n", file.c_str(),
                       static_cast<unsigned long long>(offset), field, std::string(digest).c_str(),
                       match.status().message().c_str());
        }
        return;
      }
      if (*match) return;
    }
    Problem(file, offset, std::string(field) + " " + std::string(digest) + " does not match");
  }

  void Record(const std::string& file, const common::WarcRecordAt& at) {
    const common::WarcRecord& r = at.record;
    ++s_->records;
    if (auto block = r.header("WARC-Block-Digest")) {
      Check(file, at.offset, "WARC-Block-Digest", *block, {r.block});
    }
    auto payload = r.header("WARC-Payload-Digest");
    if (!payload || r.type() == common::WarcType::kRevisit) return;
    std::string content_type(r.header("Content-Type").value_or(""));
    const bool http = content_type.find("application/http") != std::string::npos;
    if (!http) {
      Check(file, at.offset, "WARC-Payload-Digest", *payload, {r.block});
      return;
    }
    std::size_t head_end = r.block.find("\r\n\r\n");
    std::string_view raw = head_end == std::string::npos
                               ? std::string_view()
                               : std::string_view(r.block).substr(head_end + 4);
    if (r.type() == common::WarcType::kResponse) {
      Result<common::HttpResponse> parsed = common::ParseHttpResponse(r.block);
      if (parsed.ok()) {
        std::string_view after_head =
            std::string_view(r.block).substr(std::min(parsed->header_bytes, r.block.size()));
        Check(file, at.offset, "WARC-Payload-Digest", *payload, {parsed->payload, after_head});
        return;
      }
    }
    Check(file, at.offset, "WARC-Payload-Digest", *payload, {raw});
  }

 private:
  std::FILE* out_;
  VerifySummary* s_;
};

}  // namespace

std::string VerifySummary::ToLine() const {
  return "vestige-crawl verify: " + std::to_string(files) + " files, " + std::to_string(records) +
         " records, " + std::to_string(digests) + " digests, " + std::to_string(mismatches) +
         " mismatches" +
         (unverifiable > 0 ? ", " + std::to_string(unverifiable) + " not checked" : "") +
         (open_files > 0 ? ", " + std::to_string(open_files) + " .open files skipped" : "");
}

Result<VerifySummary> VerifyCollection(const std::string& collection, std::FILE* out) {
  const fs::path dir = fs::path(collection) / "warc";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("no WARC folder at " + dir.string());
  std::vector<std::string> names;
  VerifySummary summary;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (EndsWith(name, ".open")) {
      ++summary.open_files;
    } else if (EndsWith(name, ".warc") || EndsWith(name, ".warc.gz")) {
      names.push_back(std::move(name));
    }
  }
  if (ec) return Status::IOError("list " + dir.string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  Verifier verifier(out, &summary);
  for (const std::string& name : names) {
    Result<std::unique_ptr<common::WarcReader>> reader =
        common::WarcReader::Open((dir / name).string());
    if (!reader.ok()) return reader.status();
    ++summary.files;
    for (int errors = 0; errors < 100000;) {
      Result<std::optional<common::WarcRecordAt>> next = (*reader)->Next();
      if (!next.ok()) {
        if (next.status().code() != Status::Code::kCorruption) return next.status();
        ++errors;
        ++summary.mismatches;
        if (out != nullptr) std::fprintf(out, "%s\n", next.status().message().c_str());
        continue;
      }
      if (!next->has_value()) break;
      verifier.Record(name, **next);
    }
  }
  return summary;
}

}  // namespace vestige::crawler
