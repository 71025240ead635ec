// Exact decimal arithmetic for numerals (see number_value.h).
#include "extractors/numbers/number_value.h"

#include <charconv>
#include <cmath>
#include <numeric>

namespace factmine {

namespace {

constexpr uint64_t kMaxExactDoubleInt = uint64_t{1} << 53;

constexpr double kExactPow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int DigitCount(uint64_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

// Drops the lowest digit of d (d.exp grows by one).
void DropDigit(DecimalNumber* d) {
  if (d->mant % 10 != 0) d->inexact = true;
  d->mant /= 10;
  d->exp += 1;
}

// Brings a and b to the same exponent, scaling the one with the larger
// exponent up while it fits and dropping digits of the other otherwise.
void Align(DecimalNumber* a, DecimalNumber* b) {
  DecimalNumber* hi = a->exp > b->exp ? a : b;
  DecimalNumber* lo = a->exp > b->exp ? b : a;
  if (hi->mant == 0) {
    hi->exp = lo->exp;
    return;
  }
  if (lo->mant == 0) {
    lo->exp = hi->exp;
    return;
  }
  while (hi->exp > lo->exp && hi->mant <= UINT64_MAX / 10) {
    hi->mant *= 10;
    hi->exp -= 1;
  }
  if (hi->exp - lo->exp > 40) {  // lo is below the 19-digit precision
    if (lo->mant != 0) lo->inexact = true;
    lo->mant = 0;
    lo->exp = hi->exp;
    return;
  }
  while (lo->exp < hi->exp) DropDigit(lo);
}

}  // namespace

std::string_view NumeralStatusName(NumeralStatus s) {
  switch (s) {
    case NumeralStatus::kOk:
      return "ok";
    case NumeralStatus::kEmpty:
      return "empty";
    case NumeralStatus::kInvalid:
      return "invalid";
    case NumeralStatus::kOverflow:
      return "overflow";
  }
  return "invalid";
}

DecimalNumber DecimalNumber::Trimmed() const {
  DecimalNumber d = *this;
  if (d.mant == 0) {
    d.exp = 0;
    return d;
  }
  while (d.mant % 10 == 0) {
    d.mant /= 10;
    d.exp += 1;
  }
  return d;
}

int DecimalNumber::CompareToPow10(int e) const {
  if (mant == 0) return -1;
  DecimalNumber t = Trimmed();
  int order =
      DigitCount(t.mant) - 1 + t.exp;  // value in [10^order, 10^(order+1))
  if (order != e) return order < e ? -1 : 1;
  return t.mant == 1 ? 0 : 1;
}

bool DecimalNumber::IsInteger() const {
  DecimalNumber t = Trimmed();
  return t.mant == 0 || t.exp >= 0;
}

NumeralStatus DecimalNumber::ToDouble(double* out) const {
  DecimalNumber t = Trimmed();
  if (t.mant == 0) {
    *out = 0;
    return NumeralStatus::kOk;
  }
  int order = DigitCount(t.mant) - 1 + t.exp;
  if (order > 24 || order < -300) return NumeralStatus::kOverflow;
  double v;
  if (t.mant <= kMaxExactDoubleInt && t.exp >= -22 && t.exp <= 22) {
    // Both operands are exact doubles: one correctly rounded operation.
    v = t.exp >= 0 ? static_cast<double>(t.mant) * kExactPow10[t.exp]
                   : static_cast<double>(t.mant) / kExactPow10[-t.exp];
  } else {
    char buf[48];
    auto r = std::to_chars(buf, buf + 24, t.mant);
    *r.ptr++ = 'e';
    r = std::to_chars(r.ptr, buf + sizeof(buf), t.exp);
    auto fr = std::from_chars(buf, r.ptr, v);
    if (fr.ec != std::errc()) return NumeralStatus::kOverflow;
  }
  if (!std::isfinite(v) || std::fabs(v) > kMaxNumberMagnitude) {
    return NumeralStatus::kOverflow;
  }
  *out = negative ? -v : v;
  return NumeralStatus::kOk;
}

DecimalNumber Mul(const DecimalNumber& a0, const DecimalNumber& b0) {
  DecimalNumber a = a0.Trimmed(), b = b0.Trimmed();
  DecimalNumber r;
  r.negative = a.negative != b.negative;
  r.inexact = a.inexact || b.inexact;
  if (a.mant == 0 || b.mant == 0) return r;
  // Exponents of real numerals are tiny; clamp absurd ones so the sum
  // cannot overflow int32 (ToDouble then reports kOverflow).
  auto clamp = [](int64_t e) {
    return static_cast<int32_t>(e > 100000    ? 100000
                                : e < -100000 ? -100000
                                              : e);
  };
  uint64_t m;
  while (__builtin_mul_overflow(a.mant, b.mant, &m)) {
    DropDigit(a.mant >= b.mant ? &a : &b);
  }
  r.mant = m;
  r.exp = clamp(int64_t{a.exp} + b.exp);
  r.inexact = r.inexact || a.inexact || b.inexact;
  return r;
}

DecimalNumber MulPow10(const DecimalNumber& a, int e) {
  DecimalNumber r = a;
  int64_t ne = int64_t{a.exp} + e;
  r.exp = static_cast<int32_t>(ne > 100000    ? 100000
                               : ne < -100000 ? -100000
                                              : ne);
  return r;
}

DecimalNumber Add(const DecimalNumber& a0, const DecimalNumber& b0) {
  DecimalNumber a = a0.Trimmed(), b = b0.Trimmed();
  if (a.mant == 0) return b0;
  if (b.mant == 0) return a0;
  Align(&a, &b);
  DecimalNumber r;
  r.exp = a.exp;
  r.inexact = a.inexact || b.inexact;
  if (a.negative == b.negative) {
    r.negative = a.negative;
    uint64_t s;
    while (__builtin_add_overflow(a.mant, b.mant, &s)) {
      DropDigit(&a);
      DropDigit(&b);
      r.exp = a.exp;
      r.inexact = r.inexact || a.inexact || b.inexact;
    }
    r.mant = s;
  } else if (a.mant >= b.mant) {
    r.negative = a.negative;
    r.mant = a.mant - b.mant;
  } else {
    r.negative = b.negative;
    r.mant = b.mant - a.mant;
  }
  return r.Trimmed();
}

NumeralStatus ParseDecimalDigits(std::string_view s, DecimalNumber* out,
                                 size_t max_digits) {
  if (s.empty()) return NumeralStatus::kEmpty;
  DecimalNumber d;
  size_t i = 0, int_digits = 0, frac_digits = 0, significant = 0;
  bool point = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (point || int_digits == 0) return NumeralStatus::kInvalid;
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return NumeralStatus::kInvalid;
    point ? ++frac_digits : ++int_digits;
    if (int_digits + frac_digits > max_digits) {
      return point ? NumeralStatus::kInvalid : NumeralStatus::kOverflow;
    }
    unsigned digit = static_cast<unsigned>(c - '0');
    if (significant == 0 && digit == 0) {
      if (point) d.exp -= 1;
      continue;  // leading zero
    }
    if (significant < 19) {
      d.mant = d.mant * 10 + digit;
      ++significant;
      if (point) d.exp -= 1;
    } else {
      if (digit != 0) d.inexact = true;
      if (!point) d.exp += 1;
      ++significant;
    }
  }
  if (int_digits == 0 || (point && frac_digits == 0)) {
    return NumeralStatus::kInvalid;
  }
  if (d.mant == 0) d.exp = 0;
  *out = d.Trimmed();
  out->inexact = d.inexact;
  return NumeralStatus::kOk;
}

void SetFromDecimal(const DecimalNumber& d, ParsedNumber* out) {
  double v = 0;
  NumeralStatus s = d.ToDouble(&v);
  out->status = s;
  if (s != NumeralStatus::kOk) {
    out->value = 0;
    return;
  }
  out->value = v;
  out->exact = out->exact && !d.inexact;
}

void SetFromRatio(const DecimalNumber& num, const DecimalNumber& den0,
                  ParsedNumber* out) {
  DecimalNumber den = den0.Trimmed();
  if (den.mant == 0) {
    out->status = NumeralStatus::kInvalid;
    return;
  }
  if (den.mant == 1) {  // a power of ten: exact decimal shift
    DecimalNumber q = MulPow10(num, -den.exp);
    q.negative = num.negative != den.negative;
    SetFromDecimal(q, out);
    return;
  }
  double n = 0, d = 0;
  NumeralStatus sn = num.ToDouble(&n), sd = den.ToDouble(&d);
  if (sn != NumeralStatus::kOk || sd != NumeralStatus::kOk) {
    out->status = NumeralStatus::kOverflow;
    return;
  }
  double v = n / d;
  if (!std::isfinite(v) || std::fabs(v) > kMaxNumberMagnitude) {
    out->status = NumeralStatus::kOverflow;
    return;
  }
  out->status = NumeralStatus::kOk;
  out->value = v;
  // The ratio terminates in decimal iff the reduced denominator has no
  // prime factors other than 2 and 5.
  DecimalNumber nt = num.Trimmed();
  uint64_t dm = den.mant;
  if (nt.mant != 0) dm /= std::gcd(nt.mant, dm);
  while (dm % 2 == 0) dm /= 2;
  while (dm % 5 == 0) dm /= 5;
  out->exact = out->exact && dm == 1 && !num.inexact && !den.inexact;
}

char32_t DecodeUtf8Before(std::string_view s, size_t pos, size_t* len) {
  if (pos == 0) {
    *len = 0;
    return 0;
  }
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 &&
         (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t n = 0;
  char32_t c = DecodeUtf8(s, start, &n);
  if (start + n != pos) {  // not a well-formed sequence ending at pos
    *len = 1;
    return 0xFFFD;
  }
  *len = n;
  return c;
}

namespace {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Number of ASCII digits starting at s[i].
size_t DigitRun(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  return j - i;
}

}  // namespace

ArabicLex LexArabicNumber(std::string_view s, size_t pos) {
  ArabicLex lex;
  constexpr size_t kMaxDigits = 64;
  // Digits without separators, capped; beyond the cap only count.
  char buf[kMaxDigits + 2];
  size_t nbuf = 0, total_digits = 0;
  auto take = [&](size_t from, size_t n) {
    for (size_t k = 0; k < n; ++k) {
      if (nbuf < kMaxDigits) buf[nbuf++] = s[from + k];
    }
    total_digits += n;
  };
  size_t i = pos;
  size_t first = DigitRun(s, i);
  take(i, first);
  i += first;
  // Thousands separators: only when the first group has 1-3 digits. The
  // groups are accepted up to the last 3-digit group.
  if (first <= 3) {
    size_t j = i, good_end = i;
    while (j + 1 < s.size() && s[j] == ',' && IsDigit(s[j + 1])) {
      size_t run = DigitRun(s, j + 1);
      if (run == 3) {
        j += 4;
        good_end = j;
        continue;
      }
      if (run == 2 && j + 3 < s.size() && s[j + 3] == ',') {
        j += 3;
        continue;
      }
      break;
    }
    if (good_end > i) {
      for (size_t k = i; k < good_end; ++k) {
        if (IsDigit(s[k])) take(k, 1);
      }
      lex.separators = true;
      i = good_end;
    }
  }
  // Spaces as thousands separators: 1 234 567, 40 000 (see the header).
  const bool number_before =
      pos >= 2 && s[pos - 1] == ' ' && IsDigit(s[pos - 2]);  // "0845 8 505"
  if (first <= 3 && !lex.separators && !number_before) {
    size_t j = i, good_end = i;
    int groups = 0;
    bool zeros = true;
    while (j + 3 < s.size() && s[j] == ' ' && DigitRun(s, j + 1) == 3) {
      zeros = zeros && s.compare(j + 1, 3, "000") == 0;
      j += 4;
      good_end = j;
      ++groups;
    }
    bool more_digits = good_end + 1 < s.size() && s[good_end] == ' ' &&
                       IsDigit(s[good_end + 1]);
    // "10 737-800 planes", "15 747s", "3/8 104": a count and a model name.
    bool glued = good_end < s.size() &&
                 (s[good_end] == '-' || s[good_end] == '/' ||
                  (s[good_end] >= 'a' && s[good_end] <= 'z') ||
                  (s[good_end] >= 'A' && s[good_end] <= 'Z'));
    if (groups > 0 && !more_digits && !glued && (groups >= 2 || zeros)) {
      for (size_t k = i; k < good_end; ++k) {
        if (IsDigit(s[k])) take(k, 1);
      }
      lex.separators = true;
      lex.space_groups = true;
      i = good_end;
    }
  }
  lex.int_digits = static_cast<int>(total_digits);
  // Decimal comma, only where it cannot be a list or thousands comma: two
  // digits led by a zero ("5,00", "3,05"), or one or two digits after a euro
  // sign ("€4,50"). Never "1,3" or "5,10" (lists without spaces).
  if (!lex.separators && total_digits <= 32 && i + 1 < s.size() &&
      s[i] == ',' && IsDigit(s[i + 1])) {
    const size_t run = DigitRun(s, i + 1);
    const bool ends = i + 1 + run >= s.size() ||
                      !((s[i + 1 + run] == ',' || s[i + 1 + run] == '.') &&
                        i + 2 + run < s.size() && IsDigit(s[i + 2 + run]));
    size_t b = pos;
    if (b > 0 && s[b - 1] == ' ') --b;
    const bool euro = b >= 3 && s.compare(b - 3, 3, "\xE2\x82\xAC") == 0;
    if (ends && ((run == 2 && s[i + 1] == '0') || (euro && run <= 2))) {
      if (nbuf < kMaxDigits) buf[nbuf++] = '.';
      take(i + 1, run);
      lex.decimal = true;
      lex.end = i + 1 + run;
      lex.status = ParseDecimalDigits(std::string_view(buf, nbuf), &lex.value,
                                      kMaxDigits + 1);
      return lex;
    }
  }
  // Decimal fraction.
  size_t frac = 0;
  if (i + 1 < s.size() && s[i] == '.' && IsDigit(s[i + 1])) {
    frac = DigitRun(s, i + 1);
    // A second ".digit" makes a dotted chain (version, IP address).
    size_t after = i + 1 + frac;
    if (after + 1 < s.size() && s[after] == '.' && IsDigit(s[after + 1])) {
      while (after + 1 < s.size() && s[after] == '.' && IsDigit(s[after + 1])) {
        after += 1 + DigitRun(s, after + 1);
      }
      lex.status = NumeralStatus::kInvalid;
      lex.end = after;
      return lex;
    }
    if (nbuf < kMaxDigits) buf[nbuf++] = '.';
    take(i + 1, frac);
    lex.decimal = true;
    i = after;
  }
  lex.end = i;
  if (total_digits > kMaxDigits) {
    lex.status = lex.int_digits > static_cast<int>(kMaxDigits)
                     ? NumeralStatus::kOverflow
                     : NumeralStatus::kInvalid;
    return lex;
  }
  lex.status = ParseDecimalDigits(std::string_view(buf, nbuf), &lex.value,
                                  kMaxDigits + 1);
  return lex;
}

}  // namespace factmine
