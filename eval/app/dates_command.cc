// vestige-eval dates --gold FILE [--dump OUT.json]: options, then the library (dates_eval.h).
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include "commands.h"
#include "vestige/common/date.h"
#include "vestige/eval/dates_eval.h"

namespace vestige::eval {

namespace po = boost::program_options;

int DatesCommand(int argc, char** argv) {
  std::string gold;
  std::string dump;
  std::string captured_text;
  po::options_description desc(
      "Usage: vestige-eval dates --gold FILE [--dump OUT.json] [--captured YYYY-MM-DD]\n"
      "Scores the publication-date extractor against FILE, a JSON object {url: {file, date}}\n"
      "(file relative to FILE's folder, plain or gzipped HTML; date YYYY-MM-DD or null).\n"
      "Prints accuracy (exact day / all pages), precision (exact day / pages given a date),\n"
      "coverage, and a breakdown by date source. Exit status: 0 done, 2 bad options or input.\n\n"
      "Options");
  desc.add_options()("help,h", "print this help and exit")(
      "gold", po::value<std::string>(&gold)->value_name("FILE"), "the gold.json file")(
      "dump", po::value<std::string>(&dump)->value_name("OUT.json"),
      "also write {url: \"YYYY-MM-DD\" or null} to OUT.json")(
      "captured", po::value<std::string>(&captured_text)->value_name("YYYY-MM-DD"),
      "capture day of the pages (no date after it is returned; relative dates such as \"2 days\n"
      "ago\" are resolved against it); default: today (UTC) as the upper bound only, and\n"
      "relative dates are then left unresolved");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vestige-eval dates: %s\n", e.what());
    return 2;
  }
  if (vm.count("help") > 0) {
    std::cout << desc;
    return 0;
  }
  if (gold.empty()) {
    std::fprintf(stderr, "vestige-eval dates: --gold is required\n");
    return 2;
  }
  std::optional<common::Date> captured;
  if (captured_text.empty()) {
    const auto now = std::chrono::system_clock::now();
    captured = common::DateOf(
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  } else {
    common::Result<common::Date> parsed = common::ParseIsoDate(captured_text);
    if (!parsed.ok()) {
      std::fprintf(stderr, "vestige-eval dates: --captured: %s\n",
                   parsed.status().message().c_str());
      return 2;
    }
    captured = *parsed;
  }
  common::Result<DatesReport> report = EvaluateDates(gold, captured, !captured_text.empty());
  if (!report.ok()) {
    std::fprintf(stderr, "vestige-eval dates: %s\n", report.status().message().c_str());
    return 2;
  }
  std::fputs(FormatDatesReport(*report).c_str(), stdout);
  if (!dump.empty()) {
    common::Status st = WriteDatesDump(*report, dump);
    if (!st.ok()) {
      std::fprintf(stderr, "vestige-eval dates: %s\n", st.message().c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace vestige::eval
