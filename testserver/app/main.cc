// vestige-testserver: serves a folder of virtual hosts on 127.0.0.1 until SIGINT or SIGTERM.
// Used by `make demo` and the end-to-end tests; see vestige/testserver/server.h for the rules.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "vestige/testserver/server.h"

namespace {

constexpr const char* kUsage =
    "usage: vestige-testserver --root DIR [--port N] [--port-file FILE] [--bind ADDRESS]\n"
    "                          [--latency-ms N]\n"
    "  --root DIR        folder whose subfolders are virtual hosts (DIR/<host>/...)\n"
    "  --port N          port to listen on (default 0: any free port)\n"
    "  --port-file FILE  write the bound port to FILE once listening\n"
    "  --bind ADDRESS    address to listen on (default 127.0.0.1)\n"
    "  --latency-ms N    wait N ms before every response (a network round trip, for benchmarks)\n";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "vestige-testserver: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

// Writes atomically: readers polling FILE never see a partial port number.
bool WritePortFile(const std::string& path, int port) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return false;
    out << port << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  vestige::testserver::ServerOptions options;
  std::string port_file;
  bool have_root = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (i + 1 >= argc) return Usage("missing value for " + arg);
    std::string value = argv[++i];
    if (arg == "--root") {
      options.root = value;
      have_root = true;
    } else if (arg == "--port") {
      char* end = nullptr;
      long port = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || port < 0 || port > 65535) {
        return Usage("bad port: " + value);
      }
      options.port = static_cast<int>(port);
    } else if (arg == "--port-file") {
      port_file = value;
    } else if (arg == "--bind") {
      options.bind_address = value;
    } else if (arg == "--latency-ms") {
      char* end = nullptr;
      long ms = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || ms < 0 || ms > 60000) {
        return Usage("bad latency: " + value);
      }
      options.latency_ms = static_cast<int>(ms);
    } else {
      return Usage("unknown argument: " + arg);
    }
  }
  if (!have_root) return Usage("--root is required");
  std::error_code ec;
  if (!std::filesystem::is_directory(options.root, ec)) {
    return Usage("not a folder: " + options.root);
  }

  // Block the signals before any thread starts, so that every thread inherits the mask and only
  // sigwait() below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  vestige::testserver::Server server;
  int port = server.Start(options);
  if (port == 0) {
    std::fprintf(stderr, "vestige-testserver: %s\n", server.error().c_str());
    return 1;
  }
  if (!port_file.empty() && !WritePortFile(port_file, port)) {
    std::fprintf(stderr, "vestige-testserver: cannot write %s\n", port_file.c_str());
    return 1;
  }
  std::fprintf(stderr, "vestige-testserver: serving %s on %s:%d\n", options.root.c_str(),
               options.bind_address.c_str(), port);
  int received = 0;
  sigwait(&signals, &received);
  server.Stop();
  return 0;
}
