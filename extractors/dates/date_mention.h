// DateMention: a date or year found in the normalized text of one field
// (SPEC §3 "Dates and times"). Years are dates, never quantities.
//
//   "on ⟦December 1⟧" (article of 2025-11-20)  value 2025-12-01, grain day
//   "⟦by 2030⟧"                                value 2030, relation by
//   "⟦2025年11月9日⟧"                          value 2025-11-09
//   "⟦去年⟧" (article of 2025-11-20)           value 2024, relative
//   "⟦by the end of 2025⟧"                     value 2025, relation by,
//                                              part late
//
// Thread safety: plain values. Lifetime: `rule` points to a static string.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_MENTION_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_MENTION_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/field.h"
#include "pipeline/span.h"

namespace factmine {

struct DateMention {
  Field field = Field::kText;
  Span span;                        // bytes of the field's normalized text
  uint32_t sentence = kNoSentence;  // index into Document::sentences
  // ISO 8601 at the mention's grain: "2025-11-09", "2025-11", "2025",
  // "2025-Q3", "2025-H1", "1990s" (decade); "" when the date needs the
  // article date (去年, 11月9日, the third quarter) and it is unknown.
  std::string value;
  // "day", "month", "quarter", "half" (value "2025-H1"), "year", "decade".
  std::string grain;
  // How the text relates the time to its statement: "" (plain), "in",
  // "by", "since", "before", "after", "until", "from", "to".
  std::string relation;
  // Which part of the period: "" (all of it), "early", "mid", "late"
  // (mid-2024, 2025年底, late December, 11月上旬).
  std::string part;
  // Resolved against the article date (去年, December 1 without a year) or
  // against the latest year mentioned before it (the previous year).
  bool relative = false;
  std::string_view rule;  // date_rules::k*, e.g. "date.zh.ymd"
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_MENTION_H_
