// extractors/numbers/examples.tsv through the NumberScanner (one test per
// line, named L<line>), plus the scanner's invariants: ordered
// non-overlapping spans, rule coverage, bounded work on absurd input.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "extractors/examples_runner.h"
#include "extractors/numbers/number_scanner.h"
#include "pipeline/normalize.h"
#include "test_util.h"

namespace factmine {
namespace {

using testing::ActualItem;
using testing::Example;

constexpr char kExamples[] = "extractors/numbers/examples.tsv";

std::vector<Example> AllExamples() {
  return testing::LoadExamplesOrPlaceholder(testing::SourceDir() / kExamples,
                                            kExamples);
}

std::string Num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

// Scanner and normalizer, loaded once for the whole suite.
class NumbersExamples : public ::testing::TestWithParam<Example> {
 protected:
  static void SetUpTestSuite() {
    auto s = NumberScanner::Load(testing::LexiconDir().string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    scanner_ = std::move(s).value().release();
    auto n = Normalizer::Create(testing::LexiconDir().string());
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    normalizer_ = new Normalizer(std::move(n).value());
  }
  static void TearDownTestSuite() {
    delete scanner_;
    delete normalizer_;
    scanner_ = nullptr;
    normalizer_ = nullptr;
  }

 public:
  // Normalizes `input` as the pipeline does, scans it and maps the spans
  // back to byte offsets of `input`.
  static std::vector<ActualItem> Extract(const std::string& input) {
    FieldText field;
    normalizer_->Normalize(input, &field);
    std::vector<NumberMatch> matches;
    scanner_->Scan(field.norm, &matches);
    std::vector<ActualItem> out;
    for (const NumberMatch& m : matches) {
      Span o = field.map.ToOriginal(m.span);
      ActualItem a;
      a.begin = o.begin;
      a.end = o.end;
      a.fields["value"] = Num(m.value);
      a.fields["kind"] = std::string(NumberFormName(m.form));
      a.fields["rule"] = std::string(m.rule);
      a.fields["denominator"] = Num(m.denominator);
      a.fields["more"] = (m.flags & kNumberMore) ? "1" : "0";
      a.fields["digits"] = (m.flags & kNumberDigitString) ? "1" : "0";
      a.fields["decade"] = (m.flags & kNumberDecade) ? "1" : "0";
      a.fields["exact"] = m.exact ? "1" : "0";
      a.fields["year"] = (m.flags & kNumberYear)        ? "yes"
                         : (m.flags & kNumberMaybeYear) ? "maybe"
                                                        : "no";
      out.push_back(std::move(a));
    }
    return out;
  }

  static NumberScanner* scanner_;
  static Normalizer* normalizer_;
};

NumberScanner* NumbersExamples::scanner_ = nullptr;
Normalizer* NumbersExamples::normalizer_ = nullptr;

TEST_P(NumbersExamples, Line) {
  testing::RunExample(GetParam(), &NumbersExamples::Extract);
}

INSTANTIATE_TEST_SUITE_P(Numbers, NumbersExamples,
                         ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// The file is big enough, has both languages and negatives, and every rule
// id of the layer is exercised by some passing example line.
TEST_F(NumbersExamples, FileCoversEveryRule) {
  testing::ExpectFileCoverage(
      AllExamples(), [](const Example& e) { return Extract(e.input); },
      {.min_lines = 250, .min_negatives = 60, .min_zh = 100, .min_en = 100, .max_todo = 25},
      std::vector<std::string_view>{
          number_rules::kArabicPlain,      number_rules::kArabicSeparators,
          number_rules::kArabicScale,      number_rules::kArabicFraction,
          number_rules::kArabicOrdinal,    number_rules::kArabicPower,
          number_rules::kArabicMultiplier, number_rules::kArabicDecade,
          number_rules::kEnWords,          number_rules::kEnFraction,
          number_rules::kEnMultiplier,     number_rules::kEnOrdinal,
          number_rules::kEnDozen,          number_rules::kZhNumeral,
          number_rules::kZhScale,          number_rules::kZhMixed,
          number_rules::kZhDigitString,    number_rules::kZhFraction,
          number_rules::kZhCheng,          number_rules::kZhOrdinal,
          number_rules::kZhLoneScale,      number_rules::kZhHalf,
          number_rules::kZhMixedFraction,  number_rules::kZhDozen,
          number_rules::kEnRatio});
}

// Spans are in order, inside the text, non-overlapping and non-empty on
// random mixtures of the characters that matter; the scan terminates.
TEST_F(NumbersExamples, RandomTextInvariants) {
  const std::vector<std::string> atoms = {
      "一",    "二",     "两",   "十",    "百",   "千",    "万",      "亿",
      "零",    "〇",     "点",   "多",    "余",   "几",    "第",      "负",
      "成",    "分之",   "半",   "个",    "年",   "之",    "陆",      "拾",
      "兆",    "克",     "0",    "1",     "5",    "9",     ",",       ".",
      "-",     "/",      "^",    ":",     "(",    ")",     "+",       "$",
      " ",     "\n",     "e",    "k",     "m",    "bn",    "one",     "hundred",
      "and",   "a",      "half", "third", "fold", "-fold", "million", "twenty",
      "first", "second", "the",  "Group", "J",    "F-",    "\xE4",    "\xFF"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int len = 1 + static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) text += atoms[rng() % atoms.size()];
    std::vector<NumberMatch> out;
    scanner_->Scan(text, &out);
    uint32_t prev_end = 0;
    for (const NumberMatch& m : out) {
      ASSERT_LT(m.span.begin, m.span.end) << text;
      ASSERT_LE(m.span.end, text.size()) << text;
      ASSERT_GE(m.span.begin, prev_end) << text;
      ASSERT_TRUE(std::isfinite(m.value)) << text;
      ASSERT_FALSE(m.rule.empty()) << text;
      prev_end = m.span.end;
    }
  }
}

// Absurd input is handled in linear time and yields nothing silly.
TEST_F(NumbersExamples, AbsurdInputIsBounded) {
  std::string digits(5000, '7');
  std::vector<NumberMatch> out;
  scanner_->Scan("x " + digits + " y", &out);
  EXPECT_TRUE(out.empty());  // overflow: no number, never inf

  std::string wan;
  for (int i = 0; i < 20000; ++i) wan += "万";
  out.clear();
  scanner_->Scan(wan, &out);
  EXPECT_TRUE(out.empty());

  std::string yi;
  for (int i = 0; i < 20000; ++i) yi += "一";
  out.clear();
  scanner_->Scan(yi, &out);
  for (const NumberMatch& m : out) EXPECT_TRUE(std::isfinite(m.value));

  std::string commas = "1";
  for (int i = 0; i < 10000; ++i) commas += ",000";
  out.clear();
  scanner_->Scan(commas, &out);
  EXPECT_TRUE(out.empty());

  out.clear();
  scanner_->Scan("10^400 and 10^-400 and 1e99999 and 9^9999", &out);
  EXPECT_TRUE(out.empty());
}

// One scanner shared by several threads gives each the serial answer.
TEST_F(NumbersExamples, SharedAcrossThreads) {
  std::vector<std::string> texts;
  for (const Example& ex : AllExamples()) texts.push_back(ex.input);
  auto scan_all = [&texts](std::vector<std::vector<NumberMatch>>* out) {
    out->assign(texts.size(), {});
    for (size_t i = 0; i < texts.size(); ++i)
      scanner_->Scan(texts[i], &(*out)[i]);
  };
  std::vector<std::vector<NumberMatch>> serial;
  scan_all(&serial);
  std::vector<std::vector<std::vector<NumberMatch>>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&scan_all, &r] { scan_all(&r); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_EQ(r.size(), serial.size());
    for (size_t i = 0; i < r.size(); ++i) {
      ASSERT_EQ(r[i].size(), serial[i].size()) << texts[i];
      for (size_t j = 0; j < r[i].size(); ++j) {
        EXPECT_EQ(r[i][j].span, serial[i][j].span) << texts[i];
        EXPECT_EQ(r[i][j].value, serial[i][j].value) << texts[i];
      }
    }
  }
}

// The lexicon loader names the file and line of a bad row.
TEST(NumberScannerLoad, MissingDirectory) {
  auto s = NumberScanner::Load("/nonexistent/lexicon");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("zh_digits.tsv"), std::string::npos)
      << s.status().ToString();
}

}  // namespace
}  // namespace factmine
