// Crash safety (SPEC §6): "A killed ingest (SIGKILL) leaves a consistent
// database holding every article committed before the kill; running the
// same ingest again completes it."
//
// One JSONL batch of kArticles small invented articles (distinct ids and
// titles, two sentences each) is ingested with --batch 100 by the real
// binary in a child process. A separate read-only connection polls
// `SELECT count(*) FROM documents` (WAL lets it read during the ingest) and
// the child is SIGKILLed once the count reaches a threshold: right after
// the first commit, mid-way, and late. Then the fact base must pass
// PRAGMA integrity_check and the FTS5 integrity check, hold exactly the
// first k articles of the batch (k a multiple of the batch size), each with
// all its sentences and no orphans; and a re-run must exit 0 reporting
// kArticles - k new and k unchanged, leaving exactly kArticles articles.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "e2e/e2e_util.h"
#include "pipeline/fts_tokenizer.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using testing::ChildProcess;
using testing::FactBase;
using testing::FactmineRun;
using testing::LineStartingWith;
using testing::MakeTempDir;
using testing::MonotonicNs;
using testing::RunFactmine;
using testing::SqlQuote;

using Rows = std::vector<std::vector<std::string>>;

constexpr int kArticles = 8000;
constexpr int kBatch = 100;
constexpr int kSentencesPerArticle = 3;  // the title and two text sentences

double SecondsSince(int64_t start_ns) {
  return static_cast<double>(MonotonicNs() - start_ns) / 1e9;
}

class CrashTest : public ::testing::Test {
 protected:
  // The batch is shared by the three tests: one JSONL file, article i
  // (1-based) has id "harbor-i" and title "Harbor bulletin number i".
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::absolute(MakeTempDir("factmine-crash")).lexically_normal());
    batch_ = new std::string((*dir_ / "bulletins.jsonl").string());
    const char* places[] = {"ferry pier", "fish market", "lighthouse", "boatyard",
                            "customs shed", "tide gauge", "grain silo"};
    const char* crews[] = {"night crew", "divers", "harbor pilots", "dock workers",
                           "welders"};
    std::ofstream out(*batch_, std::ios::binary);
    for (int i = 1; i <= kArticles; ++i) {
      out << R"({"id":"harbor-)" << i << R"(","title":"Harbor bulletin number )" << i
          << R"(","source":"Harbor Office","published_at":"2025-05-)"
          << (i % 28 + 1 < 10 ? "0" : "") << (i % 28 + 1)
          << R"(","lang":"en","text":"The )" << places[i % 7] << " reopened after "
          << (i % 40 + 2) << " days of repairs by the " << crews[i % 5]
          << ". Inspectors counted " << (i * 7 % 900 + 30)
          << R"( boats in the basin that evening."})" << "\n";
    }
  }
  static void TearDownTestSuite() {
    if (!failed_) fs::remove_all(*dir_);
    delete batch_;
    delete dir_;
  }
  void TearDown() override {
    if (HasFailure()) failed_ = true;
  }

  static std::vector<std::string> IngestArgv(const std::string& db) {
    return {testing::FactmineBinary().string(), "--db", db, "ingest", "--batch",
            std::to_string(kBatch), "--quiet", *batch_};
  }

  // Documents count through a fresh read-only connection; -1 while the fact
  // base does not exist or has no schema yet.
  static int64_t CommittedDocuments(const std::string& db) {
    if (!fs::exists(db)) return -1;
    FactBase fb;
    if (!fb.Open(db, /*read_only=*/true)) return -1;
    return fb.Int("SELECT count(*) FROM documents");
  }

  // Checks that the fact base holds exactly the first `k` articles of the
  // batch, whole, and is internally consistent.
  static void ExpectConsistent(const std::string& db, int64_t k) {
    FactBase fb;
    ASSERT_TRUE(fb.Open(db, /*read_only=*/false)) << fb.error();
    EXPECT_EQ(fb.Rows("PRAGMA integrity_check"), (Rows{{"ok"}})) << fb.error();
    EXPECT_EQ(fb.Rows("PRAGMA foreign_key_check"), Rows{}) << fb.error();
    EXPECT_EQ(fb.Int("SELECT count(*) FROM documents"), k);
    // The first k articles in input order, and nothing else.
    EXPECT_EQ(fb.Rows("SELECT count(DISTINCT position), min(position), max(position), "
                      "sum(title != 'Harbor bulletin number ' || position), "
                      "sum(key != 'jsonl:harbor-' || position), "
                      "sum(file != " + SqlQuote(*batch_) + ") FROM documents"),
              (Rows{{std::to_string(k), "1", std::to_string(k), "0", "0", "0"}}))
        << fb.error();
    // Every article has all its sentences; nothing hangs without its article.
    EXPECT_EQ(fb.Int("SELECT count(*) FROM sentences"), kSentencesPerArticle * k);
    EXPECT_EQ(fb.Int("SELECT count(*) FROM (SELECT d.id FROM documents d LEFT JOIN sentences "
                     "s ON s.doc_id = d.id GROUP BY d.id HAVING count(s.id) != " +
                     std::to_string(kSentencesPerArticle) + ")"),
              0);
    for (const char* table : {"sentences", "sections", "bullets", "citations"}) {
      EXPECT_EQ(fb.Int(std::string("SELECT count(*) FROM ") + table +
                       " t WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = t.doc_id)"),
                0)
          << table << " rows without their document " << fb.error();
    }
    EXPECT_EQ(fb.Int("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                     "(SELECT 1 FROM sections s WHERE s.doc_id = d.id)"),
              0);
    EXPECT_EQ(fb.Int("SELECT count(*) FROM rejects"), 0);
    // The full-text index matches the sentences.
    Status reg = RegisterFactmineTokenizer(fb.handle());
    ASSERT_TRUE(reg.ok()) << reg.ToString();
    // (Its rows are read from sentences: it is an external content table.)
    EXPECT_EQ(fb.Int("SELECT count(*) FROM sentences WHERE norm != text"), 0);
    // Each article's title and its second text sentence are indexed.
    EXPECT_EQ(fb.Int("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                     "'\"harbor bulletin number\"'"),
              k)
        << fb.error();
    EXPECT_EQ(fb.Int("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                     "'inspectors'"),
              k)
        << fb.error();
    fb.Rows("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')");
    EXPECT_EQ(fb.error(), "") << "FTS5 integrity-check failed";
  }

  // Ingests the batch into a fresh fact base, SIGKILLs the ingest once at
  // least `kill_at` articles are committed, checks what is left, re-runs
  // the ingest and checks that it completes the batch.
  // `linger_ms` more milliseconds pass between seeing the count and the
  // kill, so that the kill lands somewhere inside the next batch.
  static void KillAndResume(const std::string& label, int64_t kill_at, int linger_ms) {
    const int64_t test_start = MonotonicNs();
    const std::string db = (*dir_ / (label + ".db")).string();
    ChildProcess child;
    std::string error;
    ASSERT_TRUE(child.Start(IngestArgv(db), *dir_ / (label + ".out"), *dir_ / (label + ".err"),
                            &error))
        << error;
    int64_t seen = -1;
    bool killed = false;
    while (SecondsSince(test_start) < 60) {
      if (!child.Running()) break;
      seen = CommittedDocuments(db);
      if (seen >= kill_at) {
        if (linger_ms > 0) usleep(static_cast<useconds_t>(linger_ms) * 1000);
        child.Kill(SIGKILL);
        killed = true;
        break;
      }
      usleep(2000);
    }
    if (!killed) child.Kill(SIGKILL);
    double run_seconds = 0;
    const int code = child.Wait(nullptr, &run_seconds);
    ASSERT_TRUE(killed) << label << ": the ingest ended (exit " << code << ") or timed out with "
                        << seen << " documents before reaching " << kill_at
                        << "\nstdout:\n" << testing::ReadFile(*dir_ / (label + ".out"))
                        << "stderr:\n" << testing::ReadFile(*dir_ / (label + ".err"));
    ASSERT_EQ(code, 128 + SIGKILL) << label << ": the ingest finished before the kill";

    // What the kill left: a write-ahead log still to be recovered.
    EXPECT_TRUE(fs::exists(db + "-wal"));
    const int64_t k = CommittedDocuments(db);
    EXPECT_GE(k, kill_at);
    EXPECT_LT(k, kArticles);
    EXPECT_EQ(k % kBatch, 0) << "committed " << k << " is not a multiple of the batch size";
    ExpectConsistent(db, k);
    {
      FactBase fb;
      ASSERT_TRUE(fb.Open(db, true)) << fb.error();
      // The killed run never finished.
      EXPECT_EQ(fb.Rows("SELECT id, status, finished_at FROM runs"),
                (Rows{{"1", "running", "<null>"}}));
    }

    // The same ingest again completes the batch.
    FactmineRun again = RunFactmine({"--db", db, "ingest", "--batch", std::to_string(kBatch),
                                     "--quiet", *batch_});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    const std::string want = "ingested " + std::to_string(kArticles) + " articles from 1 files into " +
                             db + ": " + std::to_string(kArticles - k) + " new, " +
                             std::to_string(k) + " unchanged, 0 replaced, 0 rejected; ";
    EXPECT_EQ(LineStartingWith(again.out, "ingested ").substr(0, want.size()), want)
        << again.out << again.err;
    ExpectConsistent(db, kArticles);
    FactBase fb;
    ASSERT_TRUE(fb.Open(db, true)) << fb.error();
    // The next run found the killed run's process gone and said so.
    EXPECT_EQ(fb.Rows("SELECT id, status, finished_at FROM runs WHERE id = 1"),
              (Rows{{"1", "interrupted", "<null>"}}));
    EXPECT_EQ(fb.Rows("SELECT id, status, files, ingested, unchanged, replaced, rejected "
                      "FROM runs WHERE id = 2"),
              (Rows{{"2", "done", "1", std::to_string(kArticles - k), std::to_string(k), "0",
                     "0"}}));
    // The articles stored before the kill kept their first run.
    EXPECT_EQ(fb.Int("SELECT count(*) FROM documents WHERE run_id = 1"), k);
    std::cout << "[ crash " << label << " ] killed after " << run_seconds << " s with " << k
              << " of " << kArticles << " committed; re-run " << again.seconds
              << " s; whole test " << SecondsSince(test_start) << " s\n";
  }

  static fs::path* dir_;
  static std::string* batch_;
  static bool failed_;
};

fs::path* CrashTest::dir_ = nullptr;
std::string* CrashTest::batch_ = nullptr;
bool CrashTest::failed_ = false;

TEST_F(CrashTest, KillRightAfterTheFirstCommit) { KillAndResume("first", kBatch, 0); }

TEST_F(CrashTest, KillMidway) { KillAndResume("midway", kArticles / 2, 30); }

TEST_F(CrashTest, KillLate) { KillAndResume("late", kArticles * 85 / 100, 10); }

}  // namespace
}  // namespace factmine
