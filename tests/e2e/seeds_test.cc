// End to end over the real seed digests in ../shared/corpus/seeds (skipped
// when that folder is absent): exactly 11 articles with the right headline,
// source, time, topic, sections, bullets, sentences and citation lists.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/ingest_fixture.h"
#include "test_util.h"

namespace factmine::testing {
namespace {

namespace fs = std::filesystem;

class SeedsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (SeedsDir().empty()) return;
    dir_ = new fs::path(MakeTempDir("seeds-e2e"));
    db_ = new IngestedDb({SeedsDir().string()}, (*dir_ / "f.db").string());
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
    if (dir_) fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (db_ == nullptr) GTEST_SKIP() << "../shared/corpus/seeds not found; seed tests skipped";
  }
  static std::string File(const std::string& prefix) {
    for (const auto& e : fs::directory_iterator(SeedsDir())) {
      if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path().string();
    }
    return prefix + "?";
  }
  // (title, source, published_at, topic) of each article of a seed file.
  static Rows Articles(const std::string& prefix) {
    return db_->Query(
        "SELECT title, coalesce(source,''), coalesce(published_at,''), coalesce(topic,'') "
        "FROM documents WHERE file = '" + File(prefix) + "' ORDER BY position");
  }
  // Citation indices of the bullet of `prefix`#`pos` containing `needle`.
  static std::string BulletCitations(const std::string& prefix, int pos, const std::string& needle) {
    Rows r = db_->Query(
        "SELECT c.idx FROM citations c JOIN sentences s ON s.doc_id = c.doc_id AND "
        "s.sentence_no = c.sentence_no JOIN bullets b ON b.doc_id = s.doc_id AND "
        "b.bullet_no = s.bullet_no JOIN documents d ON d.id = b.doc_id WHERE d.file = '" +
        File(prefix) + "' AND d.position = " + std::to_string(pos) + " AND instr(b.text, '" +
        needle + "') > 0 ORDER BY c.start, c.idx");
    std::string got;
    for (const auto& x : r) got += (got.empty() ? "" : ",") + x[0];
    return got;
  }
  static fs::path* dir_;
  static IngestedDb* db_;
};
fs::path* SeedsTest::dir_ = nullptr;
IngestedDb* SeedsTest::db_ = nullptr;

TEST_F(SeedsTest, ElevenArticlesNoRejects) {
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM documents"), "11");
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM rejects"), "0");
  EXPECT_EQ(db_->report().summary.files, 5);
}

TEST_F(SeedsTest, File002HoldsSevenArticlesWithSourcesAndTimes) {
  Rows a = Articles("002_");
  ASSERT_EQ(a.size(), 7u);
  const std::pair<const char*, const char*> expected[] = {
      {"Sou Hu Cai Jing", "2025-11-09 08:41"}, {"Sou Hu Cai Jing", "2025-11-07 16:13"},
      {"Sou Hu Cai Jing", "2025-10-22 16:03"}, {"Jin Tou Wang", "2025-10-22 07:56"},
      {"Sou Hu Cai Jing", "2025-09-01 04:33"}, {"Sou Hu Cai Jing", "2025-07-22 21:26"},
      {"Sou Hu Cai Jing", "2025-07-17 03:11"},
  };
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(a[i][1], expected[i].first) << "article " << i + 1;
    EXPECT_EQ(a[i][2], expected[i].second) << "article " << i + 1;
    EXPECT_EQ(a[i][3], "稀土自主") << "article " << i + 1;
  }
  EXPECT_EQ(a[3][0], "特朗普又吹牛,美国稀土将多如牛毛?");
  EXPECT_EQ(db_->Scalar("SELECT source_id FROM documents WHERE source = 'Jin Tou Wang'"),
            "cngold");  // 金投网, cngold.org
}

TEST_F(SeedsTest, File001HasNoSourceAndNoTime) {
  Rows a = Articles("001_");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0][0], "为打破中国稀土垄断,俄罗斯印度携手,我方一口气三大动作反制");
  EXPECT_EQ(a[0][1], "");
  EXPECT_EQ(a[0][2], "");
}

TEST_F(SeedsTest, File000HeadlineFollowsItsSummary) {
  Rows a = Articles("000_");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0][0], "普京打出“稀土牌”明目张胆的给特朗普开后门,中国要警惕了!");
  EXPECT_EQ(a[0][1], "Sou Hu Cai Jing");
  EXPECT_EQ(a[0][2], "2025-06-26 10:04");
  // Sections: Core Viewpoint and four titled groups, with 1,3,3,3,2 bullets.
  Rows s = db_->Query(
      "SELECT s.kind, coalesce(s.title,''), (SELECT count(*) FROM bullets b WHERE b.doc_id = "
      "s.doc_id AND b.section_no = s.section_no) FROM sections s JOIN documents d ON d.id = "
      "s.doc_id WHERE d.file = '" + File("000_") + "' AND s.kind <> 'headline' ORDER BY s.section_no");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0], (std::vector<std::string>{"viewpoint", "", "1"}));
  EXPECT_EQ(s[1], (std::vector<std::string>{"group", "Russia's Position", "3"}));
  EXPECT_EQ(s[2], (std::vector<std::string>{"group", "China's Dominance", "3"}));
  EXPECT_EQ(s[3], (std::vector<std::string>{"group", "US Concerns", "3"}));
  EXPECT_EQ(s[4], (std::vector<std::string>{"group", "Strategic Implications", "2"}));
}

TEST_F(SeedsTest, File003And004) {
  Rows a3 = Articles("003_");
  ASSERT_EQ(a3.size(), 1u);
  EXPECT_EQ(a3[0][2], "2025-08-26 08:14");
  EXPECT_EQ(a3[0][3], "");
  Rows a4 = Articles("004_");
  ASSERT_EQ(a4.size(), 1u);
  EXPECT_EQ(a4[0][3], "资源转化能力");
  EXPECT_EQ(a4[0][2], "2025-11-07 18:40");
}

TEST_F(SeedsTest, BulletCitationLists) {
  EXPECT_EQ(BulletCitations("004_", 1, "75% reliance"), "1,3");
  EXPECT_EQ(BulletCitations("000_", 1, "37% of global rare earth reserves"), "14");
  EXPECT_EQ(BulletCitations("000_", 1, "28.5 million tons"), "10");
  EXPECT_EQ(BulletCitations("001_", 1, "3.8 million tons"), "3");
  EXPECT_EQ(BulletCitations("001_", 1, "6.9 million tons"), "3,7");
  EXPECT_EQ(BulletCitations("002_", 1, "2.85 million tons"), "3,5");
  EXPECT_EQ(BulletCitations("002_", 2, "over 28 million tons"), "4,9");
  EXPECT_EQ(BulletCitations("002_", 2, "self-sufficiency in rare earth elements"), "2,9,31");
  EXPECT_EQ(BulletCitations("002_", 4, "153 types"), "8");
}

TEST_F(SeedsTest, AbbreviationsDoNotEndSentences) {
  // "…downgraded to 380,000 tons by the U.S. Geological Survey, …" is one sentence.
  Rows r = db_->Query(
      "SELECT text FROM sentences WHERE instr(text, '380,000 tons') > 0");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0][0].find("U.S. Geological Survey"), std::string::npos) << r[0][0];
  EXPECT_NE(r[0][0].find("2.85 million tons"), std::string::npos) << r[0][0];
}

TEST_F(SeedsTest, SearchFindsTwoCharacterChineseWordsAndEnglish) {
  // 稀土 occurs in every headline.
  EXPECT_EQ(db_->Scalar("SELECT count(DISTINCT s.doc_id) FROM sentences_fts f JOIN sentences s "
                        "ON s.id = f.rowid WHERE sentences_fts MATCH '\"稀土\"'"),
            "11");
  EXPECT_GE(std::stoi(db_->Scalar("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                                  "'\"geological\"'")),
            1);
}

}  // namespace
}  // namespace factmine::testing
