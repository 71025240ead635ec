// Re-ingesting edited files: articles added above others, removed, edited,
// and JSONL files whose ids overlap. Regression tests for a review finding:
// shifting a digest's articles used to re-store them without their layers.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/ingest_fixture.h"
#include "test_util.h"

namespace factmine::testing {
namespace {

namespace fs = std::filesystem;

// A digest article: headline, source line, one-line summary.
std::string Article(const std::string& headline, const std::string& day,
                    const std::string& body) {
  return headline + "\nXin Hua Cai Jing· 2025-11-" + day + " 09:00\nCore Viewpoint - " + body +
         " [1].\n";
}

const std::string kA = Article("锂价反弹，矿企复产", "01", "Lithium prices rebounded by 12% in October");
const std::string kB = Article("镓出口管制加码", "02", "Gallium exports fell to 1.5 tons in September");
const std::string kC = Article("铜矿罢工影响供应", "03", "A strike cut copper output by 40,000 tonnes");

class ReingestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("reingest");
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string In() const { return (dir_ / "in").string(); }
  // (title, position, sentences, citations) of every stored article, by
  // position.
  static Rows Stored(IngestedDb& db) {
    return db.Query(
        "SELECT d.title, d.position, (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id), "
        "(SELECT count(*) FROM citations c WHERE c.doc_id = d.id) FROM documents d ORDER BY d.position, d.title");
  }
  fs::path dir_;
};

TEST_F(ReingestTest, AnArticleAddedAtTheTopShiftsTheOthersIntact) {
  WriteFile(dir_ / "in/digest.txt", kA + kB);
  IngestedDb db({In()}, (dir_ / "f.db").string());
  Rows before = Stored(db);
  ASSERT_EQ(before.size(), 2u);
  WriteFile(dir_ / "in/digest.txt", kC + kA + kB);
  IngestReport r = db.Ingest({In()});
  EXPECT_EQ(r.summary.ingested, 1);
  EXPECT_EQ(r.summary.unchanged, 2);
  EXPECT_EQ(r.summary.replaced, 0);
  Rows after = Stored(db);
  ASSERT_EQ(after.size(), 3u);
  // Every article keeps its layers; A and B moved down one place.
  EXPECT_EQ(after[0], (std::vector<std::string>{"铜矿罢工影响供应", "1", "2", "1"}));
  EXPECT_EQ(after[1], (std::vector<std::string>{"锂价反弹，矿企复产", "2", "2", "1"}));
  EXPECT_EQ(after[2], (std::vector<std::string>{"镓出口管制加码", "3", "2", "1"}));
  // And the search index still finds them.
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"lithium\"'"), "1");
  // A second run changes nothing.
  IngestReport again = db.Ingest({In()});
  EXPECT_EQ(again.summary.unchanged, 3);
  EXPECT_EQ(Stored(db), after);
}

TEST_F(ReingestTest, AnArticleRemovedFromItsFileIsRemoved) {
  WriteFile(dir_ / "in/digest.txt", kA + kB);
  IngestedDb db({In()}, (dir_ / "f.db").string());
  WriteFile(dir_ / "in/digest.txt", kB + kC);
  IngestReport r = db.Ingest({In()});
  EXPECT_EQ(r.summary.unchanged, 1);                         // B
  EXPECT_EQ(r.summary.ingested + r.summary.replaced, 1);     // C
  EXPECT_EQ(r.summary.replaced, 1);                          // C took A's place
  Rows after = Stored(db);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0], (std::vector<std::string>{"镓出口管制加码", "1", "2", "1"}));
  EXPECT_EQ(after[1], (std::vector<std::string>{"铜矿罢工影响供应", "2", "2", "1"}));
}

TEST_F(ReingestTest, AnEditedArticleReplacesItsOldVersion) {
  WriteFile(dir_ / "in/digest.txt", kA + kB);
  IngestedDb db({In()}, (dir_ / "f.db").string());
  std::string b2 = Article("镓出口管制加码", "02", "Gallium exports fell to 1.2 tons in September");
  WriteFile(dir_ / "in/digest.txt", kA + b2);
  IngestReport r = db.Ingest({In()});
  EXPECT_EQ(r.summary.unchanged, 1);
  EXPECT_EQ(r.summary.replaced, 1);
  EXPECT_EQ(r.summary.ingested, 0);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM documents"), "2");
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences WHERE instr(text, '1.5 tons') > 0"), "0");
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences WHERE instr(text, '1.2 tons') > 0"), "1");
}

// A file with a rejected article is not swept: what it may still hold is
// never deleted.
TEST_F(ReingestTest, AFileWithARejectKeepsItsStoredArticles) {
  WriteFile(dir_ / "in/digest.txt", kA + kB);
  IngestedDb db({In()}, (dir_ / "f.db").string());
  // B's summary is lost: a truncated digest.
  WriteFile(dir_ / "in/digest.txt", kA + "镓出口管制加码\nXin Hua Cai Jing· 2025-11-02 09:00\n");
  IngestReport r = db.Ingest({In()});
  EXPECT_EQ(r.summary.rejected, 1);
  EXPECT_EQ(r.summary.unchanged, 1);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM documents"), "2");
}

TEST_F(ReingestTest, JsonlIdsOfDifferentFilesDoNotCollide) {
  WriteFile(dir_ / "in/feed_a.jsonl",
            "{\"id\":\"1\",\"title\":\"Feed A one\",\"text\":\"Alpha body.\"}\n");
  WriteFile(dir_ / "in/feed_b.jsonl",
            "{\"id\":\"1\",\"title\":\"Feed B one\",\"text\":\"Beta body.\"}\n");
  IngestedDb db({In()}, (dir_ / "f.db").string());
  EXPECT_EQ(db.report().summary.ingested, 2);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM documents"), "2");
  IngestReport again = db.Ingest({In()});
  EXPECT_EQ(again.summary.unchanged, 2);
  EXPECT_EQ(again.summary.replaced, 0);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM documents"), "2");
}

}  // namespace
}  // namespace factmine::testing
