// The doctest main shared by every suite. It adds one rule to doctest's defaults: a test case that
// makes no assertion fails, so that no test can pass by doing nothing (STYLE.md, 14).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

namespace {

struct NoAssertionsListener : doctest::IReporter {
  explicit NoAssertionsListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData& tc) override { current_ = &tc; }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats& stats) override {
    if (stats.numAssertsCurrentTest == 0 && !stats.testCaseSuccess) return;
    if (stats.numAssertsCurrentTest == 0) {
      std::fprintf(stderr, "error: test case '%s' (%s:%d) made no assertion\n", current_->m_name,
                   current_->m_file.c_str(), current_->m_line);
      ++failures;
    }
  }
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}

  static inline int failures = 0;
  const doctest::TestCaseData* current_ = nullptr;
};

}  // namespace

DOCTEST_REGISTER_LISTENER("no-assertions", 1, NoAssertionsListener);

int main(int argc, char** argv) {
  doctest::Context context;
  context.applyCommandLine(argc, argv);
  int rc = context.run();
  if (context.shouldExit()) return rc;
  if (NoAssertionsListener::failures > 0) {
    std::fprintf(stderr, "%d test case(s) made no assertion\n", NoAssertionsListener::failures);
    return rc != 0 ? rc : 1;
  }
  return rc;
}
