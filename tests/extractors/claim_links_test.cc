// PhraseIndex (whole ASCII words in any case, Chinese anywhere,
// leftmost-longest, payloads of every Add) and ClaimLinks loading (the
// shipped file loads; a bad line is named file:line).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "extractors/claims/claim_extractor.h"
#include "extractors/claims/claim_links.h"
#include "extractors/claims/phrase_index.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

// "text@begin" for every hit.
std::vector<std::string> Hits(const PhraseIndex& index, std::string_view text) {
  std::vector<PhraseIndex::Hit> hits;
  index.Find(text, &hits);
  std::vector<std::string> out;
  for (const auto& h : hits) {
    out.push_back(std::string(text.substr(h.begin, h.end - h.begin)) + "@" +
                  std::to_string(h.begin));
  }
  return out;
}

TEST(PhraseIndex, WholeEnglishWordsInAnyCase) {
  PhraseIndex index;
  index.Add("reserves", 0);
  index.Add("export", 1);
  index.Add("gdp", 2);
  EXPECT_EQ(Hits(index, "Reserves and GDP"), (std::vector<std::string>{"Reserves@0", "GDP@13"}));
  // Not inside a word: exporters, preserves.
  EXPECT_TRUE(Hits(index, "exporters preserves").empty());
  EXPECT_EQ(Hits(index, "Russia's reserves."), (std::vector<std::string>{"reserves@9"}));
}

TEST(PhraseIndex, ChineseAnywhereLeftmostLongest) {
  PhraseIndex index;
  index.Add("储量", 0);
  index.Add("探明储量", 1);
  index.Add("进口", 2);
  index.Add("依赖进口", 3);
  EXPECT_EQ(Hits(index, "俄罗斯稀土储量"), (std::vector<std::string>{"储量@15"}));
  EXPECT_EQ(Hits(index, "已探明储量"), (std::vector<std::string>{"探明储量@3"}));
  EXPECT_EQ(Hits(index, "高度依赖进口"), (std::vector<std::string>{"依赖进口@6"}));
}

TEST(PhraseIndex, PhrasesAndSharedPayloads) {
  PhraseIndex index;
  index.Add("processing capacity", 4);
  index.Add("Processing Capacity", 7);  // the same phrase: one entry, two payloads
  index.Add("processing", 5);
  std::vector<PhraseIndex::Hit> hits;
  index.Find("its processing capacity rose", &hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(index.text(hits[0].phrase), "processing capacity");
  EXPECT_EQ(index.payloads(hits[0].phrase), (std::vector<int>{4, 7}));
  EXPECT_EQ(Hits(index, "processing capacityx"), (std::vector<std::string>{"processing@0"}));
}

TEST(ClaimLinks, ShippedFileLoads) {
  auto x = ClaimExtractor::Load(testing::LexiconDir().string());
  ASSERT_TRUE(x.ok()) << x.status().ToString();
}

TEST(ClaimLinks, ErrorsNameTheLine) {
  const fs::path dir = testing::MakeTempDir("claim-links");
  testing::WriteFile(dir / "claim_links.tsv",
                     "kind\ttext\tattributes\tnote\n"
                     "counterpart\ton\timport_dependence\t\n"
                     "counterpart\tfrom\tno_such_attribute\t\n");
  auto l = ClaimLinks::Load(dir.string(), {"import_dependence"});
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.status().message().find("claim_links.tsv:3: unknown attribute 'no_such_attribute'"),
            std::string::npos)
      << l.status().message();

  testing::WriteFile(dir / "claim_links.tsv",
                     "kind\ttext\tattributes\tnote\n"
                     "possessive\t's\t\t\n"
                     "connector\tof\t\t\n");
  l = ClaimLinks::Load(dir.string(), {});
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.status().message().find("claim_links.tsv:3: unknown kind 'connector'"),
            std::string::npos)
      << l.status().message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace factmine
