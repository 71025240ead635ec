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
// of a few words, longest first; no allocation. A block word (过去年 hides
// 去年, "the last year" hides "last year") is not looked up by itself:
// Blocked() checks the few block words around a starter that was found.
//
// Thread safety: immutable after Load; const methods may run on many
// threads. Lifetime: owns its words; returned pointers live as long as the
// DateWords.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_WORDS_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_WORDS_H_

#include <array>
#include <cstdint>
#include <cstring>
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

  // The kinds that can begin a date; the text scan looks for these
  // (FindStarter in date_extractor.cc).
  // (Month modifiers are found behind a month name: "last December".)
  static constexpr DateWordKinds kStarters =
      KindBit(DateWordKind::kMonth) | KindBit(DateWordKind::kRelative) |
      KindBit(DateWordKind::kAnaphoric) | KindBit(DateWordKind::kQuarter) |
      KindBit(DateWordKind::kHalf) | KindBit(DateWordKind::kPartBefore);

  // Key of an ASCII word for MayStartWord: its first three bytes
  // (lower-cased) and its length. `word` is the run of letters and digits.
  static uint32_t WordKey(std::string_view word) {
    uint32_t k = static_cast<uint32_t>(word.size() < 255 ? word.size() : 255)
                 << 24;
    for (size_t i = 0; i < 3 && i < word.size(); ++i) {
      k |= Lower(static_cast<unsigned char>(word[i])) << (8 * i);
    }
    return k;
  }
  // The key of the ASCII word of `len` letters and digits at p (WordKey),
  // from one 4-byte load when 4 bytes are there.
  static uint32_t WordKeyAt(const char* p, size_t len, size_t room) {
    if (room < 4) return WordKey(std::string_view(p, len));
    uint32_t w;
    std::memcpy(&w, p, 4);  // little-endian assumed
    uint32_t mask = len >= 3 ? 0xFFFFFFu : (1u << (8 * len)) - 1;
    // | 0x20 lower-cases letters and leaves digits as they are.
    return ((w | 0x202020u) & mask) |
           static_cast<uint32_t>(len < 255 ? len : 255) << 24;
  }
  // True when a word with this key may matter: a one-word starter
  // ("today", "early", "q3"), a month name when `capital`, or the second
  // word of a longer starter ("year" of "last year", "previous" of "the
  // previous year"; a starter whose second word is "of", such as "end of",
  // counts as a one-word starter). One bit test in a 4 KB set (a hash of
  // key and case), so it stays in the L1 cache; false positives are
  // settled by MayStartWord and MayStartPair.
  bool MayMatter(uint32_t key, bool capital) const {
    uint32_t h = ShapeHash(key, capital);
    return (shapes_[h >> 6] >> (h & 63)) & 1;
  }

  // Cheap pre-tests for Forward(kStarters) at an ASCII word with key
  // `key` (WordKey): false when no starter is that word ("today",
  // "early", "q3"), or, when `capital`, a month name ("December").
  bool MayStartWord(uint32_t key, bool capital) const {
    return single_words_.Contains(key) ||
           (capital && capital_words_.Contains(key));
  }
  // The same for a starter of two or more words whose first two words
  // (joined by a space or a hyphen) have keys key1 and key2 ("the previous
  // year", "last year", "first-quarter", "end of").
  bool MayStartPair(uint32_t key1, uint32_t key2) const {
    return pair_words_.Contains(uint64_t{key1} << 32 | key2);
  }
  // The same at a non-ASCII code point (去, 上, 年): false when no starter
  // begins with it. One bit test.
  bool MayStartDate(char32_t c) const { return Bit(starter_chars_, Hash(c)); }
  // The same for the first two code points (去年, 上半, 年底): false when no
  // starter begins with both. Every non-ASCII starter has two or more.
  bool MayStartDate(char32_t c1, char32_t c2) const {
    return char_pairs_.Contains(uint64_t{c1} << 32 | c2);
  }
  // True when a block word (过去年, the last year) covers text[pos], where
  // the starter `found` (a result of Forward) was found.
  bool Blocked(std::string_view text, size_t pos, const DateWord* found) const;

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

  static uint32_t ShapeHash(uint32_t key, bool capital) {
    uint64_t k = key | (uint64_t{capital} << 32);
    return static_cast<uint32_t>((k * 0x9E3779B97F4A7C15ull) >> 49);  // 15 bits
  }
  void AddShape(uint32_t key, bool capital) {
    uint32_t h = ShapeHash(key, capital);
    shapes_[h >> 6] |= uint64_t{1} << (h & 63);
  }
  static bool Bit(const std::vector<uint64_t>& bits, uint32_t key) {
    return (bits[key >> 6] >> (key & 63)) & 1;
  }
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
  Status BuildIndexes(const std::string& name);
  // True when words_[i] matches text[pos, pos + size) with its word
  // boundaries.
  bool MatchesAt(const DateWord& w, std::string_view text, size_t pos) const;

  struct BlockRef {
    uint16_t word;    // index of the block word in words_
    uint16_t offset;  // byte offset of the starter it hides
    uint16_t hidden;  // index of that starter in words_
  };

  std::vector<DateWord> words_;
  Index first_;     // all words, by first code point
  Index starters_;  // starter words only, by first code point
  Index last_;      // all words, by last code point
  // An exact set of non-zero 64-bit keys: open addressing in a fixed
  // table, one or two probes per lookup, no allocation.
  class KeySet {
   public:
    // False when the table is too full.
    bool Insert(uint64_t key) {
      if (Contains(key)) return true;
      if (++count_ > kSlots / 2) return false;
      size_t i = Slot(key);
      while (slots_[i] != 0) i = (i + 1) & (kSlots - 1);
      slots_[i] = key;
      return true;
    }
    bool Contains(uint64_t key) const {
      for (size_t i = Slot(key);; i = (i + 1) & (kSlots - 1)) {
        if (slots_[i] == key) return true;
        if (slots_[i] == 0) return false;
      }
    }

   private:
    static constexpr size_t kSlots = 1024;
    static size_t Slot(uint64_t k) {
      return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 54);
    }
    std::vector<uint64_t> slots_ = std::vector<uint64_t>(kSlots, 0);
    size_t count_ = 0;
  };

  std::array<uint64_t, 32768 / 64> shapes_{};  // by ShapeHash, MayMatter
  KeySet single_words_;   // ASCII starters of one word (WordKey)
  KeySet capital_words_;  // month names (WordKey)
  KeySet pair_words_;     // ASCII starters of two or more words
  KeySet char_pairs_;     // non-ASCII starters: first two code points
  std::vector<uint64_t> starter_chars_ =
      std::vector<uint64_t>(kBuckets / 64, 0);

  std::vector<BlockRef> blocks_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_WORDS_H_
