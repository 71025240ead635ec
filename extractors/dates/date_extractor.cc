// The date extractor (see date_extractor.h for the forms and decisions).
//
// One left-to-right pass. Between two numbers of the number layer the text
// is scanned for words that can start a date (month names, relative
// words, quarter and part words, ISO dates); at each number the number
// rules are tried. A candidate is a Core (the date itself, without
// relation words); Finish() then looks around it for "the", relation
// words before and after, and a range connector followed by a second
// date, and emits one or two mentions. Everything before `floor_` (the end
// of the last mention) is never looked at again, so spans are ordered and
// never overlap.
#include "extractors/dates/date_extractor.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "extractors/dates/date_calendar.h"
#include "extractors/dates/date_rules.h"
#include "extractors/numbers/number_value.h"
#include "pipeline/lang.h"

namespace factmine {
namespace {

constexpr DateWordKinds kSuffixes =
    KindBit(DateWordKind::kYearSuffix) | KindBit(DateWordKind::kMonthSuffix) |
    KindBit(DateWordKind::kDaySuffix) | KindBit(DateWordKind::kQuarterSuffix) |
    KindBit(DateWordKind::kDecadeSuffix) |
    KindBit(DateWordKind::kCenturySuffix);
constexpr DateWordKinds kWordStarters = DateWords::kStarters;

// ASCII letters and digits, by byte.
constexpr auto kAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = true;
  return t;
}();

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAlnum(unsigned char c) { return IsDigit(c) || IsAlpha(c); }

// A date found in the text, before its context is read.
struct Core {
  size_t begin = 0;
  size_t end = 0;
  DateGrain grain = DateGrain::kNone;
  int year = 0;   // 0 = unknown (the anchor was needed and is unknown)
  int month = 0;  // month; quarter or half number for those grains
  int day = 0;
  DatePart part = DatePart::kWhole;
  DateRelation relation = DateRelation::kPlain;  // 前三季度: until
  bool relative = false;
  bool bare = false;         // a 4-digit number alone: date.year.bare
  bool month_alone = false;  // "December" alone: needs a relation word
  bool allow_the = false;    // "the" before it belongs to the span
  std::string_view rule;
};

class Parser {
 public:
  Parser(const DateWords& words, std::string_view text,
         const std::vector<NumberMatch>& numbers, const DateAnchor& anchor,
         std::vector<DateMention>* out)
      : words_(words),
        text_(text),
        nums_(numbers),
        anchor_(anchor),
        out_(out) {}

  void Run();

 private:
  // --- text helpers ---
  unsigned char At(size_t p) const {
    return p < text_.size() ? static_cast<unsigned char>(text_[p]) : 0;
  }
  // Skips up to `max` ASCII spaces.
  size_t Spaces(size_t p, int max = 3) const {
    while (max-- > 0 && At(p) == ' ') ++p;
    return p;
  }
  size_t SpacesBack(size_t p) const {
    int max = 3;
    while (max-- > 0 && p > floor_ && text_[p - 1] == ' ') --p;
    return p;
  }
  // The number starting exactly at p, or nullptr.
  const NumberMatch* NumAt(size_t p) const {
    auto it = std::lower_bound(
        nums_.begin(), nums_.end(), p,
        [](const NumberMatch& m, size_t pos) { return m.span.begin < pos; });
    return it != nums_.end() && it->span.begin == p ? &*it : nullptr;
  }
  const DateWord* Fwd(size_t p, DateWordKinds kinds, size_t* end) const {
    return words_.Forward(text_, p, kinds, end);
  }
  // A word of `kinds` ending at p (after spaces) and starting at or after
  // floor_.
  const DateWord* Back(size_t p, DateWordKinds kinds, size_t* begin) const {
    const DateWord* w = words_.Backward(text_, p, kinds, begin);
    return w != nullptr && *begin >= floor_ ? w : nullptr;
  }
  bool EndsWithWord(size_t p, std::string_view lower_word, size_t* begin) const;
  // The whole ASCII word `lower_word` (lower case) starts at p.
  bool WordAt(size_t p, std::string_view lower_word) const {
    for (size_t i = 0; i < lower_word.size(); ++i) {
      if ((At(p + i) | 0x20) != static_cast<unsigned char>(lower_word[i])) {
        return false;
      }
    }
    return !IsAlnum(At(p + lower_word.size()));
  }

  // --- number tests ---
  // The integer value of m in [lo, hi] (cardinal, or ordinal when
  // `ordinal_ok`), or -1.
  static int IntValue(const NumberMatch& m, int lo, int hi, bool ordinal_ok);
  static bool IsAsciiDigits(std::string_view s);
  std::string_view NumText(const NumberMatch& m) const {
    return text_.substr(m.span.begin, m.span.end - m.span.begin);
  }
  // A 4-digit year written with digits (scanner flag), in [lo, hi].
  static int YearValue(const NumberMatch& m, int lo, int hi);
  // An approximation word or currency sign right before p (约, about, $).
  bool AmountBefore(size_t p) const;
  // The bare-year test of date_extractor.h for m.
  // `in_range`: m ends a range of years (2007-2008中法…), so a Han
  // character after it does not make it an amount.
  bool BareYearOk(const NumberMatch& m, bool in_range) const;

  // --- resolution ---
  int YearForMonth(int month) const;
  void Relative(const DateWord& w, Core* c) const;

  // --- rules ---
  bool IsoAt(size_t p, Core* c) const;
  bool ParseAt(size_t p, bool in_range, Core* c);
  bool ParseWord(size_t p, const DateWord& w, size_t wend, bool in_range,
                 Core* c);
  bool ParseNumber(const NumberMatch& m, bool in_range, Core* c);
  bool MonthName(size_t p, const DateWord& w, size_t wend, Core* c) const;
  // After a year core (2025年, 今年): month [day], quarter, half, part.
  void ZhYearRest(Core* c);
  // After a month core (11月, 本月): day or part.
  void ZhMonthRest(Core* c) const;
  // 2022-2024年, 1至10月: the first number takes the unit of the second.
  bool BorrowRange(const NumberMatch& m, Core* c);
  bool ZhQuarter(const NumberMatch& m, size_t* end) const;

  // --- output ---
  // Reads the context of `a`, emits it (and the second date of a range);
  // returns the end of what was emitted, or 0 when `a` is not a date.
  size_t Finish(Core a);
  void Emit(const Core& c, size_t begin, size_t end, DateRelation rel);
  bool FindStarter(size_t pos, size_t limit, size_t* at, const DateWord** w,
                   size_t* wend) const;

  const DateWords& words_;
  std::string_view text_;
  const std::vector<NumberMatch>& nums_;
  const DateAnchor& anchor_;
  std::vector<DateMention>* out_;
  size_t floor_ = 0;    // end of the last mention
  int last_year_ = 0;   // year of the last mention, for anaphoric words
  int range_year_ = 0;  // 2025年1-10月: the year of the range's second month
};

// ---------------------------------------------------------------- helpers

bool Parser::EndsWithWord(size_t p, std::string_view w, size_t* begin) const {
  if (p < w.size() || p - w.size() < floor_) return false;
  size_t b = p - w.size();
  for (size_t i = 0; i < w.size(); ++i) {
    if ((static_cast<unsigned char>(text_[b + i]) | 0x20) != w[i]) return false;
  }
  if (b > 0 && IsAlnum(At(b - 1))) return false;
  *begin = b;
  return true;
}

int Parser::IntValue(const NumberMatch& m, int lo, int hi, bool ordinal_ok) {
  if (m.form != NumberForm::kCardinal &&
      !(ordinal_ok && m.form == NumberForm::kOrdinal)) {
    return -1;
  }
  if (m.flags & (kNumberMore | kNumberSeparators) || !m.exact) return -1;
  if (m.value < lo || m.value > hi) return -1;
  int v = static_cast<int>(m.value);
  return v == m.value ? v : -1;
}

bool Parser::IsAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int Parser::YearValue(const NumberMatch& m, int lo, int hi) {
  if (!(m.flags & (kNumberMaybeYear | kNumberYear))) return -1;
  if (m.flags & (kNumberScaled | kNumberDecade)) return -1;
  return IntValue(m, lo, hi, false);
}

bool Parser::AmountBefore(size_t p) const {
  size_t b = 0;
  if (Back(p, KindBit(DateWordKind::kNotDateAfter), &b) != nullptr) return true;
  size_t s = SpacesBack(p);
  return s != p && Back(s, KindBit(DateWordKind::kNotDateAfter), &b) != nullptr;
}

bool Parser::BareYearOk(const NumberMatch& m, bool in_range) const {
  if (YearValue(m, 1900, 2100) < 0) return false;
  if (AmountBefore(m.span.begin)) return false;
  // Letters touching the digits: USD2024, RMB2000 (the scanner keeps them).
  if (m.span.begin > 0 && IsAlpha(At(m.span.begin - 1))) return false;
  size_t e = m.span.end;
  unsigned char c = At(e);
  if (c == '%') return false;
  size_t q = Spaces(e);
  if (q < text_.size()) {
    size_t len = 0;
    char32_t cp = DecodeUtf8(text_, q, &len);
    if (IsHan(cp) && !in_range) return false;  // 2000人: Chinese years take 年
    size_t ue = 0;
    if (Fwd(q, KindBit(DateWordKind::kNotYearUnit), &ue) != nullptr)
      return false;
  }
  // The low end of a range of amounts: 2000-3000 tons, from 1900 to 2500
  // (but "in 2024 to 300 yuan" is a year).
  size_t ce = 0, rb = 0;
  const DateWord* cw = Fwd(q, KindBit(DateWordKind::kConnector), &ce);
  const DateWord* rw = Back(SpacesBack(m.span.begin),
                            KindBit(DateWordKind::kRelationBefore), &rb);
  bool word_connector =
      cw != nullptr && IsAlpha(static_cast<unsigned char>(cw->text[0]));
  if (cw != nullptr &&
      (!word_connector ||
       (rw != nullptr && rw->relation == DateRelation::kFrom))) {
    const NumberMatch* m2 = NumAt(Spaces(ce));
    if (m2 != nullptr && YearValue(*m2, 1000, 2199) < 0 &&
        !(m2->span.end - m2->span.begin == 2 && IsAsciiDigits(NumText(*m2)))) {
      return false;
    }
  }
  return true;
}

int Parser::YearForMonth(int month) const {
  if (anchor_.year == 0) return 0;
  if (anchor_.month == 0) return anchor_.year;
  // The month's occurrence from eight months before to four months after
  // the article's month: news mostly reports the past.
  int diff = month - anchor_.month;
  if (diff > 4) return anchor_.year - 1;
  if (diff < -8) return anchor_.year + 1;
  return anchor_.year;
}

// Sets grain/year/month/day of c from a relative word and the anchor.
void Parser::Relative(const DateWord& w, Core* c) const {
  c->grain = w.grain;
  c->relative = true;
  c->part = w.part;
  c->year = 0;
  int off = w.value;
  if (anchor_.year == 0) return;
  switch (w.grain) {
    case DateGrain::kYear:
      c->year = anchor_.year + off;
      break;
    case DateGrain::kMonth: {
      if (anchor_.month == 0) return;
      int total = anchor_.year * 12 + (anchor_.month - 1) + off;
      c->year = total / 12;
      c->month = total % 12 + 1;
      break;
    }
    case DateGrain::kQuarter: {
      if (anchor_.month == 0) return;
      int total = anchor_.year * 4 + (anchor_.month - 1) / 3 + off;
      c->year = total / 4;
      c->month = total % 4 + 1;
      break;
    }
    case DateGrain::kDay:
      if (anchor_.day == 0) return;
      AddDays(anchor_.year, anchor_.month, anchor_.day, off, &c->year,
              &c->month, &c->day);
      break;
    default:
      break;
  }
}

// ------------------------------------------------------------------ rules

// 2025-11-09, 2025/11/09, 2025.11.09 (the scanner gives no number there,
// except for unpadded 2026-1-5).
bool Parser::IsoAt(size_t p, Core* c) const {
  if (p > 0 && (IsAlnum(At(p - 1)) || At(p - 1) == '.' || At(p - 1) == '-' ||
                At(p - 1) == '/')) {
    return false;
  }
  size_t i = p;
  int y = 0;
  for (int k = 0; k < 4; ++k, ++i) {
    if (!IsDigit(At(i))) return false;
    y = y * 10 + (At(i) - '0');
  }
  unsigned char sep = At(i);
  if (sep != '-' && sep != '/' && sep != '.') return false;
  auto two = [&](size_t* j, int* v) {
    int n = 0;
    *v = 0;
    while (n < 2 && IsDigit(At(*j))) {
      *v = *v * 10 + (At(*j) - '0');
      ++*j;
      ++n;
    }
    return n > 0 && !IsDigit(At(*j));
  };
  ++i;
  int mo = 0, d = 0;
  if (!two(&i, &mo) || At(i) != sep) return false;
  ++i;
  if (!two(&i, &d)) return false;
  if ((At(i) == sep || At(i) == '.') && IsDigit(At(i + 1))) return false;
  if (IsAlpha(At(i)) && At(i) != 'T') return false;
  if (y < 1000 || y > 2199 || mo < 1 || mo > 12 || d < 1 ||
      d > DaysInMonth(y, mo)) {
    return false;
  }
  *c = Core();
  c->begin = p;
  c->end = i;
  c->grain = DateGrain::kDay;
  c->year = y;
  c->month = mo;
  c->day = d;
  c->rule = date_rules::kIso;
  return true;
}

bool Parser::ParseAt(size_t p, bool in_range, Core* c) {
  size_t wend = 0;
  if (const DateWord* w = Fwd(p, kWordStarters, &wend)) {
    return ParseWord(p, *w, wend, in_range, c);
  }
  if (IsDigit(At(p)) && IsoAt(p, c)) return true;
  if (const NumberMatch* m = NumAt(p)) return ParseNumber(*m, in_range, c);
  return false;
}

// An English month name at p: "December 1", "Dec. 1, 2025", "December
// 2025", or the name alone (month_alone).
bool Parser::MonthName(size_t p, const DateWord& w, size_t wend,
                       Core* c) const {
  *c = Core();
  c->begin = p;
  c->month = w.value;
  size_t q = wend;
  if (w.abbreviation && At(q) == '.' && At(q + 1) == ' ' &&
      IsDigit(At(q + 2))) {
    ++q;
  }
  q = Spaces(q);
  if (const NumberMatch* m = NumAt(q)) {
    int d = IntValue(*m, 1, 31, true);
    if (d > 0 && YearValue(*m, 1000, 2199) < 0 && IsDigit(At(m->span.begin))) {
      size_t r = m->span.end;
      if (At(r) == ',') ++r;
      r = Spaces(r);
      const NumberMatch* ym = NumAt(r);
      int y = ym != nullptr ? YearValue(*ym, 1000, 2199) : -1;
      if (y > 0 && d <= DaysInMonth(y, w.value)) {
        c->year = y;
        c->end = ym->span.end;
      } else {
        c->year = YearForMonth(w.value);
        c->relative = true;
        c->end = m->span.end;
        if (d > DaysInMonth(c->year, w.value)) return false;
      }
      c->grain = DateGrain::kDay;
      c->day = d;
      c->rule = date_rules::kEnMonthDay;
      return true;
    }
    int y = YearValue(*m, 1000, 2199);
    if (y > 0) {
      c->grain = DateGrain::kMonth;
      c->year = y;
      c->end = m->span.end;
      c->rule = date_rules::kEnMonthYear;
      return true;
    }
  }
  c->grain = DateGrain::kMonth;
  c->year = YearForMonth(w.value);
  c->relative = true;
  c->end = wend;
  c->month_alone = true;
  c->rule = date_rules::kEnMonth;
  return true;
}

bool Parser::ParseWord(size_t p, const DateWord& w, size_t wend, bool in_range,
                       Core* c) {
  switch (w.kind) {
    case DateWordKind::kMonth: {
      if (!MonthName(p, w, wend, c)) return false;
      if (in_range) c->month_alone = false;
      // last December, next January, this March
      size_t t = SpacesBack(p), mb = 0;
      const DateWord* mod =
          t != p ? Back(t, KindBit(DateWordKind::kMonthModifier), &mb)
                 : nullptr;
      if (mod != nullptr && c->month_alone) {
        // "last December": the latest December before the article's month;
        // "next January": the first January after it.
        c->begin = mb;
        c->month_alone = false;
        if (anchor_.year != 0) {
          int am = anchor_.month != 0 ? anchor_.month : w.value;
          c->year = anchor_.year;
          if (mod->value < 0 && w.value >= am) c->year -= 1;
          if (mod->value > 0 && w.value <= am) c->year += 1;
        }
      }
      return true;
    }

    case DateWordKind::kRelative:
    case DateWordKind::kAnaphoric: {
      *c = Core();
      c->begin = p;
      c->end = wend;
      bool anaphoric = w.kind == DateWordKind::kAnaphoric;
      if (anaphoric) {
        int base = last_year_ != 0 ? last_year_ : anchor_.year;
        c->grain = DateGrain::kYear;
        c->relative = true;
        c->year = base != 0 ? base + w.value : 0;
      } else {
        Relative(w, c);
      }
      c->rule = w.en ? (anaphoric ? date_rules::kEnAnaphoric
                                  : date_rules::kEnRelative)
                     : (anaphoric ? date_rules::kZhAnaphoric
                                  : date_rules::kZhRelative);
      if (!w.en && w.part == DatePart::kWhole) {
        if (c->grain == DateGrain::kYear) ZhYearRest(c);
        if (c->grain == DateGrain::kMonth) ZhMonthRest(c);
      }
      return true;
    }

    case DateWordKind::kQuarter:
    case DateWordKind::kHalf: {
      *c = Core();
      c->begin = p;
      c->end = wend;
      bool quarter = w.kind == DateWordKind::kQuarter;
      c->grain = quarter ? DateGrain::kQuarter : DateGrain::kHalf;
      c->month = w.value;
      c->allow_the = w.en;
      c->rule = w.en ? (quarter ? date_rules::kEnQuarter : date_rules::kEnHalf)
                     : (quarter ? date_rules::kZhQuarter : date_rules::kZhHalf);
      c->year = anchor_.year;
      c->relative = true;
      if (!w.en) return true;
      size_t q = Spaces(wend);
      if (q == wend) return true;
      if (WordAt(q, "of")) q = Spaces(q + 2);
      if (const NumberMatch* m = NumAt(q)) {
        int y = YearValue(*m, 1000, 2199);
        if (y > 0) {
          c->year = y;
          c->relative = false;
          c->end = m->span.end;
        }
        return true;
      }
      size_t ye = 0;
      const DateWord* yw = Fwd(q,
                               KindBit(DateWordKind::kRelative) |
                                   KindBit(DateWordKind::kAnaphoric) |
                                   KindBit(DateWordKind::kPartYear),
                               &ye);
      if (yw != nullptr && yw->grain == DateGrain::kYear && yw->en) {
        Core r;
        if (yw->kind == DateWordKind::kRelative ||
            yw->kind == DateWordKind::kPartYear) {
          r.year = anchor_.year != 0 ? anchor_.year + yw->value : 0;
        } else {
          int base = last_year_ != 0 ? last_year_ : anchor_.year;
          r.year = base != 0 ? base + yw->value : 0;
        }
        c->year = r.year;
        c->end = ye;
      }
      return true;
    }

    case DateWordKind::kPartBefore: {
      size_t q = w.text.back() == '-' ? wend : Spaces(wend);
      if (q == wend && w.text.back() != '-') return false;
      Core inner;
      bool ok = false;
      if (const NumberMatch* m = NumAt(q)) {
        if (m->flags & kNumberDecade) {
          inner = Core();
          inner.grain = DateGrain::kDecade;
          inner.year = static_cast<int>(m->value);
          inner.end = m->span.end;
          inner.rule = date_rules::kDecade;
          ok = inner.year >= 1000 && inner.year <= 2190;
        } else {
          int y = YearValue(*m, 1900, 2100);
          if (y > 0) {
            inner = Core();
            inner.grain = DateGrain::kYear;
            inner.year = y;
            inner.end = m->span.end;
            inner.rule = date_rules::kYear;
            ok = true;
          }
        }
      } else {
        size_t ie = 0;
        const DateWord* iw = Fwd(q,
                                 KindBit(DateWordKind::kMonth) |
                                     KindBit(DateWordKind::kRelative) |
                                     KindBit(DateWordKind::kAnaphoric) |
                                     KindBit(DateWordKind::kPartYear),
                                 &ie);
        if (iw != nullptr && iw->en) {
          if (iw->kind == DateWordKind::kPartYear) {
            inner = Core();
            inner.grain = DateGrain::kYear;
            inner.year = anchor_.year != 0 ? anchor_.year + iw->value : 0;
            inner.relative = true;
            inner.end = ie;
            inner.rule = date_rules::kEnRelative;
            ok = true;
          } else {
            ok = ParseWord(q, *iw, ie, true, &inner) &&
                 inner.grain != DateGrain::kDay;
          }
        }
      }
      if (!ok) return false;
      *c = inner;
      c->begin = p;
      c->part = w.part;
      c->month_alone = false;
      c->allow_the = true;
      return true;
    }

    default:
      return false;
  }
}

// 三季度, 第三季度: m is 1..4 followed by 季度; *end past 季度.
bool Parser::ZhQuarter(const NumberMatch& m, size_t* end) const {
  if (IntValue(m, 1, 4, true) < 0) return false;
  return Fwd(m.span.end, KindBit(DateWordKind::kQuarterSuffix), end) != nullptr;
}

void Parser::ZhYearRest(Core* c) {
  size_t q = Spaces(c->end, 1);
  size_t e = 0;
  if (const DateWord* w =
          Fwd(q, KindBit(DateWordKind::kHalf) | KindBit(DateWordKind::kQuarter),
              &e)) {
    c->grain =
        w->kind == DateWordKind::kHalf ? DateGrain::kHalf : DateGrain::kQuarter;
    c->month = w->value;
    c->end = e;
    c->rule = c->grain == DateGrain::kHalf ? date_rules::kZhHalf
                                           : date_rules::kZhQuarter;
    return;
  }
  if (const DateWord* w = Fwd(q, KindBit(DateWordKind::kCumulative), &e)) {
    const NumberMatch* m = NumAt(e);
    size_t qe = 0;
    if (m != nullptr && ZhQuarter(*m, &qe)) {
      c->grain = DateGrain::kQuarter;
      c->month = static_cast<int>(m->value);
      c->end = qe;
      c->relation = w->relation;
      c->rule = date_rules::kZhQuarter;
      return;
    }
  }
  if (const NumberMatch* m = NumAt(q)) {
    size_t qe = 0;
    if (ZhQuarter(*m, &qe)) {
      c->grain = DateGrain::kQuarter;
      c->month = static_cast<int>(m->value);
      c->end = qe;
      c->rule = date_rules::kZhQuarter;
      return;
    }
    int mo = IntValue(*m, 1, 12, false);
    if (mo > 0 && NumText(*m) != "两") {
      size_t s = Spaces(m->span.end, 1);
      if (Fwd(s, KindBit(DateWordKind::kMonthSuffix), &e) != nullptr) {
        c->grain = DateGrain::kMonth;
        c->month = mo;
        c->end = e;
        c->rule = date_rules::kZhYearMonth;
        ZhMonthRest(c);
        return;
      }
      // 2025年1-10月: the first month of a range.
      size_t ce = 0;
      if (Fwd(s, KindBit(DateWordKind::kConnector), &ce) != nullptr) {
        const NumberMatch* m2 = NumAt(Spaces(ce, 1));
        size_t se = 0;
        if (m2 != nullptr && IntValue(*m2, mo + 1, 12, false) > 0 &&
            Fwd(Spaces(m2->span.end, 1), KindBit(DateWordKind::kMonthSuffix),
                &se)) {
          c->grain = DateGrain::kMonth;
          c->month = mo;
          c->end = m->span.end;
          c->rule = date_rules::kZhYearMonth;
          range_year_ = c->year;
          return;
        }
      }
    }
  }
  if (const DateWord* w = Fwd(c->end, KindBit(DateWordKind::kPartAfter), &e)) {
    if (w->part != DatePart::kNone) {
      c->part = w->part;
      c->end = e;
    }
  }
}

void Parser::ZhMonthRest(Core* c) const {
  size_t q = Spaces(c->end, 1), e = 0;
  if (const NumberMatch* m = NumAt(q)) {
    int d = IntValue(*m, 1, 31, false);
    size_t s = Spaces(m->span.end, 1);
    if (d > 0 && Fwd(s, KindBit(DateWordKind::kDaySuffix), &e) != nullptr &&
        d <= DaysInMonth(c->year, c->month)) {
      c->grain = DateGrain::kDay;
      c->day = d;
      c->end = e;
      if (c->rule == date_rules::kZhYearMonth) {
        c->rule = date_rules::kZhYmd;
      } else if (c->rule == date_rules::kZhMonth) {
        c->rule = date_rules::kZhMonthDay;
      }
      return;
    }
  }
  if (const DateWord* w = Fwd(c->end, KindBit(DateWordKind::kPartAfter), &e)) {
    if (w->part != DatePart::kNone) {
      c->part = w->part;
      c->end = e;
    }
  }
}

bool Parser::BorrowRange(const NumberMatch& m, Core* c) {
  size_t q = Spaces(m.span.end, 1), ce = 0;
  if (Fwd(q, KindBit(DateWordKind::kConnector), &ce) == nullptr) return false;
  const NumberMatch* m2 = NumAt(Spaces(ce, 1));
  if (m2 == nullptr) return false;
  size_t se = 0;
  const DateWord* suf = Fwd(Spaces(m2->span.end, 1), kSuffixes, &se);
  if (suf == nullptr) return false;
  *c = Core();
  c->begin = m.span.begin;
  c->end = m.span.end;
  if (suf->kind == DateWordKind::kYearSuffix) {
    int y = YearValue(m, 1000, 2199), y2 = YearValue(*m2, 1000, 2199);
    if (y < 0 || y2 <= y) return false;
    c->grain = DateGrain::kYear;
    c->year = y;
    c->rule = date_rules::kYear;
    return true;
  }
  if (suf->kind == DateWordKind::kMonthSuffix) {
    int mo = IntValue(m, 1, 12, false);
    if (mo < 0 || IntValue(*m2, mo + 1, 12, false) < 0) return false;
    c->grain = DateGrain::kMonth;
    c->month = mo;
    // The year of the range's end month: 1-10月 in November is this year's.
    c->year = range_year_ != 0 ? range_year_
                               : YearForMonth(static_cast<int>(m2->value));
    c->relative = range_year_ == 0;
    c->rule = date_rules::kZhMonth;
    return true;
  }
  return false;
}

bool Parser::ParseNumber(const NumberMatch& m, bool in_range, Core* c) {
  *c = Core();
  c->begin = m.span.begin;
  c->end = m.span.end;
  if (m.flags & kNumberDecade) {
    int y = static_cast<int>(m.value);
    if (y < 1000 || y > 2190 || y % 10 != 0 || y != m.value) return false;
    c->grain = DateGrain::kDecade;
    c->year = y;
    c->allow_the = true;
    c->rule = date_rules::kDecade;
    return true;
  }
  int v = IntValue(m, 0, 9999, true);
  if (v < 0) return false;
  bool ordinal = m.form == NumberForm::kOrdinal;
  size_t q = Spaces(m.span.end, 1), se = 0;
  // The suffixes are Chinese: no lookup before an ASCII byte.
  const DateWord* suf = At(q) >= 0x80 ? Fwd(q, kSuffixes, &se) : nullptr;
  if (suf != nullptr) {
    switch (suf->kind) {
      case DateWordKind::kDecadeSuffix: {
        if (ordinal || v % 10 != 0) return false;
        int y = v >= 1000 && v <= 2190 ? v
                : v < 30               ? 2000 + v
                : v < 100              ? 1900 + v
                                       : -1;
        if (y < 0) return false;
        c->grain = DateGrain::kDecade;
        c->year = y;
        c->end = se;
        c->rule = date_rules::kZhDecade;
        return true;
      }
      case DateWordKind::kCenturySuffix: {
        if (ordinal || v < 1 || v > 21) return false;
        const NumberMatch* m2 = NumAt(se);
        size_t de = 0;
        if (m2 == nullptr || IntValue(*m2, 0, 90, false) < 0 ||
            static_cast<int>(m2->value) % 10 != 0 ||
            Fwd(m2->span.end, KindBit(DateWordKind::kDecadeSuffix), &de) ==
                nullptr) {
          return false;
        }
        c->grain = DateGrain::kDecade;
        c->year = (v - 1) * 100 + static_cast<int>(m2->value);
        c->end = de;
        c->rule = date_rules::kZhDecade;
        return true;
      }
      case DateWordKind::kYearSuffix: {
        int y = YearValue(m, 1000, 2199);
        if (y < 0 || ((y < 1900 || y > 2100) && y % 100 == 0)) return false;
        if (AmountBefore(m.span.begin)) return false;
        size_t ne = 0;
        if (Fwd(se, KindBit(DateWordKind::kNotYearSuffix), &ne) != nullptr)
          return false;
        c->grain = DateGrain::kYear;
        c->year = y;
        c->end = se;
        c->rule = date_rules::kZhYear;
        ZhYearRest(c);
        return true;
      }
      case DateWordKind::kMonthSuffix: {
        int mo = IntValue(m, 1, 12, false);
        if (mo < 0 || NumText(m) == "两" || AmountBefore(m.span.begin))
          return false;
        c->grain = DateGrain::kMonth;
        c->month = mo;
        c->end = se;
        if (range_year_ != 0 && in_range) {
          c->year = range_year_;
        } else {
          c->year = YearForMonth(mo);
          c->relative = true;
        }
        c->rule = date_rules::kZhMonth;
        ZhMonthRest(c);
        return true;
      }
      case DateWordKind::kQuarterSuffix: {
        size_t qe = 0;
        if (!ZhQuarter(m, &qe) || AmountBefore(m.span.begin)) return false;
        c->grain = DateGrain::kQuarter;
        c->month = v;
        c->end = qe;
        c->year = anchor_.year;
        c->relative = true;
        c->rule = date_rules::kZhQuarter;
        size_t cb = 0;
        if (const DateWord* cw =
                Back(m.span.begin, KindBit(DateWordKind::kCumulative), &cb)) {
          c->begin = cb;
          c->relation = cw->relation;
        }
        return true;
      }
      default:
        return false;  // a bare day (9日) is not a date for now
    }
  }
  // 2024-12: ISO year and month. The month number is smaller than the
  // year's last two digits, so it cannot be the end of a range (2010-11 is
  // a range, 2012-11 a month).
  int year = YearValue(m, 1000, 2199);
  if (year > 0 && At(m.span.end) == '-') {
    const NumberMatch* m2 = NumAt(m.span.end + 1);
    if (m2 != nullptr && m2->span.end - m2->span.begin == 2 &&
        IsAsciiDigits(NumText(*m2)) && !IsAlnum(At(m2->span.end)) &&
        At(m2->span.end) != '%' &&
        !(At(m2->span.end) == '-' && IsDigit(At(m2->span.end + 1)))) {
      int mo = IntValue(*m2, 1, 12, false);
      if (mo > 0 && mo <= year % 100) {
        c->grain = DateGrain::kMonth;
        c->year = year;
        c->month = mo;
        c->end = m2->span.end;
        c->rule = date_rules::kIso;
        return true;
      }
    }
  }
  if (BorrowRange(m, c)) return true;
  // 1 December 2025, 1st December
  if (v >= 1 && v <= 31 && IsDigit(At(m.span.begin)) &&
      YearValue(m, 1000, 2199) < 0) {
    size_t mq = Spaces(m.span.end), me = 0;
    const DateWord* mw = mq != m.span.end
                             ? Fwd(mq, KindBit(DateWordKind::kMonth), &me)
                             : nullptr;
    if (mw != nullptr) {
      c->grain = DateGrain::kDay;
      c->month = mw->value;
      c->day = v;
      c->end = me;
      c->rule = date_rules::kEnDayMonth;
      size_t yq = Spaces(me);
      const NumberMatch* ym = yq != me ? NumAt(yq) : nullptr;
      int y = ym != nullptr ? YearValue(*ym, 1000, 2199) : -1;
      if (y > 0) {
        c->year = y;
        c->end = ym->span.end;
      } else {
        c->year = YearForMonth(mw->value);
        c->relative = true;
      }
      return v <= DaysInMonth(c->year, c->month);
    }
  }
  // "Room 2024-2030": the end of something the scanner did not keep.
  bool after_dash =
      m.span.begin >= 2 &&
      (At(m.span.begin - 1) == '-' || At(m.span.begin - 1) == '/') &&
      IsDigit(At(m.span.begin - 2));
  if (!ordinal && (in_range || !after_dash) && BareYearOk(m, in_range)) {
    c->grain = DateGrain::kYear;
    c->year = v;
    c->bare = true;
    c->rule = date_rules::kYearBare;
    return true;
  }
  return false;
}

// ----------------------------------------------------------------- output

void Parser::Emit(const Core& c, size_t begin, size_t end, DateRelation rel) {
  DateMention d;
  d.span = Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  d.grain = std::string(DateGrainName(c.grain));
  if (c.year > 0 && c.year <= 9999) {
    d.value = FormatDate(c.grain, c.year, c.month, c.day);
    if (c.grain != DateGrain::kDecade) last_year_ = c.year;
  }
  d.relation = std::string(DateRelationName(rel));
  d.part = std::string(DatePartName(c.part));
  d.relative = c.relative;
  d.rule = c.rule;
  out_->push_back(std::move(d));
  floor_ = end;
}

size_t Parser::Finish(Core a) {
  size_t begin = a.begin;
  if (begin < floor_) return 0;
  size_t tb = 0;
  if (a.allow_the && EndsWithWord(SpacesBack(begin), "the", &tb) &&
      SpacesBack(begin) != begin) {
    begin = tb;
  }
  // A relation word before: adjacent (到2030年) or after spaces (by 2030).
  DateRelation rel = a.relation;
  bool between = false;
  size_t rb = 0;
  size_t t = SpacesBack(begin);
  const DateWord* rw = Back(t, KindBit(DateWordKind::kRelationBefore), &rb);
  if (rw != nullptr) {
    if (rw->relation != DateRelation::kNone) {
      if (rel == DateRelation::kPlain) rel = rw->relation;
      between = rw->text == "between";
      begin = rb;
    }
  }
  // "rose by 2000", "fell to 2010": an amount, unless a range of years
  // follows ("grew from 2015 through 2020").
  size_t cb = 0;
  bool change_word = a.bare &&
                     (rel == DateRelation::kBy || rel == DateRelation::kTo ||
                      rel == DateRelation::kFrom) &&
                     Back(SpacesBack(begin), KindBit(DateWordKind::kChangeWord),
                          &cb) != nullptr;
  // A relation word after: 以来, 前, onwards.
  size_t end = a.end;
  bool after = false;
  size_t ae = 0;
  size_t aq = At(end) == ' ' ? end + 1 : end;
  const DateWord* aw = Fwd(aq, KindBit(DateWordKind::kRelationAfter), &ae);
  if (aw != nullptr && aw->en == (aq != end) &&
      aw->relation != DateRelation::kNone && NumAt(ae) == nullptr) {
    rel = aw->relation;
    end = ae;
    after = true;
  }
  // A month name alone needs a relation word ("in May"); "to May" is too
  // often a person (Theresa May).
  if (a.month_alone &&
      (rel == DateRelation::kPlain || rel == DateRelation::kTo)) {
    return 0;
  }

  // A range: connector, then a second date.
  if (!after) {
    size_t q = Spaces(end), ce = 0;
    const DateWord* cw = Fwd(q, KindBit(DateWordKind::kConnector), &ce);
    if (cw != nullptr && (cw->relation != DateRelation::kAnd || between)) {
      unsigned char c0 = static_cast<unsigned char>(cw->text[0]);
      bool symbol = c0 < 0x80 && !IsAlnum(c0);  // "-", "~": not in the span
      size_t q2 = Spaces(ce);
      Core b;
      bool ok = false;
      const NumberMatch* m2 = NumAt(q2);
      // 2022-24: a two-digit end year right after a dash.
      if (a.grain == DateGrain::kYear && symbol && q == end && q2 == ce &&
          m2 != nullptr && m2->span.end - m2->span.begin == 2 &&
          IsAsciiDigits(NumText(*m2)) && a.year > 0 &&
          At(m2->span.end) != '%') {
        int y2 = a.year / 100 * 100 + static_cast<int>(m2->value);
        if (y2 > a.year) {
          b = Core();
          b.begin = q2;
          b.end = m2->span.end;
          b.grain = DateGrain::kYear;
          b.year = y2;
          b.rule = date_rules::kYear;
          ok = true;
        }
      }
      if (!ok) {
        size_t saved_floor = floor_;
        floor_ = q2;  // the second date reads no context before itself
        ok = ParseAt(q2, true, &b);
        floor_ = saved_floor;
        if (ok && (a.bare || change_word) && b.grain != DateGrain::kYear) {
          ok = false;
        }
      }
      if (ok) {
        Core first = a;
        // 1月至10月 in November: both months of the same year, the first
        // one's year follows the second's.
        if (first.relative && b.relative && b.year > 0 &&
            (first.grain == DateGrain::kMonth ||
             first.grain == DateGrain::kDay) &&
            (b.grain == DateGrain::kMonth || b.grain == DateGrain::kDay)) {
          first.year = first.month <= b.month ? b.year : b.year - 1;
        }
        if (first.bare) first.rule = date_rules::kYear;
        if (b.bare) b.rule = date_rules::kYear;
        // "in 2022-24" is the range's start; "since 2020-22" keeps since.
        DateRelation first_rel =
            rel == DateRelation::kPlain || rel == DateRelation::kIn
                ? DateRelation::kFrom
                : rel;
        Emit(first, begin, end, first_rel);
        Emit(b, symbol ? b.begin : q, b.end, DateRelation::kTo);
        range_year_ = 0;
        return b.end;
      }
    }
  }
  range_year_ = 0;
  if (change_word) return 0;
  if (a.bare && (rel != DateRelation::kPlain || a.part != DatePart::kWhole)) {
    a.rule = date_rules::kYear;
  }
  Emit(a, begin, end, rel);
  return end;
}

// Word scanning, eight bytes at a time (SWAR). For each byte of `w` the
// result has the byte's high bit set when the byte is an ASCII letter or
// digit; bytes >= 0x80 never are.
constexpr uint64_t kHigh = 0x8080808080808080ull;
constexpr uint64_t Rep(unsigned char c) { return 0x0101010101010101ull * c; }
inline uint64_t AtLeast(uint64_t w, unsigned char c) {  // per byte: w >= c
  return ((w | kHigh) - Rep(c)) & kHigh;
}
inline uint64_t AlnumBits(uint64_t w) {
  uint64_t l = w | Rep(0x20);
  uint64_t letter = AtLeast(l, 'a') & ~AtLeast(l, 'z' + 1);
  uint64_t digit = AtLeast(w, '0') & ~AtLeast(w, '9' + 1);
  return (letter | digit) & ~(w & kHigh);
}
inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;  // little-endian assumed: byte i is bits 8i..8i+7
}

// The end of the run of ASCII letters and digits starting at p.
inline size_t WordEnd(const char* s, size_t p, size_t n) {
  while (p + 8 <= n) {
    uint64_t other = ~AlnumBits(Load8(s + p)) & kHigh;
    if (other != 0) return p + (std::countr_zero(other) >> 3);
    p += 8;
  }
  while (p < n && kAlnum[static_cast<unsigned char>(s[p])]) ++p;
  return p;
}

// The high bits of the eight bytes of x (each 0x80 or 0), as eight bits.
inline uint64_t PackHigh(uint64_t x) {
  return (x * 0x0002040810204081ull) >> 56;
}

// The code point of the three-byte UTF-8 sequence at p (not validated: a
// broken sequence gives some code point, and Forward compares bytes).
inline char32_t Cjk(const char* p) {
  return (static_cast<char32_t>(p[0] & 0x0F) << 12) |
         (static_cast<char32_t>(p[1] & 0x3F) << 6) |
         static_cast<char32_t>(p[2] & 0x3F);
}

// The first word in text[pos, limit] that can begin a date (a starter of
// DateWords, not hidden by a block word), or an ISO date. Looks at word
// starts only, found 64 (in short gaps 8) bytes at a time: an ASCII word
// costs its key and one bit test (DateWords::MayMatter), a CJK character
// one bit test.
bool Parser::FindStarter(size_t pos, size_t limit, size_t* at,
                         const DateWord** w, size_t* wend) const {
  const size_t n = text_.size();
  const char* s = text_.data();
  auto try_at = [&](size_t p) {
    const DateWord* x = words_.Forward(text_, p, DateWords::kStarters, wend);
    if (x == nullptr || words_.Blocked(text_, p, x)) return false;
    *at = p;
    *w = x;
    return true;
  };
  auto key_at = [&](size_t b, size_t e) {
    return DateWords::WordKey(text_.substr(b, e - b));
  };
  // The start of the previous ASCII word (npos after other text): a
  // phrase is found at its second word and starts at the previous one
  // ("the previous year").
  size_t prev_start = std::string_view::npos;
  // The ASCII word text[start, end): true when a date starts there or at
  // the previous word. (Inlined: it runs for every word of English text.)
  auto on_word = [&](size_t start, size_t end) __attribute__((always_inline)) {
    unsigned char c = static_cast<unsigned char>(s[start]);
    size_t before = prev_start;
    prev_start = start;
    bool capital = c >= 'A' && c <= 'Z';
    uint32_t key = DateWords::WordKeyAt(s + start, end - start, n - start);
    if (IsDigit(c) && start < limit) {  // digits the scanner did not take
      Core iso;
      if (IsoAt(start, &iso)) {
        *at = start;
        *w = nullptr;
        *wend = iso.end;
        return true;
      }
    }
    if (!words_.MayMatter(key, capital)) return false;  // most words
    // A phrase that began at the previous word, which ends one space or
    // hyphen before this one.
    if (before != std::string_view::npos && start >= 2 &&
        (s[start - 1] == ' ' || s[start - 1] == '-') &&
        kAlnum[static_cast<unsigned char>(s[start - 2])] &&
        words_.MayStartPair(key_at(before, start - 1), key) && try_at(before)) {
      return true;
    }
    return words_.MayStartWord(key, capital) && try_at(start);
  };
  // Non-ASCII text from the lead byte at p: a run of three-byte characters
  // (CJK) costs one bit test per character, a second one on a hit.
  // Returns where the run ends, or npos when a date starts in it.
  auto on_other = [&](size_t p) {
    prev_start = std::string_view::npos;
    while (true) {
      while (p + 2 < n && p <= limit &&
             (static_cast<unsigned char>(s[p]) & 0xF0) == 0xE0) {
        char32_t cp = Cjk(s + p);
        if (words_.MayStartDate(cp) && p + 5 < n &&
            (static_cast<unsigned char>(s[p + 3]) & 0xF0) == 0xE0 &&
            words_.MayStartDate(cp, Cjk(s + p + 3)) && try_at(p)) {
          return std::string_view::npos;
        }
        p += 3;
      }
      // Across ASCII punctuation and spaces (NFKC made ，（） ASCII) to the
      // next CJK character, so Chinese text stays in this loop.
      size_t q = p;
      while (q < n && q <= limit && static_cast<unsigned char>(s[q]) < 0x80 &&
             !kAlnum[static_cast<unsigned char>(s[q])]) {
        ++q;
      }
      if (q == p || q + 2 >= n || q > limit ||
          (static_cast<unsigned char>(s[q]) & 0xF0) != 0xE0) {
        break;
      }
      p = q;
    }
    if (p < n && p <= limit && static_cast<unsigned char>(s[p]) >= 0x80) {
      size_t len = 0;
      char32_t cp = DecodeUtf8(text_, p, &len);
      if (words_.MayStartDate(cp) && try_at(p)) return std::string_view::npos;
      p += len;
    }
    return p;
  };

  size_t p = pos;
  if (p > 0 && p < n && kAlnum[static_cast<unsigned char>(s[p])] &&
      kAlnum[static_cast<unsigned char>(s[p - 1])]) {
    p = WordEnd(s, p, n);  // inside a word: not a word start
  }
  bool prev_alnum =
      p > 0 && p <= n && kAlnum[static_cast<unsigned char>(s[p - 1])];
  if (prev_alnum) {  // the word that ends at p ("first" of "first quarter")
    size_t b = p - 1;
    while (b > floor_ && p - b < 16 &&
           kAlnum[static_cast<unsigned char>(s[b - 1])])
      --b;
    if (b >= floor_ &&
        (b == 0 || !kAlnum[static_cast<unsigned char>(s[b - 1])])) {
      prev_start = b;
    }
  }
  // 64 bytes at a time: one bit per byte for word starts, lead bytes and
  // letters or digits, then a walk over the set bits (one branch per
  // word or CJK run, not per byte).
  while (p + 64 <= n && p + 48 <= limit) {  // (short gaps: 8 at a time)
    uint64_t starts = 0, leads = 0, alnum = 0;
    for (int k = 0; k < 8; ++k) {
      uint64_t chunk = Load8(s + p + 8 * k);
      uint64_t a = AlnumBits(chunk);
      uint64_t st = a & ~((a << 8) | (prev_alnum ? 0x80 : 0));
      prev_alnum = (a >> 63) != 0;
      starts |= PackHigh(st) << (8 * k);
      leads |= PackHigh(chunk & (chunk << 1) & kHigh) << (8 * k);
      alnum |= PackHigh(a) << (8 * k);
    }
    size_t next = p + 64;
    uint64_t stops = starts | leads;
    while (stops != 0) {
      int i = std::countr_zero(stops);
      stops &= stops - 1;
      size_t q = p + i;
      if (q > limit) return false;
      if ((leads >> i) & 1) {
        size_t e = on_other(q);
        if (e == std::string_view::npos) return true;
        if (e >= next || e < q + 3) {  // the run left the block
          next = e;
          prev_alnum = false;
          break;
        }
        stops &= ~uint64_t{0} << (e - p);  // lead bytes inside the run
        continue;
      }
      // The word's end: the first byte after it that is not a letter or
      // digit, in this block or beyond.
      uint64_t other = ~alnum & (~uint64_t{0} << i);
      size_t end =
          other != 0 ? p + std::countr_zero(other) : WordEnd(s, next, n);
      if (on_word(q, end)) return true;
    }
    if (next > p + 64) {  // after a CJK run: where the run ended
      prev_alnum = next > 0 && kAlnum[static_cast<unsigned char>(s[next - 1])];
    }
    p = next;
  }
  // Eight bytes at a time: the word starts and lead bytes of a chunk.
  while (p + 8 <= n && p <= limit) {
    uint64_t chunk = Load8(s + p);
    uint64_t a = AlnumBits(chunk);
    uint64_t stops = (a & ~((a << 8) | (prev_alnum ? 0x80 : 0))) |
                     (chunk & (chunk << 1) & kHigh);
    size_t next = p + 8;
    prev_alnum = (a >> 63) != 0;
    while (stops != 0) {
      int bit = std::countr_zero(stops);
      stops &= stops - 1;
      size_t q = p + (bit >> 3);
      if (q > limit) return false;
      if (!((a >> bit) & 1)) {  // a lead byte
        size_t e = on_other(q);
        if (e == std::string_view::npos) return true;
        if (e >= next || e < q + 3) {  // the run left the chunk
          next = e;
          prev_alnum = false;
          break;
        }
        stops &= ~uint64_t{0} << ((e - p) * 8);  // lead bytes inside the run
        continue;
      }
      // The word's end; the scan goes on with the next chunk (the rest of
      // a long word holds no stop).
      if (on_word(q, WordEnd(s, q, n))) return true;
    }
    p = next;
  }
  // The tail, byte by byte.
  while (p < n && p <= limit) {
    unsigned char c = static_cast<unsigned char>(s[p]);
    if (c >= 0xC0) {
      size_t e = on_other(p);
      if (e == std::string_view::npos) return true;
      p = e > p ? e : p + 1;
      prev_alnum = false;
      continue;
    }
    if (kAlnum[c] && !prev_alnum) {
      size_t end = WordEnd(s, p, n);
      if (on_word(p, end)) return true;
      p = end;
      prev_alnum = true;
      continue;
    }
    prev_alnum = kAlnum[c];
    ++p;
  }
  return false;
}

void Parser::Run() {
  const size_t n = text_.size();
  size_t pos = 0, ni = 0;
  while (pos < n) {
    while (ni < nums_.size() && nums_[ni].span.begin < pos) ++ni;
    size_t limit = ni < nums_.size() ? nums_[ni].span.begin : n;
    size_t at = 0, wend = 0;
    const DateWord* w = nullptr;
    if (FindStarter(pos, limit, &at, &w, &wend)) {
      Core c;
      bool ok = false;
      ok = w == nullptr ? IsoAt(at, &c) : ParseWord(at, *w, wend, false, &c);
      size_t e = ok ? Finish(c) : 0;
      pos = e != 0 ? e : std::max(wend, at + 1);
      continue;
    }
    if (ni >= nums_.size()) break;
    Core c;
    const NumberMatch& m = nums_[ni];
    // 2026-1-5: an ISO date the scanner read as numbers.
    bool ok = (IsDigit(At(m.span.begin)) && IsoAt(m.span.begin, &c)) ||
              ParseNumber(m, false, &c);
    size_t e = ok ? Finish(c) : 0;
    if (e != 0) {
      pos = e;
    } else {
      pos = nums_[ni].span.end;
      ++ni;
    }
    range_year_ = 0;
  }
}

}  // namespace

DateAnchor DateAnchor::FromPublishedAt(std::string_view s) {
  DateAnchor a;
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  auto digits = [&](int n, int* v) {
    *v = 0;
    for (int k = 0; k < n; ++k, ++i) {
      if (i >= s.size() || !IsDigit(static_cast<unsigned char>(s[i])))
        return false;
      *v = *v * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(4, &y) || y < 1000 || y > 9999) return {};
  if (i < s.size() && IsDigit(static_cast<unsigned char>(s[i]))) return {};
  a.year = y;
  if (i >= s.size() || (s[i] != '-' && s[i] != '/')) return a;
  char sep = s[i++];
  if (!digits(2, &m) || m < 1 || m > 12) return {};
  a.month = m;
  if (i >= s.size() || s[i] != sep) return a;
  ++i;
  if (!digits(2, &d) || d < 1 || d > DaysInMonth(y, m)) return {};
  if (i < s.size() && IsDigit(static_cast<unsigned char>(s[i]))) return {};
  a.day = d;
  return a;
}

Result<std::unique_ptr<DateExtractor>> DateExtractor::Load(
    const std::string& lexicon_dir) {
  auto words = DateWords::Load(lexicon_dir);
  if (!words.ok()) return words.status();
  return std::unique_ptr<DateExtractor>(
      new DateExtractor(std::move(words).value()));
}

void DateExtractor::Extract(std::string_view text,
                            const std::vector<NumberMatch>& numbers,
                            const DateAnchor& anchor,
                            std::vector<DateMention>* out) const {
  Parser parser(words_, text, numbers, anchor, out);
  parser.Run();
}

}  // namespace factmine
