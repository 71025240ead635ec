// Unit tests of the date layer's calendar arithmetic (date_calendar.h) and
// word table (date_words.h): exact values, leap years, year ends, the
// longest-match and block rules, and loader errors that name file:line.
#include "extractors/dates/date_calendar.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "extractors/dates/date_words.h"
#include "test_util.h"

namespace factmine {
namespace {

TEST(DateCalendar, DaysInMonth) {
  EXPECT_EQ(DaysInMonth(2025, 1), 31);
  EXPECT_EQ(DaysInMonth(2025, 2), 28);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);  // divisible by 100, not by 400
  EXPECT_EQ(DaysInMonth(2000, 2), 29);  // divisible by 400
  EXPECT_EQ(DaysInMonth(0, 2), 29);     // year unknown: 2月29日 is allowed
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 12), 31);
  EXPECT_EQ(DaysInMonth(2025, 0), 0);
  EXPECT_EQ(DaysInMonth(2025, 13), 0);
}

TEST(DateCalendar, DaysFromCivil) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1970, 1, 2), 1);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2025, 11, 20) - DaysFromCivil(2024, 11, 20), 365);
  EXPECT_EQ(DaysFromCivil(2024, 11, 20) - DaysFromCivil(2023, 11, 20), 366);
}

TEST(DateCalendar, AddDays) {
  struct Case {
    int y, m, d;
    int64_t add;
    int ey, em, ed;
  } cases[] = {
      {2025, 11, 20, -1, 2025, 11, 19},  {2025, 12, 31, 1, 2026, 1, 1},
      {2026, 1, 1, -1, 2025, 12, 31},    {2024, 2, 28, 1, 2024, 2, 29},
      {2025, 2, 28, 1, 2025, 3, 1},      {2024, 3, 1, -1, 2024, 2, 29},
      {2025, 11, 20, 365, 2026, 11, 20}, {1999, 12, 31, 1, 2000, 1, 1},
      {2025, 11, 20, 0, 2025, 11, 20},
  };
  for (const Case& c : cases) {
    int y = 0, m = 0, d = 0;
    AddDays(c.y, c.m, c.d, c.add, &y, &m, &d);
    EXPECT_EQ(y, c.ey) << c.y << "-" << c.m << "-" << c.d << " + " << c.add;
    EXPECT_EQ(m, c.em) << c.y << "-" << c.m << "-" << c.d << " + " << c.add;
    EXPECT_EQ(d, c.ed) << c.y << "-" << c.m << "-" << c.d << " + " << c.add;
  }
}

TEST(DateCalendar, FormatDate) {
  EXPECT_EQ(FormatDate(DateGrain::kDay, 2025, 11, 9), "2025-11-09");
  EXPECT_EQ(FormatDate(DateGrain::kMonth, 2025, 3, 0), "2025-03");
  EXPECT_EQ(FormatDate(DateGrain::kQuarter, 2025, 3, 0), "2025-Q3");
  EXPECT_EQ(FormatDate(DateGrain::kHalf, 2024, 2, 0), "2024-H2");
  EXPECT_EQ(FormatDate(DateGrain::kYear, 1997, 0, 0), "1997");
  EXPECT_EQ(FormatDate(DateGrain::kDecade, 1990, 0, 0), "1990s");
  EXPECT_EQ(FormatDate(DateGrain::kYear, 800, 0, 0), "0800");
  EXPECT_EQ(DateGrainName(DateGrain::kHalf), "half");
  EXPECT_EQ(DateGrainName(DateGrain::kNone), "");
}

class DateWordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto w = DateWords::Load(testing::LexiconDir().string());
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    words_ = new DateWords(std::move(w).value());
  }
  static void TearDownTestSuite() {
    delete words_;
    words_ = nullptr;
  }
  static DateWords* words_;
};

DateWords* DateWordsTest::words_ = nullptr;

TEST_F(DateWordsTest, MonthNamesFromIcu) {
  size_t end = 0;
  const DateWord* w =
      words_->Forward("December 1", 0, KindBit(DateWordKind::kMonth), &end);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->value, 12);
  EXPECT_EQ(end, 8u);
  EXPECT_FALSE(w->abbreviation);
  w = words_->Forward("Sept. 3", 0, KindBit(DateWordKind::kMonth), &end);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->value, 9);
  EXPECT_TRUE(w->abbreviation);
  EXPECT_EQ(end, 4u);  // the dot is the extractor's business
  // Month names need a capital letter and a word boundary.
  EXPECT_EQ(words_->Forward("may 5", 0, KindBit(DateWordKind::kMonth), &end),
            nullptr);
  EXPECT_EQ(words_->Forward("Mayor", 0, KindBit(DateWordKind::kMonth), &end),
            nullptr);
}

TEST_F(DateWordsTest, LongestMatchAndNoneWords) {
  size_t end = 0, begin = 0;
  // 关于 hides 于: the longer "none" word wins.
  std::string text = "关于2024年";
  const DateWord* w = words_->Backward(
      text, text.find("2024"), KindBit(DateWordKind::kRelationBefore), &begin);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->relation, DateRelation::kNone);
  EXPECT_EQ(begin, 0u);
  // "no later than" before a year: relation by, found backwards.
  text = "met no later than 2035";
  w = words_->Backward(text, text.find(" 2035"),
                       KindBit(DateWordKind::kRelationBefore), &begin);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->relation, DateRelation::kBy);
  EXPECT_EQ(text.substr(begin, 13), "no later than");
  // "last year" (relative) beats "last" (month modifier) when both asked.
  text = "Last year";
  w = words_->Forward(
      text, 0,
      KindBit(DateWordKind::kRelative) | KindBit(DateWordKind::kMonthModifier),
      &end);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->kind, DateWordKind::kRelative);
  EXPECT_EQ(w->grain, DateGrain::kYear);
  EXPECT_EQ(w->value, -1);
  EXPECT_EQ(end, text.size());
  // English words are whole words.
  EXPECT_EQ(
      words_->Forward("lastly", 0, KindBit(DateWordKind::kMonthModifier), &end),
      nullptr);
}

TEST_F(DateWordsTest, BlockWords) {
  std::string text = "过去年均增长";
  size_t at = text.find("去年"), end = 0;
  const DateWord* w = words_->Forward(text, at, DateWords::kStarters, &end);
  ASSERT_NE(w, nullptr);
  EXPECT_TRUE(words_->Blocked(text, at, w));
  text = "去年均价上涨";
  w = words_->Forward(text, 0, DateWords::kStarters, &end);
  ASSERT_NE(w, nullptr);
  EXPECT_FALSE(words_->Blocked(text, 0, w));
}

TEST_F(DateWordsTest, Prefilters) {
  // Every starter passes its own pre-test; most words do not.
  EXPECT_TRUE(words_->MayStartWord(DateWords::WordKey("today"), false));
  EXPECT_TRUE(words_->MayStartWord(DateWords::WordKey("December"), true));
  EXPECT_FALSE(words_->MayStartWord(DateWords::WordKey("December"), false));
  EXPECT_TRUE(words_->MayStartPair(DateWords::WordKey("last"),
                                   DateWords::WordKey("year")));
  EXPECT_FALSE(words_->MayStartPair(DateWords::WordKey("last"),
                                    DateWords::WordKey("week")));
  EXPECT_FALSE(words_->MayStartWord(DateWords::WordKey("are"), false));
  EXPECT_TRUE(words_->MayStartDate(U'去', U'年'));
  EXPECT_FALSE(words_->MayStartDate(U'去', U'除'));
}

// Writes a one-file lexicon directory with `rows` after the header.
std::filesystem::path LexiconWith(const std::string& rows) {
  auto dir = testing::MakeTempDir("date_words");
  testing::WriteFile(dir / "date_words.tsv",
                     "# test\nkind\tlang\ttext\tvalue\tpart\tnote\n" + rows);
  return dir;
}

TEST(DateWordsLoad, ErrorsNameFileAndLine) {
  struct Case {
    const char* rows;
    const char* error;  // a piece of the message
  } cases[] = {
      {"mnth\ten\tfoo\t1\t-\t\n", "date_words.tsv:3: unknown kind 'mnth'"},
      {"month\tfr\tjanvier\t1\t-\t\n", "date_words.tsv:3: lang must be"},
      {"month\ten\tSeptember\t13\t-\t\n", "date_words.tsv:3: value must be"},
      {"relative\tzh\t去年\tyear-1\t-\t\n",
       "date_words.tsv:3: value must be grain:offset"},
      {"relation_before\ten\tin\tinside\t-\t\n",
       "date_words.tsv:3: value must be a relation"},
      {"connector\ten\tto\tby\t-\t\n", "date_words.tsv:3: a connector's value"},
      {"part_before\ten\tearly\t-\t-\t\n",
       "date_words.tsv:3: a part word needs a part"},
      {"quarter\ten\tq1\t1\tlate\t\n",
       "date_words.tsv:3: only part and relative"},
      {"block\tzh\t过去了\t-\t-\t\n", "block '过去了' hides no date word"},
      {"relative\tzh\t年\tyear:0\t-\t\n", "has one character"},
  };
  for (const Case& c : cases) {
    auto dir = LexiconWith(c.rows);
    auto w = DateWords::Load(dir.string());
    ASSERT_FALSE(w.ok()) << c.rows;
    EXPECT_NE(w.status().message().find(c.error), std::string::npos)
        << w.status().ToString();
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace factmine
