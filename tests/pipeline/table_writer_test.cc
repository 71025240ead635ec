// Tests of TableWriter: CSV quoting, TSV escaping, JSONL typing.
#include "pipeline/table_writer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <sstream>
#include <vector>

namespace factmine {
namespace {

using V = CellValue;

std::string Write(TableFormat f, std::vector<TableColumn> cols,
                  const std::vector<std::vector<CellValue>>& rows) {
  std::ostringstream out;
  TableWriter w(f, std::move(cols), &out);
  for (const auto& r : rows) {
    Status s = w.WriteRow(r);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_TRUE(w.Finish().ok());
  return out.str();
}

TEST(TableWriter, CsvQuotesOnlyWhatNeedsQuoting) {
  std::string got = Write(
      TableFormat::kCsv, {{"id"}, {"text"}, {"share"}, {"note"}, {"empty"}},
      {{V::Integer(1), V::Text("plain words"), V::Real(0.25), V::Null(),
        V::Text("")},
       {V::Integer(2), V::Text("Lynas, Inc. said \"yes\"\nthen left"),
        V::Real(3), V::Text("a\rb"), V::Text("稀土")}});
  EXPECT_EQ(
      got,
      "id,text,share,note,empty\n"
      "1,plain words,0.25,,\"\"\n"
      "2,\"Lynas, Inc. said \"\"yes\"\"\nthen left\",3.0,\"a\rb\",稀土\n");
}

TEST(TableWriter, CsvQuotesHeaderNamesToo) {
  EXPECT_EQ(Write(TableFormat::kCsv, {{"a,b"}, {"c"}}, {}), "\"a,b\",c\n");
}

TEST(TableWriter, TsvEscapesTabsNewlinesAndBackslashes) {
  std::string got =
      Write(TableFormat::kTsv, {{"id"}, {"text"}, {"note"}},
            {{V::Integer(7), V::Text("a\tb\nc\rd\\e"), V::Null()},
             {V::Integer(-3), V::Text("俄罗斯, \"quoted\""), V::Real(1e300)}});
  EXPECT_EQ(got,
            "id\ttext\tnote\n"
            "7\ta\\tb\\nc\\rd\\\\e\t\n"
            "-3\t俄罗斯, \"quoted\"\t1e+300\n");
}

TEST(TableWriter, JsonlIsTyped) {
  std::string got =
      Write(TableFormat::kJsonl,
            {{"id"},
             {"share"},
             {"whole"},
             {"note"},
             {"text"},
             {"citations"},
             {"meta", true},
             {"bad_json", true},
             {"nan"}},
            {{V::Integer(7), V::Real(0.25), V::Real(3), V::Null(),
              V::Text("稀土 \"q\"\n\x01"), V::Text("[1, 3]"),
              V::Text("{\n  \"k\": \"v\"\n}"), V::Text("[1,"), V::Real(NAN)}});
  EXPECT_EQ(got,
            "{\"id\":7,\"share\":0.25,\"whole\":3.0,\"note\":null,"
            "\"text\":\"稀土 \\\"q\\\"\\n\\u0001\",\"citations\":[1,3],"
            "\"meta\":{\"k\":\"v\"},\"bad_json\":\"[1,\",\"nan\":null}\n");
}

TEST(TableWriter, JsonColumnNames) {
  EXPECT_TRUE(IsJsonColumnName("citations"));
  EXPECT_TRUE(IsJsonColumnName("claim_citations"));
  EXPECT_FALSE(IsJsonColumnName("citation_count"));
  EXPECT_FALSE(IsJsonColumnName("text"));
}

TEST(TableWriter, JsonlWithNoRowsIsEmptyAndCsvIsAHeader) {
  EXPECT_EQ(Write(TableFormat::kJsonl, {{"a"}}, {}), "");
  EXPECT_EQ(Write(TableFormat::kCsv, {{"a"}, {"b"}}, {}), "a,b\n");
  EXPECT_EQ(Write(TableFormat::kTsv, {{"a"}, {"b"}}, {}), "a\tb\n");
}

TEST(TableWriter, WrongRowWidthIsAnError) {
  std::ostringstream out;
  TableWriter w(TableFormat::kCsv, {{"a"}, {"b"}}, &out);
  std::vector<CellValue> row = {V::Integer(1)};
  Status s = w.WriteRow(row);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(s.message(), "table row has 1 values for 2 columns");
}

TEST(TableWriter, FailedStreamIsAnIoError) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  TableWriter w(TableFormat::kCsv, {{"a"}}, &out);
  std::vector<CellValue> row = {V::Integer(1)};
  EXPECT_EQ(w.WriteRow(row).code(), StatusCode::kIoError);
}

TEST(TableWriter, RowsFromAStatementKeepTheirTypes) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT 42 AS n, 1.5 AS r, NULL AS z, "
                               "'a,b' AS t, '[2,5]' AS citations",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  std::ostringstream jsonl, csv;
  std::vector<TableColumn> cols = {{"n"}, {"r"}, {"z"}, {"t"}, {"citations"}};
  TableWriter wj(TableFormat::kJsonl, cols, &jsonl);
  TableWriter wc(TableFormat::kCsv, cols, &csv);
  ASSERT_TRUE(wj.WriteStatementRow(st).ok());
  ASSERT_TRUE(wc.WriteStatementRow(st).ok());
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(
      jsonl.str(),
      "{\"n\":42,\"r\":1.5,\"z\":null,\"t\":\"a,b\",\"citations\":[2,5]}\n");
  EXPECT_EQ(csv.str(), "n,r,z,t,citations\n42,1.5,,\"a,b\",\"[2,5]\"\n");
  EXPECT_EQ(wj.rows(), 1);
}

TEST(TableWriter, JsonStringsReplaceInvalidUtf8) {
  std::string out;
  AppendJsonString("ok\xff\xe7\xa8", &out);
  EXPECT_EQ(out, "\"ok\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(TableWriter, RealsRoundTrip) {
  EXPECT_EQ(FormatReal(0.1), "0.1");
  EXPECT_EQ(FormatReal(2850000), "2850000.0");
  EXPECT_EQ(FormatReal(-7.25), "-7.25");
  EXPECT_EQ(FormatReal(1e-9), "1e-09");
}

TEST(TableWriter, FormatNames) {
  TableFormat f;
  ASSERT_TRUE(ParseTableFormat("jsonl", &f));
  EXPECT_EQ(f, TableFormat::kJsonl);
  ASSERT_TRUE(ParseTableFormat("tsv", &f));
  EXPECT_EQ(TableFormatName(f), "tsv");
  EXPECT_FALSE(ParseTableFormat("xlsx", &f));
}

}  // namespace
}  // namespace factmine
