// Rule ids of the date layer (DateMention::rule): dotted lowercase names
// carried into every fact row as provenance. One id per shape of date;
// examples.tsv beside this file exercises each (FileCoversEveryRule in
// tests/extractors/dates_examples_test.cc checks it).
//
// Thread safety: constants. Lifetime: static strings.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_RULES_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_RULES_H_

#include <string_view>

namespace factmine::date_rules {

// 2025-11-09, 2025/11/09, 2025.11.09; 2024-12 (year and month)
inline constexpr std::string_view kIso = "date.iso";
// in 2024, by 2030, mid-2024, 2022-2024: a 4-digit year with a relation
// word, a part word or a range around it
inline constexpr std::string_view kYear = "date.year";
// 2024 alone ("the 2024 election"): a 4-digit number in 1900-2100 with
// nothing that makes it an amount (see date_extractor.h)
inline constexpr std::string_view kYearBare = "date.year.bare";
// 1990s, the 2020s
inline constexpr std::string_view kDecade = "date.decade";
// December 1, Dec. 1, October 20, 2023
inline constexpr std::string_view kEnMonthDay = "date.en.month_day";
// 1 December 2025, 1st December
inline constexpr std::string_view kEnDayMonth = "date.en.day_month";
// December 2025
inline constexpr std::string_view kEnMonthYear = "date.en.month_year";
// in December, last December, early December (month name alone)
inline constexpr std::string_view kEnMonth = "date.en.month";
// Q3 2025, the third quarter of 2025
inline constexpr std::string_view kEnQuarter = "date.en.quarter";
// H1 2025, the first half of 2025
inline constexpr std::string_view kEnHalf = "date.en.half";
// last year, this month, today
inline constexpr std::string_view kEnRelative = "date.en.relative";
// the previous year, a year earlier
inline constexpr std::string_view kEnAnaphoric = "date.en.anaphoric";
// 2025年, 二〇二五年, 2024年度
inline constexpr std::string_view kZhYear = "date.zh.year";
// 2025年11月, 去年11月
inline constexpr std::string_view kZhYearMonth = "date.zh.year_month";
// 2025年11月9日, 二〇二五年十一月九日
inline constexpr std::string_view kZhYmd = "date.zh.ymd";
// 11月9日 (year from the article date)
inline constexpr std::string_view kZhMonthDay = "date.zh.month_day";
// 11月, 11月份 (year from the article date)
inline constexpr std::string_view kZhMonth = "date.zh.month";
// 2025年第三季度, 三季度, 前三季度
inline constexpr std::string_view kZhQuarter = "date.zh.quarter";
// 2025年上半年, 下半年
inline constexpr std::string_view kZhHalf = "date.zh.half";
// 1990年代, 90年代, 20世纪90年代
inline constexpr std::string_view kZhDecade = "date.zh.decade";
// 去年, 本月, 年底, 今天
inline constexpr std::string_view kZhRelative = "date.zh.relative";
// 同年, 次年
inline constexpr std::string_view kZhAnaphoric = "date.zh.anaphoric";

}  // namespace factmine::date_rules

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_RULES_H_
