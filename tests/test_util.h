// Helpers shared by the tests: where the source tree, the lexicon, the
// factmine binary and ../shared live, and scratch directories.
#ifndef FACTMINE_TESTS_TEST_UTIL_H_
#define FACTMINE_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <string>
#include <vector>

namespace factmine::testing {

// The repository root (where CMakeLists.txt is).
std::filesystem::path SourceDir();
// lexicon/ of the repository.
std::filesystem::path LexiconDir();
// The built factmine executable.
std::filesystem::path FactmineBinary();
// ../shared/corpus/seeds next to the repository, or "" if absent.
std::filesystem::path SeedsDir();
// A fresh empty directory under the system temp dir, removed by the caller
// (or left for inspection when a test fails).
std::filesystem::path MakeTempDir(const std::string& prefix);
// Whole file as bytes. Empty on error.
std::string ReadFile(const std::filesystem::path& p);
void WriteFile(const std::filesystem::path& p, const std::string& bytes);

// Runs `argv` (argv[0] is the program) with stdout/stderr captured;
// returns the exit code (or 128+signal). `input` is fed to stdin.
int RunCommand(const std::vector<std::string>& argv, std::string* out,
               std::string* err, const std::string& input = "");

}  // namespace factmine::testing

#endif  // FACTMINE_TESTS_TEST_UTIL_H_
