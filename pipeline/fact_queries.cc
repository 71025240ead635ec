// Export, statistics, search and listing over the fact base (see
// fact_queries.h; the exported columns are documented in SCHEMA.md).
#include "pipeline/fact_queries.h"

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>

#include "extractors/entities/entity_lexicon.h"
#include "pipeline/fts_tokenizer.h"
#include "pipeline/lang.h"
#include "pipeline/schema.h"

namespace factmine {
namespace {

// The claims columns (export and `facts`), in order: a claim with its
// value, its article, its sentence's text and citations, and the quantity
// as written. Shared by the claims export and FactsSql.
#define FACTMINE_CLAIMS_SELECT                                                \
  "SELECT c.claim_id, c.doc_id, c.claim_no, d.title, d.source, d.source_id, " \
  "d.published_at, c.subject_id, c.subject, c.subject_from, c.attribute, "    \
  "c.object_id, c.object, c.value, c.lower, c.upper, c.approx, c.unit, "      \
  "c.dimension, c.counterpart_id, c.counterpart, c.time, c.modality, "        \
  "c.attribution, c.attribution_id, coalesce(s.citations, '[]') AS "          \
  "citations, q.surface AS quantity_surface, s.text AS sentence, "            \
  "c.confidence, c.rule, c.field, c.sentence_no, c.quantity_no, d.file, "     \
  "d.position "                                                               \
  "FROM claims c JOIN documents d ON d.id = c.doc_id "                        \
  "LEFT JOIN sentences s ON s.doc_id = c.doc_id "                             \
  "AND s.sentence_no = c.sentence_no "                                        \
  "LEFT JOIN quantities q ON q.doc_id = c.doc_id "                            \
  "AND q.quantity_no = c.quantity_no "

// The registry of exportable tables. To export a new table add an entry
// here (and document its columns in SCHEMA.md): the column list is the
// SELECT list, so the SQL is the contract.
constexpr std::array<ExportTableSpec, 12> kExportTables = {{
    {"documents", "one row per stored article, with its original text",
     "SELECT id, key, file, position, line, format, encoding, title, source, "
     "source_id, published_at, topic, lang, bytes, notes, meta, run_id, "
     "ingested_at, analysis_version, text FROM documents "
     "ORDER BY file, position, id",
     "meta"},
    {"sections", "headline, viewpoint, insights, group and other sections",
     "SELECT doc_id, section_no, kind, label, group_no, title, field, start, "
     "\"end\" FROM sections ORDER BY doc_id, section_no",
     ""},
    {"bullets", "bullets of digest sections (paragraphs of prose)",
     "SELECT doc_id, bullet_no, section_no, field, start, \"end\", text "
     "FROM bullets ORDER BY doc_id, bullet_no",
     ""},
    {"sentences", "sentences with language, citations and their article",
     "SELECT s.doc_id, s.sentence_no, s.section_no, s.bullet_no, s.field, "
     "s.start, s.\"end\", s.lang, s.citations, s.text, d.title, d.source, "
     "d.published_at FROM sentences s JOIN documents d ON d.id = s.doc_id "
     "ORDER BY s.doc_id, s.sentence_no",
     ""},
    {"citations", "citation markers, one row per cited index",
     "SELECT doc_id, sentence_no, marker_no, idx, field, start, \"end\" "
     "FROM citations ORDER BY doc_id, marker_no, idx",
     ""},
    // Citations are those of the quantity's sentence ('[]' without one).
    {"quantities",
     "numbers with unit, bounds and dimension, with their sentence's "
     "citations and their article",
     "SELECT q.doc_id, d.file, d.position, d.title, q.sentence_no, q.surface, "
     "q.start, q.\"end\", q.value, q.lower, q.upper, q.approx, q.unit, "
     "q.dimension, coalesce(s.citations, '[]') AS citations, q.rule, q.field, "
     "q.base_unit, q.to_base, q.quantity_no "
     "FROM quantities q JOIN documents d ON d.id = q.doc_id "
     "LEFT JOIN sentences s ON s.doc_id = q.doc_id "
     "AND s.sentence_no = q.sentence_no "
     "ORDER BY d.file, d.position, q.doc_id, q.quantity_no",
     ""},
    {"dates", "dates and years, resolved to ISO 8601, with their article",
     "SELECT t.doc_id, d.file, d.position, d.title, t.sentence_no, t.surface, "
     "t.start, t.\"end\", t.value, t.grain, t.relation, t.relative, t.rule, "
     "t.field, t.date_no "
     "FROM dates t JOIN documents d ON d.id = t.doc_id "
     "ORDER BY d.file, d.position, t.doc_id, t.date_no",
     ""},
    {"entities",
     "every entity a mention or claim names: lexicon id (or u:<surface> "
     "when unlinked), type, English and Chinese name",
     "SELECT id, type, name, name_zh, country, linked FROM entities "
     "ORDER BY id",
     ""},
    {"mentions", "entity mentions with their canonical entity",
     "SELECT m.doc_id, m.mention_no, m.entity_id, e.name, m.type, m.field, "
     "m.sentence_no, m.start, m.\"end\", m.surface, m.rule "
     "FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
     "ORDER BY m.doc_id, m.mention_no",
     ""},
    {"claims",
     "quantitative claims: subject, attribute, value, counterpart, time, "
     "modality, attribution, with their sentence, citations and article",
     FACTMINE_CLAIMS_SELECT "ORDER BY c.doc_id, c.claim_no", ""},
    {"runs", "one row per ingest run, with counts and throughput",
     "SELECT id, started_at, finished_at, status, paths, threads, files, "
     "ingested, unchanged, reanalyzed, replaced, rejected, bytes, seconds, "
     "mb_per_s FROM runs ORDER BY id",
     "paths"},
    {"rejects", "articles that could not be stored, with the reason",
     "SELECT id, run_id, path, position, line, code, reason, at FROM rejects "
     "ORDER BY path, position",
     ""},
}};

struct StmtDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

Result<StmtPtr> Prepare(FactStore& store, std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(store.handle(), sql.data(),
                         static_cast<int>(sql.size()), &s,
                         nullptr) != SQLITE_OK) {
    sqlite3_finalize(s);
    return Status::DbError(store.path() + ": " +
                           sqlite3_errmsg(store.handle()));
  }
  return StmtPtr(s);
}

Status StepError(FactStore& store) {
  return Status::DbError(store.path() + ": " + sqlite3_errmsg(store.handle()));
}

std::string ColumnText(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  if (t == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(t),
                     static_cast<size_t>(sqlite3_column_bytes(s, i)));
}

// Runs a "SELECT key, count" query into counts.
Status QueryCounts(FactStore& store, std::string_view sql,
                   std::vector<Stats::Count>* out) {
  auto st = Prepare(store, sql);
  if (!st.ok()) return st.status();
  int rc;
  while ((rc = sqlite3_step(st->get())) == SQLITE_ROW) {
    out->push_back(
        {ColumnText(st->get(), 0), sqlite3_column_int64(st->get(), 1)});
  }
  return rc == SQLITE_DONE ? Status::Ok() : StepError(store);
}

// Terminal columns taken by s: 2 for wide (CJK) characters, else 1.
size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      ++w;
      continue;
    }
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return w;
}

void PrintCounts(const char* heading, const std::vector<Stats::Count>& counts,
                 std::ostream& out) {
  out << heading << "\n";
  if (counts.empty()) {
    out << "  (none)\n";
    return;
  }
  size_t width = 0;
  for (const auto& c : counts) width = std::max(width, DisplayWidth(c.key));
  for (const auto& c : counts) {
    out << "  " << c.key << std::string(width - DisplayWidth(c.key) + 2, ' ')
        << c.n << "\n";
  }
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' ||
      b == '\v') {
    *len = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 IDEOGRAPHIC SPACE
    *len = 3;
    return true;
  }
  if (s.substr(i, 2) == "\xC2\xA0") {  // U+00A0 NO-BREAK SPACE
    *len = 2;
    return true;
  }
  return false;
}

}  // namespace

std::span<const ExportTableSpec> ExportTables() { return kExportTables; }

const ExportTableSpec* FindExportTable(std::string_view name) {
  for (const ExportTableSpec& t : kExportTables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string ExportTableNames() {
  std::string names;
  for (const ExportTableSpec& t : kExportTables) {
    if (!names.empty()) names += ", ";
    names += t.name;
  }
  return names;
}

namespace {
// Writes every row of the statement `s` (columns as its result columns;
// those named in the space-separated `json_columns` hold JSON).
Status WriteRows(FactStore& store, sqlite3_stmt* s,
                 std::string_view json_columns, TableFormat format,
                 std::ostream& out);
}  // namespace

Status ExportTable(FactStore& store, std::string_view table, TableFormat format,
                   std::ostream& out) {
  const ExportTableSpec* spec = FindExportTable(table);
  if (spec == nullptr) {
    return Status::NotFound("unknown table '" + std::string(table) +
                            "'; tables: " + ExportTableNames());
  }
  auto st = Prepare(store, spec->sql);
  if (!st.ok()) return st.status();
  return WriteRows(store, st->get(), spec->json_columns, format, out);
}

namespace {

Status WriteRows(FactStore& store, sqlite3_stmt* s,
                 std::string_view json_columns, TableFormat format,
                 std::ostream& out) {
  std::vector<TableColumn> columns;
  for (int i = 0; i < sqlite3_column_count(s); ++i) {
    TableColumn c;
    c.name = sqlite3_column_name(s, i);
    // Marked JSON columns: whole words of json_columns.
    std::string_view marks = json_columns;
    size_t pos = 0;
    while (pos < marks.size()) {
      size_t end = marks.find(' ', pos);
      if (end == std::string_view::npos) end = marks.size();
      if (marks.substr(pos, end - pos) == c.name) c.json = true;
      pos = end + 1;
    }
    columns.push_back(std::move(c));
  }
  TableWriter writer(format, std::move(columns), &out);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    Status w = writer.WriteStatementRow(s);
    if (!w.ok()) return w;
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return writer.Finish();
}

}  // namespace

Result<Stats> ComputeStats(FactStore& store) {
  Stats stats;
  for (const ExportTableSpec& t : kExportTables) {
    std::string sql = "SELECT '" + std::string(t.name) + "', count(*) FROM \"" +
                      std::string(t.name) + "\"";
    Status s = QueryCounts(store, sql, &stats.table_rows);
    if (!s.ok()) return s;
  }
  struct {
    const char* sql;
    std::vector<Stats::Count>* out;
  } const groups[] = {
      {"SELECT coalesce(source, '(none)'), count(*) FROM documents "
       "GROUP BY 1 ORDER BY 2 DESC, 1",
       &stats.by_source},
      {"SELECT coalesce(lang, '(none)'), count(*) FROM documents "
       "GROUP BY 1 ORDER BY 2 DESC, 1",
       &stats.by_lang},
      {"SELECT format, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
       &stats.by_format},
      {"SELECT code, count(*) FROM rejects GROUP BY 1 ORDER BY 2 DESC, 1",
       &stats.rejects_by_code},
      {"SELECT coalesce(dimension, '(none)'), count(*) FROM quantities "
       "GROUP BY 1 ORDER BY 2 DESC, 1",
       &stats.quantities_by_dimension},
  };
  for (const auto& g : groups) {
    Status s = QueryCounts(store, g.sql, g.out);
    if (!s.ok()) return s;
  }
  {
    const std::string sql =
        "SELECT 'stale', count(*) FROM documents WHERE analysis_version <> " +
        std::to_string(kAnalysisVersion);
    std::vector<Stats::Count> stale;
    Status s = QueryCounts(store, sql, &stale);
    if (!s.ok()) return s;
    stats.stale_documents = stale.empty() ? 0 : stale[0].n;
  }
  auto st = Prepare(store,
                    "SELECT id, started_at, coalesce(finished_at, ''), status, "
                    "files, ingested, unchanged, replaced, rejected, bytes, "
                    "seconds, mb_per_s, reanalyzed FROM runs "
                    "ORDER BY id DESC LIMIT 5");
  if (!st.ok()) return st.status();
  sqlite3_stmt* s = st->get();
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    Stats::Run r;
    r.id = sqlite3_column_int64(s, 0);
    r.started_at = ColumnText(s, 1);
    r.finished_at = ColumnText(s, 2);
    r.status = ColumnText(s, 3);
    r.files = sqlite3_column_int64(s, 4);
    r.ingested = sqlite3_column_int64(s, 5);
    r.unchanged = sqlite3_column_int64(s, 6);
    r.replaced = sqlite3_column_int64(s, 7);
    r.rejected = sqlite3_column_int64(s, 8);
    r.bytes = sqlite3_column_int64(s, 9);
    r.seconds = sqlite3_column_double(s, 10);
    r.mb_per_s = sqlite3_column_double(s, 11);
    r.reanalyzed = sqlite3_column_int64(s, 12);
    stats.last_runs.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return stats;
}

void PrintStats(const Stats& stats, std::ostream& out) {
  PrintCounts("Rows per table", stats.table_rows, out);
  if (stats.stale_documents > 0) {
    out << "  (" << stats.stale_documents
        << " article(s) were analysed by an older factmine; ingest their "
           "files again to update their quantities and dates)\n";
  }
  out << "\n";
  PrintCounts("Documents per source", stats.by_source, out);
  out << "\n";
  PrintCounts("Documents per language", stats.by_lang, out);
  out << "\n";
  PrintCounts("Documents per format", stats.by_format, out);
  out << "\n";
  PrintCounts("Rejects per code", stats.rejects_by_code, out);
  out << "\n";
  PrintCounts("Quantities per dimension", stats.quantities_by_dimension, out);
  out << "\n";
  out << "Last runs\n";
  if (stats.last_runs.empty()) out << "  (none)\n";
  for (const Stats::Run& r : stats.last_runs) {
    char numbers[160];
    std::snprintf(numbers, sizeof numbers, "%.2f MB in %.2f s (%.2f MB/s)",
                  static_cast<double>(r.bytes) / 1e6, r.seconds, r.mb_per_s);
    out << "  run " << r.id << "  " << r.started_at << "  " << r.status
        << "  files " << r.files << ", ingested " << r.ingested
        << ", unchanged " << r.unchanged << ", reanalyzed " << r.reanalyzed
        << ", replaced " << r.replaced
        << ", rejected " << r.rejected << ", " << numbers << "\n";
  }
}

std::string BuildMatchExpression(std::string_view query) {
  std::string expr;
  size_t i = 0;
  while (i < query.size()) {
    size_t len = 0;
    if (IsSpaceAt(query, i, &len)) {
      i += len;
      continue;
    }
    size_t start = i;
    while (i < query.size() && !IsSpaceAt(query, i, &len)) ++i;
    std::string_view term = query.substr(start, i - start);
    std::vector<FtsToken> tokens = FtsTokens(term, FtsTokenizeMode::kQuery);
    if (tokens.empty()) continue;
    if (!expr.empty()) expr += " AND ";
    expr += '"';
    for (char c : term) {
      if (c == '"') expr += '"';
      expr += c;
    }
    expr += '"';
    // Han text is indexed one character a token (fts_tokenizer.h), so a
    // phrase of characters matches inside longer words as it is.
  }
  return expr;
}

Result<std::vector<SearchHit>> Search(FactStore& store, std::string_view query,
                                      int limit) {
  if (limit < 1) return Status::Usage("search limit must be at least 1");
  std::string match = BuildMatchExpression(query);
  if (match.empty()) {
    return Status::Usage("search query '" + std::string(query) +
                         "' has no words to search for");
  }
  auto st = Prepare(
      store,
      "SELECT s.doc_id, d.title, coalesce(d.source, ''), "
      "coalesce(d.published_at, ''), s.sentence_no, s.field, s.text, "
      "snippet(sentences_fts, 0, '\u27E6', '\u27E7', '\u2026', 32), "
      "bm25(sentences_fts) AS score "
      "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
      "JOIN documents d ON d.id = s.doc_id "
      "WHERE sentences_fts MATCH ?1 "
      "ORDER BY score, d.published_at DESC, s.doc_id, s.sentence_no "
      "LIMIT ?2");
  if (!st.ok()) return st.status();
  sqlite3_stmt* s = st->get();
  sqlite3_bind_text(s, 1, match.data(), static_cast<int>(match.size()),
                    SQLITE_STATIC);
  sqlite3_bind_int(s, 2, limit);
  std::vector<SearchHit> hits;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    SearchHit h;
    h.doc_id = ColumnText(s, 0);
    h.title = ColumnText(s, 1);
    h.source = ColumnText(s, 2);
    h.published_at = ColumnText(s, 3);
    h.sentence_no = sqlite3_column_int64(s, 4);
    h.field = ColumnText(s, 5);
    h.text = ColumnText(s, 6);
    h.snippet = ColumnText(s, 7);
    h.score = sqlite3_column_double(s, 8);
    hits.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return hits;
}

Result<std::vector<ArticleRow>> ListArticles(FactStore& store, int limit) {
  if (limit < 1) return Status::Usage("listing limit must be at least 1");
  auto st = Prepare(
      store,
      "SELECT d.id, d.file, d.position, coalesce(d.source, ''), "
      "coalesce(d.published_at, ''), coalesce(d.lang, ''), d.title, "
      "(SELECT count(*) FROM sections x WHERE x.doc_id = d.id), "
      "(SELECT count(*) FROM sentences y WHERE y.doc_id = d.id) "
      "FROM documents d ORDER BY d.published_at DESC, d.file, d.position "
      "LIMIT ?1");
  if (!st.ok()) return st.status();
  sqlite3_stmt* s = st->get();
  sqlite3_bind_int(s, 1, limit);
  std::vector<ArticleRow> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    ArticleRow r;
    r.id = ColumnText(s, 0);
    r.file = ColumnText(s, 1);
    r.position = sqlite3_column_int64(s, 2);
    r.source = ColumnText(s, 3);
    r.published_at = ColumnText(s, 4);
    r.lang = ColumnText(s, 5);
    r.title = ColumnText(s, 6);
    r.sections = sqlite3_column_int64(s, 7);
    r.sentences = sqlite3_column_int64(s, 8);
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return rows;
}

}  // namespace factmine

namespace factmine {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The attribute as stored: ASCII lower case, ' ' and '-' as '_'.
std::string AttributeKey(std::string_view a) {
  std::string out;
  for (char c : a) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '-') c = '_';
    out += c;
  }
  return out;
}

// A FactFilter as SQL over FACTMINE_CLAIMS_SELECT, with the values to bind
// in order (?1, ?2, …).
struct FactsSql {
  std::string sql;
  std::vector<std::string> params;
};

Result<FactsSql> BuildFactsSql(const FactFilter& f) {
  if (!f.since.empty() && !IsValidSinceDate(f.since)) {
    return Status::Usage("--since '" + f.since +
                         "' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
  }
  if (f.limit < 0) return Status::Usage("the limit must not be negative");
  FactsSql q;
  q.sql = FACTMINE_CLAIMS_SELECT "WHERE 1";
  auto param = [&q](std::string v) {
    q.params.push_back(std::move(v));
    return "?" + std::to_string(q.params.size());
  };
  if (!f.entity_ids.empty() || !f.entity_text.empty()) {
    std::string any;
    for (const std::string& id : f.entity_ids) {
      any += (any.empty() ? "c.subject_id IN (" : ", ") + param(id);
    }
    if (!any.empty()) any += ")";
    if (!f.entity_text.empty()) {
      const std::string t = param(f.entity_text);
      const std::string u = param(std::string(kUnlinkedPrefix) + f.entity_text);
      if (!any.empty()) any += " OR ";
      any += "c.subject_id = " + u + " OR (c.subject_id LIKE 'u:%' AND "
             "lower(c.subject) = lower(" + t + "))";
    }
    q.sql += " AND (" + any + ")";
  }
  if (!f.attribute.empty()) {
    q.sql += " AND c.attribute = " + param(AttributeKey(f.attribute));
  }
  if (!f.source.empty()) {
    const std::string p = param(f.source);
    q.sql += " AND (d.source_id = " + p + " OR instr(lower(d.source), lower(" +
             p + ")) > 0)";
  }
  if (!f.since.empty()) q.sql += " AND d.published_at >= " + param(f.since);
  q.sql +=
      " ORDER BY c.subject_id IS NULL, lower(coalesce(c.subject, '')), "
      "c.subject_id, c.attribute, coalesce(c.time, '') DESC, "
      "coalesce(d.published_at, '') DESC, c.doc_id, c.claim_no";
  if (f.limit > 0) q.sql += " LIMIT " + std::to_string(f.limit);
  return q;
}

Result<StmtPtr> PrepareFacts(FactStore& store, const FactFilter& filter) {
  auto q = BuildFactsSql(filter);
  if (!q.ok()) return q.status();
  auto st = Prepare(store, q->sql);
  if (!st.ok()) return st.status();
  for (size_t i = 0; i < q->params.size(); ++i) {
    const std::string& v = q->params[i];
    sqlite3_bind_text(st->get(), static_cast<int>(i + 1), v.data(),
                      static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  return st;
}

std::optional<double> ColumnReal(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, i);
}

// A number for people: integers with thousands separators, others with up
// to 6 significant digits.
std::string FormatNumber(double v) {
  char buf[64];
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(v));
    std::string digits = buf, out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
  }
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

bool IsValidSinceDate(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!AllDigits(d.substr(0, 4))) return false;
  if (d.size() >= 7) {
    if (d[4] != '-' || !AllDigits(d.substr(5, 2))) return false;
    const int m = (d[5] - '0') * 10 + (d[6] - '0');
    if (m < 1 || m > 12) return false;
  }
  if (d.size() == 10) {
    if (d[7] != '-' || !AllDigits(d.substr(8, 2))) return false;
    const int day = (d[8] - '0') * 10 + (d[9] - '0');
    if (day < 1 || day > 31) return false;
  }
  return true;
}

bool ResolveFactEntity(const EntityLexicon* lexicon, std::string_view normalized,
                       FactFilter* filter) {
  // Trimmed of spaces around it.
  while (!normalized.empty() && normalized.front() == ' ') normalized.remove_prefix(1);
  while (!normalized.empty() && normalized.back() == ' ') normalized.remove_suffix(1);
  filter->entity_text = std::string(normalized);
  filter->entity_ids.clear();
  if (lexicon == nullptr) return false;
  const int k = lexicon->Resolve(normalized);
  if (k < 0) return false;
  filter->entity_ids.push_back(lexicon->entities()[static_cast<size_t>(k)].id);
  return true;
}

Status WriteFacts(FactStore& store, const FactFilter& filter,
                  TableFormat format, std::ostream& out) {
  auto st = PrepareFacts(store, filter);
  if (!st.ok()) return st.status();
  return WriteRows(store, st->get(), "", format, out);
}

Result<std::vector<FactRow>> QueryFacts(FactStore& store,
                                        const FactFilter& filter) {
  auto st = PrepareFacts(store, filter);
  if (!st.ok()) return st.status();
  sqlite3_stmt* s = st->get();
  std::vector<FactRow> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    // Columns of FACTMINE_CLAIMS_SELECT.
    FactRow r;
    r.claim_id = ColumnText(s, 0);
    r.doc_id = ColumnText(s, 1);
    r.title = ColumnText(s, 3);
    r.source = ColumnText(s, 4);
    r.published_at = ColumnText(s, 6);
    r.subject_id = ColumnText(s, 7);
    r.subject = ColumnText(s, 8);
    r.attribute = ColumnText(s, 10);
    r.object = ColumnText(s, 12);
    r.value = ColumnReal(s, 13);
    r.lower = ColumnReal(s, 14);
    r.upper = ColumnReal(s, 15);
    r.approx = ColumnText(s, 16);
    r.unit = ColumnText(s, 17);
    r.counterpart = ColumnText(s, 20);
    r.time = ColumnText(s, 21);
    r.modality = ColumnText(s, 22);
    r.attribution = ColumnText(s, 23);
    r.citations = ColumnText(s, 25);
    r.quantity_surface = ColumnText(s, 26);
    r.sentence = ColumnText(s, 27);
    r.confidence = sqlite3_column_double(s, 28);
    r.rule = ColumnText(s, 29);
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return StepError(store);
  return rows;
}

std::string FormatValue(std::optional<double> value,
                        std::optional<double> lower,
                        std::optional<double> upper, std::string_view approx,
                        std::string_view unit) {
  std::string v;
  if (approx == "range" && lower && upper) {
    v = FormatNumber(*lower) + "\u2013" + FormatNumber(*upper);
  } else {
    std::optional<double> x = value;
    if (!x) x = lower ? lower : upper;
    if (!x) return "?";
    v = FormatNumber(*x);
    if (approx == "about") v = "\u2248" + v;
    else if (approx == "over") v = "> " + v;
    else if (approx == "at_least") v = "\u2265 " + v;
    else if (approx == "under") v = "< " + v;
    else if (approx == "at_most") v = "\u2264 " + v;
  }
  if (!unit.empty()) v += " " + std::string(unit);
  return v;
}

}  // namespace factmine
