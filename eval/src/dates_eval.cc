// Publication-date evaluation. See vestige/eval/dates_eval.h.
#include "vestige/eval/dates_eval.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "dates_gzip.h"
#include "vestige/common/html.h"
#include "vestige/indexer/charset.h"
#include "vestige/indexer/date_extract.h"
#include "vestige/indexer/parse_options.h"

namespace vestige::eval {
namespace {

using Json = nlohmann::json;

// The predicted day of one page, or nullopt; false when the page could not be read.
bool PredictPage(const std::filesystem::path& file, const std::string& url,
                 std::optional<common::Date> captured, indexer::PublishedDate* out) {
  common::Result<std::string> bytes = ReadMaybeGzipped(file);
  if (!bytes.ok()) return false;
  common::Result<std::string> utf8 = indexer::DecodeToUtf8(*bytes, "");
  if (!utf8.ok()) return false;
  const common::HtmlDocument html = common::ParseHtml(*utf8, indexer::PageParseOptions());
  *out = indexer::ExtractPublishedDate(html, *utf8, url, captured);
  return true;
}

}  // namespace

common::Result<DatesReport> EvaluateDates(const std::filesystem::path& gold_file,
                                          std::optional<common::Date> captured,
                                          bool capture_known) {
  std::ifstream in(gold_file, std::ios::binary);
  if (!in) return common::Status::NotFound("cannot open gold file " + gold_file.string());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Json gold = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (gold.is_discarded() || !gold.is_object()) {
    return common::Status::InvalidArgument(gold_file.string() +
                                           ": not a JSON object of {url: {file, date}}");
  }
  const std::filesystem::path folder = gold_file.parent_path();
  DatesReport report;
  for (const auto& [url, entry] : gold.items()) {
    if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string()) {
      return common::Status::InvalidArgument(gold_file.string() + ": entry \"" + url +
                                             "\" has no \"file\" string");
    }
    std::optional<std::string> expected;
    if (auto it = entry.find("date"); it != entry.end() && it->is_string()) {
      expected = it->get<std::string>().substr(0, 10);
    }
    ++report.pages;
    indexer::PublishedDate found;
    if (!PredictPage(folder / entry["file"].get<std::string>(), url, captured, &found)) {
      ++report.unreadable;
    }
    if (!capture_known && found.source == "relative") found = indexer::PublishedDate{};
    std::optional<std::string> predicted;
    if (found.date) predicted = found.date->ToIso();
    if (predicted == expected) ++report.correct;
    if (predicted) {
      ++report.returned;
      DateSourceStats& s = report.by_source[found.source];
      ++s.returned;
      if (predicted == expected) {
        ++report.correct_returned;
        ++s.correct;
      }
    }
    report.predictions[url] = std::move(predicted);
  }
  return report;
}

std::string FormatDatesReport(const DatesReport& r) {
  char line[256];
  std::string out;
  std::snprintf(line, sizeof(line), "pages       %d (unreadable %d)\n", r.pages, r.unreadable);
  out += line;
  std::snprintf(line, sizeof(line), "accuracy    %.4f (%d exact day / %d pages)\n", r.Accuracy(),
                r.correct, r.pages);
  out += line;
  std::snprintf(line, sizeof(line), "precision   %.4f (%d correct / %d dated)\n", r.Precision(),
                r.correct_returned, r.returned);
  out += line;
  std::snprintf(line, sizeof(line), "coverage    %.4f (%d dated / %d pages)\n", r.Coverage(),
                r.returned, r.pages);
  out += line;
  out += "by source:\n";
  for (const auto& [source, s] : r.by_source) {
    const double p = s.returned == 0 ? 0 : static_cast<double>(s.correct) / s.returned;
    std::snprintf(line, sizeof(line), "  %-8s  %4d pages  precision %.4f (%d correct)\n",
                  source.c_str(), s.returned, p, s.correct);
    out += line;
  }
  return out;
}

common::Status WriteDatesDump(const DatesReport& report, const std::filesystem::path& out) {
  Json dump = Json::object();
  for (const auto& [url, date] : report.predictions) {
    dump[url] = date ? Json(*date) : Json(nullptr);
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) return common::Status::IOError("cannot write " + out.string());
  file << dump.dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
  file.close();
  if (!file) return common::Status::IOError("error writing " + out.string());
  return common::Status::OK();
}

}  // namespace vestige::eval
