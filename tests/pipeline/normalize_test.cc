// Normalizer and OffsetMap: normalized text and the way back to original
// code-point offsets.
#include "pipeline/normalize.h"

#include <gtest/gtest.h>

#include <set>

#include "pipeline/offset_map.h"
#include "pipeline/tsv.h"
#include "test_util.h"

namespace factmine {
namespace {

class NormalizeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto n = Normalizer::Create(testing::LexiconDir().string());
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    norm_ = new Normalizer(std::move(n).value());
  }
  static void TearDownTestSuite() { delete norm_; }
  static Normalizer* norm_;
};
Normalizer* NormalizeTest::norm_ = nullptr;

struct Case {
  const char* in;
  const char* out;
};

TEST_F(NormalizeTest, Table) {
  const Case cases[] = {
      {"plain ASCII stays", "plain ASCII stays"},
      {"稀土储量", "稀土储量"},                        // CJK is inert
      {"储量２８５０万吨", "储量2850万吨"},            // full-width digits
      {"７５％的依赖", "75%的依赖"},                   // full-width percent
      {"ＡＢＣ　公司", "ABC 公司"},                    // full-width letters, ideographic space
      {"“稀土牌”", "\"稀土牌\""},                      // curly double quotes
      {"Russia’s reserves", "Russia's reserves"},     // apostrophe
      {"2020–2024 — up", "2020-2024 - up"},           // en and em dash
      {"國際貨幣基金組織說", "国际货币基金组织说"},  // Traditional → Simplified
      {"zero\u200Bwidth", "zerowidth"},               // zero-width space removed
      {"e\u0301", "\u00e9"},                          // composition across copy
      {"ﬁne", "fine"},                                // ligature expands
      {"摆脱对华依赖？普京签发急令，", "摆脱对华依赖?普京签发急令,"},
      {"。", "。"},                                    // ideographic full stop kept
      // Blanks between two Han characters are layout, not word breaks.
      {"六 点 五 成", "六点五成"},
      {"百 分\t之\u3000 五", "百分之五"},
      {"俄罗斯\u00a0稀土", "俄罗斯稀土"},
      // Blanks next to Latin letters, digits or punctuation stay.
      {"增长 15 个百分点", "增长 15 个百分点"},
      {"稀土 rare earth 储量", "稀土 rare earth 储量"},
      {"俄罗斯, 美国", "俄罗斯, 美国"},
      {"俄罗斯 \n美国", "俄罗斯 \n美国"},
      // A full-width comma after an ASCII digit ends a clause; between
      // full-width digits it separates thousands.
      {"$20，300美元", "$20, 300美元"},
      {"１１１，１１１个", "111,111个"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(norm_->NormalizeString(c.in), c.out) << "input: " << c.in;
  }
}

// Characters that are Simplified too stay as they are (著 is not 着 in
// 显著, 乾 is not 干 in 乾隆); Traditional ones still fold.
TEST_F(NormalizeTest, SimplifiedCharactersThatIcuFoldsAreKept) {
  const Case cases[] = {
      {"效果显著", "效果显著"},
      {"著名学者的新著作", "著名学者的新著作"},
      {"乾隆年间", "乾隆年间"},
      {"足球俱乐部", "足球俱乐部"},
      {"摔跤", "摔跤"},
      {"姊妹城市大阪", "姊妹城市大阪"},
      {"聊以慰藉", "聊以慰藉"},
      {"後來的發展", "后来的发展"},  // 後 is Traditional only
      {"顯著", "显著"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(norm_->NormalizeString(c.in), c.out) << "input: " << c.in;
  }
}

// zh_t2s.tsv (generated) folds none of the characters zh_t2s_keep.tsv lists.
TEST(ZhT2sTest, KeepListIsLeftOutOfTheTable) {
  const std::string dir = testing::LexiconDir().string();
  auto keep = TsvTable::Load(dir + "/zh_t2s_keep.tsv", {"char", "note"});
  ASSERT_TRUE(keep.ok()) << keep.status().ToString();
  auto t2s = TsvTable::Load(dir + "/zh_t2s.tsv", {"traditional", "simplified"});
  ASSERT_TRUE(t2s.ok()) << t2s.status().ToString();
  std::set<std::string> folded;
  for (const auto& row : t2s->rows()) folded.insert(t2s->Get(row, "traditional"));
  EXPECT_GE(keep->rows().size(), 10u);
  for (const auto& row : keep->rows()) {
    EXPECT_EQ(folded.count(keep->Get(row, "char")), 0u) << keep->Get(row, "char");
  }
  EXPECT_EQ(folded.count("後"), 1u);
  EXPECT_EQ(folded.count("國"), 1u);
}

// Every kind of character in one text: copied runs, characters replaced on
// their own (full-width punctuation), a combining mark after copied text,
// a deletion, and a Han gap; the map takes each word back to its original.
TEST_F(NormalizeTest, MixedTextMapsEveryPieceBack) {
  const std::string orig = "稀土（ＲＥ）e\u0301x\u200B价 格，“好”";
  FieldText f;
  norm_->Normalize(orig, &f);
  ASSERT_EQ(f.norm, "稀土(RE)\u00e9x价格,\"好\"");
  auto back = [&](const std::string& piece) {
    const size_t b = f.norm.find(piece);
    EXPECT_NE(b, std::string::npos) << piece;
    const Span o = f.map.ToOriginal(
        {static_cast<uint32_t>(b), static_cast<uint32_t>(b + piece.size())});
    EXPECT_EQ(o.begin, f.map.ToOriginalBegin(static_cast<uint32_t>(b))) << piece;
    EXPECT_EQ(o.end, f.map.ToOriginalEnd(static_cast<uint32_t>(b + piece.size()))) << piece;
    return orig.substr(o.begin, o.size());
  };
  EXPECT_EQ(back("稀土"), "稀土");
  EXPECT_EQ(back("(RE)"), "（ＲＥ）");
  EXPECT_EQ(back("\u00e9"), "e\u0301");
  EXPECT_EQ(back("x价"), "x\u200B价");
  EXPECT_EQ(back("价格"), "价 格");
  EXPECT_EQ(back("\"好\""), "“好”");
}

TEST_F(NormalizeTest, IdentityTextHasEmptyMap) {
  FieldText f;
  norm_->Normalize("Russia holds 3.8 million tons; 俄罗斯储量。", &f);
  EXPECT_TRUE(f.map.identity());
  EXPECT_EQ(f.norm, f.original);
}

// Offsets of a span in the normalized text map back to the right original
// code points, including spans right after a replaced segment.
TEST_F(NormalizeTest, OffsetsMapBackToOriginalCodepoints) {
  const std::string orig = "俄罗斯储量约２８５０万吨，“稀土”";
  FieldText f;
  norm_->Normalize(orig, &f);
  ASSERT_EQ(f.norm, "俄罗斯储量约2850万吨,\"稀土\"");
  // "2850万吨" in norm.
  size_t b = f.norm.find("2850");
  Span s{static_cast<uint32_t>(b), static_cast<uint32_t>(b + std::string("2850万吨").size())};
  Span o = f.map.ToOriginal(s);
  EXPECT_EQ(orig.substr(o.begin, o.size()), "２８５０万吨");
  CodepointIndex cpi(orig);
  EXPECT_EQ(cpi.ToCodepoint(o.begin), 6u);
  EXPECT_EQ(cpi.ToCodepoint(o.end), 12u);
  // "稀土" after a replaced quote.
  size_t q = f.norm.find("稀土");
  Span s2{static_cast<uint32_t>(q), static_cast<uint32_t>(q + 6)};
  Span o2 = f.map.ToOriginal(s2);
  EXPECT_EQ(orig.substr(o2.begin, o2.size()), "稀土");
  EXPECT_EQ(cpi.ToCodepoint(o2.begin), 14u);
  // A span covering a replaced quote covers the whole original quote.
  Span s3{static_cast<uint32_t>(q - 1), static_cast<uint32_t>(q + 7)};
  Span o3 = f.map.ToOriginal(s3);
  EXPECT_EQ(orig.substr(o3.begin, o3.size()), "“稀土”");
}

// A dropped blank between Han characters maps back around it: spans that
// end before it or start after it keep their original code points.
TEST_F(NormalizeTest, DroppedHanGapMapsBack) {
  const std::string orig = "打 九  五折，共 三 吨";
  FieldText f;
  norm_->Normalize(orig, &f);
  ASSERT_EQ(f.norm, "打九五折,共三吨");
  CodepointIndex cpi(orig);
  size_t b = f.norm.find("九五折");
  Span o = f.map.ToOriginal({static_cast<uint32_t>(b), static_cast<uint32_t>(b + 9)});
  EXPECT_EQ(orig.substr(o.begin, o.size()), "九  五折");
  EXPECT_EQ(cpi.ToCodepoint(o.begin), 2u);
  EXPECT_EQ(cpi.ToCodepoint(o.end), 7u);
  size_t t = f.norm.find("三吨");
  Span o2 = f.map.ToOriginal({static_cast<uint32_t>(t), static_cast<uint32_t>(t + 6)});
  EXPECT_EQ(orig.substr(o2.begin, o2.size()), "三 吨");
}

TEST_F(NormalizeTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string bad = "ok\xC3(x";
  std::string n = norm_->NormalizeString(bad);
  EXPECT_EQ(n, "ok\xEF\xBF\xBD(x");
}

TEST(OffsetMapTest, DeletionAndExpansion) {
  OffsetMap m;
  // orig "ab<ZW>cd" (ZW = 3 bytes, deleted) -> norm "abcd"
  m.AddReplacement(2, 0, 2, 3);
  EXPECT_EQ(m.ToOriginalBegin(0), 0u);
  EXPECT_EQ(m.ToOriginalBegin(2), 5u);  // 'c' begins after the deleted char
  EXPECT_EQ(m.ToOriginalEnd(2), 2u);    // "ab" ends before it
  EXPECT_EQ(m.ToOriginalEnd(4), 7u);
}

TEST(CodepointIndexTest, CountsAcrossStrides) {
  std::string s;
  for (int i = 0; i < 300; ++i) s += "稀";  // 900 bytes
  s += "x";
  CodepointIndex idx(s);
  EXPECT_EQ(idx.ToCodepoint(0), 0u);
  EXPECT_EQ(idx.ToCodepoint(3), 1u);
  EXPECT_EQ(idx.ToCodepoint(900), 300u);
  EXPECT_EQ(idx.ToCodepoint(901), 301u);
  EXPECT_EQ(idx.ToCodepoint(5000), 301u);  // clamped
}

}  // namespace
}  // namespace factmine
