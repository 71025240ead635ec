// extractors/dates/examples.tsv through Normalizer → NumberScanner →
// DateExtractor (one test per line, named L<line>), plus the extractor's
// invariants: ordered non-overlapping spans, rule coverage, bounded work
// on absurd input, one extractor shared by threads, anchor parsing.
//
// The article date is kAnchor (2025-11-20) unless the first expectation
// group of a line holds `anchor=YYYY-MM-DD` (or `anchor=none` for an
// unknown date); this test reads and removes that key before the generic
// runner compares the rest.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "extractors/dates/date_extractor.h"
#include "extractors/dates/date_rules.h"
#include "extractors/examples_runner.h"
#include "extractors/numbers/number_scanner.h"
#include "pipeline/normalize.h"
#include "test_util.h"

namespace factmine {
namespace {

using testing::ActualItem;
using testing::Example;

constexpr char kExamples[] = "extractors/dates/examples.tsv";
constexpr char kAnchor[] = "2025-11-20";

std::vector<Example> AllExamples() {
  return testing::LoadExamplesOrPlaceholder(testing::SourceDir() / kExamples,
                                            kExamples);
}

// Takes the `anchor=` key out of the example; returns its value or
// kAnchor.
std::string TakeAnchor(Example* ex) {
  std::string anchor = kAnchor;
  for (auto& span : ex->spans) {
    for (auto it = span.expect.begin(); it != span.expect.end();) {
      if (it->first == "anchor") {
        anchor = it->second == "none" ? "" : it->second;
        it = span.expect.erase(it);
      } else {
        ++it;
      }
    }
  }
  return anchor;
}

class DatesExamples : public ::testing::TestWithParam<Example> {
 protected:
  static void SetUpTestSuite() {
    auto s = NumberScanner::Load(testing::LexiconDir().string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    scanner_ = std::move(s).value().release();
    auto n = Normalizer::Create(testing::LexiconDir().string());
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    normalizer_ = new Normalizer(std::move(n).value());
    auto d = DateExtractor::Load(testing::LexiconDir().string());
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dates_ = std::move(d).value().release();
  }
  static void TearDownTestSuite() {
    delete scanner_;
    delete normalizer_;
    delete dates_;
    scanner_ = nullptr;
    normalizer_ = nullptr;
    dates_ = nullptr;
  }

 public:
  // Normalizes `input` as the pipeline does, scans numbers, extracts dates
  // against `anchor` and maps the spans back to byte offsets of `input`.
  static std::vector<ActualItem> Extract(const std::string& input,
                                         const std::string& anchor) {
    FieldText field;
    normalizer_->Normalize(input, &field);
    std::vector<NumberMatch> numbers;
    scanner_->Scan(field.norm, &numbers);
    std::vector<DateMention> dates;
    dates_->Extract(field.norm, numbers, DateAnchor::FromPublishedAt(anchor),
                    &dates);
    std::vector<ActualItem> out;
    for (const DateMention& d : dates) {
      Span o = field.map.ToOriginal(d.span);
      ActualItem a;
      a.begin = o.begin;
      a.end = o.end;
      a.fields["value"] = d.value.empty() ? "-" : d.value;
      a.fields["grain"] = d.grain;
      a.fields["relation"] = d.relation.empty() ? "-" : d.relation;
      a.fields["part"] = d.part.empty() ? "-" : d.part;
      a.fields["relative"] = d.relative ? "1" : "0";
      a.fields["rule"] = std::string(d.rule);
      out.push_back(std::move(a));
    }
    return out;
  }

  static NumberScanner* scanner_;
  static Normalizer* normalizer_;
  static DateExtractor* dates_;
};

NumberScanner* DatesExamples::scanner_ = nullptr;
Normalizer* DatesExamples::normalizer_ = nullptr;
DateExtractor* DatesExamples::dates_ = nullptr;

// Values are strings here ("2025", "2025-11"): no numeric comparison.
testing::CompareOptions Options() {
  testing::CompareOptions o;
  o.numeric_keys.clear();
  return o;
}

TEST_P(DatesExamples, Line) {
  Example ex = GetParam();
  std::string anchor = TakeAnchor(&ex);
  testing::RunExample(
      ex,
      [&anchor](const std::string& input) {
        return DatesExamples::Extract(input, anchor);
      },
      Options());
}

INSTANTIATE_TEST_SUITE_P(Dates, DatesExamples,
                         ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// The file is big enough, has both languages and negatives, and every rule
// id of the layer is exercised by some passing example line.
TEST_F(DatesExamples, FileCoversEveryRule) {
  testing::ExpectFileCoverage(
      AllExamples(), [](const Example& e) {
        Example ex = e;
        std::string anchor = TakeAnchor(&ex);
        return Extract(ex.input, anchor);
      },
      {.min_lines = 400, .min_negatives = 80, .min_zh = 150, .min_en = 150, .max_todo = 25},
      std::vector<std::string_view>{
          date_rules::kIso,         date_rules::kYear,
          date_rules::kYearBare,    date_rules::kDecade,
          date_rules::kEnMonthDay,  date_rules::kEnDayMonth,
          date_rules::kEnMonthYear, date_rules::kEnMonth,
          date_rules::kEnQuarter,   date_rules::kEnHalf,
          date_rules::kEnRelative,  date_rules::kEnAnaphoric,
          date_rules::kZhYear,      date_rules::kZhYearMonth,
          date_rules::kZhYmd,       date_rules::kZhMonthDay,
          date_rules::kZhMonth,     date_rules::kZhQuarter,
          date_rules::kZhHalf,      date_rules::kZhDecade,
          date_rules::kZhRelative,  date_rules::kZhAnaphoric});
}

// Spans are in order, inside the text, non-overlapping and non-empty on
// random mixtures of the pieces dates are made of; the pass terminates.
TEST_F(DatesExamples, RandomTextInvariants) {
  const std::vector<std::string> atoms = {
      "2025",     "2024",  "11",       "9",     "1",         "24",
      "年",       "月",    "日",       "号",    "季度",      "第三",
      "前",       "以来",  "至",       "到",    "去年",      "今年",
      "上半年",   "年底",  "初",       "上旬",  "年代",      "世纪",
      "二〇二五", "十一",  "九",       "-",     "/",         ".",
      ",",        " ",     "in ",      "by ",   "the ",      "end of ",
      "mid-",     "Q3",    "December", "Dec.",  "last year", "first half",
      "between ", " and ", " to ",     "1990s", "$",         "tons",
      "\n",       "\xE4",  "\xFF"};
  std::mt19937 rng(20251120);
  DateAnchor anchor = DateAnchor::FromPublishedAt(kAnchor);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    int len = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < len; ++i) text += atoms[rng() % atoms.size()];
    std::vector<NumberMatch> numbers;
    scanner_->Scan(text, &numbers);
    std::vector<DateMention> out;
    dates_->Extract(text, numbers, anchor, &out);
    uint32_t prev_end = 0;
    for (const DateMention& d : out) {
      ASSERT_LT(d.span.begin, d.span.end) << text;
      ASSERT_LE(d.span.end, text.size()) << text;
      ASSERT_GE(d.span.begin, prev_end) << text;
      ASSERT_FALSE(d.rule.empty()) << text;
      ASSERT_FALSE(d.grain.empty()) << text;
      prev_end = d.span.end;
    }
  }
}

// The scan reads 64 and 8 bytes at a time: the same sentence after any
// amount of filler (ASCII words, CJK text, spaces) gives the same dates,
// shifted.
TEST_F(DatesExamples, AlignmentDoesNotMatter) {
  DateAnchor anchor = DateAnchor::FromPublishedAt(kAnchor);
  const std::vector<std::string> sentences = {
      "Output fell last year and the previous year, but rose in Q3 2025.",
      "去年产量下降，今年上半年增长，到2030年实现目标。",
      "Prices peaked in mid-December and the end of 2024, 2024-05-01.",
      "The first quarter of 2024 and yesterday; 二〇二五年十一月九日发布。",
  };
  const std::vector<std::string> fillers = {"ab ", " ", "数据", "x, "};
  for (const std::string& sentence : sentences) {
    std::vector<NumberMatch> numbers;
    scanner_->Scan(sentence, &numbers);
    std::vector<DateMention> base;
    dates_->Extract(sentence, numbers, anchor, &base);
    ASSERT_FALSE(base.empty()) << sentence;
    for (const std::string& filler : fillers) {
      std::string prefix;
      for (int k = 0; k < 80; ++k) {
        std::string text = prefix + "\n" + sentence + "\n" + prefix;
        uint32_t shift = static_cast<uint32_t>(prefix.size() + 1);
        numbers.clear();
        scanner_->Scan(text, &numbers);
        std::vector<DateMention> out;
        dates_->Extract(text, numbers, anchor, &out);
        std::vector<DateMention> inside;
        for (const DateMention& d : out) {
          if (d.span.begin >= shift && d.span.end <= shift + sentence.size())
            inside.push_back(d);
        }
        ASSERT_EQ(inside.size(), base.size()) << text;
        for (size_t i = 0; i < base.size(); ++i) {
          EXPECT_EQ(inside[i].span.begin, base[i].span.begin + shift) << text;
          EXPECT_EQ(inside[i].span.end, base[i].span.end + shift) << text;
          EXPECT_EQ(inside[i].value, base[i].value) << text;
        }
        prefix += filler;
      }
    }
  }
}

// Long and absurd inputs finish and give sane output.
TEST_F(DatesExamples, AbsurdInputIsBounded) {
  DateAnchor anchor = DateAnchor::FromPublishedAt(kAnchor);
  auto run = [&](const std::string& text) {
    std::vector<NumberMatch> numbers;
    scanner_->Scan(text, &numbers);
    std::vector<DateMention> out;
    dates_->Extract(text, numbers, anchor, &out);
    return out;
  };
  std::string years;
  for (int i = 0; i < 20000; ++i) years += "2024年";
  EXPECT_EQ(run(years).size(), 20000u);
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "last the end of early ";
  EXPECT_TRUE(run(words).empty());
  std::string dashes;
  for (int i = 0; i < 5000; ++i) dashes += "2024-";
  EXPECT_LE(run(dashes).size(), 5000u);
  std::string nian(30000, ' ');
  for (int i = 0; i < 10000; ++i) nian.replace(i * 3, 3, "年");
  EXPECT_TRUE(run(nian).empty());
}

// One extractor shared by several threads gives each the serial answer.
TEST_F(DatesExamples, SharedAcrossThreads) {
  std::vector<std::string> texts;
  std::vector<std::vector<NumberMatch>> numbers;
  for (const Example& ex : AllExamples()) {
    texts.push_back(normalizer_->NormalizeString(ex.input));
    numbers.emplace_back();
    scanner_->Scan(texts.back(), &numbers.back());
  }
  DateAnchor anchor = DateAnchor::FromPublishedAt(kAnchor);
  auto extract_all = [&](std::vector<std::vector<DateMention>>* out) {
    out->assign(texts.size(), {});
    for (size_t i = 0; i < texts.size(); ++i)
      dates_->Extract(texts[i], numbers[i], anchor, &(*out)[i]);
  };
  std::vector<std::vector<DateMention>> serial;
  extract_all(&serial);
  std::vector<std::vector<std::vector<DateMention>>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&extract_all, &r] { extract_all(&r); });
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

TEST(DateAnchor, FromPublishedAt) {
  struct Case {
    const char* in;
    int y, m, d;
  } cases[] = {
      {"2025-11-20", 2025, 11, 20},
      {"2025-11-20 08:30+08:00", 2025, 11, 20},
      {"2025-03-14T10:00Z", 2025, 3, 14},
      {" 2024-02-29", 2024, 2, 29},
      {"2025/01/05", 2025, 1, 5},
      {"2025-11", 2025, 11, 0},
      {"2025", 2025, 0, 0},
      {"", 0, 0, 0},
      {"yesterday", 0, 0, 0},
      {"2025-13-01", 0, 0, 0},
      {"2025-02-29", 0, 0, 0},
      {"20251120", 0, 0, 0},
      {"2025-11-200", 0, 0, 0},
  };
  for (const Case& c : cases) {
    DateAnchor a = DateAnchor::FromPublishedAt(c.in);
    EXPECT_EQ(a.year, c.y) << c.in;
    EXPECT_EQ(a.month, c.m) << c.in;
    EXPECT_EQ(a.day, c.d) << c.in;
  }
}

// The lexicon loader names the file of a missing or bad table.
TEST(DateExtractorLoad, MissingDirectory) {
  auto d = DateExtractor::Load("/nonexistent/lexicon");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("date_words.tsv"), std::string::npos)
      << d.status().ToString();
}

}  // namespace
}  // namespace factmine
