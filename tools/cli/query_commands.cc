// factmine stats | articles | search | export : read the fact base.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "pipeline/context.h"
#include "pipeline/fact_queries.h"
#include "pipeline/fact_store.h"
#include "tools/cli/commands.h"

namespace factmine::cli {

namespace {

Result<std::unique_ptr<FactStore>> OpenForReading(const GlobalOptions& g) {
  return FactStore::Open(g.db, FactStore::Mode::kReadOnly);
}

// Display width of a UTF-8 string: East Asian wide characters count 2.
size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

// Cuts `s` to at most `width` display columns, marking the cut with "…".
std::string Clip(std::string_view s, size_t width) {
  if (DisplayWidth(s) <= width) return std::string(s);
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    size_t cw = len >= 3 ? 2 : 1;
    if (w + cw + 1 > width) break;
    out.append(s.substr(i, len));
    w += cw;
    i += len;
  }
  return out + "…";
}

// Runs of white space (masked citation markers leave some) become one space.
std::string SqueezeSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ws = c == ' ' || c == '\t' || c == '\n';
    if (ws && !out.empty() && out.back() == ' ') continue;
    out += ws ? ' ' : c;
  }
  return out;
}

std::string Pad(std::string_view s, size_t width) {
  std::string out = Clip(s, width);
  size_t w = DisplayWidth(out);
  if (w < width) out.append(width - w, ' ');
  return out;
}

void RegisterDb(CLI::App* sub, GlobalOptions& g) {
  sub->fallthrough();
  sub->add_option("--db", g.db, "Fact base file. Default: factmine.db");
}

}  // namespace

void RegisterStats(CLI::App& app, GlobalOptions& g, Action* run) {
  CLI::App* sub = app.add_subcommand(
      "stats", "Counts per table, per source, per language and format; rejects; recent runs.");
  RegisterDb(sub, g);
  sub->callback([&g, run] {
    *run = [&g] {
      auto store = OpenForReading(g);
      if (!store.ok()) return Fail(store.status().ToString());
      auto stats = ComputeStats(*store.value());
      if (!stats.ok()) return Fail(stats.status().ToString());
      PrintStats(stats.value(), std::cout);
      return kExitOk;
    };
  });
}

void RegisterArticles(CLI::App& app, GlobalOptions& g, Action* run) {
  auto limit = std::make_shared<int>(200);
  CLI::App* sub = app.add_subcommand(
      "articles", "List the stored articles: id, file:position, source, time, language, title.");
  RegisterDb(sub, g);
  sub->add_option("--limit,-n", *limit, "At most this many. Default: 200")->check(CLI::Range(1, 100000000));
  sub->callback([&g, run, limit] {
    *run = [&g, limit] {
      auto store = OpenForReading(g);
      if (!store.ok()) return Fail(store.status().ToString());
      auto rows = ListArticles(*store.value(), *limit);
      if (!rows.ok()) return Fail(rows.status().ToString());
      std::cout << Pad("id", 12) << "  " << Pad("file#pos", 30) << "  " << Pad("source", 18)
                << "  " << Pad("published", 16) << "  " << Pad("lang", 5) << "  "
                << "sect  sent  title\n";
      for (const ArticleRow& r : rows.value()) {
        std::string file = r.file;
        if (auto slash = file.rfind('/'); slash != std::string::npos) file = file.substr(slash + 1);
        char counts[32];
        std::snprintf(counts, sizeof counts, "%4lld  %4lld", static_cast<long long>(r.sections),
                      static_cast<long long>(r.sentences));
        std::cout << Pad(r.id.substr(0, 12), 12) << "  "
                  << Pad(file + "#" + std::to_string(r.position), 30) << "  "
                  << Pad(r.source.empty() ? "-" : r.source, 18) << "  "
                  << Pad(r.published_at.empty() ? "-" : r.published_at, 16) << "  "
                  << Pad(r.lang, 5) << "  " << counts << "  " << Clip(r.title, 60) << "\n";
      }
      std::cout << rows->size() << " article(s)\n";
      return kExitOk;
    };
  });
}

void RegisterSearch(CLI::App& app, GlobalOptions& g, Action* run) {
  struct Args {
    std::vector<std::string> terms;
    int limit = 20;
    std::string format = "table";
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand(
      "search",
      "Full-text search of sentences in both languages. Every term must occur; Chinese\n"
      "words of two or more characters match as words (稀土), English case-insensitively.\n"
      "Example: factmine search 稀土 储量   |   factmine search \"rare earth\" reserves");
  RegisterDb(sub, g);
  sub->add_option("query", a->terms, "Search terms")->required();
  sub->add_option("--limit,-n", a->limit, "At most this many hits. Default: 20")->check(CLI::Range(1, 100000));
  sub->add_option("--format", a->format, "table|jsonl. Default: table")
      ->check(CLI::IsMember({"table", "jsonl"}));
  sub->callback([&g, run, a] {
    *run = [&g, a] {
      auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon));
      if (!ctx.ok()) return Fail(ctx.status().ToString());
      std::string query;
      for (const auto& t : a->terms) query += (query.empty() ? "" : " ") + t;
      query = ctx.value()->normalizer->NormalizeString(query);
      auto store = OpenForReading(g);
      if (!store.ok()) return Fail(store.status().ToString());
      auto hits = Search(*store.value(), query, a->limit);
      if (!hits.ok()) {
        if (hits.status().code() == StatusCode::kUsage) {
          std::cerr << "factmine search: " << hits.status().message() << "\n";
          return kExitUsage;
        }
        return Fail(hits.status().ToString());
      }
      for (const SearchHit& h : hits.value()) {
        if (a->format == "jsonl") {
          nlohmann::json j = {{"doc_id", h.doc_id},       {"title", h.title},
                              {"source", h.source},       {"published_at", h.published_at},
                              {"sentence_no", h.sentence_no}, {"field", h.field},
                              {"text", h.text},           {"snippet", h.snippet}};
          std::cout << j.dump() << "\n";
        } else {
          std::cout << h.doc_id.substr(0, 12) << "  " << (h.source.empty() ? "-" : h.source)
                    << "  " << (h.published_at.empty() ? "-" : h.published_at) << "  "
                    << Clip(h.title, 50) << "\n    " << SqueezeSpaces(h.snippet) << "\n";
        }
      }
      if (a->format == "table") {
        std::cout << hits->size() << " hit(s)";
        if (static_cast<int>(hits->size()) == a->limit) {
          std::cout << " shown, the best " << a->limit << "; --limit N for more";
        }
        std::cout << "\n";
      }
      return kExitOk;
    };
  });
}

void RegisterExport(CLI::App& app, GlobalOptions& g, Action* run) {
  struct Args {
    std::string table;
    std::string format = "csv";
    std::string output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand(
      "export",
      "Write one fact table: " + ExportTableNames() +
          ".\nCSV is RFC 4180 with a header row; TSV escapes tab/newline/backslash; JSONL has one\n"
          "typed object per row. Columns are documented in pipeline/SCHEMA.md.");
  RegisterDb(sub, g);
  sub->add_option("table", a->table, "Table to export")->required();
  sub->add_option("--format,-f", a->format, "csv|tsv|jsonl. Default: csv")
      ->check(CLI::IsMember({"csv", "tsv", "jsonl"}));
  sub->add_option("-o,--output", a->output, "Output file. Default: standard output");
  sub->callback([&g, run, a] {
    *run = [&g, a] {
      if (FindExportTable(a->table) == nullptr) {
        std::cerr << "factmine export: unknown table '" << a->table
                  << "'; valid tables: " << ExportTableNames() << "\n";
        return kExitUsage;
      }
      TableFormat format;
      ParseTableFormat(a->format, &format);
      auto store = OpenForReading(g);
      if (!store.ok()) return Fail(store.status().ToString());
      Status s;
      if (a->output.empty() || a->output == "-") {
        s = ExportTable(*store.value(), a->table, format, std::cout);
        std::cout.flush();
      } else {
        std::ofstream out(a->output, std::ios::binary | std::ios::trunc);
        if (!out) return Fail(a->output + ": cannot open for writing");
        s = ExportTable(*store.value(), a->table, format, out);
        out.close();
        if (s.ok() && !out) s = Status::IoError(a->output + ": write failed");
      }
      if (!s.ok()) return Fail(s.ToString());
      return kExitOk;
    };
  });
}

}  // namespace factmine::cli
