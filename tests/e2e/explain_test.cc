// End-to-end tests of `factmine explain`: the real binary on one text, every
// layer listed with its offsets (code points into the text as given), the
// canonical entity, the normalized value and the rule; the headline as
// --title; --json prints the extract line; usage errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "e2e/e2e_util.h"
#include "test_util.h"

namespace factmine {
namespace {

using testing::FactmineRun;

FactmineRun Explain(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv{testing::FactmineBinary().string(), "explain"};
  argv.insert(argv.end(), args.begin(), args.end());
  FactmineRun r;
  r.exit_code = testing::RunCommand(argv, &r.out, &r.err, input);
  return r;
}

bool Has(const std::string& out, const std::string& line) {
  return out.find(line) != std::string::npos;
}

TEST(ExplainE2e, ChineseTextEveryLayerWithItsRule) {
  FactmineRun r = Explain({"俄罗斯稀土储量约2850万吨[1]。美国的储量为180万吨。"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "  s0  zh  [0,18)  俄罗斯稀土储量约2850万吨[1]。  citations [1]\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  s0  俄罗斯 | 稀土 | 储量 | 约 | 2850万吨")) << r.out;
  EXPECT_TRUE(Has(r.out, "  [0,3)  俄罗斯  RU country \"Russia\"  s0  entity.zh.name\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  [18,20)  美国  US country \"United States\"  s1  entity.zh.name\n"))
      << r.out;
  // The value is normalized (万 applied, tons), the bound kept.
  EXPECT_TRUE(Has(r.out, "  [7,14)  约2850万吨  \u224828,500,000 t  mass about  s0  quantity."))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  [24,29)  180万吨  1,800,000 t  mass exact  s1  quantity.")) << r.out;
  // The claim: subject, attribute, object, value as written and normalized,
  // modality from 约, and the rule.
  EXPECT_TRUE(Has(r.out,
                  "  c0  s0  Russia (RU) [sentence]  reserves of rare earths (rare_earths) = "
                  "\u224828,500,000 t  \"约2850万吨\"\n      modality estimated  confidence "))
      << r.out;
}

TEST(ExplainE2e, ClaimsWithTimeAndCounterpart) {
  FactmineRun r = Explain({"Japan's reliance on China fell from 85% in 2022 to 60% by 2024."});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "claims  2\n")) << r.out;
  EXPECT_TRUE(Has(r.out, "Japan (JP) [sentence]  import_dependence toward China (CN) = 85 percent"
                         "  \"85%\"\n      time 2022  modality reported")) << r.out;
  EXPECT_TRUE(Has(r.out, "Japan (JP) [sentence]  import_dependence toward China (CN) = 60 percent"
                         "  \"60%\"\n      time 2024  modality reported")) << r.out;
}

TEST(ExplainE2e, SubjectFromTheHeadline) {
  FactmineRun r = Explain({"--title", "Russia's Position", "Reserves stand at 3.8 million tons."});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "Russia (RU) [headline]  reserves = 3,800,000 t  \"3.8 million tons\""))
      << r.out;
}

TEST(ExplainE2e, TitleItemsAndDates) {
  FactmineRun r = Explain({"--title", "Group 1: Russia's Position",
                           "Reserves stood at 3.8 million tons, up from 2.1 Mt in 2022."});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "  title: [9,15)  Russia  RU country \"Russia\"  s0  entity.en.name\n"))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  [18,34)  3.8 million tons  3,800,000 t  mass exact  s1  quantity."))
      << r.out;
  EXPECT_TRUE(Has(r.out, "  in 2022  2022 year in  s1  date.")) << r.out;
}

TEST(ExplainE2e, ReadsStandardInputAndResolvesAgainstDate) {
  FactmineRun r = Explain({"--date", "2025-11-20", "-"}, "去年产量增长了15%。");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "  [0,2)  去年  2024 year")) << r.out;
  EXPECT_TRUE(Has(r.out, "  15%  15 percent  percent exact")) << r.out;
}

TEST(ExplainE2e, JsonIsTheExtractLine) {
  FactmineRun r = Explain({"--json", "Lynas produced 10,000 tonnes."});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"id\":\"explain\",\"quantities\":[{\"start\":15,\"end\":28,", 0), 0u)
      << r.out;
  EXPECT_TRUE(Has(r.out, "\"value\":10000,")) << r.out;
}

TEST(ExplainE2e, NoTextIsAUsageError) {
  FactmineRun r = Explain({}, "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Has(r.err, "no text")) << r.err;
}

}  // namespace
}  // namespace factmine
