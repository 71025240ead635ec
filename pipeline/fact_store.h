// FactStore: the SQLite fact base, one file holding every stored article
// with its sections, bullets, sentences (full-text indexed), citations,
// quantities, dates, entity mentions and claims, the entities they name,
// plus one row per ingest run and one per rejected article.
//
// Opening applies the schema migrations (pipeline/schema.h; tables are
// documented in pipeline/SCHEMA.md), sets WAL mode so readers may query
// while an ingest writes, and registers the "factmine" FTS5 tokenizer on the
// connection. Foreign keys are not enforced on it (they cost 12% of
// storing); the store keeps them itself, deleting an article's rows with it.
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

#include "pipeline/cpu_time.h"
#include "pipeline/document.h"
#include "pipeline/status.h"

struct sqlite3;

namespace factmine {

class EntityLexicon;

// The `entities.id` of an unlinked entity: kUnlinkedPrefix followed by its
// normalized surface ("u:Acme Lithium"). Linked entities keep their lexicon
// id ("RU", "mp_materials"), which never contains ':'.
inline constexpr std::string_view kUnlinkedPrefix = "u:";

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
  // Inside a batch, the sentences of the articles Put are indexed for
  // search (sentences_fts) by CommitBatch, just before COMMIT, all by one
  // statement (FTS5 writes its pending index at any savepoint, and builds
  // it faster in one go), so a search on this connection finds them only
  // after CommitBatch; other connections see nothing of a batch before its
  // commit anyway.
  Status BeginBatch();
  Status CommitBatch();
  // Discards everything written since BeginBatch.
  Status RollbackBatch();
  bool in_batch() const;

  enum class PutOutcome { kIngested, kUnchanged, kReanalyzed };

  // An article's rows as Put writes them: every layer checked against the
  // document, its spans converted to code points of the original text, the
  // sentences' citation lists built. Prepare needs no connection and no
  // lock (the ingest runs it in its parallel stage), so the serial writer
  // only binds and steps. The views point into the Document it was
  // prepared from, which must outlive it unchanged.
  struct PreparedArticle {
    struct Row {
      int64_t start = 0, end = 0;  // code points into the field's original
      std::string_view text;       // the original text of [start, end)
    };
    std::vector<Row> sections, bullets, sentences, citations, quantities,
        dates, mentions;
    // The entities table's id of each mention (a lexicon id, or a view of
    // `owned_ids` for an unlinked one: "u:" + its normalized surface).
    std::vector<std::string_view> mention_entity;
    // Each claim's entity ids (subject, object, counterpart, attribution),
    // "" for none, and the field of its sentence.
    struct ClaimIds {
      std::string_view subject, object, counterpart, attribution;
    };
    std::vector<ClaimIds> claim_ids;
    // The distinct entities the article's mentions and claims name, for the
    // entities table (written once per connection, see Put).
    struct EntityRow {
      std::string_view id, type, name, name_zh, country;
      bool linked = false;
    };
    std::vector<EntityRow> entities;
    // Storage of the unlinked ids above; never grows after they are taken
    // (reserved first), and moving the vector keeps its elements in place.
    std::vector<std::string> owned_ids;
    std::string cites;            // each sentence's "[1,3]", one after another
    std::vector<size_t> cites_end;  // where sentence i's part of `cites` ends
    std::vector<bool> in_bullet;  // sentence i lies in its bullet
    std::string notes;            // raw().notes joined by "; "
  };
  // `lexicon`, when given, supplies the Chinese name and country of linked
  // entities (entities.name_zh, country); without it they are NULL. It must
  // outlive the PreparedArticle (its rows point into it).
  // Errors (nothing is written by Put after any of them): kInvalidInput if
  // !doc.status.ok() or doc.id is empty; kInternal if a layer refers
  // outside the document (a span past the end of its field, a
  // section/sentence/citation index out of range, a quantity, date or
  // mention whose sentence is of another field, a claim whose sentence,
  // quantity, mention or date index is out of range). Thread-safe.
  static Result<PreparedArticle> Prepare(const Document& doc,
                                         const EntityLexicon* lexicon = nullptr);

  // The lexicon Put(doc, run_id) passes to Prepare (see there); none by
  // default. It must outlive the store's use of it.
  void set_entity_lexicon(const EntityLexicon* lexicon) { lexicon_ = lexicon; }

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
  // On success any rejects row for the article's place is deleted.
  // Errors: those of Prepare, which leave the database as it was (an open
  // batch goes on); kDbError when SQLite fails while writing (disk full,
  // I/O error): an article is many statements and has no savepoint of its
  // own (it would cost 15-30% of storing), so then the whole open batch
  // is rolled back and closed (in_batch() turns false), as a crash would.
  Result<PutOutcome> Put(const Document& doc, int64_t run_id);
  // The same with rows = Prepare(doc), built beforehand.
  Result<PutOutcome> Put(const Document& doc, const PreparedArticle& rows,
                         int64_t run_id);

  // True if an article with this id is stored by the current analysis, so
  // that Put would answer kUnchanged without looking at its layers. False
  // for an id not stored, or stored by another analysis version.
  Result<bool> HasDocument(std::string_view id);

  // After every article of `file` was read and stored: deletes the stored
  // articles of `file` whose ids are not in `seen` (they were edited or
  // removed from the file), with all their rows. Returns how many. All or
  // nothing: after an error none is deleted (an open batch goes on).
  // REQUIRES: `seen` holds the id of every article read from `file` in
  // this pass; call it only when no article of the file was rejected, so
  // that nothing is deleted that the file may still hold.
  Result<int64_t> RemoveUnseen(const std::string& file,
                               const std::unordered_set<std::string>& seen);

  // Where the write path spends its time, in CPU seconds (user + system) of
  // the calling thread, while profiling is on (set_profiling; default off).
  // Each Put's time is split by table; commit is CommitBatch (and the
  // implicit commit of a Put outside a batch): writing the WAL, checkpoints.
  struct Profile {
    double lookup = 0;      // finding the article's id, moving it, its rejects row
    double documents = 0, sections = 0, bullets = 0, sentences = 0,
           citations = 0, quantities = 0, dates = 0, mentions = 0, claims = 0;
    double entities = 0;    // the entities rows new to this connection
    double fts = 0;         // sentences_fts: tokenizing, index segments, merges
    double savepoints = 0;  // SAVEPOINT / RELEASE around each Put
    double remove = 0;      // RemoveUnseen and replaced articles' deletions
    double commit = 0;      // COMMIT: the WAL write and any checkpoint
    int64_t commits = 0;
  };
  // Turning profiling on starts a new profile.
  void set_profiling(bool on) {
    if (on) profile_ = Profile();
    profiling_ = on;
  }
  const Profile& profile() const { return profile_; }

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
  // What Put found stored under the article's id.
  struct Stored {
    bool exists = false;
    bool current = false;  // stored by the current analysis
    bool moved = false;    // same file, another place
  };
  Result<PutOutcome> PutRows(const Document& doc, const PreparedArticle& rows,
                             int64_t run_id, const Stored& stored);
  // Deletes the article `id` and every row that refers to it (the caller
  // turns a false return into Error()).
  bool DeleteDocument(std::string_view id);
  // Indexes the queued sentences (INSERT INTO sentences_fts … SELECT from
  // sentences). After a failure they stay queued.
  Status FlushSearchRows();
  // Queues sentence `rowid` for indexing (flushing the queue first if the
  // rowid does not follow the last one queued).
  Status QueueSearchRow(int64_t rowid);
  // Forgets the queue (the transaction holding its sentences is gone).
  void ClearSearchRows() { pending_first_ = pending_last_ = 0; }
  // The open transaction committed (true) or rolled back: the entities it
  // wrote are known, or forgotten.
  void EndEntities(bool committed);
  // Writes the entities of `rows` this connection has not written yet.
  Status PutEntities(const PreparedArticle& rows);
  // Inserts doc with all its layers (no row with doc.id may exist) and
  // returns `outcome`.
  Result<PutOutcome> InsertDocument(const Document& doc,
                                    const PreparedArticle& rows,
                                    int64_t run_id, PutOutcome outcome);
  Result<std::vector<std::string>> ListIds(const char* sql);
  // Profiling: LapStart starts a lap; Lap adds the thread CPU time since the
  // last lap to *into and starts the next. No-ops while profiling is off.
  void LapStart() {
    if (profiling_) lap_start_ = ThreadCpuSeconds();
  }
  void Lap(double* into) {
    if (!profiling_) return;
    const double now = ThreadCpuSeconds();
    *into += now - lap_start_;
    lap_start_ = now;
  }

  sqlite3* db_;
  std::string path_;
  Mode mode_;
  std::unique_ptr<Statements> stmts_;  // prepared on first write
  // The sentences of the open batch whose search rows are not yet indexed:
  // rowids pending_first_ to pending_last_ (consecutive, as SQLite gives
  // them to rows appended in a row); none when pending_first_ is 0.
  int64_t pending_first_ = 0;
  int64_t pending_last_ = 0;
  // Entity ids this connection wrote (or found) in committed transactions,
  // and those written by the open one (forgotten if it rolls back): Put
  // writes an entities row only for an id in neither. Without them every
  // mention would cost an upsert at a random place of the entities B-tree.
  std::unordered_set<std::string> entities_known_;
  std::unordered_set<std::string> entities_pending_;
  const EntityLexicon* lexicon_ = nullptr;
  bool profiling_ = false;
  Profile profile_;
  double lap_start_ = 0;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_FACT_STORE_H_
