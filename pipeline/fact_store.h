// FactStore: the SQLite fact base, one file holding every stored article
// with its sections, bullets, sentences (full-text indexed), citations,
// quantities and dates, plus one row per ingest run and one per rejected
// article.
//
// Opening applies the schema migrations (pipeline/schema.h; tables are
// documented in pipeline/SCHEMA.md), sets WAL mode so readers may query
// while an ingest writes, turns foreign keys on, and registers the
// "factmine" FTS5 tokenizer on the connection.
//
// Articles are identified twice: Document::id is a hash of the content,
// RawArticle::key is the article's place (a jsonl "id", or "<path>#<n>").
// Put stores a Document idempotently: the same content again changes
// nothing, unless it was stored by an older analysis (kAnalysisVersion,
// schema.h), whose layers are then replaced; new content at a known place
// replaces the old version whole (RemoveUnseen).
//
// Offsets: a Document's spans are byte offsets into the normalized field
// text; the store converts them to code-point offsets into the ORIGINAL
// field text (what Python slicing sees), end exclusive.
//
// Thread safety: a FactStore is one SQLite connection; use it from one
// thread at a time (the ingest pipeline's serial writer stage). Other
// processes and other FactStores may read the same file concurrently.
// Lifetime: owns the connection; closing (destruction) rolls back an open
// batch. Not copyable.
#ifndef FACTMINE_PIPELINE_FACT_STORE_H_
#define FACTMINE_PIPELINE_FACT_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/status.h"

struct sqlite3;

namespace factmine {

class FactStore {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens the fact base at `path` (":memory:" for a private in-memory one),
  // creating it in kReadWrite mode, and migrates its schema. kReadOnly never
  // writes (not even a migration) and every writing method then fails with
  // kUsage.
  // Errors (each message names the path): kNotFound for a missing file in
  // read-only mode or a missing directory; kIoError when the file cannot be
  // created or written (read-only directory or file); kInvalidInput for a
  // file that is not an SQLite database, an SQLite database of another
  // program, or a schema newer than this build (or older, in read-only
  // mode); kDbError for other SQLite failures.
  static Result<std::unique_ptr<FactStore>> Open(const std::string& path,
                                                 Mode mode);

  ~FactStore();
  FactStore(const FactStore&) = delete;
  FactStore& operator=(const FactStore&) = delete;

  // The connection, for queries (fact_queries.h). Still owned by the store.
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }
  Mode mode() const { return mode_; }

  // Adds a runs row (status 'running', started now) and commits it at once.
  // REQUIRES: no open batch.
  Result<int64_t> BeginRun(const std::vector<std::string>& paths, int threads);

  struct RunSummary {
    int64_t files = 0, ingested = 0, unchanged = 0, replaced = 0, rejected = 0;
    // Unchanged articles stored by an older analysis whose layers were
    // replaced (PutOutcome::kReanalyzed); not counted in `unchanged`.
    int64_t reanalyzed = 0;
    uint64_t bytes = 0;  // input bytes read
    double seconds = 0;  // wall time of the run
  };
  // Fills in the run's counts, finished_at, throughput (MB = 10^6 bytes) and
  // status ('done' if ok, else 'failed'). REQUIRES: no open batch.
  Status FinishRun(int64_t run_id, const RunSummary& s, bool ok);

  // The id of every stored article, sorted.
  Result<std::vector<std::string>> DocumentIds();
  // The ids of the stored articles whose layers the current analysis wrote
  // (analysis_version = kAnalysisVersion), sorted: those Put would answer
  // kUnchanged for, so an ingest need not analyse them again.
  Result<std::vector<std::string>> CurrentDocumentIds();

  // A batch is one write transaction around many Put / PutReject calls
  // (BEGIN IMMEDIATE … COMMIT). Without a batch each call commits alone.
  Status BeginBatch();
  Status CommitBatch();
  // Discards everything written since BeginBatch.
  Status RollbackBatch();
  bool in_batch() const;

  enum class PutOutcome { kIngested, kUnchanged, kReanalyzed };

  // Stores one analysed article. An article is its content (doc.id); its
  // place (file, position, line, key) is where it was last seen.
  // - doc.id already stored by the current analysis (its analysis_version
  //   is kAnalysisVersion): kUnchanged. If it is stored for the same file
  //   at another position (articles above it were added or removed), its
  //   place is updated; nothing else is written.
  // - doc.id stored by another analysis version: the stored article is
  //   deleted with all its rows and `doc` inserted in its stead, at doc's
  //   place, with all its layers: kReanalyzed. REQUIRES: doc was analysed
  //   by this build (its layers are what the current analysis produces).
  // - otherwise: inserted with all its layers: kIngested. An older version
  //   of the article is removed by RemoveUnseen once its file is read.
  // run_id is the runs row storing it, or 0 for none (stored as NULL).
  // On success any rejects row for the article's place is deleted. A
  // failed Put leaves the database as it was before the call (the rest of
  // an open batch is kept).
  // Errors: kInvalidInput if !doc.status.ok() or doc.id is empty; kInternal
  // if a layer refers outside the document (a span past the end of its
  // field, a section/sentence index out of range, a quantity or date whose
  // sentence is of another field); kDbError otherwise.
  Result<PutOutcome> Put(const Document& doc, int64_t run_id);

  // True if an article with this id is stored by the current analysis, so
  // that Put would answer kUnchanged without looking at its layers. False
  // for an id not stored, or stored by another analysis version.
  Result<bool> HasDocument(std::string_view id);

  // After every article of `file` was read and stored: deletes the stored
  // articles of `file` whose ids are not in `seen` (they were edited or
  // removed from the file), with all their rows. Returns how many.
  // REQUIRES: `seen` holds the id of every article read from `file` in
  // this pass; call it only when no article of the file was rejected, so
  // that nothing is deleted that the file may still hold.
  Result<int64_t> RemoveUnseen(const std::string& file,
                               const std::unordered_set<std::string>& seen);

  // Records (or, for a place already recorded, updates) a rejected article:
  // raw.path, raw.position, raw.line, StatusCodeName(why.code()),
  // why.message(). An article stored later at the same place deletes it.
  Status PutReject(int64_t run_id, const RawArticle& raw, const Status& why);

 private:
  struct Statements;
  FactStore(sqlite3* db, std::string path, Mode mode);
  Status CheckWritable(const char* what) const;
  Status PrepareWriters();
  Status Error(const char* what) const;  // kDbError with sqlite3_errmsg
  Result<PutOutcome> PutLocked(const Document& doc, int64_t run_id);
  // Inserts doc with all its layers (no row with doc.id may exist) and
  // returns `outcome`.
  Result<PutOutcome> InsertDocument(const Document& doc, int64_t run_id,
                                    PutOutcome outcome);
  Result<std::vector<std::string>> ListIds(const char* sql);

  sqlite3* db_;
  std::string path_;
  Mode mode_;
  std::unique_ptr<Statements> stmts_;  // prepared on first write
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_FACT_STORE_H_
