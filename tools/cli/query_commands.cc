// factmine stats | articles | search | export | facts : read the fact base.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "extractors/entities/entity_extractor.h"
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

void RegisterFacts(CLI::App& app, GlobalOptions& g, Action* run) {
  struct Args {
    std::string entity, attribute, source, since;
    std::string format = "table";
    int64_t limit = -1;  // -1: the default of the format
    bool sentences = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = app.add_subcommand(
      "facts",
      "The claims table: one row per quantitative statement (subject, attribute, value,\n"
      "counterpart, time, modality, attribution), with its article's source and date and\n"
      "its sentence's citations. Rows are grouped by subject, then attribute, then time\n"
      "(newest first), then publication date (newest first). Filters combine (AND).\n"
      "Examples:\n"
      "  factmine facts --entity Russia            # also: 俄罗斯, 俄, RU, Russian\n"
      "  factmine facts --entity 中国 --attribute reserves --since 2025-01\n"
      "  factmine facts --attribute import_dependence --format jsonl > deps.jsonl\n"
      "Table columns: subject, attribute (with [object] and -> counterpart), the value as\n"
      "written, the normalized value and unit (≈ about, >/≥ lower bound, </≤ upper bound,\n"
      "a–b range), time, modality, source, published date, citation indices.\n"
      "csv/tsv/jsonl have the columns of `factmine export claims` (pipeline/SCHEMA.md).");
  RegisterDb(sub, g);
  sub->add_option("--entity,-e", a->entity,
                  "The subject, in either language: a name, alias or id the entity lexicon\n"
                  "knows (Russia = 俄罗斯 = 俄 = RU), or the text of an unlinked name (Lynas)");
  sub->add_option("--attribute,-a", a->attribute,
                  "Attribute id from lexicon/attributes.tsv: reserves, production_share,\n"
                  "import_dependence, exports, investment, …");
  sub->add_option("--source,-s", a->source,
                  "The article's outlet: its source id, or part of its name (case-insensitive)");
  sub->add_option("--since", a->since,
                  "Articles published on or after this date: YYYY, YYYY-MM or YYYY-MM-DD");
  sub->add_option("--format,-f", a->format, "table|csv|tsv|jsonl. Default: table")
      ->check(CLI::IsMember({"table", "csv", "tsv", "jsonl"}));
  sub->add_option("--limit,-n", a->limit,
                  "At most this many claims. Default: 100 for table, all for the others")
      ->check(CLI::Range(int64_t{1}, int64_t{1000000000}));
  sub->add_flag("--sentences", a->sentences, "table: print each claim's sentence under it");
  sub->callback([&g, run, a] {
    *run = [&g, a] {
      if (!a->since.empty() && !IsValidSinceDate(a->since)) {
        std::cerr << "factmine facts: --since '" << a->since
                  << "' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD\n";
        return kExitUsage;
      }
      const bool table = a->format == "table";
      FactFilter filter;
      filter.attribute = a->attribute;
      filter.source = a->source;
      filter.since = a->since;
      filter.limit = a->limit > 0 ? a->limit : (table ? 100 : 0);
      bool known_entity = true;
      if (!a->entity.empty()) {
        auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon));
        if (!ctx.ok()) return Fail(ctx.status().ToString());
        const Context& c = *ctx.value();
        const std::string norm = c.normalizer->NormalizeString(a->entity);
        known_entity = ResolveFactEntity(
            c.entities != nullptr ? &c.entities->lexicon() : nullptr, norm, &filter);
      }
      auto store = OpenForReading(g);
      if (!store.ok()) return Fail(store.status().ToString());
      if (!table) {
        TableFormat format;
        ParseTableFormat(a->format, &format);
        Status s = WriteFacts(*store.value(), filter, format, std::cout);
        std::cout.flush();
        if (!s.ok()) return Fail(s.ToString());
        return kExitOk;
      }
      auto rows = QueryFacts(*store.value(), filter);
      if (!rows.ok()) return Fail(rows.status().ToString());
      std::cout << Pad("subject", 18) << "  " << Pad("attribute", 30) << "  "
                << Pad("as written", 16) << "  " << Pad("value", 22) << "  " << Pad("time", 10)
                << "  " << Pad("modality", 9) << "  " << Pad("source", 18) << "  "
                << Pad("published", 10) << "  cites\n";
      for (const FactRow& r : rows.value()) {
        std::string attribute = r.attribute;
        if (!r.object.empty()) attribute += " [" + r.object + "]";
        if (!r.counterpart.empty()) attribute += " -> " + r.counterpart;
        std::string source = r.source.empty() ? "-" : r.source;
        if (!r.attribution.empty()) source += " (" + r.attribution + ")";
        std::cout << Pad(r.subject.empty() ? "-" : r.subject, 18) << "  " << Pad(attribute, 30)
                  << "  " << Pad(SqueezeSpaces(r.quantity_surface), 16) << "  "
                  << Pad(FormatValue(r.value, r.lower, r.upper, r.approx, r.unit), 22) << "  "
                  << Pad(r.time.empty() ? "-" : r.time, 10) << "  " << Pad(r.modality, 9)
                  << "  " << Pad(source, 18) << "  "
                  << Pad(r.published_at.empty() ? "-" : r.published_at.substr(0, 10), 10)
                  << "  " << (r.citations == "[]" ? "-" : r.citations) << "\n";
        if (a->sentences) {
          std::cout << "    " << SqueezeSpaces(r.sentence) << "  (" << r.claim_id.substr(0, 12)
                    << r.claim_id.substr(r.claim_id.find(':')) << ")\n";
        }
      }
      std::cout << rows->size() << " claim(s)";
      if (filter.limit > 0 && static_cast<int64_t>(rows->size()) == filter.limit) {
        std::cout << " shown, the first " << filter.limit << "; --limit N for more";
      }
      std::cout << "\n";
      if (!known_entity && rows->empty()) {
        std::cerr << "factmine facts: the entity lexicon knows no '" << a->entity
                  << "', and no unlinked subject is written so\n";
      }
      return kExitOk;
    };
  });
}

}  // namespace factmine::cli
