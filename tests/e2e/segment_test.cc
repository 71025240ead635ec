// End-to-end tests of `factmine segment`: the real binary as a filter, one
// output line per input line, words printed as written (full-width forms
// kept, or normalized with --normalized), line ends kept, extra words from
// --words, usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "e2e/e2e_util.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using testing::FactmineRun;

FactmineRun Segment(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> argv{testing::FactmineBinary().string(), "segment"};
  argv.insert(argv.end(), args.begin(), args.end());
  FactmineRun r;
  r.exit_code = testing::RunCommand(argv, &r.out, &r.err, input);
  return r;
}

TEST(SegmentE2e, OneLineOutPerLineIn) {
  FactmineRun r = Segment({},
                          "中国稀土产量占全球70%。\n"
                          "\n"
                          "1997年5月20日，卡斯帕罗夫访问北京。\n"
                          "The U.S. imports rare earths.\n"
                          "输入的最后一行");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "中国 稀土 产量 占 全球 70% 。\n"
            "\n"
            "1997年5月20日 ， 卡斯帕罗夫 访问 北京 。\n"
            "The U.S. imports rare earths .\n"
            "输入 的 最后 一行\n");  // a newline is added
}

TEST(SegmentE2e, WordsAsWrittenOrNormalized) {
  const std::string in = "１２．５％的股份被轉讓……\r\n";
  FactmineRun r = Segment({}, in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "１２．５％ 的 股份 被 轉讓 ……\r\n");
  r = Segment({"--normalized"}, in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "12.5% 的 股份 被 转让 ......\r\n");
  r = Segment({"--raw"}, in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "１２．５％ 的 股份 被 轉讓 ……\r\n");
}

TEST(SegmentE2e, ExtraWordsStayWhole) {
  fs::path dir = testing::MakeTempDir("segment_words");
  testing::WriteFile(dir / "words.txt", "赣岭矿业\n西岭公司\r\nMP Materials\n");
  FactmineRun r = Segment({"--words", (dir / "words.txt").string()}, "赣岭矿业与西岭公司\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "赣岭矿业 与 西岭公司\n");
  EXPECT_NE(r.err.find("1 word(s)"), std::string::npos) << r.err;  // MP Materials
  r = Segment({}, "赣岭矿业与西岭公司\n");
  EXPECT_EQ(r.out, "赣岭 矿业 与 西岭 公司\n");
  // The entity lexicon's Chinese names stay whole without --words.
  r = Segment({}, "北方稀土与莱纳斯公司\n");
  EXPECT_EQ(r.out, "北方稀土 与 莱纳斯公司\n");
  fs::remove_all(dir);
}

TEST(SegmentE2e, UsageErrors) {
  FactmineRun r = Segment({"--words", "/nonexistent/words.txt"}, "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
  r = Segment({"--bogus"}, "");
  EXPECT_EQ(r.exit_code, 2);
  r = Segment({"--help"}, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("standard input"), std::string::npos);
}

}  // namespace
}  // namespace factmine
