#include "vestige/crawler/report.h"

#include <exception>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "crawl_state.h"

namespace vestige::crawler {

namespace fs = std::filesystem;
using common::Result;
using common::Status;

namespace {

constexpr const char* kOutcomes[] = {"new", "changed", "unchanged", "gone", "failed"};

}  // namespace

Result<std::string> CrawlReport(const ReportOptions& options) {
  if (options.format != "text" && options.format != "json") {
    return Status::InvalidArgument("--format must be text or json, got '" + options.format + "'");
  }
  const fs::path path = fs::path(options.collection) / "crawl" / "state.sqlite";
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound("no crawl state at " + path.string());
  Result<std::unique_ptr<CrawlState>> state = CrawlState::Open(path.string());
  if (!state.ok()) return state.status();
  Result<std::vector<RunRow>> runs = (*state)->Runs();
  if (!runs.ok()) return runs.status();
  if (runs->empty()) return Status::NotFound("no crawl runs in " + path.string());
  const RunRow* run = &runs->back();
  if (options.run != 0) {
    run = nullptr;
    for (const RunRow& r : *runs) {
      if (r.id == options.run) run = &r;
    }
    if (run == nullptr) {
      return Status::NotFound("no run " + std::to_string(options.run) + " in " + path.string());
    }
  }
  Result<std::vector<RunUrlRow>> urls = (*state)->RunUrls(run->id);
  if (!urls.ok()) return urls.status();
  std::map<std::string, std::int64_t> counts;
  for (const char* outcome : kOutcomes) counts[outcome] = 0;
  for (const RunUrlRow& u : *urls) ++counts[u.outcome];

  if (options.format == "json") {
    try {
      nlohmann::ordered_json j;
      j["run"] = run->id;
      j["started"] = run->started;
      j["finished"] = run->finished.empty() ? nlohmann::ordered_json(nullptr)
                                            : nlohmann::ordered_json(run->finished);
      nlohmann::ordered_json c = nlohmann::ordered_json::object();
      for (const char* outcome : kOutcomes) c[outcome] = counts[outcome];
      j["counts"] = c;
      j["urls"] = nlohmann::ordered_json::array();
      for (const RunUrlRow& u : *urls) {
        j["urls"].push_back({{"url", u.url},
                             {"kind", u.kind},
                             {"outcome", u.outcome},
                             {"status", u.status},
                             {"time", u.time}});
      }
      return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    } catch (const std::exception& e) {
      return Status::Internal(std::string("cannot format the report: ") + e.what());
    }
  }
  std::string out = "run " + std::to_string(run->id) + ": started " + run->started + ", " +
                    (run->finished.empty() ? "not finished" : "finished " + run->finished) + "\n";
  for (const char* outcome : kOutcomes) {
    out += std::string("  ") + outcome + ": " + std::to_string(counts[outcome]) + "\n";
  }
  for (const char* outcome : kOutcomes) {
    for (const RunUrlRow& u : *urls) {
      if (u.outcome != outcome) continue;
      out += std::string(outcome) + "\t" + std::to_string(u.status) + "\t" + u.kind + "\t" + u.url +
             "\n";
    }
  }
  return out;
}

}  // namespace vestige::crawler
