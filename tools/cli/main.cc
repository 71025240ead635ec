// factmine: mine facts from bilingual Chinese/English news batches.
// Entry point: parses the command line and dispatches to a subcommand.
#include <unistd.h>

#include <climits>
#include <iostream>

#include "tools/cli/commands.h"

namespace factmine::cli {

int Fail(const std::string& message) {
  std::cerr << "factmine: " << message << "\n";
  return kExitPartial;
}

}  // namespace factmine::cli

namespace {

std::string SelfPath(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  return argv0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace factmine::cli;
  CLI::App app{
      "factmine " FACTMINE_VERSION
      " - mine facts from batches of bilingual Chinese/English news.\n\n"
      "Typical use:\n"
      "  factmine ingest corpus/            # read a batch into factmine.db\n"
      "  factmine stats                     # what is stored\n"
      "  factmine articles                  # the stored articles\n"
      "  factmine search 稀土               # full-text search, both languages\n"
      "  factmine facts --entity 俄罗斯     # the claims about an entity\n"
      "  factmine explain '俄罗斯稀土储量约2850万吨'  # what each stage found, and by which rule\n"
      "  factmine explain '俄罗斯稀土储量约2850万吨'  # what each stage finds, and why\n"
      "  factmine export sentences --format csv -o sentences.csv\n",
      "factmine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("factmine ") + FACTMINE_VERSION);
  app.footer("Exit codes: 0 success, 1 partial failure (some input rejected or an operation failed), 2 usage error.\n"
             "Run 'factmine COMMAND --help' for a command's options.");
  GlobalOptions global;
  app.add_option("--db", global.db, "Fact base file (SQLite). Default: factmine.db")
      ->capture_default_str();
  app.add_option("--lexicon", global.lexicon,
                 "Lexicon directory. Default: $FACTMINE_LEXICON, else the source tree's lexicon/");

  Action run;
  RegisterIngest(app, global, &run);
  RegisterStats(app, global, &run);
  RegisterArticles(app, global, &run);
  RegisterSearch(app, global, &run);
  RegisterExport(app, global, &run);
  RegisterFacts(app, global, &run);
  RegisterExplain(app, global, &run);
  RegisterExtract(app, global, &run);
  RegisterSegment(app, global, &run);
  RegisterBench(app, global, &run, SelfPath(argv[0]));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (!run) return kExitUsage;
  return run();
}
