// Schema of the factmine fact base: the SQL of every schema version and the
// migrations that bring a database from any older version to the current
// one. pipeline/SCHEMA.md documents every table and column.
//
// The version lives in table schema_version (one row per applied
// migration; the current version is the largest). A migration is a block
// of SQL applied in one transaction together with its schema_version row,
// so a database is always at exactly one version.
//
// Thread safety: the functions take a connection that the caller uses from
// one thread at a time. Lifetime: no state is kept between calls.
#ifndef FACTMINE_PIPELINE_SCHEMA_H_
#define FACTMINE_PIPELINE_SCHEMA_H_

#include <span>
#include <string>
#include <string_view>

#include "pipeline/status.h"

struct sqlite3;

namespace factmine {

// The schema version this build writes. Bump it (and add a Migration) for
// any change to a table a user can see: the exported tables are a contract.
inline constexpr int kSchemaVersion = 5;

// The version of the analysis (the Analyzer's stages, the extractors and
// their lexicon data) whose layers the store writes; stored per article in
// documents.analysis_version. Bump it whenever a change makes any stage
// produce different layers for the same article (a new extractor, a fixed
// rule, a new lexicon entry): an article stored with another version is
// then analysed again and its layers replaced the next time an ingest reads
// it, although its content (and so its id) did not change. Articles stored
// before schema version 2 have analysis_version 0.
// History: 1 quantity layer (schema version 2); 2 date layer; 3 entity
// mentions and claims (schema version 5).
inline constexpr int kAnalysisVersion = 3;

struct Migration {
  int version;            // the version the database has after it
  std::string_view what;  // one line for humans
  std::string_view sql;   // statements separated by ';'
};

// Every migration, in increasing version order; the last one has version
// kSchemaVersion.
std::span<const Migration> Migrations();

// The schema version of `db`: 0 for a database without factmine tables.
// Fails with kInvalidInput if the database holds other tables but no
// schema_version (it is not a factmine fact base); `name` is used in the
// messages (the file path).
Result<int> ReadSchemaVersion(sqlite3* db, const std::string& name);

// Brings `db` to kSchemaVersion inside one IMMEDIATE transaction.
// Errors: kInvalidInput for a database of another program or of a newer
// factmine (version > kSchemaVersion); kDbError for SQLite failures.
// REQUIRES: no open transaction on db; the factmine tokenizer registered.
Status MigrateSchema(sqlite3* db, const std::string& name);

// The current time as ISO 8601 UTC, "2026-11-22T06:21:32Z" (what the fact
// base stores in runs, documents and rejects).
std::string UtcNow();

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_SCHEMA_H_
