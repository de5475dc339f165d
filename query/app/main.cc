// vestige-query: search a collection's index and print ranked hits; show one document; export the
// WARC records of one capture. Exit status: 0 with hits, 1 with none, 2 on error (one line on
// stderr).
#include <cstdio>
#include <string>

#include "commands.h"
#include "options.h"
#include "vestige/common/status.h"

int main(int argc, char** argv) {
  using namespace vestige::query;
  vestige::common::Result<Options> options = ParseOptions(argc, argv);
  if (!options.ok()) {
    std::fprintf(stderr, "vestige-query: %s\n", options.status().message().c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(options->help_text.c_str(), stdout);
    return 0;
  }
  if (options->version) {
    std::printf("vestige-query %s\n", VESTIGE_VERSION);
    return 0;
  }
  switch (options->command) {
    case Command::kShow:
      return RunShow(*options);
    case Command::kRecord:
      return RunRecord(*options);
    case Command::kSearch:
      break;
  }
  return RunSearch(*options);
}
