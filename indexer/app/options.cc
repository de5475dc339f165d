// Boost.Program_options for vestige-index; its exceptions stop here. See options.h.
#include "options.h"

#include <boost/program_options.hpp>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>

#include "vestige/common/schema.h"

namespace vestige::indexer::app {

namespace po = boost::program_options;

common::Result<CommandLine> ParseCommandLine(int argc, const char* const* argv) {
  CommandLine cl;
  const IndexOptions defaults;
  po::options_description desc(
      "Usage: vestige-index --collection DIR [--threads N] [--shards N] [--batch N]\n"
      "                     [--persons FILE] [--crimes FILE]\n"
      "       vestige-index --collection DIR candidates\n"
      "Indexes the WARC files of DIR/warc/ into the Xapian index DIR/index/, resuming where the\n"
      "last run stopped. Exit status: 0 all fine, 1 done but some records were bad, 2 error.\n\n"
      "Options");
  std::uint64_t batch = defaults.batch_size;
  unsigned threads = defaults.threads;
  unsigned shards = defaults.shards;
  desc.add_options()("help,h", "print this help and exit")("version", "print the version and exit")(
      "collection,c", po::value<std::string>(&cl.index.collection_dir)->value_name("DIR"),
      "the collection folder (with warc/ from vestige-crawl); the index goes to DIR/index/")(
      "threads,j", po::value<unsigned>(&threads)->value_name("N"),
      "worker threads that parse, extract and detect (default: one per core); the index is the "
      "same whatever N")(
      "shards", po::value<unsigned>(&shards)->value_name("N"),
      ("Xapian databases a new index is split into, each written by its own thread and "
       "searched as one (default: " +
       std::to_string(kDefaultShards) +
       "; 1: DIR/index is one database); an existing index "
       "keeps its count")
          .c_str())(
      "batch", po::value<std::uint64_t>(&batch)->value_name("N")->default_value(batch),
      "documents per commit of each shard: larger is faster, smaller loses less work to a "
      "kill")("persons", po::value<std::string>(&cl.index.persons_file)->value_name("FILE"),
              "person gazetteer TSV (default: the project's data/persons.tsv)")(
      "crimes", po::value<std::string>(&cl.index.crimes_file)->value_name("FILE"),
      "crime-type taxonomy TSV (default: the project's data/crime_types.tsv)")(
      "command", po::value<std::string>(&cl.command)->value_name("COMMAND"),
      "'candidates': list the names not in the gazetteer found in DIR/index, with counts");
  po::positional_options_description positional;
  positional.add("command", 1);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(desc).positional(positional).run(), vm);
    po::notify(vm);
    std::ostringstream usage;
    usage << desc;
    cl.usage = usage.str();
    cl.help = vm.count("help") > 0;
    cl.version = vm.count("version") > 0;
  } catch (const std::exception& e) {
    return common::Status::InvalidArgument(e.what());
  }
  if (cl.help || cl.version) return cl;
  if (cl.index.collection_dir.empty())
    return common::Status::InvalidArgument("--collection is required");
  if (!cl.command.empty() && cl.command != "candidates") {
    return common::Status::InvalidArgument("unknown command \"" + cl.command + "\"");
  }
  if (batch == 0) return common::Status::InvalidArgument("--batch must be at least 1");
  cl.index.batch_size = batch;
  cl.index.threads = threads;
  if (shards > common::schema::kMaxShards) {
    return common::Status::InvalidArgument("--shards must be 1 to " +
                                           std::to_string(common::schema::kMaxShards));
  }
  cl.index.shards = shards;
  return cl;
}

}  // namespace vestige::indexer::app
