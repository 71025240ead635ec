// Civil-calendar arithmetic and ISO 8601 formatting for the date layer
// (proleptic Gregorian calendar, years 1..9999).
//
//   DaysInMonth(2024, 2) == 29
//   AddDays(2025, 12, 31, 1) → 2026-01-01
//   FormatDate(DateGrain::kQuarter, 2025, 3, 0) == "2025-Q3"
//
// Thread safety: pure functions. Lifetime: plain values.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_CALENDAR_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_CALENDAR_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace factmine {

// The grain of a date mention (DateMention::grain).
enum class DateGrain : uint8_t {
  kNone = 0,
  kDay,
  kMonth,
  kQuarter,
  kHalf,  // half a year: "2025-H1"
  kYear,
  kDecade,
};

// "day", "month", "quarter", "half", "year", "decade"; "" for kNone.
std::string_view DateGrainName(DateGrain g);

bool IsLeapYear(int year);
// 28..31; 0 when month is not 1..12. year 0 means "unknown": February has
// 29 days then, so 2月29日 is accepted without a year.
int DaysInMonth(int year, int month);
// Days since 1970-01-01 of a valid date (negative before it).
int64_t DaysFromCivil(int year, int month, int day);
// The date `days` after year-month-day (days may be negative).
void AddDays(int year, int month, int day, int64_t days, int* out_year,
             int* out_month, int* out_day);

// The ISO 8601 value of a date at its grain: "2025-11-09" (day), "2025-11"
// (month), "2025-Q3" (quarter, `month` holds 1..4), "2025-H1" (half,
// `month` holds 1..2), "2025" (year), "1990s" (decade, `year` = 1990).
// REQUIRES: the fields the grain uses are valid; year in 1..9999.
std::string FormatDate(DateGrain grain, int year, int month, int day);

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_CALENDAR_H_
