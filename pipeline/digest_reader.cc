// Digest reader (see digest_reader.h).
#include "pipeline/digest_reader.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "pipeline/summary_parser.h"
#include "pipeline/tsv.h"
#include "pipeline/text_util.h"

namespace factmine {

namespace {

// ---------------------------------------------------------------------------
// Small text helpers (UTF-8, byte offsets).

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsAt(std::string_view t, size_t i, std::string_view what) {
  return t.size() >= i + what.size() && t.compare(i, what.size(), what) == 0;
}



std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Number of code points in s, counting at most up to limit + 1.
size_t CodePointsUpTo(std::string_view s, size_t limit) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n > limit) break;
  }
  return n;
}

// At most `max` bytes of s, cut on a character boundary, with "…" if cut.
std::string Excerpt(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t e = max;
  while (e > 0 && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) --e;
  return std::string(s.substr(0, e)) + "\xE2\x80\xA6";
}

// ---------------------------------------------------------------------------
// Source lines.

// Middle dots that separate the outlet from the date.
constexpr std::array<std::string_view, 5> kMiddleDots = {
    "\xC2\xB7",      // U+00B7 ·
    "\xE2\x80\xA2",  // U+2022 •
    "\xE3\x83\xBB",  // U+30FB ・
    "\xEF\xBD\xA5",  // U+FF65 ･
    "\xE2\x80\xA7",  // U+2027 ‧
};

// Reads 1..max_digits digits at s[*i]; returns -1 if none.
int ReadNumber(std::string_view s, size_t* i, size_t min_digits,
               size_t max_digits) {
  size_t b = *i;
  int v = 0;
  while (*i < s.size() && IsDigit(s[*i]) && *i - b < max_digits) {
    v = v * 10 + (s[*i] - '0');
    ++*i;
  }
  if (*i - b < min_digits || (*i < s.size() && IsDigit(s[*i]))) return -1;
  return v;
}

}  // namespace

bool ParseSourceLine(std::string_view line, std::string* source,
                     std::string* published_at, size_t max_source_bytes) {
  line = TrimRaw(line);
  // outlet + dot + " YYYY-MM-DD HH:MM:SS" is never much longer than this.
  if (line.empty() || line.size() > max_source_bytes + 40) return false;
  size_t dot = std::string_view::npos, dot_len = 0;
  for (std::string_view d : kMiddleDots) {
    size_t p = line.rfind(d);
    if (p != std::string_view::npos &&
        (dot == std::string_view::npos || p > dot)) {
      dot = p;
      dot_len = d.size();
    }
  }
  if (dot == std::string_view::npos) return false;
  std::string_view outlet = TrimRaw(line.substr(0, dot));
  if (outlet.empty() || outlet.size() > max_source_bytes) return false;
  std::string_view rest = TrimRaw(line.substr(dot + dot_len));
  size_t i = 0;
  int year = ReadNumber(rest, &i, 4, 4);
  if (year < 0 || i >= rest.size()) return false;
  char sep = rest[i];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  ++i;
  int month = ReadNumber(rest, &i, 1, 2);
  if (month < 0 || i >= rest.size() || rest[i] != sep) return false;
  ++i;
  int day = ReadNumber(rest, &i, 1, 2);
  if (day < 0) return false;
  int hour = -1, minute = -1, second = -1;
  if (i < rest.size()) {
    size_t gap = 0;
    while (i < rest.size() && RawSpaceLenAt(rest.substr(i)) > 0) {
      i += RawSpaceLenAt(rest.substr(i));
      ++gap;
    }
    if (gap == 0) return false;
    hour = ReadNumber(rest, &i, 1, 2);
    if (hour < 0 || i >= rest.size() || rest[i] != ':') return false;
    ++i;
    minute = ReadNumber(rest, &i, 2, 2);
    if (minute < 0) return false;
    if (i < rest.size() && rest[i] == ':') {
      ++i;
      second = ReadNumber(rest, &i, 2, 2);
      if (second < 0) return false;
    }
    if (i != rest.size()) return false;  // Trim removed trailing spaces
  }
  bool valid = month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
               hour <= 23 && minute <= 59 && second <= 59;
  if (source != nullptr) *source = std::string(outlet);
  if (published_at != nullptr) {
    published_at->clear();
    if (valid) {
      auto pad = [](int v, size_t width) {
        std::string d = std::to_string(v);
        return std::string(d.size() < width ? width - d.size() : 0, '0') + d;
      };
      *published_at = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
      if (hour >= 0) *published_at += " " + pad(hour, 2) + ":" + pad(minute, 2);
      if (second >= 0) *published_at += ":" + pad(second, 2);
    }
  }
  return true;
}

bool DigestConventions::IsResidue(std::string_view line) const {
  std::string_view t = TrimRaw(line);
  if (t.empty() || t.size() > 64) return false;
  return residue.count(AsciiLower(t)) > 0;
}

Result<DigestConventions> LoadDigestConventions(
    const std::string& lexicon_dir) {
  std::string path =
      (std::filesystem::path(lexicon_dir) / "digest_residue.tsv").string();
  Result<TsvTable> table = TsvTable::Load(path, {"line"});
  if (!table.ok()) return table.status();
  DigestConventions c;
  for (const TsvTable::Row& row : table->rows()) {
    std::string_view line = TrimRaw(table->Get(row, "line"));
    if (line.empty()) return table->ErrorAt(row, "empty residue line");
    c.residue.insert(AsciiLower(line));
  }
  return c;
}

bool LooksLikeDigest(std::string_view text, const DigestConventions& c) {
  text = text.substr(0, std::min(text.size(), c.sniff_bytes));
  bool first = true;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(
        pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view t = TrimRaw(line);
    if (t.empty()) continue;
    if (first && c.IsResidue(t)) return true;
    first = false;
    if (ParseSourceLine(t, nullptr, nullptr, c.max_source_bytes)) return true;
    SectionKind kind;
    if (StartsWithSectionHeading(t, &kind)) {
      if (kind != SectionKind::kHeading) return true;
      // A generic heading ("Market Overview - ") counts only with at least
      // two bullets after it, so that a dateline ("New York - ") does not.
      std::string_view head = t.substr(0, std::min<size_t>(t.size(), 4096));
      size_t seps = 0;
      for (size_t p = head.find(" - "); p != std::string_view::npos;
           p = head.find(" - ", p + 3)) {
        ++seps;
      }
      if (seps >= 3) return true;
    }
  }
  return false;
}

namespace {

// ---------------------------------------------------------------------------
// Line classification and the article state machine.

enum class Kind : uint8_t {
  kBlank,
  kResidue,
  kSource,        // "Outlet· 2025-11-09 08:41"
  kHeadingStart,  // opens with a section heading: "Core Viewpoint - …"
  kBulletStart,   // opens with a "- " bullet marker
  kText,          // anything else: a headline, a topic, prose, a table row
};

struct LineInfo {
  size_t begin = 0;  // byte offset of the line
  size_t end = 0;    // end of its content (before "\r\n" / "\n")
  size_t next = 0;   // start of the next line
  std::string_view trimmed;
  Kind kind = Kind::kBlank;
};

enum class Role : uint8_t { kNone, kHeadline, kSource, kBody };

struct Draft {
  size_t first_line = 0;
  size_t last_line = 0;
  long headline = -1;        // line index
  long source = -1;          // line index
  std::vector<size_t> body;  // line indices, ascending
};

class DigestParser {
 public:
  DigestParser(std::string_view text, const DigestConventions& c)
      : text_(text), c_(c) {}

  std::vector<RawArticle> Run() {
    SplitAndClassify();
    ComputeLookahead();
    for (size_t i = 0; i < lines_.size(); ++i) Step(i);
    return Finish();
  }

 private:
  void SplitAndClassify() {
    for (size_t pos = 0; pos < text_.size();) {
      LineInfo l;
      l.begin = pos;
      size_t nl = text_.find('\n', pos);
      l.end = nl == std::string_view::npos ? text_.size() : nl;
      l.next = nl == std::string_view::npos ? text_.size() : nl + 1;
      if (l.end > l.begin && text_[l.end - 1] == '\r') --l.end;
      l.trimmed = TrimRaw(text_.substr(l.begin, l.end - l.begin));
      l.kind = Classify(l.trimmed);
      lines_.push_back(l);
      pos = l.next;
    }
  }

  Kind Classify(std::string_view t) const {
    if (t.empty()) return Kind::kBlank;
    if (c_.IsResidue(t)) return Kind::kResidue;
    if (ParseSourceLine(t, nullptr, nullptr, c_.max_source_bytes))
      return Kind::kSource;
    if ((t[0] == '-' || t[0] == '*') && (t.size() == 1 || IsAsciiSpace(t[1]))) {
      return Kind::kBulletStart;
    }
    if (StartsAt(t, 0, "\xE2\x80\xA2")) return Kind::kBulletStart;  // •
    if (StartsWithSectionHeading(t)) return Kind::kHeadingStart;
    return Kind::kText;
  }

  void ComputeLookahead() {
    size_t n = lines_.size();
    next_nonblank_.assign(n, n);
    next_content_.assign(n, n);
    size_t nb = n, nc = n;
    for (size_t i = n; i-- > 0;) {
      next_nonblank_[i] = nb;
      next_content_[i] = nc;
      if (lines_[i].kind != Kind::kBlank) nb = i;
      if (lines_[i].kind != Kind::kBlank && lines_[i].kind != Kind::kResidue)
        nc = i;
    }
  }

  Kind KindAt(size_t i) const {
    return i < lines_.size() ? lines_[i].kind : Kind::kBlank;
  }

  bool HeadlineShaped(std::string_view t) const {
    if (t.empty() || t.find('\t') != std::string_view::npos) return false;
    if (CodePointsUpTo(t, c_.max_headline_chars) > c_.max_headline_chars)
      return false;
    if (t.ends_with("...") || t.ends_with("\xE2\x80\xA6")) return false;  // "…"
    return true;
  }

  bool TopicShaped(size_t i) const {
    std::string_view t = lines_[i].trimmed;
    return lines_[i].kind == Kind::kText &&
           t.find('\t') == std::string_view::npos &&
           CodePointsUpTo(t, c_.max_topic_chars) <= c_.max_topic_chars;
  }

  // A topic label: a short line in the leading block (before any article)
  // that is followed by a residue line, or that follows a residue line and
  // precedes a headline with its source line.
  bool IsTopic(size_t i) const {
    if (started_ || !TopicShaped(i)) return false;
    if (KindAt(next_nonblank_[i]) == Kind::kResidue) return true;
    size_t nc = next_content_[i];
    return last_nonblank_ == Kind::kResidue && KindAt(nc) == Kind::kText &&
           KindAt(next_content_[nc]) == Kind::kSource;
  }

  Draft* Current() { return drafts_.empty() ? nullptr : &drafts_.back(); }

  // A text line that no source line follows is taken for a headline when it
  // is headline-shaped, is not the awaited body of the current article, does
  // not continue a prose body, and a summary (or, at the top of the file,
  // long prose) follows it.
  bool HeadlineWithoutSource(size_t i) {
    if (!HeadlineShaped(lines_[i].trimmed)) return false;
    Draft* d = Current();
    if (d != nullptr && d->headline >= 0 && d->body.empty()) return false;
    if (prev_role_ == Role::kBody && lines_[prev_line_].kind == Kind::kText &&
        prev_line_ + 1 == i) {
      return false;
    }
    size_t nc = next_content_[i];
    if (KindAt(nc) == Kind::kHeadingStart) return true;
    return !started_ && KindAt(nc) == Kind::kText &&
           !HeadlineShaped(lines_[nc].trimmed) &&
           KindAt(next_content_[nc]) != Kind::kSource;
  }

  void Step(size_t i) {
    const LineInfo& l = lines_[i];
    if (l.kind == Kind::kBlank) return;
    if (l.kind == Kind::kResidue) {
      last_nonblank_ = Kind::kResidue;
      return;
    }
    Role role = Role::kBody;
    if (l.kind == Kind::kSource) {
      role = Role::kSource;
    } else if (l.kind == Kind::kText && IsTopic(i)) {
      if (!topic_.empty()) topic_ += " / ";
      topic_ += l.trimmed;
      last_nonblank_ = l.kind;
      return;
    } else if (KindAt(next_content_[i]) == Kind::kSource &&
               (l.kind == Kind::kText || HeadlineShaped(l.trimmed))) {
      role = Role::kHeadline;
    } else if (l.kind == Kind::kText && HeadlineWithoutSource(i)) {
      role = Role::kHeadline;
    }

    Draft* d = Current();
    switch (role) {
      case Role::kHeadline:
        if (d != nullptr && d->headline < 0 && !d->body.empty() &&
            d->source < 0) {
          d->headline = static_cast<long>(i);  // completes a body-first article
        } else {
          d = NewDraft(i);
          d->headline = static_cast<long>(i);
        }
        break;
      case Role::kSource:
        if (d != nullptr && d->source < 0 && d->headline >= 0) {
          d->source = static_cast<long>(i);
        } else {
          d = NewDraft(i);
          d->source = static_cast<long>(i);
        }
        break;
      case Role::kBody:
      case Role::kNone:
        if (d == nullptr || !(d->body.empty() || prev_role_ == Role::kBody))
          d = NewDraft(i);
        d->body.push_back(i);
        break;
    }
    d->first_line = std::min(d->first_line, i);
    d->last_line = std::max(d->last_line, i);
    prev_role_ = role;
    prev_line_ = i;
    started_ = true;
    last_nonblank_ = l.kind;
  }

  Draft* NewDraft(size_t i) {
    drafts_.emplace_back();
    drafts_.back().first_line = i;
    drafts_.back().last_line = i;
    return &drafts_.back();
  }

  std::vector<RawArticle> Finish() const {
    std::vector<RawArticle> out;
    out.reserve(drafts_.size());
    for (const Draft& d : drafts_) {
      RawArticle a;
      a.format = Format::kDigest;
      a.position = static_cast<uint32_t>(out.size() + 1);
      a.line = static_cast<uint32_t>(d.first_line + 1);
      a.topic = topic_;
      a.bytes = lines_[d.last_line].next - lines_[d.first_line].begin;
      if (d.headline >= 0)
        a.title = std::string(lines_[static_cast<size_t>(d.headline)].trimmed);
      if (d.source >= 0) {
        const LineInfo& s = lines_[static_cast<size_t>(d.source)];
        ParseSourceLine(s.trimmed, &a.source, &a.published_at,
                        c_.max_source_bytes);
        if (a.published_at.empty()) {
          a.notes.push_back("line " + std::to_string(d.source + 1) +
                            ": date out of range on the source line \"" +
                            Excerpt(s.trimmed, 80) + "\"");
        }
      }
      a.text = JoinBody(d.body);
      std::string where = "line " + std::to_string(d.first_line + 1) + ": ";
      if (d.body.empty() && d.headline >= 0) {
        a.status = Status::InvalidInput(
            where + "headline \"" + Excerpt(a.title, 80) +
            "\" has no summary after it (truncated digest?)");
      } else if (d.body.empty()) {
        a.status = Status::InvalidInput(where + "source line \"" + a.source +
                                        "\" has no headline and no summary");
      } else if (d.headline < 0) {
        a.status = Status::InvalidInput(
            where + "summary \"" + Excerpt(lines_[d.body.front()].trimmed, 60) +
            "\" has no headline (truncated digest?)");
      }
      out.push_back(std::move(a));
    }
    return out;
  }

  // The body lines as written, joined by '\n'; blank lines between them are
  // kept, residue lines are left out.
  std::string JoinBody(const std::vector<size_t>& body) const {
    std::string out;
    for (size_t k = 0; k < body.size(); ++k) {
      if (k > 0) {
        out += '\n';
        for (size_t j = body[k - 1] + 1; j < body[k]; ++j) {
          if (lines_[j].kind == Kind::kBlank) out += '\n';
        }
      }
      const LineInfo& l = lines_[body[k]];
      out.append(text_.substr(l.begin, l.end - l.begin));
    }
    return out;
  }

  std::string_view text_;
  const DigestConventions& c_;
  std::vector<LineInfo> lines_;
  std::vector<size_t> next_nonblank_;  // index of the next non-blank line, or n
  std::vector<size_t> next_content_;   // next line not blank nor residue, or n
  std::vector<Draft> drafts_;
  std::string topic_;
  bool started_ = false;  // an article line has been seen
  Role prev_role_ = Role::kNone;
  size_t prev_line_ = 0;
  Kind last_nonblank_ = Kind::kBlank;
};

}  // namespace

std::vector<RawArticle> ParseDigest(std::string_view text,
                                    const DigestConventions& c) {
  return DigestParser(text, c).Run();
}

}  // namespace factmine
