// CjkDictionary: ICU's Chinese/Japanese word dictionary (the data behind
// ICU's dictionary word break, brkitr/cjdict.dict), opened read-only and
// searched for every dictionary word that starts at a given position.
//
// Each entry has a cost (about -log of its frequency, 0..255; ICU's own
// break iterator picks the cut with the lowest total). The dictionary
// holds simplified and traditional spellings side by side, and many words
// only in traditional characters (計算機 but not 计算机). A lookup therefore
// also tries the traditional spellings of each simplified character
// (lexicon/zh_t2s.tsv read backwards), and reports a word found that way
// when the text's own spelling is not an entry.
//
// Speed: the trie states after the first one and two characters of every
// word are computed at Open (~10 ms): the first through an array indexed by
// BMP character, the second through a hash table of (state, character)
// pairs. The third and later characters of a word step through ICU's trie.
// (Tabling the third level too saves ~7% of the instructions but is slower
// on the clock: a larger table, more cache and TLB misses.)
//
// Thread safety: immutable after Open; Lookup may be called from any
// number of threads.
// Lifetime: owns its handle on ICU's data (closed in the destructor).
#ifndef FACTMINE_PIPELINE_CJK_DICTIONARY_H_
#define FACTMINE_PIPELINE_CJK_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/status.h"

struct UDataMemory;

namespace factmine {

class CjkDictionary {
 public:
  // Longest word looked up, in code points.
  static constexpr int kMaxWordChars = 20;

  // Words found at one position. cost[L] is valid when bit L of `mask` is
  // set (L = 1..kMaxWordChars code points); bit L of `exact` says that the
  // word is an entry as spelled in the text, not only through traditional
  // spellings (an exact entry's cost wins over a variant one); bit L of
  // `last_variant`, that the entry found spells its last character
  // differently from the text (卓着 found as 卓著).
  struct Matches {
    uint32_t mask = 0;
    uint32_t exact = 0;
    uint32_t last_variant = 0;
    int32_t cost[kMaxWordChars + 1];
    void Clear() { mask = exact = last_variant = 0; }
    bool Has(int len) const { return (mask >> len) & 1u; }
    bool Exact(int len) const { return (exact >> len) & 1u; }
    bool LastVariant(int len) const { return (last_variant >> len) & 1u; }
  };

  // Opens ICU's cjdict and reads `lexicon_dir`/zh_t2s.tsv.
  static Result<std::unique_ptr<CjkDictionary>> Open(const std::string& lexicon_dir);
  ~CjkDictionary();
  CjkDictionary(const CjkDictionary&) = delete;
  CjkDictionary& operator=(const CjkDictionary&) = delete;

  // Fills *m with the dictionary words that are prefixes of s[0, n).
  // REQUIRES: 1 <= n <= kMaxWordChars; m cleared.
  void Lookup(const char32_t* s, int n, Matches* m) const;

  // Cost of `c` as a word of its own, or `fallback` when it is none.
  int32_t SingleCost(char32_t c, int32_t fallback) const;

 private:
  struct Impl;
  CjkDictionary();
  std::unique_ptr<Impl> impl_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_CJK_DICTIONARY_H_
