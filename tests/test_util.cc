// Test helpers (see test_util.h).
#include "test_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

namespace factmine::testing {

namespace fs = std::filesystem;

fs::path SourceDir() { return fs::path(FACTMINE_SOURCE_DIR); }
fs::path LexiconDir() { return SourceDir() / "lexicon"; }
fs::path FactmineBinary() { return fs::path(FACTMINE_BINARY); }

fs::path SeedsDir() {
  fs::path p = SourceDir().parent_path() / "shared" / "corpus" / "seeds";
  std::error_code ec;
  return fs::is_directory(p, ec) ? p : fs::path();
}

fs::path MakeTempDir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  fs::path p = fs::temp_directory_path() /
               (prefix + "-" + std::to_string(getpid()) + "-" +
                std::to_string(counter++) + "-" + std::to_string(rd() % 100000));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

int RunCommand(const std::vector<std::string>& argv, std::string* out,
               std::string* err, const std::string& input) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0],
                   err_pipe[1]}) {
      close(fd);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::thread writer([&] {
    size_t off = 0;
    while (off < input.size()) {
      ssize_t n = write(in_pipe[1], input.data() + off, input.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    close(in_pipe[1]);
  });
  auto drain = [](int fd, std::string* sink) {
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
      if (sink) sink->append(buf, static_cast<size_t>(n));
    }
    close(fd);
  };
  std::thread err_reader(drain, err_pipe[0], err);
  drain(out_pipe[0], out);
  err_reader.join();
  writer.join();
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace factmine::testing
