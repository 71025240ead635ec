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
//
// Thread safety: immutable after Create; Normalize may run on many threads.
// Lifetime: owns its tables; ICU's NFKC instance is a process singleton.
#ifndef FACTMINE_PIPELINE_NORMALIZE_H_
#define FACTMINE_PIPELINE_NORMALIZE_H_

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
  const icu::Normalizer2* nfkc_ = nullptr;
  std::vector<char32_t> fold_;  // indexed by code point; 0 = no fold
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_NORMALIZE_H_
