// The examples file of Chinese word segmentation
// (pipeline/word_segmenter_examples.tsv): every line is one test, named by
// its line number; todo lines are skipped (and say so when they pass).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "pipeline/tsv.h"
#include "pipeline/word_segmenter.h"
#include "test_util.h"

namespace factmine {
namespace {

constexpr char kFile[] = "pipeline/word_segmenter_examples.tsv";

struct SegExample {
  int line = 0;
  std::string input, words, rule, status, note;
  std::string load_error;  // set on a placeholder when the file failed to load
};

void PrintTo(const SegExample& e, std::ostream* os) {
  *os << kFile << ":" << e.line << " «" << e.input << "»";
}

std::vector<SegExample> AllExamples() {
  auto table = TsvTable::Load((testing::SourceDir() / kFile).string(),
                              {"input", "words", "rule", "status", "note"});
  if (!table.ok()) {
    SegExample bad;
    bad.load_error = table.status().ToString();
    return {bad};
  }
  std::vector<SegExample> out;
  for (const auto& row : table->rows()) {
    SegExample e;
    e.line = row.line;
    e.input = table->Get(row, "input");
    e.words = table->Get(row, "words");
    e.rule = table->Get(row, "rule");
    e.status = table->Get(row, "status");
    e.note = table->Get(row, "note");
    out.push_back(std::move(e));
  }
  return out;
}

class SegmenterExamples : public ::testing::TestWithParam<SegExample> {
 protected:
  static void SetUpTestSuite() {
    auto s = WordSegmenter::Load(testing::LexiconDir().string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    segmenter_ = std::move(s).value().release();
    workspace_ = segmenter_->NewWorkspace().release();
  }
  static void TearDownTestSuite() {
    delete workspace_;
    delete segmenter_;
    workspace_ = nullptr;
    segmenter_ = nullptr;
  }
  static std::string Segment(const std::string& text) {
    return segmenter_->SegmentToString(text, *workspace_);
  }

  static WordSegmenter* segmenter_;
  static WordSegmenter::Workspace* workspace_;
};

WordSegmenter* SegmenterExamples::segmenter_ = nullptr;
WordSegmenter::Workspace* SegmenterExamples::workspace_ = nullptr;

TEST_P(SegmenterExamples, Line) {
  const SegExample& e = GetParam();
  ASSERT_TRUE(e.load_error.empty()) << e.load_error;
  ASSERT_TRUE(e.status == "ok" || e.status == "todo")
      << kFile << ":" << e.line << ": status must be ok or todo";
  const std::string got = Segment(e.input);
  if (e.status == "todo") {
    if (got == e.words) {
      GTEST_SKIP() << kFile << ":" << e.line << ": todo line passes now, mark it ok";
    }
    GTEST_SKIP() << kFile << ":" << e.line << ": todo (" << e.note << ")";
  }
  EXPECT_EQ(got, e.words) << kFile << ":" << e.line << " (" << e.rule << ") input «"
                          << e.input << "»";
}

INSTANTIATE_TEST_SUITE_P(Segmenter, SegmenterExamples, ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<SegExample>& info) {
                           return "line" + std::to_string(info.param.line);
                         });

// Enough lines, every rule shown by passing lines, few known failures.
TEST(SegmenterExamplesFile, CoversEveryRule) {
  std::vector<SegExample> all = AllExamples();
  ASSERT_TRUE(all.front().load_error.empty()) << all.front().load_error;
  EXPECT_GE(all.size(), 100u);
  std::map<std::string, int> ok;
  int todo = 0;
  for (const SegExample& e : all) {
    if (e.status == "ok") ++ok[e.rule];
    if (e.status == "todo") ++todo;
  }
  EXPECT_LE(todo, 10);
  for (const char* rule : {"lexicon", "dictionary", "particle", "number", "ordinal", "date",
                           "name", "translit", "suffix", "place", "pair", "latin", "punct"}) {
    EXPECT_GE(ok[rule], rule == std::string("pair") ? 2 : 3) << "rule " << rule;
  }
}

}  // namespace
}  // namespace factmine
