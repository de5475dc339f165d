// vestige-index: parse the options, run the indexer, print a summary, map the result to an exit
// code (0 all fine, 1 some records were bad, 2 error).
#include <cstdio>
#include <iostream>

#include "options.h"
#include "vestige/indexer/entities.h"
#include "vestige/indexer/indexer.h"

int main(int argc, char** argv) {
  using vestige::indexer::app::ParseCommandLine;
  auto cl = ParseCommandLine(argc, argv);
  if (!cl.ok()) {
    std::fprintf(stderr, "vestige-index: %s\nTry 'vestige-index --help'.\n",
                 cl.status().message().c_str());
    return 2;
  }
  if (cl->help) {
    std::cout << cl->usage;
    return 0;
  }
  if (cl->version) {
    std::cout << "vestige-index " << VESTIGE_VERSION << "\n";
    return 0;
  }
  if (cl->command == "candidates") {
    auto names = vestige::indexer::ListCandidates(cl->index.collection_dir);
    if (!names.ok()) {
      std::fprintf(stderr, "vestige-index: %s\n", names.status().ToString().c_str());
      return 2;
    }
    std::cout << "documents\tmentions\tname\n";
    for (const auto& c : *names) {
      std::cout << c.documents << "\t" << c.occurrences << "\t" << c.name << "\n";
    }
    return 0;
  }
  vestige::indexer::StderrReporter reporter;
  auto stats = vestige::indexer::RunIndexer(cl->index, &reporter);
  if (!stats.ok()) {
    std::fprintf(stderr, "vestige-index: %s\n", stats.status().ToString().c_str());
    return 2;
  }
  std::cerr << vestige::indexer::FormatSummary(*stats);
  return stats->bad_records > 0 ? 1 : 0;
}
