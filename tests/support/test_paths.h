// Paths the suites need: the source tree (for data/), the build tree (for binaries), ../shared (for
// corpora, optional), and fresh temporary folders that clean themselves up.
#ifndef VESTIGE_TESTS_SUPPORT_TEST_PATHS_H_
#define VESTIGE_TESTS_SUPPORT_TEST_PATHS_H_

#include <filesystem>
#include <string>

namespace vestige::test {

std::filesystem::path SourceDir();
std::filesystem::path BinaryDir();
// ../shared beside the checkout; empty when it is absent (tests that need it skip).
std::filesystem::path SharedDir();

// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Reads a whole file; throws std::runtime_error if it cannot.
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, const std::string& bytes);

}  // namespace vestige::test

#endif  // VESTIGE_TESTS_SUPPORT_TEST_PATHS_H_
