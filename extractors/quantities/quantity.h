// Quantity: a number with its unit, bounds and dimension, found in the
// normalized text of one field of an article (SPEC §3 "Quantities").
//
// Values are stated in `unit` with every scale word multiplied out:
// "2.85万吨" and "28.5 million tons" are 28500000 t, "$1.2 billion" is
// 1200000000 USD, "75%" is 75 percent, "七成" is 70 percent. Units that are
// a scale of the dimension's base (Mt, kt) are folded the same way ("28.5
// Mt" is 28500000 t). Other units stay as written ("200 lbs" is 200 lb,
// "30 cents" is 30 cent) and carry `to_base`, the factor to the base unit
// of their dimension (lb → t: 0.00045359237, cent → USD: 0.01), so claims
// compare base values while exports keep what the text says.
//
// Bounds: exact and about: lower = upper = value. over / at_least: lower =
// value, upper open. under / at_most: upper = value, lower open. range:
// lower and upper set, value open. Open is NaN (JSON null).
//
// Thread safety: plain values. Lifetime: `rule` points to a static string.
#ifndef FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_H_
#define FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "extractors/numbers/number_match.h"
#include "pipeline/field.h"
#include "pipeline/span.h"

namespace factmine {

inline constexpr double kOpenBound = std::numeric_limits<double>::quiet_NaN();

// SPEC §3: exact|about|over|under|at_least|at_most|range.
enum class Approx : uint8_t {
  kExact,
  kAbout,    // about, nearly, 约, 近, 左右
  kOver,     // over, more than, 超过, 逾, 多, 以上 (lower bound)
  kUnder,    // under, less than, 不足, 不到 (upper bound)
  kAtLeast,  // at least, 至少
  kAtMost,   // at most, up to, 最多, 以下
  kRange,    // 7% to 9%, 10至20年
};
std::string_view ApproxName(Approx a);
bool ParseApprox(std::string_view name, Approx* out);

struct Quantity {
  Field field = Field::kText;
  Span span;                        // bytes of the field's normalized text
  uint32_t sentence = kNoSentence;  // index into Document::sentences
  double value = kOpenBound;        // in `unit`; open for a range
  double lower = kOpenBound;
  double upper = kOpenBound;
  Approx approx = Approx::kExact;
  // Canonical unit id from lexicon/units.tsv: "t", "kg", "USD", "CNY",
  // "percent", "percentage_point", "times", "year", a count noun such as
  // "type" or "项"; "" for a bare number.
  std::string unit;
  // "mass", "currency", "percent", "percentage_point", "multiple", "count",
  // "duration", "length", "area", "volume", "speed", "information",
  // "temperature", or "number" for a bare number.
  std::string dimension;
  std::string base_unit;  // base unit of the dimension ("t" for kg)
  double to_base = 1;     // value * to_base is in base_unit
  std::string_view rule;  // quantity_rules::k*, e.g. "quantity.zh.unit"
};

// The number-layer match `n` of field `f` as a unitless quantity (dimension
// "number", or "ordinal" for first/第三/21st; the number's own rule id):
// `factmine extract --layer numbers`.
// A number marked "more" (500多, 300余) is a lower bound.
Quantity NumberAsQuantity(const NumberMatch& n, Field f);

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_H_
