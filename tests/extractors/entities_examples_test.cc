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

class EntitiesExamples : public ::testing::TestWithParam<Example> {
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
  // entity mentions with byte offsets into `input`.
  static std::vector<ActualItem> Extract(const std::string& input) {
    RawArticle raw;
    raw.text = input;
    raw.published_at = "2025-11-20";
    Document doc(std::move(raw));
    auto ws = analyzer_->NewWorkspace();
    analyzer_->Run(doc, *ws);
    std::vector<ActualItem> out;
    if (!doc.status.ok()) return out;
    const FieldText& f = doc.field(Field::kText);
    for (const EntityMention& m : doc.entities) {
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

  static Context* ctx_;
  static Analyzer* analyzer_;
};

Context* EntitiesExamples::ctx_ = nullptr;
Analyzer* EntitiesExamples::analyzer_ = nullptr;

TEST_P(EntitiesExamples, Line) {
  testing::CompareOptions options;
  options.numeric_keys = {};
  testing::RunExample(GetParam(), &EntitiesExamples::Extract, options);
}

INSTANTIATE_TEST_SUITE_P(Entities, EntitiesExamples, ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// At least 200 lines, both languages, negatives, few todos, and every
// rule id exercised by a passing example.
TEST_F(EntitiesExamples, FileCoversEveryRule) {
  std::vector<Example> all = AllExamples();
  ASSERT_TRUE(all.front().load_error.empty()) << all.front().load_error;
  EXPECT_GE(all.size(), 200u);
  testing::ExampleFileStats st = testing::SummarizeExamples(
      all, [](const Example& e) { return Extract(e.input); });
  EXPECT_GE(st.negatives, 40);
  EXPECT_GE(st.zh, 90);
  EXPECT_GE(st.en, 90);
  EXPECT_LE(st.todo, 10);
  for (std::string_view r : entity_rules::kAll) {
    EXPECT_TRUE(st.rules.count(std::string(r))) << "no example exercises " << r;
  }
}

}  // namespace
}  // namespace factmine
