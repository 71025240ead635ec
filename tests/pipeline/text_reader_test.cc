// Tests for pipeline/text_reader.h: title, metadata block, body, dates.
#include "pipeline/text_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace factmine {
namespace {

TEST(TextReader, TitleAndBody) {
  RawArticle a = ReadTextArticle(
      "\n\n  Smelter restarts after flood  \n\nThe plant resumed work on "
      "Monday.\n\nIt expects 4,500 tonnes this year.\n\n\n");
  ASSERT_TRUE(a.status.ok()) << a.status.ToString();
  EXPECT_EQ(a.title, "Smelter restarts after flood");
  EXPECT_EQ(a.text,
            "The plant resumed work on Monday.\n\nIt expects 4,500 tonnes this "
            "year.");
  EXPECT_EQ(a.line, 3u);
  EXPECT_EQ(a.position, 1u);
  EXPECT_EQ(a.format, Format::kText);
  EXPECT_EQ(a.source, "");
  EXPECT_EQ(a.published_at, "");
  EXPECT_TRUE(a.notes.empty());
}

TEST(TextReader, CrLfAndLoneCrBecomeLf) {
  RawArticle a = ReadTextArticle("标题\r\n第一段。\r\n第二段。\r第三段。\r\n");
  EXPECT_EQ(a.title, "标题");
  EXPECT_EQ(a.text, "第一段。\n第二段。\n第三段。");
}

TEST(TextReader, EnglishMetadataIsRemovedAndRecorded) {
  RawArticle a = ReadTextArticle(
      "Port volumes hit a record\nSource: Harbour Daily\nDate: 2025-03-14\n\n"
      "Container traffic grew 8% in February.\n");
  EXPECT_EQ(a.title, "Port volumes hit a record");
  EXPECT_EQ(a.source, "Harbour Daily");
  EXPECT_EQ(a.published_at, "2025-03-14");
  EXPECT_EQ(a.text, "Container traffic grew 8% in February.");
}

TEST(TextReader, ChineseMetadataWithFullWidthColons) {
  RawArticle a = ReadTextArticle(
      "锂价连续三周上涨\n\n来源：新华社\n日期：2025年3月14日\n\n"
      "碳酸锂现货价格本周继续走高。\n");
  EXPECT_EQ(a.title, "锂价连续三周上涨");
  EXPECT_EQ(a.source, "新华社");
  EXPECT_EQ(a.published_at, "2025-03-14");
  EXPECT_EQ(a.text, "碳酸锂现货价格本周继续走高。");
}

TEST(TextReader, SeveralPairsOnOneLine) {
  RawArticle a = ReadTextArticle(
      "港口新码头投入使用\n来源：新华社\xE3\x80\x80发布时间：2025-03-14 10:00\n"
      "新码头可同时停靠四艘货轮。");
  EXPECT_EQ(a.source, "新华社");
  EXPECT_EQ(a.published_at, "2025-03-14 10:00");
  EXPECT_EQ(a.text, "新码头可同时停靠四艘货轮。");
}

TEST(TextReader, DateFirstThenSource) {
  RawArticle a = ReadTextArticle(
      "钢材出口回落\n2025-03-14 10:00  来源：经济日报\n三月钢材出口环比下降。");
  EXPECT_EQ(a.source, "经济日报");
  EXPECT_EQ(a.published_at, "2025-03-14 10:00");
  EXPECT_EQ(a.text, "三月钢材出口环比下降。");
}

TEST(TextReader, BareDateLineUnderTitle) {
  RawArticle a = ReadTextArticle("Grain harvest\nMarch 14, 2025\nYields rose.");
  EXPECT_EQ(a.published_at, "2025-03-14");
  EXPECT_EQ(a.text, "Yields rose.");
}

TEST(TextReader, UnparsedDateStaysInTextWithANote) {
  RawArticle a = ReadTextArticle(
      "Grain harvest\nSource: Farm Weekly\nDate: sometime in spring\nYields "
      "rose.");
  EXPECT_EQ(a.source, "Farm Weekly");
  EXPECT_EQ(a.published_at, "");
  EXPECT_EQ(a.text, "Date: sometime in spring\nYields rose.");
  EXPECT_EQ(a.notes, std::vector<std::string>{
                         "date not understood: sometime in spring"});
}

TEST(TextReader, MetadataOnlyDirectlyUnderTheTitle) {
  RawArticle a =
      ReadTextArticle("Copper demand\nDemand grew.\nSource: Metals Monitor\n");
  EXPECT_EQ(a.source, "");
  EXPECT_EQ(a.text, "Demand grew.\nSource: Metals Monitor");
}

TEST(TextReader, ALongSourceValueIsASentenceNotMetadata) {
  std::string sentence =
      "Source: officials at the ministry, who spoke on condition of anonymity "
      "because the talks are private, said the quota would rise next year";
  RawArticle a = ReadTextArticle("Quota talks\n" + sentence + "\n");
  EXPECT_EQ(a.source, "");
  EXPECT_EQ(a.text, sentence);
}

TEST(TextReader, TitleOnly) {
  RawArticle a = ReadTextArticle("Only a headline\n\n");
  ASSERT_TRUE(a.status.ok());
  EXPECT_EQ(a.title, "Only a headline");
  EXPECT_EQ(a.text, "");
}

TEST(TextReader, EmptyAndBlankFilesAreRejected) {
  for (std::string s : {"", "\n\n", "  \t \r\n\xE3\x80\x80\n"}) {
    RawArticle a = ReadTextArticle(s);
    EXPECT_EQ(a.status.code(), StatusCode::kInvalidInput);
    EXPECT_EQ(a.status.message(), "empty article");
  }
}

TEST(PublishedAt, Accepted) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2025-03-14", "2025-03-14"},
      {" 2025/3/4 ", "2025-03-04"},
      {"2025.03.14", "2025-03-14"},
      {"2025年3月14日", "2025-03-14"},
      {"2025年03月14号", "2025-03-14"},
      {"２０２５年３月１４日", "2025-03-14"},
      {"2025年3月14日 10:00", "2025-03-14 10:00"},
      {"2025年3月14日10时05分", "2025-03-14 10:05"},
      {"2025年3月14日 9点5分30秒", "2025-03-14 09:05:30"},
      {"2025-03-14 10:00", "2025-03-14 10:00"},
      {"2025-03-14 10：00", "2025-03-14 10:00"},
      {"2025-03-14T10:00:30Z", "2025-03-14 10:00:30+00:00"},
      {"2025-03-14T10:00:30.250+08:00", "2025-03-14 10:00:30+08:00"},
      {"2025-03-14 10:00 +0800", "2025-03-14 10:00+08:00"},
      {"2025-03-14 10:00 UTC", "2025-03-14 10:00+00:00"},
      {"2025-03-14 10:00（北京时间）", "2025-03-14 10:00+08:00"},
      // A time zone is kept as an offset; "CST" (China or US Central?) is not.
      {"2025-03-14 10:00 CST", "2025-03-14 10:00"},
      {"2025-03-14T10:00-05:00", "2025-03-14 10:00-05:00"},
      {"March 14, 2025", "2025-03-14"},
      {"Mar. 14 2025", "2025-03-14"},
      {"sept 1st, 2025", "2025-09-01"},
      {"14 March 2025", "2025-03-14"},
      {"March 14, 2025 3:05 pm", "2025-03-14 15:05"},
      {"2024-02-29", "2024-02-29"},
  };
  for (const auto& [in, want] : cases) {
    std::string out = "unchanged";
    EXPECT_TRUE(ParsePublishedAt(in, &out)) << in;
    EXPECT_EQ(out, want) << in;
  }
}

TEST(PublishedAt, Rejected) {
  for (std::string in :
       {"", "yesterday", "2025", "2025-13-01", "2025-02-30", "2023-02-29",
        "2025-03-14 24:10", "2025-03-14 10:60", "20250314", "2025-03/14",
        "2025-03-14 星期五", "Marching 14, 2025", "10:00"}) {
    std::string out = "unchanged";
    EXPECT_FALSE(ParsePublishedAt(in, &out)) << in;
    EXPECT_EQ(out, "unchanged");
  }
}

}  // namespace
}  // namespace factmine
