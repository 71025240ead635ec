// extractors/quantities/examples.tsv through the stages the pipeline runs
// (normalize, citations masked, numbers, dates, quantities), one test per
// line named L<line>; plus the file's coverage of every rule id.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "extractors/examples_runner.h"
#include "extractors/quantities/quantity_rules.h"
#include "extractors/stages.h"
#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/document.h"
#include "test_util.h"

namespace factmine {
namespace {

using testing::ActualItem;
using testing::Example;

constexpr char kExamples[] = "extractors/quantities/examples.tsv";
// Relative dates in the examples resolve against this article date.
constexpr char kArticleDate[] = "2025-11-20";

std::vector<Example> AllExamples() {
  return testing::LoadExamplesOrPlaceholder(testing::SourceDir() / kExamples, kExamples);
}

std::string Num(double v) {
  if (std::isnan(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

class QuantitiesExamples : public ::testing::TestWithParam<Example> {
 protected:
  static void SetUpTestSuite() {
    auto ctx = Context::Load(testing::LexiconDir().string());
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = std::move(ctx).value().release();
    auto a = Analyzer::CreateForExtract(*ctx_);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    delete ctx_;
    analyzer_ = nullptr;
    ctx_ = nullptr;
  }

 public:
  // Runs the extract stages on `input` as an article text and returns the
  // quantities with byte offsets into `input`.
  static std::vector<ActualItem> Extract(const std::string& input) {
    RawArticle raw;
    raw.text = input;
    raw.published_at = kArticleDate;
    Document doc(std::move(raw));
    auto ws = analyzer_->NewWorkspace();
    analyzer_->Run(doc, *ws);
    std::vector<ActualItem> out;
    if (!doc.status.ok()) return out;
    const FieldText& f = doc.field(Field::kText);
    for (const Quantity& q : doc.quantities) {
      if (q.field != Field::kText) continue;
      Span o = f.map.ToOriginal(q.span);
      ActualItem a;
      a.begin = o.begin;
      a.end = o.end;
      a.fields["value"] = Num(q.value);
      a.fields["lo"] = Num(q.lower);
      a.fields["hi"] = Num(q.upper);
      a.fields["approx"] = std::string(ApproxName(q.approx));
      a.fields["unit"] = q.unit.empty() ? "-" : q.unit;
      a.fields["dim"] = q.dimension;
      a.fields["base"] = q.base_unit;
      a.fields["to_base"] = Num(q.to_base);
      a.fields["rule"] = std::string(q.rule);
      out.push_back(std::move(a));
    }
    return out;
  }

  static Context* ctx_;
  static Analyzer* analyzer_;
};

Context* QuantitiesExamples::ctx_ = nullptr;
Analyzer* QuantitiesExamples::analyzer_ = nullptr;

TEST_P(QuantitiesExamples, Line) {
  testing::CompareOptions options;
  options.numeric_keys = {"value", "lo", "hi", "to_base"};
  testing::RunExample(GetParam(), &QuantitiesExamples::Extract, options);
}

INSTANTIATE_TEST_SUITE_P(Quantities, QuantitiesExamples, ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// At least 400 lines, both languages, negatives, and every rule id
// exercised by a passing example.
TEST_F(QuantitiesExamples, FileCoversEveryRule) {
  std::vector<Example> all = AllExamples();
  ASSERT_TRUE(all.front().load_error.empty()) << all.front().load_error;
  EXPECT_GE(all.size(), 400u);
  testing::ExampleFileStats st = testing::SummarizeExamples(
      all, [](const Example& e) { return Extract(e.input); });
  EXPECT_GE(st.negatives, 60);
  EXPECT_GE(st.zh, 150);
  EXPECT_GE(st.en, 150);
  EXPECT_LE(st.todo, 30);
  for (std::string_view r : quantity_rules::kAll) {
    EXPECT_TRUE(st.rules.count(std::string(r))) << "no example exercises " << r;
  }
}

}  // namespace
}  // namespace factmine
