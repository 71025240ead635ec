// Tests for pipeline/jsonl_reader.h: fields, keys, bad lines, long lines.
#include "pipeline/jsonl_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace factmine {
namespace {

std::vector<RawArticle> ReadAll(const std::string& input,
                                size_t max_line_bytes = 1 << 20,
                                const std::string& path = "/data/b.jsonl") {
  std::istringstream in(input);
  JsonlReader reader(in, max_line_bytes, path);
  std::vector<RawArticle> out;
  RawArticle a;
  while (reader.Next(&a)) out.push_back(a);
  return out;
}

TEST(JsonlReader, FieldsKeysAndMeta) {
  const std::string input =
      R"({"id":"a-1","title":"Lithium rally","source":"Metal Wire","published_at":"2025-03-14T08:30:00Z","lang":"en","text":"Prices rose 4%."})"
      "\n"
      R"({"id":42,"title":"锂价上涨","text":"现货价格上涨。","url":"http://example.org/x","tags":["锂","价格"]})"
      "\n"
      R"({"title":"No id here","text":"Body.","source":null})"
      "\n";
  std::vector<RawArticle> v = ReadAll(input);
  ASSERT_EQ(v.size(), 3u);

  EXPECT_TRUE(v[0].status.ok()) << v[0].status.ToString();
  EXPECT_EQ(v[0].key, "jsonl:a-1");
  EXPECT_EQ(v[0].title, "Lithium rally");
  EXPECT_EQ(v[0].source, "Metal Wire");
  EXPECT_EQ(v[0].published_at, "2025-03-14 08:30:00+00:00");  // zone kept
  EXPECT_EQ(v[0].lang, "en");
  EXPECT_EQ(v[0].text, "Prices rose 4%.");
  EXPECT_EQ(v[0].meta_json, "");
  EXPECT_EQ(v[0].line, 1u);
  EXPECT_EQ(v[0].position, 1u);
  EXPECT_EQ(v[0].path, "/data/b.jsonl");
  EXPECT_EQ(v[0].format, Format::kJsonl);
  EXPECT_EQ(v[0].encoding, "UTF-8");
  EXPECT_EQ(v[0].bytes, input.find('\n') + 1);

  EXPECT_TRUE(v[1].status.ok());
  EXPECT_EQ(v[1].key, "jsonl:42");
  EXPECT_EQ(v[1].title, "锂价上涨");
  EXPECT_EQ(v[1].meta_json,
            R"({"tags":["锂","价格"],"url":"http://example.org/x"})");

  EXPECT_TRUE(v[2].status.ok());
  EXPECT_EQ(v[2].key, "/data/b.jsonl#3");
  EXPECT_EQ(v[2].source, "");
}

TEST(JsonlReader, BadLinesNameTheirLine) {
  const std::string input =
      "\n"  // line 1: blank, skipped
      R"({"id":"ok","text":"fine"})"
      "\n"                  // line 2, position 1
      "this is not json\n"  // line 3, position 2
      "[1,2,3]\n"           // line 4
      R"({"title":"no body"})"
      "\n"  // line 5
      R"({"title":7,"text":"x"})"
      "\n"  // line 6
      R"({"id":true,"text":"x"})"
      "\n"  // line 7
      R"({"title":" ","text":""})"
      "\n"          // line 8
      "   \t \r\n"  // line 9: blank
      R"({"text":"last","n":1e400})"
      "\n";  // line 10
  std::vector<RawArticle> v = ReadAll(input);
  ASSERT_EQ(v.size(), 8u);
  EXPECT_TRUE(v[0].status.ok());
  EXPECT_EQ(v[0].line, 2u);
  EXPECT_EQ(v[0].position, 1u);

  EXPECT_EQ(v[1].line, 3u);
  EXPECT_EQ(v[1].position, 2u);
  EXPECT_EQ(v[1].key, "/data/b.jsonl#2");
  EXPECT_EQ(v[1].status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(v[1].status.message(),
            "line 3: not JSON (parse error at column 2: syntax error while "
            "parsing value - invalid literal; last read: 'th')");
  EXPECT_EQ(v[2].status.message(), "line 4: not a JSON object (an array)");
  EXPECT_EQ(v[3].status.message(), "line 5: no \"text\" field");
  EXPECT_EQ(v[4].status.message(),
            "line 6: \"title\" is not a string (a number)");
  EXPECT_EQ(v[5].status.message(),
            "line 7: \"id\" must be a string or a number (it is a boolean)");
  EXPECT_EQ(v[6].status.message(), "line 8: empty article");
  EXPECT_EQ(v[7].line, 10u);
  EXPECT_EQ(v[7].position, 8u);
  EXPECT_EQ(v[7].status.message(),
            "line 10: not JSON (number overflow parsing '1e400')");
}

TEST(JsonlReader, LongLineIsSkippedAndReported) {
  std::string big = R"({"text":")" + std::string(5000, 'x') + R"("})";
  const std::string input = R"({"text":"before"})"
                            "\n" +
                            big + "\n" +
                            R"({"text":"after"})";  // no final newline
  std::vector<RawArticle> v = ReadAll(input, /*max_line_bytes=*/1000);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].text, "before");
  EXPECT_EQ(v[1].status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(v[1].status.message(),
            "line 2 is longer than 1000 bytes (5011 bytes)");
  EXPECT_EQ(v[1].bytes, 5012u);  // with its newline
  EXPECT_EQ(v[1].position, 2u);
  EXPECT_TRUE(v[2].status.ok());
  EXPECT_EQ(v[2].text, "after");
  EXPECT_EQ(v[2].line, 3u);
}

TEST(JsonlReader, LongLinesAcrossReadChunks) {
  // Lines longer than the reader's 64 KiB chunk but within the limit.
  std::string text(200000, 'y');
  const std::string input = R"({"id":"big","text":")" + text + "\"}\r\n" +
                            R"({"id":"small","text":"z"})"
                            "\n";
  std::istringstream in(input);
  JsonlReader reader(in, 1 << 20, "p");
  RawArticle a;
  ASSERT_TRUE(reader.Next(&a));
  EXPECT_TRUE(a.status.ok());
  EXPECT_EQ(a.text, text);
  EXPECT_EQ(a.key, "jsonl:big");
  ASSERT_TRUE(reader.Next(&a));
  EXPECT_EQ(a.key, "jsonl:small");
  EXPECT_FALSE(reader.Next(&a));
  EXPECT_EQ(reader.bytes_consumed(), input.size());
}

TEST(JsonlReader, RepairsNulAndInvalidUtf8WithNotes) {
  const std::string input = std::string(R"({"id":"n","text":"a)") + '\0' +
                            "b\xFF"
                            "c\"}\n";
  std::vector<RawArticle> v = ReadAll(input);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].status.ok()) << v[0].status.ToString();
  EXPECT_EQ(v[0].text,
            "ab\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(v[0].notes,
            (std::vector<std::string>{"1 NUL byte removed",
                                      "1 invalid UTF-8 sequence replaced"}));
}

TEST(JsonlReader, BomAndUnparsedDate) {
  const std::string input =
      "\xEF\xBB\xBF"
      R"({"id":"d","text":"t","published_at":"last Tuesday"})";
  std::vector<RawArticle> v = ReadAll(input);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].status.ok()) << v[0].status.ToString();
  EXPECT_EQ(v[0].published_at, "");
  EXPECT_EQ(v[0].meta_json, R"({"published_at":"last Tuesday"})");
  EXPECT_EQ(v[0].notes, std::vector<std::string>{
                            "published_at not understood: last Tuesday"});
}

TEST(JsonlReader, DeepNestingIsRejectedButBracketsInStringsAreText) {
  const std::string deep = R"({"text":"x","a":)" + std::string(300, '[') +
                           std::string(300, ']') + "}\n";
  const std::string brackets = R"({"text":")" + std::string(300, '[') +
                               R"(\"{","ok":[[1]]})"
                               "\n";
  std::vector<RawArticle> v = ReadAll(deep + brackets);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].status.message(),
            "line 1: JSON nested deeper than 256 levels");
  EXPECT_TRUE(v[1].status.ok()) << v[1].status.ToString();
  EXPECT_EQ(v[1].text, std::string(300, '[') + "\"{");
  EXPECT_EQ(v[1].meta_json, R"({"ok":[[1]]})");
}

TEST(JsonlReader, EmptyStream) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n\n  \n").empty());
}

}  // namespace
}  // namespace factmine
