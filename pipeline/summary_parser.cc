// Summary parser (see summary_parser.h).
//
// The text is processed line by line. Each line is cut into segments at
// bullet separators (a dash with whitespace on both sides). A segment that
// is followed by a separator may end in a heading: the heading is the
// segment's tail after its last sentence end (or the whole segment), and it
// must classify as Core Viewpoint / Core Insights / Group N[: Title] / a
// short Title-Case phrase. Everything else is bullet text.
#include "pipeline/summary_parser.h"
#include "pipeline/text_util.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace factmine {

namespace {

// How far back from the end of a segment a heading may start (bytes).
constexpr size_t kHeadingWindow = 200;
// Limits of a generic Title-Case heading.
constexpr size_t kMaxGenericWords = 8;
constexpr size_t kMaxGenericBytes = 80;
// Limits of a group title ("Group 1: <title>").
constexpr size_t kMaxGroupTitleWords = 16;
constexpr size_t kMaxGroupTitleBytes = 160;
// StartsWithSectionHeading looks at this many bytes.
constexpr size_t kLineSniffBytes = 256;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsAt(std::string_view t, size_t i, std::string_view what) {
  return t.size() >= i + what.size() && t.compare(i, what.size(), what) == 0;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Byte length of a dash at t[i]: '-', U+2013, U+2014, U+FF0D; 0 if none.
size_t DashLen(std::string_view t, size_t i) {
  if (t[i] == '-') return 1;
  unsigned char lead = static_cast<unsigned char>(t[i]);
  if (lead != 0xE2 && lead != 0xEF) return 0;
  if (StartsAt(t, i, "\xE2\x80\x93") || StartsAt(t, i, "\xE2\x80\x94") ||
      StartsAt(t, i, "\xEF\xBC\x8D")) {
    return 3;
  }
  return 0;
}

// Byte length of a bullet marker at t[i] ('-', '*', '•', en/em dash),
// 0 if none. The marker must be followed by whitespace or `end`.
size_t MarkerLen(std::string_view t, size_t i, size_t end) {
  size_t n = DashLen(t, i);
  if (n == 0 && t[i] == '*') n = 1;
  if (n == 0 && StartsAt(t, i, "\xE2\x80\xA2")) n = 3;
  if (n == 0) return 0;
  if (i + n < end && !IsAsciiSpace(t[i + n])) return 0;
  return n;
}

void TrimRange(std::string_view t, size_t* b, size_t* e) {
  while (*b < *e && IsAsciiSpace(t[*b])) ++*b;
  while (*e > *b && IsAsciiSpace(t[*e - 1])) --*e;
}

std::string_view Trimmed(std::string_view s) {
  size_t b = 0, e = s.size();
  TrimRange(s, &b, &e);
  return s.substr(b, e - b);
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsAsciiSpace(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Lowercase words allowed inside a Title-Case heading.
bool IsSmallWord(std::string_view w) {
  static constexpr std::array<std::string_view, 16> kSmall = {
      "and", "of", "the", "in",   "for", "on", "to", "a",
      "an",  "&",  "vs",  "with", "at",  "by", "or", "from"};
  return std::find(kSmall.begin(), kSmall.end(), w) != kSmall.end();
}

// Capitalised words that open ordinary sentences, not headings.
bool IsSentenceOpener(std::string_view w) {
  static constexpr std::array<std::string_view, 40> kOpeners = {
      "The",       "This",     "That",     "These",      "Those", "It",
      "Its",       "A",        "An",       "In",         "On",    "At",
      "As",        "By",       "For",      "From",       "With",  "However",
      "But",       "And",      "Or",       "Also",       "He",    "She",
      "They",      "We",       "I",        "You",        "There", "Here",
      "Meanwhile", "Despite",  "While",    "When",       "If",    "According",
      "After",     "Although", "Moreover", "Furthermore"};
  return std::find(kOpeners.begin(), kOpeners.end(), w) != kOpeners.end();
}

// A capitalised heading word: starts with A-Z, then letters and ' ’ . & / -
// only (no digits, no commas).
bool IsCapWord(std::string_view w) {
  if (w.empty() || !IsUpper(w[0])) return false;
  for (size_t i = 1; i < w.size(); ++i) {
    char c = w[i];
    // Digits after a capital: quarters and halves ("Q2", "H1").
    if (IsAlpha(c) || (c >= '0' && c <= '9') || c == '\'' || c == '.' || c == '&' ||
        c == '/' || c == '-')
      continue;
    if (StartsAt(w, i, "\xE2\x80\x99")) {  // ’
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

struct HeadingInfo {
  SectionKind kind = SectionKind::kHeading;
  std::string label;
  int group_no = 0;
  std::string title;
};

// "Group N" or "Group N: Title" (h trimmed).
bool ClassifyGroup(std::string_view h, HeadingInfo* out) {
  if (h.size() < 7 || !EqualsIgnoreCase(h.substr(0, 5), "group") ||
      !IsAsciiSpace(h[5])) {
    return false;
  }
  size_t i = 5;
  while (i < h.size() && IsAsciiSpace(h[i])) ++i;
  size_t d = i;
  while (i < h.size() && IsDigit(h[i])) ++i;
  if (i == d || i - d > 4) return false;
  int n = 0;
  for (size_t k = d; k < i; ++k) n = n * 10 + (h[k] - '0');
  size_t j = i;
  while (j < h.size() && IsAsciiSpace(h[j])) ++j;
  std::string_view title;
  if (j < h.size()) {
    size_t colon = 0;
    if (h[j] == ':') colon = 1;
    if (StartsAt(h, j, "\xEF\xBC\x9A")) colon = 3;  // full-width colon
    if (colon == 0) return false;
    title = Trimmed(h.substr(j + colon));
    if (title.empty() || title.size() > kMaxGroupTitleBytes ||
        Words(title).size() > kMaxGroupTitleWords) {
      return false;
    }
  } else if (j != i) {
    return false;  // trailing spaces only happen when h was not trimmed
  }
  out->kind = SectionKind::kGroup;
  out->label = "Group " + std::to_string(n);
  out->group_no = n;
  out->title = std::string(title);
  return true;
}

// Classifies a trimmed heading candidate. `allow_single` admits one-word
// generic headings ("Outlook"), which are only trusted when the candidate
// is a whole segment.
bool ClassifyHeading(std::string_view h, bool allow_single, HeadingInfo* out) {
  if (h.empty()) return false;
  for (std::string_view v :
       {"Core Viewpoint", "Core Viewpoints", "Core View"}) {
    if (EqualsIgnoreCase(h, v)) {
      out->kind = SectionKind::kViewpoint;
      out->label = "Core Viewpoint";
      return true;
    }
  }
  for (std::string_view v : {"Core Insights", "Core Insight"}) {
    if (EqualsIgnoreCase(h, v)) {
      out->kind = SectionKind::kInsights;
      out->label = "Core Insights";
      return true;
    }
  }
  if (ClassifyGroup(h, out)) return true;
  // Generic Title-Case heading.
  if (h.size() > kMaxGenericBytes) return false;
  std::vector<std::string_view> w = Words(h);
  if (w.empty() || w.size() > kMaxGenericWords) return false;
  if (w.size() == 1 && (!allow_single || w[0].size() < 3)) return false;
  if (!IsCapWord(w[0]) || IsSentenceOpener(w[0])) return false;
  if (IsSmallWord(w.back())) return false;
  for (std::string_view word : w) {
    if (!IsCapWord(word) && !IsSmallWord(word)) return false;
  }
  out->kind = SectionKind::kHeading;
  out->label = std::string(h);
  return true;
}

// True if the '.' at t[k] closes an abbreviation ("U.S.", "No.", "e.g.").
bool IsAbbreviationDot(std::string_view t, size_t b, size_t k) {
  size_t s = k;
  while (s > b && (IsAlpha(t[s - 1]) || t[s - 1] == '.')) --s;
  std::string_view w = t.substr(s, k - s);
  if (w.empty()) return false;
  // "..." (an ellipsis, often a cut-off) ends a bullet.
  if (w.find_first_not_of('.') == std::string_view::npos) return false;
  if (w.size() == 1 || w.find('.') != std::string_view::npos) return true;
  static constexpr std::array<std::string_view, 14> kAbbrev = {
      "No", "Mr",   "Mrs", "Ms", "Dr", "St", "Inc",
      "Co", "Corp", "Ltd", "vs", "Jr", "Sr", "Prof"};
  return std::find(kAbbrev.begin(), kAbbrev.end(), w) != kAbbrev.end();
}

// Finds a heading at the end of segment [b, e) of t (already trimmed).
// On success sets *hb/*he to the heading's byte range and fills *out.
bool FindHeading(std::string_view t, size_t b, size_t e, size_t* hb, size_t* he,
                 HeadingInfo* out) {
  if (b >= e) return false;
  size_t region = e - b > kHeadingWindow ? e - kHeadingWindow : b;
  while (region > b && region < e &&
         (static_cast<unsigned char>(t[region]) & 0xC0) == 0x80) {
    ++region;  // start on a character boundary
  }
  size_t last =
      std::string_view::npos;  // position just after the last sentence end
  for (size_t k = region; k < e; ++k) {
    char c = t[k];
    if (c == ']') {
      last = k + 1;
    } else if ((c == '.' || c == '!' || c == '?' || c == ';') &&
               (k + 1 == e || IsAsciiSpace(t[k + 1])) &&
               (c != '.' || !IsAbbreviationDot(t, b, k))) {
      last = k + 1;
    } else if (IsAsciiSpace(c) && k + 1 < e && IsAsciiSpace(t[k + 1])) {
      last = k + 1;  // a run of spaces: a masked citation or a gap
    } else if ((static_cast<unsigned char>(c) == 0xE3 ||
                static_cast<unsigned char>(c) == 0xEF) &&
               (StartsAt(t, k, "\xE3\x80\x82") ||
                StartsAt(t, k, "\xE3\x80\x91") ||
                StartsAt(t, k, "\xEF\xBC\x81") ||
                StartsAt(t, k, "\xEF\xBC\x9F") ||
                StartsAt(t, k, "\xEF\xBC\x9B"))) {  // 。 】 ！ ？ ；
      last = k + 3;
      k += 2;
    }
  }
  size_t tb = last != std::string_view::npos ? last : region;
  size_t te = e;
  TrimRange(t, &tb, &te);
  if (tb < te && (last != std::string_view::npos || region == b)) {
    bool whole = (last == std::string_view::npos);
    if (ClassifyHeading(t.substr(tb, te - tb), whole, out)) {
      *hb = tb;
      *he = te;
      return true;
    }
  }
  // "… text Group 3: Title" with no sentence end before "Group".
  size_t from = region;
  size_t best = std::string_view::npos;
  while (true) {
    size_t p = t.substr(0, e).find("Group", from);
    if (p == std::string_view::npos) break;
    if (p > b && IsAsciiSpace(t[p - 1])) best = p;
    from = p + 1;
  }
  if (best != std::string_view::npos &&
      ClassifyGroup(t.substr(best, te - best), out)) {
    *hb = best;
    *he = te;
    return true;
  }
  return false;
}

// A section separator at t[i] inside line [lb, le): whitespace, a dash,
// whitespace or end of line. Returns the dash length or 0.
size_t SeparatorAt(std::string_view t, size_t lb, size_t le, size_t i) {
  if (i == lb || !IsAsciiSpace(t[i - 1])) return 0;
  size_t n = DashLen(t, i);
  if (n == 0 || i + n > le) return 0;
  if (i + n < le && !IsAsciiSpace(t[i + n])) return 0;
  return n;
}

class Builder {
 public:
  Builder(std::vector<Section>* sections, std::vector<Bullet>* bullets)
      : sections_(sections), bullets_(bullets) {}

  bool InBody() const {
    return cur_ < 0 ||
           (*sections_)[static_cast<size_t>(cur_)].kind == SectionKind::kBody;
  }

  void AddBullet(std::string_view t, size_t b, size_t e) {
    TrimRange(t, &b, &e);
    if (b >= e) return;
    if (cur_ < 0) {
      Section s;
      s.kind = SectionKind::kBody;
      s.field = Field::kText;
      s.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      sections_->push_back(std::move(s));
      cur_ = static_cast<int>(sections_->size() - 1);
    }
    Section& s = (*sections_)[static_cast<size_t>(cur_)];
    s.span.end = std::max(s.span.end, static_cast<uint32_t>(e));
    Bullet bl;
    bl.section = static_cast<uint32_t>(cur_);
    bl.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    bullets_->push_back(bl);
  }

  void OpenHeading(size_t hb, size_t he, HeadingInfo info) {
    Section s;
    s.kind = info.kind;
    s.field = Field::kText;
    s.span = {static_cast<uint32_t>(hb), static_cast<uint32_t>(he)};
    s.heading = s.span;
    s.label = std::move(info.label);
    s.group_no = info.group_no;
    s.title = std::move(info.title);
    sections_->push_back(std::move(s));
    cur_ = static_cast<int>(sections_->size() - 1);
  }

 private:
  std::vector<Section>* sections_;
  std::vector<Bullet>* bullets_;
  int cur_ = -1;  // index of the open section, -1 before the first
};

struct Line {
  size_t begin;  // first non-space byte
  size_t end;    // one past the last non-space byte
};

}  // namespace

bool StartsWithSectionHeading(std::string_view line, SectionKind* kind) {
  line = line.substr(0, std::min(line.size(), kLineSniffBytes));
  size_t b = 0, e = line.size();
  TrimRange(line, &b, &e);
  for (size_t i = b; i < e; ++i) {
    if (size_t n = SeparatorAt(line, b, e, i); n > 0) {
      size_t se = i;
      size_t sb = b;
      TrimRange(line, &sb, &se);
      HeadingInfo info;
      if (sb >= se || !ClassifyHeading(line.substr(sb, se - sb), true, &info))
        return false;
      if (kind != nullptr) *kind = info.kind;
      return true;
    }
  }
  return false;
}

void ParseSummary(std::string_view text, std::vector<Section>* sections,
                  std::vector<Bullet>* bullets) {
  // Lines, trimmed; blank lines dropped.
  std::vector<Line> lines;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t b = pos, e = end;
    TrimRange(text, &b, &e);
    if (b < e) lines.push_back({b, e});
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  Builder out(sections, bullets);
  for (size_t li = 0; li < lines.size(); ++li) {
    size_t lb = lines[li].begin, le = lines[li].end;
    size_t marker = MarkerLen(text, lb, le);
    // A heading alone on its line, followed by a line of "- " bullets.
    if (marker == 0 && li + 1 < lines.size() &&
        MarkerLen(text, lines[li + 1].begin, lines[li + 1].end) > 0) {
      HeadingInfo info;
      if (ClassifyHeading(text.substr(lb, le - lb), true, &info)) {
        out.OpenHeading(lb, le, std::move(info));
        continue;
      }
    }
    size_t s = lb + marker;
    size_t pending =
        std::string_view::npos;  // kBody: start of this line's bullet
    size_t pending_end = 0;
    while (s <= le) {
      // Find the end of this segment.
      size_t i = s;
      size_t sep = 0;
      for (; i < le; ++i) {
        sep = SeparatorAt(text, lb, le, i);
        if (sep > 0) break;
      }
      bool has_sep = sep > 0;
      size_t sb = s, se = i;
      TrimRange(text, &sb, &se);
      size_t hb = 0, he = 0;
      HeadingInfo info;
      if (has_sep && sb < se && FindHeading(text, sb, se, &hb, &he, &info)) {
        if (out.InBody()) {
          size_t start = pending != std::string_view::npos ? pending : sb;
          out.AddBullet(text, start, hb);
          pending = std::string_view::npos;
        } else {
          out.AddBullet(text, sb, hb);
        }
        out.OpenHeading(hb, he, std::move(info));
      } else if (sb < se) {
        if (out.InBody()) {
          if (pending == std::string_view::npos) pending = sb;
          pending_end = se;
        } else {
          out.AddBullet(text, sb, se);
        }
      }
      if (!has_sep) break;
      s = i + sep;
    }
    if (pending != std::string_view::npos)
      out.AddBullet(text, pending, pending_end);
  }
}

}  // namespace factmine
