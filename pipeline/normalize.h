// Normalizer: turns an article field's original text into the normalized
// text every later stage reads, and records where each normalized byte came
// from (FieldText::map).
//
// Normalization (SPEC §2) is NFKC (full-width digits and letters to ASCII,
// compatibility forms unfolded), then one-to-one character folds from
// lexicon/normalization.tsv (curly quotes to ASCII quotes, dashes to '-',
// odd spaces to ' ', zero-width characters removed), then Traditional to
// Simplified Chinese folding from lexicon/zh_t2s.tsv (generated from ICU),
// so lookups see one script. Blanks between two Han characters are dropped
// (Chinese does not separate words: "六 点 五 成" is 六点五成). Invalid UTF-8
// becomes U+FFFD.
//
// Unchanged text is copied byte for byte (ASCII and most CJK text is already
// normal), so normalizing costs little and the offset map stays small.
// Speed: what every BMP character becomes is worked out once at Create (a
// class per character, and the folded NFKC form of each one that changes
// on its own, such as full-width punctuation), so ICU is only called for a
// character that composes with its neighbours (a combining mark).
//
// Thread safety: immutable after Create; Normalize may run on many threads.
// Lifetime: owns its tables; ICU's NFKC instance is a process singleton.
#ifndef FACTMINE_PIPELINE_NORMALIZE_H_
#define FACTMINE_PIPELINE_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/normalizer2.h>

#include "pipeline/document.h"
#include "pipeline/status.h"

namespace factmine {

class Normalizer {
 public:
  // Loads lexicon/normalization.tsv and lexicon/zh_t2s.tsv from lexicon_dir.
  static Result<Normalizer> Create(const std::string& lexicon_dir);

  // Sets out->original = original, out->norm and out->map.
  void Normalize(std::string_view original, FieldText* out) const;

  // Convenience: the normalized text only (for queries and tests).
  std::string NormalizeString(std::string_view text) const;

 private:
  Normalizer() = default;
  // Replacement for code point c: c itself when there is no fold,
  // kDelete to drop it.
  static constexpr char32_t kDelete = 0xFFFFFFFF;
  char32_t Fold(char32_t c) const {
    return c < fold_.size() && fold_[c] != 0 ? fold_[c] : c;
  }
  // Fills bmp_ and fast_ from nfkc_ and fold_.
  void BuildTables();

  // What a BMP character is to the normalizer (bmp_[c]).
  enum : uint8_t {
    kSlow = 0,    // ICU normalizes it with its neighbours
    kCopy = 1,    // NFKC-inert and not folded: copied as it is
    kSingle = 2,  // becomes fast_ on its own (has an NFKC boundary before
                  // it; valid when the next character has one too)
  };
  static constexpr uint8_t kBoundaryBefore = 0x80;  // flag in bmp_[c]

  const icu::Normalizer2* nfkc_ = nullptr;
  std::vector<char32_t> fold_;  // indexed by code point; 0 = no fold
  std::vector<uint8_t> bmp_;    // class | kBoundaryBefore, per BMP character
  // For a kSingle character c: its normalized UTF-8 is
  // fast_pool_.substr(fast_[c] >> 8, fast_[c] & 0xFF).
  std::vector<uint32_t> fast_;
  std::string fast_pool_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_NORMALIZE_H_
