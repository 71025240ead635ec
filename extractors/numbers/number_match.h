// NumberMatch: one number found by the NumberScanner (number_scanner.h),
// as plain data: its byte span, value, form, flags and rule. A Document
// keeps them per field (the "numbers" layer) for the date and quantity
// extractors above.
//
// Thread safety: plain values. Lifetime: `rule` points to a static string.
#ifndef FACTMINE_EXTRACTORS_NUMBERS_NUMBER_MATCH_H_
#define FACTMINE_EXTRACTORS_NUMBERS_NUMBER_MATCH_H_

#include <cstdint>
#include <string_view>

#include "pipeline/span.h"

namespace factmine {

enum class NumberForm : uint8_t {
  kCardinal = 0,  // a count or amount
  kOrdinal,       // first, 21st, 第一
  kFraction,      // a ratio below or around one: a quarter, 1/8, 三分之一
  kTenths,        // 成 numbers: 七成 = 0.7
  kMultiplier,    // sixfold, twice, 6-fold
};

// "cardinal", "ordinal", "fraction", "tenths", "multiplier".
std::string_view NumberFormName(NumberForm f);

// Bits of NumberMatch::flags.
enum NumberFlag : uint16_t {
  kNumberMore = 1 << 0,  // 多/余/几: the value is a lower bound (500多亿)
  kNumberMaybeYear = 1 << 1,    // looks like a year (4 digits, 1000-2199)
  kNumberYear = 1 << 2,         // followed by 年: a year for sure
  kNumberDigitString = 1 << 3,  // read digit by digit (二〇二四)
  kNumberDecade = 1 << 4,       // 1990s
  kNumberSeparators = 1 << 5,   // written with thousands separators
  kNumberScaled = 1 << 6,  // a scale word or character applied (million, 万)
};

struct NumberMatch {
  Span span;               // bytes of the scanned text, half-open
  double value = 0;        // fractions and tenths as a ratio (0.7 for 七成)
  double denominator = 0;  // fractions: 3 for 三分之一, 100 for 百分之; else 0
  NumberForm form = NumberForm::kCardinal;
  uint16_t flags = 0;     // NumberFlag bits
  bool exact = true;      // see ParsedNumber::exact
  std::string_view rule;  // number_rules::k*
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_NUMBERS_NUMBER_MATCH_H_
