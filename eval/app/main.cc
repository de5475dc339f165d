// vestige-eval: measures the indexer's extraction against ground truth.
//   vestige-eval extract --aeb DIR [--dump OUT]
//   vestige-eval dates --gold FILE [--dump OUT.json]
//   vestige-eval entities --collection DIR --labels FILE
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"

namespace {

constexpr char kUsage[] =
    "usage: vestige-eval COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  extract   main-text extraction against a benchmark folder (html/<id>.html.gz, "
    "ground-truth.json)\n"
    "  dates     publication dates against a gold.json of {url: {file, date}}\n"
    "  entities  person and crime-type facets of an indexed collection against labels\n"
    "\n"
    "Run 'vestige-eval COMMAND --help' for the options of a command.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "--version") {
    std::printf("vestige-eval %s\n", VESTIGE_VERSION);
    return 0;
  }
  if (command == "extract") return vestige::eval::ExtractCommand(argc - 1, argv + 1);
  if (command == "dates") return vestige::eval::DatesCommand(argc - 1, argv + 1);
  if (command == "entities") return vestige::eval::EntitiesCommand(argc - 1, argv + 1);
  std::fprintf(stderr, "vestige-eval: unknown command '%s'\n%s", command.c_str(), kUsage);
  return 2;
}
