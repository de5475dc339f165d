#include "options.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <exception>
#include <sstream>

namespace vestige::crawler {

namespace po = boost::program_options;

common::Result<CommandLine> ParseCommandLine(int argc, const char* const* argv) {
  CommandLine cl;
  CrawlOptions& o = cl.options;
  std::string recrawl_after = "7d";
  std::string warc_size = "1G";
  std::string max_body = "50M";
  po::options_description desc(
      "Usage: vestige-crawl --collection DIR --seed URL... [options]\n"
      "       vestige-crawl --collection DIR report [--run N] [--format text|json]\n"
      "       vestige-crawl --collection DIR verify\n"
      "Archives websites into WARC/1.1 files; a killed crawl resumes when run again. Options");
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
      ("concurrency", po::value(&o.concurrency)->default_value(o.concurrency),
       "hosts fetched at once (one connection per host, all on one thread)")
      ("ignore-robots", po::bool_switch(), "do not fetch or obey robots.txt (recorded in the WARC)")
      ("operator", po::value(&o.operator_name), "who runs the crawl, for the warcinfo records")
      ("recrawl-after", po::value(&recrawl_after)->default_value(recrawl_after),
       "re-fetch pages archived longer ago than this (90s, 15m, 12h, 7d); seeds every run")
      ("warc-size", po::value(&warc_size)->default_value(warc_size),
       "start a new WARC file at this size (bytes, or with k, M, G)")
      ("scope", po::value(&o.scope)->default_value(o.scope),
       "how far from a seed: host (same host:port), domain (and subdomains), prefix (URL path)")
      ("include", po::value(&o.include)->composing(),
       "regex: only discovered URLs matching one of these are followed (repeatable)")
      ("exclude", po::value(&o.exclude)->composing(),
       "regex: discovered URLs matching it are skipped (repeatable)")
      ("max-depth", po::value(&o.max_depth)->default_value(o.max_depth),
       "links followed from a seed at most; -1 for no limit")
      ("max-retries", po::value(&o.max_retries)->default_value(o.max_retries),
       "retries after a 429, a 5xx or a transport failure (backoff, Retry-After honoured)")
      ("max-body", po::value(&max_body)->default_value(max_body),
       "cut bodies larger than this (marked WARC-Truncated: length)")
      ("commit-every", po::value(&o.commit_every)->default_value(o.commit_every),
       "fetches between two commits of the crawl state (the WARC file is synced first)")
      ("run", po::value(&cl.report.run)->default_value(0), "report: the run (default: latest)")
      ("format", po::value(&cl.report.format)->default_value("text"), "report: text or json")
      ("command", po::value(&cl.command), "crawl (default), report or verify");
  // clang-format on
  po::positional_options_description positional;
  positional.add("command", 1);
  std::ostringstream usage;
  usage << desc;
  cl.usage = usage.str();
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(desc).positional(positional).run(), vm);
    po::notify(vm);
    cl.help = vm.count("help") != 0;
    cl.version = vm.count("version") != 0;
    o.obey_robots = !vm["ignore-robots"].as<bool>();
  } catch (const std::exception& e) {
    return common::Status::InvalidArgument(e.what());
  }
  if (cl.help || cl.version) return cl;
  cl.report.collection = o.collection;
  if (cl.command == "report" || cl.command == "verify") return cl;
  if (cl.command != "crawl") {
    return common::Status::InvalidArgument("unknown command '" + cl.command + "'");
  }
  common::Result<double> after = ParseDuration(recrawl_after);
  if (!after.ok()) return after.status().WithContext("--recrawl-after");
  o.recrawl_after_seconds = *after;
  common::Result<std::uint64_t> size = ParseSize(warc_size);
  if (!size.ok()) return size.status().WithContext("--warc-size");
  o.warc_max_file_bytes = *size;
  common::Result<std::uint64_t> body = ParseSize(max_body);
  if (!body.ok()) return body.status().WithContext("--max-body");
  o.max_body_bytes = *body;
  o.progress = ::isatty(STDERR_FILENO) == 1;
  common::Status valid = ValidateCrawlOptions(o);
  if (!valid.ok()) return valid;
  return cl;
}

}  // namespace vestige::crawler
