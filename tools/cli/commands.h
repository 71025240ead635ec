// The factmine subcommands. Each Register* function adds one subcommand to
// the CLI11 app and arranges for *run to be set to its action, which returns
// the process exit code (0 success, 1 partial failure, 2 usage error).
#ifndef FACTMINE_TOOLS_CLI_COMMANDS_H_
#define FACTMINE_TOOLS_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace factmine::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string db = "factmine.db";
  std::string lexicon;  // "" = default (see Context::ResolveLexiconDir)
};

using Action = std::function<int()>;

void RegisterIngest(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterStats(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterSearch(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterExport(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterFacts(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterExplain(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterArticles(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterExtract(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterSegment(CLI::App& app, GlobalOptions& g, Action* run);
void RegisterBench(CLI::App& app, GlobalOptions& g, Action* run, const std::string& self);

// Exit codes (SPEC §5).
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 1;
inline constexpr int kExitUsage = 2;

// Prints "factmine: <message>" to stderr and returns kExitPartial.
int Fail(const std::string& message);

// Writes all of `chunk` to standard output (file descriptor 1, unbuffered),
// retrying short writes; an IoError names the failure (e.g. a closed pipe).
Status WriteStdout(std::string_view chunk);

}  // namespace factmine::cli

#endif  // FACTMINE_TOOLS_CLI_COMMANDS_H_
