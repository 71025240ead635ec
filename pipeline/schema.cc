// Schema SQL and migrations of the fact base (see schema.h, SCHEMA.md).
#include "pipeline/schema.h"

#include <sqlite3.h>

#include <array>
#include <ctime>
#include <string>

namespace factmine {
namespace {

// Version 1: articles, their segmentation, runs and rejects.
//
// Conventions: offsets (start, "end") are code points into the ORIGINAL
// field text, end exclusive; an absent optional value is NULL, never '';
// timestamps are UTC "YYYY-MM-DDTHH:MM:SSZ". "end" is quoted because it is
// an SQL keyword. Tables are STRICT so a wrongly typed value is an error,
// not a silently stored string.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE schema_version (
  version    INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL,
  what       TEXT NOT NULL
) STRICT;

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  paths       TEXT NOT NULL,
  threads     INTEGER NOT NULL,
  status      TEXT NOT NULL
              CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
  host        TEXT,
  pid         INTEGER,
  files       INTEGER NOT NULL DEFAULT 0,
  ingested    INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  replaced    INTEGER NOT NULL DEFAULT 0,
  rejected    INTEGER NOT NULL DEFAULT 0,
  bytes       INTEGER NOT NULL DEFAULT 0,
  seconds     REAL NOT NULL DEFAULT 0,
  mb_per_s    REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  key          TEXT NOT NULL,
  file         TEXT NOT NULL,
  position     INTEGER NOT NULL,
  line         INTEGER NOT NULL,
  format       TEXT NOT NULL,
  encoding     TEXT,
  title        TEXT NOT NULL,
  source       TEXT,
  source_id    TEXT,
  published_at TEXT,
  topic        TEXT,
  lang         TEXT,
  text         TEXT NOT NULL,
  meta         TEXT,
  notes        TEXT,
  bytes        INTEGER NOT NULL,
  run_id       INTEGER,
  ingested_at  TEXT NOT NULL
) STRICT;
CREATE INDEX documents_by_source ON documents (source);
CREATE INDEX documents_by_published ON documents (published_at);
CREATE INDEX documents_by_file ON documents (file, position);

CREATE TABLE sections (
  doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  section_no INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  label      TEXT,
  group_no   INTEGER,
  title      TEXT,
  field      TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  PRIMARY KEY (doc_id, section_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE bullets (
  doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  bullet_no  INTEGER NOT NULL,
  section_no INTEGER NOT NULL,
  field      TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (doc_id, bullet_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE sentences (
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  sentence_no INTEGER NOT NULL,
  section_no  INTEGER,
  bullet_no   INTEGER,
  field       TEXT NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  lang        TEXT,
  text        TEXT NOT NULL,
  citations   TEXT NOT NULL DEFAULT '[]',
  UNIQUE (doc_id, sentence_no)
) STRICT;

CREATE VIRTUAL TABLE sentences_fts USING fts5 (text, tokenize = 'factmine');
-- Merge index segments 8 at a time instead of FTS5's default 4: fewer,
-- larger merges; storing Chinese text measured ~1.4x faster.
INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('automerge', 8);

CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  DELETE FROM sentences_fts WHERE rowid = old.id;
END;

CREATE TABLE citations (
  doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  sentence_no INTEGER NOT NULL,
  marker_no   INTEGER NOT NULL,
  idx         INTEGER NOT NULL,
  field       TEXT NOT NULL,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  PRIMARY KEY (doc_id, marker_no, idx)
) STRICT, WITHOUT ROWID;
CREATE INDEX citations_by_idx ON citations (idx);

CREATE TABLE rejects (
  id       INTEGER PRIMARY KEY,
  run_id   INTEGER,
  path     TEXT NOT NULL,
  position INTEGER NOT NULL,
  line     INTEGER NOT NULL,
  code     TEXT NOT NULL,
  reason   TEXT NOT NULL,
  at       TEXT NOT NULL,
  UNIQUE (path, position)
) STRICT;
CREATE INDEX rejects_by_code ON rejects (code);
)sql";

// Version 2: the extractor layers (quantities, dates), and the analysis
// version of each stored article so that articles stored by older
// extractors are analysed again (kAnalysisVersion). Existing articles get
// analysis_version 0, existing runs reanalyzed 0.
//
// Extractor values are not CHECKed here (their vocabularies grow with the
// lexicon); SCHEMA.md lists them. Quantities and dates have no rowid: the
// primary key (doc_id, n) is the order of every query by article.
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE documents ADD COLUMN analysis_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN reanalyzed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE quantities (
  doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  quantity_no INTEGER NOT NULL,
  field       TEXT NOT NULL,
  sentence_no INTEGER,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  surface     TEXT NOT NULL,
  value       REAL,
  lower       REAL,
  upper       REAL,
  approx      TEXT NOT NULL,
  unit        TEXT,
  dimension   TEXT,
  base_unit   TEXT,
  to_base     REAL,
  rule        TEXT NOT NULL,
  PRIMARY KEY (doc_id, quantity_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX quantities_by_unit ON quantities (unit);
CREATE INDEX quantities_by_dimension ON quantities (dimension, unit);

CREATE TABLE dates (
  doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  date_no     INTEGER NOT NULL,
  field       TEXT NOT NULL,
  sentence_no INTEGER,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  surface     TEXT NOT NULL,
  value       TEXT,
  grain       TEXT,
  relation    TEXT,
  relative    INTEGER NOT NULL CHECK (relative IN (0, 1)),
  rule        TEXT NOT NULL,
  PRIMARY KEY (doc_id, date_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX dates_by_value ON dates (value);
)sql";

// Version 3: storing made faster (issue 4). The full-text index holds Han
// characters instead of bigrams (pipeline/fts_tokenizer.h), so it is rebuilt
// from the stored search text; the secondary indexes of quantities and dates,
// which every stored row had to update at a random place and which no query
// needs (exports read in key order, stats scan the table), are dropped.
// Nothing a user sees changes: same tables, columns and rows.
constexpr std::string_view kSchemaV3 = R"sql(
DROP INDEX quantities_by_unit;
DROP INDEX quantities_by_dimension;
DROP INDEX dates_by_value;
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
)sql";

// Version 4: the search index reads its text from the new column
// sentences.norm (FTS5 external content) instead of keeping a copy of its
// own, and keeps no token counts per row (columnsize = 0; bm25() counts the
// tokens of the rows a query matches instead). Each stored sentence cost
// FTS5 two inserts of its own besides the index (content and docsize rows):
// 12-14% of storing an article. The normalized text of existing sentences
// moves from the index's content table to sentences.norm, and the index is
// rebuilt from it.
constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE sentences ADD COLUMN norm TEXT NOT NULL DEFAULT '';
UPDATE sentences SET norm = coalesce(
  (SELECT c0 FROM sentences_fts_content c WHERE c.id = sentences.id), '');
DROP TRIGGER sentences_fts_delete;
DROP TABLE sentences_fts;
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
  norm, content = 'sentences', content_rowid = 'id', columnsize = 0,
  tokenize = 'factmine');
INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('automerge', 8);
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts (sentences_fts, rowid, norm)
    VALUES ('delete', old.id, old.norm);
END;
)sql";

// Version 5: the entity and claim layers (issue 4 items 2 and 5).
//
// `entities` is the dictionary of every canonical entity a stored mention or
// claim names: linked entities under their lexicon id ("RU",
// "mp_materials"), unlinked ones under "u:" + their normalized surface
// ("u:Acme Lithium"). It has no doc_id: rows are shared by all articles and
// never deleted with one. `mentions` and `claims` are per-article layers
// keyed (doc_id, n) like quantities and dates, WITHOUT ROWID. A claim's id
// is doc_id || ':' || claim_no (a virtual generated column): the same
// article always gives the same ids. The two claims indexes serve the
// filters of `factmine facts` and `factmine conflicts`.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE entities (
  id      TEXT PRIMARY KEY,
  type    TEXT NOT NULL,
  name    TEXT NOT NULL,
  name_zh TEXT,
  country TEXT,
  linked  INTEGER NOT NULL CHECK (linked IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE TABLE mentions (
  doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  mention_no  INTEGER NOT NULL,
  entity_id   TEXT NOT NULL REFERENCES entities (id),
  field       TEXT NOT NULL,
  sentence_no INTEGER,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  surface     TEXT NOT NULL,
  type        TEXT NOT NULL,
  rule        TEXT NOT NULL,
  PRIMARY KEY (doc_id, mention_no)
) STRICT, WITHOUT ROWID;

CREATE TABLE claims (
  doc_id                 TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  claim_no               INTEGER NOT NULL,
  claim_id               TEXT GENERATED ALWAYS AS (doc_id || ':' || claim_no) VIRTUAL,
  sentence_no            INTEGER NOT NULL,
  field                  TEXT NOT NULL,
  quantity_no            INTEGER NOT NULL,
  subject_id             TEXT REFERENCES entities (id),
  subject                TEXT,
  subject_from           TEXT NOT NULL,
  subject_mention_no     INTEGER,
  attribute              TEXT NOT NULL,
  object_id              TEXT REFERENCES entities (id),
  object                 TEXT,
  value                  REAL,
  lower                  REAL,
  upper                  REAL,
  approx                 TEXT NOT NULL,
  unit                   TEXT,
  dimension              TEXT,
  counterpart_id         TEXT REFERENCES entities (id),
  counterpart            TEXT,
  time                   TEXT,
  date_no                INTEGER,
  modality               TEXT NOT NULL,
  attribution            TEXT,
  attribution_id         TEXT REFERENCES entities (id),
  confidence             REAL NOT NULL,
  rule                   TEXT NOT NULL,
  PRIMARY KEY (doc_id, claim_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX claims_by_subject ON claims (subject_id, attribute, time);
CREATE INDEX claims_by_attribute ON claims (attribute, time);
)sql";

// DO NOT CHANGE A MIGRATION once released: databases in the field were
// built by it. Add a new one instead.
constexpr std::array<Migration, 5> kMigrations = {{
    {1,
     "articles, sections, bullets, sentences (+FTS5), citations, runs, rejects",
     kSchemaV1},
    {2,
     "quantities, dates; documents.analysis_version, runs.reanalyzed",
     kSchemaV2},
    {3,
     "search index of Han characters (rebuilt); no quantities/dates "
     "secondary indexes",
     kSchemaV3},
    {4, "sentences.norm holds the search text (FTS5 external content)",
     kSchemaV4},
    {5, "entities, mentions, claims", kSchemaV5},
}};
static_assert(kMigrations.back().version == kSchemaVersion,
              "the last migration must produce kSchemaVersion");

Status Exec(sqlite3* db, const std::string& sql, const std::string& what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = what + ": " + (err ? err : sqlite3_errmsg(db));
    sqlite3_free(err);
    return Status::DbError(msg);
  }
  return Status::Ok();
}

// Runs a query returning one integer (NULL reads as 0).
Result<int64_t> QueryInt(sqlite3* db, const char* sql,
                         const std::string& name) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  int64_t v = 0;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      v = sqlite3_column_int64(stmt, 0);
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
  }
  std::string err = rc == SQLITE_OK ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  if (rc == SQLITE_OK) return v;
  if ((rc & 0xff) == SQLITE_NOTADB) {
    return Status::InvalidInput(name + " is not a factmine fact base: " + err);
  }
  return Status::DbError(name + ": " + err);
}

}  // namespace

std::string UtcNow() {
  time_t now = time(nullptr);
  struct tm tm;
  gmtime_r(&now, &tm);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::span<const Migration> Migrations() { return kMigrations; }

Result<int> ReadSchemaVersion(sqlite3* db, const std::string& name) {
  auto has_table = QueryInt(db,
                            "SELECT count(*) FROM sqlite_schema "
                            "WHERE type = 'table' AND name = 'schema_version'",
                            name);
  if (!has_table.ok()) return has_table.status();
  if (*has_table == 0) {
    auto others = QueryInt(
        db, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
        name);
    if (!others.ok()) return others.status();
    if (*others != 0) {
      return Status::InvalidInput(
          name +
          " is an SQLite database of another program, not a factmine "
          "fact base (it has no schema_version table)");
    }
    return 0;
  }
  auto v = QueryInt(db, "SELECT max(version) FROM schema_version", name);
  if (!v.ok()) return v.status();
  return static_cast<int>(*v);
}

Status MigrateSchema(sqlite3* db, const std::string& name) {
  // Fast path without a write lock: already current (the usual case).
  auto current = ReadSchemaVersion(db, name);
  if (!current.ok()) return current.status();
  if (*current == kSchemaVersion) return Status::Ok();
  Status s =
      Exec(db, "BEGIN IMMEDIATE", name + ": cannot start the schema migration");
  if (!s.ok()) return s;
  auto fail = [&](Status why) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return why;
  };
  auto version = ReadSchemaVersion(db, name);
  if (!version.ok()) return fail(version.status());
  if (*version > kSchemaVersion) {
    return fail(Status::InvalidInput(
        name + " has schema version " + std::to_string(*version) +
        ", newer than this factmine understands (" +
        std::to_string(kSchemaVersion) + "); use a newer factmine"));
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= *version) continue;
    s = Exec(
        db, std::string(m.sql),
        name + ": schema migration to version " + std::to_string(m.version));
    if (!s.ok()) return fail(s);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO schema_version (version, "
                                "applied_at, what) VALUES (?1, ?2, ?3)",
                                -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
      std::string now = UtcNow();
      sqlite3_bind_int(stmt, 1, m.version);
      sqlite3_bind_text(stmt, 2, now.data(), static_cast<int>(now.size()),
                        SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, m.what.data(), static_cast<int>(m.what.size()),
                        SQLITE_STATIC);
      rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    std::string err = rc == SQLITE_OK ? "" : sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) {
      return fail(Status::DbError(name + ": recording schema version: " + err));
    }
  }
  return Exec(db, "COMMIT", name + ": committing the schema migration");
}

}  // namespace factmine
