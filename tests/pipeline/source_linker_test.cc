// Tests of SourceLinker (pipeline/source_linker.h) and lexicon/sources.tsv.
#include "pipeline/source_linker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "pipeline/tsv.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

const SourceLinker& Linker() {
  static const SourceLinker* linker = [] {
    Result<SourceLinker> r = SourceLinker::Load(testing::LexiconDir().string());
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      return static_cast<SourceLinker*>(nullptr);
    }
    return new SourceLinker(std::move(r).value());
  }();
  if (linker == nullptr) std::abort();
  return *linker;
}

TEST(SourceLinker, LexiconHasAtLeastFortyOutlets) {
  Result<TsvTable> t =
      TsvTable::Load((testing::LexiconDir() / "sources.tsv").string(),
                     {"id", "name", "zh", "aliases"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_GE(t->rows().size(), 40u);
  std::set<std::string> ids;
  for (const auto& row : t->rows()) {
    EXPECT_TRUE(ids.insert(t->Get(row, "id")).second)
        << "duplicate id " << t->Get(row, "id");
  }
  EXPECT_GT(Linker().size(), t->rows().size());
}

TEST(SourceLinker, LinksSpellingsToOneId) {
  struct Row {
    std::string name;
    std::string id;
  };
  const std::vector<Row> rows = {
      {"Sou Hu Cai Jing", "sohu_finance"},
      {"SouHu Caijing", "sohu_finance"},
      {"sou hu cai jing", "sohu_finance"},
      {"  Sou-Hu  Cai·Jing ", "sohu_finance"},
      {"搜狐财经", "sohu_finance"},
      {"Xin Lang Cai Jing", "sina_finance"},
      {"新浪财经", "sina_finance"},
      {"Xin Hua Cai Jing", "xinhua_finance"},
      {"新华财经", "xinhua_finance"},
      {"Jin Tou Wang", "cngold"},
      {"金投网", "cngold"},
      {"Dong Fang Cai Fu", "eastmoney"},
      {"证券时报", "stcn"},
      {"Di Yi Cai Jing", "yicai"},
      {"Ge Long Hui", "gelonghui"},
      {"华尔街见闻", "wallstreetcn"},
      {"Zhong Guo Zheng Quan Bao", "cs_com_cn"},
      {"上海证券报", "cnstock"},
      {"21 Shi Ji Jing Ji Bao Dao", "21jingji"},
      {"Cai Lian She", "cls"},
      {"每日经济新闻", "nbd"},
      {"Huan Qiu Shi Bao", "global_times"},
      {"新华社", "xinhua"},
      {"Ren Min Ri Bao", "peoples_daily"},
      {"Reuters", "reuters"},
      {"路透社", "reuters"},
      {"Bloomberg", "bloomberg"},
      {"彭博社", "bloomberg"},
      {"Financial Times", "ft"},
      {"FT", "ft"},
      {"金融时报", "financial_news"},  // China's 金融时报, not the FT
      {"Wall Street Journal", "wsj"},
      {"ＷＳＪ", "wsj"},  // full-width letters
      {"CNN", "cnn"},
      {"BBC", "bbc"},
      {"Nikkei Asia", "nikkei"},
      {"Unknown Outlet Weekly", ""},
      {"", ""},
      {"· ", ""},
  };
  for (const Row& r : rows) EXPECT_EQ(Linker().Link(r.name), r.id) << r.name;
}

TEST(SourceLinker, Key) {
  EXPECT_EQ(SourceLinker::Key("Sou Hu Cai Jing"), "souhucaijing");
  EXPECT_EQ(SourceLinker::Key("People's Daily"), "peoplesdaily");
  EXPECT_EQ(SourceLinker::Key("《人民日报》"), "人民日报");
  EXPECT_EQ(SourceLinker::Key("ＡＢＣ　News"), "abcnews");
}

TEST(SourceLinker, LoadErrors) {
  fs::path dir = testing::MakeTempDir("source-linker");
  Result<SourceLinker> r = SourceLinker::Load(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);

  testing::WriteFile(dir / "sources.tsv",
                     "# test\nid\tname\tzh\taliases\n"
                     "a\tAlpha News\t甲报\tAlpha\n"
                     "b\tBeta News\t乙报\talpha news\n");
  r = SourceLinker::Load(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuleError);
  EXPECT_NE(r.status().message().find("sources.tsv:4"), std::string::npos)
      << r.status().message();

  testing::WriteFile(dir / "sources.tsv",
                     "id\tname\tzh\taliases\n\tAlpha News\t\t\n");
  r = SourceLinker::Load(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("empty id"), std::string::npos)
      << r.status().message();

  testing::WriteFile(dir / "sources.tsv", "id\tname\n");
  r = SourceLinker::Load(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuleError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace factmine
