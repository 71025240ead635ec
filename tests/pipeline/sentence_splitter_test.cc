// Sentence splitting (ICU + abbreviations + Chinese ';'), words, language.
#include "pipeline/sentence_splitter.h"

#include <gtest/gtest.h>

#include "pipeline/lang.h"
#include "test_util.h"

namespace factmine {
namespace {

std::vector<std::string> Split(const std::string& text) {
  static auto splitter = SentenceSplitter::Create(testing::LexiconDir().string());
  EXPECT_TRUE(splitter.ok());
  auto ws = splitter.value()->NewWorkspace();
  std::vector<Span> spans;
  splitter.value()->Split(text, {0, static_cast<uint32_t>(text.size())}, *ws, &spans);
  std::vector<std::string> out;
  for (Span s : spans) out.push_back(text.substr(s.begin, s.size()));
  return out;
}

using V = std::vector<std::string>;

TEST(SentenceSplitterTest, English) {
  EXPECT_EQ(Split("The U.S. Geological Survey cut the figure. It was 380,000 tons."),
            (V{"The U.S. Geological Survey cut the figure.", "It was 380,000 tons."}));
  EXPECT_EQ(Split("China is the No. 1 producer. Japan is not."),
            (V{"China is the No. 1 producer.", "Japan is not."}));
  EXPECT_EQ(Split("Shares of Lynas Corp. rose 3.5% on Monday."),
            (V{"Shares of Lynas Corp. rose 3.5% on Monday."}));
  EXPECT_EQ(Split("  J. P. Morgan agreed.  "), (V{"J. P. Morgan agreed."}));
  EXPECT_EQ(Split("Really? Yes! Done."), (V{"Really?", "Yes!", "Done."}));
}

TEST(SentenceSplitterTest, Chinese) {
  EXPECT_EQ(Split("俄罗斯稀土储量约2850万吨。美国依赖进口!怎么办?"),
            (V{"俄罗斯稀土储量约2850万吨。", "美国依赖进口!", "怎么办?"}));
  EXPECT_EQ(Split("产能提升三成;出口增长6倍。"), (V{"产能提升三成;", "出口增长6倍。"}));
  // ';' in English text does not split.
  EXPECT_EQ(Split("Output rose; prices fell."), (V{"Output rose; prices fell."}));
}

// Chinese text without periods takes the splitter's own rules (UAX #29 for
// 。!? and line ends), which must cut exactly where ICU's iterator does.
TEST(SentenceSplitterTest, ChineseTerminatorsClosersAndLineEnds) {
  EXPECT_EQ(Split("价格上涨了2.5%。产量下降。"), (V{"价格上涨了2.5%。", "产量下降。"}));
  // Closing quotes stay with the sentence they end.
  EXPECT_EQ(Split("他说:\"好!\"然后离开了。"), (V{"他说:\"好!\"", "然后离开了。"}));
  EXPECT_EQ(Split("「真的吗?!」「是的。」"), (V{"「真的吗?!」", "「是的。」"}));
  // A comma after a terminator continues the sentence.
  EXPECT_EQ(Split("第一句。,第二句"), (V{"第一句。,第二句"}));
  // Line ends (CR LF is one) end a sentence.
  EXPECT_EQ(Split("第一行\r\n第二行\n第三行\r第四行"),
            (V{"第一行", "第二行", "第三行", "第四行"}));
  EXPECT_EQ(Split("完成。  \n下一段。"), (V{"完成。", "下一段。"}));
  // A period that is not between digits goes to ICU's rules.
  EXPECT_EQ(Split("网址是www.example.com。欢迎访问。"),
            (V{"网址是www.example.com。", "欢迎访问。"}));
}

// ICU counts opening brackets as "close" punctuation and leaves them at the
// end of the previous sentence; they open the next one.
TEST(SentenceSplitterTest, OpeningBracketsStartTheNextSentence) {
  EXPECT_EQ(Split("出口下降。【环球时报】报道称需求旺盛。(完)"),
            (V{"出口下降。", "【环球时报】报道称需求旺盛。", "(完)"}));
  EXPECT_EQ(Split("Output fell. [Reuters] Demand rose. 「Quote」 ends."),
            (V{"Output fell.", "[Reuters] Demand rose.", "「Quote」 ends."}));
}

TEST(SentenceSplitterTest, MaskedCitationsStayInsideTheSentence) {
  // "[1][3]" masked to spaces before the period.
  EXPECT_EQ(Split("Russia claims reserves       . The US relies on imports      ."),
            (V{"Russia claims reserves       .", "The US relies on imports      ."}));
}

TEST(SentenceSplitterTest, ChineseWords) {
  auto splitter = SentenceSplitter::Create(testing::LexiconDir().string());
  ASSERT_TRUE(splitter.ok());
  auto ws = splitter.value()->NewWorkspace();
  std::string t = "俄罗斯的稀土储量，全球前五。";
  std::vector<Span> words;
  splitter.value()->Words(t, {0, static_cast<uint32_t>(t.size())}, *ws, &words);
  std::string joined;
  for (Span w : words) joined += t.substr(w.begin, w.size()) + "/";
  // Punctuation is skipped; the dictionary keeps common words whole.
  EXPECT_EQ(joined.find("，"), std::string::npos) << joined;
  EXPECT_NE(joined.find("俄罗斯/"), std::string::npos) << joined;
  EXPECT_NE(joined.find("全球/"), std::string::npos) << joined;
}

TEST(LangTest, Classify) {
  EXPECT_EQ(DetectLang("俄罗斯稀土储量约2850万吨。"), Lang::kZh);
  EXPECT_EQ(DetectLang("Russia holds 3.8 million tons."), Lang::kEn);
  EXPECT_EQ(DetectLang("MP Materials 停止向中国出口稀土精矿"), Lang::kZh);
  EXPECT_EQ(DetectLang("稀土 rare earth elements and magnets"), Lang::kMixed);
  EXPECT_EQ(DetectLang("2025-11-09 08:41"), Lang::kUnknown);
}

}  // namespace
}  // namespace factmine
