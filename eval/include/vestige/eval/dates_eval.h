// Publication-date evaluation: runs the indexer's date extractor over a gold set and scores it.
//
// The gold file is JSON: {url: {"file": path relative to the gold file's folder (gzip or plain
// HTML), "date": "YYYY-MM-DD" or null}}. Each page is decoded to UTF-8 (charset detected from the
// bytes), parsed, and given to ExtractPublishedDate with the capture day `captured`.
// A page is correct when the day returned equals the gold day, or when both are absent.
// Thread safety: pure functions apart from the file reads.
#ifndef VESTIGE_EVAL_DATES_EVAL_H_
#define VESTIGE_EVAL_DATES_EVAL_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "vestige/common/date.h"
#include "vestige/common/status.h"

namespace vestige::eval {

struct DateSourceStats {
  int returned = 0;  // pages whose date came from this source
  int correct = 0;   // of those, how many were the gold day
};

struct DatesReport {
  int pages = 0;             // gold entries
  int returned = 0;          // pages where a date was returned
  int correct = 0;           // exact day right (or correctly no date)
  int correct_returned = 0;  // exact day right among `returned`
  int unreadable = 0;        // gold entries whose file could not be read (scored as no date)
  std::map<std::string, DateSourceStats> by_source;
  // url -> "YYYY-MM-DD", or nullopt when no date was returned.
  std::map<std::string, std::optional<std::string>> predictions;

  double Accuracy() const { return pages == 0 ? 0 : static_cast<double>(correct) / pages; }
  double Precision() const {
    return returned == 0 ? 0 : static_cast<double>(correct_returned) / returned;
  }
  double Coverage() const { return pages == 0 ? 0 : static_cast<double>(returned) / pages; }
};

// Scores every page of the gold file. InvalidArgument / NotFound when the gold file itself cannot
// be read or is not in the format above; unreadable pages are counted, not fatal.
// `captured` is the capture day of every page (the upper bound of a date). When it is only a
// stand-in (`capture_known` false: the gold file has no capture dates and today is used), relative
// dates ("2 days ago") cannot be resolved, so a page dated only that way counts as undated.
common::Result<DatesReport> EvaluateDates(const std::filesystem::path& gold_file,
                                          std::optional<common::Date> captured,
                                          bool capture_known = true);

// Human-readable summary: accuracy, precision, coverage, then one line per source.
std::string FormatDatesReport(const DatesReport& report);

// Writes {url: "YYYY-MM-DD" or null} as JSON to `out`.
common::Status WriteDatesDump(const DatesReport& report, const std::filesystem::path& out);

}  // namespace vestige::eval

#endif  // VESTIGE_EVAL_DATES_EVAL_H_
