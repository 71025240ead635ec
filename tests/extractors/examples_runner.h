// The examples.tsv runner shared by every extractor's example test
// (STYLE.md "An extractor keeps its rules next to examples that are its
// tests").
//
// Format of an examples file (one example a line, UTF-8):
//
//   # comment lines and empty lines are ignored
//   产量达到⟦2.85万⟧吨	value=28500 rule=number.zh.mixed
//   from ⟦7⟧ to ⟦9⟧ tons	value=7 ; value=9
//   他一口气跑完	(none)
//   ⟦三四⟧个人	value=3 status=todo
//
// Column 1 is the input text as an article would contain it, with each
// expected span marked ⟦…⟧ (the markers are removed before the extractor
// runs; "\n" stands for a line break, "\\" for a backslash). Column 2,
// after one TAB, holds `key=value` expectations, one group per marked span
// in order, groups separated by ";". Values have no spaces. `(none)` makes
// the line a negative example: the extractor must find nothing at all.
// Line-level keys may stand anywhere in column 2:
//   status=todo   a known failure: run, reported as GTEST_SKIP (and said so
//                 when it starts passing)
//   extra=ignore  matches outside the marked spans are allowed (by default
//                 every match must be marked)
//
// Comparison: for each marked span exactly one actual item must overlap it
// and cover exactly the same bytes, and every expected key must equal the
// item's field (keys in CompareOptions::numeric_keys compare as numbers
// with a relative tolerance; "1/3" is accepted as a number). Failures are
// named the Duckling way: none, partial span, ambiguous, wrong value,
// unexpected match, and reported as
//   extractors/numbers/examples.tsv:12: wrong value: input «…» expected
//   ⟦…⟧ value=3 got ⟦…⟧ value=4 rule=number.zh.scale
//
// Thread safety: pure functions. Lifetime: plain values.
#ifndef FACTMINE_TESTS_EXTRACTORS_EXAMPLES_RUNNER_H_
#define FACTMINE_TESTS_EXTRACTORS_EXAMPLES_RUNNER_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/document.h"

namespace factmine::testing {

struct ExampleSpan {
  uint32_t begin = 0;  // byte offsets into Example::input
  uint32_t end = 0;
  std::vector<std::pair<std::string, std::string>> expect;  // in file order
};

struct Example {
  std::string file;  // display name, e.g. "extractors/numbers/examples.tsv"
  int line = 0;
  std::string text;         // column 1 as written (markers, escapes)
  std::string expectation;  // column 2 as written
  std::string input;        // column 1 without markers, escapes resolved
  std::vector<ExampleSpan> spans;
  bool negative = false;      // (none)
  bool todo = false;          // status=todo
  bool ignore_extra = false;  // extra=ignore
  std::string load_error;  // set on a placeholder when the file failed to load

  std::string Where() const { return file + ":" + std::to_string(line); }
};

// gtest prints parameters with this.
void PrintTo(const Example& ex, std::ostream* os);

// Parses the text of an examples file. On a malformed line, *error gets
// "file:line: why" and the result is empty.
std::vector<Example> ParseExamples(std::string_view content,
                                   const std::string& display,
                                   std::string* error);

// Reads and parses a file. When the file cannot be read or parsed, returns
// one placeholder Example whose load_error says why, so a parameterized
// test fails visibly instead of silently running nothing.
std::vector<Example> LoadExamplesOrPlaceholder(
    const std::filesystem::path& path, const std::string& display);

// What an extractor found, for comparison.
struct ActualItem {
  uint32_t begin = 0;  // byte offsets into Example::input
  uint32_t end = 0;
  std::map<std::string, std::string> fields;  // "value" -> "28500", "rule" -> …
};

struct CompareOptions {
  std::set<std::string> numeric_keys = {"value", "lo", "hi", "denominator"};
  double rel_tolerance = 1e-9;
};

// Parses a number as written in an expectation: "28500", "2.85e6", "-3",
// "1/3". Returns false on anything else.
bool ParseExpectedNumber(std::string_view s, double* out);

// "" when `actual` satisfies the example; otherwise the failure report
// (one line per problem, each starting with Example::Where()).
std::string CheckExample(const Example& ex,
                         const std::vector<ActualItem>& actual,
                         const CompareOptions& options = {});

// Runs one example inside a gtest body: calls `extract` on ex.input and
// reports a failure with ADD_FAILURE, or GTEST_SKIP for status=todo.
void RunExample(
    const Example& ex,
    const std::function<std::vector<ActualItem>(const std::string&)>& extract,
    const CompareOptions& options = {});

// What an examples file holds, for the coverage test every extractor has
// (enough lines, both languages, negatives, few todos, every rule used).
struct ExampleFileStats {
  size_t lines = 0;
  int negatives = 0;
  int zh = 0;  // lines with a Han character
  int en = 0;  // the others
  int todo = 0;
  std::set<std::string> rules;  // "rule" fields of passing (non-todo) lines
};
// Counts `all`; `extract` runs one example and is called for non-todo
// lines only.
ExampleFileStats SummarizeExamples(
    const std::vector<Example>& all,
    const std::function<std::vector<ActualItem>(const Example&)>& extract);

// A gtest parameter name for an example: "L123".
std::string ExampleTestName(const Example& ex);

// What the coverage test of an examples file demands.
struct FileCoverage {
  size_t min_lines = 0;
  int min_negatives = 0;
  int min_zh = 0;
  int min_en = 0;
  int max_todo = 0;
};
// The coverage test every extractor has: the file loaded, enough lines of
// both languages and negatives, few todos, and every id of `rules`
// exercised by a passing example (gtest expectations).
void ExpectFileCoverage(const std::vector<Example>& all,
                        const std::function<std::vector<ActualItem>(const Example&)>& extract,
                        const FileCoverage& want, std::span<const std::string_view> rules);

// The Context and the Analyzer of `factmine extract`
// (Analyzer::CreateForExtract) shared by the tests of one process: loaded
// on first use from the source tree's lexicon, never freed; a load error
// aborts the test binary with its message. Both are immutable.
const Context& ExtractContext();
const Analyzer& ExtractAnalyzer();
// Runs the extract stages on `raw`; the article must not be rejected
// (checked by the caller through Document::status).
std::unique_ptr<Document> AnalyzeForExtract(RawArticle raw);

}  // namespace factmine::testing

#endif  // FACTMINE_TESTS_EXTRACTORS_EXAMPLES_RUNNER_H_
