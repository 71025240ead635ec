// OffsetMap: maps byte offsets in a normalized text back to byte offsets in
// the original text it was derived from, and CodepointIndex turns byte
// offsets of a UTF-8 text into code-point offsets (what Python slicing sees).
//
// Normalization copies most text unchanged and replaces a few short
// segments (a full-width digit, a curly quote, a compatibility ligature).
// The map stores one entry per replaced segment, so an article whose text
// needs no change costs nothing. A normalized offset that falls inside a
// replaced segment maps to the segment's start (for a span begin) or end
// (for a span end), so every mapped span covers at least the original
// characters that produced it.
//
// Thread safety: const methods are safe from several threads.
// Lifetime: plain value; holds no pointers into the texts.
#ifndef FACTMINE_PIPELINE_OFFSET_MAP_H_
#define FACTMINE_PIPELINE_OFFSET_MAP_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "pipeline/span.h"

namespace factmine {

class OffsetMap {
 public:
  // Records that norm[norm_begin, norm_begin+norm_len) replaced
  // orig[orig_begin, orig_begin+orig_len).
  // REQUIRES: calls come in increasing offset order, segments do not overlap,
  // and text between segments was copied byte for byte.
  void AddReplacement(uint32_t norm_begin, uint32_t norm_len,
                      uint32_t orig_begin, uint32_t orig_len);

  // Original byte offset of a normalized span's begin / end.
  uint32_t ToOriginalBegin(uint32_t norm_offset) const;
  uint32_t ToOriginalEnd(uint32_t norm_offset) const;
  // Both ends at once (one search; the end is found from the begin).
  Span ToOriginal(Span norm) const;
  bool identity() const { return segs_.empty(); }
  size_t replacements() const { return segs_.size(); }

 private:
  struct Seg {
    uint32_t norm_begin, norm_len, orig_begin, orig_len;
  };
  // Last segment whose norm_begin <= off, or nullptr.
  const Seg* Find(uint32_t norm_offset) const;
  std::vector<Seg> segs_;
};

// Byte offset → code-point offset for one UTF-8 string. Builds a sparse
// index (one entry per 256 bytes) on construction, so each lookup is O(256).
// Lifetime: keeps a view of `text`, which must outlive the index.
class CodepointIndex {
 public:
  explicit CodepointIndex(std::string_view text);
  // Number of code points in text[0, byte_offset). Offsets inside a
  // multi-byte sequence count the partial character as not yet begun.
  uint32_t ToCodepoint(uint32_t byte_offset) const;

 private:
  static constexpr uint32_t kStride = 256;
  std::string_view text_;
  std::vector<uint32_t> cp_at_stride_;  // code points before byte i*kStride
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_OFFSET_MAP_H_
