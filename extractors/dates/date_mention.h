// DateMention: a date or year found in the normalized text of one field
// (SPEC §3 "Dates and times"). Years are dates, never quantities.
//
//   "on ⟦December 1⟧" (article of 2025-11-20)  value 2025-12-01, grain day
//   "⟦by 2030⟧"                                value 2030, relation by
//   "⟦2025年11月9日⟧"                          value 2025-11-09
//   "⟦去年⟧" (article of 2025-11-20)           value 2024, relative
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
  Span span;  // bytes of the field's normalized text
  uint32_t sentence = kNoSentence;  // index into Document::sentences
  // ISO 8601 at the mention's grain: "2025-11-09", "2025-11", "2025",
  // "2025-Q3", "2020s" (decade); "" when a relative date could not be
  // resolved (no article date).
  std::string value;
  std::string grain;     // "day", "month", "quarter", "year", "decade"
  // How the text relates the time to its statement: "" (plain), "in",
  // "by", "since", "before", "after", "until", "from", "to".
  std::string relation;
  bool relative = false;  // resolved against the article date (去年)
  std::string_view rule;  // date_rules::k*, e.g. "date.zh.ymd"
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_MENTION_H_
