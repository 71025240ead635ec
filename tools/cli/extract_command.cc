// factmine extract [PATH...] : the streaming, database-free stage (SPEC §5).
// Articles in (files and directories, or JSONL on stdin), one JSON line of
// quantities, dates and entities per article out on stdout, in input order.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/extract_run.h"
#include "tools/cli/commands.h"

namespace factmine::cli {

namespace {

struct ExtractArgs {
  std::vector<std::string> paths;
  std::string format = "auto";
  int threads = 0;
  bool quiet = false;
  std::string layer = "quantities";
  bool unit_mentions = false;
  std::string dimensions;  // comma-separated
};

void DrawProgress(const ExtractProgress& p) {
  const double mb = static_cast<double>(p.bytes_read) / 1e6;
  const double mbs = p.seconds > 0 ? mb / p.seconds : 0;
  if (p.total_bytes > 0) {
    double frac = std::min(1.0, static_cast<double>(p.bytes_read) /
                                    static_cast<double>(p.total_bytes));
    std::fprintf(stderr, "\r%3.0f%%  %lld articles  %.2f/%.2f MB  %.1f MB/s ", frac * 100,
                 static_cast<long long>(p.articles), mb,
                 static_cast<double>(p.total_bytes) / 1e6, mbs);
  } else {
    std::fprintf(stderr, "\r%lld articles  %.2f MB  %.1f MB/s ",
                 static_cast<long long>(p.articles), mb, mbs);
  }
  std::fflush(stderr);
}

int RunExtractCommand(const GlobalOptions& g, const ExtractArgs& a) {
  Format format;
  if (!ParseFormat(a.format, &format)) {
    std::cerr << "factmine extract: --format must be auto, digest, text or jsonl\n";
    return kExitUsage;
  }
  std::vector<std::string> paths = a.paths;
  const bool from_stdin = paths.empty() || (paths.size() == 1 && paths[0] == "-");
  if (from_stdin) {
    paths.clear();
    if (format != Format::kAuto && format != Format::kJsonl) {
      std::cerr << "factmine extract: standard input is read as JSONL; --format "
                << a.format << " needs file paths\n";
      return kExitUsage;
    }
  }
  for (const std::string& p : paths) {
    if (p == "-") {
      std::cerr << "factmine extract: '-' (standard input) cannot be combined with paths\n";
      return kExitUsage;
    }
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "factmine extract: no such file or directory: " << p << "\n";
      return kExitUsage;
    }
  }
  auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon));
  if (!ctx.ok()) return Fail(ctx.status().ToString());
  auto analyzer = Analyzer::CreateForExtract(*ctx.value());
  if (!analyzer.ok()) return Fail(analyzer.status().ToString());

  // std::cin reads through C stdio unless unsynchronized; unsynchronized it
  // reads fd 0 in large blocks.
  std::ios::sync_with_stdio(false);

  ExtractOptions opt;
  opt.paths = paths;
  opt.input = &std::cin;
  opt.format = format;
  opt.threads = a.threads;
  opt.numbers = a.layer == "numbers";
  opt.unit_mentions = a.unit_mentions;
  for (size_t b = 0; b < a.dimensions.size();) {
    size_t e = std::min(a.dimensions.find(',', b), a.dimensions.size());
    if (e > b) opt.dimensions.push_back(a.dimensions.substr(b, e - b));
    b = e + 1;
  }
  // A progress bar only where it cannot mix with the output.
  const bool bar = !a.quiet && isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
  if (bar) opt.progress = DrawProgress;

  auto report_or = RunExtract(*ctx.value(), *analyzer.value(), opt, WriteStdout);
  if (bar) std::fprintf(stderr, "\n");
  if (!report_or.ok()) {
    if (report_or.status().code() == StatusCode::kUsage) {
      std::cerr << "factmine extract: " << report_or.status().message() << "\n";
      return kExitUsage;
    }
    return Fail(report_or.status().ToString());
  }
  const ExtractReport& r = report_or.value();
  if (r.rejected > 0) {
    std::cerr << "factmine extract: " << r.rejected << " of " << r.articles
              << " article(s) rejected (an {\"id\",\"error\"} line on stdout each)\n";
    for (size_t i = 0; i < r.rejects.size() && i < 20; ++i) {
      std::cerr << "  rejected " << r.rejects[i].id << ": " << r.rejects[i].message << "\n";
    }
    if (r.rejected > 20) std::cerr << "  ... and " << (r.rejected - 20) << " more\n";
  }
  if (!r.status.ok()) {
    return Fail("extract stopped after " + std::to_string(r.articles) +
                " article(s): " + r.status.ToString());
  }
  return r.rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterExtract(CLI::App& app, GlobalOptions& g, Action* run) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* sub = app.add_subcommand(
      "extract",
      "Streaming extraction without a database: reads articles (files or directories, any\n"
      "format ingest reads; with no PATH or '-', UTF-8 JSONL on standard input) and writes\n"
      "one JSON line per article to standard output, in input order:\n"
      "  {\"id\",\"quantities\":[{\"start\",\"end\",\"text\",\"value\",\"lower\",\"upper\",\"approx\",\n"
      "    \"unit\",\"dimension\",\"rule\",...}],\"dates\":[{\"start\",\"end\",\"text\",\"value\",\n"
      "    \"grain\",\"relation\",\"part\"?,\"relative\",\"rule\",...}],\"entities\":[{\"start\",\n"
      "    \"end\",\"text\",\"id\" (null: unlinked),\"type\",\"name\"?,\"rule\",...}],\n"
      "  \"claims\":[{\"subject_id\",\"subject\",\"subject_from\" (sentence|section|headline),\n"
      "    \"attribute\",\"object_id\",\"object\",\"value\",\"lower\",\"upper\",\"approx\",\"unit\",\n"
      "    \"quantity\" (index into quantities),\"counterpart_id\",\"counterpart\",\"time\",\n"
      "    \"modality\",\"attribution_id\",\"attribution\",\"start\",\"end\" (the sentence),\n"
      "    \"citations\",\"confidence\",\"rule\"}]}\n"
      "start/end are code points into the original text (or the title, with \"field\":\"title\"),\n"
      "end exclusive. id is the JSONL \"id\", else \"<path>#<position>\". A rejected article is\n"
      "written as {\"id\",\"error\"} in its place and counted on stderr (exit code 1).\n"
      "For Spark (RDD.pipe), Hadoop Streaming and scoring.");
  sub->fallthrough();
  sub->add_option("paths", args->paths,
                  "Files or directories; none or '-': JSONL on standard input");
  sub->add_option("--format", args->format, "auto|digest|text|jsonl. Default: auto")
      ->check(CLI::IsMember({"auto", "digest", "text", "jsonl"}));
  sub->add_option("--threads,-j", args->threads, "Worker threads. Default: all cores")
      ->check(CLI::Range(0, 1024));
  sub->add_option("--layer", args->layer,
                  "What \"quantities\" holds: quantities (numbers with their units, bounds\n"
                  "and ranges) or numbers (every number of the number layer, unitless,\n"
                  "dimension \"number\" or \"ordinal\", with the number rule). Default:\n"
                  "quantities")
      ->check(CLI::IsMember({"quantities", "numbers"}));
  sub->add_flag("--unit-mentions", args->unit_mentions,
                "Also report units named without an amount (\"paid in rubles\", 人民币结算)\n"
                "as quantities with a null value, rule quantity.unit_mention: currency\n"
                "names and words for mass, length, area, volume, speed and information")
      ->excludes("--layer");
  sub->add_option("--dimensions", args->dimensions,
                  "Keep only quantities of these dimensions (comma-separated), e.g.\n"
                  "currency or mass,length,area,volume. Dimensions: number, percent,\n"
                  "percentage_point, multiple, currency, mass, count, duration, length,\n"
                  "area, volume, speed, information, power, energy, temperature. Default: all");
  sub->add_flag("--quiet,-q", args->quiet,
                "No progress bar (drawn on stderr only when stderr is a terminal and stdout\n"
                "is not)");
  sub->callback([&g, args, run] { *run = [&g, args] { return RunExtractCommand(g, *args); }; });
}

}  // namespace factmine::cli
