// extractors/claims/examples.tsv through the stages `factmine extract`
// runs (normalize, citations, structure, sentences, numbers, dates,
// quantities, entities, claims), one test per line named L<line>; the
// file's coverage of every rule id; and the claims of the real seed
// digests (../shared/corpus/seeds, skipped when absent): the five
// statements of Russia's rare-earth reserves.
//
// An example's text is a digest article's summary (parsed as a digest:
// "Group 1: Title - …" makes a section). A leading ⟪…⟫ holds the headline.
// The marked span is the quantity of a claim; the keys compare with:
//   subject    the subject's id, or its name when unlinked
//   attribute  the attribute id
//   object, counterpart   id (name when unlinked), "-" for none
//   time       the claim's time, "-" for none
//   modality   reported, claimed, estimated, target, forecast
//   by         the attribution's id, else its text, "-" for none
//   from       sentence, section, headline
//   value, lo, hi, unit, approx   the quantity's
//   rule       claim_rules::k*
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "extractors/claims/claim.h"
#include "extractors/claims/claim_rules.h"
#include "extractors/examples_runner.h"
#include "pipeline/analyzer.h"
#include "pipeline/article_source.h"
#include "pipeline/context.h"
#include "pipeline/document.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using testing::ActualItem;
using testing::Example;

constexpr char kExamples[] = "extractors/claims/examples.tsv";
constexpr std::string_view kTitleOpen = "⟪";
constexpr std::string_view kTitleClose = "⟫";

std::vector<Example> AllExamples() {
  return testing::LoadExamplesOrPlaceholder(testing::SourceDir() / kExamples, kExamples);
}

std::string OrDash(std::string_view s) { return s.empty() ? "-" : std::string(s); }
std::string Number(double v) {
  if (v != v) return "-";
  char buf[64];
  snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// The claims of one analyzed document, with the byte offsets of their
// quantities in the original field text plus `offset[field]`.
std::vector<ActualItem> Items(const Document& doc, const uint32_t offset[2]) {
  std::vector<ActualItem> out;
  for (const Claim& c : doc.claims) {
    const Quantity& q = doc.quantities[c.quantity];
    Span o = doc.field(q.field).map.ToOriginal(q.span);
    ActualItem a;
    a.begin = o.begin + offset[static_cast<int>(q.field)];
    a.end = o.end + offset[static_cast<int>(q.field)];
    a.fields["subject"] = c.subject_id.empty() ? c.subject : std::string(c.subject_id);
    a.fields["attribute"] = std::string(c.attribute);
    a.fields["object"] = c.object_id.empty() ? OrDash(c.object) : std::string(c.object_id);
    a.fields["counterpart"] =
        c.counterpart_id.empty() ? OrDash(c.counterpart) : std::string(c.counterpart_id);
    a.fields["time"] = OrDash(c.time);
    a.fields["modality"] = std::string(ModalityName(c.modality));
    a.fields["by"] =
        c.attribution_id.empty() ? OrDash(c.attribution) : std::string(c.attribution_id);
    a.fields["from"] = std::string(SubjectFromName(c.subject_from));
    a.fields["value"] = Number(q.value);
    a.fields["lo"] = Number(q.lower);
    a.fields["hi"] = Number(q.upper);
    a.fields["unit"] = q.unit;
    a.fields["approx"] = std::string(ApproxName(q.approx));
    a.fields["rule"] = std::string(c.rule);
    out.push_back(std::move(a));
  }
  return out;
}

// Runs the extract stages on `input` (⟪headline⟫ then a digest summary).
std::vector<ActualItem> Extract(const std::string& input) {
  RawArticle raw;
  uint32_t offset[2] = {0, 0};
  std::string_view in = input;
  if (in.substr(0, kTitleOpen.size()) == kTitleOpen) {
    const size_t close = in.find(kTitleClose);
    if (close != std::string_view::npos) {
      raw.title = std::string(in.substr(kTitleOpen.size(), close - kTitleOpen.size()));
      offset[0] = static_cast<uint32_t>(kTitleOpen.size());
      offset[1] = static_cast<uint32_t>(close + kTitleClose.size());
      in.remove_prefix(close + kTitleClose.size());
    }
  }
  raw.text = std::string(in);
  raw.format = Format::kDigest;
  raw.published_at = "2025-11-20";
  std::unique_ptr<Document> doc = testing::AnalyzeForExtract(std::move(raw));
  if (!doc->status.ok()) return {};
  return Items(*doc, offset);
}

class ClaimsExamples : public ::testing::TestWithParam<Example> {};

TEST_P(ClaimsExamples, Line) {
  testing::CompareOptions options;
  options.numeric_keys = {"value", "lo", "hi"};
  options.rel_tolerance = 1e-9;
  testing::RunExample(GetParam(), &Extract, options);
}

INSTANTIATE_TEST_SUITE_P(Claims, ClaimsExamples, ::testing::ValuesIn(AllExamples()),
                         [](const ::testing::TestParamInfo<Example>& info) {
                           return testing::ExampleTestName(info.param);
                         });

// At least 150 lines, about half Chinese, negatives, few todos, and every
// rule id exercised by a passing example.
TEST(ClaimsExamplesFile, CoversEveryRule) {
  testing::ExpectFileCoverage(
      AllExamples(), [](const Example& e) { return Extract(e.input); },
      {.min_lines = 150, .min_negatives = 15, .min_zh = 65, .min_en = 65, .max_todo = 15},
      claim_rules::kAll);
}

// The seed digests: every statement of Russia's rare-earth reserves is a
// claim with subject RU and attribute reserves, each in its article.
TEST(ClaimsSeeds, GiveRussiasReserves) {
  const fs::path seeds = testing::SeedsDir();
  if (seeds.empty()) GTEST_SKIP() << "../shared/corpus/seeds not found";
  auto source = ArticleSource::Open({seeds.string()}, SourceOptions(), *testing::ExtractContext().digest);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  // value (or lower bound) -> "file#position" of the articles stating it.
  std::multimap<double, std::string> found;
  RawArticle raw;
  const Analyzer& analyzer = testing::ExtractAnalyzer();
  auto ws = analyzer.NewWorkspace();
  while (source.value()->Next(&raw)) {
    if (!raw.status.ok()) continue;
    const std::string where =
        fs::path(raw.path).filename().string() + "#" + std::to_string(raw.position);
    Document doc(std::move(raw));
    raw = RawArticle();
    analyzer.Run(doc, *ws);
    ASSERT_TRUE(doc.status.ok()) << where << ": " << doc.status.ToString();
    for (const Claim& c : doc.claims) {
      if (c.subject_id != "RU" || c.attribute != "reserves") continue;
      const Quantity& q = doc.quantities[c.quantity];
      EXPECT_EQ(q.unit, "t") << where;
      EXPECT_EQ(c.object_id, "rare_earths") << where;
      found.emplace(q.approx == Approx::kOver ? q.lower : q.value,
                    where + (q.approx == Approx::kOver ? " over" : ""));
    }
  }
  auto has = [&](double v, const std::string& file, const std::string& tail) {
    auto [lo, hi] = found.equal_range(v);
    for (auto it = lo; it != hi; ++it) {
      if (it->second.rfind(file, 0) == 0 && it->second.find(tail) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  std::string all;
  for (const auto& [v, w] : found) all += " " + Number(v) + "@" + w;
  EXPECT_TRUE(has(28.5e6, "000_", "")) << all;
  EXPECT_TRUE(has(3.8e6, "001_", "")) << all;
  EXPECT_TRUE(has(2.85e6, "002_", "")) << all;
  EXPECT_TRUE(has(380000, "002_", "")) << all;
  EXPECT_TRUE(has(28e6, "002_", " over")) << all;
}

}  // namespace
}  // namespace factmine
