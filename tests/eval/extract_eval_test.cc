// The Article Extraction Benchmark metric on hand-made inputs whose scores are known exactly, and
// an end-to-end run of RunExtractEval over a tiny benchmark-shaped folder written here.
#include "vestige/eval/extract_eval.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_paths.h"
#include "vestige/common/http.h"

namespace vestige::eval {
namespace {

TEST_CASE("WordTokens splits like Python's \\w+") {
  struct Row {
    std::string text;
    std::vector<std::string> tokens;
  };
  const std::vector<Row> rows = {
      {"", {}},
      {"Hello, world!", {"Hello", "world"}},
      {"snake_case and 2024-05-01", {"snake_case", "and", "2024", "05", "01"}},
      {"Алесь Бяляцкі — ў турме", {"Алесь", "Бяляцкі", "ў", "турме"}},
      {"don’t", {"don", "t"}},             // U+2019 is punctuation
      {"½ price ²", {"½", "price", "²"}},  // No (other numbers) are word characters
      {"a\xff"
       "b",
       {"a", "b"}},  // an invalid byte separates tokens
      {"  \n\t ", {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(WordTokens(row.text) == row.tokens);
  }
}

TEST_CASE("MatchShingles counts 4-token shingles as multisets, normalised per document") {
  // Identical texts: all shingles true positives.
  ShingleCounts same = MatchShingles("a b c d e", "a b c d e");
  CHECK(same.tp == doctest::Approx(1.0));
  CHECK(same.fp == 0.0);
  CHECK(same.fn == 0.0);
  // Truth "a b c d e" has shingles abcd, bcde; prediction "a b c d" has abcd: tp 1, fn 1.
  ShingleCounts half = MatchShingles("a b c d e", "a b c d");
  CHECK(half.tp == doctest::Approx(0.5));
  CHECK(half.fn == doctest::Approx(0.5));
  CHECK(half.fp == 0.0);
  // Prediction with extra text: truth abcd; prediction abcd, bcdx, cdxy: tp 1, fp 2.
  ShingleCounts extra = MatchShingles("a b c d", "a b c d x y");
  CHECK(extra.tp == doctest::Approx(1.0 / 3));
  CHECK(extra.fp == doctest::Approx(2.0 / 3));
  // Fewer than four tokens make one shingle of all of them.
  CHECK(MatchShingles("a b", "a b").tp == doctest::Approx(1.0));
  CHECK(MatchShingles("a b", "a b c").tp == 0.0);
  // Multisets: a repeated shingle counts as often as it occurs.
  ShingleCounts twice = MatchShingles("a b c d", "a b c d. a b c d");
  // prediction: abcd, bcda, cdab, dabc, abcd -> tp 1, fp 4
  CHECK(twice.tp == doctest::Approx(0.2));
  CHECK(twice.fp == doctest::Approx(0.8));
  // Both empty: nothing to count.
  ShingleCounts none = MatchShingles("", "...");
  CHECK(none.tp + none.fp + none.fn == 0.0);
}

TEST_CASE("ScoreDocuments averages per document like evaluate.py") {
  CHECK(ScoreDocuments({}).f1 == 0.0);
  // Document 1: tp .5 fn .5 -> P 1, R .5. Document 2: tp .25 fp .75 -> P .25, R 1.
  // Document 3: only fn (nothing extracted) -> no precision, R 0.
  // Document 4: nothing on either side -> in neither mean.
  const std::vector<ShingleCounts> docs = {
      {0.5, 0.0, 0.5}, {0.25, 0.75, 0.0}, {0.0, 0.0, 1.0}, {0.0, 0.0, 0.0}};
  const Scores s = ScoreDocuments(docs);
  CHECK(s.precision == doctest::Approx((1.0 + 0.25) / 2));
  CHECK(s.recall == doctest::Approx((0.5 + 1.0 + 0.0) / 3));
  CHECK(s.f1 == doctest::Approx(2 * s.precision * s.recall / (s.precision + s.recall)));
}

// A gzip member holding `data` in stored (uncompressed) deflate blocks: no compressor is public
// in common, and this is enough for the reader, which must accept any valid member.
std::string GzipStored(const std::string& data) {
  // RFC 1952 header, then a raw deflate stream of stored blocks, CRC-32 and size.
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(65535, data.size() - pos);
    const bool last = pos + n == data.size();
    out.push_back(last ? '\x01' : '\x00');
    out.push_back(static_cast<char>(n & 0xff));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(~n & 0xff));
    out.push_back(static_cast<char>((~n >> 8) & 0xff));
    out.append(data, pos, n);
    pos += n;
  } while (pos < data.size());
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  crc ^= 0xffffffffu;
  const auto size = static_cast<std::uint32_t>(data.size());
  for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((crc >> (8 * k)) & 0xff));
  for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((size >> (8 * k)) & 0xff));
  return out;
}

TEST_CASE("RunExtractEval scores a benchmark-shaped folder and dumps the text") {
  test::TempDir dir;
  const std::string body =
      "The court in Minsk sentenced the human rights defender to ten years, and his lawyers "
      "said that they would appeal the verdict, which they called political.";
  const std::string page =
      "<html><body><nav><a href=\"/\">Home</a> <a href=\"/x\">Menu item</a>"
      "</nav><article><h1>Verdict</h1><p>" +
      body + "</p></article><footer>Copyright</footer></body></html>";
  std::filesystem::create_directories(dir.path() / "html");
  test::WriteFile(dir.path() / "html" / "page1.html.gz", GzipStored(page));
  REQUIRE(common::DecodeContentEncoding(GzipStored(page), "gzip").ok());
  test::WriteFile(dir.path() / "html" / "page2.html", "<p>Plain file, not gzipped, a b c d.</p>");
  test::WriteFile(dir.path() / "ground-truth.json",
                  "{\"page1\": {\"articleBody\": \"" + body +
                      "\", \"url\": \"http://x/\"},"
                      " \"page2\": {\"articleBody\": \"Plain file, not gzipped, a b c d.\"},"
                      " \"missing\": {\"articleBody\": \"one two three four five\"}}");
  ExtractEvalOptions options;
  options.aeb_dir = dir.path();
  options.dump_dir = dir.path() / "dump";
  common::Result<ExtractEvalReport> report = RunExtractEval(options);
  REQUIRE(report.ok());
  CHECK(report->pages == 3);
  CHECK(report->failures == 1);  // "missing" has no html file
  REQUIRE(report->failure_messages.size() == 1);
  CHECK(report->failure_messages[0].rfind("missing: ", 0) == 0);
  // page1 and page2 exact (P 1, R 1); missing: R 0 and no precision.
  CHECK(report->scores.precision == doctest::Approx(1.0));
  CHECK(report->scores.recall == doctest::Approx(2.0 / 3));
  CHECK(report->html_bytes == page.size() + 40);
  CHECK(test::ReadFile(dir.path() / "dump" / "page1.txt") == body + "\n");
  CHECK(test::ReadFile(dir.path() / "dump" / "missing.txt") == "\n");

  SUBCASE("a folder without ground-truth.json is an error") {
    ExtractEvalOptions bad;
    bad.aeb_dir = dir.path() / "html";
    CHECK(RunExtractEval(bad).status().code() == common::Status::Code::kNotFound);
  }
  SUBCASE("ground truth that is not a JSON object is corrupt") {
    test::WriteFile(dir.path() / "ground-truth.json", "[1, 2");
    ExtractEvalOptions bad;
    bad.aeb_dir = dir.path();
    CHECK(RunExtractEval(bad).status().code() == common::Status::Code::kCorruption);
  }
}

}  // namespace
}  // namespace vestige::eval
