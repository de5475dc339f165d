// Command line of vestige-index: Boost.Program_options into a plain struct (no I/O).
#ifndef VESTIGE_INDEXER_APP_OPTIONS_H_
#define VESTIGE_INDEXER_APP_OPTIONS_H_

#include <string>

#include "vestige/common/status.h"
#include "vestige/indexer/indexer.h"

namespace vestige::indexer::app {

struct CommandLine {
  IndexOptions index;    // what to index and how
  std::string command;   // "" (index) or "candidates" (list names not in the gazetteer)
  bool help = false;     // --help: print `usage` and exit 0
  bool version = false;  // --version: print the version and exit 0
  std::string usage;     // the option descriptions, for --help
};

// InvalidArgument, with the reason, for unknown options, bad values or a missing --collection.
common::Result<CommandLine> ParseCommandLine(int argc, const char* const* argv);

}  // namespace vestige::indexer::app

#endif  // VESTIGE_INDEXER_APP_OPTIONS_H_
