// factmine ingest PATH... : read a batch into the fact base.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/fact_store.h"
#include "pipeline/ingest.h"
#include "tools/cli/commands.h"

namespace factmine::cli {

namespace {

struct IngestArgs {
  std::vector<std::string> paths;
  std::string format = "auto";
  int threads = 0;
  int batch = 1024;
  bool quiet = false;
  bool no_tokens = false;
  bool profile = false;
};

std::string Mb(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(bytes) / 1e6);
  return buf;
}

// The --profile breakdown (IngestProfile), on stderr: CPU seconds per stage
// and per table, with the MB/s each would allow alone.
void PrintProfile(const IngestProfile& p, uint64_t bytes) {
  const double mb = static_cast<double>(bytes) / 1e6;
  auto line = [&](const char* name, double s, const char* indent = "  ") {
    std::fprintf(stderr, "%s%-11s %7.3f s  %5.1f%%", indent, name, s,
                 p.process > 0 ? 100 * s / p.process : 0.0);
    if (s > 0) std::fprintf(stderr, "  %8.1f MB/s", mb / s);
    std::fprintf(stderr, "\n");
  };
  std::fprintf(stderr,
               "profile: CPU seconds (user + system), %% of the process, MB/s if it "
               "ran alone; %.2f MB, wall %.3f s\n",
               mb, p.wall);
  line("read", p.read);
  line("analyze", p.analyze);
  line("store", p.store);
  const FactStore::Profile& t = p.tables;
  const std::pair<const char*, double> parts[] = {
      {"lookup", t.lookup},         {"documents", t.documents},
      {"sections", t.sections},     {"bullets", t.bullets},
      {"sentences", t.sentences},   {"fts", t.fts},
      {"citations", t.citations},   {"quantities", t.quantities},
      {"dates", t.dates},           {"entities", t.entities},
      {"mentions", t.mentions},     {"claims", t.claims},
      {"savepoints", t.savepoints},
      {"remove", t.remove},         {"commit", t.commit},
  };
  double parts_sum = 0;
  for (const auto& [name, s] : parts) {
    line(name, s, "    ");
    parts_sum += s;
  }
  line("(rest)", p.store - parts_sum, "    ");
  std::fprintf(stderr, "    %lld commits; the writer ran %.3f s of wall time\n",
               static_cast<long long>(t.commits), p.store_wall);
  line("other", p.process - p.read - p.analyze - p.store);
  line("process", p.process);
}

void DrawProgress(const IngestProgress& p) {
  const int width = 24;
  double frac = p.total_bytes ? static_cast<double>(p.bytes_read) / static_cast<double>(p.total_bytes) : 0;
  if (frac > 1) frac = 1;
  int filled = static_cast<int>(frac * width);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(width - filled), '.');
  double mbs = p.seconds > 0 ? static_cast<double>(p.bytes_read) / 1e6 / p.seconds : 0;
  std::fprintf(stderr, "\r[%s] %3.0f%%  %lld articles  %s/%s MB  %.1f MB/s ", bar.c_str(),
               frac * 100, static_cast<long long>(p.articles), Mb(p.bytes_read).c_str(),
               Mb(p.total_bytes).c_str(), mbs);
  std::fflush(stderr);
}

int RunIngestCommand(const GlobalOptions& g, const IngestArgs& a) {
  Format format;
  if (!ParseFormat(a.format, &format)) {
    std::cerr << "factmine ingest: --format must be auto, digest, text or jsonl\n";
    return kExitUsage;
  }
  // A path that does not exist is a mistake on the command line: refuse
  // before anything is opened or created, so the user can fix and re-run.
  for (const std::string& p : a.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      std::cerr << "factmine ingest: no such file or directory: " << p << "\n";
      return kExitUsage;
    }
  }
  auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon));
  if (!ctx.ok()) return Fail(ctx.status().ToString());
  auto analyzer = Analyzer::Create(*ctx.value(), !a.no_tokens);
  if (!analyzer.ok()) return Fail(analyzer.status().ToString());
  auto store = FactStore::Open(g.db, FactStore::Mode::kReadWrite);
  if (!store.ok()) return Fail(store.status().ToString());

  IngestOptions opt;
  opt.paths = a.paths;
  opt.format = format;
  opt.threads = a.threads;
  opt.batch_size = a.batch;
  opt.profile = a.profile;
  const bool tty = !a.quiet && isatty(STDERR_FILENO);
  if (tty) opt.progress = DrawProgress;

  auto report_or = RunIngest(*ctx.value(), *analyzer.value(), *store.value(), opt);
  if (tty) std::fprintf(stderr, "\n");
  if (!report_or.ok()) return Fail(report_or.status().ToString());
  const IngestReport& r = report_or.value();
  const auto& s = r.summary;
  if (a.profile) PrintProfile(r.profile, s.bytes);
  const int64_t total = s.ingested + s.unchanged + s.reanalyzed + s.replaced + s.rejected;
  // "N reanalyzed" (unchanged articles stored by older extractors, whose
  // layers were rebuilt) appears only when there are some.
  std::string reanalyzed;
  if (s.reanalyzed > 0) reanalyzed = std::to_string(s.reanalyzed) + " reanalyzed, ";
  char line[512];
  std::snprintf(line, sizeof line,
                "ingested %lld articles from %lld files into %s: %lld new, %lld unchanged, "
                "%s%lld replaced, %lld rejected; %s MB in %.2f s (%.2f MB/s)",
                static_cast<long long>(total), static_cast<long long>(s.files), g.db.c_str(),
                static_cast<long long>(s.ingested), static_cast<long long>(s.unchanged),
                reanalyzed.c_str(), static_cast<long long>(s.replaced),
                static_cast<long long>(s.rejected), Mb(s.bytes).c_str(), s.seconds,
                s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0);
  std::cout << line << "\n";
  if (r.removed > 0) {
    std::cout << "  removed " << r.removed
              << " stored article(s) that their files no longer hold\n";
  }
  auto place = [](const std::string& path, uint32_t line, uint32_t position) {
    std::string p = path;
    if (line) p += ":" + std::to_string(line);
    if (position) p += " (article " + std::to_string(position) + ")";
    return p;
  };
  for (size_t i = 0; i < r.notes.size() && i < 20; ++i) {
    const NoteInfo& n = r.notes[i];
    std::cout << "  repaired " << place(n.path, n.line, n.position) << ": " << n.note << "\n";
  }
  if (r.notes.size() > 20) {
    std::cout << "  ... " << r.noted << " repaired articles in all (notes column of "
              << "factmine export documents)\n";
  }
  size_t shown = 0;
  for (const RejectInfo& rej : r.rejects) {
    if (shown++ == 20) {
      std::cout << "  ... and " << (s.rejected - 20)
                << " more (factmine export rejects)\n";
      break;
    }
    std::cout << "  rejected " << place(rej.path, rej.line, rej.position) << ": "
              << rej.why.message() << "\n";
  }
  if (!r.status.ok()) {
    return Fail("ingest stopped early: " + r.status.ToString() +
                " (articles committed before this are kept; re-run to continue)");
  }
  return s.rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterIngest(CLI::App& app, GlobalOptions& g, Action* run) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* sub = app.add_subcommand(
      "ingest",
      "Read a batch of articles (files or directories, recursed) into the fact base.\n"
      "Formats: digest (news digest exports), text (one article per file, first line is the\n"
      "title), jsonl (one {\"id\",\"title\",\"source\",\"published_at\",\"lang\",\"text\"} per line);\n"
      "detected from content unless --format is given. Encodings: UTF-8 (with or without BOM),\n"
      "UTF-16 with BOM, GB18030/GBK, Big5. Re-ingesting unchanged articles adds nothing (unless\n"
      "they were stored by older extractors: then they are reanalyzed); a changed article\n"
      "replaces its old version. Every article is stored or listed in rejects.");
  sub->fallthrough();
  sub->add_option("paths", args->paths, "Files or directories to ingest")->required();
  sub->add_option("--db", g.db, "Fact base file. Default: factmine.db");
  sub->add_option("--format", args->format, "auto|digest|text|jsonl. Default: auto")
      ->check(CLI::IsMember({"auto", "digest", "text", "jsonl"}));
  sub->add_option("--threads,-j", args->threads, "Worker threads. Default: all cores")
      ->check(CLI::Range(0, 1024));
  sub->add_option("--batch", args->batch, "Articles per transaction. Default: 1024")
      ->check(CLI::Range(1, 1000000));
  sub->add_flag("--quiet,-q", args->quiet, "No progress bar");
  sub->add_flag("--no-tokens", args->no_tokens, "Skip Chinese word segmentation");
  sub->add_flag("--profile", args->profile,
                "Print where the time went to stderr: CPU seconds of the read, analyze\n"
                "and store stages, and of the store by table (for speed work)");
  sub->callback([&g, args, run] { *run = [&g, args] { return RunIngestCommand(g, *args); }; });
}

}  // namespace factmine::cli
