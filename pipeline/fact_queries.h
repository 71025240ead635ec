// Read-side queries over the fact base: exporting tables, statistics,
// full-text search of sentences, a listing of articles, and the claims
// (`factmine facts`) filtered by entity, attribute, source and date.
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
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/fact_store.h"
#include "pipeline/status.h"
#include "pipeline/table_writer.h"

namespace factmine {

class EntityLexicon;

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
// sentences, citations, quantities, dates, entities, mentions, claims, runs,
// rejects.
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

// Which claims `factmine facts` lists. Empty fields do not filter.
struct FactFilter {
  // The subject: claims whose subject_id is one of `entity_ids` (canonical
  // ids, see ResolveFactEntity), or whose subject is the unlinked entity
  // `entity_text` (subject_id "u:" + it, or subject equal to it, ASCII case
  // ignored). With both empty, every subject.
  std::vector<std::string> entity_ids;
  std::string entity_text;
  // The attribute id (lexicon/attributes.tsv): "reserves". ASCII case,
  // spaces and hyphens are forgiven ("Import dependence").
  std::string attribute;
  // The article's outlet: its canonical source_id, or a part of the
  // outlet's name as written (ASCII case ignored).
  std::string source;
  // Articles published on or after this day: "2025", "2025-11",
  // "2025-11-01" (compared as text with documents.published_at).
  std::string since;
  int64_t limit = 0;  // at most this many claims; 0 = all
};

// Fills filter->entity_ids and entity_text for what a user wrote: the
// normalized text (`normalized`, pipeline/normalize.h) is resolved through
// the entity lexicon (EntityLexicon::Resolve: names and aliases in both
// languages, ids, demonyms, Chinese short forms), so "Russia", "俄罗斯",
// "RU" and "俄" all select subject RU; entity_text keeps the text for
// unlinked subjects. Returns false when the lexicon knows no such entity
// (only unlinked subjects can then match). `lexicon` may be null.
bool ResolveFactEntity(const EntityLexicon* lexicon, std::string_view normalized,
                       FactFilter* filter);

// Checks a FactFilter::since value: YYYY, YYYY-MM or YYYY-MM-DD.
bool IsValidSinceDate(std::string_view since);

// The claims selected by `filter`, as the claims export writes them (same
// columns), grouped by subject, then attribute, then time (newest first),
// then the article's date (newest first). Errors: kUsage for a bad `since`
// or a negative limit; kDbError; kIoError if `out` fails.
Status WriteFacts(FactStore& store, const FactFilter& filter,
                  TableFormat format, std::ostream& out);

// One claim as `factmine facts` shows it in a table.
struct FactRow {
  std::string claim_id, doc_id;
  std::string subject_id, subject, attribute, object;
  std::optional<double> value, lower, upper;
  std::string approx, unit;
  std::string counterpart, time, modality, attribution;
  std::string title, source, published_at;
  std::string citations;         // "[1,3]"
  std::string quantity_surface;  // the value as written: "约２８５万吨"
  std::string sentence;
  double confidence = 0;
  std::string rule;
};
// The same claims, in the same order, as structs.
Result<std::vector<FactRow>> QueryFacts(FactStore& store,
                                        const FactFilter& filter);

// The normalized value of a claim or quantity for people: "28,500,000 t",
// "≈75 percent" (about), "> 70 percent" (over), "≥ 3" (at_least),
// "< 5" (under), "≤ 5" (at_most), "7–9 percent" (range); no unit when it
// has none. Numbers keep up to 6 significant digits.
std::string FormatValue(std::optional<double> value,
                        std::optional<double> lower,
                        std::optional<double> upper, std::string_view approx,
                        std::string_view unit);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_FACT_QUERIES_H_
