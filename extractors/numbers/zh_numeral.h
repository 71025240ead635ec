// ZhNumeralParser: the value of a Chinese numeral, as a pure function of
// its text.
//
//   二百八十五万 → 2850000     两千 → 2000        一万零五 → 10005
//   二〇二四 → 2024 (digit by digit)                廿五 → 25, 卅 → 30
//   壹佰贰拾叁 → 123 (financial)  萬/億 as 万/亿   万亿 → 1e12, 兆 → 1e12
//   2.85万 → 28500   7000亿 → 7e11   3千 → 3000   1.2万亿 → 1.2e12
//   十 → 10   十五 → 15   一万三 → 13000 (spoken abbreviation of 一万三千)
//   三点一四 → 3.14   负三十二 → -32   500多亿 → 5e10 with `more`
//   ParseChengShu: 七成 → 0.7, 三成半 → 0.35, 七成六 → 0.76 (tenths)
//   ParseFraction: 三分之一 → 1/3, 百分之七十五 → 0.75 (denominator 100)
//   半 → 0.5     一百 五 十 二 → 152 (spaces)    一万零十二 → 10012
//   两千三点一 → 2300.1      3万4000 → 34000     1千零1 → 1001
//
// Grammar (ParseTokens): a numeral is a sequence of groups whose scales
// strictly decrease (三百四百 is invalid). A small scale (十 百 千)
// multiplies the one digit before it; a big scale (万 亿 兆) multiplies
// everything smaller before it (二百八十五万); a big scale right after a
// big scale multiplies again (四万万 = 4e8, 万亿 = 1e12), at most three
// scales in a row. 零 marks a skipped place (一千零五) and cancels the
// spoken abbreviation (一万三 = 13000 but 一万零三 = 10003). A leading 十,
// 百 or 千 stands for one of it (十五, 百万, 千亿); a leading 万 or 亿 only
// before a bigger scale (万亿); a lone 万 or 亿 is kInvalid (万一 and 亿万
// are not numbers; number_scanner.h accepts 近万 / 上亿 by context). 零
// before 十 stands for 零一十 (一万零十二 = 10012, 零十 = 10). The spoken
// abbreviation also holds before 点: 两千三点一 = 2300.1 (一百零三点五 is
// 103.5, 零 cancels it).
// 多 / 余 / 几 after a scale (十多, 三百余, 十几万) or after an Arabic number
// of at least 10 (300多, 500多亿) set `more` and add nothing. Digits
// without any scale are read digit by digit (二〇二四, 一九九七), which also
// sets `digit_string`. Arabic digits may stand in for the number before a
// scale (2.85万, 5万4千6百) but not after one at the end (1万3 is kInvalid)
// unless they fill every place below the scale (3万4000, 5千300) or follow
// 零 (1千零1). Tokens may be separated by ASCII spaces (Tokenize skips them
// and marks the token `spaced`); spaced digits are never a digit-by-digit
// reading (一 二 is kInvalid, not 12).
//
// Bounds: at most kMaxZhTokens tokens; results beyond kMaxNumberMagnitude
// are kOverflow; nothing loops on its input.
//
// What it does not do: idioms (一些, 统一), 第一 (ordinals), 百分之 as a
// percentage and context (千克 is a unit) are decided by number_scanner.h;
// ParseFraction does return 百分之七十五 as the ratio 0.75 with denominator
// 100, for the percent layer to use.
//
// Thread safety: immutable after Load; all methods are const and may run on
// many threads. Lifetime: owns its tables; parse results hold no pointers.
#ifndef FACTMINE_EXTRACTORS_NUMBERS_ZH_NUMERAL_H_
#define FACTMINE_EXTRACTORS_NUMBERS_ZH_NUMERAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/numbers/number_value.h"
#include "pipeline/status.h"
#include "pipeline/tsv.h"

namespace factmine {

inline constexpr size_t kMaxZhTokens = 64;
// At most this many ASCII spaces may separate two tokens of one numeral.
inline constexpr int kMaxZhSpaces = 3;

// What a character of a Chinese numeral is (from lexicon/zh_digits.tsv and
// the zh rows of lexicon/scales.tsv).
enum class ZhCharKind : uint8_t {
  kNone = 0,
  kDigit,       // 一 二 两 壹 … (value 1-9)
  kZero,        // 零 〇 ○
  kTens,        // 廿 卅 卌 (value = tens: 2, 3, 4)
  kSmallScale,  // 十 百 千 拾 佰 仟 (value = exponent 1-3)
  kBigScale,    // 万 亿 兆 萬 億 (value = exponent 4, 8, 12)
};

struct ZhCharInfo {
  ZhCharKind kind = ZhCharKind::kNone;
  uint8_t value = 0;
  bool standalone = false;  // the character alone is a number in running text
  // Scales: characters after which this one is a unit prefix (千克).
  std::vector<char32_t> not_before;
};

// One token of a numeral. The scanner builds these with NextToken.
struct ZhNumeralToken {
  enum Type : uint8_t {
    kDigit,       // value in `small`
    kZero,        // 零 〇 ○
    kTens,        // 廿: `small` = 2
    kSmallScale,  // `small` = exponent
    kBigScale,    // `small` = exponent
    kArabic,      // ASCII digits (with separators/decimals) in `arabic`
    kPoint,       // 点 (only when a digit character follows)
    kMore,        // 多 or 余
    kSome,        // 几
  };
  Type type = kDigit;
  uint8_t small = 0;
  DecimalNumber arabic;
  uint32_t begin = 0;  // byte offsets of the token in the tokenized text
  uint32_t end = 0;
  // ASCII spaces stood between this token and the one before ("一百 五 十
  // 二"). Spaced tokens never form a digit-by-digit reading.
  bool spaced = false;
};

class ZhNumeralParser {
 public:
  // Loads lexicon/zh_digits.tsv and lexicon/scales.tsv from lexicon_dir.
  static Result<ZhNumeralParser> Load(const std::string& lexicon_dir);
  // Builds the parser from tables already loaded (tests, Context).
  static Result<ZhNumeralParser> FromTables(const TsvTable& digits,
                                            const TsvTable& scales);

  // The value of a whole numeral string ("二百八十五万", "2.85万",
  // "负三十二", "半"). Anything that is not entirely a numeral is kInvalid;
  // "" is kEmpty.
  ParsedNumber Parse(std::string_view numeral) const;

  // 成 numbers, as a fraction of one: "七成" → 0.7, "三成半" → 0.35,
  // "七成六" → 0.76, "9.5成" → 0.95, "十成" → 1. The count before 成 must
  // be in (0, 10].
  ParsedNumber ParseChengShu(std::string_view text) const;

  // "X分之Y" → Y / X with denominator X: "三分之一" → 1/3 (exact = false),
  // "百分之七十五" → 0.75, "千分之三" → 0.003, "3分之1". A lone scale is
  // a denominator of one of it (百分之, 万分之). Either part may carry 负
  // ("负3分之负一百五十七" → 157/3); spaces between tokens are allowed.
  ParsedNumber ParseFraction(std::string_view text) const;

  // The fraction num / den from token runs (den before 分之, num after);
  // `negative` flips the sign of the result.
  ParsedNumber ParseFractionTokens(const ZhNumeralToken* den, size_t nd,
                                   const ZhNumeralToken* num, size_t nn,
                                   bool negative) const;

  // The value of a token sequence (see the grammar above). When `decimal`
  // is given it receives the exact decimal value (sign excluded).
  ParsedNumber ParseTokens(const ZhNumeralToken* tokens, size_t n,
                           DecimalNumber* decimal = nullptr) const;

  // Reads one numeral token at text[pos] into *tok and returns its byte
  // length, or 0 when no numeral token starts there. Context rules that
  // belong to a single token are applied: a scale followed by one of its
  // not_before characters is no token (千克), 点 is a token only before a
  // digit character, spaces allowed between (三点五, 四百 点 五; not 三点钟,
  // and not before 两 or 俩, which are never decimal digits: 两百点两 is
  // not 200.2). 多/余/几 are returned as tokens wherever they stand;
  // ParseTokens decides whether they fit.
  size_t NextToken(std::string_view text, size_t pos,
                   ZhNumeralToken* tok) const;

  // Splits a whole string into tokens; false if some part is not a token.
  // ASCII spaces between tokens are skipped (the next token is `spaced`).
  bool Tokenize(std::string_view text, std::vector<ZhNumeralToken>* out) const;

  // The lexicon entry for c, or nullptr when c is not a digit or scale.
  const ZhCharInfo* Lookup(char32_t c) const {
    if (c < kIndexBase || c >= kIndexEnd) return nullptr;
    uint8_t i = index_[c - kIndexBase];
    return i == 0 ? nullptr : &infos_[i];
  }

 private:
  static constexpr char32_t kIndexBase = 0x2500;  // ○ U+25CB is the lowest
  static constexpr char32_t kIndexEnd = 0xA000;   // CJK unified ideographs end
  ZhNumeralParser() = default;
  std::vector<uint8_t> index_;     // code point - kIndexBase -> infos_ index
  std::vector<ZhCharInfo> infos_;  // [0] is the empty entry
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_NUMBERS_ZH_NUMERAL_H_
