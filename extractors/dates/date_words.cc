// Loading and matching the date words (see date_words.h).
#include "extractors/dates/date_words.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "extractors/numbers/number_value.h"
#include "pipeline/tsv.h"

namespace factmine {
namespace {

struct KindName {
  std::string_view name;
  DateWordKind kind;
};

constexpr KindName kKinds[] = {
    {"month", DateWordKind::kMonth},
    {"month_modifier", DateWordKind::kMonthModifier},
    {"relative", DateWordKind::kRelative},
    {"anaphoric", DateWordKind::kAnaphoric},
    {"part_year", DateWordKind::kPartYear},
    {"quarter", DateWordKind::kQuarter},
    {"half", DateWordKind::kHalf},
    {"part_before", DateWordKind::kPartBefore},
    {"part_after", DateWordKind::kPartAfter},
    {"relation_before", DateWordKind::kRelationBefore},
    {"relation_after", DateWordKind::kRelationAfter},
    {"connector", DateWordKind::kConnector},
    {"year_suffix", DateWordKind::kYearSuffix},
    {"month_suffix", DateWordKind::kMonthSuffix},
    {"day_suffix", DateWordKind::kDaySuffix},
    {"quarter_suffix", DateWordKind::kQuarterSuffix},
    {"decade_suffix", DateWordKind::kDecadeSuffix},
    {"century_suffix", DateWordKind::kCenturySuffix},
    {"cumulative", DateWordKind::kCumulative},
    {"not_date_after", DateWordKind::kNotDateAfter},
    {"not_year_unit", DateWordKind::kNotYearUnit},
    {"not_year_suffix", DateWordKind::kNotYearSuffix},
    {"change_word", DateWordKind::kChangeWord},
    {"block", DateWordKind::kBlock},
};

constexpr std::pair<std::string_view, DateRelation> kRelations[] = {
    {"in", DateRelation::kIn},       {"by", DateRelation::kBy},
    {"since", DateRelation::kSince}, {"before", DateRelation::kBefore},
    {"after", DateRelation::kAfter}, {"until", DateRelation::kUntil},
    {"from", DateRelation::kFrom},   {"to", DateRelation::kTo},
    {"and", DateRelation::kAnd},     {"none", DateRelation::kNone},
};

constexpr std::pair<std::string_view, DateGrain> kGrains[] = {
    {"day", DateGrain::kDay},
    {"month", DateGrain::kMonth},
    {"quarter", DateGrain::kQuarter},
    {"year", DateGrain::kYear},
};

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

unsigned char LowerByte(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    c = static_cast<char>(LowerByte(static_cast<unsigned char>(c)));
  return s;
}

bool ParseInt(std::string_view s, int* out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// The code point starting the word, lower-cased when ASCII.
char32_t FirstKey(std::string_view w) {
  size_t len = 0;
  char32_t c = DecodeUtf8(w, 0, &len);
  return c < 0x80 ? LowerByte(static_cast<unsigned char>(c)) : c;
}

char32_t LastKey(std::string_view w) {
  size_t len = 0;
  char32_t c = DecodeUtf8Before(w, w.size(), &len);
  return c < 0x80 ? LowerByte(static_cast<unsigned char>(c)) : c;
}

}  // namespace

std::string_view DateRelationName(DateRelation r) {
  switch (r) {
    case DateRelation::kIn:
      return "in";
    case DateRelation::kBy:
      return "by";
    case DateRelation::kSince:
      return "since";
    case DateRelation::kBefore:
      return "before";
    case DateRelation::kAfter:
      return "after";
    case DateRelation::kUntil:
      return "until";
    case DateRelation::kFrom:
      return "from";
    case DateRelation::kTo:
    case DateRelation::kAnd:
      return "to";
    case DateRelation::kPlain:
    case DateRelation::kNone:
      break;
  }
  return "";
}

std::string_view DatePartName(DatePart p) {
  switch (p) {
    case DatePart::kEarly:
      return "early";
    case DatePart::kMid:
      return "mid";
    case DatePart::kLate:
      return "late";
    case DatePart::kWhole:
    case DatePart::kNone:
      break;
  }
  return "";
}

Result<DateWords> DateWords::Load(const std::string& lexicon_dir) {
  DateWords dw;
  auto table = TsvTable::Load(lexicon_dir + "/date_words.tsv",
                              {"kind", "lang", "text", "value", "part"});
  if (!table.ok()) return table.status();
  const TsvTable& t = *table;
  for (const auto& row : t.rows()) {
    DateWord w;
    const std::string& kind = t.Get(row, "kind");
    const std::string& lang = t.Get(row, "lang");
    const std::string& text = t.Get(row, "text");
    const std::string& value = t.Get(row, "value");
    const std::string& part = t.Get(row, "part");
    auto k = std::find_if(std::begin(kKinds), std::end(kKinds),
                          [&](const KindName& kn) { return kn.name == kind; });
    if (k == std::end(kKinds))
      return t.ErrorAt(row, "unknown kind '" + kind + "'");
    w.kind = k->kind;
    if (lang != "en" && lang != "zh")
      return t.ErrorAt(row, "lang must be en or zh");
    w.en = lang == "en";
    if (text.empty()) return t.ErrorAt(row, "empty text");
    w.text = w.en ? LowerAscii(text) : text;
    if (part == "early") {
      w.part = DatePart::kEarly;
    } else if (part == "mid") {
      w.part = DatePart::kMid;
    } else if (part == "late") {
      w.part = DatePart::kLate;
    } else if (part == "none") {
      w.part = DatePart::kNone;
    } else if (part != "-") {
      return t.ErrorAt(row, "part must be early, mid, late, none or -");
    }
    switch (w.kind) {
      case DateWordKind::kMonth:
      case DateWordKind::kQuarter:
      case DateWordKind::kHalf:
      case DateWordKind::kMonthModifier: {
        int lo = w.kind == DateWordKind::kMonthModifier ? -1 : 1;
        int hi = w.kind == DateWordKind::kMonth     ? 12
                 : w.kind == DateWordKind::kQuarter ? 4
                 : w.kind == DateWordKind::kHalf    ? 2
                                                    : 1;
        if (!ParseInt(value, &w.value) || w.value < lo || w.value > hi) {
          return t.ErrorAt(row, "value must be a number in " +
                                    std::to_string(lo) + ".." +
                                    std::to_string(hi));
        }
        if (w.kind == DateWordKind::kMonth) {
          if (!w.en) return t.ErrorAt(row, "month names are English");
          w.capital = true;
          w.abbreviation = true;  // the full names come from ICU
        }
        break;
      }
      case DateWordKind::kRelative:
      case DateWordKind::kAnaphoric:
      case DateWordKind::kPartYear: {
        size_t colon = value.find(':');
        auto g = std::find_if(std::begin(kGrains), std::end(kGrains),
                              [&](const auto& p) {
                                return colon != std::string::npos &&
                                       p.first == value.substr(0, colon);
                              });
        if (g == std::end(kGrains) ||
            !ParseInt(std::string_view(value).substr(colon + 1), &w.value)) {
          return t.ErrorAt(row, "value must be grain:offset (year:-1)");
        }
        w.grain = g->second;
        if (w.kind != DateWordKind::kRelative && w.grain != DateGrain::kYear) {
          return t.ErrorAt(row, "anaphoric and part_year words count years");
        }
        break;
      }
      case DateWordKind::kRelationBefore:
      case DateWordKind::kRelationAfter:
      case DateWordKind::kConnector:
      case DateWordKind::kCumulative: {
        auto r = std::find_if(std::begin(kRelations), std::end(kRelations),
                              [&](const auto& p) { return p.first == value; });
        if (r == std::end(kRelations)) {
          return t.ErrorAt(row,
                           "value must be a relation (in, by, since, before, "
                           "after, until, from, to, and, none)");
        }
        w.relation = r->second;
        bool connector = w.kind == DateWordKind::kConnector;
        if (connector && w.relation != DateRelation::kTo &&
            w.relation != DateRelation::kAnd) {
          return t.ErrorAt(row, "a connector's value is to or and");
        }
        if (!connector && w.relation == DateRelation::kAnd) {
          return t.ErrorAt(row, "and is only a connector");
        }
        break;
      }
      default:
        if (value != "-")
          return t.ErrorAt(row, "value must be - for this kind");
        break;
    }
    switch (w.kind) {
      case DateWordKind::kYearSuffix:
      case DateWordKind::kMonthSuffix:
      case DateWordKind::kDaySuffix:
      case DateWordKind::kQuarterSuffix:
      case DateWordKind::kDecadeSuffix:
      case DateWordKind::kCenturySuffix:
      case DateWordKind::kPartAfter:
      case DateWordKind::kCumulative:
        // The extractor looks these up only before a non-ASCII byte.
        if (w.en || static_cast<unsigned char>(w.text[0]) < 0x80) {
          return t.ErrorAt(row, "suffix words are Chinese");
        }
        break;
      default:
        break;
    }
    bool part_word = w.kind == DateWordKind::kPartBefore ||
                     w.kind == DateWordKind::kPartAfter;
    if (part_word && w.part == DatePart::kWhole) {
      return t.ErrorAt(row, "a part word needs a part");
    }
    if (!part_word && w.kind != DateWordKind::kRelative &&
        w.part != DatePart::kWhole) {
      return t.ErrorAt(row, "only part and relative words have a part");
    }
    dw.words_.push_back(std::move(w));
  }

  // English month names from ICU: wide ("December") and abbreviated
  // ("Dec"), both matched with a capital first letter.
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale::getEnglish(), status);
  if (U_FAILURE(status)) {
    return Status::RuleError(std::string("ICU DateFormatSymbols(en): ") +
                             u_errorName(status));
  }
  int32_t wide_n = 0, abbr_n = 0;
  const icu::UnicodeString* wide = symbols.getMonths(
      wide_n, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
  const icu::UnicodeString* abbr =
      symbols.getMonths(abbr_n, icu::DateFormatSymbols::FORMAT,
                        icu::DateFormatSymbols::ABBREVIATED);
  if (wide_n < 12 || abbr_n < 12) {
    return Status::RuleError("ICU gives fewer than 12 English month names");
  }
  for (int m = 0; m < 12; ++m) {
    std::string full, shortname;
    wide[m].toUTF8String(full);
    abbr[m].toUTF8String(shortname);
    DateWord w;
    w.kind = DateWordKind::kMonth;
    w.en = true;
    w.capital = true;
    w.value = m + 1;
    w.text = LowerAscii(full);
    dw.words_.push_back(w);
    if (!shortname.empty() && shortname != full) {
      w.text = LowerAscii(shortname);
      w.abbreviation = true;
      dw.words_.push_back(w);
    }
  }
  if (dw.words_.size() > 65535) {
    return Status::RuleError(lexicon_dir + "/date_words.tsv: too many words");
  }
  Status st = dw.BuildIndexes(lexicon_dir + "/date_words.tsv");
  if (!st.ok()) return st;
  return dw;
}

Status DateWords::BuildIndexes(const std::string& name) {
  auto build = [this](Index* index, bool by_first, DateWordKinds kinds) {
    std::vector<std::vector<uint16_t>> buckets(kBuckets);
    for (size_t i = 0; i < words_.size(); ++i) {
      if (!(KindBit(words_[i].kind) & kinds)) continue;
      const std::string& t = words_[i].text;
      buckets[Hash(by_first ? FirstKey(t) : LastKey(t))].push_back(
          static_cast<uint16_t>(i));
    }
    index->begin.assign(kBuckets + 1, 0);
    index->words.clear();
    for (unsigned b = 0; b < kBuckets; ++b) {
      auto& v = buckets[b];
      std::stable_sort(v.begin(), v.end(), [this](uint16_t a, uint16_t c) {
        return words_[a].text.size() > words_[c].text.size();
      });
      index->begin[b] = static_cast<uint32_t>(index->words.size());
      index->words.insert(index->words.end(), v.begin(), v.end());
    }
    index->begin[kBuckets] = static_cast<uint32_t>(index->words.size());
  };
  constexpr DateWordKinds kAll = ~DateWordKinds{0};
  build(&first_, true, kAll);
  build(&starters_, true, kStarters);
  build(&last_, false, kAll);
  for (const DateWord& w : words_) {
    if (!(KindBit(w.kind) & kStarters)) continue;
    unsigned char c0 = static_cast<unsigned char>(w.text[0]);
    if (c0 < 0x80) {
      if (!IsAsciiAlnum(c0))
        return Status::RuleError(
            name + ": '" + w.text +
            "' starts a date but not with a letter or digit");
      // The first word, and the second when it follows one space or
      // hyphen.
      std::string_view t = w.text;
      size_t len = 0;
      while (len < t.size() && IsAsciiAlnum(static_cast<unsigned char>(t[len])))
        ++len;
      uint32_t key = WordKey(t.substr(0, len));
      size_t len2 = len + 1;
      while (len2 < t.size() &&
             IsAsciiAlnum(static_cast<unsigned char>(t[len2])))
        ++len2;
      bool ok;
      if (len < t.size() && (t[len] == ' ' || t[len] == '-') &&
          len2 > len + 1) {
        uint32_t key2 = WordKey(t.substr(len + 1, len2 - len - 1));
        ok = pair_words_.Insert(uint64_t{key} << 32 | key2);
        if (t.substr(len + 1, len2 - len - 1) == "of") {
          ok = ok && single_words_.Insert(key);
          AddShape(key, false);
          AddShape(key, true);  // at a sentence start
        } else {
          AddShape(key2, false);
          AddShape(key2, true);
        }
      } else {
        ok = (w.capital ? capital_words_ : single_words_).Insert(key);
        AddShape(key, true);
        if (!w.capital) AddShape(key, false);
      }
      if (!ok) return Status::RuleError(name + ": too many date words");
    } else {
      size_t len1 = 0, len2 = 0;
      char32_t c1 = DecodeUtf8(w.text, 0, &len1);
      if (len1 >= w.text.size()) {
        return Status::RuleError(name + ": '" + w.text +
                                 "' starts a date but has one character");
      }
      char32_t c2 = DecodeUtf8(w.text, len1, &len2);
      unsigned h = Hash(c1);
      starter_chars_[h >> 6] |= uint64_t{1} << (h & 63);
      if (!char_pairs_.Insert(uint64_t{c1} << 32 | c2)) {
        return Status::RuleError(name + ": too many date words");
      }
    }
  }
  // Each block word must hide a starter somewhere inside it.
  for (size_t i = 0; i < words_.size(); ++i) {
    const DateWord& b = words_[i];
    if (b.kind != DateWordKind::kBlock) continue;
    bool hides = false;
    for (size_t o = 0; o < b.text.size();) {
      size_t len = 0, end = 0;
      DecodeUtf8(b.text, o, &len);
      const DateWord* w = Forward(b.text, o, kStarters, &end);
      if (w != nullptr && w->en == b.en) {
        blocks_.push_back({static_cast<uint16_t>(i), static_cast<uint16_t>(o),
                           static_cast<uint16_t>(w - words_.data())});
        hides = true;
      }
      o += len;
    }
    if (!hides) {
      return Status::RuleError(name + ": block '" + b.text +
                               "' hides no date word");
    }
  }
  return Status::Ok();
}

bool DateWords::Blocked(std::string_view text, size_t pos,
                        const DateWord* found) const {
  for (const BlockRef& r : blocks_) {
    if (&words_[r.hidden] != found || r.offset > pos) continue;
    if (MatchesAt(words_[r.word], text, pos - r.offset)) return true;
  }
  return false;
}

bool DateWords::MatchesAt(const DateWord& w, std::string_view text,
                          size_t pos) const {
  const std::string& t = w.text;
  if (pos + t.size() > text.size()) return false;
  if (w.en) {
    for (size_t i = 0; i < t.size(); ++i) {
      if (LowerByte(static_cast<unsigned char>(text[pos + i])) !=
          static_cast<unsigned char>(t[i])) {
        return false;
      }
    }
    if (w.capital) {
      unsigned char c = static_cast<unsigned char>(text[pos]);
      if (!(c >= 'A' && c <= 'Z')) return false;
    }
    size_t end = pos + t.size();
    if (IsAsciiAlnum(static_cast<unsigned char>(t.front())) && pos > 0 &&
        IsAsciiAlnum(static_cast<unsigned char>(text[pos - 1]))) {
      return false;
    }
    if (IsAsciiAlnum(static_cast<unsigned char>(t.back())) &&
        end < text.size() &&
        IsAsciiAlnum(static_cast<unsigned char>(text[end]))) {
      return false;
    }
    return true;
  }
  return text.compare(pos, t.size(), t) == 0;
}

const DateWord* DateWords::Forward(std::string_view text, size_t pos,
                                   DateWordKinds kinds, size_t* end) const {
  if (pos >= text.size()) return nullptr;
  size_t len = 0;
  char32_t c = DecodeUtf8(text, pos, &len);
  if (c < 0x80) c = LowerByte(static_cast<unsigned char>(c));
  Range r = Bucket((kinds & ~kStarters) == 0 ? starters_ : first_, c);
  for (const uint16_t* p = r.b; p != r.e; ++p) {
    const DateWord& w = words_[*p];
    if (!(KindBit(w.kind) & kinds)) continue;
    if (MatchesAt(w, text, pos)) {
      *end = pos + w.text.size();
      return &w;
    }
  }
  return nullptr;
}

const DateWord* DateWords::Backward(std::string_view text, size_t end,
                                    DateWordKinds kinds, size_t* begin) const {
  if (end == 0 || end > text.size()) return nullptr;
  size_t len = 0;
  char32_t c = DecodeUtf8Before(text, end, &len);
  if (c < 0x80) c = LowerByte(static_cast<unsigned char>(c));
  Range r = Bucket(last_, c);
  for (const uint16_t* p = r.b; p != r.e; ++p) {
    const DateWord& w = words_[*p];
    if (!(KindBit(w.kind) & kinds) || w.text.size() > end) continue;
    size_t pos = end - w.text.size();
    if (MatchesAt(w, text, pos)) {
      *begin = pos;
      return &w;
    }
  }
  return nullptr;
}

}  // namespace factmine
