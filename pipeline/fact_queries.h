// Read-side queries over the fact base: exporting tables, statistics,
// full-text search of sentences, and a listing of articles.
//
// Exported tables are a contract: each has a fixed column list, documented
// in pipeline/SCHEMA.md, that changes only with a schema version bump. The
// registry of exportable tables (ExportTables) is a table of
// {name, SQL, JSON columns}; a new fact table (entities, mentions,
// claims…) is one more entry there plus its SCHEMA.md section.
//
// Thread safety: the functions use the FactStore's connection, so callers
// must not use the same FactStore from two threads at once.
// Lifetime: results own their strings.
#ifndef FACTMINE_PIPELINE_FACT_QUERIES_H_
#define FACTMINE_PIPELINE_FACT_QUERIES_H_

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/fact_store.h"
#include "pipeline/status.h"
#include "pipeline/table_writer.h"

namespace factmine {

// One exportable table.
struct ExportTableSpec {
  std::string_view name;         // `factmine export NAME`
  std::string_view description;  // one line, for --help
  // A SELECT whose result columns are the exported columns, in order, with
  // an ORDER BY that makes the output deterministic.
  std::string_view sql;
  // Space-separated names of columns holding JSON text, beyond those that
  // IsJsonColumnName recognizes (e.g. "meta paths").
  std::string_view json_columns;
};

// Every exportable table, in a fixed order: documents, sections, bullets,
// sentences, citations, quantities, dates, runs, rejects.
std::span<const ExportTableSpec> ExportTables();
// The spec named `name`, or nullptr.
const ExportTableSpec* FindExportTable(std::string_view name);
// "documents, sections, …" (for messages and help).
std::string ExportTableNames();

// Writes the whole table to `out`. Errors: kNotFound for an unknown table
// (the message lists the valid names); kDbError; kIoError if `out` fails.
Status ExportTable(FactStore& store, std::string_view table, TableFormat format,
                   std::ostream& out);

struct Stats {
  struct Count {
    std::string key;  // "(none)" stands for NULL
    int64_t n = 0;
    friend bool operator==(const Count&, const Count&) = default;
  };
  struct Run {
    int64_t id = 0;
    std::string started_at, finished_at, status;
    int64_t files = 0, ingested = 0, unchanged = 0, replaced = 0, rejected = 0;
    int64_t reanalyzed = 0;
    int64_t bytes = 0;
    double seconds = 0, mb_per_s = 0;
  };
  std::vector<Count> table_rows;       // per ExportTables() entry, in order
  std::vector<Count> by_source;        // documents per source, most first
  std::vector<Count> by_lang;          // documents per lang, most first
  std::vector<Count> by_format;        // documents per format, most first
  std::vector<Count> rejects_by_code;  // rejects per code, most first
  std::vector<Count> quantities_by_dimension;  // most first
  // Articles stored by another analysis version (kAnalysisVersion): their
  // layers are rebuilt when an ingest reads them again.
  int64_t stale_documents = 0;
  std::vector<Run> last_runs;          // the 5 most recent runs, newest first
};

Result<Stats> ComputeStats(FactStore& store);
// A readable multi-line report of `stats`.
void PrintStats(const Stats& stats, std::ostream& out);

struct SearchHit {
  std::string doc_id;
  std::string title;         // of the article
  std::string source;        // "" if unknown
  std::string published_at;  // "" if unknown
  int64_t sentence_no = 0;
  std::string field;  // "title" or "text"
  std::string text;   // the original sentence text
  // The normalized sentence with each match marked ⟦like this⟧, cut to
  // about 32 tokens around the best match ("…" marks cuts).
  std::string snippet;
  double score = 0;  // bm25: lower is a better match
};

// Full-text search of sentences, best first (bm25, then newer articles).
// Each whitespace-separated term of `query` must occur (terms are quoted
// as FTS5 phrases and AND-ed, so FTS5 syntax characters are plain text).
// Chinese words of 2+ characters match as words (稀土 does not match 稀 土
// split by a space), English matches case-insensitively. A term with no
// letters, digits or Han characters is ignored.
// Errors: kUsage if the query has no searchable term or limit < 1.
Result<std::vector<SearchHit>> Search(FactStore& store, std::string_view query,
                                      int limit);

// The FTS5 MATCH expression Search uses for `query`: "\"稀土\" AND \"rare\"".
// Empty if the query has no searchable term.
std::string BuildMatchExpression(std::string_view query);

struct ArticleRow {
  std::string id;  // full id; show a prefix (e.g. 12 characters) to humans
  std::string file;
  int64_t position = 0;
  std::string source, published_at, lang, title;
  int64_t sections = 0, sentences = 0;
};

// Up to `limit` articles, newest published first (then by file, position).
Result<std::vector<ArticleRow>> ListArticles(FactStore& store, int limit);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_FACT_QUERIES_H_
