// English numbers in digits and words (see en_number.h).
#include "extractors/numbers/en_number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

namespace factmine {

namespace {

using WordKind = EnNumberParser::WordKind;
using WordInfo = EnNumberParser::WordInfo;

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

inline bool LetterAt(std::string_view s, size_t i) {
  return i < s.size() && IsLetter(s[i]);
}
inline bool DigitAt(std::string_view s, size_t i) {
  return i < s.size() && IsDigit(s[i]);
}

constexpr size_t kMaxWordLen = 24;
constexpr int kMaxWords = 32;

// A word of running text, lower-cased into a small buffer.
struct Word {
  size_t begin = 0, end = 0;
  char buf[kMaxWordLen];
  size_t len = 0;
  bool too_long = false;
  std::string_view view() const { return {buf, len}; }
};

// Reads the letter run at s[pos] (REQUIRES: a letter there).
Word ReadWord(std::string_view s, size_t pos) {
  Word w;
  w.begin = pos;
  size_t i = pos;
  while (i < s.size() && IsLetter(s[i])) {
    if (w.len < kMaxWordLen) {
      w.buf[w.len++] = Lower(s[i]);
    } else {
      w.too_long = true;
    }
    ++i;
  }
  w.end = i;
  if (w.too_long) w.len = 0;
  return w;
}

// Start of the next word after a word ending at `end`, joined by spaces (at
// most three), a hyphen, or a hyphen with one space on each side ("fifty -
// two"); npos when there is none. *hyphen tells whether a hyphen joined them.
size_t NextWordStart(std::string_view s, size_t end, bool* hyphen = nullptr) {
  size_t i = end;
  int spaces = 0;
  while (i < s.size() && s[i] == ' ' && spaces < 3) {
    ++i;
    ++spaces;
  }
  bool hy = false;
  if (i < s.size() && s[i] == '-' && spaces <= 1) {
    hy = true;
    ++i;
    if (spaces == 1) {
      if (i >= s.size() || s[i] != ' ') return std::string_view::npos;
      ++i;
    }
  }
  if ((!hy && spaces == 0) || !LetterAt(s, i)) return std::string_view::npos;
  if (hyphen != nullptr) *hyphen = hy;
  return i;
}

// True when a clause ends at `pos`: the end of the text, or (after spaces)
// one of . , ; : ! ? ) or a line break.
bool ClauseEnd(std::string_view s, size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos >= s.size()) return true;
  char c = s[pos];
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
         c == '?' || c == ')' || c == '\n';
}

// True when every letter of s[b, e) is a capital.
bool AllUpper(std::string_view s, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    if (s[i] < 'A' || s[i] > 'Z') return false;
  }
  return e > b;
}

// DecimalNumber of a non-negative integral double below 2^53, or false.
bool IntegerDecimal(double v, DecimalNumber* out) {
  if (v < 1 || v >= 9007199254740992.0 || v != static_cast<double>(static_cast<uint64_t>(v)))
    return false;
  *out = DecimalNumber::Int(static_cast<uint64_t>(v));
  return true;
}

uint64_t Fnv(std::string_view w) {
  uint64_t h = 1469598103934665603ull;
  for (char c : w) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

bool ParseUint(const std::string& s, uint64_t* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

EnNumberMatch Ratio(const DecimalNumber& num, const DecimalNumber& den,
                    size_t end, std::string_view rule) {
  EnNumberMatch m;
  m.end = end;
  m.form = NumberForm::kFraction;
  m.rule = rule;
  SetFromRatio(num, den, &m.number);
  double d = 0;
  den.ToDouble(&d);
  m.number.denominator = d;
  return m;
}

// The unit (1-9) of a plural ordinal that completes a compound denominator
// after a tens word ("thirty-fifths", "twenty-firsts", "thirty-seconds"), or
// 0. "firsts" and "seconds" are no denominators alone ("two seconds" is
// time), so they are named here; "seconds" needs the hyphen ("thirty
// seconds" is time too). "quarters" never completes one (twenty-fourths).
int UnitPluralDenominator(std::string_view w, const WordInfo& info,
                          bool hyphen) {
  if (w == "firsts") return 1;
  if (w == "seconds") return hyphen ? 2 : 0;
  if (info.kind == WordKind::kDenominator && !w.empty() && w.back() == 's' &&
      info.value >= 3 && info.value <= 9 && !w.starts_with("quarter")) {
    return static_cast<int>(info.value);
  }
  return 0;
}

// True for 100, 1000, 10^6 ...: the ordinal of a scale word.
bool IsScaleValue(uint64_t v) {
  if (v < 100) return false;
  while (v % 10 == 0) v /= 10;
  return v == 1;
}

EnNumberMatch Value(const DecimalNumber& v, size_t end, NumberForm form,
                    std::string_view rule) {
  EnNumberMatch m;
  m.end = end;
  m.form = form;
  m.rule = rule;
  SetFromDecimal(v, &m.number);
  return m;
}

}  // namespace

std::string_view NumberFormName(NumberForm f) {
  switch (f) {
    case NumberForm::kCardinal:
      return "cardinal";
    case NumberForm::kOrdinal:
      return "ordinal";
    case NumberForm::kFraction:
      return "fraction";
    case NumberForm::kTenths:
      return "tenths";
    case NumberForm::kMultiplier:
      return "multiplier";
  }
  return "cardinal";
}

Result<EnNumberParser> EnNumberParser::Load(const std::string& lexicon_dir) {
  auto words = TsvTable::Load(lexicon_dir + "/en_number_words.tsv",
                              {"word", "kind", "value"});
  if (!words.ok()) return words.status();
  auto scales = TsvTable::Load(lexicon_dir + "/scales.tsv",
                               {"surface", "lang", "exp", "kind"});
  if (!scales.ok()) return scales.status();
  return FromTables(*words, *scales);
}

Status EnNumberParser::Insert(const std::string& word, WordInfo info) {
  size_t mask = slots_.size() - 1;
  for (size_t i = Fnv(word) & mask;; i = (i + 1) & mask) {
    if (slots_[i].info.kind == WordKind::kNone) {
      slots_[i].word = word;
      slots_[i].info = info;
      return Status::Ok();
    }
    if (slots_[i].word == word) return Status::RuleError("duplicate word");
  }
}

EnNumberParser::WordInfo EnNumberParser::LookupWord(std::string_view w) const {
  if (w.empty()) return {};
  size_t mask = slots_.size() - 1;
  for (size_t i = Fnv(w) & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.info.kind == WordKind::kNone) return {};
    if (s.word == w) return s.info;
  }
}

Result<EnNumberParser> EnNumberParser::FromTables(const TsvTable& words,
                                                  const TsvTable& scales) {
  for (const char* col : {"word", "kind", "value"}) {
    if (words.Column(col) < 0) {
      return Status::RuleError(words.name() + ": missing column " + col);
    }
  }
  for (const char* col : {"surface", "lang", "exp", "kind"}) {
    if (scales.Column(col) < 0) {
      return Status::RuleError(scales.name() + ": missing column " + col);
    }
  }
  size_t n = words.rows().size() + scales.rows().size();
  size_t cap = 64;
  while (cap < 4 * n) cap *= 2;  // load factor <= 1/4
  EnNumberParser p;
  p.slots_.resize(cap);
  auto valid_word = [](const std::string& w) {
    if (w.empty() || w.size() > kMaxWordLen) return false;
    for (char c : w) {
      if (c < 'a' || c > 'z') return false;
    }
    return true;
  };
  for (const auto& row : words.rows()) {
    const std::string& w = words.Get(row, "word");
    if (!valid_word(w))
      return words.ErrorAt(row, "word must be lower-case letters");
    const std::string& kind = words.Get(row, "kind");
    WordInfo info;
    if (!ParseUint(words.Get(row, "value"), &info.value)) {
      return words.ErrorAt(row, "value is not a non-negative integer");
    }
    if (kind == "unit") {
      info.kind = WordKind::kUnit;
      if (info.value > 19) return words.ErrorAt(row, "unit value must be 0-19");
    } else if (kind == "tens") {
      info.kind = WordKind::kTens;
      if (info.value < 20 || info.value > 90 || info.value % 10 != 0) {
        return words.ErrorAt(row, "tens value must be 20 ... 90");
      }
    } else if (kind == "ordinal") {
      info.kind = WordKind::kOrdinal;
    } else if (kind == "denominator") {
      info.kind = WordKind::kDenominator;
      if (info.value < 2) return words.ErrorAt(row, "denominator must be >= 2");
    } else if (kind == "dozen") {
      info.kind = WordKind::kDozen;
    } else if (kind == "multiplier") {
      info.kind = WordKind::kMultiplier;
    } else if (kind == "article") {
      info.kind = WordKind::kArticle;
    } else {
      return words.ErrorAt(row, "unknown kind '" + kind + "'");
    }
    Status s = p.Insert(w, info);
    if (!s.ok()) return words.ErrorAt(row, s.message());
  }
  for (const auto& row : scales.rows()) {
    if (scales.Get(row, "lang") != "en") continue;
    const std::string& w = scales.Get(row, "surface");
    if (!valid_word(w))
      return scales.ErrorAt(row, "en surface must be lower-case letters");
    uint64_t exp = 0;
    if (!ParseUint(scales.Get(row, "exp"), &exp) || exp < 1 || exp > 18) {
      return scales.ErrorAt(row, "exp must be an integer 1-18");
    }
    const std::string& kind = scales.Get(row, "kind");
    WordInfo info;
    info.exp = static_cast<int>(exp);
    if (kind == "en_upper_suffix") {
      // Adds the capitals reading to an existing word (m → M) or a new one.
      size_t mask = p.slots_.size() - 1;
      bool merged = false;
      for (size_t i = Fnv(w) & mask; p.slots_[i].info.kind != WordKind::kNone;
           i = (i + 1) & mask) {
        if (p.slots_[i].word == w) {
          if (p.slots_[i].info.upper_exp != 0)
            return scales.ErrorAt(row, "duplicate word");
          p.slots_[i].info.upper_exp = info.exp;
          merged = true;
          break;
        }
      }
      if (merged) continue;
      info.kind = WordKind::kUpperSuffix;
      info.upper_exp = info.exp;
      info.exp = 0;
      Status s = p.Insert(w, info);
      if (!s.ok()) return scales.ErrorAt(row, s.message());
      continue;
    }
    if (kind == "en_word") {
      info.kind = WordKind::kScaleWord;
    } else if (kind == "en_abbrev") {
      info.kind = WordKind::kScaleAbbrev;
    } else if (kind == "en_suffix") {
      info.kind = WordKind::kSuffix;
    } else if (kind == "en_money_suffix") {
      info.kind = WordKind::kMoneySuffix;
    } else {
      return scales.ErrorAt(row, "unknown en kind '" + kind + "'");
    }
    Status s = p.Insert(w, info);
    if (!s.ok()) return scales.ErrorAt(row, s.message());
  }
  return p;
}

bool EnNumberParser::CanStart(std::string_view w) const {
  if (w.empty()) return false;
  WordInfo info = LookupWord(w);
  switch (info.kind) {
    case WordKind::kUnit:
    case WordKind::kTens:
    case WordKind::kOrdinal:
    case WordKind::kArticle:
    case WordKind::kMultiplier:
      return true;
    case WordKind::kDenominator:
      return w == "half";
    default:
      break;
  }
  if (w == "minus" || w == "negative") return true;
  if (w.size() > 4 &&
      w.substr(w.size() - 4) == "fold") {  // sixfold, not manifold
    WordKind k = LookupWord(w.substr(0, w.size() - 4)).kind;
    return k == WordKind::kUnit || k == WordKind::kTens ||
           k == WordKind::kScaleWord;
  }
  return false;
}

EnNumberMatch EnNumberParser::ParseAt(std::string_view text, size_t pos,
                                      bool currency_before) const {
  return ParseAtDepth(text, pos, currency_before, 0);
}

EnNumberMatch EnNumberParser::ParseAtDepth(std::string_view text, size_t pos,
                                           bool currency_before,
                                           int depth) const {
  if (pos >= text.size() || depth > kMaxDepth) return {};
  char c = text[pos];
  if (IsDigit(c)) return ParseDigitsAt(text, pos, currency_before, false, depth);
  if (c == '-' && DigitAt(text, pos + 1)) {
    EnNumberMatch m =
        ParseDigitsAt(text, pos + 1, currency_before, true, depth);
    if (m.number.ok() && (m.form == NumberForm::kCardinal ||
                          m.form == NumberForm::kFraction) &&
        !m.decade) {
      m.number.value = -m.number.value;  // -5, -4/5
    } else if (m.number.ok()) {
      return {};  // "-21st", "-1990s": not a signed number
    }
    return m;
  }
  if (IsLetter(c)) return ParseWordsAt(text, pos, depth);
  return {};
}

bool EnNumberParser::RatioAfter(std::string_view text, size_t end,
                                const DecimalNumber& num, int depth,
                                EnNumberMatch* out) const {
  if (depth >= kMaxDepth) return false;
  size_t q;
  if (text.substr(end, 6) == " over ") {
    q = end + 6;
  } else if (text.substr(end, 8) == " out of " && LetterAt(text, end + 8) &&
             end > 0 && IsLetter(text[end - 1])) {
    // Only in words ("one out of three"): "scored 7.5 out of 10" is a
    // score, two numbers for the quantity layer.
    q = end + 8;
  } else {
    return false;
  }
  if (q >= text.size() || !(IsDigit(text[q]) || IsLetter(text[q])))
    return false;
  EnNumberMatch d = ParseAtDepth(text, q, false, depth + 1);
  DecimalNumber den;
  if (d.end <= q || !d.number.ok() || d.form != NumberForm::kCardinal ||
      !IntegerDecimal(d.number.value, &den)) {
    return false;
  }
  // "up 5 over 2023": digits of a year are no denominator; and only a bare
  // "X over Y" that ends a clause is a ratio ("over 3 years" is a bound).
  if (IsDigit(text[q]) && d.number.value >= 1000) return false;
  if (!ClauseEnd(text, d.end)) return false;
  *out = Ratio(num, den, d.end, number_rules::kEnRatio);
  return out->number.ok();
}

bool EnNumberParser::AndFractionAfter(std::string_view text, size_t end,
                                      int depth, EnNumberMatch* frac) const {
  if (depth >= kMaxDepth || text.substr(end, 5) != " and " ||
      !LetterAt(text, end + 5)) {
    return false;
  }
  EnNumberMatch f = ParseWordsAt(text, end + 5, depth + 1);
  if (f.end == 0 || !f.number.ok() || f.form != NumberForm::kFraction ||
      f.rule != number_rules::kEnFraction || f.number.value <= 0 ||
      f.number.value >= 1) {
    return false;
  }
  // "Halo 2 and Half-Life": the fraction word starts a compound.
  if (f.end < text.size() && text[f.end] == '-') return false;
  // After digits only "and a half", "and a quarter" ("1, 3 and 4 and
  // two-fifths of schools" lists numbers).
  if (end > 0 && IsDigit(text[end - 1]) &&
      !(text.substr(end + 5, 2) == "a " || text.substr(end + 5, 3) == "an ")) {
    return false;
  }
  *frac = f;
  return true;
}

EnNumberMatch EnNumberParser::Parse(std::string_view text) const {
  if (text.empty()) {
    EnNumberMatch m;
    m.number.status = NumeralStatus::kEmpty;
    return m;
  }
  EnNumberMatch m = ParseAt(text, 0);
  if (m.end != text.size() && m.number.status != NumeralStatus::kOverflow) {
    m.number = ParsedNumber::Fail(NumeralStatus::kInvalid);
  }
  return m;
}

EnNumberMatch EnNumberParser::ParseDigitsAt(std::string_view text, size_t pos,
                                            bool currency_before, bool negative,
                                            int depth) const {
  ArabicLex lex = LexArabicNumber(text, pos);
  EnNumberMatch m;
  m.end = lex.end;
  m.separators = lex.separators;
  m.space_groups = lex.space_groups;
  m.int_digits = lex.int_digits;
  m.rule = lex.separators ? number_rules::kArabicSeparators
                          : number_rules::kArabicPlain;
  if (lex.status != NumeralStatus::kOk) {
    m.number.status = lex.status;
    return m;
  }
  const DecimalNumber v = lex.value;
  const bool plain_int = !lex.separators && !lex.decimal;
  size_t p = lex.end;
  auto finish = [&](const DecimalNumber& d) {
    SetFromDecimal(d, &m.number);
    return m;
  };

  // Powers: 10^6, 2^-3, 1.3e6.
  if (p < text.size() && text[p] == '^' && !lex.separators) {
    size_t q = p + 1;
    bool neg = false;
    if (q < text.size() && (text[q] == '-' || text[q] == '+')) {
      neg = text[q] == '-';
      ++q;
    }
    size_t e0 = q;
    while (DigitAt(text, q)) ++q;
    if (q > e0) {
      m.end = q;
      m.rule = number_rules::kArabicPower;
      if (q - e0 > 4) {
        m.number.status = NumeralStatus::kOverflow;
        return m;
      }
      int e = 0;
      std::from_chars(text.data() + e0, text.data() + q, e);
      if (neg) e = -e;
      DecimalNumber base = v.Trimmed();
      if (base.mant == 1)
        return finish(DecimalNumber::Pow10(base.exp * e));  // 10^k
      double b = 0;
      base.ToDouble(&b);
      double r = std::pow(b, e);
      if (!std::isfinite(r) || std::fabs(r) > kMaxNumberMagnitude ||
          (r != 0 && std::fabs(r) < 1e-300)) {
        m.number.status = NumeralStatus::kOverflow;
        return m;
      }
      m.number.status = NumeralStatus::kOk;
      m.number.value = r;
      m.number.exact = base.IsInteger() && e >= 0 && r < 9007199254740992.0;
      return m;
    }
  }
  if (p + 1 < text.size() && (text[p] == 'e' || text[p] == 'E') &&
      !lex.separators) {
    size_t q = p + 1;
    bool neg = false;
    if (q < text.size() && (text[q] == '-' || text[q] == '+')) {
      neg = text[q] == '-';
      ++q;
    }
    size_t e0 = q;
    while (DigitAt(text, q)) ++q;
    if (q > e0 && !LetterAt(text, q)) {
      m.end = q;
      m.rule = number_rules::kArabicPower;
      if (q - e0 > 4) {
        m.number.status = NumeralStatus::kOverflow;
        return m;
      }
      int e = 0;
      std::from_chars(text.data() + e0, text.data() + q, e);
      return finish(MulPow10(v, neg ? -e : e));
    }
  }

  // Fractions: 1/8, 3/4; mixed numbers: 2 1/4.
  auto fraction_at = [&](size_t slash, DecimalNumber* den_out,
                         size_t* end_out) {
    // text[slash] == '/', the numerator ends right before it.
    if (slash >= text.size() || text[slash] != '/' ||
        !DigitAt(text, slash + 1)) {
      return false;
    }
    ArabicLex den = LexArabicNumber(text, slash + 1);
    if (den.status != NumeralStatus::kOk || den.separators || den.decimal)
      return false;
    if (den.end < text.size() &&
        (text[den.end] == '/' || IsDigit(text[den.end]))) {
      return false;  // 12/25/2024: a date
    }
    // Only the denominators of everyday fractions: "9/11" or "12/25" are
    // dates or names, not ratios.
    double d = 0;
    den.value.ToDouble(&d);
    static constexpr double kCommon[] = {2,  3,  4,  5,  6,  8,  10,  12,
                                         16, 20, 25, 32, 50, 64, 100, 1000};
    if (std::find(std::begin(kCommon), std::end(kCommon), d) ==
        std::end(kCommon))
      return false;
    *den_out = den.value;
    *end_out = den.end;
    return true;
  };
  if (plain_int && p < text.size() && text[p] == '/') {
    DecimalNumber den;
    size_t end = 0;
    if (fraction_at(p, &den, &end)) {
      double n = 0, d = 0;
      v.ToDouble(&n);
      den.ToDouble(&d);
      // A signed ratio is never a date: -3/2 is -1.5.
      if (n >= 1 && (n < d || (negative && n < 1000)) &&
          (n < 10 || d >= 100 || negative)) {
        return Ratio(v, den, end, number_rules::kArabicFraction);
      }
    }
    return finish(v);  // the scanner decides about "24/7", "9/11"
  }
  // Mixed numbers: 2 1/4, 2  1/4, 1 4/3 (improper parts are fine here).
  size_t sp = p;
  while (sp < text.size() && sp < p + 2 && text[sp] == ' ') ++sp;
  if (plain_int && sp > p && DigitAt(text, sp) && v.CompareToPow10(3) < 0) {
    ArabicLex num = LexArabicNumber(text, sp);
    DecimalNumber den;
    size_t end = 0;
    if (num.status == NumeralStatus::kOk && !num.separators && !num.decimal &&
        fraction_at(num.end, &den, &end)) {
      double n = 0, d = 0;
      num.value.ToDouble(&n);
      den.ToDouble(&d);
      if (n >= 1 && n < 1000) {
        EnNumberMatch frac =
            Ratio(num.value, den, end, number_rules::kArabicFraction);
        if (frac.number.ok()) {
          double whole = 0;
          v.ToDouble(&whole);
          frac.number.value += whole;
          frac.form = NumberForm::kCardinal;
          return frac;
        }
      }
    }
  }

  // 6-fold, 1.5-fold.
  if (text.substr(p, 5) == "-fold" && !LetterAt(text, p + 5)) {
    m.end = p + 5;
    m.form = NumberForm::kMultiplier;
    m.rule = number_rules::kArabicMultiplier;
    return finish(v);
  }

  // Capital M, MM, B are scales only after a number with two digits or
  // more, a decimal point or separators (not "3M products", "Insat 1B"),
  // and not in text written in capitals ("FRANCA 28.0 MM" is rain).
  // After a currency sign one digit will do: "$3M", "US$ 1MM".
  bool capitals_scale =
      lex.int_digits >= 2 || lex.decimal || lex.separators || currency_before;
  if (capitals_scale) {
    size_t b = pos;
    if (b > 0 && text[b - 1] == '-') --b;
    while (b > 0 && text[b - 1] == ' ') --b;
    size_t a = b;
    while (a > 0 && IsLetter(text[a - 1])) --a;
    if (b - a >= 2 && AllUpper(text, a, b)) capitals_scale = false;
  }
  // Letters attached to the digits: 21st, 1990s, 1.13bn, 40k, $600m.
  if (LetterAt(text, p)) {
    Word w = ReadWord(text, p);
    std::string_view lw = w.view();
    if (plain_int && (lw == "st" || lw == "nd" || lw == "rd" || lw == "th")) {
      m.end = w.end;
      m.form = NumberForm::kOrdinal;
      m.rule = number_rules::kArabicOrdinal;
      return finish(v);
    }
    if (plain_int && lw == "s" && lex.int_digits == 4 && v.Trimmed().exp >= 1) {
      m.end = w.end;
      m.decade = true;
      m.rule = number_rules::kArabicDecade;
      return finish(v);
    }
    WordInfo info = LookupWord(lw);
    if (info.kind == WordKind::kSuffix || info.kind == WordKind::kScaleAbbrev ||
        (info.kind == WordKind::kMoneySuffix && currency_before)) {
      m.end = w.end;
      m.scaled = true;
      m.rule = number_rules::kArabicScale;
      return finish(MulPow10(v, info.exp));
    }
    if (info.upper_exp != 0 && AllUpper(text, w.begin, w.end) &&
        capitals_scale) {
      // 10M, 2.5B: capitals are scales; 10m is ten metres.
      m.end = w.end;
      m.scaled = true;
      m.rule = number_rules::kArabicScale;
      return finish(MulPow10(v, info.upper_exp));
    }
    return finish(v);  // 10kg, 5G: the letters are not part of the number
  }
  // A one-letter scale after a space, only after a decimal or grouped
  // number, as a whole word: "2.33 k", "-2.5 M", "1,674,200.5 M" (but
  // "10 m" is ten metres and "5 k" is left alone).
  if ((lex.decimal || lex.separators) && p + 1 < text.size() &&
      text[p] == ' ' && LetterAt(text, p + 1)) {
    Word w = ReadWord(text, p + 1);
    WordInfo info = LookupWord(w.view());
    bool word_ends = w.end >= text.size() || !IsDigit(text[w.end]);
    if (word_ends && info.kind == WordKind::kSuffix) {
      m.end = w.end;
      m.scaled = true;
      m.rule = number_rules::kArabicScale;
      return finish(MulPow10(v, info.exp));
    }
    if (word_ends && info.upper_exp != 0 && AllUpper(text, w.begin, w.end) &&
        capitals_scale) {
      m.end = w.end;
      m.scaled = true;
      m.rule = number_rules::kArabicScale;
      return finish(MulPow10(v, info.upper_exp));
    }
  }

  // A scale word after one space or hyphen: 2.85 million, 1.5-billion,
  // 5 mln, 3 trillion; "2 dozen".
  bool hyphen = false;
  size_t ws = NextWordStart(text, p, &hyphen);
  if (ws != std::string_view::npos) {
    Word w = ReadWord(text, ws);
    WordInfo info = LookupWord(w.view());
    if (info.kind == WordKind::kScaleWord ||
        (info.kind == WordKind::kScaleAbbrev && !hyphen)) {
      DecimalNumber r = MulPow10(v, info.exp);
      m.end = w.end;
      // "5 hundred million": one more, larger scale word.
      size_t ws2 = NextWordStart(text, w.end);
      if (ws2 != std::string_view::npos && text[w.end] == ' ') {
        Word w2 = ReadWord(text, ws2);
        WordInfo info2 = LookupWord(w2.view());
        if (info2.kind == WordKind::kScaleWord && info2.exp > info.exp) {
          r = MulPow10(r, info2.exp);
          m.end = w2.end;
        }
      }
      m.scaled = true;
      m.rule = number_rules::kArabicScale;
      return finish(r);
    }
    if (info.kind == WordKind::kDozen && !hyphen && plain_int) {
      m.end = w.end;
      m.rule = number_rules::kEnDozen;
      return finish(Mul(v, DecimalNumber::Int(12)));
    }
  }
  // 2000 over 3, 1 out of 3 (at a clause end).
  EnNumberMatch ratio;
  if (!negative && RatioAfter(text, p, v, depth, &ratio)) return ratio;
  // 2 and a half, 3 and two thirds.
  EnNumberMatch frac;
  if (plain_int && AndFractionAfter(text, p, depth, &frac)) {
    double whole = 0;
    v.ToDouble(&whole);
    EnNumberMatch r = frac;
    r.number.value = whole + frac.number.value;
    r.number.denominator = 0;
    r.form = NumberForm::kCardinal;
    r.rule = number_rules::kArabicFraction;
    r.int_digits = lex.int_digits;
    return r;
  }
  return finish(v);
}

EnNumberMatch EnNumberParser::ParseWordsAt(std::string_view text, size_t pos,
                                           int depth) const {
  Word w0 = ReadWord(text, pos);
  std::string_view lw = w0.view();
  if (lw.empty()) return {};

  // minus five, negative 5
  if (lw == "minus" || lw == "negative") {
    if (depth == 0 && w0.end + 1 < text.size() && text[w0.end] == ' ') {
      size_t q = w0.end + 1;
      if (DigitAt(text, q) || LetterAt(text, q)) {
        EnNumberMatch m = ParseAtDepth(text, q, false, depth + 1);
        if (m.number.ok() && m.end > q &&
            (m.form == NumberForm::kCardinal ||
             m.form == NumberForm::kFraction)) {
          m.number.value = -m.number.value;
          return m;
        }
      }
    }
    return {};
  }

  // sixfold, tenfold, hundredfold
  if (lw.size() > 4 && lw.substr(lw.size() - 4) == "fold") {
    WordInfo pre = LookupWord(lw.substr(0, lw.size() - 4));
    uint64_t v = 0;
    if (pre.kind == WordKind::kUnit || pre.kind == WordKind::kTens) {
      v = pre.value;
    } else if (pre.kind == WordKind::kScaleWord) {
      v = 1;
      for (int i = 0; i < pre.exp; ++i) v *= 10;
    }
    if (v >= 2) {
      return Value(DecimalNumber::Int(v), w0.end, NumberForm::kMultiplier,
                   number_rules::kEnMultiplier);
    }
    return {};
  }

  WordInfo info = LookupWord(lw);
  switch (info.kind) {
    case WordKind::kMultiplier:
      return Value(DecimalNumber::Int(info.value), w0.end,
                   NumberForm::kMultiplier, number_rules::kEnMultiplier);
    case WordKind::kOrdinal:
      return Value(DecimalNumber::Int(info.value), w0.end, NumberForm::kOrdinal,
                   number_rules::kEnOrdinal);
    default:
      break;
  }

  // The cardinal part: units, tens, hundred, scale words, "and".
  enum class Last : uint8_t { kNone, kUnit, kTens, kHundred, kBigScale };
  struct Cardinal {
    DecimalNumber value;
    size_t end = 0;
    bool ordinal = false;  // ended in an ordinal word (twenty-first)
    Last last = Last::kNone;
    bool scaled = false;  // a thousand/million word was used
    bool last_after_and = false;  // "and" joined the last word (and thirty)
  };
  auto parse_cardinal = [&](size_t start, bool implicit_one) {
    Cardinal best;
    DecimalNumber total;
    uint64_t group = implicit_one ? 1 : 0;
    Last last = implicit_one ? Last::kUnit : Last::kNone;
    int last_scale = 99;
    bool after_and = false;
    bool scaled = false;
    int scale_groups = 0;
    size_t p = start;
    for (int count = 0; count < kMaxWords && p != std::string_view::npos;
         ++count) {
      Word w = ReadWord(text, p);
      std::string_view word = w.view();
      if (word == "and") {
        size_t next = w.end + 1 < text.size() && text[w.end] == ' '
                          ? NextWordStart(text, w.end)
                          : std::string_view::npos;
        if (after_and || next == std::string_view::npos ||
            (last != Last::kHundred && last != Last::kBigScale)) {
          break;
        }
        WordInfo ni = LookupWord(ReadWord(text, next).view());
        if (ni.kind != WordKind::kUnit && ni.kind != WordKind::kTens &&
            ni.kind != WordKind::kOrdinal) {
          break;
        }
        // "one hundred and three quarters": a fraction below one after
        // "and" is the fractional part (100.75), not 103 quarters.
        EnNumberMatch frac;
        if (ni.kind != WordKind::kOrdinal && w.begin > 0 &&
            AndFractionAfter(text, w.begin - 1, depth, &frac)) {
          break;
        }
        after_and = true;
        p = next;
        continue;
      }
      WordInfo wi = LookupWord(word);
      // Where a new group (or the rest of a hundred) may start.
      const bool open_group =
          (last == Last::kNone || last == Last::kBigScale) && group == 0;
      const bool after_hundred = last == Last::kHundred && group % 100 == 0;
      Last now = Last::kNone;
      bool ordinal = false;
      switch (wi.kind) {
        case WordKind::kUnit:
          if (last == Last::kTens && wi.value >= 1 && wi.value <= 9 &&
              !after_and) {
            group += wi.value;  // twenty-five
            now = Last::kUnit;
          } else if (open_group || after_hundred) {
            group +=
                wi.value;  // five, (one hundred) five, (two thousand and) ten
            now = Last::kUnit;
          }
          break;
        case WordKind::kTens:
          if (open_group || after_hundred) {
            group += wi.value;
            now = Last::kTens;
          }
          break;
        case WordKind::kScaleWord:
          if (after_and) break;
          if (wi.exp == 2) {
            if ((last == Last::kUnit || last == Last::kTens) && group >= 1 &&
                group <= 99) {
              group *= 100;
              now = Last::kHundred;
            }
          } else if ((last == Last::kUnit || last == Last::kTens ||
                      last == Last::kHundred) &&
                     group > 0 && wi.exp < last_scale) {
            total = Add(total, MulPow10(DecimalNumber::Int(group), wi.exp));
            group = 0;
            last_scale = wi.exp;
            scaled = true;
            ++scale_groups;
            now = Last::kBigScale;
          } else if (last == Last::kBigScale && group == 0 &&
                     scale_groups == 1 && wi.exp > last_scale) {
            // three lakh crore = 3e12, a thousand million = 1e9: a bigger
            // scale right after the only one multiplies.
            total = MulPow10(total, wi.exp);
            last_scale += wi.exp;
            now = Last::kBigScale;
          }
          break;
        case WordKind::kOrdinal:
          // twenty-first, one hundred and first, two thousand and fifth
          if (wi.value >= 1 && wi.value <= 9 && last == Last::kTens &&
              !after_and) {
            group += wi.value;
            now = Last::kUnit;
            ordinal = true;
          } else if (wi.value <= 99 &&
                     (after_hundred ||
                      (last == Last::kBigScale && group == 0))) {
            group += wi.value;
            now = Last::kUnit;
            ordinal = true;
          }
          break;
        default:
          break;
      }
      if (now == Last::kNone) break;
      last = now;
      best.last_after_and = after_and;
      after_and = false;
      best.value = Add(total, DecimalNumber::Int(group));
      best.end = w.end;
      best.ordinal = ordinal;
      best.last = last;
      best.scaled = scaled;
      if (ordinal) break;
      p = NextWordStart(text, w.end);
    }
    return best;
  };

  // What may follow a cardinal: a denominator (two thirds), dozens, "and
  // a half", "and two thirds", "point five", "over three".
  auto after_cardinal = [&](const Cardinal& c) -> EnNumberMatch {
    if (c.ordinal) {
      return Value(c.value, c.end, NumberForm::kOrdinal,
                   number_rules::kEnOrdinal);
    }
    // six-fold, twenty-fold
    if (text.substr(c.end, 5) == "-fold" && !LetterAt(text, c.end + 5)) {
      return Value(c.value, c.end + 5, NumberForm::kMultiplier,
                   number_rules::kEnMultiplier);
    }
    bool hyphen = false;
    size_t next = NextWordStart(text, c.end, &hyphen);
    if (next != std::string_view::npos) {
      Word w = ReadWord(text, next);
      std::string_view nw = w.view();
      WordInfo ni = LookupWord(nw);
      bool simple = !c.scaled && c.value.CompareToPow10(2) < 0;  // below 100
      // one hundred thirty-fifths, one hundred thirty fifths: the last tens
      // and the plural ordinal make one denominator, 100/35 (not 130/5), as
      // "thirty five" is 35 with or without the hyphen; but "and" ties the
      // tens to the count ("one hundred and thirty fifths" = 130/5).
      const int unit_den = UnitPluralDenominator(nw, ni, hyphen);
      if (c.last == Last::kTens && !c.last_after_and && unit_den != 0) {
        double v = 0;
        if (c.value.ToDouble(&v) == NumeralStatus::kOk && v >= 100) {
          const double tens = std::fmod(v, 100.0);
          if (tens >= 20) {
            return Ratio(DecimalNumber::Int(static_cast<int64_t>(v - tens)),
                         DecimalNumber::Int(static_cast<int64_t>(tens) + unit_den), w.end,
                         number_rules::kEnFraction);
          }
        }
      }
      const bool of_after =
          text.substr(w.end, 3) == " of" && !LetterAt(text, w.end + 3);
      // two hundredth, two millionth, five hundred thousandth: the ordinal
      // of a scale (its two millionth visitor = 2,000,000th). A fraction
      // only when "of" follows a count below 100 ("two thousandth of a
      // second", below) or, for one, also at a clause end ("by one
      // hundredth.").
      if (ni.kind == WordKind::kOrdinal && IsScaleValue(ni.value) && !c.scaled &&
          c.value.CompareToPow10(3) < 0 &&
          (c.last == Last::kUnit || c.last == Last::kTens ||
           (c.last == Last::kHundred && ni.value > 100)) &&
          !of_after && !(c.value.CompareToPow10(0) == 0 && ClauseEnd(text, w.end))) {
        return Value(Mul(c.value, DecimalNumber::Int(ni.value)), w.end,
                     NumberForm::kOrdinal, number_rules::kEnOrdinal);
      }
      bool quarter = nw == "quarter" || nw == "quarters";
      // A plural denominator makes a fraction of any count: "one hundred
      // thirty-two fifths" (but "quarters" may be fiscal quarters, below).
      bool plural = ni.kind == WordKind::kDenominator && !quarter &&
                    nw != "half" && nw.back() == 's';
      // two thirds, three-quarters of, one fifth, one-half (and the
      // non-standard "two third", which news writes for 2/3)
      if ((simple && ni.kind == WordKind::kDenominator) || plural ||
          (simple && ni.kind == WordKind::kOrdinal && ni.value >= 3 &&
           c.last == Last::kUnit)) {
        bool of_follows =
            text.substr(w.end, 3) == " of" && !LetterAt(text, w.end + 3);
        // "three quarters" ending a clause is 0.75 when nothing or a
        // copula or approximation word stands before the count ("three
        // quarters.", "at about three quarters."); after other words they
        // are fiscal quarters ("shrank for two quarters.").
        bool fiscal = false;
        size_t b = pos;
        while (b > 0 && text[b - 1] == ' ') --b;
        if (b > 0 && IsLetter(text[b - 1])) {
          size_t a = b;
          while (a > 0 && IsLetter(text[a - 1])) --a;
          std::string_view pw = text.substr(a, b - a);
          static constexpr std::string_view kBefore[] = {
              "and",    // one and three quarters
              "is",     "was",    "are",     "were",   "be",
              "at",     "about",  "nearly",  "almost", "roughly",
              "around", "some",   "exactly", "approximately"};
          char buf[16];
          fiscal = true;
          if (pw.size() <= sizeof(buf)) {
            for (size_t k = 0; k < pw.size(); ++k) buf[k] = Lower(pw[k]);
            std::string_view lpw(buf, pw.size());
            fiscal = std::find(std::begin(kBefore), std::end(kBefore), lpw) ==
                     std::end(kBefore);
          }
        }
        bool clause_end = ClauseEnd(text, w.end) && !fiscal;
        if (!quarter || hyphen || of_follows || clause_end) {
          return Ratio(c.value, DecimalNumber::Int(ni.value), w.end,
                       number_rules::kEnFraction);
        }
      }
      // A compound denominator after a count below 100: a second cardinal
      // that ends in an ordinal, for one before "of" or a clause end ("one
      // twenty-fifth of", "one one hundred fifth."), or that a plural
      // ordinal completes ("three twenty-firsts", "twenty twenty fifths",
      // "two one hundred fifths"). "one twenty-first century" is no
      // fraction.
      if (simple && (ni.kind == WordKind::kTens || ni.kind == WordKind::kUnit)) {
        Cardinal d = parse_cardinal(next, false);
        DecimalNumber den;
        size_t end = 0;
        if (d.end != 0 && d.value.CompareToPow10(1) > 0 &&
            !(d.value.CompareToPow10(2) < 0 && ni.kind == WordKind::kUnit)) {
          // (a unit word starts a compound denominator only with a scale:
          // "one one hundred fifth", never "one twelve fifths")
          if (d.ordinal) {
            if (c.value.CompareToPow10(0) == 0 &&
                ((text.substr(d.end, 3) == " of" && !LetterAt(text, d.end + 3)) ||
                 ClauseEnd(text, d.end))) {
              den = d.value;
              end = d.end;
            }
          } else if (d.last == Last::kTens || d.last == Last::kHundred ||
                     d.last == Last::kBigScale) {
            bool h2 = false;
            size_t n2 = NextWordStart(text, d.end, &h2);
            if (n2 != std::string_view::npos) {
              Word u = ReadWord(text, n2);
              int ud = UnitPluralDenominator(u.view(), LookupWord(u.view()), h2);
              if (ud != 0) {
                den = Add(d.value, DecimalNumber::Int(ud));
                end = u.end;
              }
            }
          }
        }
        if (end != 0) {
          return Ratio(c.value, den, end, number_rules::kEnFraction);
        }
      }
      if (ni.kind == WordKind::kDozen && !hyphen) {
        return Value(Mul(c.value, DecimalNumber::Int(12)), w.end,
                     NumberForm::kCardinal, number_rules::kEnDozen);
      }
      // one and a half, two and a half million
      if (nw == "and" && !hyphen && text.substr(w.end, 7) == " a half" &&
          !LetterAt(text, w.end + 7)) {
        DecimalNumber v = Add(c.value, DecimalNumber{5, -1, false, false});
        size_t end = w.end + 7;
        size_t s2 = NextWordStart(text, end);
        if (!c.scaled && s2 != std::string_view::npos && text[end] == ' ') {
          Word w2 = ReadWord(text, s2);
          WordInfo i2 = LookupWord(w2.view());
          if (i2.kind == WordKind::kScaleWord && i2.exp >= 3) {
            v = MulPow10(v, i2.exp);
            end = w2.end;
          }
        }
        return Value(v, end, NumberForm::kCardinal, number_rules::kEnWords);
      }
      // five point two five, two hundred point seventy-one
      if (nw == "point" && !hyphen && c.value.IsInteger()) {
        DecimalNumber frac;
        size_t end = 0;
        size_t q = NextWordStart(text, w.end);
        if (q != std::string_view::npos && text[q - 1] == ' ') {
          Word d0 = ReadWord(text, q);
          WordInfo d0i = LookupWord(d0.view());
          if (d0i.kind == WordKind::kTens ||
              (d0i.kind == WordKind::kUnit && d0i.value >= 10)) {
            // point seventy-one = .71, point eleven = .11
            Cardinal f = parse_cardinal(q, false);
            if (f.end != 0 && !f.ordinal && !f.scaled &&
                f.value.CompareToPow10(2) < 0) {
              frac = MulPow10(f.value, -2);
              end = f.end;
            }
          }
        }
        size_t digits_end = 0;
        while (end == 0 && q != std::string_view::npos && text[q - 1] == ' ') {
          Word d = ReadWord(text, q);
          WordInfo di = LookupWord(d.view());
          if (di.kind != WordKind::kUnit || di.value > 9 || frac.exp <= -18)
            break;
          frac.mant = frac.mant * 10 + di.value;
          frac.exp -= 1;
          digits_end = d.end;
          q = NextWordStart(text, d.end);
        }
        if (end == 0) end = digits_end;
        if (end != 0) {
          return Value(Add(c.value, frac), end, NumberForm::kCardinal,
                       number_rules::kEnWords);
        }
      }
    }
    // one and a quarter, twenty and three fifths
    EnNumberMatch frac;
    if (AndFractionAfter(text, c.end, depth, &frac)) {
      double whole = 0;
      c.value.ToDouble(&whole);
      frac.number.value += whole;
      frac.number.denominator = 0;
      frac.form = NumberForm::kCardinal;
      frac.rule = number_rules::kEnWords;
      return frac;
    }
    // one over three, one out of three
    EnNumberMatch ratio;
    if (RatioAfter(text, c.end, c.value, depth, &ratio)) return ratio;
    return Value(c.value, c.end, NumberForm::kCardinal, number_rules::kEnWords);
  };

  size_t after_first = NextWordStart(text, w0.end);
  if (info.kind == WordKind::kArticle) {
    // a hundred, a million, a dozen, a half, a quarter, a third
    if (after_first == std::string_view::npos || text[w0.end] != ' ') return {};
    Word w1 = ReadWord(text, after_first);
    WordInfo i1 = LookupWord(w1.view());
    switch (i1.kind) {
      case WordKind::kScaleWord: {
        Cardinal c = parse_cardinal(after_first, /*implicit_one=*/true);
        if (c.end == 0) return {};
        return after_cardinal(c);
      }
      case WordKind::kDozen:
        return Value(DecimalNumber::Int(12), w1.end, NumberForm::kCardinal,
                     number_rules::kEnDozen);
      case WordKind::kDenominator:
        if (w1.view() == "half" || w1.view() == "quarter") {
          return Ratio(DecimalNumber::Int(1), DecimalNumber::Int(i1.value),
                       w1.end, number_rules::kEnFraction);
        }
        return {};
      case WordKind::kOrdinal:
        if (i1.value >= 3) {
          return Ratio(DecimalNumber::Int(1), DecimalNumber::Int(i1.value),
                       w1.end, number_rules::kEnFraction);
        }
        return {};
      case WordKind::kTens: {
        // a twenty-fifth (of), a twenty-first: 1/25, 1/21, when "of" or the
        // end of the clause follows (a twenty-first century city is not).
        Cardinal c = parse_cardinal(after_first, false);
        if (c.end == 0 || !c.ordinal || c.scaled) return {};
        const bool of_follows = text.substr(c.end, 3) == " of" && !LetterAt(text, c.end + 3);
        if (!of_follows && !ClauseEnd(text, c.end)) return {};
        return Ratio(DecimalNumber::Int(1), c.value, c.end, number_rules::kEnFraction);
      }
      default:
        return {};
    }
  }

  if (lw == "half") {
    // half a dozen, half a million; else half = 0.5
    if (after_first != std::string_view::npos && text[w0.end] == ' ') {
      Word w1 = ReadWord(text, after_first);
      size_t s2 = NextWordStart(text, w1.end);
      if ((w1.view() == "a" || w1.view() == "an") &&
          s2 != std::string_view::npos && text[w1.end] == ' ') {
        Word w2 = ReadWord(text, s2);
        WordInfo i2 = LookupWord(w2.view());
        if (i2.kind == WordKind::kDozen) {
          return Value(DecimalNumber::Int(6), w2.end, NumberForm::kCardinal,
                       number_rules::kEnDozen);
        }
        if (i2.kind == WordKind::kScaleWord && i2.exp >= 3) {
          return Value(MulPow10(DecimalNumber{5, -1, false, false}, i2.exp),
                       w2.end, NumberForm::kCardinal, number_rules::kEnWords);
        }
      }
    }
    return Ratio(DecimalNumber::Int(1), DecimalNumber::Int(2), w0.end,
                 number_rules::kEnFraction);
  }

  if (info.kind != WordKind::kUnit && info.kind != WordKind::kTens) return {};
  Cardinal c = parse_cardinal(pos, false);
  if (c.end == 0) return {};
  return after_cardinal(c);
}

}  // namespace factmine
