// factmine explain "TEXT" : runs every analysis stage of ingest on one
// text, without a database, and prints what each stage found with the rule
// that found it (pipeline/explain.h), or the extract JSON line (--json).
#include <iostream>
#include <iterator>
#include <string>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/explain.h"
#include "pipeline/extract_json.h"
#include "tools/cli/commands.h"

namespace factmine::cli {

namespace {

struct ExplainArgs {
  std::string text;
  std::string title;
  std::string date;
  std::string source;
  bool digest = false;
  bool json = false;
};

int RunExplainCommand(const GlobalOptions& g, const ExplainArgs& a) {
  RawArticle raw;
  raw.key = "explain";
  raw.format = a.digest ? Format::kDigest : Format::kText;
  raw.title = a.title;
  raw.source = a.source;
  raw.published_at = a.date;
  if (a.text.empty() || a.text == "-") {
    raw.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    raw.text = a.text;
  }
  if (raw.text.empty() && raw.title.empty()) {
    std::cerr << "factmine explain: no text (give TEXT, or pipe it on standard input)\n";
    return kExitUsage;
  }
  auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon));
  if (!ctx.ok()) return Fail(ctx.status().ToString());
  auto analyzer = Analyzer::Create(*ctx.value());
  if (!analyzer.ok()) return Fail(analyzer.status().ToString());
  Document doc(std::move(raw));
  auto ws = analyzer.value()->NewWorkspace();
  analyzer.value()->Run(doc, *ws);
  if (!doc.status.ok()) return Fail("the text was rejected: " + doc.status.ToString());
  std::string out;
  if (a.json) {
    WriteExtractJson(doc, &out);
  } else {
    out = ExplainDocument(doc);
  }
  std::cout << out;
  std::cout.flush();
  return std::cout ? kExitOk : Fail("cannot write to standard output");
}

}  // namespace

void RegisterExplain(CLI::App& app, GlobalOptions& g, Action* run) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* sub = app.add_subcommand(
      "explain",
      "Analyze one text as ingest would (no database) and print what every stage found,\n"
      "with the rule that found it: sentences (language, citations), Chinese word tokens,\n"
      "entities (canonical id, type, name), quantities (value, unit, bounds), dates and\n"
      "claims (subject and where it came from, attribute, object, counterpart, value,\n"
      "time, modality, attribution, confidence). Offsets are code points into the text\n"
      "as given, end exclusive. The first thing to run when a fact looks wrong.\n"
      "Example: factmine explain '俄罗斯稀土储量约2850万吨。'\n"
      "         factmine explain --title \"Russia's Position\" 'Reserves stand at 3.8 Mt.'");
  sub->fallthrough();
  sub->add_option("text", args->text, "The text; '-' or nothing reads standard input");
  sub->add_option("--title", args->title,
                  "A headline for the text (a claim without a subject in its sentence takes\n"
                  "the headline's)");
  sub->add_option("--date", args->date,
                  "The article date, YYYY-MM-DD: resolves 去年, 'last year', 'December 1'");
  sub->add_option("--source", args->source, "The outlet, as a digest would name it");
  sub->add_flag("--digest", args->digest,
                "Read the text as a digest summary (Core Viewpoint - …, Group 1: Title - …\n"
                "sections)");
  sub->add_flag("--json", args->json, "Print the 'factmine extract' JSON line instead");
  sub->callback([&g, args, run] { *run = [&g, args] { return RunExplainCommand(g, *args); }; });
}

}  // namespace factmine::cli
