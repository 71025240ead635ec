// End-to-end ingest helpers (see ingest_fixture.h).
#include "e2e/ingest_fixture.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "test_util.h"

namespace factmine::testing {

IngestedDb* BatchDbTest::db_ = nullptr;
std::filesystem::path* BatchDbTest::dir_ = nullptr;

void BatchDbTest::SetUpTestSuite() {
  dir_ = new std::filesystem::path(MakeTempDir("batch-db"));
  db_ = new IngestedDb({(SourceDir() / "corpus" / "batch").string()}, (*dir_ / "f.db").string());
}

void BatchDbTest::TearDownTestSuite() {
  delete db_;
  db_ = nullptr;
  std::filesystem::remove_all(*dir_);
  delete dir_;
  dir_ = nullptr;
}

IngestedDb::IngestedDb(const std::vector<std::string>& paths, const std::string& db_path,
                       int threads) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
  auto ctx = Context::Load(LexiconDir().string());
  if (!ctx.ok()) {
    ADD_FAILURE() << ctx.status().ToString();
    return;
  }
  ctx_ = std::move(ctx).value();
  auto analyzer = Analyzer::Create(*ctx_);
  if (!analyzer.ok()) {
    ADD_FAILURE() << analyzer.status().ToString();
    return;
  }
  analyzer_ = std::move(analyzer).value();
  auto store = FactStore::Open(db_path, FactStore::Mode::kReadWrite);
  if (!store.ok()) {
    ADD_FAILURE() << store.status().ToString();
    return;
  }
  store_ = std::move(store).value();
  report_ = Ingest(paths, threads);
}

IngestReport IngestedDb::Ingest(const std::vector<std::string>& paths, int threads) {
  IngestOptions opt;
  opt.paths = paths;
  opt.threads = threads;
  auto r = RunIngest(*ctx_, *analyzer_, *store_, opt);
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    return {};
  }
  EXPECT_TRUE(r->status.ok()) << r->status.ToString();
  return r.value();
}

Rows IngestedDb::Query(const std::string& sql) {
  Rows rows;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(store_->handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(store_->handle());
    return rows;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* t = sqlite3_column_text(st, i);
      row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  return rows;
}

std::string IngestedDb::Scalar(const std::string& sql) {
  Rows r = Query(sql);
  return r.empty() || r[0].empty() ? "" : r[0][0];
}

std::string SliceCodepoints(const std::string& s, long start, long end) {
  size_t i = 0;
  long cp = 0;
  size_t b = std::string::npos, e = std::string::npos;
  while (true) {
    if (cp == start && b == std::string::npos) b = i;
    if (cp == end) {
      e = i;
      break;
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++cp;
  }
  if (b == std::string::npos || e == std::string::npos || e < b) return "<out of range>";
  return s.substr(b, e - b);
}

}  // namespace factmine::testing
