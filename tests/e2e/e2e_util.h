// End-to-end test helpers: running the real factmine binary (captured, or as
// a child process that can be killed and whose resource use is measured)
// and inspecting the fact base it leaves with the sqlite3 C API.
//
// Header-only on purpose: CMakeLists.txt compiles tests/**/*_test.cc and
// tests/test_util.cc into the test binary and nothing else, so a separate
// e2e_util.cc would not be linked. Everything here is `inline`.
//
// Thread safety: each object is used by one thread; the free functions are
// reentrant.
// Lifetime: a ChildProcess owns its pid until Wait() reaps it (the
// destructor SIGKILLs and reaps a child still running); a FactBase owns its
// SQLite connection and closes it on destruction.
#ifndef FACTMINE_TESTS_E2E_E2E_UTIL_H_
#define FACTMINE_TESTS_E2E_E2E_UTIL_H_

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace factmine::testing {

inline int64_t MonotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One finished run of the factmine binary.
struct FactmineRun {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;     // stdout
  std::string err;     // stderr
  double seconds = 0;  // wall time
};

// Runs FactmineBinary() with `args` (argv[1..]) through RunCommand, stdin
// empty, and times it.
inline FactmineRun RunFactmine(const std::vector<std::string>& args) {
  std::vector<std::string> argv{FactmineBinary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  FactmineRun r;
  const int64_t start = MonotonicNs();
  r.exit_code = RunCommand(argv, &r.out, &r.err);
  r.seconds = static_cast<double>(MonotonicNs() - start) / 1e9;
  return r;
}

// The lines of `text` (without their '\n').
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The first line of `text` that starts with `prefix`, or "" if none does.
inline std::string LineStartingWith(const std::string& text,
                                    const std::string& prefix) {
  for (const std::string& line : Lines(text)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

// Quotes `s` as an SQL string literal.
inline std::string SqlQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

// A child process started with fork/exec; stdin is /dev/null and stdout and
// stderr go to files.
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      Wait();
    }
  }

  // Starts argv[0] with `argv`. Returns false (and sets *error) if a file
  // cannot be opened or fork fails; an exec failure shows as exit code 127
  // in Wait().
  bool Start(const std::vector<std::string>& argv,
             const std::filesystem::path& stdout_file,
             const std::filesystem::path& stderr_file, std::string* error) {
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int out = open(stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (in < 0 || out < 0 || err < 0) {
      *error = std::string("cannot open redirection files: ") + std::strerror(errno);
      for (int fd : {in, out, err}) {
        if (fd >= 0) close(fd);
      }
      return false;
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    start_ns_ = MonotonicNs();
    pid_t pid = fork();
    if (pid == 0) {
      dup2(in, 0);
      dup2(out, 1);
      dup2(err, 2);
      execv(args[0], args.data());
      _exit(127);
    }
    close(in);
    close(out);
    close(err);
    if (pid < 0) {
      *error = std::string("fork failed: ") + std::strerror(errno);
      return false;
    }
    pid_ = pid;
    reaped_ = false;
    return true;
  }

  pid_t pid() const { return pid_; }

  // True while the child has not exited (reaps it if it has).
  bool Running() {
    if (pid_ <= 0 || reaped_) return false;
    int status = 0;
    struct rusage usage {};
    pid_t r = wait4(pid_, &status, WNOHANG, &usage);
    if (r == pid_) {
      Reaped(status, usage);
      return false;
    }
    return r == 0;
  }

  // Sends `signal` to the child if it has not been reaped.
  void Kill(int signal) {
    if (pid_ > 0 && !reaped_) kill(pid_, signal);
  }

  // Waits for the child; returns its exit code (128 + signal when killed,
  // -1 if there is no child). Fills *usage (from wait4: ru_maxrss is the
  // child's peak RSS in KiB) and *seconds (wall time from Start to the
  // reaping) when not null.
  int Wait(struct rusage* usage = nullptr, double* seconds = nullptr) {
    if (pid_ <= 0) return -1;
    if (!reaped_) {
      int status = 0;
      struct rusage ru {};
      pid_t r;
      do {
        r = wait4(pid_, &status, 0, &ru);
      } while (r < 0 && errno == EINTR);
      if (r != pid_) return -1;
      Reaped(status, ru);
    }
    if (usage) *usage = usage_;
    if (seconds) *seconds = seconds_;
    if (WIFEXITED(status_)) return WEXITSTATUS(status_);
    if (WIFSIGNALED(status_)) return 128 + WTERMSIG(status_);
    return -1;
  }

 private:
  void Reaped(int status, const struct rusage& usage) {
    reaped_ = true;
    status_ = status;
    usage_ = usage;
    seconds_ = static_cast<double>(MonotonicNs() - start_ns_) / 1e9;
  }

  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  struct rusage usage_ {};
  int64_t start_ns_ = 0;
  double seconds_ = 0;
};

// An SQLite connection to a fact base for checks. Queries report SQLite
// errors through error() rather than failing the test themselves.
class FactBase {
 public:
  FactBase() = default;
  FactBase(const FactBase&) = delete;
  FactBase& operator=(const FactBase&) = delete;
  ~FactBase() { Close(); }

  // Opens an existing `path` read-only (a reader next to a running ingest:
  // WAL allows it) or read-write (after a crash: recovers the WAL as any
  // opener would). Returns false and sets error() when it cannot.
  bool Open(const std::filesystem::path& path, bool read_only) {
    Close();
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      error_ = db_ ? sqlite3_errmsg(db_) : "out of memory";
      Close();
      return false;
    }
    sqlite3_busy_timeout(db_, 5000);
    return true;
  }

  void Close() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
  }

  // Every row, each column as text; NULL reads as "<null>". On error:
  // no rows and error() says why.
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    error_.clear();
    if (!db_) {
      error_ = "not open";
      return rows;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db_);
      sqlite3_finalize(stmt);
      return rows;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* t = sqlite3_column_text(stmt, i);
        row.push_back(t ? std::string(reinterpret_cast<const char*>(t),
                                      static_cast<size_t>(sqlite3_column_bytes(stmt, i)))
                        : "<null>");
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return rows;
  }

  // First column of the first row as an integer; -1 on error (see
  // error()), 0 when there is no row.
  int64_t Int(const std::string& sql) {
    auto rows = Rows(sql);
    if (!error_.empty()) return -1;
    if (rows.empty() || rows[0].empty()) return 0;
    return std::stoll(rows[0][0]);
  }

  // First column of the first row as text ("<none>" when there is no row,
  // "<error: …>" on error).
  std::string Text(const std::string& sql) {
    auto rows = Rows(sql);
    if (!error_.empty()) return "<error: " + error_ + ">";
    if (rows.empty() || rows[0].empty()) return "<none>";
    return rows[0][0];
  }

  // Whether a table, view or virtual table of that name exists.
  bool HasTable(const std::string& name) {
    return Int("SELECT count(*) FROM sqlite_schema WHERE name = " + SqlQuote(name)) > 0;
  }

  sqlite3* handle() const { return db_; }
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

}  // namespace factmine::testing

#endif  // FACTMINE_TESTS_E2E_E2E_UTIL_H_
