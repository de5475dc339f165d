// Main-text extraction against an Article Extraction Benchmark folder (see extract_eval.h).
#include "vestige/eval/extract_eval.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "vestige/common/html.h"
#include "vestige/common/http.h"
#include "vestige/indexer/charset.h"
#include "vestige/indexer/parse_options.h"
#include "vestige/indexer/text_extract.h"

namespace vestige::eval {
namespace {

namespace fs = std::filesystem;
using common::Result;
using common::Status;
using Clock = std::chrono::steady_clock;

constexpr int kShingleSize = 4;

// Shingles are joined with a byte that no token holds, so distinct token tuples stay distinct.
std::map<std::string, int> Shingles(std::string_view text) {
  const std::vector<std::string> tokens = WordTokens(text);
  std::map<std::string, int> counts;
  const std::size_t n = tokens.size();
  const std::size_t count = n >= kShingleSize ? n - kShingleSize + 1 : 1;
  for (std::size_t i = 0; i < count && i < n; ++i) {
    std::string key;
    for (std::size_t j = i; j < i + kShingleSize && j < n; ++j) {
      if (j > i) key.push_back('\x01');
      key += tokens[j];
    }
    ++counts[key];
  }
  return counts;
}

double PrecisionScore(const ShingleCounts& c) {
  if (c.fp == 0 && c.fn == 0) return 1.0;
  if (c.tp == 0 && c.fp == 0) return 0.0;
  return c.tp / (c.tp + c.fp);
}

double RecallScore(const ShingleCounts& c) {
  if (c.fp == 0 && c.fn == 0) return 1.0;
  if (c.tp == 0 && c.fn == 0) return 0.0;
  return c.tp / (c.tp + c.fn);
}

Result<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path.string());
  return buffer.str();
}

// The page's bytes, gunzipped, decoded to UTF-8.
Result<std::string> LoadPage(const fs::path& html_dir, const std::string& id) {
  const fs::path gz = html_dir / (id + ".html.gz");
  std::error_code ec;
  std::string bytes;
  if (fs::exists(gz, ec)) {
    Result<std::string> raw = ReadWhole(gz);
    if (!raw.ok()) return raw.status();
    Result<std::string> plain = common::DecodeContentEncoding(*raw, "gzip");
    if (!plain.ok()) return plain.status().WithContext(gz.string());
    bytes = std::move(*plain);
  } else {
    Result<std::string> raw = ReadWhole(html_dir / (id + ".html"));
    if (!raw.ok()) return Status::NotFound("no html/" + id + ".html.gz or .html");
    bytes = std::move(*raw);
  }
  return indexer::DecodeToUtf8(bytes, "");
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

ShingleCounts MatchShingles(std::string_view truth, std::string_view predicted) {
  const std::map<std::string, int> t = Shingles(truth);
  const std::map<std::string, int> p = Shingles(predicted);
  ShingleCounts c;
  for (const auto& [key, count] : t) {
    auto it = p.find(key);
    const int other = it == p.end() ? 0 : it->second;
    c.tp += std::min(count, other);
    c.fn += std::max(0, count - other);
    c.fp += std::max(0, other - count);
  }
  for (const auto& [key, count] : p) {
    if (t.find(key) == t.end()) c.fp += count;
  }
  const double sum = c.tp + c.fp + c.fn;
  if (sum > 0) {
    c.tp /= sum;
    c.fp /= sum;
    c.fn /= sum;
  }
  return c;
}

Scores ScoreDocuments(const std::vector<ShingleCounts>& documents) {
  double precision_sum = 0, recall_sum = 0;
  std::size_t precision_n = 0, recall_n = 0;
  for (const ShingleCounts& c : documents) {
    if (c.tp + c.fp > 0) {
      precision_sum += PrecisionScore(c);
      ++precision_n;
    }
    if (c.tp + c.fn > 0) {
      recall_sum += RecallScore(c);
      ++recall_n;
    }
  }
  Scores s;
  if (precision_n > 0) s.precision = precision_sum / static_cast<double>(precision_n);
  if (recall_n > 0) s.recall = recall_sum / static_cast<double>(recall_n);
  if (s.precision + s.recall > 0) s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

Result<ExtractEvalReport> RunExtractEval(const ExtractEvalOptions& options) {
  Result<std::string> truth_bytes = ReadWhole(options.aeb_dir / "ground-truth.json");
  if (!truth_bytes.ok()) return Status::NotFound(truth_bytes.status().message());
  // id -> articleBody, in the file's key order (nlohmann sorts keys: a stable order).
  std::vector<std::pair<std::string, std::string>> truth;
  try {
    const nlohmann::json json = nlohmann::json::parse(*truth_bytes);
    if (!json.is_object()) return Status::Corruption("ground-truth.json: not a JSON object");
    for (const auto& [id, entry] : json.items()) {
      std::string body;
      if (entry.is_object()) {
        auto it = entry.find("articleBody");
        if (it != entry.end() && it->is_string()) body = it->get<std::string>();
      }
      truth.emplace_back(id, std::move(body));
    }
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("ground-truth.json: ") + e.what());
  }
  if (!options.dump_dir.empty()) {
    std::error_code ec;
    fs::create_directories(options.dump_dir, ec);
    if (ec) return Status::IOError("cannot create " + options.dump_dir.string());
  }

  ExtractEvalReport report;
  std::vector<ShingleCounts> counts;
  std::vector<std::string> pages;  // decoded pages, for the bare-parse timing
  const fs::path html_dir = options.aeb_dir / "html";
  for (const auto& [id, body] : truth) {
    ++report.pages;
    // An id is a file name: refuse path separators rather than read outside the folder.
    if (id.empty() || id.find('/') != std::string::npos || id.find('\\') != std::string::npos ||
        id == "." || id == "..") {
      ++report.failures;
      report.failure_messages.push_back(id + ": not a file name");
      counts.push_back(MatchShingles(body, ""));
      continue;
    }
    Result<std::string> page = LoadPage(html_dir, id);
    std::string predicted;
    if (!page.ok()) {
      ++report.failures;
      report.failure_messages.push_back(id + ": " + page.status().ToString());
    } else {
      const auto start = Clock::now();
      const common::HtmlDocument document = common::ParseHtml(*page, indexer::PageParseOptions());
      const indexer::ExtractedText text = indexer::ExtractText(document);
      report.extract_seconds += Seconds(Clock::now() - start);
      report.html_bytes += page->size();
      predicted = JoinParagraphs(text.paragraphs);
      pages.push_back(std::move(*page));
    }
    counts.push_back(MatchShingles(body, predicted));
    if (!options.dump_dir.empty()) {
      std::ofstream out(options.dump_dir / (id + ".txt"), std::ios::binary);
      out << predicted << '\n';
      if (!out) return Status::IOError("cannot write " + (options.dump_dir / id).string());
    }
  }
  const auto start = Clock::now();
  for (const std::string& page : pages) {
    const common::HtmlDocument document = common::ParseHtml(page, indexer::PageParseOptions());
    report.parse_nodes += document.root.children.size();
  }
  report.parse_seconds = Seconds(Clock::now() - start);
  report.scores = ScoreDocuments(counts);
  return report;
}

}  // namespace vestige::eval
