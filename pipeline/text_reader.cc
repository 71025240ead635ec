// Plain-text articles and publication dates (see text_reader.h).
#include "pipeline/text_reader.h"
#include "pipeline/text_util.h"

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

namespace factmine {

namespace {

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != AsciiLower(prefix[i])) return false;
  }
  return true;
}

// Full-width digits and punctuation that occur in dates, folded to ASCII;
// U+3000 to a space.
std::string FoldDate(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i, 2) == "\xEF\xBC" && i + 2 < s.size()) {
      auto c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0x90 && c <= 0x99) {
        out += static_cast<char>('0' + (c - 0x90));
        i += 3;
        continue;
      }
      if (c == 0x9A || c == 0x8D || c == 0x8F || c == 0x8E || c == 0x8B) {
        out += c == 0x9A   ? ':'
               : c == 0x8D ? '-'
               : c == 0x8F ? '/'
               : c == 0x8E ? '.'
                           : '+';
        i += 3;
        continue;
      }
    }
    if (s.substr(i, 3) == "\xE3\x80\x80") {
      out += ' ';
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// A cursor over a (folded) date string.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool AtEnd() const { return i_ >= s_.size(); }
  size_t pos() const { return i_; }
  void set_pos(size_t p) { i_ = p; }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  // Consumes `t` if it comes next (ASCII case-insensitively).
  bool Eat(std::string_view t) {
    if (!StartsWithNoCase(s_.substr(i_), t)) return false;
    i_ += t.size();
    return true;
  }
  // Consumes spaces; returns how many bytes.
  size_t Spaces() {
    size_t start = i_;
    while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
    return i_ - start;
  }
  // Consumes min..max ASCII digits (no more may follow) into *v.
  bool Digits(int min, int max, int* v) {
    size_t start = i_;
    int value = 0, n = 0;
    while (!AtEnd() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (n == max) {
        i_ = start;
        return false;
      }
      value = value * 10 + (s_[i_] - '0');
      ++n;
      ++i_;
    }
    if (n < min) {
      i_ = start;
      return false;
    }
    *v = value;
    return true;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// Full month name, "Sept" or a three-letter abbreviation, with an optional
// period.
bool MonthName(Cursor* c, int* month) {
  for (int m = 0; m < 12; ++m) {
    if (c->Eat(kMonths[m]) || (m == 8 && c->Eat("sept")) ||
        c->Eat(kMonths[m].substr(0, 3))) {
      // A longer alphabetic word (e.g. "marching") is not a month.
      char next = AsciiLower(c->Peek());
      if (next >= 'a' && next <= 'z') return false;
      c->Eat(".");
      *month = m + 1;
      return true;
    }
  }
  return false;
}

bool ParseDatePart(Cursor* c, int* y, int* m, int* d, bool* chinese) {
  size_t start = c->pos();
  *chinese = false;
  if (c->Digits(4, 4, y)) {
    c->Spaces();
    if (c->Eat("年")) {
      *chinese = true;
      c->Spaces();
      if (!c->Digits(1, 2, m)) return false;
      c->Spaces();
      if (!c->Eat("月")) return false;
      c->Spaces();
      if (!c->Digits(1, 2, d)) return false;
      c->Spaces();
      if (!c->Eat("日")) c->Eat("号");
      return true;
    }
    char sep = c->Peek();
    if (sep != '-' && sep != '/' && sep != '.') return false;
    c->Eat(std::string_view(&sep, 1));
    if (!c->Digits(1, 2, m)) return false;
    if (!c->Eat(std::string_view(&sep, 1))) return false;
    return c->Digits(1, 2, d);
  }
  c->set_pos(start);
  if (MonthName(c, m)) {  // March 14, 2025
    c->Spaces();
    if (!c->Digits(1, 2, d)) return false;
    if (!c->Eat("st") && !c->Eat("nd") && !c->Eat("rd")) c->Eat("th");
    c->Eat(",");
    c->Spaces();
    return c->Digits(4, 4, y);
  }
  c->set_pos(start);
  if (c->Digits(1, 2, d)) {  // 14 March 2025
    c->Spaces();
    if (!MonthName(c, m)) return false;
    c->Eat(",");
    c->Spaces();
    return c->Digits(4, 4, y);
  }
  return false;
}

bool ParseTimePart(Cursor* c, int* h, int* mi, int* sec, bool* has_sec) {
  *has_sec = false;
  if (!c->Digits(1, 2, h)) return false;
  if (c->Eat(":")) {
    if (!c->Digits(2, 2, mi)) return false;
    if (c->Eat(":")) {
      if (!c->Digits(2, 2, sec)) return false;
      *has_sec = true;
      if (c->Eat(".")) {
        int frac;
        if (!c->Digits(1, 9, &frac)) return false;
      }
    }
  } else if (c->Eat("时") || c->Eat("点") || c->Eat("時") || c->Eat("點")) {
    if (!c->Digits(1, 2, mi)) return false;
    c->Eat("分");
    size_t p = c->pos();
    if (c->Digits(1, 2, sec)) {
      if (!c->Eat("秒")) {
        c->set_pos(p);
      } else {
        *has_sec = true;
      }
    }
  } else {
    return false;
  }
  size_t p = c->pos();
  c->Spaces();
  bool pm = c->Eat("pm") || c->Eat("p.m.");
  bool am = !pm && (c->Eat("am") || c->Eat("a.m."));
  if (pm || am) {
    if (*h < 1 || *h > 12) return false;
    if (pm && *h < 12) *h += 12;
    if (am && *h == 12) *h = 0;
  } else {
    c->set_pos(p);
  }
  return true;
}

// A time zone after the time; dropped.
// Reads an optional time zone after a time and returns it as an offset
// ("+08:00", "+00:00" for Z/UTC/GMT/北京时间 → "+08:00"), or "" when there is
// none or it is ambiguous (CST: China or US Central).
std::string ReadZone(Cursor* c) {
  size_t p = c->pos();
  c->Spaces();
  if (c->Eat("Z")) return "+00:00";
  std::string named;
  if (c->Eat("UTC") || c->Eat("GMT")) {
    named = "+00:00";
  } else if (c->Eat("(北京时间)") || c->Eat("（北京时间）") || c->Eat("北京时间")) {
    named = "+08:00";
  } else if (c->Eat("CST")) {
    named = "?";
  }
  if (!named.empty()) c->Spaces();
  char sign = c->Peek();
  if (sign == '+' || sign == '-') {
    size_t q = c->pos();
    c->Eat(std::string_view(&sign, 1));
    int hh = 0, mm = 0;
    bool ok = false;
    size_t digits_at = c->pos();
    int hhmm;
    if (c->Digits(4, 4, &hhmm)) {
      hh = hhmm / 100;
      mm = hhmm % 100;
      ok = true;
    } else {
      c->set_pos(digits_at);
      if (c->Digits(1, 2, &hh)) {
        ok = true;
        if (c->Eat(":") && !c->Digits(2, 2, &mm)) ok = false;
      }
    }
    if (ok && hh <= 14 && mm <= 59) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, hh, mm);
      return buf;
    }
    c->set_pos(q);
  }
  if (named == "?") return "";
  if (!named.empty()) return named;
  c->set_pos(p);
  return "";
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// ------------------------------------------------------------ metadata

enum class MetaKind { kSource, kDate };

struct MetaKey {
  std::string_view name;
  MetaKind kind;
};

// Longest first where one key is a prefix of another.
constexpr std::array<MetaKey, 19> kMetaKeys{{
    {"Publication date", MetaKind::kDate},
    {"Published at", MetaKind::kDate},
    {"Published", MetaKind::kDate},
    {"Publisher", MetaKind::kSource},
    {"Source", MetaKind::kSource},
    {"Date", MetaKind::kDate},
    {"Time", MetaKind::kDate},
    {"来源", MetaKind::kSource},
    {"出处", MetaKind::kSource},
    {"稿源", MetaKind::kSource},
    {"媒体", MetaKind::kSource},
    {"发布时间", MetaKind::kDate},
    {"发布日期", MetaKind::kDate},
    {"发表时间", MetaKind::kDate},
    {"发表日期", MetaKind::kDate},
    {"更新时间", MetaKind::kDate},
    {"日期", MetaKind::kDate},
    {"时间", MetaKind::kDate},
    {"Posted", MetaKind::kDate},
}};

// A "Key:" found in a line: [key_begin, value_begin).
struct KeyHit {
  size_t key_begin;
  size_t value_begin;
  MetaKind kind;
};

// Length of "key<spaces>:" at the start of s, or 0.
size_t MatchKey(std::string_view s, MetaKind* kind) {
  for (const MetaKey& k : kMetaKeys) {
    if (!StartsWithNoCase(s, k.name)) continue;
    size_t i = k.name.size();
    // "Sources" or "Datelines" are other words.
    char next = i < s.size() ? AsciiLower(s[i]) : '\0';
    if (next >= 'a' && next <= 'z') continue;
    while (size_t n = RawSpaceLenAt(s.substr(i))) i += n;
    if (i < s.size() && s[i] == ':') return *kind = k.kind, i + 1;
    if (s.substr(i, 3) == "\xEF\xBC\x9A") return *kind = k.kind, i + 3;
  }
  return 0;
}

// Separators after which a second key may start.
size_t SeparatorLenBefore(std::string_view s) {
  if (size_t n = RawSpaceLenBefore(s)) return n;
  if (s.empty()) return 0;
  char c = s.back();
  if (c == '|' || c == ',' || c == ';') return 1;
  if (s.size() >= 3) {
    std::string_view t = s.substr(s.size() - 3);
    if (t == "\xEF\xBD\x9C" /*｜*/ || t == "\xEF\xBC\x8C" /*，*/ ||
        t == "\xEF\xBC\x9B" /*；*/) {
      return 3;
    }
  }
  return 0;
}

// Trims whitespace and trailing separators.
std::string_view TrimValue(std::string_view v) {
  v = TrimRaw(v);
  while (size_t n = SeparatorLenBefore(v)) {
    v.remove_suffix(n);
    v = TrimRaw(v);
  }
  return v;
}

// Longest source value taken from a metadata line.
constexpr size_t kMaxSourceBytes = 120;

struct MetaLine {
  std::string source;
  std::string published_at;
};

// Parses one candidate metadata line. Returns nullopt if it is not one;
// *bad_date receives a date value that was not understood.
std::optional<MetaLine> ParseMetaLine(std::string_view line,
                                      std::string* bad_date) {
  std::string_view t = TrimRaw(line);
  if (t.empty()) return std::nullopt;
  std::vector<KeyHit> hits;
  for (size_t p = 0; p < t.size();) {
    if (p == 0 || SeparatorLenBefore(t.substr(0, p))) {
      MetaKind kind;
      if (size_t len = MatchKey(t.substr(p), &kind)) {
        hits.push_back({p, p + len, kind});
        p += len;
        continue;
      }
    }
    // Step one UTF-8 character.
    auto c = static_cast<unsigned char>(t[p]);
    p += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  MetaLine m;
  auto take_date = [&](std::string_view v) {
    if (ParsePublishedAt(v, &m.published_at)) return true;
    *bad_date = std::string(v);
    return false;
  };
  std::string_view lead =
      TrimValue(t.substr(0, hits.empty() ? t.size() : hits[0].key_begin));
  // Text before the first key must be a date; it is not reported when it
  // is not one (it is then an ordinary line).
  if (!lead.empty() && !ParsePublishedAt(lead, &m.published_at)) {
    return std::nullopt;
  }
  for (size_t i = 0; i < hits.size(); ++i) {
    size_t end = i + 1 < hits.size() ? hits[i + 1].key_begin : t.size();
    std::string_view v =
        TrimValue(t.substr(hits[i].value_begin, end - hits[i].value_begin));
    if (v.empty()) return std::nullopt;
    if (hits[i].kind == MetaKind::kSource) {
      // An outlet name, not a sentence that happens to start with "Source:".
      if (v.size() > kMaxSourceBytes) return std::nullopt;
      if (m.source.empty()) m.source = std::string(v);
    } else if (!take_date(v)) {
      return std::nullopt;
    }
  }
  return m;
}

}  // namespace

bool ParsePublishedAt(std::string_view s, std::string* out) {
  std::string folded = FoldDate(TrimRaw(s));
  Cursor c(folded);
  int y = 0, m = 0, d = 0, h = -1, mi = 0, sec = 0;
  bool chinese = false, has_sec = false;
  std::string zone;
  if (!ParseDatePart(&c, &y, &m, &d, &chinese)) return false;
  size_t before = c.pos();
  size_t spaces = c.Spaces();
  if (!c.AtEnd()) {
    bool t = spaces == 0 && c.Eat("T");
    if (spaces == 0 && !t && !chinese) return false;
    if (!ParseTimePart(&c, &h, &mi, &sec, &has_sec)) return false;
    zone = ReadZone(&c);
    c.Spaces();
    if (!c.AtEnd()) return false;
  } else {
    c.set_pos(before);
  }
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, m)) return false;
  if (h > 23 || mi > 59 || sec > 59) return false;
  char buf[64];
  if (h < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else if (!has_sec) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", y, m, d, h, mi);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, h,
                  mi, sec);
  }
  *out = buf;
  *out += zone;
  return true;
}

RawArticle ReadTextArticle(std::string_view utf8) {
  RawArticle a;
  a.format = Format::kText;
  a.position = 1;
  a.bytes = utf8.size();

  // Lines without their terminators (LF, CRLF or CR).
  std::vector<std::string_view> lines;
  for (size_t i = 0; i <= utf8.size();) {
    size_t j = utf8.find_first_of("\r\n", i);
    if (j == std::string_view::npos) {
      if (i < utf8.size()) lines.push_back(utf8.substr(i));
      break;
    }
    lines.push_back(utf8.substr(i, j - i));
    i = j +
        (utf8[j] == '\r' && j + 1 < utf8.size() && utf8[j + 1] == '\n' ? 2 : 1);
  }
  auto blank = [&](size_t k) { return TrimRaw(lines[k]).empty(); };

  size_t k = 0;
  while (k < lines.size() && blank(k)) ++k;
  if (k == lines.size()) {
    a.status = Status::InvalidInput("empty article");
    return a;
  }
  a.title = std::string(TrimRaw(lines[k]));
  a.line = static_cast<uint32_t>(k + 1);
  ++k;

  // The metadata block.
  size_t body = k;
  for (size_t j = k; j < lines.size(); ++j) {
    if (blank(j)) continue;
    std::string bad_date;
    std::optional<MetaLine> meta = ParseMetaLine(lines[j], &bad_date);
    if (!meta) {
      if (!bad_date.empty()) {
        a.notes.push_back("date not understood: " + bad_date);
      }
      break;
    }
    if (a.source.empty()) a.source = std::move(meta->source);
    if (a.published_at.empty()) a.published_at = std::move(meta->published_at);
    body = j + 1;
  }

  size_t first = body, last = lines.size();
  while (first < last && blank(first)) ++first;
  while (last > first && blank(last - 1)) --last;
  for (size_t j = first; j < last; ++j) {
    if (j > first) a.text += '\n';
    a.text.append(lines[j]);
  }
  return a;
}

}  // namespace factmine
