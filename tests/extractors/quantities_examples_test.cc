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

// Runs the extract stages on `input` as an article text and returns the
// quantities with byte offsets into `input`.
std::vector<ActualItem> Extract(const std::string& input) {
  RawArticle raw;
  raw.text = input;
  raw.published_at = kArticleDate;
  std::unique_ptr<Document> analyzed = testing::AnalyzeForExtract(std::move(raw));
  const Document& doc = *analyzed;
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

class QuantitiesExamples : public ::testing::TestWithParam<Example> {};

TEST_P(QuantitiesExamples, Line) {
  testing::CompareOptions options;
  options.numeric_keys = {"value", "lo", "hi", "to_base"};
  testing::RunExample(GetParam(), &Extract, options);
}

INSTANTIATE_TEST_SUITE_P(Quantities, QuantitiesExamples, ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// At least 400 lines, both languages, negatives, and every rule id
// exercised by a passing example.
TEST(QuantitiesExamplesFile, CoversEveryRule) {
  testing::ExpectFileCoverage(
      AllExamples(), [](const Example& e) { return Extract(e.input); },
      {.min_lines = 400, .min_negatives = 60, .min_zh = 150, .min_en = 150, .max_todo = 30},
      quantity_rules::kAll);
}

}  // namespace
}  // namespace factmine
