// factmine bench INPUT... : whole-process ingest (or extract) benchmark.
//
// Runs `factmine ingest` on the input N times, each in a fresh child process
// with a fresh database in a temporary directory, and reports the median
// wall time, throughput and peak resident memory (from wait4's rusage) —
// what a user would see, start-up and storage included. With --command
// extract it runs `factmine extract INPUT > /dev/null` instead (no
// database).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "pipeline/context.h"
#include "pipeline/fact_store.h"
#include "tools/cli/commands.h"

namespace factmine::cli {

namespace {

namespace fs = std::filesystem;

struct BenchArgs {
  std::vector<std::string> inputs;
  int runs = 5;
  int threads = 0;
  int repeat = 1;
  bool keep = false;
  bool no_tokens = false;
  bool profile = false;
  std::string command = "ingest";  // or "extract"
};

struct RunResult {
  double seconds = 0;
  long max_rss_kb = 0;
  int exit_code = 0;
};

RunResult RunChild(const std::string& self, const std::vector<std::string>& argv) {
  RunResult r;
  std::fflush(stdout);  // or the child's freopen flushes our buffer again
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (FILE* f = std::freopen("/dev/null", "w", stdout); f == nullptr) _exit(126);
    execv(self.c_str(), args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kb = ru.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// Writes `k` copies of the JSONL inputs to `out`, each copy's articles made
// distinct (id and title suffixed), so every copy is analyzed and stored.
Status WriteRepeated(const std::vector<std::string>& inputs, int k, const fs::path& out) {
  std::ofstream o(out, std::ios::binary);
  for (int copy = 0; copy < k; ++copy) {
    for (const auto& in : inputs) {
      std::ifstream f(in, std::ios::binary);
      if (!f) return Status::NotFound(in + ": cannot open");
      std::string line;
      while (std::getline(f, line)) {
        if (line.empty()) continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
          return Status::InvalidInput(in + ": --repeat needs JSONL input");
        }
        if (copy > 0) {
          std::string suffix = " #" + std::to_string(copy);
          if (j.contains("id")) j["id"] = j["id"].dump() + suffix;
          j["title"] = j.value("title", std::string()) + suffix;
        }
        o << j.dump() << '\n';
      }
    }
  }
  return o ? Status::Ok() : Status::IoError(out.string() + ": write failed");
}

int RunBench(const GlobalOptions& g, const BenchArgs& a, const std::string& self) {
  // A run whose lexicon does not load exits 1 like a batch with rejects
  // does; load it here first so such a run is an error, not a fast run.
  if (auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon)); !ctx.ok()) {
    return Fail(ctx.status().ToString());
  }
  fs::path dir = fs::temp_directory_path() / ("factmine-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::vector<std::string> inputs = a.inputs;
  if (a.repeat > 1) {
    fs::path rep = dir / "repeated.jsonl";
    if (Status s = WriteRepeated(a.inputs, a.repeat, rep); !s.ok()) return Fail(s.ToString());
    inputs = {rep.string()};
  }
  uint64_t bytes = 0;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      for (auto& e : fs::recursive_directory_iterator(in)) {
        if (e.is_regular_file()) bytes += e.file_size();
      }
    } else {
      auto sz = fs::file_size(in, ec);
      if (ec) return Fail(in + ": " + ec.message());
      bytes += sz;
    }
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::vector<RunResult> results;
  int64_t articles = -1, rejected = -1;
  const bool extract = a.command == "extract";
  std::printf("command: %s; input: %.2f MB in %zu path(s)%s; threads: %s; runs: %d\n",
              a.command.c_str(), mb, inputs.size(),
              a.repeat > 1 ? (" (x" + std::to_string(a.repeat) + ")").c_str() : "",
              a.threads ? std::to_string(a.threads).c_str() : "all", a.runs);
  for (int i = 0; i < a.runs; ++i) {
    fs::path db = dir / ("run" + std::to_string(i) + ".db");
    std::vector<std::string> argv = {"factmine"};
    if (!g.lexicon.empty()) argv.insert(argv.end(), {"--lexicon", g.lexicon});
    if (extract) {
      argv.insert(argv.end(), {"extract", "--quiet", "--threads", std::to_string(a.threads)});
    } else {
      argv.insert(argv.end(), {"ingest", "--quiet", "--db", db.string(), "--threads",
                               std::to_string(a.threads)});
      if (a.no_tokens) argv.push_back("--no-tokens");
      if (a.profile) argv.push_back("--profile");
    }
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    RunResult r = RunChild(self, argv);
    if (r.exit_code > 1) {
      return Fail(a.command + " run failed with exit code " + std::to_string(r.exit_code));
    }
    if (!extract && articles < 0) {
      auto store = FactStore::Open(db.string(), FactStore::Mode::kReadOnly);
      if (store.ok()) {
        auto count = [&](const char* sql) -> int64_t {
          sqlite3_stmt* st = nullptr;
          int64_t n = -1;
          if (sqlite3_prepare_v2(store.value()->handle(), sql, -1, &st, nullptr) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW) {
            n = sqlite3_column_int64(st, 0);
          }
          sqlite3_finalize(st);
          return n;
        };
        articles = count("SELECT count(*) FROM documents");
        rejected = count("SELECT count(*) FROM rejects");
      }
      if (articles < 0) {
        return Fail("ingest run " + std::to_string(i + 1) + " left no fact base (exit code " +
                    std::to_string(r.exit_code) + "); see its messages above");
      }
    }
    if (!a.keep) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
    }
    std::printf("  run %d: %.3f s  %.2f MB/s  peak RSS %.1f MB\n", i + 1, r.seconds,
                mb / r.seconds, static_cast<double>(r.max_rss_kb) / 1024.0);
    std::fflush(stdout);
    results.push_back(r);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  std::vector<double> secs, rss;
  for (const auto& r : results) {
    secs.push_back(r.seconds);
    rss.push_back(static_cast<double>(r.max_rss_kb) / 1024.0);
  }
  double ms = median(secs);
  if (extract) {
    std::printf("median of %d: %.3f s wall, %.2f MB/s, peak RSS %.1f MB; %.2f MB input\n",
                a.runs, ms, mb / ms, median(rss), mb);
  } else {
    std::printf(
        "median of %d: %.3f s wall, %.2f MB/s, peak RSS %.1f MB; %.2f MB input, %lld articles "
        "stored, %lld rejected\n",
        a.runs, ms, mb / ms, median(rss), mb, static_cast<long long>(articles),
        static_cast<long long>(rejected));
  }
  if (!a.keep) fs::remove_all(dir);
  else std::printf("databases kept in %s\n", dir.c_str());
  return kExitOk;
}

}  // namespace

void RegisterBench(CLI::App& app, GlobalOptions& g, Action* run, const std::string& self) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* sub = app.add_subcommand(
      "bench",
      "Benchmark a whole-process ingest: runs 'factmine ingest' on INPUT in a fresh child\n"
      "process with a fresh database, --runs times, and prints input MB, articles, wall\n"
      "seconds, MB/s and peak RSS of each run and their medians. With --command extract,\n"
      "runs 'factmine extract INPUT > /dev/null' instead (no database).");
  sub->fallthrough();
  sub->add_option("inputs", args->inputs, "Input files or directories")->required();
  sub->add_option("--runs,-n", args->runs, "Number of runs. Default: 5")->check(CLI::Range(1, 100));
  sub->add_option("--threads,-j", args->threads, "Worker threads. Default: all cores")
      ->check(CLI::Range(0, 1024));
  sub->add_option("--repeat", args->repeat,
                  "Ingest K distinct copies of the (JSONL) input in one run, to show that\n"
                  "memory does not grow with the batch. Default: 1")
      ->check(CLI::Range(1, 1000));
  sub->add_option("--command", args->command,
                  "What to run: ingest (into a fresh database) or extract (to /dev/null).\n"
                  "Default: ingest")
      ->check(CLI::IsMember({"ingest", "extract"}));
  sub->add_flag("--keep", args->keep, "Keep the databases");
  sub->add_flag("--no-tokens", args->no_tokens, "Skip Chinese word segmentation");
  sub->add_flag("--profile", args->profile,
                "Each ingest prints where its time went (ingest --profile) to stderr");
  sub->callback([&g, args, run, self] {
    *run = [&g, args, self] { return RunBench(g, *args, self); };
  });
}

}  // namespace factmine::cli
