// Rule ids of the quantity layer: dotted lowercase, stored with every
// quantity (STYLE.md "Provenance"); examples.tsv exercises each.
#ifndef FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_RULES_H_
#define FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_RULES_H_

#include <string_view>

namespace factmine::quantity_rules {

// A number with nothing that makes it a measure: "3 of the 5".
inline constexpr std::string_view kBare = "quantity.bare";
// 75%, 75 percent
inline constexpr std::string_view kPercent = "quantity.percent";
// 百分之七十五
inline constexpr std::string_view kPercentZh = "quantity.percent.zh";
// 七成, 逾七成
inline constexpr std::string_view kCheng = "quantity.percent.cheng";
// a quarter, 三分之一, 1/8, half: a share, as a percentage
inline constexpr std::string_view kFraction = "quantity.percent.fraction";
// 75折, 九折: a price as a share of the full price
inline constexpr std::string_view kDiscount = "quantity.percent.discount";
// 2 percentage points, 50 basis points, 3个百分点
inline constexpr std::string_view kPoints = "quantity.points";
// 20 times, 6倍, sixfold, 6-fold
inline constexpr std::string_view kMultiple = "quantity.multiple";
// $5 billion, 7000亿元, 900 billion rubles
inline constexpr std::string_view kCurrency = "quantity.currency";
// 28.5 million tons, 2850万吨, 3 km, 10 years (lexicon/units.tsv)
inline constexpr std::string_view kUnit = "quantity.unit";
// 153 types, 5,800 patents
inline constexpr std::string_view kCountEn = "quantity.count.en";
// 45家, 5800项
inline constexpr std::string_view kCountZh = "quantity.count.zh";
// 7% to 9%, 10至20年, between 5 and 7 million tons
inline constexpr std::string_view kRange = "quantity.range";

// Every rule id above, for coverage checks.
inline constexpr std::string_view kAll[] = {kBare,     kPercent, kPercentZh, kCheng,
                                            kFraction, kDiscount, kPoints,  kMultiple,  kCurrency,
                                            kUnit,     kCountEn, kCountZh,   kRange};

// A unit named without an amount ("settled in rubles", 以人民币结算): not
// part of the quantity layer, only QuantityExtractor::ExtractUnitMentions
// (factmine extract --unit-mentions) gives it; tested on its own.
inline constexpr std::string_view kUnitMention = "quantity.unit_mention";
}  // namespace factmine::quantity_rules

#endif  // FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_RULES_H_
