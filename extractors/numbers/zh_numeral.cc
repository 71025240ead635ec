// Chinese numerals: lexicon loading, tokens and the grammar of zh_numeral.h.
#include "extractors/numbers/zh_numeral.h"

#include <algorithm>
#include <charconv>

namespace factmine {

namespace {

constexpr char32_t kPointChar = U'点';
constexpr char32_t kDuoChar = U'多';
constexpr char32_t kYuChar = U'余';
constexpr char32_t kJiChar = U'几';
constexpr char32_t kNegChar = U'负';
constexpr char32_t kHalfChar = U'半';
constexpr char32_t kLiangChar = U'两';
constexpr char32_t kLiaChar = U'俩';

// Parses a small non-negative integer field of a lexicon row.
bool ParseIntField(const std::string& s, int* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// The single code point of `s`, or 0 when s is not exactly one.
char32_t SingleCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t len = 0;
  char32_t c = DecodeUtf8(s, 0, &len);
  return len == s.size() && c != 0xFFFD ? c : 0;
}

bool IsDigitToken(const ZhNumeralToken& t) {
  return t.type == ZhNumeralToken::kDigit || t.type == ZhNumeralToken::kZero;
}

// Finds the byte offset of the 2-character marker `marker` in s, or npos.
size_t FindMarker(std::string_view s, std::string_view marker) {
  return s.find(marker);
}

}  // namespace

Result<ZhNumeralParser> ZhNumeralParser::Load(const std::string& lexicon_dir) {
  auto digits = TsvTable::Load(lexicon_dir + "/zh_digits.tsv",
                               {"char", "value", "kind", "standalone"});
  if (!digits.ok()) return digits.status();
  auto scales = TsvTable::Load(
      lexicon_dir + "/scales.tsv",
      {"surface", "lang", "exp", "kind", "standalone", "not_before"});
  if (!scales.ok()) return scales.status();
  return FromTables(*digits, *scales);
}

Result<ZhNumeralParser> ZhNumeralParser::FromTables(const TsvTable& digits,
                                                    const TsvTable& scales) {
  for (const char* col : {"char", "value", "kind", "standalone"}) {
    if (digits.Column(col) < 0) {
      return Status::RuleError(digits.name() + ": missing column " + col);
    }
  }
  for (const char* col :
       {"surface", "lang", "exp", "kind", "standalone", "not_before"}) {
    if (scales.Column(col) < 0) {
      return Status::RuleError(scales.name() + ": missing column " + col);
    }
  }
  ZhNumeralParser p;
  p.index_.assign(kIndexEnd - kIndexBase, 0);
  p.infos_.emplace_back();  // [0]: none
  auto add = [&p](const TsvTable& t, const TsvTable::Row& row, char32_t c,
                  ZhCharInfo info) -> Status {
    if (c < kIndexBase || c >= kIndexEnd) {
      return t.ErrorAt(row, "character outside U+2500..U+9FFF");
    }
    if (p.index_[c - kIndexBase] != 0)
      return t.ErrorAt(row, "duplicate character");
    if (p.infos_.size() >= 255)
      return t.ErrorAt(row, "too many numeral characters");
    p.index_[c - kIndexBase] = static_cast<uint8_t>(p.infos_.size());
    p.infos_.push_back(std::move(info));
    return Status::Ok();
  };
  for (const auto& row : digits.rows()) {
    char32_t c = SingleCodePoint(digits.Get(row, "char"));
    if (c == 0) return digits.ErrorAt(row, "char must be one code point");
    int value = 0;
    if (!ParseIntField(digits.Get(row, "value"), &value)) {
      return digits.ErrorAt(row, "value is not an integer");
    }
    const std::string& kind = digits.Get(row, "kind");
    const std::string& standalone = digits.Get(row, "standalone");
    if (standalone != "yes" && standalone != "no") {
      return digits.ErrorAt(row, "standalone must be yes or no");
    }
    ZhCharInfo info;
    info.standalone = standalone == "yes";
    if (kind == "digit") {
      if (value < 1 || value > 9)
        return digits.ErrorAt(row, "digit value must be 1-9");
      info.kind = ZhCharKind::kDigit;
      info.value = static_cast<uint8_t>(value);
    } else if (kind == "zero") {
      if (value != 0) return digits.ErrorAt(row, "zero value must be 0");
      info.kind = ZhCharKind::kZero;
    } else if (kind == "tens") {
      if (value < 20 || value > 90 || value % 10 != 0) {
        return digits.ErrorAt(row, "tens value must be 20, 30 ... 90");
      }
      info.kind = ZhCharKind::kTens;
      info.value = static_cast<uint8_t>(value / 10);
    } else {
      return digits.ErrorAt(row, "unknown kind '" + kind + "'");
    }
    Status s = add(digits, row, c, std::move(info));
    if (!s.ok()) return s;
  }
  for (const auto& row : scales.rows()) {
    if (scales.Get(row, "lang") != "zh") continue;
    char32_t c = SingleCodePoint(scales.Get(row, "surface"));
    if (c == 0) return scales.ErrorAt(row, "zh surface must be one code point");
    int exp = 0;
    if (!ParseIntField(scales.Get(row, "exp"), &exp) || exp < 1 || exp > 16) {
      return scales.ErrorAt(row, "exp must be an integer 1-16");
    }
    const std::string& kind = scales.Get(row, "kind");
    ZhCharInfo info;
    if (kind == "zh_small") {
      if (exp > 3) return scales.ErrorAt(row, "zh_small exp must be 1-3");
      info.kind = ZhCharKind::kSmallScale;
    } else if (kind == "zh_big") {
      if (exp < 4) return scales.ErrorAt(row, "zh_big exp must be at least 4");
      info.kind = ZhCharKind::kBigScale;
    } else {
      return scales.ErrorAt(row, "zh kind must be zh_small or zh_big");
    }
    info.value = static_cast<uint8_t>(exp);
    const std::string& standalone = scales.Get(row, "standalone");
    if (standalone != "yes" && standalone != "no") {
      return scales.ErrorAt(row, "standalone must be yes or no");
    }
    info.standalone = standalone == "yes";
    const std::string& nb = scales.Get(row, "not_before");
    if (nb != "-") {
      for (const std::string& part : TsvTable::Split(nb)) {
        char32_t b = SingleCodePoint(part);
        if (b == 0)
          return scales.ErrorAt(row, "not_before: one character per item");
        info.not_before.push_back(b);
      }
    }
    Status s = add(scales, row, c, std::move(info));
    if (!s.ok()) return s;
  }
  return p;
}

size_t ZhNumeralParser::NextToken(std::string_view text, size_t pos,
                                  ZhNumeralToken* tok) const {
  if (pos >= text.size()) return 0;
  unsigned char b = static_cast<unsigned char>(text[pos]);
  if (b >= '0' && b <= '9') {
    ArabicLex lex = LexArabicNumber(text, pos);
    if (lex.status != NumeralStatus::kOk) return 0;
    tok->type = ZhNumeralToken::kArabic;
    tok->arabic = lex.value;
    tok->begin = static_cast<uint32_t>(pos);
    tok->end = static_cast<uint32_t>(lex.end);
    return lex.end - pos;
  }
  if (b < 0x80) return 0;
  size_t len = 0;
  char32_t c = DecodeUtf8(text, pos, &len);
  tok->begin = static_cast<uint32_t>(pos);
  tok->end = static_cast<uint32_t>(pos + len);
  if (const ZhCharInfo* info = Lookup(c)) {
    switch (info->kind) {
      case ZhCharKind::kDigit:
        tok->type = ZhNumeralToken::kDigit;
        tok->small = info->value;
        return len;
      case ZhCharKind::kZero:
        tok->type = ZhNumeralToken::kZero;
        tok->small = 0;
        return len;
      case ZhCharKind::kTens:
        tok->type = ZhNumeralToken::kTens;
        tok->small = info->value;
        return len;
      case ZhCharKind::kSmallScale:
      case ZhCharKind::kBigScale: {
        if (!info->not_before.empty() && pos + len < text.size()) {
          size_t nlen = 0;
          char32_t next = DecodeUtf8(text, pos + len, &nlen);
          if (std::find(info->not_before.begin(), info->not_before.end(),
                        next) != info->not_before.end()) {
            return 0;  // 千克, 兆瓦: a unit prefix
          }
        }
        tok->type = info->kind == ZhCharKind::kSmallScale
                        ? ZhNumeralToken::kSmallScale
                        : ZhNumeralToken::kBigScale;
        tok->small = info->value;
        return len;
      }
      case ZhCharKind::kNone:
        return 0;
    }
  }
  if (c == kPointChar) {
    size_t at = pos + len;
    for (int sp = 0; sp < kMaxZhSpaces && at < text.size() && text[at] == ' ';
         ++sp) {
      ++at;
    }
    if (at >= text.size()) return 0;
    size_t nlen = 0;
    char32_t nc = DecodeUtf8(text, at, &nlen);
    const ZhCharInfo* next = Lookup(nc);
    if (next == nullptr || nc == kLiangChar || nc == kLiaChar ||
        (next->kind != ZhCharKind::kDigit && next->kind != ZhCharKind::kZero)) {
      return 0;
    }
    tok->type = ZhNumeralToken::kPoint;
    return len;
  }
  if (c == kDuoChar || c == kYuChar) {
    tok->type = ZhNumeralToken::kMore;
    return len;
  }
  if (c == kJiChar) {
    tok->type = ZhNumeralToken::kSome;
    return len;
  }
  return 0;
}

bool ZhNumeralParser::Tokenize(std::string_view text,
                               std::vector<ZhNumeralToken>* out) const {
  out->clear();
  size_t pos = 0;
  while (pos < text.size()) {
    ZhNumeralToken tok;
    bool spaced = false;
    while (pos < text.size() && text[pos] == ' ') {
      ++pos;
      spaced = !out->empty();
    }
    if (pos == text.size()) break;
    size_t n = NextToken(text, pos, &tok);
    if (n == 0) return false;
    tok.spaced = spaced;
    out->push_back(tok);
    if (out->size() > kMaxZhTokens) return false;
    pos += n;
  }
  return true;
}

ParsedNumber ZhNumeralParser::ParseTokens(const ZhNumeralToken* t, size_t n,
                                          DecimalNumber* decimal) const {
  using T = ZhNumeralToken;
  if (n == 0) return ParsedNumber::Fail(NumeralStatus::kEmpty);
  if (n > kMaxZhTokens) return ParsedNumber::Fail(NumeralStatus::kInvalid);
  const ParsedNumber kInvalid = ParsedNumber::Fail(NumeralStatus::kInvalid);
  ParsedNumber out;

  // Digit by digit: 二〇二四, 一九九七, 〇五.
  if (n >= 2 && std::all_of(t, t + n, IsDigitToken)) {
    if (std::any_of(t, t + n, [](const ZhNumeralToken& x) { return x.spaced; }))
      return kInvalid;  // 一 二: two numbers, not 12
    if (n > 24) return ParsedNumber::Fail(NumeralStatus::kOverflow);
    DecimalNumber d;
    for (size_t i = 0; i < n; ++i) d.mant = d.mant * 10 + t[i].small;
    out.digit_string = true;
    SetFromDecimal(d, &out);
    if (decimal != nullptr) *decimal = d;
    return out;
  }

  // A group: its value and its magnitude label (the exponent of the
  // largest place it covers: 二十五万 has label 5).
  struct Group {
    DecimalNumber v;
    int label;
  };
  Group groups[32];
  int ng = 0;
  DecimalNumber pending;
  bool has_pending = false;
  bool pending_single = false;       // one Chinese digit character
  bool pending_after_scale = false;  // right after a scale, no 零 between
  bool prev_scale = false;           // previous token was a scale
  bool zero_gap = false;             // 零 since the last scale
  bool after_point = false;          // a decimal fraction was just read
  bool after_more = false;           // 多/余/几 was just read
  int last_scale = -1;
  int scales_in_row = 0;

  // Pushes a group, enforcing strictly decreasing labels.
  auto push = [&](DecimalNumber v, int label) -> bool {
    if (ng == 32 || label > 24) return false;
    if (ng > 0 && label >= groups[ng - 1].label) return false;
    groups[ng++] = {v, label};
    return true;
  };
  // Pops the trailing groups whose label is below `exp` and returns their
  // sum (plus `extra`); *max_label gets the largest popped label.
  auto pop_below = [&](int exp, DecimalNumber extra, int* max_label) {
    DecimalNumber sum = extra;
    *max_label = 0;
    while (ng > 0 && groups[ng - 1].label < exp) {
      sum = Add(sum, groups[ng - 1].v);
      *max_label = std::max(*max_label, groups[ng - 1].label);
      --ng;
    }
    return sum;
  };

  for (size_t i = 0; i < n; ++i) {
    const T& k = t[i];
    if (after_more && k.type != T::kBigScale) return kInvalid;
    if (after_point && k.type != T::kSmallScale && k.type != T::kBigScale) {
      return kInvalid;
    }
    if (k.type != T::kSmallScale && k.type != T::kBigScale) scales_in_row = 0;
    switch (k.type) {
      case T::kZero:
        if (!has_pending && ng == 0) {  // 零, 零点五
          if (i + 1 < n && t[i + 1].type == T::kSmallScale &&
              t[i + 1].small == 1) {
            zero_gap = true;  // 零十: a place holder before 十, as in 一万零十
            prev_scale = false;
            break;
          }
          pending = DecimalNumber::Int(0);
          has_pending = true;
          pending_single = true;
          pending_after_scale = false;
          break;
        }
        if (has_pending || !prev_scale) return kInvalid;  // 五零, 零零
        zero_gap = true;
        prev_scale = false;
        break;
      case T::kDigit:
      case T::kArabic:
        if (has_pending) return kInvalid;  // 三四百: two digits in a row
        pending = k.type == T::kDigit ? DecimalNumber::Int(k.small) : k.arabic;
        has_pending = true;
        pending_single = k.type == T::kDigit;
        pending_after_scale = prev_scale && !zero_gap;
        prev_scale = false;
        break;
      case T::kTens:  // 廿 = 二十
        if (has_pending) return kInvalid;
        if (!push(DecimalNumber::Int(k.small * 10u), 1)) return kInvalid;
        prev_scale = true;
        last_scale = 1;
        zero_gap = false;
        break;
      case T::kPoint: {
        size_t j = i + 1;
        DecimalNumber frac;
        while (j < n && IsDigitToken(t[j]) && j - i <= 19) {
          frac.mant = frac.mant * 10 + t[j].small;
          frac.exp -= 1;
          ++j;
        }
        if (j == i + 1 || (j < n && IsDigitToken(t[j]))) return kInvalid;
        if (has_pending) {
          if (!pending.IsInteger() || !pending_single) {
            // 2.5点3 is nonsense; an Arabic integer before 点 is too odd.
            return kInvalid;
          }
          if (pending_after_scale && last_scale >= 2) {
            // 两千三点一 = 2300.1: the spoken abbreviation, then decimals.
            pending = MulPow10(pending, last_scale - 1);
          }
          pending = Add(pending, frac);
        } else if (prev_scale) {  // 二十点五
          pending = frac;
          has_pending = true;
          pending_after_scale = false;
        } else {
          return kInvalid;
        }
        pending_single = false;
        after_point = true;
        prev_scale = false;
        i = j - 1;
        break;
      }
      case T::kSmallScale:
      case T::kBigScale: {
        const bool big = k.type == T::kBigScale;
        const int exp = k.small;
        if (++scales_in_row > 3) return kInvalid;  // 万万万万
        if (has_pending) {
          if (!big) {
            // A small scale multiplies only the digit before it (三百).
            if (!push(MulPow10(pending, exp), exp)) return kInvalid;
          } else {
            int max_label = 0;
            DecimalNumber group = pop_below(exp, pending, &max_label);
            if (!push(MulPow10(group, exp), exp + max_label)) return kInvalid;
          }
          has_pending = false;
        } else if (big && prev_scale && ng > 0 && groups[ng - 1].label >= exp) {
          // 四万万, 十万万: the big scale multiplies the group before it.
          Group g = groups[--ng];
          if (!push(MulPow10(g.v, exp), g.label + exp)) return kInvalid;
        } else if (big && (prev_scale || after_more) && ng > 0 &&
                   groups[ng - 1].label < exp) {
          // 十万, 一百万, 三千亿, 十多万: everything below is multiplied.
          int max_label = 0;
          DecimalNumber group = pop_below(exp, DecimalNumber(), &max_label);
          if (!push(MulPow10(group, exp), exp + max_label)) return kInvalid;
        } else if (ng == 0) {
          // A leading scale stands for one of it: 十五, 百万, 千亿, 万亿.
          if (big && !(i + 1 < n && ((t[i + 1].type == T::kBigScale &&
                                      t[i + 1].small > exp) ||
                                     t[i + 1].type == T::kMore))) {
            return kInvalid;  // 万 alone, 亿万 (but 万亿, 万余)
          }
          if (!push(DecimalNumber::Pow10(exp), exp)) return kInvalid;
        } else if (!big && exp == 1 && prev_scale && !zero_gap) {
          // 一百十: an implicit one before 十.
          if (!push(DecimalNumber::Pow10(1), 1)) return kInvalid;
        } else if (!big && exp == 1 && zero_gap) {
          // 一万零十二, 一百零十万: 零 then 十 stands for 一十.
          if (!push(DecimalNumber::Pow10(1), 1)) return kInvalid;
        } else {
          return kInvalid;
        }
        prev_scale = true;
        last_scale = exp;
        zero_gap = false;
        after_point = false;
        after_more = false;
        break;
      }
      case T::kMore:
      case T::kSome: {
        bool ok = prev_scale;
        if (!ok && k.type == T::kMore && has_pending && !pending_single &&
            pending.IsInteger() && pending.CompareToPow10(1) >= 0) {
          ok = true;  // 300多, 10余万
        }
        if (!ok && k.type == T::kSome && zero_gap) ok = true;  // 一百零几
        if (!ok || after_more) return kInvalid;
        out.more = true;
        after_more = true;
        break;
      }
    }
  }
  if (zero_gap && !has_pending && !after_more) return kInvalid;  // 一千零
  DecimalNumber total;
  for (int g = 0; g < ng; ++g) total = Add(total, groups[g].v);
  if (has_pending) {
    if (pending_after_scale && !pending_single && !after_point) {
      // 1万3: an Arabic tail after a scale is invalid, unless it fills all
      // the places below the scale: 3万4000 = 34000, 5千300 = 5300.
      if (last_scale < 2 || !pending.IsInteger() ||
          pending.CompareToPow10(last_scale) >= 0 ||
          pending.CompareToPow10(last_scale - 1) < 0) {
        return kInvalid;
      }
      pending_after_scale = false;
    }
    if (pending_single && pending_after_scale && last_scale >= 2) {
      // 一万三 = 13000, 九百九 = 990: the digit fills the next lower place.
      total = Add(total, MulPow10(pending, last_scale - 1));
    } else {
      total = Add(total, pending);
    }
  }
  SetFromDecimal(total, &out);
  if (decimal != nullptr) *decimal = total;
  return out;
}

ParsedNumber ZhNumeralParser::Parse(std::string_view s) const {
  if (s.empty()) return ParsedNumber::Fail(NumeralStatus::kEmpty);
  bool negative = false;
  size_t len = 0;
  char32_t first = DecodeUtf8(s, 0, &len);
  if (first == kNegChar || first == U'-') {
    negative = true;
    s.remove_prefix(len);
    if (s.empty()) return ParsedNumber::Fail(NumeralStatus::kInvalid);
  }
  if (SingleCodePoint(s) == kHalfChar) {
    ParsedNumber p;
    p.status = NumeralStatus::kOk;
    p.value = negative ? -0.5 : 0.5;
    return p;
  }
  std::vector<ZhNumeralToken> tokens;
  tokens.reserve(16);
  if (!Tokenize(s, &tokens)) return ParsedNumber::Fail(NumeralStatus::kInvalid);
  ParsedNumber p = ParseTokens(tokens.data(), tokens.size());
  if (p.ok() && negative) p.value = -p.value;
  return p;
}

ParsedNumber ZhNumeralParser::ParseChengShu(std::string_view s) const {
  std::string_view cheng = "成";
  size_t at = FindMarker(s, cheng);
  if (at == std::string_view::npos || at == 0) {
    return ParsedNumber::Fail(s.empty() ? NumeralStatus::kEmpty
                                        : NumeralStatus::kInvalid);
  }
  std::vector<ZhNumeralToken> tokens;
  if (!Tokenize(s.substr(0, at), &tokens)) {
    return ParsedNumber::Fail(NumeralStatus::kInvalid);
  }
  DecimalNumber count;
  ParsedNumber base = ParseTokens(tokens.data(), tokens.size(), &count);
  if (!base.ok() || base.more || base.digit_string) {
    return ParsedNumber::Fail(NumeralStatus::kInvalid);
  }
  if (base.value <= 0 || base.value > 10) {
    return ParsedNumber::Fail(NumeralStatus::kInvalid);
  }
  std::string_view tail = s.substr(at + cheng.size());
  DecimalNumber v = MulPow10(count, -1);
  if (!tail.empty()) {
    char32_t tc = SingleCodePoint(tail);
    if (tc == kHalfChar) {
      v = Add(v, DecimalNumber{5, -2, false, false});
    } else {
      const ZhCharInfo* info = Lookup(tc);
      int d = -1;
      if (info != nullptr && info->kind == ZhCharKind::kDigit) d = info->value;
      if (tail.size() == 1 && tail[0] >= '1' && tail[0] <= '9')
        d = tail[0] - '0';
      if (d < 0 || base.value >= 10) {
        return ParsedNumber::Fail(NumeralStatus::kInvalid);
      }
      v = Add(v, DecimalNumber{static_cast<uint64_t>(d), -2, false, false});
    }
  }
  ParsedNumber out;
  SetFromDecimal(v, &out);
  out.exact = out.exact && base.exact;
  return out;
}

ParsedNumber ZhNumeralParser::ParseFraction(std::string_view s) const {
  std::string_view marker = "分之";
  size_t at = FindMarker(s, marker);
  if (at == std::string_view::npos || at == 0) {
    return ParsedNumber::Fail(s.empty() ? NumeralStatus::kEmpty
                                        : NumeralStatus::kInvalid);
  }
  std::string_view den_text = s.substr(0, at);
  std::string_view num_text = s.substr(at + marker.size());
  bool negative = false;
  auto strip_sign = [&negative](std::string_view* part) {
    while (!part->empty() && part->front() == ' ') part->remove_prefix(1);
    size_t len = 0;
    if (!part->empty() && DecodeUtf8(*part, 0, &len) == kNegChar) {
      negative = !negative;
      part->remove_prefix(len);
    }
  };
  strip_sign(&den_text);
  strip_sign(&num_text);
  std::vector<ZhNumeralToken> den, num;
  if (!Tokenize(den_text, &den) || !Tokenize(num_text, &num))
    return ParsedNumber::Fail(NumeralStatus::kInvalid);
  return ParseFractionTokens(den.data(), den.size(), num.data(), num.size(),
                             negative);
}

ParsedNumber ZhNumeralParser::ParseFractionTokens(const ZhNumeralToken* dt,
                                                  size_t nd,
                                                  const ZhNumeralToken* nt,
                                                  size_t nn,
                                                  bool negative) const {
  if (nd == 0 || nn == 0) return ParsedNumber::Fail(NumeralStatus::kInvalid);
  DecimalNumber den;
  if (nd == 1 && (dt[0].type == ZhNumeralToken::kSmallScale ||
                  dt[0].type == ZhNumeralToken::kBigScale)) {
    den = DecimalNumber::Pow10(dt[0].small);  // 百分之, 万分之
  } else if (nd == 1 && dt[0].type == ZhNumeralToken::kArabic) {
    den = dt[0].arabic;
  } else {
    ParsedNumber d = ParseTokens(dt, nd, &den);
    if (!d.ok() || d.more) return ParsedNumber::Fail(NumeralStatus::kInvalid);
  }
  if (!den.IsInteger() || den.zero())
    return ParsedNumber::Fail(NumeralStatus::kInvalid);
  DecimalNumber numd;
  ParsedNumber num = ParseTokens(nt, nn, &numd);
  if (!num.ok()) return num;
  ParsedNumber out;
  out.more = num.more;
  SetFromRatio(numd, den, &out);
  out.exact = out.exact && num.exact;
  if (negative) out.value = -out.value;
  double dv = 0;
  den.ToDouble(&dv);
  out.denominator = dv;
  return out;
}

}  // namespace factmine
