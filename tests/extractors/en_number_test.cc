// EnNumberParser: digits with separators, decimals and scale words; number
// words, fractions, multipliers, ordinals; where an expression ends in
// running text; bounds on absurd input; lexicon errors.
#include "extractors/numbers/en_number.h"

#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace factmine {
namespace {

class EnNumberTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto p = EnNumberParser::Load(testing::LexiconDir().string());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    parser_ = new EnNumberParser(std::move(p).value());
  }
  static void TearDownTestSuite() {
    delete parser_;
    parser_ = nullptr;
  }
  static EnNumberParser* parser_;
};
EnNumberParser* EnNumberTest::parser_ = nullptr;

struct Case {
  const char* text;
  double value;
  NumberForm form;
  std::string_view rule;
};

TEST_F(EnNumberTest, WholeStrings) {
  using F = NumberForm;
  namespace R = number_rules;
  const Case cases[] = {
      {"380,000", 380000, F::kCardinal, R::kArabicSeparators},
      {"244.82", 244.82, F::kCardinal, R::kArabicPlain},
      {"0", 0, F::kCardinal, R::kArabicPlain},
      {"-5", -5, F::kCardinal, R::kArabicPlain},
      {"1,234,567.89", 1234567.89, F::kCardinal, R::kArabicSeparators},
      {"1,50,000", 150000, F::kCardinal, R::kArabicSeparators},
      {"2.85 million", 2.85e6, F::kCardinal, R::kArabicScale},
      {"1.2 billion", 1.2e9, F::kCardinal, R::kArabicScale},
      {"3 trillion", 3e12, F::kCardinal, R::kArabicScale},
      {"25 thousand", 25000, F::kCardinal, R::kArabicScale},
      {"1.13bn", 1.13e9, F::kCardinal, R::kArabicScale},
      {"1.13 bn", 1.13e9, F::kCardinal, R::kArabicScale},
      {"5 mln", 5e6, F::kCardinal, R::kArabicScale},
      {"40k", 40000, F::kCardinal, R::kArabicScale},
      {"40K", 40000, F::kCardinal, R::kArabicScale},
      {"13 lakh", 1.3e6, F::kCardinal, R::kArabicScale},
      {"1.5-billion", 1.5e9, F::kCardinal, R::kArabicScale},
      {"5 hundred million", 5e8, F::kCardinal, R::kArabicScale},
      {"twenty-five", 25, F::kCardinal, R::kEnWords},
      {"twenty five", 25, F::kCardinal, R::kEnWords},
      {"Twenty-Five", 25, F::kCardinal, R::kEnWords},
      {"one hundred and five", 105, F::kCardinal, R::kEnWords},
      {"one hundred five", 105, F::kCardinal, R::kEnWords},
      {"three million", 3e6, F::kCardinal, R::kEnWords},
      {"a million", 1e6, F::kCardinal, R::kEnWords},
      {"a hundred thousand", 1e5, F::kCardinal, R::kEnWords},
      {"two thousand and ten", 2010, F::kCardinal, R::kEnWords},
      {"nineteen", 19, F::kCardinal, R::kEnWords},
      {"zero", 0, F::kCardinal, R::kEnWords},
      {"nought", 0, F::kCardinal, R::kEnWords},
      {"two million five hundred thousand", 2.5e6, F::kCardinal, R::kEnWords},
      {"three hundred and fifty thousand", 350000, F::kCardinal, R::kEnWords},
      {"nine hundred ninety-nine thousand nine hundred ninety-nine", 999999,
       F::kCardinal, R::kEnWords},
      {"five point two five", 5.25, F::kCardinal, R::kEnWords},
      {"minus five", -5, F::kCardinal, R::kEnWords},
      {"negative 12", -12, F::kCardinal, R::kArabicPlain},
      {"one and a half", 1.5, F::kCardinal, R::kEnWords},
      {"two and a half million", 2.5e6, F::kCardinal, R::kEnWords},
      {"half a million", 5e5, F::kCardinal, R::kEnWords},
      {"a dozen", 12, F::kCardinal, R::kEnDozen},
      {"two dozen", 24, F::kCardinal, R::kEnDozen},
      {"3 dozen", 36, F::kCardinal, R::kEnDozen},
      {"half a dozen", 6, F::kCardinal, R::kEnDozen},
      {"a quarter", 0.25, F::kFraction, R::kEnFraction},
      {"half", 0.5, F::kFraction, R::kEnFraction},
      {"a half", 0.5, F::kFraction, R::kEnFraction},
      {"two thirds", 2.0 / 3, F::kFraction, R::kEnFraction},
      {"two-thirds", 2.0 / 3, F::kFraction, R::kEnFraction},
      {"one third", 1.0 / 3, F::kFraction, R::kEnFraction},
      {"a third", 1.0 / 3, F::kFraction, R::kEnFraction},
      {"three-quarters", 0.75, F::kFraction, R::kEnFraction},
      {"a fifth", 0.2, F::kFraction, R::kEnFraction},
      {"three fifths", 0.6, F::kFraction, R::kEnFraction},
      {"one hundredth", 0.01, F::kFraction, R::kEnFraction},
      {"1/8", 0.125, F::kFraction, R::kArabicFraction},
      {"3/4", 0.75, F::kFraction, R::kArabicFraction},
      {"2 1/4", 2.25, F::kCardinal, R::kArabicFraction},
      {"sixfold", 6, F::kMultiplier, R::kEnMultiplier},
      {"Tenfold", 10, F::kMultiplier, R::kEnMultiplier},
      {"six-fold", 6, F::kMultiplier, R::kEnMultiplier},
      {"6-fold", 6, F::kMultiplier, R::kArabicMultiplier},
      {"1.5-fold", 1.5, F::kMultiplier, R::kArabicMultiplier},
      {"twice", 2, F::kMultiplier, R::kEnMultiplier},
      {"thrice", 3, F::kMultiplier, R::kEnMultiplier},
      {"hundredfold", 100, F::kMultiplier, R::kEnMultiplier},
      {"first", 1, F::kOrdinal, R::kEnOrdinal},
      {"twenty-first", 21, F::kOrdinal, R::kEnOrdinal},
      {"one hundred and first", 101, F::kOrdinal, R::kEnOrdinal},
      {"hundredth", 100, F::kOrdinal, R::kEnOrdinal},
      {"21st", 21, F::kOrdinal, R::kArabicOrdinal},
      {"2nd", 2, F::kOrdinal, R::kArabicOrdinal},
      {"100th", 100, F::kOrdinal, R::kArabicOrdinal},
      {"10^6", 1e6, F::kCardinal, R::kArabicPower},
      {"2^10", 1024, F::kCardinal, R::kArabicPower},
      {"10^-3", 0.001, F::kCardinal, R::kArabicPower},
      {"1.3e6", 1.3e6, F::kCardinal, R::kArabicPower},
      {"1990s", 1990, F::kCardinal, R::kArabicDecade},
  };
  for (const Case& c : cases) {
    EnNumberMatch m = parser_->Parse(c.text);
    ASSERT_TRUE(m.number.ok())
        << c.text << ": " << NumeralStatusName(m.number.status) << " end "
        << m.end;
    EXPECT_DOUBLE_EQ(m.number.value, c.value) << c.text;
    EXPECT_EQ(m.form, c.form) << c.text;
    EXPECT_EQ(m.rule, c.rule) << c.text;
  }
}

TEST_F(EnNumberTest, MoneySuffixNeedsACurrencySign) {
  EnNumberMatch m = parser_->ParseAt("600m", 0, /*currency_before=*/true);
  ASSERT_TRUE(m.number.ok());
  EXPECT_EQ(m.number.value, 6e8);
  EXPECT_EQ(m.end, 4u);
  m = parser_->ParseAt("600m", 0, false);  // metres
  EXPECT_EQ(m.number.value, 600);
  EXPECT_EQ(m.end, 3u);
  m = parser_->ParseAt("2.5tn", 0, true);
  EXPECT_EQ(m.number.value, 2.5e12);
  m = parser_->ParseAt("2.5tn", 0, false);  // tonnes
  EXPECT_EQ(m.number.value, 2.5);
  // A currency sign also lets one digit take a capital scale ("$3M").
  m = parser_->ParseAt("1MM", 0, true);
  EXPECT_EQ(m.number.value, 1e6);
  EXPECT_EQ(m.end, 3u);
  m = parser_->ParseAt("3M", 0, false);  // the company
  EXPECT_EQ(m.number.value, 3);
  EXPECT_EQ(m.end, 1u);
}

TEST_F(EnNumberTest, DecimalCommaAfterAEuroSign) {
  const std::string text = "\xE2\x82\xAC" "4,50 each, 4,50 each";
  EnNumberMatch m = parser_->ParseAt(text, 3);
  ASSERT_TRUE(m.number.ok());
  EXPECT_DOUBLE_EQ(m.number.value, 4.5);
  EXPECT_EQ(m.end, 7u);
  m = parser_->ParseAt(text, 14);  // no euro sign: "4" and a list comma
  EXPECT_EQ(m.number.value, 4);
  EXPECT_EQ(m.end, 15u);
}

TEST_F(EnNumberTest, WhereExpressionsEnd) {
  struct End {
    const char* text;
    size_t end;
    double value;
  } cases[] = {
      {"5,000-digit number", 5,
       5000},  // decided: the hyphenated noun is not part
      {"ten-year plan", 3, 10},
      {"10kg bags", 2, 10},
      {"one two", 3, 1},
      {"three quarters", 14, 0.75},  // a clause end: the fraction
      {"three quarters later", 5, 3},  // fiscal quarters unless "of", a
      {"three quarters of it", 14, 0.75},  // hyphen or a clause end
      {"fifty - two", 11, 52},
      {"fifty   two", 11, 52},
      {"two hundred point seventy-one", 29, 200.71},
      {"five point two five", 19, 5.25},
      {"one over three.", 14, 1.0 / 3},
      {"one over three years", 3, 1},  // not at a clause end: a bound
      {"5 over 2023.", 1, 5},           // a year is no denominator
      {"one out of three", 16, 1.0 / 3},
      {"7 out of 10", 1, 7},  // a score: two numbers
      {"one and a quarter", 17, 1.25},
      {"twenty and three fifths", 23, 20.6},
      {"2 and a half years", 12, 2.5},
      {"4 and two-fifths", 1, 4},        // after digits: "and a ..." only
      {"2 and Half-Life", 1, 2},
      {"3 dozens eggs", 8, 36},
      {"half a  dozen", 13, 6},
      {"1 234 567 people", 9, 1234567},
      {"40 000 people", 6, 40000},
      {"100 200 people", 3, 100},        // two numbers
      {"36 100 kilowatt", 2, 36},        // one group: only "000" groups
      {"12 000 people", 6, 12000},
      {"10 737-800 jets", 2, 10},        // a count and a model
      {"555 123 4567", 3, 555},          // a phone number, not groups
      {"1000 5000", 4, 1000},
      {"10M users", 3, 1e7},
      {"10m race", 2, 10},               // metres
      {"15MM budget", 4, 1.5e7},
      {"1MM budget", 1, 1},     // one digit: 3M, Insat 1B are names
      {"3M products", 1, 3},
      {"1mm thick", 1, 1},
      {"2mil kronor", 4, 2e6},
      {"2.33 k", 6, 2330},
      {"5 k", 1, 5},
      {"-2.5 M", 6, -2.5e6},
      {"10 M", 2, 10},
      {"-4/5", 4, -0.8},
      {"-3/2", 4, -1.5},
      {"4 6/3", 5, 6},
      {"2  1/4", 6, 2.25},
      {"three lakh crore", 16, 3e12},
      {"a trillionth", 12, 1e-12},
      {"a hundred trillionths", 21, 1e-10},
      {"one hundred thirty-two fifths", 29, 26.4},
      {"two third of", 9, 2.0 / 3},
      {"one twenty-fifth of", 16, 0.04},
      {"twenty twenty fifths", 20, 0.8},
      {"twenty twenty", 6, 20},
      {"in 2024.", 0, 0},
      {"2024. Next", 4, 2024},
      {"24/7 service", 2, 24},  // the scanner drops slash chains
      {"9/11 attacks", 1, 9},   // 11 is no everyday denominator
      {"12/25 deadline", 2, 12},
      {"1.5-billion-dollar deal", 11, 1.5e9},
      {"a hundred and five", 18, 105},
      {"a lot", 0, 0},
      {"half-year", 4, 0.5},
      // Compound denominators; "and" ties the tens to the count.
      {"one hundred thirty fifths", 25, 100.0 / 35},
      {"one hundred thirty-fifths", 25, 100.0 / 35},
      {"one hundred and thirty fifths", 29, 26},
      {"three twenty-firsts", 19, 3.0 / 21},
      {"five thirty-seconds of", 19, 5.0 / 32},
      {"five thirty seconds", 4, 5},        // time, not 5/32
      {"one one hundred fifth.", 21, 1.0 / 105},
      {"one one hundred fifth day", 3, 1},  // an ordinal follows
      {"two one hundred fifths", 22, 2.0 / 105},
      // Scale ordinals after a count; fractions before "of".
      {"two millionth visitor", 13, 2e6},
      {"two hundredth", 13, 200},
      {"two thousandth of", 14, 0.002},
      {"one hundredth.", 13, 0.01},
      {"one hundredth ship", 13, 100},
      {"two millionths", 14, 2e-6},
      // A fraction below one after "and" is the fractional part.
      {"one hundred and three quarters", 30, 100.75},
      {"two hundred and three fifths tons", 28, 200.6},
      {"one hundred and three weeks", 21, 103},
      // Decimal comma only for ",0d" (and after a euro sign, below).
      {"5,00 each", 4, 5},
      {"3,05 or", 4, 3.05},
      {"1,3 and", 1, 1},
      {"5,10 and", 1, 5},
      {"2,318,00 vs", 5, 2318},
  };
  for (const End& c : cases) {
    EnNumberMatch m = parser_->ParseAt(c.text, 0);
    EXPECT_EQ(m.end, c.end) << c.text;
    if (c.end > 0) {
      EXPECT_DOUBLE_EQ(m.number.value, c.value) << c.text;
    }
  }
}

TEST_F(EnNumberTest, BoundedOnAbsurdInput) {
  std::string huge(5000, '1');
  EnNumberMatch m = parser_->Parse(huge);
  EXPECT_EQ(m.number.status, NumeralStatus::kOverflow);
  EXPECT_EQ(m.end, huge.size());
  EXPECT_EQ(parser_->Parse("10^400").number.status, NumeralStatus::kOverflow);
  EXPECT_EQ(parser_->Parse("10^-400").number.status, NumeralStatus::kOverflow);
  EXPECT_EQ(parser_->Parse("9^99999").number.status, NumeralStatus::kOverflow);
  EXPECT_EQ(parser_->Parse("1e400").number.status, NumeralStatus::kOverflow);
  EXPECT_EQ(parser_->Parse("1e99999").number.status, NumeralStatus::kOverflow);
  EXPECT_EQ(parser_->Parse("2 quadrillion billion").number.status,
            NumeralStatus::kInvalid);
  EXPECT_EQ(parser_->Parse("999 quadrillion").number.status,
            NumeralStatus::kOk);
  std::string commas = "1";
  for (int i = 0; i < 1000; ++i) commas += ",000";
  EXPECT_EQ(parser_->Parse(commas).number.status, NumeralStatus::kOverflow);
  std::string words;
  for (int i = 0; i < 1000; ++i) words += "one hundred ";
  m = parser_->ParseAt(words, 0);
  EXPECT_EQ(m.end, 15u);  // "one hundred one" = 101, then a new expression
  EXPECT_EQ(parser_->Parse("1.2.3").number.status, NumeralStatus::kInvalid);
  EXPECT_EQ(parser_->Parse("").number.status, NumeralStatus::kEmpty);
  EXPECT_FALSE(parser_->Parse("the").number.ok());
  EXPECT_FALSE(parser_->Parse("hundred").number.ok());
  EXPECT_FALSE(parser_->Parse("a").number.ok());
}

TEST_F(EnNumberTest, CanStart) {
  for (const char* w : {"one", "twenty", "a", "an", "half", "first", "twice",
                        "sixfold", "minus", "negative"}) {
    EXPECT_TRUE(parser_->CanStart(w)) << w;
  }
  for (const char* w : {"the", "often", "percent", "recent", "cent", "quarter",
                        "million", "hundred", "manifold", ""}) {
    EXPECT_FALSE(parser_->CanStart(w)) << w;
  }
}

TEST(EnNumberLexicon, BadRowsNameFileAndLine) {
  auto scales =
      TsvTable::Parse("surface\tlang\texp\tkind\nmillion\ten\t6\ten_word\n",
                      "lexicon/scales.tsv");
  ASSERT_TRUE(scales.ok());
  auto words = TsvTable::Parse(
      "word\tkind\tvalue\tnote\none\tunit\t1\t\nTwo\tunit\t2\t\n",
      "lexicon/en_number_words.tsv");
  ASSERT_TRUE(words.ok());
  auto p = EnNumberParser::FromTables(*words, *scales);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("lexicon/en_number_words.tsv:3"),
            std::string::npos)
      << p.status().message();
  auto dup = TsvTable::Parse(
      "word\tkind\tvalue\tnote\none\tunit\t1\t\none\tunit\t1\t\n",
      "lexicon/en_number_words.tsv");
  ASSERT_TRUE(dup.ok());
  auto p2 = EnNumberParser::FromTables(*dup, *scales);
  ASSERT_FALSE(p2.ok());
  EXPECT_NE(p2.status().message().find("duplicate"), std::string::npos);
  auto badkind = TsvTable::Parse("word\tkind\tvalue\tnote\none\tnumber\t1\t\n",
                                 "lexicon/en_number_words.tsv");
  ASSERT_TRUE(badkind.ok());
  EXPECT_FALSE(EnNumberParser::FromTables(*badkind, *scales).ok());
}

}  // namespace
}  // namespace factmine
