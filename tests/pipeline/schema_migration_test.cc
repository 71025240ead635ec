// Tests of the schema migrations: a fact base written by schema version 1
// (built from a frozen copy of the version-1 SQL and the rows an ingest
// writes) opens with this build, gets the new tables and columns, keeps
// every row, and its articles are analysed again (reanalyzed) by the next
// ingest; a failed migration leaves the version-1 file as it was.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/fact_queries.h"
#include "pipeline/fact_store.h"
#include "pipeline/fts_tokenizer.h"
#include "pipeline/ingest.h"
#include "pipeline/schema.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

// The SQL of schema version 1 exactly as factmine 11ef3ff released it.
// Migrations are never edited once released (databases in the field were
// built by them), so this copy must stay equal to Migrations()[0].sql.
constexpr std::string_view kFrozenV1Sql = R"sql(
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

// The tables of version 1 and the columns they had, ordered by their key:
// what "keeps every row" compares before and after the migration.
constexpr const char* kV1Dumps[] = {
    "SELECT version, applied_at, what FROM schema_version WHERE version = 1",
    "SELECT id, key, file, position, line, format, encoding, title, source, "
    "source_id, published_at, topic, lang, text, meta, notes, bytes, run_id, "
    "ingested_at FROM documents ORDER BY id",
    "SELECT * FROM sections ORDER BY doc_id, section_no",
    "SELECT * FROM bullets ORDER BY doc_id, bullet_no",
    "SELECT id, doc_id, sentence_no, section_no, bullet_no, field, start, "
    "\"end\", lang, text, citations FROM sentences ORDER BY id",
    "search text",  // see DumpV1
    "SELECT * FROM citations ORDER BY doc_id, marker_no, idx",
    "SELECT id, started_at, finished_at, paths, threads, status, host, pid, "
    "files, ingested, unchanged, replaced, rejected, bytes, seconds, mb_per_s "
    "FROM runs ORDER BY id",
    "SELECT * FROM rejects ORDER BY id",
};

// Every row of `sql` on `db`, columns joined by '|', rows by '\n'.
std::string All(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
      << sql << ": " << sqlite3_errmsg(db);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      if (i > 0) out += '|';
      const unsigned char* t = sqlite3_column_text(st, i);
      out += t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    out += '\n';
  }
  sqlite3_finalize(st);
  return out;
}

// The version-1 rows of `db`. The search text of a sentence, kept by the
// search index up to version 3, is in sentences.norm from version 4 on.
std::string DumpV1(sqlite3* db, bool migrated = false) {
  std::string out;
  for (const char* sql : kV1Dumps) {
    std::string query = sql;
    if (query == "search text") {
      query = migrated ? "SELECT id, norm FROM sentences ORDER BY id"
                       : "SELECT rowid, text FROM sentences_fts ORDER BY rowid";
    }
    out += std::string(sql) + "\n" + All(db, query);
  }
  return out;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
      << sql << ": " << (err ? err : "");
  sqlite3_free(err);
}

// A stand-in for the quantity and date extractors with a fixed output:
// every "<number> tons" of the text is a quantity of that many t, every
// "September" the date 2025-09. Each lies in the text sentence holding it.
class TonsStage : public Stage {
 public:
  std::string_view name() const override { return "tons"; }
  std::vector<std::string_view> Requires() const override {
    return {"sentences"};
  }
  std::vector<std::string_view> Provides() const override {
    return {"quantities", "dates"};
  }
  Status Run(Document& doc, StageState*) const override {
    const std::string& t = doc.field(Field::kText).norm;
    auto sentence_at = [&](uint32_t pos) {
      for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
        const Sentence& s = doc.sentences[i];
        if (s.field == Field::kText && s.span.Contains(pos)) return i;
      }
      return kNoSentence;
    };
    for (size_t at = t.find(" tons"); at != std::string::npos;
         at = t.find(" tons", at + 1)) {
      size_t begin = at;
      while (begin > 0 && (isdigit(static_cast<unsigned char>(t[begin - 1])) ||
                           t[begin - 1] == '.')) {
        --begin;
      }
      if (begin == at) continue;
      Quantity q;
      q.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(at + 5)};
      q.sentence = sentence_at(q.span.begin);
      q.value = q.lower = q.upper = std::stod(t.substr(begin, at - begin));
      q.unit = q.base_unit = "t";
      q.dimension = "mass";
      q.rule = "test.tons";
      doc.quantities.push_back(q);
    }
    for (size_t at = t.find("September"); at != std::string::npos;
         at = t.find("September", at + 1)) {
      DateMention d;
      d.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 9)};
      d.sentence = sentence_at(d.span.begin);
      d.value = "2025-09";
      d.grain = "month";
      d.rule = "test.month";
      doc.dates.push_back(d);
    }
    return Status::Ok();
  }
};

class SchemaMigrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto ctx = Context::Load(testing::LexiconDir().string());
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = std::move(ctx).value().release();
    // The version-1 stages (no extractors) and the same plus TonsStage.
    for (bool with_layers : {false, true}) {
      std::vector<std::unique_ptr<Stage>> stages;
      stages.push_back(MakeNormalizeStage(*ctx_));
      stages.push_back(MakeCitationStage());
      stages.push_back(MakeStructureStage());
      stages.push_back(MakeSentenceStage(*ctx_));
      if (with_layers) stages.push_back(std::make_unique<TonsStage>());
      auto a = Analyzer::FromStages(std::move(stages));
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      (with_layers ? layers_ : plain_) = std::move(a).value().release();
    }
  }
  static void TearDownTestSuite() {
    delete layers_;
    delete plain_;
    delete ctx_;
  }

  void SetUp() override {
    dir_ = testing::MakeTempDir("schema_migration_test");
    batch_ = (dir_ / "batch").string();
    fs::create_directories(batch_);
    testing::WriteFile(dir_ / "batch" / "a.txt",
                       "Gallium exports fell\n\nGallium exports fell to 1.5 "
                       "tons in September [1]. Stocks held 40 tons.\n");
    testing::WriteFile(dir_ / "batch" / "b.txt",
                       "稀土储量\n\n俄罗斯稀土储量约２８５万吨。"
                       "Output reached 7 tons.\n");
    testing::WriteFile(dir_ / "batch" / "c.jsonl", "{\"id\": 1}\n");  // a reject
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  IngestReport Ingest(FactStore& store, const Analyzer& analyzer) {
    IngestOptions opt;
    opt.paths = {batch_};
    opt.threads = 2;
    auto r = RunIngest(*ctx_, analyzer, store, opt);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : IngestReport();
  }

  // A fact base of schema version 1 at `path` holding what an ingest of
  // the batch stored: the frozen version-1 SQL, filled with the version-1
  // columns of an ingest by this build's version-1 stages.
  void MakeV1FactBase(const std::string& path) {
    const std::string current = (dir_ / "current.db").string();
    {
      auto store = FactStore::Open(current, FactStore::Mode::kReadWrite);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      IngestReport r = Ingest(**store, *plain_);
      ASSERT_EQ(r.summary.ingested, 2);
      ASSERT_EQ(r.summary.rejected, 1);
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
    Exec(db, std::string(kFrozenV1Sql));
    Exec(db,
         "INSERT INTO schema_version VALUES (1, '2026-01-05T09:00:00Z', "
         "'articles, sections, bullets, sentences (+FTS5), citations, runs, "
         "rejects')");
    Exec(db, "ATTACH '" + current + "' AS cur");
    Exec(db,
         "INSERT INTO documents SELECT id, key, file, position, line, format, "
         "encoding, title, source, source_id, published_at, topic, lang, "
         "text, meta, notes, bytes, run_id, ingested_at FROM cur.documents");
    for (const char* t : {"sections", "bullets", "citations", "rejects"}) {
      Exec(db, std::string("INSERT INTO ") + t + " SELECT * FROM cur." + t);
    }
    Exec(db,
         "INSERT INTO sentences SELECT id, doc_id, sentence_no, section_no, "
         "bullet_no, field, start, \"end\", lang, text, citations FROM "
         "cur.sentences");
    Exec(db,
         "INSERT INTO sentences_fts (rowid, text) SELECT id, norm FROM "
         "cur.sentences");
    Exec(db,
         "INSERT INTO runs SELECT id, started_at, finished_at, paths, threads, "
         "status, host, pid, files, ingested, unchanged, replaced, rejected, "
         "bytes, seconds, mb_per_s FROM cur.runs");
    Exec(db, "DETACH cur");
    ASSERT_EQ(All(db, "SELECT count(*) FROM documents"), "2\n");
    ASSERT_EQ(All(db, "SELECT count(*) FROM rejects"), "1\n");
    sqlite3_close(db);
    fs::remove(current);
  }

  static Context* ctx_;
  static Analyzer* plain_;
  static Analyzer* layers_;
  fs::path dir_;
  std::string batch_;
};
Context* SchemaMigrationTest::ctx_ = nullptr;
Analyzer* SchemaMigrationTest::plain_ = nullptr;
Analyzer* SchemaMigrationTest::layers_ = nullptr;

TEST(SchemaMigrations, VersionOneIsFrozenAndVersionsAscend) {
  auto ms = Migrations();
  ASSERT_EQ(ms.size(), 5u);
  EXPECT_EQ(ms[0].version, 1);
  EXPECT_EQ(ms[0].sql, kFrozenV1Sql);
  EXPECT_EQ(ms[1].version, 2);
  EXPECT_EQ(ms[2].version, 3);
  EXPECT_EQ(ms[3].version, 4);
  EXPECT_EQ(ms[4].version, 5);
  EXPECT_EQ(ms.back().version, kSchemaVersion);
  EXPECT_EQ(kSchemaVersion, 5);
}

TEST_F(SchemaMigrationTest, VersionOneFactBaseIsMigratedKeepingEveryRow) {
  const std::string path = (dir_ / "v1.db").string();
  MakeV1FactBase(path);
  std::string before;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
    before = DumpV1(db);
    sqlite3_close(db);
  }
  ASSERT_NE(before.find("Gallium exports fell to 1.5 tons"), std::string::npos);

  // Read-only never migrates.
  auto ro = FactStore::Open(path, FactStore::Mode::kReadOnly);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(ro.status().message(),
            path +
                " has schema version 1, older than this factmine's (5); open "
                "it once read-write (e.g. `factmine ingest`) to migrate it");

  auto store = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  sqlite3* db = (*store)->handle();
  EXPECT_EQ(All(db, "SELECT version, what FROM schema_version ORDER BY version"),
            "1|articles, sections, bullets, sentences (+FTS5), citations, "
            "runs, rejects\n"
            "2|quantities, dates; documents.analysis_version, "
            "runs.reanalyzed\n"
            "3|search index of Han characters (rebuilt); no quantities/dates "
            "secondary indexes\n"
            "4|sentences.norm holds the search text (FTS5 external content)\n"
            "5|entities, mentions, claims\n");
  EXPECT_EQ(DumpV1(db, /*migrated=*/true), before);
  EXPECT_EQ(All(db, "SELECT analysis_version, count(*) FROM documents "
                    "GROUP BY 1"),
            "0|2\n");
  EXPECT_EQ(All(db, "SELECT reanalyzed FROM runs"), "0\n");
  EXPECT_EQ(All(db, "SELECT (SELECT count(*) FROM quantities), "
                    "(SELECT count(*) FROM dates)"),
            "0|0\n");
  EXPECT_EQ(All(db, "PRAGMA integrity_check"), "ok\n");
  EXPECT_EQ(All(db, "PRAGMA foreign_key_check"), "");
  // Version 2 created secondary indexes, version 3 dropped them.
  EXPECT_EQ(All(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND "
                    "tbl_name IN ('quantities', 'dates') AND sql IS NOT NULL "
                    "ORDER BY name"),
            "");
  // Search still works on the migrated full-text index.
  auto hits = Search(**store, "gallium", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_EQ(hits->size(), 2u);  // the title and the first text sentence
  // Stored, but by an older analysis: nothing is current.
  auto current = (*store)->CurrentDocumentIds();
  ASSERT_TRUE(current.ok());
  EXPECT_TRUE(current->empty());
  // Every table exports (the new ones empty).
  for (const ExportTableSpec& t : ExportTables()) {
    std::ostringstream out;
    EXPECT_TRUE(ExportTable(**store, t.name, TableFormat::kCsv, out).ok())
        << t.name;
  }

  // Opening again migrates nothing more.
  store->reset();
  store = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(All((*store)->handle(), "SELECT count(*) FROM schema_version"),
            "5\n");
  store->reset();
  EXPECT_TRUE(FactStore::Open(path, FactStore::Mode::kReadOnly).ok());
}

// After the upgrade, re-ingesting the same batch analyses the old articles
// again (their content, and so their ids, did not change) and stores their
// quantities and dates; the ingest after that finds them unchanged.
TEST_F(SchemaMigrationTest, NextIngestReanalyzesTheOldArticles) {
  const std::string path = (dir_ / "v1.db").string();
  MakeV1FactBase(path);
  auto store = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  sqlite3* db = (*store)->handle();
  const std::string sentences_q =
      "SELECT d.file, s.sentence_no, s.section_no, s.bullet_no, s.field, "
      "s.start, s.\"end\", s.lang, s.text, s.citations FROM sentences s "
      "JOIN documents d ON d.id = s.doc_id ORDER BY 1, 2";
  const std::string sentences = All(db, sentences_q);
  const std::string ids = All(db, "SELECT id FROM documents ORDER BY id");

  IngestReport r = Ingest(**store, *layers_);
  EXPECT_EQ(r.summary.reanalyzed, 2);
  EXPECT_EQ(r.summary.ingested, 0);
  EXPECT_EQ(r.summary.unchanged, 0);
  EXPECT_EQ(r.summary.replaced, 0);
  EXPECT_EQ(r.summary.rejected, 1);
  EXPECT_EQ(r.removed, 0);
  EXPECT_EQ(All(db, "SELECT id, ingested, unchanged, reanalyzed, replaced, "
                    "rejected FROM runs ORDER BY id"),
            "1|2|0|0|0|1\n2|0|0|2|0|1\n");
  EXPECT_EQ(All(db, "SELECT id FROM documents ORDER BY id"), ids);
  EXPECT_EQ(All(db, "SELECT DISTINCT analysis_version FROM documents"),
            std::to_string(kAnalysisVersion) + "\n");
  // The same segmentation, stored again; the search index follows.
  EXPECT_EQ(All(db, sentences_q), sentences);
  EXPECT_EQ(All(db, "SELECT count(*) FROM sentences_fts"),
            All(db, "SELECT count(*) FROM sentences"));
  EXPECT_EQ(All(db, "SELECT count(*) FROM sentences_fts WHERE rowid NOT IN "
                    "(SELECT id FROM sentences)"),
            "0\n");
  // The new layers, in code points of the original text: b.txt has three
  // full-width digits before its English sentence.
  const std::string a = (fs::path(batch_) / "a.txt").string();
  const std::string b = (fs::path(batch_) / "b.txt").string();
  EXPECT_EQ(All(db, "SELECT d.file, q.quantity_no, q.sentence_no, q.start, "
                    "q.\"end\", q.surface, q.value, q.unit, q.rule FROM "
                    "quantities q JOIN documents d ON d.id = q.doc_id "
                    "ORDER BY 1, 2"),
            a + "|0|1|24|32|1.5 tons|1.5|t|test.tons\n" +
            a + "|1|2|63|70|40 tons|40.0|t|test.tons\n" +
            b + "|0|2|29|35|7 tons|7.0|t|test.tons\n");
  EXPECT_EQ(All(db, "SELECT d.file, t.sentence_no, t.start, t.\"end\", "
                    "t.surface, t.value, t.grain FROM dates t JOIN documents "
                    "d ON d.id = t.doc_id"),
            a + "|1|36|45|September|2025-09|month\n");
  // The sentence of each quantity holds it, and its citations follow it.
  std::ostringstream out;
  ASSERT_TRUE(
      ExportTable(**store, "quantities", TableFormat::kJsonl, out).ok());
  EXPECT_NE(out.str().find("\"sentence_no\":1,\"surface\":\"1.5 tons\","
                           "\"start\":24,\"end\":32,\"value\":1.5,"
                           "\"lower\":1.5,\"upper\":1.5,\"approx\":\"exact\","
                           "\"unit\":\"t\",\"dimension\":\"mass\","
                           "\"citations\":[1],"),
            std::string::npos)
      << out.str();

  IngestReport again = Ingest(**store, *layers_);
  EXPECT_EQ(again.summary.unchanged, 2);
  EXPECT_EQ(again.summary.reanalyzed, 0);
  EXPECT_EQ(All(db, "SELECT count(*) FROM quantities"), "3\n");
}

// Version 3 changed what the search index holds (Han characters instead of
// bigrams): migrating a version-2 fact base rebuilds the index from the
// stored search text. The version-2 file is made from the frozen version-1
// SQL plus the released version-2 migration; its index is then made stale
// (one sentence's index entries removed, its stored text kept), as an index
// of other tokens would be to this tokenizer.
TEST_F(SchemaMigrationTest, VersionTwoSearchIndexIsRebuilt) {
  const std::string path = (dir_ / "v2.db").string();
  MakeV1FactBase(path);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
    Exec(db, "BEGIN");
    Exec(db, std::string(Migrations()[1].sql));
    Exec(db,
         "INSERT INTO schema_version VALUES (2, '2026-02-01T09:00:00Z', "
         "'quantities, dates; documents.analysis_version, runs.reanalyzed')");
    Exec(db, "COMMIT");
    const std::string rowid =
        All(db, "SELECT id FROM sentences WHERE text LIKE '俄罗斯%'");
    ASSERT_FALSE(rowid.empty());
    // Re-insert the row with no text, then put its text back into the
    // content table behind FTS5's back: indexed without any token.
    Exec(db, "CREATE TEMP TABLE keep AS SELECT text FROM sentences_fts "
             "WHERE rowid = " + rowid);
    Exec(db, "DELETE FROM sentences_fts WHERE rowid = " + rowid);
    Exec(db, "INSERT INTO sentences_fts (rowid, text) VALUES (" + rowid +
                 ", '')");
    Exec(db, "UPDATE sentences_fts_content SET c0 = (SELECT text FROM keep) "
             "WHERE id = " + rowid);
    ASSERT_EQ(All(db, "SELECT count(*) FROM sentences_fts WHERE sentences_fts "
                      "MATCH '\"储量\"'"),
              "1\n");  // the title only
    sqlite3_close(db);
  }
  auto store = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  sqlite3* db = (*store)->handle();
  EXPECT_EQ(All(db, "SELECT max(version) FROM schema_version"), "5\n");
  Exec(db, "INSERT INTO sentences_fts (sentences_fts) VALUES "
           "('integrity-check')");
  EXPECT_EQ(All(db, "SELECT norm FROM sentences WHERE text LIKE '俄罗斯%'"),
            "俄罗斯稀土储量约285万吨。\n");
  auto hits = Search(**store, "储量", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 2u);  // the headline and the sentence
  auto one = Search(**store, "俄罗斯稀土", 10);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].text, "俄罗斯稀土储量约２８５万吨。");
}

// A stand-in for the entities and claims stages: every "Gallium" is a
// mention of the lexicon's gallium, and every quantity of a sentence that
// names it a claim about its stocks.
class GalliumStage : public Stage {
 public:
  std::string_view name() const override { return "gallium"; }
  std::vector<std::string_view> Requires() const override {
    return {"quantities"};
  }
  std::vector<std::string_view> Provides() const override {
    return {"entities", "claims"};
  }
  Status Run(Document& doc, StageState*) const override {
    const std::string& t = doc.field(Field::kText).norm;
    for (size_t at = t.find("Gallium"); at != std::string::npos;
         at = t.find("Gallium", at + 1)) {
      EntityMention m;
      m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 7)};
      for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
        if (doc.sentences[i].field == Field::kText &&
            doc.sentences[i].span.Contains(m.span.begin)) {
          m.sentence = i;
        }
      }
      m.id = "gallium";
      m.type = EntityType::kMaterial;
      m.name = "Gallium";
      m.rule = "test.gallium";
      doc.entities.push_back(m);
    }
    for (uint32_t q = 0; q < doc.quantities.size(); ++q) {
      for (uint32_t e = 0; e < doc.entities.size(); ++e) {
        if (doc.entities[e].sentence != doc.quantities[q].sentence) continue;
        Claim c;
        c.sentence = doc.quantities[q].sentence;
        c.quantity = q;
        c.subject_mention = static_cast<int32_t>(e);
        c.subject_id = "gallium";
        c.subject = "Gallium";
        c.attribute = "exports";
        c.confidence = 0.5f;
        c.rule = "test.claim";
        doc.claims.push_back(c);
      }
    }
    return Status::Ok();
  }
};

// Version 5 adds the entity and claim layers: a version-4 fact base (the
// frozen version-1 SQL plus the released migrations 2 to 4) gets the three
// empty tables and their indexes, keeps every row, and the next ingest
// analyses its articles again and stores their mentions and claims.
TEST_F(SchemaMigrationTest, VersionFourFactBaseGetsEntitiesMentionsClaims) {
  const std::string path = (dir_ / "v4.db").string();
  MakeV1FactBase(path);
  std::string before;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
    Exec(db, "BEGIN");
    for (int v = 2; v <= 4; ++v) {
      const Migration& m = Migrations()[static_cast<size_t>(v - 1)];
      Exec(db, std::string(m.sql));
      Exec(db, "INSERT INTO schema_version VALUES (" + std::to_string(v) +
                   ", '2026-03-01T09:00:00Z', '" + std::string(m.what) + "')");
    }
    Exec(db, "COMMIT");
    before = DumpV1(db, /*migrated=*/true);
    ASSERT_EQ(All(db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                      "('entities', 'mentions', 'claims')"),
              "0\n");
    sqlite3_close(db);
  }
  auto store = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  sqlite3* db = (*store)->handle();
  EXPECT_EQ(All(db, "SELECT version, what FROM schema_version WHERE "
                    "version >= 4 ORDER BY version"),
            "4|sentences.norm holds the search text (FTS5 external content)\n"
            "5|entities, mentions, claims\n");
  EXPECT_EQ(DumpV1(db, /*migrated=*/true), before);
  EXPECT_EQ(All(db, "SELECT (SELECT count(*) FROM entities), (SELECT "
                    "count(*) FROM mentions), (SELECT count(*) FROM claims)"),
            "0|0|0\n");
  EXPECT_EQ(All(db, "SELECT name FROM sqlite_schema WHERE type = 'index' AND "
                    "tbl_name = 'claims' AND sql IS NOT NULL ORDER BY name"),
            "claims_by_attribute\nclaims_by_subject\n");
  EXPECT_EQ(All(db, "PRAGMA integrity_check"), "ok\n");

  // The next ingest, by stages that find mentions and claims, stores them
  // for the old articles.
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(MakeNormalizeStage(*ctx_));
  stages.push_back(MakeCitationStage());
  stages.push_back(MakeStructureStage());
  stages.push_back(MakeSentenceStage(*ctx_));
  stages.push_back(std::make_unique<TonsStage>());
  stages.push_back(std::make_unique<GalliumStage>());
  auto claims = Analyzer::FromStages(std::move(stages));
  ASSERT_TRUE(claims.ok()) << claims.status().ToString();
  IngestReport r = Ingest(**store, **claims);
  EXPECT_EQ(r.summary.reanalyzed, 2);
  const std::string a = (fs::path(batch_) / "a.txt").string();
  EXPECT_EQ(All(db, "SELECT d.file, m.mention_no, m.entity_id, m.sentence_no, "
                    "m.start, m.\"end\", m.surface FROM mentions m JOIN "
                    "documents d ON d.id = m.doc_id ORDER BY 1, 2"),
            a + "|0|gallium|1|0|7|Gallium\n");
  EXPECT_EQ(All(db, "SELECT c.claim_id = d.id || ':0', c.subject_id, "
                    "c.attribute, c.value, c.unit FROM claims c JOIN "
                    "documents d ON d.id = c.doc_id"),
            "1|gallium|exports|1.5|t\n");
  EXPECT_EQ(All(db, "SELECT id, type, name, name_zh, linked FROM entities"),
            "gallium|material|gallium|镓|1\n");
  EXPECT_EQ(All(db, "PRAGMA foreign_key_check"), "");
}

// A migration that fails part way (here: a table it creates already
// exists) rolls back whole: the file stays a complete version-1 fact base.
TEST_F(SchemaMigrationTest, FailedMigrationLeavesVersionOneIntact) {
  const std::string path = (dir_ / "v1.db").string();
  MakeV1FactBase(path);
  std::string before;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
    Exec(db, "CREATE TABLE dates (x TEXT)");
    before = DumpV1(db);
    sqlite3_close(db);
  }
  auto store = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDbError);
  EXPECT_EQ(store.status().message(),
            path + ": schema migration to version 2: table dates already "
                   "exists");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
  EXPECT_EQ(DumpV1(db), before);
  EXPECT_EQ(All(db, "SELECT max(version) FROM schema_version"), "1\n");
  EXPECT_EQ(All(db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                    "('quantities', 'quantities_by_unit')"),
            "0\n");
  EXPECT_EQ(All(db, "SELECT count(*) FROM pragma_table_info('documents') "
                    "WHERE name = 'analysis_version'"),
            "0\n");
  sqlite3_close(db);
}

}  // namespace
}  // namespace factmine
