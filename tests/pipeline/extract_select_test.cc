// What `factmine extract` puts in "quantities" under ExtractOptions::numbers,
// ::unit_mentions and ::dimensions (pipeline/extract_run.h), with the real
// extract analyzer: the values, units, dimensions and rules that come out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "extractors/examples_runner.h"
#include "pipeline/extract_run.h"
#include "test_util.h"

namespace factmine {
namespace {

using Json = nlohmann::json;

// The "quantities" of the one article `text`, as (text, value, unit,
// dimension, rule) strings.
std::vector<std::string> Quantities(const std::string& text, ExtractOptions o) {
  Json in = {{"id", "a"}, {"title", "第3季度"}, {"text", text}};
  std::istringstream stream(in.dump() + "\n");
  o.input = &stream;
  o.threads = 1;
  std::string out;
  auto r = RunExtract(testing::ExtractContext(), testing::ExtractAnalyzer(), o,
                      [&out](std::string_view chunk) {
                        out.append(chunk);
                        return Status::Ok();
                      });
  EXPECT_TRUE(r.ok() && r->rejected == 0) << out;
  Json line = Json::parse(out);
  std::vector<std::string> got;
  for (const Json& q : line["quantities"]) {
    std::string v = q["value"].is_null() ? "null" : q["value"].dump();
    got.push_back(q["text"].get<std::string>() + " " + v + " " +
                  q["unit"].get<std::string>() + " " + q["dimension"].get<std::string>() +
                  " " + q["rule"].get<std::string>() +
                  (q.contains("field") ? " title" : ""));
  }
  return got;
}

const char kText[] = "Russia paid 5 dollars for 3 tons, up 7%, the first in rubles; 以人民币结算。";

TEST(ExtractSelect, DefaultIsTheQuantityLayer) {
  EXPECT_EQ(Quantities(kText, ExtractOptions()),
            (std::vector<std::string>{
                "5 dollars 5 USD currency quantity.currency",
                "3 tons 3 t mass quantity.unit",
                "7% 7 percent percent quantity.percent",
            }));
}

TEST(ExtractSelect, DimensionsKeepOnlyThoseListed) {
  ExtractOptions o;
  o.dimensions = {"currency", "percent"};
  EXPECT_EQ(Quantities(kText, o), (std::vector<std::string>{
                                       "5 dollars 5 USD currency quantity.currency",
                                       "7% 7 percent percent quantity.percent",
                                   }));
}

TEST(ExtractSelect, UnitMentionsAddUnitsWithoutAnAmount) {
  ExtractOptions o;
  o.unit_mentions = true;
  o.dimensions = {"currency"};
  // "dollars" of "5 dollars" is part of the amount, not a mention.
  EXPECT_EQ(Quantities(kText, o),
            (std::vector<std::string>{
                "5 dollars 5 USD currency quantity.currency",
                "rubles null RUB currency quantity.unit_mention",
                "人民币 null CNY currency quantity.unit_mention",
            }));
  // No mention from symbols, single characters or ISO codes read as words.
  EXPECT_TRUE(Quantities("Silica gel costs more; 元旦 in Tianjin. $ and t.", o).empty());
}

TEST(ExtractSelect, NumbersLayerGivesEveryNumberUnitless) {
  ExtractOptions o;
  o.numbers = true;
  // 第3 of the title (第3季度) is an ordinal: no quantity, but a number.
  EXPECT_EQ(Quantities(kText, o), (std::vector<std::string>{
                                      "第3 3  ordinal number.zh.ordinal title",
                                      "5 5  number number.arabic.plain",
                                      "3 3  number number.arabic.plain",
                                      "7 7  number number.arabic.plain",
                                      "first 1  ordinal number.en.ordinal",
                                  }));
  o.dimensions = {"ordinal"};
  EXPECT_EQ(Quantities(kText, o),
            (std::vector<std::string>{"第3 3  ordinal number.zh.ordinal title",
                                      "first 1  ordinal number.en.ordinal"}));
}

}  // namespace
}  // namespace factmine
