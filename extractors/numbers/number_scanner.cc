// The number scanner: one hand-written pass over a normalized sentence (see
// number_scanner.h). No RE2 here: every candidate is decided by a few byte
// comparisons around it, which is both faster than a regex pass and easier
// to read than the lookaround-free patterns RE2 would need ("digits not
// preceded by a letter or by X-").
#include "extractors/numbers/number_scanner.h"

#include <algorithm>

#include "pipeline/tsv.h"

namespace factmine {

namespace {

using T = ZhNumeralToken;

constexpr char32_t kDiChar = U'第';
constexpr char32_t kFuChar = U'负';
constexpr char32_t kNianChar = U'年';
constexpr char32_t kBanChar = U'半';

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline char Lower(char c) { return IsUpper(c) ? static_cast<char>(c + 32) : c; }
inline bool DigitAt(std::string_view s, size_t i) {
  return i < s.size() && IsDigit(s[i]);
}
inline bool StartsWith(std::string_view s, size_t pos, std::string_view w) {
  return pos <= s.size() && s.substr(pos, w.size()) == w;
}

// Lower-cases s into buf (REQUIRES: s.size() <= cap) and returns the view.
std::string_view LowerInto(std::string_view s, char* buf) {
  for (size_t i = 0; i < s.size(); ++i) buf[i] = Lower(s[i]);
  return {buf, s.size()};
}

// True when only spaces or tabs separate pos from the start of its line.
bool AtLineStart(std::string_view s, size_t pos) {
  size_t j = pos;
  while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t')) --j;
  return j == 0 || s[j - 1] == '\n';
}

// A currency sign right before pos, or before one space: $ £ € ¥ ₹ ₽ ₩
// ("$600m", "US$ 1MM").
bool CurrencyBefore(std::string_view s, size_t pos) {
  if (pos >= 2 && s[pos - 1] == ' ' && s[pos - 2] != ' ') --pos;
  if (pos == 0) return false;
  if (s[pos - 1] == '$') return true;
  size_t len = 0;
  char32_t c = DecodeUtf8Before(s, pos, &len);
  return c == U'£' || c == U'€' || c == U'¥' || c == U'₹' || c == U'₽' ||
         c == U'₩';
}

// The ASCII letter run that ends at `end`, or empty.
std::string_view LettersBefore(std::string_view s, size_t end) {
  size_t j = end;
  while (j > 0 && IsLetter(s[j - 1])) --j;
  return s.substr(j, end - j);
}

// Skips a code-like token: letters, digits, '-' and '.' between alnums.
size_t SkipCode(std::string_view s, size_t pos) {
  size_t i = pos;
  while (i < s.size()) {
    char c = s[i];
    if (IsDigit(c) || IsLetter(c)) {
      ++i;
    } else if ((c == '-' || c == '.' || c == '/') && i + 1 < s.size() &&
               (IsDigit(s[i + 1]) || IsLetter(s[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  return i > pos ? i : pos + 1;
}

// Skips at most kMaxZhSpaces ASCII spaces from pos.
size_t SkipSpaces(std::string_view s, size_t pos) {
  for (int k = 0; k < kMaxZhSpaces && pos < s.size() && s[pos] == ' '; ++k)
    ++pos;
  return pos;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

}  // namespace

Result<std::unique_ptr<NumberScanner>> NumberScanner::Load(
    const std::string& lexicon_dir) {
  auto zh = ZhNumeralParser::Load(lexicon_dir);
  if (!zh.ok()) return zh.status();
  auto en = EnNumberParser::Load(lexicon_dir);
  if (!en.ok()) return en.status();
  std::unique_ptr<NumberScanner> s(
      new NumberScanner(std::move(zh).value(), std::move(en).value()));
  Status st = s->LoadContext(lexicon_dir + "/number_context.tsv");
  if (!st.ok()) return st;
  return s;
}

Status NumberScanner::LoadContext(const std::string& path) {
  auto table = TsvTable::Load(path, {"lang", "kind", "text", "unless_next"});
  if (!table.ok()) return table.status();
  const TsvTable& t = *table;
  for (const auto& row : t.rows()) {
    const std::string& lang = t.Get(row, "lang");
    const std::string& kind = t.Get(row, "kind");
    const std::string& text = t.Get(row, "text");
    const std::string& unless = t.Get(row, "unless_next");
    if (text.empty()) return t.ErrorAt(row, "empty text");
    if (lang != "zh" && lang != "en")
      return t.ErrorAt(row, "lang must be zh or en");
    if (unless != "-" && kind != "idiom") {
      return t.ErrorAt(row, "unless_next is only for idioms");
    }
    std::string lower = text;
    for (char& c : lower) c = Lower(c);
    if (kind == "idiom") {
      Idiom idiom{text, {}};
      if (unless != "-") idiom.unless_next = TsvTable::Split(unless);
      uint32_t index = static_cast<uint32_t>(idioms_.size());
      bool has_numeral = false;
      for (size_t i = 0; i < text.size();) {
        size_t len = 0;
        char32_t c = DecodeUtf8(text, i, &len);
        if (zh_.Lookup(c) != nullptr || c == kDiChar) {
          idiom_refs_.push_back({c, index, static_cast<uint32_t>(i)});
          has_numeral = true;
        }
        i += len;
      }
      if (!has_numeral) return t.ErrorAt(row, "idiom has no numeral character");
      idioms_.push_back(std::move(idiom));
    } else if (kind == "lone_scale_prefix") {
      size_t len = 0;
      char32_t c = DecodeUtf8(text, 0, &len);
      if (len != text.size())
        return t.ErrorAt(row, "lone_scale_prefix: one character");
      lone_scale_prefixes_.push_back(c);
    } else if (kind == "no_lone_scale") {
      size_t len = 0;
      char32_t c = DecodeUtf8(text, 0, &len);
      if (len != text.size() || zh_.Lookup(c) == nullptr)
        return t.ErrorAt(row, "no_lone_scale: one scale character");
      no_lone_scales_.push_back(c);
    } else if (kind == "not_dozen") {
      if (text.rfind("打", 0) != 0 || text.size() <= 3)
        return t.ErrorAt(row, "not_dozen must start with 打 and go on");
      not_dozen_.push_back(text);
    } else if (kind == "not_cheng") {
      if (text.rfind("成", 0) != 0)
        return t.ErrorAt(row, "not_cheng must start with 成");
      not_cheng_.push_back(text);
    } else if (kind == "label") {
      labels_.push_back(lower);
    } else if (kind == "phone_word") {
      (lang == "en" ? en_phone_words_ : zh_phone_words_).push_back(lower);
    } else if (kind == "prefix_ok") {
      touching_prefixes_.push_back(lower);
    } else {
      return t.ErrorAt(row, "unknown kind '" + kind + "'");
    }
  }
  std::sort(idiom_refs_.begin(), idiom_refs_.end(),
            [](const IdiomRef& a, const IdiomRef& b) { return a.c < b.c; });
  std::sort(labels_.begin(), labels_.end());
  return Status::Ok();
}

size_t NumberScanner::IdiomEnd(std::string_view text, size_t pos) const {
  size_t len = 0;
  char32_t c = DecodeUtf8(text, pos, &len);
  auto lo =
      std::lower_bound(idiom_refs_.begin(), idiom_refs_.end(), c,
                       [](const IdiomRef& r, char32_t v) { return r.c < v; });
  size_t best = 0;
  for (auto it = lo; it != idiom_refs_.end() && it->c == c; ++it) {
    if (pos < it->offset) continue;
    const Idiom& idiom = idioms_[it->idiom];
    size_t begin = pos - it->offset;
    if (text.substr(begin, idiom.text.size()) != idiom.text) continue;
    size_t end = begin + idiom.text.size();
    bool excepted = false;
    for (const std::string& u : idiom.unless_next) {
      if (StartsWith(text, end, u)) {
        excepted = true;
        break;
      }
    }
    if (!excepted) best = std::max(best, end);
  }
  return best;
}

bool NumberScanner::IsLabelWord(std::string_view lower) const {
  return std::binary_search(labels_.begin(), labels_.end(), lower,
                            [](const auto& a, const auto& b) {
                              return std::string_view(a) < std::string_view(b);
                            });
}

bool NumberScanner::IsTouchingPrefix(std::string_view letters) const {
  if (letters.size() > 8) return false;
  char buf[8];
  std::string_view lw = LowerInto(letters, buf);
  return std::find(touching_prefixes_.begin(), touching_prefixes_.end(), lw) !=
         touching_prefixes_.end();
}

bool NumberScanner::PhoneWordBefore(std::string_view text, size_t pos) const {
  size_t j = pos;
  while (j > 0 &&
         (text[j - 1] == ' ' || text[j - 1] == ':' || text[j - 1] == '.'))
    --j;
  std::string_view word = LettersBefore(text, j);
  if (!word.empty() && word.size() <= 12) {
    char buf[12];
    std::string_view lw = LowerInto(word, buf);
    if (std::find(en_phone_words_.begin(), en_phone_words_.end(), lw) !=
        en_phone_words_.end()) {
      return true;
    }
  }
  for (const std::string& w : zh_phone_words_) {
    if (j >= w.size() && text.substr(j - w.size(), w.size()) == w) return true;
  }
  return false;
}

bool NumberScanner::LoneScalePrefix(char32_t c) const {
  return std::find(lone_scale_prefixes_.begin(), lone_scale_prefixes_.end(),
                   c) != lone_scale_prefixes_.end();
}

bool NumberScanner::NoLoneScale(char32_t c) const {
  return std::find(no_lone_scales_.begin(), no_lone_scales_.end(), c) !=
         no_lone_scales_.end();
}

bool NumberScanner::NotDozen(std::string_view text, size_t pos) const {
  for (const std::string& w : not_dozen_) {
    if (StartsWith(text, pos, w)) return true;
  }
  return false;
}

bool NumberScanner::NotCheng(std::string_view text, size_t pos) const {
  for (const std::string& w : not_cheng_) {
    if (StartsWith(text, pos, w)) return true;
  }
  return false;
}

void NumberScanner::Scan(std::string_view text,
                         std::vector<NumberMatch>* out) const {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t next;
    if (c < 0x80) {
      if (IsDigit(static_cast<char>(c))) {
        next = ScanDigits(text, i, false, out);
      } else if (IsLetter(static_cast<char>(c))) {
        next = ScanWord(text, i, out);
      } else if ((c == '.' || (c == '-' && StartsWith(text, i + 1, "."))) &&
                 LeadingDotAt(text, i)) {
        next = ScanLeadingDot(text, i, out);
      } else if (c == '-' && DigitAt(text, i + 1) &&
                 (i == 0 || text[i - 1] == ' ' || text[i - 1] == '(' ||
                  text[i - 1] == '[' || text[i - 1] == '\n' ||
                  text[i - 1] == '\t' || text[i - 1] == '=' ||
                  text[i - 1] == ':' || text[i - 1] == ',' ||
                  text[i - 1] == ';')) {
        next = ScanDigits(text, i, true, out);
      } else {
        next = i + 1;
      }
    } else {
      size_t len = 0;
      char32_t cp = DecodeUtf8(text, i, &len);
      if (zh_.Lookup(cp) != nullptr || cp == kDiChar || cp == kFuChar) {
        next = ScanChinese(text, i, false, out);
      } else if (cp == kBanChar && StartsWith(text, i + len, "百")) {
        // 半百: fifty (年过半百).
        NumberMatch nm;
        nm.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(i + len + 3)};
        nm.value = 50;
        nm.rule = number_rules::kZhHalf;
        nm.flags = kNumberScaled;
        out->push_back(nm);
        next = i + len + 3;
      } else if (cp == kBanChar && StartsWith(text, i + len, "成") &&
                 !NotCheng(text, i + len)) {
        // 半成: half a tenth, 5% (not 半成品, 半成熟).
        NumberMatch nm;
        nm.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(i + len + 3)};
        nm.value = 0.05;
        nm.form = NumberForm::kTenths;
        nm.rule = number_rules::kZhCheng;
        out->push_back(nm);
        next = i + len + 3;
      } else if (cp == kBanChar && StartsWith(text, i + len, "折")) {
        // 半折: half price, read as 五折 (the 折 is the quantity layer's).
        NumberMatch nm;
        nm.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)};
        nm.value = 5;
        nm.rule = number_rules::kZhHalf;
        out->push_back(nm);
        next = i + len;
      } else {
        next = i + len;
      }
    }
    i = next > i ? next : i + 1;  // always progress
  }
}

size_t NumberScanner::ScanWord(std::string_view text, size_t pos,
                               std::vector<NumberMatch>* out) const {
  size_t we = pos;
  while (we < text.size() && IsLetter(text[we])) ++we;
  if (we - pos > 24) return we;
  // Letters glued to digits on the left ("5million", "3rd" handled by digits).
  if (pos > 0 && IsDigit(text[pos - 1])) return we;
  char buf[24];
  std::string_view lw = LowerInto(text.substr(pos, we - pos), buf);
  if (!en_.CanStart(lw)) return we;
  EnNumberMatch m = en_.ParseAt(text, pos, false);
  if (m.end <= pos || !m.number.ok()) return we;
  // The word before, lower case (for "the second", "no one", labels).
  std::string_view prev;
  char pbuf[16];
  if (pos >= 2 && text[pos - 1] == ' ') {
    std::string_view pw = LettersBefore(text, pos - 1);
    if (!pw.empty() && pw.size() <= sizeof(pbuf)) prev = LowerInto(pw, pbuf);
  }
  if (lw == "second" && m.form == NumberForm::kOrdinal &&
      !(prev == "the" || prev == "its" || prev == "his" || prev == "her" ||
        prev == "their" || prev == "our" || prev == "every")) {
    return we;  // "a second", "per second": time
  }
  if (lw == "one" && m.end == we &&
      (prev == "no" || prev == "any" || prev == "every" || prev == "each" ||
       prev == "some")) {
    return we;  // pronoun
  }
  if (m.form == NumberForm::kCardinal && m.rule == number_rules::kEnWords &&
      !prev.empty() && IsLabelWord(prev) && m.number.value < 100) {
    return m.end;  // "Phase One", "Group Two"
  }
  NumberMatch nm;
  nm.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(m.end)};
  nm.value = m.number.value;
  nm.denominator = m.number.denominator;
  nm.form = m.form;
  nm.exact = m.number.exact;
  nm.rule = m.rule;
  if (m.scaled) nm.flags |= kNumberScaled;
  out->push_back(nm);
  return m.end;
}

bool NumberScanner::LeadingDotAt(std::string_view text, size_t pos) const {
  // ".5", "-.5" where a number may start: at the line start or after a
  // space or an opening bracket (never "v.5", "1.2.3" or "U.S.").
  size_t dot = text[pos] == '-' ? pos + 1 : pos;
  if (!DigitAt(text, dot + 1)) return false;
  if (pos == 0) return true;
  char b = text[pos - 1];
  return b == ' ' || b == '\n' || b == '\t' || b == '(' || b == '[';
}

size_t NumberScanner::ScanLeadingDot(std::string_view text, size_t pos,
                                     std::vector<NumberMatch>* out) const {
  const bool negative = text[pos] == '-';
  const size_t first = (negative ? pos + 1 : pos) + 1;
  size_t e = first;
  while (DigitAt(text, e)) ++e;
  // ".1.2" is a chain, ".5,3" odd: leave both alone.
  if ((e + 1 < text.size() && (text[e] == '.' || text[e] == ',') &&
       DigitAt(text, e + 1)) ||
      e - first > 19) {
    while (e < text.size() && (IsDigit(text[e]) || text[e] == '.' || text[e] == ','))
      ++e;
    return e;
  }
  DecimalNumber d;
  if (ParseDecimalDigits(text.substr(first, e - first), &d) !=
      NumeralStatus::kOk) {
    return e;
  }
  d = MulPow10(d, -static_cast<int>(e - first));
  d.negative = negative;
  ParsedNumber r;
  SetFromDecimal(d, &r);
  if (!r.ok()) return e;
  NumberMatch nm;
  nm.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(e)};
  nm.value = r.value;
  nm.exact = r.exact;
  nm.rule = number_rules::kArabicPlain;
  out->push_back(nm);
  return e;
}

size_t NumberScanner::ScanDigits(std::string_view text, size_t pos,
                                 bool negative,
                                 std::vector<NumberMatch>* out) const {
  const size_t n = text.size();
  const size_t dpos = negative ? pos + 1 : pos;
  // Left context: digits touching letters are model names and codes
  // (A320, G20, H1N1, FY2024, J-10CE, F-35, COVID-19), unless the letters
  // are a prefix_ok word (USD500, mid-2024).
  if (!negative && dpos > 0) {
    char b = text[dpos - 1];
    if (IsLetter(b)) {
      if (!IsTouchingPrefix(LettersBefore(text, dpos)))
        return SkipCode(text, dpos);
    } else if (b == '-' && dpos >= 2 && IsLetter(text[dpos - 2])) {
      std::string_view letters = LettersBefore(text, dpos - 1);
      bool upper = std::any_of(letters.begin(), letters.end(), IsUpper);
      if (upper && !IsTouchingPrefix(letters)) return SkipCode(text, dpos);
    } else if (b == '#') {
      return SkipCode(text, dpos);  // #1: a rank or an issue number
    }
  }
  // Arabic digits joined to Chinese characters: 2.85万, 500多亿, 9.5成, 3分之1.
  if (!negative) {
    ArabicLex lex = LexArabicNumber(text, dpos);
    size_t after = lex.status == NumeralStatus::kOk ? SkipSpaces(text, lex.end)
                                                    : n;
    if (after < n && static_cast<unsigned char>(text[after]) >= 0x80) {
      size_t r = ScanChinese(text, dpos, true, out);  // also "1000  万"
      if (r != 0) return r;
    }
  }
  const bool currency = CurrencyBefore(text, dpos);
  EnNumberMatch m = en_.ParseAt(text, pos, currency);
  if (m.end <= pos) return dpos + 1;
  size_t end = m.end;
  if (!m.number.ok()) return end;  // 10^400, 1.2.3: nothing
  const bool integer =
      m.number.value ==
      static_cast<double>(static_cast<int64_t>(m.number.value));
  const bool plain_int = m.form == NumberForm::kCardinal && !m.separators &&
                         !m.scaled && !m.decade && integer &&
                         (m.rule == number_rules::kArabicPlain);
  // Slash chains: 24/7, 9/11, 12/25/2024, 2023/24 (not fractions).
  if (m.form != NumberForm::kFraction && end + 1 < n && text[end] == '/' &&
      IsDigit(text[end + 1])) {
    while (end < n && (IsDigit(text[end]) || text[end] == '/')) ++end;
    return end;
  }
  if (plain_int && !negative) {
    // Times: 10:30, 9:05:30.
    auto clock_group = [&](size_t at) {
      return at < n && text[at] == ':' && DigitAt(text, at + 1) &&
             DigitAt(text, at + 2) && !DigitAt(text, at + 3);
    };
    if (m.int_digits <= 2 && clock_group(end)) {
      while (clock_group(end)) end += 3;
      return end;
    }
    // ISO dates: 2024-05-01.
    if (m.int_digits == 4 && end + 3 < n && text[end] == '-' &&
        DigitAt(text, end + 1) && DigitAt(text, end + 2) &&
        text[end + 3] == '-' && DigitAt(text, end + 4) &&
        DigitAt(text, end + 5) && !DigitAt(text, end + 6)) {
      return end + 6;
    }
  }
  // Phone numbers.
  if (!negative && m.form == NumberForm::kCardinal &&
      (!m.separators || m.space_groups) && integer) {
    bool plus = dpos > 0 && text[dpos - 1] == '+';
    bool word = PhoneWordBefore(text, dpos);
    size_t i = dpos;
    // "(212) 555-1234": the area code in parentheses.
    bool paren = dpos > 0 && text[dpos - 1] == '(' && i + 5 < n &&
                 DigitAt(text, i + 2) && !DigitAt(text, i + 3) &&
                 text[i + 3] == ')' && text[i + 4] == ' ' &&
                 IsDigit(text[i + 5]);
    int groups = 0, digits = 0;
    size_t first_len = 0, second_len = 0;
    if (paren) {
      groups = 1;
      digits = 3;
      first_len = 3;
      i += 5;
    }
    while (i < n && groups < 8) {
      size_t run = 0;
      while (DigitAt(text, i + run)) ++run;
      if (run == 0) break;
      if (groups == 0) first_len = run;
      if (groups == 1) second_len = run;
      ++groups;
      digits += static_cast<int>(run);
      i += run;
      bool sep_ok =
          i + 1 < n && IsDigit(text[i + 1]) &&
          (text[i] == '-' || (text[i] == ' ' && (plus || word || paren)));
      if (!sep_ok) break;
      ++i;
    }
    bool phone = false;
    if ((plus || word) && digits >= 7) phone = true;
    if (paren && groups >= 3 && digits >= 10) phone = true;
    if (groups >= 3 && digits >= 9) phone = true;
    if (groups == 2 && text[dpos] == '0' && first_len >= 3 && first_len <= 4 &&
        second_len >= 7 && second_len <= 8) {
      phone = true;  // 010-12345678
    }
    if (groups == 1 && digits == 11 && text[dpos] == '1' &&
        text[dpos + 1] >= '3') {
      phone = true;  // a Chinese mobile number
    }
    if (phone) return std::max(i, end);
  }
  if (plain_int && !negative && m.int_digits <= 3) {
    // List numbering: "1." / "2)" / "3、" at a line start, "(2)" anywhere;
    // "1." only with an item after it, on the line or the next ("192." at
    // the end of the text is a number ending a sentence).
    auto item_follows = [&](size_t at) {
      while (at < n && text[at] == ' ') ++at;
      return at < n;
    };
    if (AtLineStart(text, dpos) && end < n &&
        ((text[end] == '.' && end + 1 < n &&
          (text[end + 1] == ' ' || text[end + 1] == '\n') &&
          item_follows(end + 1)) ||
         text[end] == ')' || StartsWith(text, end, "、"))) {
      return end + 1;
    }
    if (dpos > 0 && text[dpos - 1] == '(' && end < n && text[end] == ')' &&
        m.int_digits <= 2) {
      return end + 1;
    }
  }
  // Labels: Group 1, Article 5, No. 3.
  if (plain_int && !negative && dpos >= 2 && text[dpos - 1] == ' ') {
    size_t j = dpos - 1;
    if (j > 0 && text[j - 1] == '.') --j;
    std::string_view w = LettersBefore(text, j);
    if (!w.empty() && w.size() <= 16) {
      char buf[16];
      if (IsLabelWord(LowerInto(w, buf))) return end;
    }
  }
  NumberMatch nm;
  nm.span = {static_cast<uint32_t>(pos), static_cast<uint32_t>(end)};
  nm.value = m.number.value;
  nm.denominator = m.number.denominator;
  nm.form = m.form;
  nm.exact = m.number.exact;
  nm.rule = m.rule;
  if (m.separators) nm.flags |= kNumberSeparators;
  if (m.scaled) nm.flags |= kNumberScaled;
  if (m.decade) nm.flags |= kNumberDecade | kNumberMaybeYear;
  if (plain_int && !negative && m.int_digits == 4 && text[dpos] != '0' &&
      nm.value >= 1000 && nm.value <= 2199) {
    nm.flags |= kNumberMaybeYear;
    size_t len = 0;
    if (end < n && DecodeUtf8(text, end, &len) == kNianChar)
      nm.flags |= kNumberYear;
  }
  out->push_back(nm);
  return end;
}

size_t NumberScanner::ReadTokens(std::string_view text, size_t pos,
                                 bool arabic_first, ZhNumeralToken* toks,
                                 size_t* count) const {
  const size_t n = text.size();
  size_t k = 0, q = pos;
  while (k < kMaxZhTokens) {
    T t;
    size_t at = q;
    size_t len = zh_.NextToken(text, at, &t);
    if (len == 0 && k > 0 && at < n && text[at] == ' ') {
      // Spaces inside one numeral: 一百 五 十 二, 1000  万, 十 余 万. Two
      // Arabic numbers stay apart ("1000 5000"), and an Arabic number after
      // a Chinese token only joins when a scale follows it (7万 5千, not
      // 三万 2024年).
      size_t s2 = SkipSpaces(text, at);
      len = zh_.NextToken(text, s2, &t);
      if (len != 0 && t.type == T::kArabic) {
        T u;
        size_t ul = toks[k - 1].type == T::kArabic
                        ? 0
                        : zh_.NextToken(text, s2 + len, &u);
        if (ul == 0 || (u.type != T::kSmallScale && u.type != T::kBigScale))
          len = 0;
      }
      if (len != 0) {
        t.spaced = true;
        at = s2;
      }
    }
    if (len == 0) break;
    if (t.type == T::kArabic && k > 0 && toks[k - 1].type != T::kSmallScale &&
        toks[k - 1].type != T::kBigScale && toks[k - 1].type != T::kZero) {
      break;  // 三2: not one numeral (but 1千零1)
    }
    if (t.type == T::kArabic && k == 0 && !arabic_first) break;
    if (t.type == T::kPoint) {
      // 三点五十分, 三点五分: a time of day, not 3.5.
      size_t r = at + len;
      T u;
      size_t ul;
      while ((ul = zh_.NextToken(text, r, &u)) != 0 &&
             (u.type == T::kDigit || u.type == T::kZero)) {
        r += ul;
      }
      if ((ul != 0 && u.type == T::kSmallScale) || StartsWith(text, r, "分"))
        break;
    }
    toks[k++] = t;
    q = at + len;
  }
  *count = k;
  return q;
}

bool NumberScanner::FractionAfter(std::string_view text, size_t q,
                                  const ZhNumeralToken* den, size_t nd,
                                  ParsedNumber* f, size_t* end) const {
  // 分之 with optional spaces around and inside (五 分之 一, 二分 之一).
  size_t r = SkipSpaces(text, q);
  if (!StartsWith(text, r, "分")) return false;
  r = SkipSpaces(text, r + 3);
  if (!StartsWith(text, r, "之")) return false;
  r = SkipSpaces(text, r + 3);
  bool neg = false;
  if (StartsWith(text, r, "负")) {  // 3分之负一百五十七
    neg = true;
    r += 3;
  }
  T num[kMaxZhTokens];
  size_t k2 = 0;
  ReadTokens(text, r, true, num, &k2);
  for (size_t m2 = k2; m2 > 0; --m2) {
    ParsedNumber x = zh_.ParseFractionTokens(den, nd, num, m2, neg);
    if (x.ok()) {
      // 百分之二三十: digits side by side are an estimate ("twenty or
      // thirty percent"), not 23%.
      bool zero = false;
      for (size_t i = 0; i < m2; ++i) zero |= num[i].type == T::kZero;
      if (!zero && zh_.ParseTokens(num, m2).digit_string) return false;
      *f = x;
      *end = num[m2 - 1].end;
      return true;
    }
  }
  return false;
}

size_t NumberScanner::ScanChinese(std::string_view text, size_t pos,
                                  bool from_digits,
                                  std::vector<NumberMatch>* out) const {
  const size_t n = text.size();
  size_t first_len = 0;
  char32_t first = DecodeUtf8(text, pos, &first_len);
  size_t p = pos;
  bool ordinal = false, negative = false;
  if (!from_digits) {
    if (first == kDiChar) {
      ordinal = true;
      p += first_len;
    } else if (first == kFuChar) {
      negative = true;
      p += first_len;
    }
    if (p >= n) return n;
    size_t idiom_end = IdiomEnd(text, p);
    if (idiom_end != 0) return idiom_end;
  }

  // The token run.
  T toks[kMaxZhTokens];
  size_t k = 0;
  const size_t q =
      ReadTokens(text, p, from_digits || ordinal || negative, toks, &k);
  if (k == 0) return from_digits ? 0 : (p > pos ? p : pos + first_len);

  auto emit = [&](size_t begin, size_t end, const ParsedNumber& r,
                  NumberForm form, std::string_view rule, uint16_t flags) {
    NumberMatch nm;
    nm.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    nm.value = negative ? -r.value : r.value;
    nm.denominator = r.denominator;
    nm.form = form;
    nm.exact = r.exact;
    nm.rule = rule;
    nm.flags = flags;
    if (r.more) nm.flags |= kNumberMore;
    out->push_back(nm);
    return end;
  };

  // X分之Y: fractions and 百分之 percentages; 负 on either side.
  if (!ordinal) {
    ParsedNumber f;
    size_t fend = 0;
    if (FractionAfter(text, q, toks, k, &f, &fend)) {
      return emit(pos, fend, f, NumberForm::kFraction,
                  number_rules::kZhFraction, 0);
    }
  }
  // 成 numbers: 七成, 三成半, 七成六, 9.5成.
  if (!ordinal && !negative && StartsWith(text, q, "成") &&
      !NotCheng(text, q)) {
    size_t e = q + 3;
    size_t len = 0;
    if (e < n) {
      char32_t c = DecodeUtf8(text, e, &len);
      const ZhCharInfo* info = zh_.Lookup(c);
      if (c == kBanChar) {
        e += len;
      } else if (info != nullptr && info->kind == ZhCharKind::kDigit) {
        // 七成六 only at a boundary: 七成六 not 七成六个.
        size_t after = e + len, l2 = 0;
        char32_t a = after < n ? DecodeUtf8(text, after, &l2) : 0;
        if (a == 0 || !IsHan(a) || a == U'的' || a == U'左' || a == U'以' ||
            a == U'多' || a == U'上') {
          e += len;
        }
      }
    }
    ParsedNumber r = zh_.ParseChengShu(text.substr(p, e - p));
    if (!r.ok() && e > q + 3) {
      e = q + 3;
      r = zh_.ParseChengShu(text.substr(p, e - p));
    }
    if (r.ok())
      return emit(pos, e, r, NumberForm::kTenths, number_rules::kZhCheng, 0);
  }

  // The longest valid numeral.
  ParsedNumber r;
  size_t m = k;
  for (; m > 0; --m) {
    r = zh_.ParseTokens(toks, m);
    if (r.ok()) break;
  }
  // Two digits, the second larger (一两, 三四, 三五): "one or two", an
  // estimate, not a number.
  const bool estimate = m == 2 && toks[0].type == T::kDigit && toks[1].type == T::kDigit &&
                        toks[1].small > toks[0].small;
  // 两 never ends a longer numeral (32 is 三十二): in 三十两, 两万两 and 二两
  // it is the unit liang, left to the quantity layer.
  size_t liang_end = 0;  // past the 两 left out, which is not read again
  if (m >= 2 && !estimate && toks[m - 1].type == T::kDigit &&
      StartsWith(text, toks[m - 1].begin, "两")) {
    liang_end = toks[m - 1].end;
    --m;
    r = zh_.ParseTokens(toks, m);
    if (!r.ok()) m = 0;
  }
  // A lone scale after an approximation word: 近万人, 上百家, 破亿.
  if ((m == 0 || m == 1) && !from_digits && !ordinal && !negative &&
      (toks[0].type == T::kSmallScale || toks[0].type == T::kBigScale)) {
    size_t pl = 0;
    size_t sl = 0;
    if (LoneScalePrefix(DecodeUtf8Before(text, pos, &pl)) &&
        !NoLoneScale(DecodeUtf8(text, toks[0].begin, &sl)) &&
        (m == 1 || k == 1 || toks[1].type != T::kMore)) {
      ParsedNumber one;
      SetFromDecimal(DecimalNumber::Pow10(toks[0].small), &one);
      return emit(pos, toks[0].end, one, NumberForm::kCardinal,
                  number_rules::kZhLoneScale, kNumberScaled);
    }
  }
  if (m == 0) return from_digits ? 0 : toks[0].end;
  size_t end = toks[m - 1].end;
  if (!ordinal && !r.digit_string) {
    // N又X分之Y: a whole number and a fraction (三百五十又三分之一).
    size_t y = SkipSpaces(text, end);
    if (StartsWith(text, y, "又")) {
      T den[kMaxZhTokens];
      size_t nd = 0;
      size_t dq = ReadTokens(text, SkipSpaces(text, y + 3), true, den, &nd);
      ParsedNumber f;
      size_t fend = 0;
      if (nd > 0 && FractionAfter(text, dq, den, nd, &f, &fend) &&
          f.value > 0 && f.value < 1 && !f.more && !r.more) {
        ParsedNumber sum = r;
        sum.value = r.value + f.value;
        sum.exact = r.exact && f.exact;
        return emit(pos, fend, sum, NumberForm::kCardinal,
                    number_rules::kZhMixedFraction, kNumberScaled);
      }
    }
    // N打: dozens (一打 = 12, 五十打 = 600), not the verb (一打开, 三打一);
    // a lone financial digit only when no Han character precedes it (陆 of
    // 大陆打拼).
    size_t bl = 0;
    const ZhCharInfo* fi = zh_.Lookup(DecodeUtf8(text, toks[0].begin, &bl));
    bool lone_ok = m > 1 || fi == nullptr || fi->standalone ||
                   !IsHan(DecodeUtf8Before(text, pos, &bl));
    if (lone_ok && !r.more && r.value >= 1 && StartsWith(text, end, "打") &&
        !NotDozen(text, end) && r.value == static_cast<double>(static_cast<int64_t>(r.value))) {
      size_t al = 0;
      char32_t after = end + 3 < n ? DecodeUtf8(text, end + 3, &al) : 0;
      if (zh_.Lookup(after) == nullptr && !IsDigit(static_cast<char>(after))) {
        ParsedNumber dz = r;
        dz.value = r.value * 12;
        return emit(pos, end + 3, dz, NumberForm::kCardinal,
                    number_rules::kZhDozen, kNumberScaled);
      }
    }
  }
  if (from_digits && m == 1) return 0;  // only the Arabic number

  // List numbering: "一、" at a line start, "(一)" anywhere.
  if (!ordinal && !negative && !from_digits) {
    if (AtLineStart(text, pos) && StartsWith(text, end, "、")) return end + 3;
    if (pos > 0 && text[pos - 1] == '(' && end < n && text[end] == ')')
      return end + 1;
  }
  bool has_arabic = false, has_big = false, has_scale = false, has_zero = false;
  for (size_t i = 0; i < m; ++i) {
    has_arabic |= toks[i].type == T::kArabic;
    has_big |= toks[i].type == T::kBigScale;
    has_scale |= toks[i].type == T::kBigScale || toks[i].type == T::kSmallScale;
    has_zero |= toks[i].type == T::kZero;
  }
  if (m == 1 && !ordinal && !negative) {
    size_t len = 0;
    const ZhCharInfo* info = zh_.Lookup(DecodeUtf8(text, toks[0].begin, &len));
    // 一半: half.
    if (toks[0].type == T::kDigit && toks[0].small == 1 &&
        StartsWith(text, end, "半")) {
      ParsedNumber half;
      half.status = NumeralStatus::kOk;
      half.value = 0.5;
      half.denominator = 2;
      return emit(pos, end + 3, half, NumberForm::kFraction,
                  number_rules::kZhHalf, 0);
    }
    if (info == nullptr || !info->standalone) {
      return end;  // 万 of 万科, 陆 of 大陆, 零 of 零售
    }
  }
  uint16_t flags = 0;
  if (r.digit_string) {
    size_t len = 0;
    bool year = end < n && DecodeUtf8(text, end, &len) == kNianChar;
    // 五五折, 三八折: two digits before 折 are read one by one (55%, 38%).
    bool discount = m == 2 && !has_zero && StartsWith(text, end, "折");
    // 三四个 "three or four", 二三十 "twenty or thirty": the whole run is
    // skipped so that no part of it (十) is read.
    if (estimate && !discount) return toks[k - 1].end;
    if (!year && !has_zero && !discount) return end;
    flags |= kNumberDigitString;
    if (year) flags |= kNumberYear | kNumberMaybeYear;
    if (m == 4 && r.value >= 1000 && r.value <= 2199) flags |= kNumberMaybeYear;
  }
  if (has_scale) flags |= kNumberScaled;
  // N个半: two and a half.
  if (!ordinal && StartsWith(text, end, "个半")) {
    r.value += 0.5;
    return emit(pos, end + 6, r, NumberForm::kCardinal, number_rules::kZhHalf,
                flags);
  }
  std::string_view rule = ordinal          ? number_rules::kZhOrdinal
                          : r.digit_string ? number_rules::kZhDigitString
                          : has_arabic     ? number_rules::kZhMixed
                          : has_big        ? number_rules::kZhScale
                                           : number_rules::kZhNumeral;
  return std::max(emit(pos, end, r, ordinal ? NumberForm::kOrdinal : NumberForm::kCardinal,
                       rule, flags),
                  liang_end);
}

}  // namespace factmine
