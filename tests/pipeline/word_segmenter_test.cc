// WordSegmenter's API: spans and kinds, the lexicon (AddWords, InLexicon),
// bad input, threads, and loader errors. The segmentation rules themselves
// are tested by pipeline/word_segmenter_examples.tsv.
#include "pipeline/word_segmenter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "extractors/entities/entity_extractor.h"
#include "pipeline/cjk_dictionary.h"
#include "pipeline/context.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<WordSegmenter> Load() {
  auto s = WordSegmenter::Load(testing::LexiconDir().string());
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s).value() : nullptr;
}

std::string Seg(const WordSegmenter& s, const std::string& text) {
  auto ws = s.NewWorkspace();
  return s.SegmentToString(text, *ws);
}

TEST(WordSegmenterTest, SpansAndKindsInsideALargerText) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  auto ws = seg->NewWorkspace();
  const std::string text = "Title\n稀土产量增长30%, GDP 5G。tail";
  const uint32_t begin = static_cast<uint32_t>(text.find("稀土"));
  const uint32_t end = static_cast<uint32_t>(text.find("tail"));
  std::vector<Word> words;
  seg->Segment(text, {begin, end}, *ws, &words);
  std::vector<std::string> got;
  std::vector<WordKind> kinds;
  for (const Word& w : words) {
    ASSERT_GE(w.span.begin, begin);
    ASSERT_LE(w.span.end, end);
    got.push_back(text.substr(w.span.begin, w.span.size()));
    kinds.push_back(w.kind);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"稀土", "产量", "增长", "30%", ",", "GDP", "5G", "。"}));
  EXPECT_EQ(kinds, (std::vector<WordKind>{WordKind::kWord, WordKind::kWord, WordKind::kWord,
                                          WordKind::kNumber, WordKind::kPunct, WordKind::kLatin,
                                          WordKind::kLatin, WordKind::kPunct}));
  // Appends: a second call adds after the first one's words.
  seg->Segment(text, {begin, begin + 6}, *ws, &words);
  ASSERT_EQ(words.size(), 9u);
  EXPECT_EQ(text.substr(words[8].span.begin, words[8].span.size()), "稀土");
}

TEST(WordSegmenterTest, WhiteSpaceOnlySeparates) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  EXPECT_EQ(Seg(*seg, ""), "");
  EXPECT_EQ(Seg(*seg, " \t \n"), "");
  EXPECT_EQ(Seg(*seg, "  稀土  出口 \u3000管制 "), "稀土 出口 管制");
  // Words never cross white space, even lexicon words.
  EXPECT_EQ(Seg(*seg, "稀 土"), "稀 土");
}

TEST(WordSegmenterTest, LexiconWordsStayWhole) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  EXPECT_GT(seg->lexicon_size(), 50u);
  for (const char* term : {"稀土", "永磁", "冶炼分离", "重稀土", "镨钕"}) {
    EXPECT_TRUE(seg->InLexicon(term)) << term;
  }
  EXPECT_FALSE(seg->InLexicon("稀"));
  EXPECT_FALSE(seg->InLexicon(""));
  EXPECT_FALSE(seg->InLexicon("\xff"));
  EXPECT_EQ(Seg(*seg, "冶炼分离"), "冶炼分离");
  EXPECT_EQ(Seg(*seg, "重稀土和镨钕"), "重稀土 和 镨钕");
  // A one-character lexicon word is not merged with its neighbours by the
  // name or unknown-pair rules.
  EXPECT_EQ(Seg(*seg, "镝铽镓锗"), "镝 铽 镓 锗");
}

TEST(WordSegmenterTest, AddWordsKeepsEntityNamesWhole) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  const size_t before = seg->lexicon_size();
  EXPECT_EQ(Seg(*seg, "北方稀土发布公告"), "北方 稀土 发布 公告");
  EXPECT_EQ(Seg(*seg, "莱纳斯公司扩产"), "莱纳斯 公司 扩产");
  size_t skipped = 99;
  Status s = seg->AddWords({"北方稀土", "莱纳斯公司", "MP Materials", "", std::string(21, 'a'),
                            "稀土" /* already there */},
                           &skipped);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(skipped, 3u);  // white space, empty, longer than kMaxWordChars
  EXPECT_EQ(seg->lexicon_size(), before + 2);
  EXPECT_TRUE(seg->InLexicon("北方稀土"));
  EXPECT_FALSE(seg->InLexicon("MP Materials"));
  EXPECT_EQ(Seg(*seg, "北方稀土发布公告"), "北方稀土 发布 公告");
  EXPECT_EQ(Seg(*seg, "莱纳斯公司扩产"), "莱纳斯公司 扩产");
  // Both the long and the short word are lexicon words: the long one wins
  // where it occurs, the short one elsewhere.
  EXPECT_EQ(Seg(*seg, "北方稀土的稀土产量"), "北方稀土 的 稀土 产量");

  // Invalid UTF-8: an error naming the word, nothing added.
  s = seg->AddWords({"江铜", "bad\xc3"});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("bad"), std::string::npos);
  EXPECT_FALSE(seg->InLexicon("江铜"));
  EXPECT_EQ(seg->lexicon_size(), before + 2);
}

// Context::Load gives the segmenter every Chinese entity name of the entity
// lexicon (entities.tsv), so that names stay whole in every command.
TEST(WordSegmenterTest, ContextAddsTheEntityNames) {
  auto ctx = Context::Load(testing::LexiconDir().string());
  ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
  const WordSegmenter& seg = *ctx.value()->segmenter;
  for (const std::string& name : ctx.value()->entities->lexicon().ChineseNames()) {
    const auto chars = std::count_if(name.begin(), name.end(),
                                     [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    if (chars <= WordSegmenter::kMaxWordChars && name.find(' ') == std::string::npos) {
      EXPECT_TRUE(seg.InLexicon(name)) << name;
    }
  }
  EXPECT_TRUE(seg.InLexicon("北方稀土"));
  EXPECT_EQ(Seg(seg, "北方稀土发布公告"), "北方稀土 发布 公告");
  EXPECT_EQ(Seg(seg, "莱纳斯公司扩产"), "莱纳斯公司 扩产");
  // Names do not swallow what follows them.
  EXPECT_EQ(Seg(seg, "北方稀土的稀土产量"), "北方稀土 的 稀土 产量");
}

TEST(WordSegmenterTest, LatinWordsAndPunctuation) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  EXPECT_EQ(Seg(*seg, "The U.S. and e.g. don't."), "The U.S. and e.g. don't .");
  EXPECT_EQ(Seg(*seg, "COVID-19疫情"), "COVID-19 疫情");
  EXPECT_EQ(Seg(*seg, "A380客机"), "A380 客机");
  EXPECT_EQ(Seg(*seg, "“稀土”！？"), "“ 稀土 ” ！ ？");
  EXPECT_EQ(Seg(*seg, "等待……结果——"), "等待 …… 结果 ——");
}

TEST(WordSegmenterTest, InvalidUtf8BecomesSymbols) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  auto ws = seg->NewWorkspace();
  const std::string text = "稀土\xff\xfe出口";
  std::vector<Word> words;
  seg->Segment(text, {0, static_cast<uint32_t>(text.size())}, *ws, &words);
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[1].span, (Span{6, 7}));
  EXPECT_EQ(words[1].kind, WordKind::kPunct);
  EXPECT_EQ(words[2].span, (Span{7, 8}));
  EXPECT_EQ(text.substr(words[3].span.begin, words[3].span.size()), "出口");
}

TEST(WordSegmenterTest, LongRunsAndOddCharacters) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  // A long run of Han text with no punctuation: the words cover it exactly.
  std::string text;
  for (int i = 0; i < 500; ++i) text += "中国稀土出口管制政策";
  std::string out = Seg(*seg, text);
  std::string joined;
  for (char c : out) {
    if (c != ' ') joined += c;
  }
  EXPECT_EQ(joined, text);
  // Supplementary-plane Han characters, kana, Hangul and emoji.
  EXPECT_EQ(Seg(*seg, "𠀀𠀁漢字"), "𠀀𠀁 漢字");  // two unknown characters: a pair
  EXPECT_EQ(Seg(*seg, "日本語のテキスト"), "日本語 の テキスト");
  EXPECT_EQ(Seg(*seg, "한국어 텍스트"), "한국어 텍스트");
  EXPECT_EQ(Seg(*seg, "稀土😀"), "稀土 😀");
}

TEST(WordSegmenterTest, ThreadsWithTheirOwnWorkspacesAgree) {
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  const std::string text = "1997年5月20日，卡斯帕罗夫与陈志强在上海讨论稀土永磁产业的信息化。";
  const std::string expected = Seg(*seg, text);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto ws = seg->NewWorkspace();
      for (int i = 0; i < 200; ++i) got[t] = seg->SegmentToString(text, *ws);
    });
  }
  for (auto& th : threads) th.join();
  for (const std::string& g : got) EXPECT_EQ(g, expected);
}

TEST(WordSegmenterTest, OptionsChangeTheCosts) {
  WordSegmenter::Options off;
  off.particle_penalty = 0;
  auto plain = WordSegmenter::Load(testing::LexiconDir().string(), off);
  ASSERT_TRUE(plain.ok());
  auto seg = Load();
  ASSERT_NE(seg, nullptr);
  // ICU's dictionary has 新的 as one entry; the particle cost splits it.
  EXPECT_EQ(Seg(*plain.value(), "新的开始"), "新的 开始");
  EXPECT_EQ(Seg(*seg, "新的开始"), "新 的 开始");
}

// Copies lexicon/ to a temp dir where one file can be broken.
fs::path CopyLexicon() {
  fs::path dir = testing::MakeTempDir("segmenter_lexicon");
  fs::copy(testing::LexiconDir(), dir, fs::copy_options::recursive);
  return dir;
}

TEST(WordSegmenterTest, LoaderErrorsNameFileAndLine) {
  fs::path dir = CopyLexicon();
  testing::WriteFile(dir / "zh_segment.tsv", "text\tkind\tvalue\tnote\n个\tmeasure\t-\t\n多\tnum_approx\t-\t\n年\tdate_unit\t9\t\n");
  auto s = WordSegmenter::Load(dir.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("zh_segment.tsv:4"), std::string::npos)
      << s.status().message();

  testing::WriteFile(dir / "zh_segment.tsv", "text\tkind\tvalue\tnote\n多余\tnum_approx\t-\t\n");
  s = WordSegmenter::Load(dir.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("zh_segment.tsv:2"), std::string::npos);
  EXPECT_NE(s.status().message().find("one character"), std::string::npos);

  testing::WriteFile(dir / "zh_segment.tsv", "text\tkind\tvalue\tnote\n个\tmeasures\t-\t\n");
  s = WordSegmenter::Load(dir.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("unknown kind"), std::string::npos);

  fs::copy_file(testing::LexiconDir() / "zh_segment.tsv", dir / "zh_segment.tsv",
                fs::copy_options::overwrite_existing);
  testing::WriteFile(dir / "zh_terms.tsv", "term\tkind\tnote\n稀土\tdomain\t\n稀 土\tdomain\t\n");
  s = WordSegmenter::Load(dir.string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("zh_terms.tsv:3"), std::string::npos);

  fs::remove(dir / "zh_terms.tsv");
  s = WordSegmenter::Load(dir.string());
  EXPECT_FALSE(s.ok());
  fs::remove_all(dir);
}

TEST(CjkDictionaryTest, FindsWordsAlsoInTraditionalSpelling) {
  auto d = CjkDictionary::Open(testing::LexiconDir().string());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  CjkDictionary::Matches m;
  const std::u32string s = U"中国人民银行";
  d.value()->Lookup(s.data(), static_cast<int>(s.size()), &m);
  EXPECT_TRUE(m.Has(1));
  EXPECT_TRUE(m.Has(2));  // 中国
  EXPECT_TRUE((m.exact >> 2) & 1u);
  // 计算机 is in the dictionary only as 計算機.
  m.Clear();
  const std::u32string c = U"计算机";
  d.value()->Lookup(c.data(), 3, &m);
  EXPECT_TRUE(m.Has(3));
  EXPECT_FALSE((m.exact >> 3) & 1u);
  EXPECT_TRUE(m.Has(2));  // 计算
  EXPECT_LT(d.value()->SingleCost(U'的', 255), d.value()->SingleCost(U'镨', 255));
  EXPECT_EQ(d.value()->SingleCost(U'a', 255), 255);
}

}  // namespace
}  // namespace factmine
