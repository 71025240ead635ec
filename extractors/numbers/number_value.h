// Number values and lexing helpers shared by the numeral parsers
// (zh_numeral.h, en_number.h) and the number scanner (number_scanner.h).
//
// DecimalNumber is an exact decimal m × 10^e with a 64-bit mantissa, so
// "2.85万" is computed as 285 × 10^2 and "1.2万亿" as 12 × 10^11 without
// binary rounding on the way; only the final conversion to double rounds
// (correctly, to the nearest double). When a result needs more than 19
// significant digits the lowest ones are dropped and `inexact` is set.
//
// ParsedNumber is what every parse function returns: a status instead of a
// Status object, because the scanner calls the parsers on every candidate
// and a failure here is routine, not an error worth a message.
//
// Bounds: magnitudes above kMaxNumberMagnitude (1e24) are kOverflow, never
// inf; exponents are range-checked before any arithmetic, so "10^400" or a
// 5,000-digit string costs one linear pass and yields kOverflow.
//
// Thread safety: plain values and pure functions.
// Lifetime: no pointers, copy freely.
#ifndef FACTMINE_EXTRACTORS_NUMBERS_NUMBER_VALUE_H_
#define FACTMINE_EXTRACTORS_NUMBERS_NUMBER_VALUE_H_

#include <cstdint>
#include <string_view>

namespace factmine {

// Larger magnitudes are reported as NumeralStatus::kOverflow. News never
// states 10^24 of anything; a longer digit string is garbage or an attack.
inline constexpr double kMaxNumberMagnitude = 1e24;

enum class NumeralStatus : uint8_t {
  kOk = 0,
  kEmpty,    // nothing to parse
  kInvalid,  // not a well-formed numeral ("三百四百", "万" alone, "1.2.3")
  kOverflow,  // well-formed but beyond kMaxNumberMagnitude ("10^400")
};

// "ok", "empty", "invalid", "overflow".
std::string_view NumeralStatusName(NumeralStatus s);

// Exact decimal arithmetic for numerals: value = (negative ? -1 : 1) ×
// mant × 10^exp.
struct DecimalNumber {
  uint64_t mant = 0;
  int32_t exp = 0;
  bool negative = false;
  bool inexact = false;  // significant digits were dropped on the way

  static DecimalNumber Int(uint64_t v) { return {v, 0, false, false}; }
  static DecimalNumber Pow10(int e) { return {1, e, false, false}; }

  bool zero() const { return mant == 0; }
  // Removes trailing zero digits of the mantissa (keeps the value).
  DecimalNumber Trimmed() const;
  // |this| compared with 10^e: <0, 0, >0. Cheap; used for "< 10" checks.
  int CompareToPow10(int e) const;
  // True when the value is an integer.
  bool IsInteger() const;

  // Nearest double, or kOverflow when |value| > kMaxNumberMagnitude.
  // REQUIRES: out != nullptr.
  NumeralStatus ToDouble(double* out) const;
};

// a × b, a + b (signs honoured), a × 10^e. Exact unless the result needs
// more than 19 significant digits (then `inexact` is set on the result).
DecimalNumber Mul(const DecimalNumber& a, const DecimalNumber& b);
DecimalNumber Add(const DecimalNumber& a, const DecimalNumber& b);
DecimalNumber MulPow10(const DecimalNumber& a, int e);

// Parses ASCII digits with an optional single '.' ("244.82", "7000", ".5"
// is invalid). `max_digits` bounds the work: longer strings are kOverflow
// when all digits are before the point, else kInvalid.
// REQUIRES: out != nullptr.
NumeralStatus ParseDecimalDigits(std::string_view digits, DecimalNumber* out,
                                 size_t max_digits = 64);

// Decodes the UTF-8 code point at s[pos] and sets *len to its byte length.
// An invalid or truncated sequence decodes as U+FFFD with *len = 1.
// REQUIRES: pos < s.size().
inline char32_t DecodeUtf8(std::string_view s, size_t pos, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || pos + n > s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> n);
  for (int i = 1; i < n; ++i) {
    unsigned char cc = static_cast<unsigned char>(s[pos + i]);
    if ((cc & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *len = static_cast<size_t>(n);
  return cp;
}

// Decodes the code point that ends right before s[pos], or 0 at the start.
// Sets *len to its byte length.
char32_t DecodeUtf8Before(std::string_view s, size_t pos, size_t* len);

// An Arabic number lexed from running text by LexArabicNumber.
struct ArabicLex {
  NumeralStatus status = NumeralStatus::kInvalid;
  size_t end = 0;           // byte offset just past the number
  DecimalNumber value;      // valid when status is kOk
  bool separators = false;  // had thousands separators ("380,000", "40 000")
  bool space_groups = false;  // the separators were spaces ("1 234 567")
  bool decimal = false;     // had a decimal fraction ("244.82")
  int int_digits = 0;       // digits before the point, separators excluded
};

// Lexes the Arabic number starting at s[pos] (an ASCII digit): digits,
// thousands separators (',' followed by exactly three digits: "1,234,567";
// South Asian groups "1,50,000" are accepted when they end in three), and
// one '.' fraction, or a decimal comma where no list or thousands comma can
// be meant: two digits led by a zero ("5,00", "3,05") or one or two digits
// after a euro sign ("€4,50"); "1,3" is two numbers. A ',' or '.' not
// followed by a digit group ends the
// number ("in 2024." is 2024). A dotted chain of three or more parts
// ("1.2.3", "192.168.0.1") is kInvalid with `end` past the whole chain, so
// the caller can skip it. More than 64 digits is kOverflow (the run is
// still consumed in one linear pass).
// Spaces as thousands separators ("1 234 567", "40 000"; NFKC turns the
// narrow no-break space U+202F into a space) are accepted when every group
// after the first has exactly three digits, there are two such groups or
// the only one is "000", the last is not followed by another " digit" run
// (phone numbers: "555 123 4567"), a hyphen, a slash or a letter, and no
// number stands right before ("0845 8 505 505"). So "100 200", "10 737-800
// planes" and "36 100 kilowatt" stay two numbers; "100 000" is one. (A
// first group of four digits never groups: "1000 5000".)
// REQUIRES: pos < s.size() and s[pos] is '0'-'9'.
ArabicLex LexArabicNumber(std::string_view s, size_t pos);

// What the parse functions of zh_numeral.h and en_number.h return.
struct ParsedNumber {
  NumeralStatus status = NumeralStatus::kInvalid;
  double value = 0;
  // False when `value` is not the nearest double to the number as written:
  // a non-terminating ratio (三分之一, two thirds) or more than 19
  // significant digits. Decimal inputs like 244.82 are exact in this sense.
  bool exact = true;
  // 多 / 余 / 几 ("500多亿", "十几", "三百余"): the text says "value and
  // some more"; the quantity layer turns this into a lower bound.
  bool more = false;
  // Read digit by digit without scale characters: 二〇二四 → 2024.
  bool digit_string = false;
  // Fractions only: the denominator as written (3 for 三分之一, 100 for
  // 百分之七十五, 4 for "a quarter"); 0 otherwise.
  double denominator = 0;

  bool ok() const { return status == NumeralStatus::kOk; }
  static ParsedNumber Fail(NumeralStatus s) {
    ParsedNumber p;
    p.status = s;
    return p;
  }
};

// Rule ids of the number layer: dotted lowercase, stored with every match
// (STYLE.md "Provenance"). The scanner reports exactly one per match.
namespace number_rules {
// 42, 244.82, -5, .5
inline constexpr std::string_view kArabicPlain = "number.arabic.plain";
// 380,000
inline constexpr std::string_view kArabicSeparators =
    "number.arabic.separators";
// 2.85 million, 1.13bn, 40k
inline constexpr std::string_view kArabicScale = "number.arabic.scale";
// 1/8, 2 1/4
inline constexpr std::string_view kArabicFraction = "number.arabic.fraction";
// 21st
inline constexpr std::string_view kArabicOrdinal = "number.arabic.ordinal";
// 10^6, 1.3e6
inline constexpr std::string_view kArabicPower = "number.arabic.power";
// 6-fold
inline constexpr std::string_view kArabicMultiplier =
    "number.arabic.multiplier";
// 1990s
inline constexpr std::string_view kArabicDecade = "number.arabic.decade";
// twenty-five
inline constexpr std::string_view kEnWords = "number.en.words";
// a quarter, two thirds
inline constexpr std::string_view kEnFraction = "number.en.fraction";
// sixfold, twice
inline constexpr std::string_view kEnMultiplier = "number.en.multiplier";
// first, twenty-first
inline constexpr std::string_view kEnOrdinal = "number.en.ordinal";
// a dozen
inline constexpr std::string_view kEnDozen = "number.en.dozen";
// one over three, 2000 over 3, one out of three (at a clause end)
inline constexpr std::string_view kEnRatio = "number.en.ratio";
// 二百八十五, 十
inline constexpr std::string_view kZhNumeral = "number.zh.numeral";
// 二百八十五万, 万亿
inline constexpr std::string_view kZhScale = "number.zh.scale";
// 2.85万, 500多亿
inline constexpr std::string_view kZhMixed = "number.zh.mixed";
// 二〇二四
inline constexpr std::string_view kZhDigitString = "number.zh.digit_string";
// 三分之一, 百分之七十五
inline constexpr std::string_view kZhFraction = "number.zh.fraction";
// 七成, 三成半
inline constexpr std::string_view kZhCheng = "number.zh.cheng";
// 第一, 第3
inline constexpr std::string_view kZhOrdinal = "number.zh.ordinal";
// 近万人 → 万
inline constexpr std::string_view kZhLoneScale = "number.zh.lone_scale";
// 一半, 两个半, 半百
inline constexpr std::string_view kZhHalf = "number.zh.half";
// 三百五十又三分之一
inline constexpr std::string_view kZhMixedFraction =
    "number.zh.mixed_fraction";
// 一打, 五十打 (dozens)
inline constexpr std::string_view kZhDozen = "number.zh.dozen";
}  // namespace number_rules

// Fills value/exact/status of *out from d (status kOverflow when too big).
void SetFromDecimal(const DecimalNumber& d, ParsedNumber* out);
// num / den into *out; `exact` only when the ratio terminates in decimal.
// REQUIRES: den is not zero (else kInvalid).
void SetFromRatio(const DecimalNumber& num, const DecimalNumber& den,
                  ParsedNumber* out);

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_NUMBERS_NUMBER_VALUE_H_
