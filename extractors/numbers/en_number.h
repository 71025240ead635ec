// EnNumberParser: English numbers, written in digits or in words.
//
//   "380,000" → 380000          "244.82" → 244.82      "-5" → -5
//   "2.85 million" → 2.85e6      "1.13bn" → 1.13e9      "40k" → 40000
//   "$600m" → 6e8 (m, b, tn only right after a currency sign)
//   "twenty-five" → 25          "one hundred and five" → 105
//   "three million" → 3e6        "a million" → 1e6      "a dozen" → 12
//   "a quarter" → 0.25           "half" → 0.5           "two thirds" → 2/3
//   "one and a half" → 1.5       "half a million" → 5e5
//   "sixfold", "6-fold", "twice" → multiplier 6, 6, 2
//   "first", "twenty-first", "21st" → ordinal 1, 21, 21
//   "1/8" → 0.125, "2 1/4" → 2.25 (fraction), "10^6", "1.3e6" → 1e6, 1.3e6
//   (a/b is a fraction only with an everyday denominator — 2, 3, 4, 5, 6,
//   8, 10, 12, 16, 20, 25, 32, 50, 64, 100, 1000 — and a numerator below
//   the denominator and below 10 unless the denominator is 100 or more:
//   "9/11" and "12/25" are dates or names, not ratios)
//   "1990s" → 1990 (decade)
//   "-4/5" → -0.8, "-3/2" → -1.5 (a sign makes any a/b a ratio), "1 4/3"
//   and "2  1/4" (mixed numbers may be improper, one or two spaces)
//   "1 234 567", "40 000" → space-grouped thousands (rules in
//   number_value.h LexArabicNumber)
//   "10M", "25MM", "2.5 M", "1.5 B" → scales in capitals (not after one
//   digit: "3M", "Insat 1B"; not after an all-caps word: "FRANCA 28.0 MM");
//   "2.33 k" (a spaced k after a decimal); "2mil" → 2e6
//   "fifty - two", "fifty   two" → 52 (spaces and spaced hyphens between
//   words); "two hundred point seventy-one" → 200.71
//   "one and a quarter", "twenty and three fifths", "2 and a half" (after
//   digits only "and a/an ...") → 1.25, 20.6, 2.5
//   "one over three", "2000 over 3" → ratios when the denominator ends a
//   clause and is no 4-digit number; "one out of three" (words only)
//   "three dozens", "3 dzs", "five dozs" → 36, 36, 60
//   "three lakh crore" → 3e12 (a bigger scale after the only one multiplies)
//   "a trillionth", "a hundred trillionths", "one hundred thirty-two
//   fifths" (plural denominators take any count), "one twenty-fifth of",
//   "twenty twenty fifths" (compound denominators)
//   "one hundred thirty fifths" (with or without the hyphen) → 100/35, but
//   "one hundred and thirty fifths" → 130/5 ("and" ties the tens to the
//   count); "three twenty-firsts" → 3/21, "five thirty-seconds" → 5/32
//   ("seconds" only after a hyphen), "one one hundred fifth." → 1/105,
//   "two one hundred fifths" → 2/105; "one hundred and three quarters" →
//   100.75 (a fraction below one after "and" is the fractional part)
//   "two hundredth", "its two millionth visitor" → ordinals 200, 2000000
//   (a scale ordinal after a count; a fraction only before "of": "two
//   thousandth of a second", or for one at a clause end: "one hundredth.")
//   "5,00", "€4,50" → 5, 4.5 (decimal comma only there; "1,3" is two
//   numbers, see number_value.h); "US$ 1MM", "$3M" (capital scales after
//   one digit when a currency sign stands before, a space allowed)
//
// ParseAt reads the LONGEST expression starting at a position and reports
// where it ends, so the scanner can call it on running text. Words are
// separated by up to three spaces, a hyphen or " - ", and matched ignoring
// case. Context
// that needs more than the expression itself (list numbering, model names,
// labels such as "Group 1", phone numbers, "second" as a time unit, dates
// written with slashes) is decided by number_scanner.h.
//
// Decisions: "quarter(s)" after a count is a fraction only when hyphenated,
// followed by "of" ("three-quarters", "three quarters of"), or ending a
// clause with nothing, a copula or an approximation word before the count
// ("three quarters.", "stood at three quarters."), because "two quarters"
// in business news are fiscal quarters ("shrank for two quarters."); "a
// quarter" is always 0.25. "5,000-digit" reads as 5000 (the hyphenated noun is not part
// of the number). A number with more than 64 digits, or "10^400", is
// NumeralStatus::kOverflow, never inf; a dotted chain such as "1.2.3" is
// kInvalid; in both cases `end` still points past the chain so callers can
// skip it.
//
// Thread safety: immutable after Load; const methods may run on many
// threads. Lifetime: owns its tables; matches hold no pointers into them.
#ifndef FACTMINE_EXTRACTORS_NUMBERS_EN_NUMBER_H_
#define FACTMINE_EXTRACTORS_NUMBERS_EN_NUMBER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/numbers/number_match.h"
#include "extractors/numbers/number_value.h"
#include "pipeline/status.h"
#include "pipeline/tsv.h"

namespace factmine {


// The result of EnNumberParser::ParseAt.
struct EnNumberMatch {
  // Byte offset just past the expression; 0 when nothing was read. Also
  // set when number.status is kOverflow or kInvalid for a digit chain, so
  // the caller can skip it.
  size_t end = 0;
  ParsedNumber number;
  NumberForm form = NumberForm::kCardinal;
  std::string_view rule;    // one of number_rules::k*
  bool decade = false;      // "1990s"
  bool separators = false;  // digits had thousands separators
  bool space_groups = false;  // ... and they were spaces ("40 000")
  bool scaled = false;      // a scale word or suffix applied (million, bn, k)
  int int_digits = 0;       // Arabic: digits before the point (0 for words)
};

class EnNumberParser {
 public:
  // Loads lexicon/en_number_words.tsv and lexicon/scales.tsv.
  static Result<EnNumberParser> Load(const std::string& lexicon_dir);
  static Result<EnNumberParser> FromTables(const TsvTable& words,
                                           const TsvTable& scales);

  // The longest expression starting at text[pos]. `currency_before` says
  // that a currency sign ($ £ € ¥ …) stands right before pos, which allows
  // the money suffixes m, b and tn ("$600m").
  // REQUIRES: pos < text.size().
  EnNumberMatch ParseAt(std::string_view text, size_t pos,
                        bool currency_before = false) const;

  // The whole string as one expression; kInvalid when ParseAt stops early.
  EnNumberMatch Parse(std::string_view text) const;

  // True when the lower-case word can begin a number expression (one,
  // twenty, a, half, first, twice, sixfold, minus …). The scanner calls this
  // before ParseAt to skip ordinary words cheaply.
  bool CanStart(std::string_view lower_word) const;

  // Word classes of en_number_words.tsv and scales.tsv (public for tests
  // and the scanner).
  enum class WordKind : uint8_t {
    kNone = 0,
    kUnit,         // zero … nineteen
    kTens,         // twenty … ninety
    kOrdinal,      // first … hundredth
    kDenominator,  // half, quarter(s), thirds …
    kDozen,
    kMultiplier,   // twice, thrice
    kArticle,      // a, an
    kScaleWord,    // hundred, thousand, million, lakh
    kScaleAbbrev,  // bn, mln
    kSuffix,       // k
    kMoneySuffix,  // m, b, tn
    kUpperSuffix,  // MM: a scale only when written in capitals
  };
  struct WordInfo {
    WordKind kind = WordKind::kNone;
    int exp = 0;  // scales: power of ten
    // When the word is written in capitals right after digits ("10M",
    // "1.2 B"), a scale of 10^upper_exp (en_upper_suffix rows); 0 for none.
    int upper_exp = 0;
    uint64_t value =
        0;  // units, tens, ordinals, denominators, dozen, multipliers
  };
  // Entry for a lower-case word, or an empty WordInfo.
  WordInfo LookupWord(std::string_view lower_word) const;

 private:
  EnNumberParser() = default;
  struct Slot {
    std::string word;
    WordInfo info;
  };
  // Open-addressing hash table (power-of-two size, linear probing).
  std::vector<Slot> slots_;
  Status Insert(const std::string& word, WordInfo info);

  // `depth` counts nested calls (minus X, X and a half, X over Y): compound
  // forms are read only at depth < kMaxDepth, so no input recurses deeper.
  static constexpr int kMaxDepth = 2;
  EnNumberMatch ParseAtDepth(std::string_view text, size_t pos,
                             bool currency_before, int depth) const;
  EnNumberMatch ParseDigitsAt(std::string_view text, size_t pos,
                              bool currency_before, bool negative,
                              int depth) const;
  EnNumberMatch ParseWordsAt(std::string_view text, size_t pos,
                             int depth) const;
  // "over Y" / "out of Y" after a numerator ending at `end`, when Y ends a
  // clause: the ratio num / Y in *out ("out of" only between words).
  bool RatioAfter(std::string_view text, size_t end, const DecimalNumber& num,
                  int depth, EnNumberMatch* out) const;
  // "and a quarter", "and two thirds" after a number ending at `end`: the
  // fraction (below one) in *frac.
  bool AndFractionAfter(std::string_view text, size_t end, int depth,
                        EnNumberMatch* frac) const;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_NUMBERS_EN_NUMBER_H_
