// extractors/entities/examples.tsv through the stages `factmine extract`
// runs (normalize, citations, numbers, dates, quantities, entities), one
// test per line named L<line>; plus the file's coverage of every rule id.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "extractors/entities/entity_mention.h"
#include "extractors/entities/entity_rules.h"
#include "extractors/examples_runner.h"
#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/document.h"
#include "test_util.h"

namespace factmine {
namespace {

using testing::ActualItem;
using testing::Example;

constexpr char kExamples[] = "extractors/entities/examples.tsv";

std::vector<Example> AllExamples() {
  return testing::LoadExamplesOrPlaceholder(testing::SourceDir() / kExamples, kExamples);
}

// Runs the extract stages on `input` as an article text and returns the
// entity mentions with byte offsets into `input`.
std::vector<ActualItem> Extract(const std::string& input) {
  RawArticle raw;
  raw.text = input;
  raw.published_at = "2025-11-20";
  std::unique_ptr<Document> doc = testing::AnalyzeForExtract(std::move(raw));
  std::vector<ActualItem> out;
  if (!doc->status.ok()) return out;
  const FieldText& f = doc->field(Field::kText);
  for (const EntityMention& m : doc->entities) {
    if (m.field != Field::kText) continue;
    Span o = f.map.ToOriginal(m.span);
    ActualItem a;
    a.begin = o.begin;
    a.end = o.end;
    a.fields["id"] = m.linked() ? std::string(m.id) : "-";
    a.fields["type"] = std::string(EntityTypeName(m.type));
    a.fields["rule"] = std::string(m.rule);
    out.push_back(std::move(a));
  }
  return out;
}

class EntitiesExamples : public ::testing::TestWithParam<Example> {};

TEST_P(EntitiesExamples, Line) {
  testing::CompareOptions options;
  options.numeric_keys = {};
  testing::RunExample(GetParam(), &Extract, options);
}

INSTANTIATE_TEST_SUITE_P(Entities, EntitiesExamples, ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// At least 200 lines, both languages, negatives, few todos, and every
// rule id exercised by a passing example.
TEST(EntitiesExamplesFile, CoversEveryRule) {
  testing::ExpectFileCoverage(
      AllExamples(), [](const Example& e) { return Extract(e.input); },
      {.min_lines = 200, .min_negatives = 40, .min_zh = 90, .min_en = 90, .max_todo = 10},
      entity_rules::kAll);
}

}  // namespace
}  // namespace factmine
