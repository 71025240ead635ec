// FactStore (see fact_store.h): opening and migrating the fact base, and the
// hot insert path used by the ingest pipeline's serial writer.
#include "pipeline/fact_store.h"

#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "extractors/claims/claim.h"
#include "extractors/entities/entity_lexicon.h"
#include "pipeline/cpu_time.h"
#include "pipeline/fts_tokenizer.h"
#include "pipeline/offset_map.h"
#include "pipeline/schema.h"

namespace factmine {
namespace {

// A prepared statement, finalized on destruction. Text is bound with
// SQLITE_STATIC: the caller keeps it alive until the statement is reset.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  int Prepare(sqlite3* db, const char* sql) {
    return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_,
                              nullptr);
  }
  sqlite3_stmt* get() const { return s_; }

  void Text(int i, std::string_view v) {
    // A null data pointer would bind SQL NULL; "" is an empty string.
    sqlite3_bind_text(s_, i, v.data() ? v.data() : "",
                      static_cast<int>(v.size()), SQLITE_STATIC);
  }
  // Empty means absent: binds NULL.
  void TextOrNull(int i, std::string_view v) {
    if (v.empty()) {
      sqlite3_bind_null(s_, i);
    } else {
      Text(i, v);
    }
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  // NaN (an open bound) and infinities bind NULL.
  void RealOrNull(int i, double v) {
    if (std::isfinite(v)) {
      sqlite3_bind_double(s_, i, v);
    } else {
      sqlite3_bind_null(s_, i);
    }
  }
  void Null(int i) { sqlite3_bind_null(s_, i); }

  // Runs a statement that returns no rows; SQLITE_OK or the error code.
  int Exec() {
    int rc = sqlite3_step(s_);
    sqlite3_reset(s_);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
  }
  int Step() { return sqlite3_step(s_); }
  void Reset() { sqlite3_reset(s_); }

 private:
  sqlite3_stmt* s_ = nullptr;
};

// Converts normalized-text spans of one field to code-point offsets into
// the field's original text.
class FieldOffsets {
 public:
  explicit FieldOffsets(const FieldText& f) : f_(f), cp_(f.original) {}

  struct Converted {
    int64_t start = 0, end = 0;  // code points into original
    std::string_view text;       // the original slice
  };
  // False if the span is not inside the normalized text.
  bool Convert(Span norm, Converted* out) const {
    if (norm.begin > norm.end || norm.end > f_.norm.size()) return false;
    Span o = f_.map.ToOriginal(norm);
    const uint32_t n = static_cast<uint32_t>(f_.original.size());
    if (o.end > n) o.end = n;
    if (o.begin > o.end) o.begin = o.end;
    out->start = cp_.ToCodepoint(o.begin);
    out->end = cp_.ToCodepoint(o.end);
    out->text = std::string_view(f_.original).substr(o.begin, o.size());
    return true;
  }

 private:
  const FieldText& f_;
  CodepointIndex cp_;
};

std::string SpanError(const Document& doc, const char* layer, size_t i, Span s,
                      Field f) {
  return "article " + doc.id + " (" + doc.raw().key + "): " + layer + " " +
         std::to_string(i) + " span [" + std::to_string(s.begin) + "," +
         std::to_string(s.end) + ") is outside the " +
         std::string(FieldName(f)) + " field (" +
         std::to_string(doc.field(f).norm.size()) + " bytes)";
}

// "file:<path>?immutable=1" with the characters URIs reserve escaped.
std::string ImmutableUri(const std::string& path) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      uri += buf;
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?immutable=1";
}

// Deleting an article: the rows of every table that refers to it, then the
// article. The writer's connection does not enforce foreign keys (see
// Open), so their ON DELETE CASCADE does not run and this list must name
// every table with a doc_id column. The sentences_fts_delete trigger
// removes the search rows of the deleted sentences. Entities are shared by
// all articles and stay.
constexpr const char* kDeleteDocument[] = {
    "DELETE FROM sections WHERE doc_id = ?1",
    "DELETE FROM bullets WHERE doc_id = ?1",
    "DELETE FROM sentences WHERE doc_id = ?1",
    "DELETE FROM citations WHERE doc_id = ?1",
    "DELETE FROM quantities WHERE doc_id = ?1",
    "DELETE FROM dates WHERE doc_id = ?1",
    "DELETE FROM mentions WHERE doc_id = ?1",
    "DELETE FROM claims WHERE doc_id = ?1",
    "DELETE FROM documents WHERE id = ?1",
};
constexpr size_t kDeleteSteps = std::size(kDeleteDocument);

// Mentions are written this many rows an INSERT while an article has that
// many left (then one a statement).
constexpr int kMentionsPerInsert = 8;
constexpr int kMentionColumns = 10;

// "INSERT INTO mentions (…) VALUES (?1, …, ?10), (?11, …), …" for `rows`
// rows.
std::string MentionInsertSql(int rows) {
  std::string sql =
      "INSERT INTO mentions (doc_id, mention_no, entity_id, field, "
      "sentence_no, start, \"end\", surface, type, rule) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (int c = 1; c <= kMentionColumns; ++c) {
      if (c > 1) sql += ", ";
      sql += "?" + std::to_string(r * kMentionColumns + c);
    }
    sql += ")";
  }
  return sql;
}

}  // namespace

// Every statement of the write path, prepared once per connection.
struct FactStore::Statements {
  Stmt savepoint, release, rollback_to;
  Stmt find_id, update_place, list_file;
  std::array<Stmt, kDeleteSteps> delete_doc;
  Stmt insert_doc, insert_section, insert_bullet, insert_sentence, insert_fts,
      insert_citation, insert_quantity, insert_date, insert_mention,
      insert_claim, upsert_entity;
  // kMentionsPerInsert mentions a statement: one step, bind and reset for
  // several rows (an article has dozens of mentions).
  Stmt insert_mentions;
  Stmt delete_reject, upsert_reject;
};

FactStore::FactStore(sqlite3* db, std::string path, Mode mode)
    : db_(db), path_(std::move(path)), mode_(mode) {}

FactStore::~FactStore() {
  stmts_.reset();
  if (db_ != nullptr && !sqlite3_get_autocommit(db_)) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<FactStore>> FactStore::Open(const std::string& path,
                                                   Mode mode) {
  namespace fs = std::filesystem;
  const bool read_only = mode == Mode::kReadOnly;
  if (path.empty()) return Status::Usage("the fact base path is empty");
  const bool memory = path == ":memory:";
  std::error_code ec;
  const bool exists = !memory && fs::exists(path, ec);
  if (!memory && !exists && read_only) {
    return Status::NotFound("no fact base at " + path +
                            " (run `factmine ingest` to create one)");
  }
  if (exists && fs::is_directory(path, ec)) {
    return Status::InvalidInput(path + " is a directory, not a fact base file");
  }
  if (!memory && !read_only) {
    // Writing needs the directory too: for a new file, and in WAL mode for
    // the -wal and -shm files beside the database.
    fs::path dir = fs::absolute(path, ec).parent_path();
    if (!fs::is_directory(dir, ec)) {
      return Status::NotFound("cannot create fact base " + path +
                              ": directory " + dir.string() +
                              " does not exist");
    }
    if (access(dir.c_str(), W_OK | X_OK) != 0) {
      const std::string why = std::strerror(errno);
      if (!exists) {
        return Status::IoError("cannot create fact base " + path +
                               ": directory " + dir.string() +
                               " is not writable (" + why + ")");
      }
      return Status::IoError("cannot write fact base " + path + ": directory " +
                             dir.string() + " is not writable (" + why +
                             "), and writing needs the -wal and -shm files "
                             "there; open it read-only to query it");
    }
  }

  int flags = (read_only ? SQLITE_OPEN_READONLY
                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // The store owns the handle from here on, so every error path closes it.
  std::unique_ptr<FactStore> store(new FactStore(db, path, mode));
  if (rc != SQLITE_OK) {
    std::string why = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Status::IoError(std::string(exists || memory
                                           ? "cannot open fact base "
                                           : "cannot create fact base ") +
                           path + ": " + why);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);

  // First read: fails with "file is not a database" for a foreign file.
  auto version = ReadSchemaVersion(db, path);
  if (!version.ok() && read_only && !memory &&
      access(fs::absolute(path, ec).parent_path().c_str(), W_OK) != 0) {
    // A WAL database in a directory we cannot write: reading needs a -shm
    // file that cannot be created. No writer can be active there either
    // (it would need the -wal file in the same directory), so the file
    // cannot change under us: open it as immutable.
    sqlite3_close_v2(db);
    db = store->db_ = nullptr;
    rc = sqlite3_open_v2(
        ImmutableUri(path).c_str(), &db,
        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    store->db_ = db;
    if (rc != SQLITE_OK) return version.status();
    sqlite3_extended_result_codes(db, 1);
    version = ReadSchemaVersion(db, path);
  }
  if (!version.ok()) return version.status();

  if (!read_only && sqlite3_db_readonly(db, "main") == 1) {
    return Status::IoError("fact base " + path +
                           " is not writable (read-only file or directory); "
                           "fix the permissions or open it read-only");
  }
  auto exec = [&](const char* sql) -> Status {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK) {
      return Status::Ok();
    }
    std::string m = msg != nullptr ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    int code = sqlite3_extended_errcode(db) & 0xff;
    if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
        code == SQLITE_IOERR) {
      return Status::IoError("cannot write fact base " + path + ": " + m +
                             "; are the file and its directory writable?");
    }
    return Status::DbError(path + ": " + sql + ": " + m);
  };
  if (!read_only) {
    Status s = exec("PRAGMA journal_mode = WAL");
    if (s.ok()) s = exec("PRAGMA synchronous = NORMAL");
    // 64 MiB of page cache: a batch of articles (and FTS5 segment merges)
    // stays in memory until commit instead of spilling pages to the WAL
    // again and again (measured: 99k page writes for 3.1 MB of Chinese
    // news with the default 2 MiB cache).
    if (s.ok()) s = exec("PRAGMA cache_size = -65536");
    if (!s.ok()) return s;
  }
  // Foreign keys stay unenforced on this connection (SQLite's default):
  // checking each inserted row's article cost 12% of storing it, and the
  // writer inserts an article's rows right after the article, in one
  // savepoint. It deletes an article's rows itself (kDeleteDocument); the
  // REFERENCES … ON DELETE CASCADE clauses remain for other tools.
  Status s = exec("PRAGMA foreign_keys = OFF");
  if (!s.ok()) return s;
  s = RegisterFactmineTokenizer(db);
  if (!s.ok()) return s;

  if (read_only) {
    if (*version == 0) {
      return Status::InvalidInput(path + " is empty, not a factmine fact base");
    }
    if (*version != kSchemaVersion) {
      return Status::InvalidInput(
          path + " has schema version " + std::to_string(*version) +
          (*version > kSchemaVersion
               ? ", newer than this factmine understands (" +
                     std::to_string(kSchemaVersion) + "); use a newer factmine"
               : ", older than this factmine's (" +
                     std::to_string(kSchemaVersion) +
                     "); open it once read-write (e.g. `factmine ingest`) "
                     "to migrate it"));
    }
  } else {
    s = MigrateSchema(db, path);
    if (!s.ok()) {
      if (s.code() == StatusCode::kDbError) {
        int code = sqlite3_extended_errcode(db) & 0xff;
        if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN) {
          return Status::IoError(s.message() +
                                 "; are the file and its directory writable?");
        }
      }
      return s;
    }
  }
  return store;
}

Status FactStore::Error(const char* what) const {
  std::string m = path_ + ": " + what + ": " + sqlite3_errmsg(db_);
  if ((sqlite3_extended_errcode(db_) & 0xff) == SQLITE_BUSY) {
    m += " (another process is writing this fact base)";
  }
  return Status::DbError(m);
}

Status FactStore::CheckWritable(const char* what) const {
  if (mode_ == Mode::kReadOnly) {
    return Status::Usage(std::string("fact base ") + path_ +
                         " is open read-only; cannot " + what);
  }
  return Status::Ok();
}

Status FactStore::PrepareWriters() {
  if (stmts_ != nullptr) return Status::Ok();
  auto st = std::make_unique<Statements>();
  struct {
    Stmt* stmt;
    const char* sql;
  } const table[] = {
      {&st->savepoint, "SAVEPOINT factmine_remove"},
      {&st->release, "RELEASE factmine_remove"},
      {&st->rollback_to, "ROLLBACK TO factmine_remove"},
      {&st->find_id,
       "SELECT file, position, line, key, analysis_version FROM documents "
       "WHERE id = ?1"},
      {&st->update_place,
       "UPDATE documents SET position = ?2, line = ?3, key = ?4 WHERE id = ?1"},
      {&st->list_file, "SELECT id FROM documents WHERE file = ?1"},
      {&st->insert_doc,
       "INSERT INTO documents (id, key, file, position, line, format, "
       "encoding, title, source, source_id, published_at, topic, lang, text, "
       "meta, notes, bytes, run_id, ingested_at, analysis_version) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
       "?16, ?17, ?18, ?19, ?20)"},
      {&st->insert_section,
       "INSERT INTO sections (doc_id, section_no, kind, label, group_no, "
       "title, field, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
       "?9)"},
      {&st->insert_bullet,
       "INSERT INTO bullets (doc_id, bullet_no, section_no, field, start, "
       "\"end\", text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&st->insert_sentence,
       "INSERT INTO sentences (doc_id, sentence_no, section_no, bullet_no, "
       "field, start, \"end\", lang, text, citations, norm) VALUES (?1, ?2, "
       "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
      {&st->insert_fts,
       "INSERT INTO sentences_fts (rowid, norm) SELECT id, norm FROM "
       "sentences WHERE id BETWEEN ?1 AND ?2"},
      {&st->insert_citation,
       "INSERT OR IGNORE INTO citations (doc_id, sentence_no, marker_no, idx, "
       "field, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&st->insert_quantity,
       "INSERT INTO quantities (doc_id, quantity_no, field, sentence_no, "
       "start, \"end\", surface, value, lower, upper, approx, unit, "
       "dimension, base_unit, to_base, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
       "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"},
      {&st->insert_date,
       "INSERT INTO dates (doc_id, date_no, field, sentence_no, start, "
       "\"end\", surface, value, grain, relation, relative, rule) VALUES "
       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
      {&st->insert_mention,
       "INSERT INTO mentions (doc_id, mention_no, entity_id, field, "
       "sentence_no, start, \"end\", surface, type, rule) VALUES (?1, ?2, ?3, "
       "?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
      {&st->insert_claim,
       "INSERT INTO claims (doc_id, claim_no, sentence_no, field, "
       "quantity_no, subject_id, subject, subject_from, subject_mention_no, "
       "attribute, object_id, object, value, lower, upper, approx, unit, "
       "dimension, counterpart_id, counterpart, time, date_no, modality, "
       "attribution, attribution_id, confidence, rule) VALUES (?1, ?2, ?3, "
       "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
       "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)"},
      // A linked entity takes the lexicon's current names (unless this
      // writer had no lexicon: then it keeps the Chinese name it has); an
      // unlinked one keeps the type it was first seen with.
      {&st->upsert_entity,
       "INSERT INTO entities (id, type, name, name_zh, country, linked) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
       "type = excluded.type, name = excluded.name, name_zh = "
       "coalesce(excluded.name_zh, name_zh), country = "
       "coalesce(excluded.country, country), linked = 1 "
       "WHERE excluded.linked = 1"},
      {&st->delete_reject,
       "DELETE FROM rejects WHERE path = ?1 AND position = ?2"},
      {&st->upsert_reject,
       "INSERT INTO rejects (run_id, path, position, line, code, reason, at) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (path, position) DO "
       "UPDATE SET run_id = excluded.run_id, line = excluded.line, code = "
       "excluded.code, reason = excluded.reason, at = excluded.at"},
  };
  for (const auto& [stmt, sql] : table) {
    if (stmt->Prepare(db_, sql) != SQLITE_OK) {
      return Status::DbError(path_ + ": preparing \"" + sql +
                             "\": " + sqlite3_errmsg(db_));
    }
  }
  const std::string mentions_sql = MentionInsertSql(kMentionsPerInsert);
  if (st->insert_mentions.Prepare(db_, mentions_sql.c_str()) != SQLITE_OK) {
    return Status::DbError(path_ + ": preparing \"" + mentions_sql +
                           "\": " + sqlite3_errmsg(db_));
  }
  for (size_t i = 0; i < kDeleteSteps; ++i) {
    if (st->delete_doc[i].Prepare(db_, kDeleteDocument[i]) != SQLITE_OK) {
      return Status::DbError(path_ + ": preparing \"" + kDeleteDocument[i] +
                             "\": " + sqlite3_errmsg(db_));
    }
  }
  stmts_ = std::move(st);
  return Status::Ok();
}

Result<int64_t> FactStore::BeginRun(const std::vector<std::string>& paths,
                                    int threads) {
  Status s = CheckWritable("record a run");
  if (!s.ok()) return s;
  if (in_batch()) return Status::Usage("BeginRun inside an open batch");
  nlohmann::json j = paths;
  std::string paths_json =
      j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string now = UtcNow();
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  // Runs of this host still marked running whose process is gone were
  // killed (or crashed): mark them interrupted.
  {
    Stmt find;
    if (find.Prepare(db_, "SELECT id, pid FROM runs WHERE status = 'running' AND host = ?1") !=
        SQLITE_OK) {
      return Error("preparing the runs lookup");
    }
    find.Text(1, host);
    std::vector<int64_t> dead;
    while (find.Step() == SQLITE_ROW) {
      pid_t pid = static_cast<pid_t>(sqlite3_column_int64(find.get(), 1));
      if (pid > 0 && kill(pid, 0) != 0 && errno == ESRCH) {
        dead.push_back(sqlite3_column_int64(find.get(), 0));
      }
    }
    find.Reset();
    Stmt mark;
    if (mark.Prepare(db_, "UPDATE runs SET status = 'interrupted' WHERE id = ?1") != SQLITE_OK) {
      return Error("preparing the runs update");
    }
    for (int64_t id : dead) {
      mark.Int(1, id);
      if (mark.Exec() != SQLITE_OK) return Error("marking an interrupted run");
    }
  }
  Stmt st;
  if (st.Prepare(db_,
                 "INSERT INTO runs (started_at, paths, threads, status, host, pid) "
                 "VALUES (?1, ?2, ?3, 'running', ?4, ?5)") != SQLITE_OK) {
    return Error("preparing the runs insert");
  }
  st.Text(1, now);
  st.Text(2, paths_json);
  st.Int(3, threads);
  st.Text(4, host);
  st.Int(5, static_cast<int64_t>(getpid()));
  if (st.Exec() != SQLITE_OK) return Error("recording the run");
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status FactStore::FinishRun(int64_t run_id, const RunSummary& r, bool ok) {
  Status s = CheckWritable("finish a run");
  if (!s.ok()) return s;
  if (in_batch()) return Status::Usage("FinishRun inside an open batch");
  Stmt st;
  if (st.Prepare(db_,
                 "UPDATE runs SET finished_at = ?2, status = ?3, files = ?4, "
                 "ingested = ?5, unchanged = ?6, replaced = ?7, rejected = ?8, "
                 "bytes = ?9, seconds = ?10, mb_per_s = ?11, reanalyzed = ?12 "
                 "WHERE id = ?1") !=
      SQLITE_OK) {
    return Error("preparing the runs update");
  }
  std::string now = UtcNow();
  st.Int(1, run_id);
  st.Text(2, now);
  st.Text(3, ok ? "done" : "failed");
  st.Int(4, r.files);
  st.Int(5, r.ingested);
  st.Int(6, r.unchanged);
  st.Int(7, r.replaced);
  st.Int(8, r.rejected);
  st.Int(9, static_cast<int64_t>(r.bytes));
  st.Real(10, r.seconds);
  st.Real(11,
          r.seconds > 0 ? static_cast<double>(r.bytes) / 1e6 / r.seconds : 0);
  st.Int(12, r.reanalyzed);
  if (st.Exec() != SQLITE_OK) return Error("finishing the run");
  if (sqlite3_changes(db_) != 1) {
    return Status::NotFound(path_ + ": no run " + std::to_string(run_id));
  }
  return Status::Ok();
}

Result<std::vector<std::string>> FactStore::DocumentIds() {
  return ListIds("SELECT id FROM documents ORDER BY id");
}

Result<std::vector<std::string>> FactStore::CurrentDocumentIds() {
  static const std::string sql =
      "SELECT id FROM documents WHERE analysis_version = " +
      std::to_string(kAnalysisVersion) + " ORDER BY id";
  return ListIds(sql.c_str());
}

Result<std::vector<std::string>> FactStore::ListIds(const char* sql) {
  Stmt st;
  if (st.Prepare(db_, sql) != SQLITE_OK) return Error("listing documents");
  std::vector<std::string> ids;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st.get(), 0);
    ids.emplace_back(reinterpret_cast<const char*>(t),
                     static_cast<size_t>(sqlite3_column_bytes(st.get(), 0)));
  }
  if (rc != SQLITE_DONE) return Error("listing documents");
  return ids;
}

bool FactStore::in_batch() const { return !sqlite3_get_autocommit(db_); }

Status FactStore::BeginBatch() {
  Status s = CheckWritable("begin a batch");
  if (!s.ok()) return s;
  if (in_batch()) return Status::Usage("a batch is already open");
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    return Error("beginning a batch");
  }
  return Status::Ok();
}

Status FactStore::CommitBatch() {
  Status s = CheckWritable("commit a batch");
  if (!s.ok()) return s;
  if (!in_batch()) return Status::Usage("no batch is open");
  LapStart();
  if (stmts_ != nullptr) {
    s = FlushSearchRows();
    if (!s.ok()) return s;
  }
  Lap(&profile_.fts);
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    EndEntities(false);
    return Error("committing a batch");
  }
  EndEntities(true);
  Lap(&profile_.commit);
  if (profiling_) ++profile_.commits;
  return Status::Ok();
}

Status FactStore::RollbackBatch() {
  if (!in_batch()) return Status::Usage("no batch is open");
  ClearSearchRows();
  EndEntities(false);
  if (sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error("rolling back a batch");
  }
  return Status::Ok();
}

Result<FactStore::PreparedArticle> FactStore::Prepare(
    const Document& doc, const EntityLexicon* lexicon) {
  if (!doc.status.ok()) {
    return Status::InvalidInput(
        "article " + doc.raw().key +
        " failed analysis and cannot be stored: " + doc.status.ToString());
  }
  if (doc.id.empty()) {
    return Status::InvalidInput("article " + doc.raw().key + " has no id");
  }
  PreparedArticle rows;
  const RawArticle& raw = doc.raw();
  for (const std::string& n : raw.notes) {
    if (!rows.notes.empty()) rows.notes += "; ";
    rows.notes += n;
  }

  const FieldOffsets offsets[2] = {FieldOffsets(doc.field(Field::kTitle)),
                                   FieldOffsets(doc.field(Field::kText))};
  auto conv = [&](Field f, Span span, PreparedArticle::Row* row) {
    FieldOffsets::Converted c;
    if (!offsets[static_cast<int>(f)].Convert(span, &c)) return false;
    *row = {c.start, c.end, c.text};
    return true;
  };

  rows.sections.resize(doc.sections.size());
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& sec = doc.sections[i];
    if (!conv(sec.field, sec.span, &rows.sections[i])) {
      return Status::Internal(
          SpanError(doc, "section", i, sec.span, sec.field));
    }
  }

  rows.bullets.resize(doc.bullets.size());
  for (size_t i = 0; i < doc.bullets.size(); ++i) {
    const Bullet& b = doc.bullets[i];
    if (b.section >= doc.sections.size()) {
      return Status::Internal("article " + doc.id + ": bullet " +
                              std::to_string(i) + " refers to section " +
                              std::to_string(b.section) + " of " +
                              std::to_string(doc.sections.size()));
    }
    Field f = doc.sections[b.section].field;
    if (!conv(f, b.span, &rows.bullets[i])) {
      return Status::Internal(SpanError(doc, "bullet", i, b.span, f));
    }
  }

  rows.sentences.resize(doc.sentences.size());
  rows.in_bullet.resize(doc.sentences.size());
  rows.cites_end.resize(doc.sentences.size());
  std::vector<int> seen;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& sen = doc.sentences[i];
    if (!conv(sen.field, sen.span, &rows.sentences[i])) {
      return Status::Internal(
          SpanError(doc, "sentence", i, sen.span, sen.field));
    }
    if (!doc.sections.empty() && sen.section >= doc.sections.size()) {
      return Status::Internal("article " + doc.id + ": sentence " +
                              std::to_string(i) + " refers to section " +
                              std::to_string(sen.section) + " of " +
                              std::to_string(doc.sections.size()));
    }
    // The sentence lies in a bullet only if that bullet really holds it.
    rows.in_bullet[i] = sen.bullet < doc.bullets.size() &&
                        doc.bullets[sen.bullet].section == sen.section &&
                        doc.sections[sen.section].field == sen.field &&
                        doc.bullets[sen.bullet].span.Contains(sen.span);
    // Its citation indices in order of appearance, without repeats: "[1,3]".
    const size_t begin = rows.cites.size();
    rows.cites += '[';
    seen.clear();
    for (uint32_t ci : sen.citations) {
      if (ci >= doc.citations.size()) {
        return Status::Internal("article " + doc.id + ": sentence " +
                                std::to_string(i) + " refers to citation " +
                                std::to_string(ci) + " of " +
                                std::to_string(doc.citations.size()));
      }
      for (int idx : doc.citations[ci].indices) {
        bool dup = false;
        for (int x : seen) dup = dup || x == idx;
        if (dup) continue;
        seen.push_back(idx);
        if (rows.cites.size() > begin + 1) rows.cites += ',';
        rows.cites += std::to_string(idx);
      }
    }
    rows.cites += ']';
    rows.cites_end[i] = rows.cites.size();
  }

  rows.citations.resize(doc.citations.size());
  for (size_t i = 0; i < doc.citations.size(); ++i) {
    const Citation& cit = doc.citations[i];
    if (!conv(cit.field, cit.span, &rows.citations[i])) {
      return Status::Internal(
          SpanError(doc, "citation", i, cit.span, cit.field));
    }
    if (cit.sentence >= doc.sentences.size()) {
      return Status::Internal("article " + doc.id + ": citation " +
                              std::to_string(i) + " refers to sentence " +
                              std::to_string(cit.sentence) + " of " +
                              std::to_string(doc.sentences.size()));
    }
  }

  // The sentence of an extractor item: none, or a sentence of its field.
  auto sentence_ok = [&](uint32_t sentence, Field f) {
    return sentence == kNoSentence ||
           (sentence < doc.sentences.size() &&
            doc.sentences[sentence].field == f);
  };
  auto sentence_error = [&](const char* layer, size_t i, uint32_t sentence,
                            Field f) {
    return Status::Internal(
        "article " + doc.id + ": " + layer + " " + std::to_string(i) +
        " of the " + std::string(FieldName(f)) + " field refers to sentence " +
        std::to_string(sentence) + ", which is not a sentence of that field (" +
        std::to_string(doc.sentences.size()) + " sentences)");
  };

  rows.quantities.resize(doc.quantities.size());
  for (size_t i = 0; i < doc.quantities.size(); ++i) {
    const Quantity& qu = doc.quantities[i];
    if (!conv(qu.field, qu.span, &rows.quantities[i])) {
      return Status::Internal(
          SpanError(doc, "quantity", i, qu.span, qu.field));
    }
    if (!sentence_ok(qu.sentence, qu.field)) {
      return sentence_error("quantity", i, qu.sentence, qu.field);
    }
  }

  rows.dates.resize(doc.dates.size());
  for (size_t i = 0; i < doc.dates.size(); ++i) {
    const DateMention& dm = doc.dates[i];
    if (!conv(dm.field, dm.span, &rows.dates[i])) {
      return Status::Internal(SpanError(doc, "date", i, dm.span, dm.field));
    }
    if (!sentence_ok(dm.sentence, dm.field)) {
      return sentence_error("date", i, dm.sentence, dm.field);
    }
  }

  // Entity ids. Unlinked ones are made here ("u:" + surface) into
  // owned_ids, reserved for all of them first so that views stay valid.
  size_t unlinked = 0;
  for (const EntityMention& m : doc.entities) unlinked += !m.linked();
  for (const Claim& c : doc.claims) {
    unlinked += (c.subject_mention < 0 && c.subject_id.empty() &&
                 !c.subject.empty()) +
                (c.object_mention < 0 && c.object_id.empty() &&
                 !c.object.empty()) +
                (c.counterpart_mention < 0 && c.counterpart_id.empty() &&
                 !c.counterpart.empty());
  }
  rows.owned_ids.reserve(unlinked);
  auto unlinked_id = [&rows](std::string_view surface) -> std::string_view {
    std::string id(kUnlinkedPrefix);
    id += surface;
    rows.owned_ids.push_back(std::move(id));
    return rows.owned_ids.back();
  };
  // Adds the entity `id` to rows.entities unless it is there: linked ids
  // take their names from the lexicon when it knows them.
  auto add_entity = [&rows, lexicon](std::string_view id, EntityType type,
                                     std::string_view name, bool linked) {
    for (const PreparedArticle::EntityRow& e : rows.entities) {
      if (e.id == id) return;
    }
    PreparedArticle::EntityRow e;
    e.id = id;
    e.type = EntityTypeName(type);
    e.name = name;
    e.linked = linked;
    if (linked && lexicon != nullptr) {
      const int k = lexicon->FindId(id);
      if (k >= 0) {
        const EntityInfo& info = lexicon->entities()[static_cast<size_t>(k)];
        e.type = EntityTypeName(info.type);
        e.name = info.name;
        e.name_zh = info.name_zh;
        e.country = info.country;
      }
    }
    if (e.name.empty()) e.name = id.substr(linked ? 0 : kUnlinkedPrefix.size());
    rows.entities.push_back(e);
  };

  rows.mentions.resize(doc.entities.size());
  rows.mention_entity.resize(doc.entities.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const EntityMention& m = doc.entities[i];
    if (!conv(m.field, m.span, &rows.mentions[i])) {
      return Status::Internal(SpanError(doc, "mention", i, m.span, m.field));
    }
    if (!sentence_ok(m.sentence, m.field)) {
      return sentence_error("mention", i, m.sentence, m.field);
    }
    if (m.linked()) {
      rows.mention_entity[i] = m.id;
      add_entity(m.id, m.type, m.name, true);
    } else {
      rows.mention_entity[i] = unlinked_id(doc.View(m.field, m.span));
      add_entity(rows.mention_entity[i], m.type, {}, false);
    }
  }

  rows.claim_ids.resize(doc.claims.size());
  for (size_t i = 0; i < doc.claims.size(); ++i) {
    const Claim& c = doc.claims[i];
    auto claim_error = [&](const char* what, int64_t index, size_t size) {
      return Status::Internal("article " + doc.id + ": claim " +
                              std::to_string(i) + " refers to " + what + " " +
                              std::to_string(index) + " of " +
                              std::to_string(size));
    };
    if (c.sentence >= doc.sentences.size()) {
      return claim_error("sentence", c.sentence, doc.sentences.size());
    }
    if (c.quantity >= doc.quantities.size()) {
      return claim_error("quantity", c.quantity, doc.quantities.size());
    }
    if (c.date >= 0 && static_cast<size_t>(c.date) >= doc.dates.size()) {
      return claim_error("date", c.date, doc.dates.size());
    }
    // An entity of the claim: its mention's entity, else its own id, else
    // (unlinked, no mention) "u:" + its text; "" when it has none.
    auto entity = [&](const char* what, int32_t mention, std::string_view id,
                      std::string_view text,
                      std::string_view* out) -> Status {
      if (mention >= 0) {
        if (static_cast<size_t>(mention) >= doc.entities.size()) {
          return claim_error(what, mention, doc.entities.size());
        }
        *out = rows.mention_entity[static_cast<size_t>(mention)];
      } else if (!id.empty()) {
        *out = id;
        add_entity(id, EntityType::kUnknown, text, true);
      } else if (!text.empty()) {
        *out = unlinked_id(text);
        add_entity(*out, EntityType::kUnknown, {}, false);
      }
      return Status::Ok();
    };
    PreparedArticle::ClaimIds& ids = rows.claim_ids[i];
    Status s = entity("subject mention", c.subject_mention, c.subject_id,
                      c.subject, &ids.subject);
    if (s.ok()) {
      s = entity("object mention", c.object_mention, c.object_id, c.object,
                 &ids.object);
    }
    if (s.ok()) {
      s = entity("counterpart mention", c.counterpart_mention,
                 c.counterpart_id, c.counterpart, &ids.counterpart);
    }
    if (!s.ok()) return s;
    // The attribution's entity only when linked: an unlinked attribution
    // is text ("industry insiders"), not an entity.
    if (!c.attribution_id.empty()) {
      ids.attribution = c.attribution_id;
      add_entity(c.attribution_id, EntityType::kUnknown, c.attribution, true);
    }
  }
  return rows;
}

Result<FactStore::PutOutcome> FactStore::Put(const Document& doc,
                                             int64_t run_id) {
  Status s = CheckWritable("store articles");
  if (!s.ok()) return s;
  auto rows = Prepare(doc, lexicon_);
  if (!rows.ok()) return rows.status();
  return Put(doc, *rows, run_id);
}

Result<FactStore::PutOutcome> FactStore::Put(const Document& doc,
                                             const PreparedArticle& rows,
                                             int64_t run_id) {
  Status s = CheckWritable("store articles");
  if (!s.ok()) return s;
  s = PrepareWriters();
  if (!s.ok()) return s;
  LapStart();
  const RawArticle& raw = doc.raw();
  Statements& st = *stmts_;

  // Is the article stored already, and how?
  Stored stored;
  st.find_id.Text(1, doc.id);
  int rc = st.find_id.Step();
  if (rc == SQLITE_ROW) {
    sqlite3_stmt* f = st.find_id.get();
    auto col = [f](int i) {
      return std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(f, i)),
                              static_cast<size_t>(sqlite3_column_bytes(f, i)));
    };
    stored.exists = true;
    // Same file, new place: articles above it were added or removed.
    stored.moved = col(0) == raw.path &&
                   (sqlite3_column_int64(f, 1) != raw.position ||
                    sqlite3_column_int64(f, 2) != raw.line || col(3) != raw.key);
    stored.current = sqlite3_column_int64(f, 4) == kAnalysisVersion;
  }
  st.find_id.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("looking up an article id");
  Lap(&profile_.lookup);

  // Outside a batch, this Put is a transaction of its own.
  const bool alone = !in_batch();
  if (alone) {
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) !=
        SQLITE_OK) {
      return Error("beginning to store an article");
    }
  }
  // No savepoint around the article: every check that can refuse it ran in
  // Prepare, before anything was written, and a savepoint would copy each
  // page the article touches into a statement journal first (measured: 15-
  // 30% of storing). What can still fail here is SQLite itself (disk full,
  // I/O error), and then the whole transaction is rolled back.
  Result<PutOutcome> r = PutRows(doc, rows, run_id, stored);
  if (r.ok() && alone) {
    Status flushed = FlushSearchRows();
    if (flushed.ok() &&
        sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      flushed = Error("committing an article");
    }
    if (!flushed.ok()) r = flushed;
    if (flushed.ok()) EndEntities(true);
    Lap(&profile_.commit);
  }
  if (!r.ok()) {
    ClearSearchRows();
    EndEntities(false);
    if (!sqlite3_get_autocommit(db_)) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    if (!alone) {
      return Status(r.status().code(),
                    r.status().message() +
                        " (the open batch was rolled back: none of its "
                        "articles is stored)");
    }
  }
  return r;
}

Result<FactStore::PutOutcome> FactStore::PutRows(const Document& doc,
                                                 const PreparedArticle& rows,
                                                 int64_t run_id,
                                                 const Stored& stored) {
  Statements& st = *stmts_;
  const RawArticle& raw = doc.raw();
  if (!stored.exists) {
    return InsertDocument(doc, rows, run_id, PutOutcome::kIngested);
  }
  if (!stored.current) {
    // Stored by another analysis: replace it whole by doc, at doc's place.
    // Its search rows go with its sentences (a trigger); queued search rows
    // are indexed first, since they could be its own (stored earlier in
    // this batch).
    Status s = FlushSearchRows();
    if (!s.ok()) return s;
    Lap(&profile_.fts);
    if (!DeleteDocument(doc.id)) {
      return Error("deleting an article to analyse it again");
    }
    Lap(&profile_.remove);
    return InsertDocument(doc, rows, run_id, PutOutcome::kReanalyzed);
  }
  if (stored.moved) {
    st.update_place.Text(1, doc.id);
    st.update_place.Int(2, raw.position);
    st.update_place.Int(3, raw.line);
    st.update_place.Text(4, raw.key);
    if (st.update_place.Exec() != SQLITE_OK) return Error("moving an article");
  }
  st.delete_reject.Text(1, raw.path);
  st.delete_reject.Int(2, raw.position);
  if (st.delete_reject.Exec() != SQLITE_OK) return Error("deleting a reject");
  Lap(&profile_.lookup);
  return PutOutcome::kUnchanged;
}

bool FactStore::DeleteDocument(std::string_view id) {
  for (Stmt& q : stmts_->delete_doc) {
    q.Text(1, id);
    if (q.Exec() != SQLITE_OK) return false;
  }
  return true;
}

Status FactStore::FlushSearchRows() {
  if (pending_first_ == 0) return Status::Ok();
  Stmt& q = stmts_->insert_fts;
  q.Int(1, pending_first_);
  q.Int(2, pending_last_);
  if (q.Exec() != SQLITE_OK) return Error("indexing sentences for search");
  ClearSearchRows();
  return Status::Ok();
}

Status FactStore::QueueSearchRow(int64_t rowid) {
  if (pending_first_ != 0 && rowid == pending_last_ + 1) {
    pending_last_ = rowid;
    return Status::Ok();
  }
  Status s = FlushSearchRows();
  if (!s.ok()) return s;
  pending_first_ = pending_last_ = rowid;
  return Status::Ok();
}

Result<FactStore::PutOutcome> FactStore::InsertDocument(
    const Document& doc, const PreparedArticle& rows, int64_t run_id,
    PutOutcome outcome) {
  Statements& st = *stmts_;
  const RawArticle& raw = doc.raw();

  // documents row.
  const FieldText& title_f = doc.field(Field::kTitle);
  const FieldText& text_f = doc.field(Field::kText);
  std::string_view title = title_f.original.empty() && !raw.title.empty()
                               ? std::string_view(raw.title)
                               : std::string_view(title_f.original);
  std::string_view text = text_f.original.empty() && !raw.text.empty()
                              ? std::string_view(raw.text)
                              : std::string_view(text_f.original);
  std::string_view lang = LangName(doc.lang);
  if (lang.empty()) lang = raw.lang;
  const std::string now = UtcNow();
  Stmt& d = st.insert_doc;
  d.Text(1, doc.id);
  d.Text(2, raw.key);
  d.Text(3, raw.path);
  d.Int(4, raw.position);
  d.Int(5, raw.line);
  d.Text(6, FormatName(raw.format));
  d.TextOrNull(7, raw.encoding);
  d.Text(8, title);
  d.TextOrNull(9, raw.source);
  d.TextOrNull(10, doc.source_id);
  d.TextOrNull(11, raw.published_at);
  d.TextOrNull(12, raw.topic);
  d.TextOrNull(13, lang);
  d.Text(14, text);
  d.TextOrNull(15, raw.meta_json);
  d.TextOrNull(16, rows.notes);
  d.Int(17, static_cast<int64_t>(raw.bytes));
  if (run_id > 0) {
    d.Int(18, run_id);
  } else {
    d.Null(18);
  }
  d.Text(19, now);
  d.Int(20, kAnalysisVersion);
  if (d.Exec() != SQLITE_OK) return Error("inserting an article");
  Lap(&profile_.documents);

  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& sec = doc.sections[i];
    const PreparedArticle::Row& c = rows.sections[i];
    Stmt& q = st.insert_section;
    q.Text(1, doc.id);
    q.Int(2, static_cast<int64_t>(i));
    q.Text(3, SectionKindName(sec.kind));
    q.TextOrNull(4, sec.label);
    if (sec.group_no != 0) {
      q.Int(5, sec.group_no);
    } else {
      q.Null(5);
    }
    q.TextOrNull(6, sec.title);
    q.Text(7, FieldName(sec.field));
    q.Int(8, c.start);
    q.Int(9, c.end);
    if (q.Exec() != SQLITE_OK) return Error("inserting a section");
  }
  Lap(&profile_.sections);

  for (size_t i = 0; i < doc.bullets.size(); ++i) {
    const Bullet& b = doc.bullets[i];
    const PreparedArticle::Row& c = rows.bullets[i];
    Stmt& q = st.insert_bullet;
    q.Text(1, doc.id);
    q.Int(2, static_cast<int64_t>(i));
    q.Int(3, b.section);
    q.Text(4, FieldName(doc.sections[b.section].field));
    q.Int(5, c.start);
    q.Int(6, c.end);
    q.Text(7, c.text);
    if (q.Exec() != SQLITE_OK) return Error("inserting a bullet");
  }
  Lap(&profile_.bullets);

  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& sen = doc.sentences[i];
    const PreparedArticle::Row& c = rows.sentences[i];
    const size_t cites_begin = i == 0 ? 0 : rows.cites_end[i - 1];
    Stmt& q = st.insert_sentence;
    q.Text(1, doc.id);
    q.Int(2, static_cast<int64_t>(i));
    if (doc.sections.empty()) {
      q.Null(3);
    } else {
      q.Int(3, sen.section);
    }
    if (rows.in_bullet[i]) {
      q.Int(4, sen.bullet);
    } else {
      q.Null(4);
    }
    q.Text(5, FieldName(sen.field));
    q.Int(6, c.start);
    q.Int(7, c.end);
    q.TextOrNull(8, LangName(sen.lang));
    q.Text(9, c.text);
    q.Text(10, std::string_view(rows.cites)
                   .substr(cites_begin, rows.cites_end[i] - cites_begin));
    q.Text(11, doc.View(sen.field, sen.span));
    if (q.Exec() != SQLITE_OK) return Error("inserting a sentence");
    // Indexed for search when the batch commits (FlushSearchRows), all the
    // batch's sentences by one statement.
    Status queued = QueueSearchRow(sqlite3_last_insert_rowid(db_));
    if (!queued.ok()) return queued;
  }
  Lap(&profile_.sentences);

  for (size_t i = 0; i < doc.citations.size(); ++i) {
    const Citation& cit = doc.citations[i];
    const PreparedArticle::Row& c = rows.citations[i];
    Stmt& q = st.insert_citation;
    for (int idx : cit.indices) {
      q.Text(1, doc.id);
      q.Int(2, cit.sentence);
      q.Int(3, static_cast<int64_t>(i));
      q.Int(4, idx);
      q.Text(5, FieldName(cit.field));
      q.Int(6, c.start);
      q.Int(7, c.end);
      if (q.Exec() != SQLITE_OK) return Error("inserting a citation");
    }
  }
  Lap(&profile_.citations);

  // The sentence of an extractor item: NULL when it has none.
  auto bind_sentence = [](Stmt& q, int i, uint32_t sentence) {
    if (sentence == kNoSentence) {
      q.Null(i);
    } else {
      q.Int(i, sentence);
    }
  };

  for (size_t i = 0; i < doc.quantities.size(); ++i) {
    const Quantity& qu = doc.quantities[i];
    const PreparedArticle::Row& c = rows.quantities[i];
    Stmt& q = st.insert_quantity;
    q.Text(1, doc.id);
    q.Int(2, static_cast<int64_t>(i));
    q.Text(3, FieldName(qu.field));
    bind_sentence(q, 4, qu.sentence);
    q.Int(5, c.start);
    q.Int(6, c.end);
    q.Text(7, c.text);
    q.RealOrNull(8, qu.value);
    q.RealOrNull(9, qu.lower);
    q.RealOrNull(10, qu.upper);
    q.Text(11, ApproxName(qu.approx));
    q.TextOrNull(12, qu.unit);
    q.TextOrNull(13, qu.dimension);
    q.TextOrNull(14, qu.base_unit);
    q.RealOrNull(15, qu.to_base);
    q.Text(16, qu.rule);
    if (q.Exec() != SQLITE_OK) return Error("inserting a quantity");
  }
  Lap(&profile_.quantities);

  for (size_t i = 0; i < doc.dates.size(); ++i) {
    const DateMention& dm = doc.dates[i];
    const PreparedArticle::Row& c = rows.dates[i];
    Stmt& q = st.insert_date;
    q.Text(1, doc.id);
    q.Int(2, static_cast<int64_t>(i));
    q.Text(3, FieldName(dm.field));
    bind_sentence(q, 4, dm.sentence);
    q.Int(5, c.start);
    q.Int(6, c.end);
    q.Text(7, c.text);
    q.TextOrNull(8, dm.value);
    q.TextOrNull(9, dm.grain);
    q.TextOrNull(10, dm.relation);
    q.Int(11, dm.relative ? 1 : 0);
    q.Text(12, dm.rule);
    if (q.Exec() != SQLITE_OK) return Error("inserting a date");
  }
  Lap(&profile_.dates);

  Status ents = PutEntities(rows);
  if (!ents.ok()) return ents;
  Lap(&profile_.entities);

  // Binds mention i as the row of q whose first parameter is `base` + 1.
  auto bind_mention = [&](Stmt& q, int base, size_t i) {
    const EntityMention& m = doc.entities[i];
    const PreparedArticle::Row& c = rows.mentions[i];
    q.Text(base + 1, doc.id);
    q.Int(base + 2, static_cast<int64_t>(i));
    q.Text(base + 3, rows.mention_entity[i]);
    q.Text(base + 4, FieldName(m.field));
    bind_sentence(q, base + 5, m.sentence);
    q.Int(base + 6, c.start);
    q.Int(base + 7, c.end);
    q.Text(base + 8, c.text);
    q.Text(base + 9, EntityTypeName(m.type));
    q.Text(base + 10, m.rule);
  };
  for (size_t i = 0; i < doc.entities.size();) {
    const bool many = doc.entities.size() - i >= kMentionsPerInsert;
    Stmt& q = many ? st.insert_mentions : st.insert_mention;
    const size_t n = many ? kMentionsPerInsert : 1;
    for (size_t k = 0; k < n; ++k) {
      bind_mention(q, static_cast<int>(k) * kMentionColumns, i + k);
    }
    if (q.Exec() != SQLITE_OK) return Error("inserting a mention");
    i += n;
  }
  Lap(&profile_.mentions);

  // An index of another layer (-1 for none) as an integer or NULL.
  auto bind_index = [](Stmt& q, int i, int32_t index) {
    if (index < 0) {
      q.Null(i);
    } else {
      q.Int(i, index);
    }
  };
  for (size_t i = 0; i < doc.claims.size(); ++i) {
    const Claim& c = doc.claims[i];
    const PreparedArticle::ClaimIds& ids = rows.claim_ids[i];
    const Quantity& qu = doc.quantities[c.quantity];
    Stmt& q = st.insert_claim;
    q.Text(1, doc.id);
    q.Int(2, static_cast<int64_t>(i));
    q.Int(3, c.sentence);
    q.Text(4, FieldName(doc.sentences[c.sentence].field));
    q.Int(5, c.quantity);
    q.TextOrNull(6, ids.subject);
    q.TextOrNull(7, c.subject);
    q.Text(8, SubjectFromName(c.subject_from));
    bind_index(q, 9, c.subject_mention);
    q.Text(10, c.attribute);
    q.TextOrNull(11, ids.object);
    q.TextOrNull(12, c.object);
    q.RealOrNull(13, qu.value);
    q.RealOrNull(14, qu.lower);
    q.RealOrNull(15, qu.upper);
    q.Text(16, ApproxName(qu.approx));
    q.TextOrNull(17, qu.unit);
    q.TextOrNull(18, qu.dimension);
    q.TextOrNull(19, ids.counterpart);
    q.TextOrNull(20, c.counterpart);
    q.TextOrNull(21, c.time);
    bind_index(q, 22, c.date);
    q.Text(23, ModalityName(c.modality));
    q.TextOrNull(24, c.attribution);
    q.TextOrNull(25, ids.attribution);
    // A float's nearest double prints as 0.800000011920929: stored to 3
    // decimals, what the stage means (0.8).
    q.Real(26, std::round(static_cast<double>(c.confidence) * 1000) / 1000);
    q.Text(27, c.rule);
    if (q.Exec() != SQLITE_OK) return Error("inserting a claim");
  }
  Lap(&profile_.claims);

  st.delete_reject.Text(1, raw.path);
  st.delete_reject.Int(2, raw.position);
  if (st.delete_reject.Exec() != SQLITE_OK) return Error("deleting a reject");
  Lap(&profile_.lookup);
  return outcome;
}

Status FactStore::PutEntities(const PreparedArticle& rows) {
  Stmt& q = stmts_->upsert_entity;
  for (const PreparedArticle::EntityRow& e : rows.entities) {
    std::string id(e.id);  // ids are short: no allocation (SSO) for most
    if (entities_known_.count(id) || entities_pending_.count(id)) continue;
    q.Text(1, e.id);
    q.Text(2, e.type);
    q.Text(3, e.name);
    q.TextOrNull(4, e.name_zh);
    q.TextOrNull(5, e.country);
    q.Int(6, e.linked ? 1 : 0);
    if (q.Exec() != SQLITE_OK) return Error("writing an entity");
    entities_pending_.insert(std::move(id));
  }
  return Status::Ok();
}

void FactStore::EndEntities(bool committed) {
  if (committed) {
    entities_known_.merge(entities_pending_);
  }
  entities_pending_.clear();
}

Result<bool> FactStore::HasDocument(std::string_view id) {
  Status s = PrepareWriters();
  if (!s.ok()) return s;
  Stmt& q = stmts_->find_id;
  q.Text(1, id);
  int rc = q.Step();
  const bool current =
      rc == SQLITE_ROW && sqlite3_column_int64(q.get(), 4) == kAnalysisVersion;
  q.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("looking up an article id");
  return current;
}

Result<int64_t> FactStore::RemoveUnseen(const std::string& file,
                                        const std::unordered_set<std::string>& seen) {
  Status s = CheckWritable("remove articles");
  if (!s.ok()) return s;
  s = PrepareWriters();
  if (!s.ok()) return s;
  LapStart();
  std::vector<std::string> gone;
  Stmt& list = stmts_->list_file;
  list.Text(1, file);
  int rc;
  while ((rc = list.Step()) == SQLITE_ROW) {
    sqlite3_stmt* q = list.get();
    std::string id(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                   static_cast<size_t>(sqlite3_column_bytes(q, 0)));
    if (!seen.count(id)) gone.push_back(std::move(id));
  }
  list.Reset();
  if (rc != SQLITE_DONE) return Error("listing the articles of a file");
  if (gone.empty()) return 0;
  // Deleting articles must not meet search rows still queued: they could
  // be those of a deleted article stored earlier in this batch.
  s = FlushSearchRows();
  if (!s.ok()) return s;
  Lap(&profile_.fts);
  // All or nothing: an article is several statements to delete.
  Statements& st = *stmts_;
  if (st.savepoint.Exec() != SQLITE_OK) return Error("SAVEPOINT");
  for (const std::string& id : gone) {
    if (!DeleteDocument(id)) {
      Status e = Error("deleting an article no longer in its file");
      st.rollback_to.Exec();
      st.release.Exec();
      return e;
    }
  }
  if (st.release.Exec() != SQLITE_OK) {
    Status e = Error("deleting articles no longer in their file");
    st.rollback_to.Exec();
    st.release.Exec();
    return e;
  }
  Lap(&profile_.remove);
  return static_cast<int64_t>(gone.size());
}

Status FactStore::PutReject(int64_t run_id, const RawArticle& raw,
                            const Status& why) {
  Status s = CheckWritable("record rejects");
  if (!s.ok()) return s;
  s = PrepareWriters();
  if (!s.ok()) return s;
  const std::string now = UtcNow();
  Stmt& q = stmts_->upsert_reject;
  if (run_id > 0) {
    q.Int(1, run_id);
  } else {
    q.Null(1);
  }
  q.Text(2, raw.path);
  q.Int(3, raw.position);
  q.Int(4, raw.line);
  q.Text(5, StatusCodeName(why.code()));
  q.Text(6, why.message());
  q.Text(7, now);
  if (q.Exec() != SQLITE_OK) return Error("recording a reject");
  return Status::Ok();
}

}  // namespace factmine
