#include "options.h"

#include <boost/program_options.hpp>
#include <exception>
#include <sstream>

namespace vestige::crawler {

namespace po = boost::program_options;

common::Result<CommandLine> ParseCommandLine(int argc, const char* const* argv) {
  CommandLine cl;
  CrawlOptions& o = cl.options;
  po::options_description desc(
      "Usage: vestige-crawl --collection DIR --seed URL... [options]\n"
      "Archives websites into WARC/1.1 files. Options");
  // clang-format off
  desc.add_options()
      ("help", "print this help and exit")
      ("version", "print the version and exit")
      ("collection", po::value(&o.collection)->default_value(o.collection),
       "collection folder: WARC files in DIR/warc, state and log in DIR/crawl")
      ("seed", po::value(&o.seeds)->composing(),
       "URL to start from (repeatable); links are followed on its host and port only")
      ("seeds", po::value(&o.seeds_file), "file with more seed URLs, one per line, # comments")
      ("max-pages", po::value(&o.max_pages)->default_value(o.max_pages),
       "stop after fetching this many pages (robots.txt not counted)")
      ("resolve", po::value(&o.resolve)->composing(),
       "HOST:PORT:ADDRESS: connect to ADDRESS for HOST:PORT, as curl --resolve (repeatable)")
      ("user-agent", po::value(&o.user_agent)->default_value(o.user_agent),
       "User-Agent header; its product token selects the robots.txt group")
      ("delay", po::value(&o.delay_seconds)->default_value(o.delay_seconds),
       "seconds between two requests to the same host")
      ("ignore-robots", po::bool_switch(), "do not fetch or obey robots.txt (recorded in the WARC)");
  // clang-format on
  std::ostringstream usage;
  usage << desc;
  cl.usage = usage.str();
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
    cl.help = vm.count("help") != 0;
    cl.version = vm.count("version") != 0;
    o.obey_robots = !vm["ignore-robots"].as<bool>();
  } catch (const std::exception& e) {
    return common::Status::InvalidArgument(e.what());
  }
  if (cl.help || cl.version) return cl;
  common::Status valid = ValidateCrawlOptions(o);
  if (!valid.ok()) return valid;
  return cl;
}

}  // namespace vestige::crawler
