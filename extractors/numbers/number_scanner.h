// NumberScanner: finds the numbers of a normalized sentence, in Chinese and
// English, with their byte spans, values, forms and the rule that produced
// each. It is the layer under quantities: a quantity is a number plus a
// unit, a bound or a range, decided later (extractors/quantities).
//
//   "产量达⟦2.85万⟧吨"            28500      number.zh.mixed
//   "⟦二百八十五万⟧"              2850000    number.zh.scale
//   "⟦第一⟧季度"                  1 ordinal  number.zh.ordinal
//   "约⟦三分之一⟧"                1/3        number.zh.fraction (denominator 3)
//   "⟦七成⟧"                      0.7 tenths number.zh.cheng
//   "rose ⟦76%⟧" → ⟦76⟧           76         number.arabic.plain
//   "⟦2.85 million⟧ tons"         2.85e6     number.arabic.scale
//   "⟦twenty-five⟧ people"        25         number.en.words
//   "in ⟦2024⟧" / "⟦2025⟧年"      2024 with kNumberMaybeYear / kNumberYear
//   "⟦三百五十又三分之一⟧"         350.33     number.zh.mixed_fraction
//   "⟦五十打⟧毛巾"                600        number.zh.dozen
//   "年过⟦半百⟧"                  50         number.zh.half
//   "⟦one over three⟧."           1/3        number.en.ratio
//
// Spaces inside a Chinese numeral: ASCII spaces (at most kMaxZhSpaces)
// may separate its tokens ("一百 五 十 二", "1000  万", "十 余 万", "五 分之
// 一", "三分  之一"), except that two Arabic numbers never join ("1000
// 5000") and an Arabic number after a Chinese token joins only when a scale
// follows it ("7万 5千" but not "三万 2024年"). Fractions: X分之Y with 负 on
// either side (负3分之负六 = 2); N又X分之Y adds a fraction below one to a
// whole number. 打 after a count is a dozen (一打 = 12) unless a
// `not_dozen` word of number_context.tsv follows (一打开, 打拼), a numeral
// follows (三打一), or the count is a lone financial digit after a Han
// character (大陆打拼). ".5" and "-.5" are numbers after a space, a bracket
// or at the line start.
//
// Not numbers (no match at all): list numbering ("1." or "2)" at a line
// start with an item after it — "192." ending the text is a number —
// "(2)", "一、" at a line start, "(一)"); model names and codes (J-10CE,
// F-35, Z-9WA, COVID-19, A320, G20: digits touching letters on the left,
// or after "X-" where X has a capital letter, unless the letters are a
// prefix_ok word of lexicon/number_context.tsv: USD500, RMB300, mid-2024);
// phone numbers ("+86 10 1234 5678", "010-12345678", "202-555-0143", an
// 11-digit mobile number, digits after "Tel"/"电话"); labels ("Group 1",
// "Article 5", "No. 3"); times ("10:30"); ISO dates ("2024-05-01") and slash
// chains
// ("12/25/2024", "24/7"); dotted chains ("1.2.3"); numbers beyond 10^24
// (reported as nothing, never inf); Chinese idioms with numeral characters
// (一些, 一样, 一直, 一起, 统一, 唯一, 一带一路, 十分, 万一, 一看 … from
// number_context.tsv); a lone 万 / 亿 / 百 / 千 unless an approximation word
// stands before it (近万, 上百; never the financial 拾 佰 仟, the
// `no_lone_scale` rows: 路上拾到); financial and zero characters alone (陆 of
// 大陆, 零 of 零售); "ten" inside "often" or "cent" inside "percent" (words
// are whole ASCII letter runs); "second" unless after "the"/"its"/….
//
// Years: a 4-digit integer in 1000-2199 without separators (2024, or
// 一九九七 read digit by digit) is returned as a number flagged
// kNumberMaybeYear; followed by 年 it is flagged kNumberYear. The date
// layer decides; the quantity layer should ignore flagged numbers that
// carry no unit. Digit-by-digit Chinese strings are returned only when
// followed by 年 or when they contain a zero (二〇二四), since 三四个 means
// "three or four", not 34. "1990s" is 1990 flagged kNumberDecade.
//
// Percentages: the scanner returns the number of "75%" (75) and of
// "百分之七十五" (the fraction 0.75 with denominator 100); turning them into
// percentages is the quantity layer's job. Signs: "-5" is -5 only where
// '-' cannot be a range dash (after a space, '(' or the line start);
// 负三十二 is -32.
//
// Thread safety: immutable after Load; Scan may run on many threads at once.
// Lifetime: owns its lexicon tables. Matches refer to the scanned text only
// by byte offsets; rule ids point to static strings.
#ifndef FACTMINE_EXTRACTORS_NUMBERS_NUMBER_SCANNER_H_
#define FACTMINE_EXTRACTORS_NUMBERS_NUMBER_SCANNER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors/numbers/en_number.h"
#include "extractors/numbers/number_match.h"
#include "extractors/numbers/number_value.h"
#include "extractors/numbers/zh_numeral.h"
#include "pipeline/span.h"
#include "pipeline/status.h"

namespace factmine {

class NumberScanner {
 public:
  // Loads zh_digits.tsv, scales.tsv, en_number_words.tsv and
  // number_context.tsv from lexicon_dir; errors name file and line.
  static Result<std::unique_ptr<NumberScanner>> Load(
      const std::string& lexicon_dir);

  NumberScanner(const NumberScanner&) = delete;
  NumberScanner& operator=(const NumberScanner&) = delete;

  // Appends the numbers of `text` (normalized, see pipeline/normalize.h) to
  // *out, in order of span.begin, never overlapping. Linear in text size:
  // each byte is examined a bounded number of times.
  void Scan(std::string_view text, std::vector<NumberMatch>* out) const;

  const ZhNumeralParser& zh() const { return zh_; }
  const EnNumberParser& en() const { return en_; }

 private:
  NumberScanner(ZhNumeralParser zh, EnNumberParser en)
      : zh_(std::move(zh)), en_(std::move(en)) {}

  struct Idiom {
    std::string text;
    std::vector<std::string> unless_next;
  };
  struct IdiomRef {
    char32_t c;       // a numeral character of the idiom
    uint32_t idiom;   // index into idioms_
    uint32_t offset;  // byte offset of c inside the idiom
  };

  Status LoadContext(const std::string& path);

  // Byte offset where an idiom covering text[pos] ends, or 0.
  size_t IdiomEnd(std::string_view text, size_t pos) const;
  bool IsLabelWord(std::string_view lower) const;
  bool IsTouchingPrefix(std::string_view letters) const;
  bool PhoneWordBefore(std::string_view text, size_t pos) const;
  bool LoneScalePrefix(char32_t c) const;
  bool NotCheng(std::string_view text, size_t pos) const;
  bool NotDozen(std::string_view text, size_t pos) const;
  bool NoLoneScale(char32_t c) const;

  // Reads the run of Chinese numeral tokens at text[pos] into toks (at most
  // kMaxZhTokens; ASCII spaces may separate tokens, see the header) and
  // returns where the last token ends; *count gets the number of tokens.
  // An Arabic number may start the run only when arabic_first.
  size_t ReadTokens(std::string_view text, size_t pos, bool arabic_first,
                    ZhNumeralToken* toks, size_t* count) const;
  // "分之Y" (spaces allowed, Y may carry 负) right after the denominator
  // tokens den[0, nd), which end at q: the fraction and where it ends.
  bool FractionAfter(std::string_view text, size_t q,
                     const ZhNumeralToken* den, size_t nd, ParsedNumber* f,
                     size_t* end) const;

  // Each scans from text[pos] and returns where scanning continues
  // (always > pos).
  size_t ScanDigits(std::string_view text, size_t pos, bool negative,
                    std::vector<NumberMatch>* out) const;
  size_t ScanWord(std::string_view text, size_t pos,
                  std::vector<NumberMatch>* out) const;
  // ".5" and "-.5": a decimal without its leading zero.
  bool LeadingDotAt(std::string_view text, size_t pos) const;
  size_t ScanLeadingDot(std::string_view text, size_t pos,
                        std::vector<NumberMatch>* out) const;
  // Chinese numerals (and Arabic numbers joined to Chinese scale or
  // suffix characters when from_digits). Returns 0 when from_digits and
  // nothing Chinese was found, so the caller continues with English rules.
  size_t ScanChinese(std::string_view text, size_t pos, bool from_digits,
                     std::vector<NumberMatch>* out) const;

  ZhNumeralParser zh_;
  EnNumberParser en_;
  std::vector<Idiom> idioms_;
  std::vector<IdiomRef> idiom_refs_;            // sorted by c
  std::vector<std::string> labels_;             // sorted, lower case
  std::vector<std::string> touching_prefixes_;  // lower case
  std::vector<std::string> en_phone_words_;     // lower case
  std::vector<std::string> zh_phone_words_;
  std::vector<char32_t> lone_scale_prefixes_;
  std::vector<std::string> not_cheng_;
  std::vector<std::string> not_dozen_;
  std::vector<char32_t> no_lone_scales_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_NUMBERS_NUMBER_SCANNER_H_
