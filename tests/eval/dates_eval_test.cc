// Scoring of the publication-date evaluation (vestige/eval/dates_eval.h) on a tiny gold folder.
#include "vestige/eval/dates_eval.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "test_paths.h"

namespace vestige::eval {
namespace {

// A gzip member of stored (uncompressed) deflate blocks, so the test needs no zlib.
std::string GzipStored(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char ch : data) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  crc ^= 0xFFFFFFFFu;
  std::string out("\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\xFF", 10);
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(data.size() - pos, 65535);
    const bool last = pos + n == data.size();
    out.push_back(last ? '\x01' : '\x00');
    out.push_back(static_cast<char>(n & 0xFF));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(~n & 0xFF));
    out.push_back(static_cast<char>((~n >> 8) & 0xFF));
    out.append(data, pos, n);
    pos += n;
  } while (pos < data.size());
  for (std::uint32_t v : {crc, static_cast<std::uint32_t>(data.size())}) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  return out;
}

TEST_CASE("dates evaluation scores accuracy, precision, coverage and sources") {
  test::TempDir dir;
  const std::filesystem::path folder = dir.path() / "corpus";
  std::filesystem::create_directories(folder / "pages");
  // right (meta, gzipped), wrong (json-ld), none (no date in page), right none (gold null).
  test::WriteFile(folder / "pages/a.html.gz",
                  GzipStored(R"(<meta property="article:published_time" content="2024-03-05">)"));
  test::WriteFile(
      folder / "pages/b.html",
      R"(<script type="application/ld+json">{"@type":"Article","datePublished":"2020-01-01"}</script>)");
  test::WriteFile(folder / "pages/c.html", "<p>no date</p>");
  test::WriteFile(folder / "pages/d.html", "<p>no date either</p>");
  test::WriteFile(folder / "gold.json", R"({
    "https://a.example/x": {"file": "pages/a.html.gz", "date": "2024-03-05"},
    "https://b.example/y": {"file": "pages/b.html", "date": "2020-01-02"},
    "https://c.example/z": {"file": "pages/c.html", "date": "2019-05-05"},
    "https://d.example/w": {"file": "pages/d.html", "date": null},
    "https://e.example/v": {"file": "pages/missing.html", "date": "2019-05-05"}
  })");
  common::Result<DatesReport> report =
      EvaluateDates(folder / "gold.json", common::Date{2025, 1, 1});
  REQUIRE(report.ok());
  CHECK(report->pages == 5);
  CHECK(report->unreadable == 1);
  CHECK(report->returned == 2);
  CHECK(report->correct == 2);  // a, and d (no date, none expected)
  CHECK(report->correct_returned == 1);
  CHECK(report->Accuracy() == doctest::Approx(0.4));
  CHECK(report->Precision() == doctest::Approx(0.5));
  CHECK(report->Coverage() == doctest::Approx(0.4));
  REQUIRE(report->by_source.count("meta") == 1);
  CHECK(report->by_source.at("meta").returned == 1);
  CHECK(report->by_source.at("meta").correct == 1);
  REQUIRE(report->by_source.count("json-ld") == 1);
  CHECK(report->by_source.at("json-ld").correct == 0);
  const std::string text = FormatDatesReport(*report);
  CHECK(text.find("accuracy    0.4000") != std::string::npos);
  CHECK(text.find("json-ld") != std::string::npos);

  const std::filesystem::path dump = dir.path() / "dump.json";
  REQUIRE(WriteDatesDump(*report, dump).ok());
  const nlohmann::json written = nlohmann::json::parse(test::ReadFile(dump));
  CHECK(written["https://a.example/x"] == "2024-03-05");
  CHECK(written["https://b.example/y"] == "2020-01-01");
  CHECK(written["https://c.example/z"].is_null());
  CHECK(written.size() == 5);
}

TEST_CASE("dates evaluation refuses a gold file it cannot use") {
  test::TempDir dir;
  CHECK_FALSE(EvaluateDates(dir.path() / "absent.json", std::nullopt).ok());
  test::WriteFile(dir.path() / "bad.json", "[1, 2]");
  CHECK_FALSE(EvaluateDates(dir.path() / "bad.json", std::nullopt).ok());
  test::WriteFile(dir.path() / "nofile.json", R"({"u": {"date": "2020-01-01"}})");
  CHECK_FALSE(EvaluateDates(dir.path() / "nofile.json", std::nullopt).ok());
}

}  // namespace
}  // namespace vestige::eval
