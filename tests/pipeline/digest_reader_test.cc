// Tests of the digest reader (pipeline/digest_reader.h): the five seed
// digests, and a table of synthetic digests (our own text) covering each
// layout variant and the failure cases.
#include "pipeline/digest_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

const DigestConventions& Conventions() {
  static const DigestConventions* c = [] {
    Result<DigestConventions> r =
        LoadDigestConventions(testing::LexiconDir().string());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new DigestConventions(r.ok() ? r.value() : DigestConventions());
  }();
  return *c;
}

// The seed file whose name starts with `prefix` ("002"), or "" if absent.
std::string ReadSeed(const std::string& prefix) {
  fs::path dir = testing::SeedsDir();
  if (dir.empty()) return "";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix + "_", 0) == 0) {
      return testing::ReadFile(e.path());
    }
  }
  return "";
}

#define SKIP_WITHOUT_SEEDS(var, prefix) \
  std::string var = ReadSeed(prefix);   \
  if (var.empty())                      \
  GTEST_SKIP() << "seed " << prefix     \
               << " not found (SeedsDir=" << testing::SeedsDir() << ")"

std::string Trimmed(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Every non-blank, non-residue line of `text` must show up as a topic, a
// title, a source line of an article, or inside an article's text.
void ExpectNothingDropped(const std::string& text,
                          const std::vector<RawArticle>& arts) {
  size_t pos = 0;
  int line_no = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = Trimmed(text.substr(
        pos, nl == std::string::npos ? std::string::npos : nl - pos));
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (line.empty() || Conventions().IsResidue(line)) continue;
    bool found = false;
    for (const RawArticle& a : arts) {
      std::string src;
      if (a.topic.find(line) != std::string::npos || a.title == line ||
          a.text.find(line) != std::string::npos ||
          (ParseSourceLine(line, &src, nullptr) && src == a.source)) {
        found = true;
        break;
      }
    }
    EXPECT_TRUE(found) << "line " << line_no << " dropped: " << line;
  }
}

// --- Seeds -------------------------------------------------------------------

TEST(DigestReaderSeeds, Seed002SevenArticlesWithSourcesAndTopic) {
  SKIP_WITHOUT_SEEDS(text, "002");
  std::vector<RawArticle> arts = ParseDigest(text, Conventions());
  ASSERT_EQ(arts.size(), 7u);
  const std::vector<std::string> sources = {
      "Sou Hu Cai Jing", "Sou Hu Cai Jing", "Sou Hu Cai Jing", "Jin Tou Wang",
      "Sou Hu Cai Jing", "Sou Hu Cai Jing", "Sou Hu Cai Jing"};
  const std::vector<std::string> times = {
      "2025-11-09 08:41", "2025-11-07 16:13", "2025-10-22 16:03",
      "2025-10-22 07:56", "2025-09-01 04:33", "2025-07-22 21:26",
      "2025-07-17 03:11"};
  const std::vector<uint32_t> lines = {5, 8, 11, 14, 17, 20, 23};
  for (size_t i = 0; i < arts.size(); ++i) {
    SCOPED_TRACE("article " + std::to_string(i + 1));
    EXPECT_TRUE(arts[i].status.ok()) << arts[i].status.ToString();
    EXPECT_EQ(arts[i].position, i + 1);
    EXPECT_EQ(arts[i].line, lines[i]);
    EXPECT_EQ(arts[i].source, sources[i]);
    EXPECT_EQ(arts[i].published_at, times[i]);
    EXPECT_EQ(arts[i].topic, "稀土自主");
    EXPECT_EQ(arts[i].format, Format::kDigest);
    EXPECT_FALSE(arts[i].title.empty());
    EXPECT_EQ(arts[i].text.find('\n'),
              std::string::npos);  // one summary line each
  }
  EXPECT_EQ(arts[3].title, "特朗普又吹牛,美国稀土将多如牛毛?");
  EXPECT_EQ(arts[1].text.rfind("Core Insights - ", 0), 0u);
  EXPECT_EQ(arts[4].text.rfind("Group 1 - ", 0), 0u);
  EXPECT_EQ(arts[6].text.rfind("Core Viewpoint - ", 0), 0u);
  // Articles cover their three lines each, back to back.
  for (size_t i = 0; i + 1 < arts.size(); ++i) {
    size_t start = 0;
    for (uint32_t l = 1; l < arts[i].line; ++l)
      start = text.find('\n', start) + 1;
    size_t next = start + arts[i].bytes;
    size_t expected_next = start;
    for (int k = 0; k < 3; ++k)
      expected_next = text.find('\n', expected_next) + 1;
    EXPECT_EQ(next, expected_next) << "article " << i + 1;
  }
  ExpectNothingDropped(text, arts);
}

TEST(DigestReaderSeeds, Seed001OneArticleWithoutSource) {
  SKIP_WITHOUT_SEEDS(text, "001");
  std::vector<RawArticle> arts = ParseDigest(text, Conventions());
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_TRUE(arts[0].status.ok()) << arts[0].status.ToString();
  EXPECT_EQ(arts[0].title,
            "为打破中国稀土垄断,俄罗斯印度携手,我方一口气三大动作反制");
  EXPECT_EQ(arts[0].source, "");
  EXPECT_EQ(arts[0].published_at, "");
  EXPECT_EQ(arts[0].topic, "");
  EXPECT_EQ(arts[0].line, 2u);
  EXPECT_EQ(arts[0].text.rfind("Core Viewpoint - ", 0), 0u);
  EXPECT_EQ(arts[0].bytes, text.size() - std::string("Workflow\n").size());
  ExpectNothingDropped(text, arts);
}

TEST(DigestReaderSeeds, Seed000SummaryBeforeHeadline) {
  SKIP_WITHOUT_SEEDS(text, "000");
  std::vector<RawArticle> arts = ParseDigest(text, Conventions());
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_TRUE(arts[0].status.ok()) << arts[0].status.ToString();
  EXPECT_EQ(arts[0].title,
            "普京打出“稀土牌”明目张胆的给特朗普开后门,中国要警惕了!");
  EXPECT_EQ(arts[0].source, "Sou Hu Cai Jing");
  EXPECT_EQ(arts[0].published_at, "2025-06-26 10:04");
  EXPECT_EQ(arts[0].line, 1u);
  EXPECT_EQ(arts[0].bytes, text.size());
  EXPECT_EQ(arts[0].text.rfind("Core Viewpoint - ", 0), 0u);
  EXPECT_EQ(arts[0].text.find("普京"),
            std::string::npos);  // headline not in body
  EXPECT_EQ(arts[0].text, text.substr(0, text.find('\n')));
  ExpectNothingDropped(text, arts);
}

TEST(DigestReaderSeeds, Seed003SourceWithoutSpaceThenBlankLine) {
  SKIP_WITHOUT_SEEDS(text, "003");
  std::vector<RawArticle> arts = ParseDigest(text, Conventions());
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_TRUE(arts[0].status.ok()) << arts[0].status.ToString();
  EXPECT_EQ(arts[0].title, "“战略矿产之王”稀土:为什么会让美国人破大防?");
  EXPECT_EQ(arts[0].source, "Sou Hu Cai Jing");
  EXPECT_EQ(arts[0].published_at, "2025-08-26 08:14");
  EXPECT_EQ(arts[0].line, 2u);
  EXPECT_EQ(arts[0].text.rfind("Core Insights - ", 0),
            0u);  // blank line trimmed
  ExpectNothingDropped(text, arts);
}

TEST(DigestReaderSeeds, Seed004Topic) {
  SKIP_WITHOUT_SEEDS(text, "004");
  std::vector<RawArticle> arts = ParseDigest(text, Conventions());
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_TRUE(arts[0].status.ok()) << arts[0].status.ToString();
  EXPECT_EQ(arts[0].topic, "资源转化能力");
  EXPECT_EQ(arts[0].title,
            "动真格了?稀土储量全球前五,俄罗斯砸7000亿,摆脱对我们75%依赖");
  EXPECT_EQ(arts[0].source, "Sou Hu Cai Jing");
  EXPECT_EQ(arts[0].published_at, "2025-11-07 18:40");
  EXPECT_EQ(arts[0].line, 5u);
  ExpectNothingDropped(text, arts);
}

TEST(DigestReaderSeeds, AllSeedsLookLikeDigests) {
  for (const char* p : {"000", "001", "002", "003", "004"}) {
    std::string text = ReadSeed(p);
    if (text.empty()) GTEST_SKIP() << "seed " << p << " not found";
    EXPECT_TRUE(LooksLikeDigest(text, Conventions())) << p;
  }
}

// --- Synthetic digests
// ---------------------------------------------------------

struct Want {
  std::string title;
  std::string source;
  std::string published_at;
  std::string text;
  uint32_t line = 0;
  bool ok = true;
  std::string error_part;  // substring of the status message when !ok
};

struct Case {
  std::string name;
  std::string input;
  std::string topic;
  std::vector<Want> want;
};

std::vector<Case> Cases() {
  return {
      {"headline_first_two_articles",
       "Workflow\n锂电观察\nicon\nSearch documents\n"
       "锂价回暖?两家矿企上调全年产量指引\n"
       "Xin Lang Cai Jing· 2024-03-05 09:07\n"
       "Core Viewpoint - Two lithium miners raised their output guidance [1].\n"
       "镍市场的三个变化\n"
       "Dong Fang Cai Fu· 2024-03-04 18:30\n"
       "Group 1 - Nickel stocks fell for a third week [2]. - Buyers waited "
       "[3].\n",
       "锂电观察",
       {{"锂价回暖?两家矿企上调全年产量指引", "Xin Lang Cai Jing",
         "2024-03-05 09:07",
         "Core Viewpoint - Two lithium miners raised their output guidance "
         "[1].",
         5},
        {"镍市场的三个变化", "Dong Fang Cai Fu", "2024-03-04 18:30",
         "Group 1 - Nickel stocks fell for a third week [2]. - Buyers waited "
         "[3].",
         8}}},
      {"summary_first_two_articles",
       "Core Insights - Cobalt prices doubled within a year [4].\n"
       "钴价一年翻倍\n"
       "Cai Lian She·2023-12-01 10:00\n"
       "Core Viewpoint - A refinery in the south was expanded [1].\n"
       "南方冶炼厂扩产\n"
       "Zheng Quan Shi Bao·2023-11-30 08:05\n",
       "",
       {{"钴价一年翻倍", "Cai Lian She", "2023-12-01 10:00",
         "Core Insights - Cobalt prices doubled within a year [4].", 1},
        {"南方冶炼厂扩产", "Zheng Quan Shi Bao", "2023-11-30 08:05",
         "Core Viewpoint - A refinery in the south was expanded [1].", 4}}},
      {"crlf_line_ends",
       "Workflow\r\n铜价创新高\r\nGe Long Hui· 2024-05-20 11:11\r\n"
       "Core Viewpoint - Copper reached a record price [2].\r\n",
       "",
       {{"铜价创新高", "Ge Long Hui", "2024-05-20 11:11",
         "Core Viewpoint - Copper reached a record price [2].", 2}}},
      {"missing_source_line",
       "Workflow\n稀有金属出口新规解读\n\n"
       "Core Viewpoint - New export rules cover six metals [1].\n",
       "",
       {{"稀有金属出口新规解读", "", "",
         "Core Viewpoint - New export rules cover six metals [1].", 2}}},
      {"date_without_time_and_other_dots",
       "钨矿开采受限\nJing Ji Guan Cha Wang • 2022-07-08\n"
       "Core Viewpoint - Tungsten mining quotas were cut [5].\n"
       "锡价小幅回落\nHua Er Jie Jian Wen・2022-07-07 9:15\n"
       "Core Insights - Tin eased slightly [6].\n",
       "",
       {{"钨矿开采受限", "Jing Ji Guan Cha Wang", "2022-07-08",
         "Core Viewpoint - Tungsten mining quotas were cut [5].", 1},
        {"锡价小幅回落", "Hua Er Jie Jian Wen", "2022-07-07 09:15",
         "Core Insights - Tin eased slightly [6].", 4}}},
      {"multi_line_bullets_and_generic_headings",
       "有色金属周报-20250901\nDi Yi Cai Jing· 2025-09-01 07:00\n"
       "Market Overview - Base metals traded mixed this week [1].\n"
       "- Copper gained 2% [2].\n"
       "- Zinc slipped [3].\n"
       "Institutional Insights - Brokers expect steady demand [4].\n",
       "",
       {{"有色金属周报-20250901", "Di Yi Cai Jing", "2025-09-01 07:00",
         "Market Overview - Base metals traded mixed this week [1].\n- Copper "
         "gained 2% [2].\n"
         "- Zinc slipped [3].\nInstitutional Insights - Brokers expect steady "
         "demand [4].",
         1}}},
      {"chinese_prose_body_cut_off",
       "稀土永磁行业深度报告\nMei Ri Jing Ji Xin Wen· 2025-02-14 15:20\n"
       "本周永磁材料价格整体平稳,下游电机企业补库意愿有所增强。\n"
       "\n"
       "分析人士认为,随着新能源车型放量,高性能钕铁硼需求有望继续增长...\n",
       "",
       {{"稀土永磁行业深度报告", "Mei Ri Jing Ji Xin Wen", "2025-02-14 15:20",
         "本周永磁材料价格整体平稳,下游电机企业补库意愿有所增强。\n\n"
         "分析人士认为,随着新能源车型放量,高性能钕铁硼需求有望继续增长...",
         1}}},
      {"table_like_body",
       "三家公司业绩对比\nShang Hai Zheng Quan Bao· 2024-08-30 20:00\n"
       "公司\t营收(亿元)\t净利润(亿元)\n"
       "甲公司\t12.5\t1.3\n"
       "乙公司\t8.1\t0.6\n",
       "",
       {{"三家公司业绩对比", "Shang Hai Zheng Quan Bao", "2024-08-30 20:00",
         "公司\t营收(亿元)\t净利润(亿元)\n甲公司\t12.5\t1.3\n乙公司\t8.1\t0.6",
         1}}},
      {"residue_between_articles",
       "Workflow\n镁价反弹\nXin Hua Cai Jing· 2024-01-02 09:00\n"
       "Core Viewpoint - Magnesium bounced back [1].\nicon\n"
       "铝库存下降\nXin Hua Cai Jing· 2024-01-01 09:00\n"
       "Core Viewpoint - Aluminium stocks shrank [2].\n",
       "",
       {{"镁价反弹", "Xin Hua Cai Jing", "2024-01-02 09:00",
         "Core Viewpoint - Magnesium bounced back [1].", 2},
        {"铝库存下降", "Xin Hua Cai Jing", "2024-01-01 09:00",
         "Core Viewpoint - Aluminium stocks shrank [2].", 6}}},
      {"truncated_headline_without_body",
       "锑价上涨\nSou Hu Cai Jing· 2024-06-01 10:00\n"
       "Core Viewpoint - Antimony rose on tight supply [1].\n"
       "镓出口数据\nSou Hu Cai Jing· 2024-06-02 10:00\n",
       "",
       {{"锑价上涨", "Sou Hu Cai Jing", "2024-06-01 10:00",
         "Core Viewpoint - Antimony rose on tight supply [1].", 1},
        {"镓出口数据", "Sou Hu Cai Jing", "2024-06-02 10:00", "", 4, false,
         "line 4: headline"}}},
      {"summary_first_body_without_headline_at_end",
       "Core Viewpoint - Graphite exports were licensed [1].\n"
       "石墨出口许可\nSou Hu Cai Jing· 2024-06-03 10:00\n"
       "Core Viewpoint - A second summary lost its headline [2].\n",
       "",
       {{"石墨出口许可", "Sou Hu Cai Jing", "2024-06-03 10:00",
         "Core Viewpoint - Graphite exports were licensed [1].", 1},
        {"", "", "", "Core Viewpoint - A second summary lost its headline [2].",
         4, false, "has no headline"}}},
      {"lone_source_line",
       "Workflow\nSou Hu Cai Jing· 2024-06-04 10:00\n",
       "",
       {{"", "Sou Hu Cai Jing", "2024-06-04 10:00", "", 2, false,
         "no headline and no summary"}}},
      {"empty_file", "", "", {}},
      {"blank_and_residue_only", "\n  \r\nWorkflow\nicon\n\n", "", {}},
  };
}

TEST(DigestReaderSynthetic, Table) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    std::vector<RawArticle> arts = ParseDigest(c.input, Conventions());
    ASSERT_EQ(arts.size(), c.want.size());
    for (size_t i = 0; i < arts.size(); ++i) {
      SCOPED_TRACE("article " + std::to_string(i + 1));
      const Want& w = c.want[i];
      EXPECT_EQ(arts[i].title, w.title);
      EXPECT_EQ(arts[i].source, w.source);
      EXPECT_EQ(arts[i].published_at, w.published_at);
      EXPECT_EQ(arts[i].text, w.text);
      EXPECT_EQ(arts[i].topic, c.topic);
      EXPECT_EQ(arts[i].line, w.line);
      EXPECT_EQ(arts[i].position, i + 1);
      EXPECT_EQ(arts[i].status.ok(), w.ok) << arts[i].status.ToString();
      if (!w.ok) {
        EXPECT_EQ(arts[i].status.code(), StatusCode::kInvalidInput);
        EXPECT_NE(arts[i].status.message().find(w.error_part),
                  std::string::npos)
            << arts[i].status.message();
      }
    }
    ExpectNothingDropped(c.input, arts);
  }
}

TEST(DigestReaderSynthetic, BytesCoverArticleLines) {
  std::string a =
      "铅价走弱\nSou Hu Cai Jing· 2024-02-02 10:00\nCore Viewpoint - Lead "
      "weakened [1].\n";
  std::string b =
      "锌价走强\r\nSou Hu Cai Jing· 2024-02-03 10:00\r\nCore Viewpoint - Zinc "
      "firmed.";
  std::vector<RawArticle> arts =
      ParseDigest("Workflow\n" + a + b, Conventions());
  ASSERT_EQ(arts.size(), 2u);
  EXPECT_EQ(arts[0].bytes, a.size());
  EXPECT_EQ(arts[1].bytes, b.size());
}

TEST(DigestReaderSynthetic, OutOfRangeDateKeepsSourceAndAddsNote) {
  std::vector<RawArticle> arts = ParseDigest(
      "钒电池装机\nXin Lang Cai Jing· 2024-13-40 10:00\nCore Viewpoint - "
      "Installations grew.\n",
      Conventions());
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_TRUE(arts[0].status.ok());
  EXPECT_EQ(arts[0].source, "Xin Lang Cai Jing");
  EXPECT_EQ(arts[0].published_at, "");
  ASSERT_EQ(arts[0].notes.size(), 1u);
  EXPECT_NE(arts[0].notes[0].find("line 2"), std::string::npos)
      << arts[0].notes[0];
}

TEST(DigestReaderSynthetic, HugeSingleLineIsOneUnnamedBody) {
  std::string line(2 << 20, 'x');
  std::vector<RawArticle> arts = ParseDigest(line, Conventions());
  ASSERT_EQ(arts.size(), 1u);
  EXPECT_FALSE(arts[0].status.ok());
  EXPECT_EQ(arts[0].text.size(), line.size());
  EXPECT_EQ(arts[0].bytes, line.size());
}

TEST(ParseSourceLine, Table) {
  struct Row {
    std::string line;
    bool match;
    std::string source, published_at;
  };
  const std::vector<Row> rows = {
      {"Sou Hu Cai Jing· 2025-11-09 08:41", true, "Sou Hu Cai Jing",
       "2025-11-09 08:41"},
      {"Sou Hu Cai Jing·2025-08-26 08:14", true, "Sou Hu Cai Jing",
       "2025-08-26 08:14"},
      {"  Reuters ·  2024-1-5  7:03:09 ", true, "Reuters",
       "2024-01-05 07:03:09"},
      {"Jin Tou Wang•2024/02/29", true, "Jin Tou Wang", "2024-02-29"},
      {"财联社・2024.03.01 23:59", true, "财联社", "2024-03-01 23:59"},
      {"Cai Lian She· 2024-02-30 25:00", true, "Cai Lian She",
       ""},                                                 // out of range
      {"Sou Hu Cai Jing 2025-11-09 08:41", false, "", ""},  // no dot
      {"· 2025-11-09", false, "", ""},                      // no outlet
      {"Sou Hu Cai Jing· yesterday", false, "", ""},
      {"Sou Hu Cai Jing· 2025-11-09 08:41 updated", false, "", ""},
      {"Sou Hu Cai Jing· 2025-11-0908:41", false, "", ""},
      {"Price· 25-11-09", false, "", ""},
      {"", false, "", ""},
  };
  for (const Row& r : rows) {
    std::string source = "unset", when = "unset";
    EXPECT_EQ(ParseSourceLine(r.line, &source, &when), r.match) << r.line;
    if (r.match) {
      EXPECT_EQ(source, r.source) << r.line;
      EXPECT_EQ(when, r.published_at) << r.line;
    }
  }
}

TEST(LooksLikeDigest, Table) {
  struct Row {
    std::string text;
    bool digest;
  };
  const std::vector<Row> rows = {
      {"Workflow\n标题\n", true},
      {"标题\nXin Lang Cai Jing· 2024-03-05 09:07\nCore Viewpoint - x.\n",
       true},
      {"Core Insights - Demand grew [1].", true},
      {"标题\n\nGroup 1: Supply Side - Mines reopened [1]. - Ports cleared "
       "[2].",
       true},
      {"Market Overview - Shares rose [1]. - Bonds fell [2]. - Oil was flat "
       "[3].",
       true},
      {"New York - The city council voted on Tuesday to expand the program.",
       false},
      {"A plain article title\n\nThe body talks about metals in general "
       "terms.\n",
       false},
      {"{\"id\":\"1\",\"title\":\"t\",\"text\":\"Core Viewpoint - x\"}\n",
       false},
      {"", false},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(LooksLikeDigest(r.text, Conventions()), r.digest) << r.text;
  }
}

TEST(DigestConventions, LoadsResidueFromLexicon) {
  const DigestConventions& c = Conventions();
  EXPECT_TRUE(c.IsResidue("Workflow"));
  EXPECT_TRUE(c.IsResidue("  icon \r"));
  EXPECT_TRUE(c.IsResidue("search documents"));
  EXPECT_FALSE(c.IsResidue("稀土自主"));
  EXPECT_FALSE(c.IsResidue("Workflow automation"));
}

TEST(DigestConventions, MissingLexiconIsNotFound) {
  fs::path dir = testing::MakeTempDir("digest-conv");
  Result<DigestConventions> r = LoadDigestConventions(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  testing::WriteFile(dir / "digest_residue.tsv",
                     "# residue\nline\nWorkflow\n \n");
  r = LoadDigestConventions(dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kRuleError);
  EXPECT_NE(r.status().message().find("digest_residue.tsv:4"),
            std::string::npos)
      << r.status().message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace factmine
