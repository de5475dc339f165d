// Runs a program for a test: argv in, exit code and captured output out, with a hard time limit so
// that a hung child fails the test instead of hanging it. Also a background child for servers.
#ifndef VESTIGE_TESTS_SUPPORT_PROCESS_H_
#define VESTIGE_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace vestige::test {

struct ProcessResult {
  int exit_code = -1;  // the exit status; 128+N when killed by signal N; -1 if it could not start
  bool timed_out = false;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs argv[0] (a path) with the arguments, standard input from /dev/null. Kills it after
// `timeout_seconds` and reports timed_out.
ProcessResult RunProcess(const std::vector<std::string>& argv, int timeout_seconds = 120);

// A child that runs until the object dies (SIGTERM, then SIGKILL after 5 s).
class BackgroundProcess {
 public:
  // Output goes to `log_file`.
  BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_file);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;
  pid_t pid() const { return pid_; }
  bool running() const;
  // Sends a signal; returns the exit status (as ProcessResult::exit_code) after waiting.
  int Kill(int signal);

 private:
  pid_t pid_ = -1;
  mutable bool reaped_ = false;
};

// Waits (bounded) until `path` exists and is non-empty; returns its contents, or "" on timeout.
std::string WaitForFile(const std::filesystem::path& path, int timeout_ms);

}  // namespace vestige::test

#endif  // VESTIGE_TESTS_SUPPORT_PROCESS_H_
