// ZhNumeralParser: values of Chinese numerals, 成 numbers and 分之
// fractions; garbage and bounds; lexicon errors. Also the decimal helpers
// of number_value.h that the parser stands on.
#include "extractors/numbers/zh_numeral.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "test_util.h"

namespace factmine {
namespace {

class ZhNumeralTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto p = ZhNumeralParser::Load(testing::LexiconDir().string());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    parser_ = new ZhNumeralParser(std::move(p).value());
  }
  static void TearDownTestSuite() {
    delete parser_;
    parser_ = nullptr;
  }
  static ZhNumeralParser* parser_;
};
ZhNumeralParser* ZhNumeralTest::parser_ = nullptr;

struct ValueCase {
  const char* text;
  double value;
  bool more = false;
  bool digit_string = false;
};

TEST_F(ZhNumeralTest, Values) {
  const ValueCase cases[] = {
      {"二百八十五万", 2850000},
      {"两千", 2000},
      {"一万零五", 10005},
      {"〇", 0},
      {"零", 0},
      {"二〇二四", 2024, false, true},
      {"二○○一", 2001, false, true},  // U+25CB white circle
      {"一九九七", 1997, false, true},
      {"〇五", 5, false, true},
      {"廿", 20},
      {"卅", 30},
      {"卌", 40},
      {"廿五", 25},
      {"壹佰贰拾叁", 123},
      {"肆佰陆拾", 460},
      {"拾万零伍拾陆", 100056},
      {"玖仟玖佰玖拾玖", 9999},
      {"叁亿", 300000000},
      {"五萬", 50000},  // traditional, before normalization
      {"三億", 300000000},
      {"兩千", 2000},
      {"万亿", 1e12},
      {"一万亿", 1e12},
      {"三万亿", 3e12},
      {"一兆", 1e12},
      {"五兆六十二亿四万五千二", 5006200045200},
      {"2.85万", 28500},
      {"7000亿", 7e11},
      {"3千", 3000},
      {"1.2万亿", 1.2e12},
      {"4.78万亿", 4.78e12},
      {"5万4千6百", 54600},
      {"5亿1万4千6百", 500014600},
      {"1,234万", 12340000},
      {"10万万", 1e9},
      {"十", 10},
      {"十五", 15},
      {"二十", 20},
      {"一十五", 15},
      {"一百一十", 110},
      {"一百十", 110},
      {"九十九", 99},
      {"一百零一", 101},
      {"一千零五十", 1050},
      {"一千零一", 1001},
      {"一万三", 13000},  // spoken: 一万三千
      {"九百九", 990},
      {"两千四百五", 2450},
      {"一百五", 150},
      {"十万三", 103000},
      {"一万零三", 10003},  // 零 cancels the abbreviation
      {"百三", 130},
      {"百万", 1e6},
      {"千亿", 1e11},
      {"千万", 1e7},
      {"一千万亿", 1e15},
      {"四万万", 4e8},
      {"一百零一万一千", 1011000},
      {"一千两百三十四万", 12340000},
      {"五亿零六", 500000006},
      {"四千零五万", 40050000},
      {"四千万零六千", 40006000},
      {"一亿二千万", 120000000},
      {"一万亿五千亿", 1.5e12},
      {"四亿五千六百四十二万零一十五", 456420015},
      {"三点一四", 3.14},
      {"零点五", 0.5},
      {"二十六点三三", 26.33},
      {"二十点五", 20.5},
      {"二点五万", 25000},
      {"一点二万亿", 1.2e12},
      {"负三十二", -32},
      {"负5", -5},
      {"半", 0.5},
      {"500多亿", 5e10, true},
      {"300多", 300, true},
      {"10余万", 100000, true},
      {"十多万", 100000, true},
      {"五百余", 500, true},
      {"三十多", 30, true},
      {"十几", 10, true},
      {"二十几万", 200000, true},
      {"一百零几万", 1e6, true},
      {"万余", 10000, true},
      {"千余", 1000, true},
      // 零 before 十 stands for 零一十.
      {"一万零十二", 10012},
      {"一百零十万", 1100000},
      {"一千零十八", 1018},
      // The spoken abbreviation, then decimals.
      {"两千三点一", 2300.1},
      {"一千六点五", 1600.5},
      {"一百零三点五", 103.5},
      // Arabic tails that fill every place below the scale, or follow 零.
      {"3万4000", 34000},
      {"5千300", 5300},
      {"1千零1", 1001},
      {"1千零20", 1020},
      {"2千零30万", 20300000},
      // Spaces between tokens.
      {"一百 五 十 二", 152},
      {"三千 八百 九十六 万 四千 九百 六十五", 38964965},
      {"7 万5 千4 百", 75400},
      {"1000  万", 1e7},
      {"十 余 万", 100000, true},
      {"四百 点 五", 400.5},
      {"俩千", 2000},
  };
  for (const ValueCase& c : cases) {
    ParsedNumber r = parser_->Parse(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << NumeralStatusName(r.status);
    EXPECT_DOUBLE_EQ(r.value, c.value) << c.text;
    EXPECT_EQ(r.more, c.more) << c.text;
    EXPECT_EQ(r.digit_string, c.digit_string) << c.text;
    EXPECT_TRUE(r.exact) << c.text;
  }
}

TEST_F(ZhNumeralTest, ScaledDecimalsAreExact) {
  // Decimal arithmetic: 2.85 × 10^4 is exactly 28500, 1.2 × 10^12 exactly
  // 1.2e12, with no binary rounding error on the way.
  EXPECT_EQ(parser_->Parse("2.85万").value, 28500.0);
  EXPECT_EQ(parser_->Parse("1.2万亿").value, 1.2e12);
  EXPECT_EQ(parser_->Parse("0.07亿").value, 7e6);
  EXPECT_EQ(parser_->Parse("3.3333万").value, 33333.0);
}

TEST_F(ZhNumeralTest, Rejects) {
  const char* bad[] = {
      "",    // empty
      "万",  // lone big scale (decided: not a number; see 近万 in the scanner)
      "亿",
      "萬",
      "亿万",  // "countless", not 1e12
      "万万万万亿亿",
      "一万万万万亿亿",
      "三百四百",  // scales must decrease
      "五千万三千万",
      "三四百",  // two digits then a scale: "three or four hundred"
      "几十",    // 几 cannot lead
      "一千零",  // 零 must be followed by something
      "1万3",    // an Arabic tail after a scale (not filling its places)
      "1万300",
      "一 二",   // spaced digits are two numbers, not 12
      "两百点两",  // 两 is never a decimal digit
      "三多",    // 多 after a bare digit
      "十多五",
      "点五",
      "三点",
      "一口气",  // not numeral characters at all
      "五个",
      "负",
      "--5",
  };
  for (const char* b : bad) {
    ParsedNumber r = parser_->Parse(b);
    EXPECT_FALSE(r.ok()) << b << " = " << r.value;
  }
  EXPECT_EQ(parser_->Parse("").status, NumeralStatus::kEmpty);
  EXPECT_EQ(parser_->Parse("万").status, NumeralStatus::kInvalid);
}

TEST_F(ZhNumeralTest, BoundedOnAbsurdInput) {
  std::string many;
  for (int i = 0; i < 10000; ++i) many += "万";
  EXPECT_FALSE(parser_->Parse(many).ok());
  std::string digits;
  for (int i = 0; i < 30; ++i) digits += "九";
  EXPECT_EQ(parser_->Parse(digits).status, NumeralStatus::kOverflow);
  // 9999 亿亿亿 would be 9.999e27 > 1e24.
  EXPECT_FALSE(parser_->Parse("九千九百九十九亿亿亿").ok());
  EXPECT_FALSE(parser_->Parse("一千万亿亿").ok());  // four scales in a row
  EXPECT_EQ(parser_->Parse("九亿亿亿").status,
            NumeralStatus::kOverflow);  // 9e24
}

TEST_F(ZhNumeralTest, ChengShu) {
  struct C {
    const char* text;
    double value;
  } cases[] = {
      {"七成", 0.7},    {"两成", 0.2},      {"三成半", 0.35},
      {"七成六", 0.76}, {"9.5成", 0.95},    {"十成", 1.0},
      {"一成", 0.1},    {"八点五成", 0.85}, {"2成", 0.2},
  };
  for (const C& c : cases) {
    ParsedNumber r = parser_->ParseChengShu(c.text);
    ASSERT_TRUE(r.ok()) << c.text;
    EXPECT_DOUBLE_EQ(r.value, c.value) << c.text;
  }
  for (const char* b :
       {"成", "十一成", "十成五", "百成", "七", "七成个", "几成"}) {
    EXPECT_FALSE(parser_->ParseChengShu(b).ok()) << b;
  }
}

TEST_F(ZhNumeralTest, Fractions) {
  struct C {
    const char* text;
    double value;
    double denominator;
    bool exact;
  } cases[] = {
      {"三分之一", 1.0 / 3, 3, false}, {"三分之二", 2.0 / 3, 3, false},
      {"四分之三", 0.75, 4, true},     {"百分之七十五", 0.75, 100, true},
      {"百分之2.4", 0.024, 100, true}, {"百分之五点五", 0.055, 100, true},
      {"千分之三", 0.003, 1000, true}, {"万分之一", 0.0001, 10000, true},
      {"十分之一", 0.1, 10, true},     {"3分之1", 1.0 / 3, 3, false},
      {"二十分之一", 0.05, 20, true},  {"百分之一百二十", 1.2, 100, true},
      {"五 分之 一", 0.2, 5, true},    {"负3分之负一百五十七", 157.0 / 3, 3, false},
      {"负二分之一", -0.5, 2, true},
  };
  for (const C& c : cases) {
    ParsedNumber r = parser_->ParseFraction(c.text);
    ASSERT_TRUE(r.ok()) << c.text;
    EXPECT_DOUBLE_EQ(r.value, c.value) << c.text;
    EXPECT_EQ(r.denominator, c.denominator) << c.text;
    EXPECT_EQ(r.exact, c.exact) << c.text;
  }
  for (const char* b :
       {"分之一", "三分之", "零分之一", "三分之万", "三分", ""}) {
    EXPECT_FALSE(parser_->ParseFraction(b).ok()) << b;
  }
}

TEST_F(ZhNumeralTest, NextTokenContext) {
  ZhNumeralToken t;
  // 千 before 克 is a unit prefix (kilogram), not a scale.
  EXPECT_EQ(parser_->NextToken("千克", 0, &t), 0u);
  EXPECT_EQ(parser_->NextToken("兆瓦", 0, &t), 0u);
  EXPECT_EQ(parser_->NextToken("千人", 0, &t), 3u);
  EXPECT_EQ(t.type, ZhNumeralToken::kSmallScale);
  EXPECT_EQ(t.small, 3);
  // 点 only before a digit character.
  EXPECT_EQ(parser_->NextToken("点钟", 0, &t), 0u);
  EXPECT_EQ(parser_->NextToken("点五", 0, &t), 3u);
  EXPECT_EQ(t.type, ZhNumeralToken::kPoint);
  // Arabic digits with separators are one token.
  EXPECT_EQ(parser_->NextToken("1,234万", 0, &t), 5u);
  EXPECT_EQ(t.type, ZhNumeralToken::kArabic);
  EXPECT_EQ(parser_->NextToken("的", 0, &t), 0u);
}

TEST(ZhNumeralLexicon, BadRowsNameFileAndLine) {
  auto scales = TsvTable::Parse(
      "surface\tlang\texp\tkind\tstandalone\tnot_before\tnote\n十\tzh\t1\tzh_"
      "small\tyes\t-\t\n",
      "lexicon/scales.tsv");
  ASSERT_TRUE(scales.ok());
  auto digits = TsvTable::Parse(
      "char\tvalue\tkind\tstandalone\tnote\n一\t1\tdigit\tyes\t\n二二\t2\tdigit"
      "\tyes\t\n",
      "lexicon/zh_digits.tsv");
  ASSERT_TRUE(digits.ok());
  auto p = ZhNumeralParser::FromTables(*digits, *scales);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kRuleError);
  EXPECT_NE(p.status().message().find("lexicon/zh_digits.tsv:3"),
            std::string::npos)
      << p.status().message();

  auto digits2 = TsvTable::Parse(
      "char\tvalue\tkind\tstandalone\tnote\n一\t11\tdigit\tyes\t\n",
      "lexicon/zh_digits.tsv");
  ASSERT_TRUE(digits2.ok());
  EXPECT_FALSE(ZhNumeralParser::FromTables(*digits2, *scales).ok());

  auto dup = TsvTable::Parse(
      "char\tvalue\tkind\tstandalone\tnote\n十\t1\tdigit\tyes\t\n",
      "lexicon/zh_digits.tsv");
  ASSERT_TRUE(dup.ok());
  auto p3 = ZhNumeralParser::FromTables(*dup, *scales);
  ASSERT_FALSE(p3.ok());
  EXPECT_NE(p3.status().message().find("duplicate"), std::string::npos);
}

TEST(NumberValue, DecimalArithmetic) {
  DecimalNumber d;
  ASSERT_EQ(ParseDecimalDigits("244.82", &d), NumeralStatus::kOk);
  EXPECT_EQ(d.mant, 24482u);
  EXPECT_EQ(d.exp, -2);
  double v = 0;
  ASSERT_EQ(MulPow10(d, 4).ToDouble(&v), NumeralStatus::kOk);
  EXPECT_EQ(v, 2448200.0);
  ASSERT_EQ(Add(DecimalNumber::Int(1), DecimalNumber{5, -1, false, false})
                .ToDouble(&v),
            NumeralStatus::kOk);
  EXPECT_EQ(v, 1.5);
  // More than 19 significant digits: kept approximately, flagged inexact.
  ASSERT_EQ(ParseDecimalDigits("123456789012345678901", &d),
            NumeralStatus::kOk);
  EXPECT_TRUE(d.inexact);
  ASSERT_EQ(d.ToDouble(&v), NumeralStatus::kOk);
  EXPECT_NEAR(v, 1.23456789012345678901e20, 1e6);
  // Beyond 10^24: overflow, never inf.
  EXPECT_EQ(DecimalNumber::Pow10(25).ToDouble(&v), NumeralStatus::kOverflow);
  EXPECT_EQ(DecimalNumber::Pow10(100000).ToDouble(&v),
            NumeralStatus::kOverflow);
  EXPECT_EQ(ParseDecimalDigits(std::string(5000, '9'), &d, 64),
            NumeralStatus::kOverflow);
  EXPECT_EQ(ParseDecimalDigits("1.2.3", &d), NumeralStatus::kInvalid);
  EXPECT_EQ(ParseDecimalDigits(".5", &d), NumeralStatus::kInvalid);
  EXPECT_EQ(ParseDecimalDigits("5.", &d), NumeralStatus::kInvalid);
  EXPECT_EQ(ParseDecimalDigits("", &d), NumeralStatus::kEmpty);
  // Ratios: exact only when they terminate.
  ParsedNumber r;
  SetFromRatio(DecimalNumber::Int(1), DecimalNumber::Int(8), &r);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.value, 0.125);
  EXPECT_TRUE(r.exact);
  r = ParsedNumber();
  SetFromRatio(DecimalNumber::Int(2), DecimalNumber::Int(6), &r);
  EXPECT_FALSE(r.exact);
  r = ParsedNumber();
  SetFromRatio(DecimalNumber::Int(3), DecimalNumber::Int(6), &r);  // 1/2
  EXPECT_TRUE(r.exact);
  r = ParsedNumber();
  SetFromRatio(DecimalNumber::Int(3), DecimalNumber::Int(0), &r);
  EXPECT_FALSE(r.ok());
}

TEST(NumberValue, LexArabicNumber) {
  struct C {
    const char* text;
    NumeralStatus status;
    size_t end;
    double value;
    bool separators;
  } cases[] = {
      {"380,000 t", NumeralStatus::kOk, 7, 380000, true},
      {"1,234,567.89", NumeralStatus::kOk, 12, 1234567.89, true},
      {"1,50,000", NumeralStatus::kOk, 8, 150000, true},
      {"2024.", NumeralStatus::kOk, 4, 2024, false},
      {"2024, the", NumeralStatus::kOk, 4, 2024, false},
      {"22,24,26", NumeralStatus::kOk, 2, 22, false},  // a list, not 222426
      {"12345,678", NumeralStatus::kOk, 5, 12345, false},
      {"1,23", NumeralStatus::kOk, 1, 1, false},
      {"1.2.3 x", NumeralStatus::kInvalid, 5, 0, false},
      {"192.168.0.1", NumeralStatus::kInvalid, 11, 0, false},
      {"0.05", NumeralStatus::kOk, 4, 0.05, false},
  };
  for (const C& c : cases) {
    ArabicLex lex = LexArabicNumber(c.text, 0);
    EXPECT_EQ(lex.status, c.status) << c.text;
    EXPECT_EQ(lex.end, c.end) << c.text;
    EXPECT_EQ(lex.separators, c.separators) << c.text;
    if (c.status == NumeralStatus::kOk) {
      double v = 0;
      ASSERT_EQ(lex.value.ToDouble(&v), NumeralStatus::kOk);
      EXPECT_DOUBLE_EQ(v, c.value) << c.text;
    }
  }
  std::string huge(5000, '7');
  ArabicLex lex = LexArabicNumber(huge, 0);
  EXPECT_EQ(lex.status, NumeralStatus::kOverflow);
  EXPECT_EQ(lex.end, huge.size());
}

TEST(NumberValue, DecodeUtf8) {
  size_t len = 0;
  EXPECT_EQ(DecodeUtf8("万", 0, &len), U'万');
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(DecodeUtf8("\xE4", 0, &len), 0xFFFDu);  // truncated
  EXPECT_EQ(len, 1u);
  EXPECT_EQ(DecodeUtf8Before("a万", 4, &len), U'万');
  EXPECT_EQ(len, 3u);
  EXPECT_EQ(DecodeUtf8Before("a", 0, &len), 0u);
}

}  // namespace
}  // namespace factmine
