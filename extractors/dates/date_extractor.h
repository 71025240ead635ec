// DateExtractor: dates and years in normalized Chinese and English text,
// built on the number layer (the NumberScanner's matches for the same
// text). Relative dates (去年, last year, this month) are resolved against
// the article's date. The full list of forms is in examples.tsv beside
// this file; the words it uses are in lexicon/date_words.tsv.
//
//   "⟦2025年11月9日⟧"             2025-11-09 day        date.zh.ymd
//   "⟦到2030年⟧"                  2030 year, by         date.zh.year
//   "⟦by the end of 2025⟧"        2025 year, by, late   date.year
//   "⟦October 20, 2023⟧"          2023-10-20 day        date.en.month_day
//   "⟦from 2022⟧ ⟦to 2024⟧"       2022 from; 2024 to    date.year
//   "⟦去年⟧" (article 2025-11-20)  2024 year, relative   date.zh.relative
//   "⟦Q3 2025⟧", "⟦三季度⟧"        2025-Q3 quarter
//   "⟦今年上半年⟧"                  2025-H1 half
//
// Spans: a mention covers its relation words ("by 2030", "自2020年以来",
// "截至2024年底"), a leading "the" of "the 1990s" / "the end of 2025", and
// every number that belongs to the date (the quantity layer skips numbers
// inside date spans). "on" is not a relation and stays outside. A range
// gives two mentions, from and to; the connector word belongs to the
// second ("⟦from 2022⟧ ⟦to 2024⟧", "⟦2022年⟧⟦至2024年⟧", "⟦2022⟧-⟦24⟧").
//
// Years alone. A 4-digit number followed by 年 (or 年度, 财年) is a year
// when it is in 1000-2199 (the scanner's flag), except a round hundred
// outside 1900-2100 (1000年 is a duration), after an approximation word
// (近2000年) or before 来/之久/以上/多 (2000年来). A 4-digit number
// without 年 is a year only when it is in 1900-2100, written without
// separators, and nothing makes it an amount: no currency sign or
// approximation word before it (about 2000, $2024), no unit or count word
// after it (2024 tons, 2000 people, 2024%), no Han character right after
// it (2000人), not the low end of a range of non-years (2000-3000 tons),
// and not after "rose by" / "fell to" / "grew from". Such a year has rule
// date.year.bare when nothing else supports it, date.year when a relation,
// part or range word does. English years outside 1900-2100 are never
// years (in 1066 stays a number).
//
// Resolution. Relative words count from the article date (DateAnchor).
// A month or month-day without a year ("December 1", 11月9日) takes the
// year that puts its month between eight months before and four months
// after the article's month (news mostly reports the past): in an article
// of 2025-12-30 "January 3" is 2026-01-03, in one of 2026-01-05 "October
// 3" is 2025-10-03 and "March 3" 2026-03-03, in one of 2025-11-20 "March"
// is 2025-03. "last December" is the latest December before the article's
// month, "next January" the first after it. Quarters and halves
// without a year (三季度, the first half) take the article's year.
// Anaphoric words (the previous year, 次年) count from the latest year
// mentioned earlier in the same field, else from the article date. When
// the needed anchor is unknown the mention is kept with value "" and
// relative = true.
//
// Not dates: durations (10年, 5个月, 3 years), times of day (10:30, 1900
// GMT), labels and phone numbers (the scanner drops them), ordinals before
// 月 (第11月), "两月", numbers after 连续/近/过去 (连续三季度), month names
// without a number, modifier or relation word ("May" alone). Not handled
// yet: a bare day (9日), weekdays (on Friday), numeric US/European dates
// (12/25/1990), Minguo and lunar calendars, seasons (spring 2006).
//
// Cost: one pass over the text between numbers that looks at word starts
// only: 64 bytes at a time it finds the starts of ASCII words and CJK
// runs (one bit per byte), a word costs a 4-byte key and one bit test in a
// 4 KB set and nothing more unless a date word may start there, a CJK
// character one bit test; around each number a few byte comparisons. No
// allocation except the output. Single thread on the bench files: about
// 370 MB/s on Chinese news, 300 MB/s on English, 200 MB/s on Reuters (a
// date every 250 bytes); in `factmine extract` 6-7% of the time on
// Chinese, 9-10% on English (the number scanner: 12-20%).
//
// Thread safety: immutable after Load; Extract may run on many threads.
// Lifetime: owns its lexicon tables.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_EXTRACTOR_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors/dates/date_mention.h"
#include "extractors/dates/date_words.h"
#include "extractors/numbers/number_match.h"
#include "pipeline/status.h"

namespace factmine {

// The article's date, the anchor for relative dates. Zero = unknown.
struct DateAnchor {
  int year = 0;
  int month = 0;
  int day = 0;
  // From a published_at value ("2025-11-20", "2025-11-20 08:30+08:00");
  // an empty or malformed value gives the unknown anchor. "2025-11" and
  // "2025" give a partial anchor (day or month and day unknown).
  static DateAnchor FromPublishedAt(std::string_view published_at);
};

class DateExtractor {
 public:
  // Loads the date lexicon files from lexicon_dir; errors name file:line.
  static Result<std::unique_ptr<DateExtractor>> Load(
      const std::string& lexicon_dir);

  DateExtractor(const DateExtractor&) = delete;
  DateExtractor& operator=(const DateExtractor&) = delete;

  // Appends the dates of `text` (normalized) to *out in order of span,
  // never overlapping. `numbers` are the NumberScanner's matches for the
  // same text. Sets field/span/value/grain/relation/relative/rule; the
  // caller sets `field` and `sentence`.
  void Extract(std::string_view text, const std::vector<NumberMatch>& numbers,
               const DateAnchor& anchor, std::vector<DateMention>* out) const;

  const DateWords& words() const { return words_; }

 private:
  explicit DateExtractor(DateWords words) : words_(std::move(words)) {}

  DateWords words_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_EXTRACTOR_H_
