// vestige-make-corpus: a WARC collection for the benchmarks, from a folder of HTML files.
//
//   vestige-make-corpus --input DIR --collection OUT [--pages N] [--scale N] [--seed S]
//                       [--files-out DIR] [--warc-mb M]
//
// Without --scale, each HTML file (optionally .gz) below DIR becomes one page (at most N with
// --pages). With --scale N, N synthetic articles are made by recombining the real paragraphs of
// those files (corpus.h). Each page is written to OUT/warc/ as a request record and a response
// record (HTTP/1.1 200 with a plausible header block) under a synthetic http URL, as the crawler
// would. --files-out also writes each page body to DIR/NNNNNNN.html, for the peers (peers.sh).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "args.h"
#include "corpus.h"
#include "vestige/common/warc.h"

namespace vestige::bench {
namespace {

namespace fs = std::filesystem;
using common::Status;

constexpr const char* kUsage =
    "usage: vestige-make-corpus --input DIR --collection OUT [--pages N] [--scale N] [--seed S]\n"
    "                           [--files-out DIR] [--warc-mb M]\n";

std::string HttpDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

struct PageOut {
  std::string host;
  std::string path;
  std::string body;
  std::string content_type;
};

class CorpusWriter {
 public:
  static common::Result<std::unique_ptr<CorpusWriter>> Open(const std::string& collection,
                                                            std::uint64_t max_file_bytes) {
    common::WarcWriterOptions o;
    o.directory = (fs::path(collection) / "warc").string();
    o.prefix = "bench";
    o.max_file_bytes = max_file_bytes;
    o.warcinfo_fields =
        "software: vestige-make-corpus\r\nformat: WARC File Format 1.1\r\n"
        "description: synthetic benchmark collection\r\n";
    auto w = common::WarcWriter::Open(o);
    if (!w.ok()) return w.status();
    auto out = std::make_unique<CorpusWriter>();
    out->writer_ = std::move(w).value();
    return out;
  }

  // Writes the request and response records of one page, captured at `when`.
  Status Write(const PageOut& page, std::chrono::system_clock::time_point when) {
    const std::string url = "http://" + page.host + page.path;
    const std::string date = common::FormatWarcDate(when);
    common::WarcRecord request;
    request.block = "GET " + page.path + " HTTP/1.1\r\nHost: " + page.host +
                    "\r\nUser-Agent: vestige-make-corpus/0.1\r\nAccept: "
                    "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Language: "
                    "en,ru;q=0.8,be;q=0.6\r\nAccept-Encoding: identity\r\n\r\n";
    common::WarcRecord response;
    response.block =
        "HTTP/1.1 200 OK\r\nDate: " + HttpDate(std::chrono::system_clock::to_time_t(when)) +
        "\r\nServer: nginx/1.22.1\r\nContent-Type: " + page.content_type +
        "\r\nContent-Length: " + std::to_string(page.body.size()) +
        "\r\nCache-Control: max-age=60\r\nVary: Accept-Encoding\r\n"
        "X-Frame-Options: SAMEORIGIN\r\nConnection: keep-alive\r\n\r\n" +
        page.body;
    const std::string request_id = common::NewRecordId();
    const std::string response_id = common::NewRecordId();
    auto fill = [&](common::WarcRecord& r, const char* type, const std::string& id,
                    const std::string& other) {
      r.set_header("WARC-Type", type);
      r.set_header("WARC-Record-ID", id);
      r.set_header("WARC-Date", date);
      r.set_header("WARC-Target-URI", url);
      r.set_header("WARC-IP-Address", "127.0.0.1");
      r.set_header("WARC-Concurrent-To", other);
      r.set_header("WARC-Warcinfo-ID", writer_->warcinfo_id());
    };
    fill(request, "request", request_id, response_id);
    request.set_header("Content-Type", "application/http;msgtype=request");
    request.set_header("WARC-Block-Digest", common::Sha256Digest(request.block));
    fill(response, "response", response_id, request_id);
    response.set_header("Content-Type", "application/http;msgtype=response");
    response.set_header("WARC-Block-Digest", common::Sha256Digest(response.block));
    response.set_header("WARC-Payload-Digest", common::Sha256Digest(page.body));
    if (auto st = writer_->Write(request); !st.ok()) return st.status();
    if (auto st = writer_->Write(response); !st.ok()) return st.status();
    bytes_ += page.body.size();
    return Status::OK();
  }
  Status Close() { return writer_->Close(); }
  std::uint64_t bytes() const { return bytes_; }

 private:
  std::unique_ptr<common::WarcWriter> writer_;
  std::uint64_t bytes_ = 0;
};

int Fail(const std::string& message) {
  std::cerr << "vestige-make-corpus: " << message << "\n";
  return 2;
}

int Run(int argc, char** argv) {
  Args args;
  std::string error;
  if (!args.Parse(argc, argv, 1, {"help"}, &error)) return Fail(error + "\n" + kUsage);
  if (args.Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  bool ok = true;
  const std::uint64_t pages = args.Number("pages", 0, &ok);
  const std::uint64_t scale = args.Number("scale", 0, &ok);
  const std::uint64_t seed = args.Number("seed", 42, &ok);
  const std::uint64_t warc_mb = args.Number("warc-mb", 1024, &ok);
  if (!ok || !args.Has("input") || !args.Has("collection") || warc_mb == 0) {
    return Fail(std::string("bad or missing options\n") + kUsage);
  }
  const std::string files_out = args.Get("files-out");
  std::error_code ec;
  if (!files_out.empty()) fs::create_directories(files_out, ec);
  if (ec) return Fail("cannot create " + files_out + ": " + ec.message());

  const auto started = std::chrono::steady_clock::now();
  auto sources = LoadHtmlFolder(args.Get("input"), scale > 0 ? 0 : pages);
  if (!sources.ok()) return Fail(sources.status().ToString());
  auto writer = CorpusWriter::Open(args.Get("collection"), warc_mb << 20);
  if (!writer.ok()) return Fail(writer.status().ToString());

  // Captured from 2025-03-01T00:00:00Z on, one second apart: after every published date.
  const auto base = std::chrono::system_clock::from_time_t(1740787200);
  const std::uint64_t total = scale > 0 ? scale : sources->size();
  const char* const kHosts[] = {"news.bench.test",   "daily.bench.test",  "herald.bench.test",
                                "post.bench.test",   "wire.bench.test",   "times.bench.test",
                                "review.bench.test", "gazette.bench.test"};
  std::unique_ptr<PageGenerator> generator;
  Material material;
  if (scale > 0) {
    material = CollectMaterial(*sources);
    if (material.paragraphs.empty()) return Fail("the input pages hold no <p> paragraphs");
    std::cerr << "vestige-make-corpus: " << material.paragraphs.size() << " paragraphs, "
              << material.titles.size() << " titles, " << material.heads.size() << " heads from "
              << sources->size() << " pages\n";
    generator = std::make_unique<PageGenerator>(&material, seed);
  }
  for (std::uint64_t n = 0; n < total; ++n) {
    PageOut page;
    page.host = kHosts[n % std::size(kHosts)];
    if (generator) {
      char path[96];
      std::snprintf(path, sizeof path, "/articles/%07llu.html", static_cast<unsigned long long>(n));
      page.path = path;
      PageGenerator::Article a = generator->Make(n, "http://" + page.host + page.path);
      page.body = std::move(a.html);
      page.content_type = "text/html; charset=utf-8";
    } else {
      page.path = "/pages/" + (*sources)[n].name;
      for (char& c : page.path) {
        if (c == ' ' || c == '\\') c = '_';
      }
      page.body = (*sources)[n].html;
      page.content_type = "text/html";  // the indexer sniffs the charset, as for many real sites
    }
    if (Status st = (*writer)->Write(page, base + std::chrono::seconds(n)); !st.ok()) {
      return Fail(st.ToString());
    }
    if (!files_out.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, "%07llu.html", static_cast<unsigned long long>(n));
      std::ofstream out(fs::path(files_out) / name, std::ios::binary);
      out << page.body;
      if (!out) return Fail("cannot write " + (fs::path(files_out) / name).string());
    }
    if ((n + 1) % 10000 == 0) std::cerr << "vestige-make-corpus: " << n + 1 << " pages\n";
  }
  if (Status st = (*writer)->Close(); !st.ok()) return Fail(st.ToString());
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("pages %llu  html MB %.1f  (%.1f KB/page)  seconds %.1f\n",
              static_cast<unsigned long long>(total), (*writer)->bytes() / 1e6,
              total ? (*writer)->bytes() / 1e3 / static_cast<double>(total) : 0.0, secs);
  return 0;
}

}  // namespace
}  // namespace vestige::bench

int main(int argc, char** argv) { return vestige::bench::Run(argc, argv); }
