// vestige-eval entities --collection DIR --labels FILE: options, then the library
// (entities_eval.h).
#include <boost/program_options.hpp>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "commands.h"
#include "vestige/common/gazetteer.h"
#include "vestige/eval/entities_eval.h"
#include "vestige/indexer/indexer.h"

namespace vestige::eval {

namespace po = boost::program_options;

int EntitiesCommand(int argc, char** argv) {
  std::string collection;
  std::string labels_file;
  std::string persons_file = indexer::IndexOptions().persons_file;
  po::options_description desc(
      "Usage: vestige-eval entities --collection DIR --labels FILE [--persons FILE]\n"
      "Compares the person (XP) and crime-type (XC) facets of DIR/index with FILE, a JSON object\n"
      "{url: {persons: [ids or names], crimes: [ids]}}. URLs are matched without their port.\n"
      "Prints precision and recall per facet and the pages with mistakes.\n"
      "Exit status: 0 done, 2 bad options or input.\n\n"
      "Options");
  desc.add_options()("help,h", "print this help and exit")(
      "collection", po::value<std::string>(&collection)->value_name("DIR"),
      "an indexed collection (DIR/index)")(
      "labels", po::value<std::string>(&labels_file)->value_name("FILE"), "the labels JSON")(
      "persons", po::value<std::string>(&persons_file)->value_name("FILE"),
      "gazetteer used to resolve person names in the labels");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vestige-eval entities: %s\n", e.what());
    return 2;
  }
  if (vm.count("help") > 0) {
    std::cout << desc;
    return 0;
  }
  if (collection.empty() || labels_file.empty()) {
    std::fprintf(stderr, "vestige-eval entities: --collection and --labels are required\n");
    return 2;
  }
  auto gazetteer = common::Gazetteer::Load(persons_file);
  if (!gazetteer.ok()) {
    std::fprintf(stderr, "vestige-eval entities: %s\n", gazetteer.status().message().c_str());
    return 2;
  }
  std::ifstream in(labels_file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "vestige-eval entities: cannot read %s\n", labels_file.c_str());
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto labels = ParseEntityLabels(text.str(), gazetteer->get());
  if (!labels.ok()) {
    std::fprintf(stderr, "vestige-eval entities: %s: %s\n", labels_file.c_str(),
                 labels.status().message().c_str());
    return 2;
  }
  auto found = ReadIndexFacets(collection + "/index");
  if (!found.ok()) {
    std::fprintf(stderr, "vestige-eval entities: %s\n", found.status().message().c_str());
    return 2;
  }
  std::fputs(FormatEntitiesReport(ScoreEntities(*labels, *found)).c_str(), stdout);
  return 0;
}

}  // namespace vestige::eval
