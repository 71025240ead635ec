// DateWords: the words of the date layer (month names, relative words,
// relation words, Chinese suffixes, context words), loaded from
// lexicon/date_words.tsv plus the English month names of ICU
// (DateFormatSymbols, locale "en", wide and abbreviated), and matched in
// running text forwards (a word starting at a position) or backwards (a
// word ending at a position).
//
//   Forward("by the end of 2025", 7, kPartBefore) → "end of", part late
//   Backward("by 2030", 3, kRelationBefore)      → "by", relation by
//
// English words match ignoring ASCII case and only as whole words (no
// letter or digit may touch a word edge that is a letter or digit); month
// names must start with a capital letter in the text. Chinese words match
// exactly. Among the words of the requested kinds the longest match wins,
// so a longer "none" word (关于, 前后, 初步) hides a shorter one (于, 前, 初).
//
// Lookup cost: one hash of the first (or last) code point selects a bucket
// of a few words, longest first; no allocation.
//
// Thread safety: immutable after Load; const methods may run on many
// threads. Lifetime: owns its words; returned pointers live as long as the
// DateWords.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_WORDS_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_WORDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/dates/date_calendar.h"
#include "pipeline/status.h"

namespace factmine {

// The `kind` column of date_words.tsv.
enum class DateWordKind : uint8_t {
  kMonth = 0,
  kMonthModifier,
  kRelative,
  kAnaphoric,
  kPartYear,
  kQuarter,
  kHalf,
  kPartBefore,
  kPartAfter,
  kRelationBefore,
  kRelationAfter,
  kConnector,
  kYearSuffix,
  kMonthSuffix,
  kDaySuffix,
  kQuarterSuffix,
  kDecadeSuffix,
  kCenturySuffix,
  kCumulative,
  kNotDateAfter,
  kNotYearUnit,
  kNotYearSuffix,
  kChangeWord,
  kBlock,
  kCount,
};

// A set of kinds for a lookup.
using DateWordKinds = uint32_t;
constexpr DateWordKinds KindBit(DateWordKind k) {
  return DateWordKinds{1} << static_cast<int>(k);
}

// How a date relates to its statement (DateMention::relation). kNone is a
// "none" word of the lexicon: it hides a shorter relation word.
enum class DateRelation : uint8_t {
  kPlain = 0,
  kIn,
  kBy,
  kSince,
  kBefore,
  kAfter,
  kUntil,
  kFrom,
  kTo,
  kAnd,  // connector "and" (between … and …)
  kNone,
};

// "", "in", "by", "since", "before", "after", "until", "from", "to".
std::string_view DateRelationName(DateRelation r);

// DateMention::part. kNone is a "none" word of the lexicon (初步).
enum class DatePart : uint8_t { kWhole = 0, kEarly, kMid, kLate, kNone };

// "", "early", "mid", "late".
std::string_view DatePartName(DatePart p);

struct DateWord {
  DateWordKind kind = DateWordKind::kBlock;
  bool en = false;
  bool capital = false;       // must start with a capital letter (months)
  bool abbreviation = false;  // a month name shorter than the full name
  std::string text;           // English: lower case
  // month: 1..12; month_modifier: year offset; relative/anaphoric/
  // part_year: offset in `grain` units; quarter 1..4; half 1..2.
  int value = 0;
  DateGrain grain = DateGrain::kNone;  // relative, anaphoric, part_year
  DatePart part = DatePart::kWhole;
  DateRelation relation = DateRelation::kPlain;
};

class DateWords {
 public:
  // Reads lexicon_dir/date_words.tsv and the ICU month names. Errors name
  // the file and line ("lexicon/date_words.tsv:12: unknown kind 'mnth'").
  static Result<DateWords> Load(const std::string& lexicon_dir);

  // The longest word of one of `kinds` that starts at text[pos], or
  // nullptr; *end is set past it. REQUIRES: pos <= text.size().
  const DateWord* Forward(std::string_view text, size_t pos,
                          DateWordKinds kinds, size_t* end) const;
  // The longest word of one of `kinds` that ends at text[end] (exclusive),
  // or nullptr; *begin is set to its start. REQUIRES: end <= text.size().
  const DateWord* Backward(std::string_view text, size_t end,
                           DateWordKinds kinds, size_t* begin) const;

  // A cheap pre-test for Forward on an ASCII word start: false when no
  // word of `starter` kinds (see Load) begins with these two bytes.
  bool MayStartAscii(unsigned char c0, unsigned char c1) const {
    unsigned key = (Lower(c0) << 8) | Lower(c1);
    return (ascii_pairs_[key >> 6] >> (key & 63)) & 1;
  }
  // The kinds the text scan looks for (words that can begin a date, and
  // blocks). MayStartAscii is built from these.
  static constexpr DateWordKinds kStarters =
      KindBit(DateWordKind::kMonth) | KindBit(DateWordKind::kMonthModifier) |
      KindBit(DateWordKind::kRelative) | KindBit(DateWordKind::kAnaphoric) |
      KindBit(DateWordKind::kQuarter) | KindBit(DateWordKind::kHalf) |
      KindBit(DateWordKind::kPartBefore) | KindBit(DateWordKind::kBlock);

  // A cheap pre-test for Forward(kStarters) at a non-ASCII code point:
  // false when no starter word begins with `c`. One bit test.
  bool MayStartDate(char32_t c) const {
    unsigned h = Hash(c);
    return (starter_buckets_[h >> 6] >> (h & 63)) & 1;
  }

  size_t size() const { return words_.size(); }

 private:
  static constexpr unsigned kBuckets = 1024;
  struct Index {
    std::vector<uint32_t> begin;  // kBuckets + 1 offsets into `words`
    std::vector<uint16_t> words;  // indices into words_, longest first
  };
  struct Range {
    const uint16_t* b;
    const uint16_t* e;
    bool empty() const { return b == e; }
  };

  static unsigned Lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  }
  static unsigned Hash(char32_t c) {
    return (static_cast<uint32_t>(c) * 2654435761u) >> 22;  // 10 bits
  }
  static Range Bucket(const Index& index, char32_t c) {
    unsigned h = Hash(c);
    return {index.words.data() + index.begin[h],
            index.words.data() + index.begin[h + 1]};
  }
  void BuildIndexes();
  // True when words_[i] matches text[pos, pos + size) with its word
  // boundaries.
  bool MatchesAt(const DateWord& w, std::string_view text, size_t pos) const;

  std::vector<DateWord> words_;
  Index first_;  // by first code point
  Index last_;   // by last code point
  std::vector<uint64_t> ascii_pairs_ = std::vector<uint64_t>(1024, 0);
  std::vector<uint64_t> starter_buckets_ =
      std::vector<uint64_t>(kBuckets / 64, 0);
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_WORDS_H_
