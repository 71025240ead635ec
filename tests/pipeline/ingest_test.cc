// Tests of RunIngest: a small batch of text and JSONL files written to a
// temp directory and stored in a FactStore file. Summary counts, input
// order of stored articles whatever the thread count and in-flight limit,
// rejects (reader, analyzer and file-level) in the report and the rejects
// table, re-ingest, progress callbacks and the open error.
#include "pipeline/ingest.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/fact_store.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// Sleeps a few milliseconds on every second article (by the last digit of
// the title), so that with several threads later articles often finish
// analysis before earlier ones and the writer has to restore input order.
class DelayStage : public Stage {
 public:
  std::string_view name() const override { return "delay"; }
  std::vector<std::string_view> Requires() const override {
    return {"sentences"};
  }
  std::vector<std::string_view> Provides() const override { return {}; }
  Status Run(Document& doc, StageState*) const override {
    const std::string& t = doc.raw().title;
    if (!t.empty() && (t.back() - '0') % 2 == 1) {
      std::this_thread::sleep_for(std::chrono::milliseconds(15));
    }
    return Status::Ok();
  }
};

// The JSONL feed: 12 good articles ("Feed item 01" … "Feed item 12"), a
// line without "text" (line 5), a blank line (7, not counted as a
// position) and an article whose title and text are an ideographic space
// (line 9): the reader accepts it (not ASCII blank) and normalization
// rejects it.
std::string FeedJsonl() {
  auto item = [](int n) {
    char buf[160];
    std::snprintf(
        buf, sizeof buf,
        "{\"id\":\"item%02d\",\"title\":\"Feed item %02d\","
        "\"text\":\"Shipment number %d left the harbour on time.\"}\n",
        n, n, n);
    return std::string(buf);
  };
  std::string s;
  for (int n = 1; n <= 4; ++n) s += item(n);                 // lines 1-4
  s += "{\"id\":\"bad\",\"title\":\"Missing its body\"}\n";  // line 5
  s += item(5);                                              // line 6
  s += "\n";                                                 // line 7
  s += item(6);                                              // line 8
  s += "{\"id\":\"blank\",\"title\":\"\\u3000\",\"text\":\"\\u3000\"}\n";  // 9
  for (int n = 7; n <= 12; ++n) s += item(n);  // lines 10-15
  return s;
}

class IngestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto ctx = Context::Load(testing::LexiconDir().string());
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = std::move(ctx).value().release();
    auto a = Analyzer::Create(*ctx_);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();

    std::vector<std::unique_ptr<Stage>> stages;
    stages.push_back(MakeNormalizeStage(*ctx_));
    stages.push_back(MakeCitationStage());
    stages.push_back(MakeStructureStage());
    stages.push_back(MakeSentenceStage(*ctx_));
    stages.push_back(MakeTokenStage(*ctx_));
    stages.push_back(std::make_unique<DelayStage>());
    auto slow = Analyzer::FromStages(std::move(stages));
    ASSERT_TRUE(slow.ok()) << slow.status().ToString();
    slow_analyzer_ = std::move(slow).value().release();
  }
  static void TearDownTestSuite() {
    delete slow_analyzer_;
    delete analyzer_;
    delete ctx_;
  }

  void SetUp() override {
    dir_ = testing::MakeTempDir("ingest_test");
    batch_ = (dir_ / "batch").lexically_normal();
    fs::create_directories(batch_ / "sub");
    Write("01_port.txt",
          "Port traffic rises\n\nThe port handled more ships this spring.\n");
    Write("02_feed.jsonl", FeedJsonl());
    Write("03_empty.txt", "");
    Write("04_rail.txt",
          "铁路货运量增长\n\n一季度铁路货运量同比增长百分之五。\n");
    Write("sub/05_more.txt",
          "More cargo expected\n\nAnalysts expect more cargo.\n");
    Write(".hidden.txt", "Hidden article\n\nNever read.\n");  // skipped
    auto store = FactStore::Open((dir_ / "facts.db").string(),
                                 FactStore::Mode::kReadWrite);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  void Write(const std::string& name, const std::string& bytes) {
    testing::WriteFile(batch_ / name, bytes);
    if (name[0] != '.') total_bytes_ += bytes.size();
  }
  std::string PathOf(const std::string& name) const {
    return (batch_ / name).lexically_normal().string();
  }

  IngestOptions Options(int threads, int max_in_flight = 0,
                        int batch_size = 256) {
    IngestOptions o;
    o.paths = {batch_.string()};
    o.threads = threads;
    o.max_in_flight = max_in_flight;
    o.batch_size = batch_size;
    return o;
  }

  // Every row of `sql`, columns joined by '|'.
  Strings All(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(
        sqlite3_prepare_v2(store_->handle(), sql.c_str(), -1, &st, nullptr),
        SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(store_->handle());
    Strings out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        if (i > 0) row += '|';
        const unsigned char* t = sqlite3_column_text(st, i);
        row += t ? reinterpret_cast<const char*>(t) : "NULL";
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    return out;
  }

  // Titles of the stored articles in the order they were inserted.
  Strings StoredTitles() {
    return All("SELECT title FROM documents ORDER BY rowid");
  }

  static Strings ExpectedTitles() {
    Strings t = {"Port traffic rises"};
    for (int n = 1; n <= 12; ++n) {
      t.push_back((n < 10 ? "Feed item 0" : "Feed item ") + std::to_string(n));
    }
    t.push_back("铁路货运量增长");
    t.push_back("More cargo expected");
    return t;
  }

  static Context* ctx_;
  static Analyzer* analyzer_;
  static Analyzer* slow_analyzer_;
  fs::path dir_, batch_;
  uint64_t total_bytes_ = 0;
  std::unique_ptr<FactStore> store_;
};
Context* IngestTest::ctx_ = nullptr;
Analyzer* IngestTest::analyzer_ = nullptr;
Analyzer* IngestTest::slow_analyzer_ = nullptr;

TEST_F(IngestTest, SummaryCountsAndRejects) {
  auto r = RunIngest(*ctx_, *analyzer_, *store_, Options(2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const IngestReport& rep = *r;
  EXPECT_TRUE(rep.status.ok()) << rep.status.ToString();
  EXPECT_GT(rep.run_id, 0);
  EXPECT_EQ(rep.summary.files, 5);  // the hidden file is not listed
  EXPECT_EQ(rep.summary.ingested, 15);
  EXPECT_EQ(rep.summary.unchanged, 0);
  EXPECT_EQ(rep.summary.replaced, 0);
  EXPECT_EQ(rep.summary.rejected, 3);
  EXPECT_EQ(rep.summary.bytes, total_bytes_);
  EXPECT_GE(rep.summary.seconds, 0.0);
  EXPECT_TRUE(rep.notes.empty());
  EXPECT_EQ(rep.noted, 0);

  struct RejectCase {
    std::string path;
    uint32_t position, line;
    StatusCode code;
    std::string message;
  };
  const RejectCase rejects[] = {
      {PathOf("02_feed.jsonl"), 5, 5, StatusCode::kInvalidInput,
       "line 5: no \"text\" field"},
      {PathOf("02_feed.jsonl"), 8, 9, StatusCode::kInvalidInput,
       "stage 'normalize': empty article: no title and no text"},
      {PathOf("03_empty.txt"), 0, 0, StatusCode::kInvalidInput, "empty file"},
  };
  ASSERT_EQ(rep.rejects.size(), std::size(rejects));
  for (size_t i = 0; i < std::size(rejects); ++i) {
    SCOPED_TRACE("reject " + std::to_string(i));
    EXPECT_EQ(rep.rejects[i].path, rejects[i].path);
    EXPECT_EQ(rep.rejects[i].position, rejects[i].position);
    EXPECT_EQ(rep.rejects[i].line, rejects[i].line);
    EXPECT_EQ(rep.rejects[i].why.code(), rejects[i].code);
    EXPECT_EQ(rep.rejects[i].why.message(), rejects[i].message);
  }
  EXPECT_EQ(
      All("SELECT path, position, line, code, reason, run_id FROM rejects "
          "ORDER BY id"),
      (Strings{
          PathOf("02_feed.jsonl") +
              "|5|5|invalid_input|line 5: no \"text\" "
              "field|" +
              std::to_string(rep.run_id),
          PathOf("02_feed.jsonl") +
              "|8|9|invalid_input|stage 'normalize': empty article: no "
              "title and no text|" +
              std::to_string(rep.run_id),
          PathOf("03_empty.txt") + "|0|0|invalid_input|empty file|" +
              std::to_string(rep.run_id),
      }));

  EXPECT_EQ(All("SELECT id, status, files, ingested, unchanged, replaced, "
                "rejected, bytes, threads FROM runs"),
            (Strings{std::to_string(rep.run_id) + "|done|5|15|0|0|3|" +
                     std::to_string(total_bytes_) + "|2"}));

  // Keys, positions and lines of a few stored articles.
  EXPECT_EQ(
      All("SELECT key, file, position, line, format FROM documents "
          "WHERE title IN ('Port traffic rises', 'Feed item 06', "
          "'More cargo expected') ORDER BY rowid"),
      (Strings{
          PathOf("01_port.txt") + "#1|" + PathOf("01_port.txt") + "|1|1|text",
          "jsonl:item06|" + PathOf("02_feed.jsonl") + "|7|8|jsonl",
          PathOf("sub/05_more.txt") + "#1|" + PathOf("sub/05_more.txt") +
              "|1|1|text",
      }));
}

TEST_F(IngestTest, ReingestFindsEverythingUnchanged) {
  auto first = RunIngest(*ctx_, *analyzer_, *store_, Options(2));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto again = RunIngest(*ctx_, *analyzer_, *store_, Options(2));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->status.ok()) << again->status.ToString();
  EXPECT_EQ(again->run_id, first->run_id + 1);
  EXPECT_EQ(again->summary.files, 5);
  EXPECT_EQ(again->summary.ingested, 0);
  EXPECT_EQ(again->summary.unchanged, 15);
  EXPECT_EQ(again->summary.replaced, 0);
  EXPECT_EQ(again->summary.rejected, 3);
  EXPECT_EQ(again->rejects.size(), 3u);
  EXPECT_EQ(StoredTitles(), ExpectedTitles());
  // A place rejected twice keeps one row.
  EXPECT_EQ(All("SELECT count(*) FROM rejects"), (Strings{"3"}));
}

struct OrderCase {
  int threads;
  int max_in_flight;
  int batch_size;
};

class IngestOrderTest : public IngestTest,
                        public ::testing::WithParamInterface<OrderCase> {};

TEST_P(IngestOrderTest, StoresArticlesInInputOrder) {
  const OrderCase c = GetParam();
  auto r = RunIngest(*ctx_, *slow_analyzer_, *store_,
                     Options(c.threads, c.max_in_flight, c.batch_size));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->status.ok()) << r->status.ToString();
  EXPECT_EQ(r->summary.ingested, 15);
  EXPECT_EQ(r->summary.rejected, 3);
  EXPECT_EQ(StoredTitles(), ExpectedTitles());
  ASSERT_EQ(r->rejects.size(), 3u);
  EXPECT_EQ(r->rejects[0].line, 5u);
  EXPECT_EQ(r->rejects[1].line, 9u);
  EXPECT_EQ(r->rejects[2].path, PathOf("03_empty.txt"));
  EXPECT_EQ(All("SELECT threads, status FROM runs"),
            (Strings{std::to_string(c.threads) + "|done"}));
}

INSTANTIATE_TEST_SUITE_P(
    ThreadsAndLimits, IngestOrderTest,
    ::testing::Values(OrderCase{1, 0, 256},  // one thread
                      OrderCase{3, 0, 256},  // three threads
                      OrderCase{3, 1, 256},  // one article in flight at a time
                      OrderCase{3, 2, 4},    // commits every 4 articles
                      OrderCase{3, 0, 1}),   // commits after every article
    [](const ::testing::TestParamInfo<OrderCase>& info) {
      return "threads" + std::to_string(info.param.threads) + "_inflight" +
             std::to_string(info.param.max_in_flight) + "_batch" +
             std::to_string(info.param.batch_size);
    });

TEST_F(IngestTest, ProgressReachesTotalBytes) {
  std::vector<IngestProgress> calls;
  IngestOptions o = Options(3);
  o.progress = [&calls](const IngestProgress& p) { calls.push_back(p); };
  auto r = RunIngest(*ctx_, *analyzer_, *store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(calls.empty());
  const IngestProgress& last = calls.back();
  EXPECT_EQ(last.total_bytes, total_bytes_);
  EXPECT_EQ(last.bytes_read, last.total_bytes);
  EXPECT_EQ(last.articles, 18);  // 15 stored + 3 rejected
  EXPECT_GE(last.seconds, 0.0);
  for (size_t i = 1; i < calls.size(); ++i) {
    EXPECT_GE(calls[i].articles, calls[i - 1].articles);
    EXPECT_GE(calls[i].bytes_read, calls[i - 1].bytes_read);
    EXPECT_EQ(calls[i].total_bytes, total_bytes_);
  }
}

// --profile: CPU seconds per stage and per table. The stages' parts add up
// within the process's CPU time; without the option nothing is measured.
TEST_F(IngestTest, ProfileAccountsForTheStagesAndTables) {
  auto plain = RunIngest(*ctx_, *analyzer_, *store_, Options(2));
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(plain->profile.process, 0.0);
  EXPECT_EQ(plain->profile.tables.commits, 0);

  auto fresh = FactStore::Open((dir_ / "profiled.db").string(),
                               FactStore::Mode::kReadWrite);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  IngestOptions o = Options(2, 0, /*batch_size=*/4);
  o.profile = true;
  auto r = RunIngest(*ctx_, *analyzer_, **fresh, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->summary.ingested, 15);
  const IngestProfile& p = r->profile;
  EXPECT_GT(p.read, 0.0);
  EXPECT_GT(p.analyze, 0.0);
  EXPECT_GT(p.store, 0.0);
  EXPECT_GT(p.wall, 0.0);
  EXPECT_GT(p.store_wall, 0.0);
  // Clocks tick in whole microseconds or nanoseconds: allow for rounding.
  EXPECT_LE(p.read + p.analyze + p.store, p.process + 1e-3);
  const FactStore::Profile& t = p.tables;
  EXPECT_GT(t.documents, 0.0);
  EXPECT_GT(t.sentences, 0.0);
  EXPECT_GT(t.fts, 0.0);
  EXPECT_GT(t.commit, 0.0);
  EXPECT_EQ(t.commits, 5);  // 18 articles, 4 per batch
  const double parts = t.lookup + t.documents + t.sections + t.bullets +
                       t.sentences + t.citations + t.quantities + t.dates +
                       t.fts + t.savepoints + t.remove + t.commit;
  EXPECT_LE(parts, p.store + 1e-3);
  // Profiling ends with the run.
  auto again = RunIngest(*ctx_, *analyzer_, **fresh, Options(2));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*fresh)->profile().commits, 5);
}

TEST_F(IngestTest, SinglePathsAndMissingPath) {
  IngestOptions o = Options(1);
  o.paths = {PathOf("04_rail.txt"), PathOf("01_port.txt")};  // given order
  auto r = RunIngest(*ctx_, *analyzer_, *store_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->summary.files, 2);
  EXPECT_EQ(r->summary.ingested, 2);
  EXPECT_EQ(r->summary.rejected, 0);
  EXPECT_EQ(StoredTitles(), (Strings{"铁路货运量增长", "Port traffic rises"}));
  EXPECT_EQ(All("SELECT lang FROM documents ORDER BY rowid"),
            (Strings{"zh", "en"}));

  const std::string missing = (dir_ / "no_such_dir").string();
  o.paths = {missing};
  auto m = RunIngest(*ctx_, *analyzer_, *store_, o);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(m.status().message(), "no such file or directory: " + missing);
  // Nothing started: still the one run.
  EXPECT_EQ(All("SELECT count(*) FROM runs"), (Strings{"1"}));
}

}  // namespace
}  // namespace factmine
