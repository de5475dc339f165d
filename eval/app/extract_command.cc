// vestige-eval extract --aeb DIR [--dump OUT]: options, then the library (extract_eval.h).
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "commands.h"
#include "vestige/eval/extract_eval.h"

namespace vestige::eval {

int ExtractCommand(int argc, char** argv) {
  namespace po = boost::program_options;
  ExtractEvalOptions options;
  std::string aeb, dump;
  po::options_description desc(
      "usage: vestige-eval extract --aeb DIR [--dump OUT]\n"
      "Scores main-text extraction on a folder holding ground-truth.json ({id: {articleBody}})\n"
      "and html/<id>.html.gz, with the Article Extraction Benchmark's metric.\n\nOptions");
  desc.add_options()("help,h", "show this help")("aeb", po::value<std::string>(&aeb),
                                                 "the benchmark folder (required)")(
      "dump", po::value<std::string>(&dump),
      "write the extracted text of each page to OUT/<id>.txt");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vestige-eval extract: %s\n", e.what());
    return 2;
  }
  if (vm.count("help") != 0) {
    std::cout << desc << '\n';
    return 0;
  }
  if (aeb.empty()) {
    std::cerr << "vestige-eval extract: --aeb DIR is required\n" << desc << '\n';
    return 2;
  }
  options.aeb_dir = aeb;
  options.dump_dir = dump;
  common::Result<ExtractEvalReport> report = RunExtractEval(options);
  if (!report.ok()) {
    std::fprintf(stderr, "vestige-eval extract: %s\n", report.status().ToString().c_str());
    return 2;
  }
  const ExtractEvalReport& r = *report;
  for (const std::string& message : r.failure_messages)
    std::fprintf(stderr, "failed: %s\n", message.c_str());
  const double mb = static_cast<double>(r.html_bytes) / 1e6;
  const auto parsed = static_cast<double>(r.pages - r.failures);
  std::printf("pages      %zu\nfailures   %zu\n", r.pages, r.failures);
  std::printf("precision  %.4f\nrecall     %.4f\nF1         %.4f\n", r.scores.precision,
              r.scores.recall, r.scores.f1);
  if (r.extract_seconds > 0)
    std::printf("extract    %.1f pages/s  %.2f MB/s  (parse + extraction, %.2f MB in %.3f s)\n",
                parsed / r.extract_seconds, mb / r.extract_seconds, mb, r.extract_seconds);
  if (r.parse_seconds > 0)
    std::printf("gumbo      %.1f pages/s  %.2f MB/s  (bare ParseHtml on the same pages)\n",
                parsed / r.parse_seconds, mb / r.parse_seconds);
  return r.failures == 0 ? 0 : 1;
}

}  // namespace vestige::eval
