// OffsetMap and CodepointIndex (see offset_map.h).
#include "pipeline/offset_map.h"

#include <algorithm>
#include <cassert>

namespace factmine {

void OffsetMap::AddReplacement(uint32_t norm_begin, uint32_t norm_len,
                               uint32_t orig_begin, uint32_t orig_len) {
  assert(segs_.empty() ||
         segs_.back().norm_begin + segs_.back().norm_len <= norm_begin);
  segs_.push_back({norm_begin, norm_len, orig_begin, orig_len});
}

const OffsetMap::Seg* OffsetMap::Find(uint32_t off) const {
  auto it = std::upper_bound(
      segs_.begin(), segs_.end(), off,
      [](uint32_t o, const Seg& s) { return o < s.norm_begin; });
  if (it == segs_.begin()) return nullptr;
  return &*(it - 1);
}

uint32_t OffsetMap::ToOriginalBegin(uint32_t off) const {
  const Seg* s = Find(off);
  if (s == nullptr) return off;  // before any replacement: identity
  if (off < s->norm_begin + s->norm_len) return s->orig_begin;
  // After the segment: copied bytes, constant shift.
  return s->orig_begin + s->orig_len + (off - s->norm_begin - s->norm_len);
}

uint32_t OffsetMap::ToOriginalEnd(uint32_t off) const {
  const Seg* s = Find(off);
  if (s == nullptr) return off;
  if (off == s->norm_begin) {
    // An end exactly at a segment start: the text before it. That is the
    // end of the previous segment's copy region, i.e. the identity shift of
    // the segment before, which equals s->orig_begin.
    return s->orig_begin;
  }
  if (off < s->norm_begin + s->norm_len) return s->orig_begin + s->orig_len;
  return s->orig_begin + s->orig_len + (off - s->norm_begin - s->norm_len);
}

Span OffsetMap::ToOriginal(Span norm) const {
  if (segs_.empty()) return norm;
  const Seg* s = Find(norm.begin);
  uint32_t begin;
  if (s == nullptr) {
    begin = norm.begin;
  } else if (norm.begin < s->norm_begin + s->norm_len) {
    begin = s->orig_begin;
  } else {
    begin = s->orig_begin + s->orig_len + (norm.begin - s->norm_begin - s->norm_len);
  }
  // The segment holding the end is s or one of the next few (a span is
  // usually a word): walk forward instead of searching again.
  const Seg* const end_seg = segs_.data() + segs_.size();
  const Seg* e = s == nullptr ? segs_.data() : s + 1;
  while (e != end_seg && e->norm_begin <= norm.end) ++e;
  const Seg* t = e == segs_.data() ? nullptr : e - 1;
  uint32_t end;
  if (t == nullptr) {
    end = norm.end;
  } else if (norm.end == t->norm_begin) {
    end = t->orig_begin;  // see ToOriginalEnd
  } else if (norm.end < t->norm_begin + t->norm_len) {
    end = t->orig_begin + t->orig_len;
  } else {
    end = t->orig_begin + t->orig_len + (norm.end - t->norm_begin - t->norm_len);
  }
  return {begin, end};
}

CodepointIndex::CodepointIndex(std::string_view text) : text_(text) {
  cp_at_stride_.reserve(text.size() / kStride + 1);
  uint32_t cps = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kStride == 0) cp_at_stride_.push_back(cps);
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++cps;
  }
  if (text.empty()) cp_at_stride_.push_back(0);
}

uint32_t CodepointIndex::ToCodepoint(uint32_t byte_offset) const {
  if (byte_offset > text_.size()) byte_offset = static_cast<uint32_t>(text_.size());
  size_t block = byte_offset / kStride;
  if (block >= cp_at_stride_.size()) block = cp_at_stride_.size() - 1;
  uint32_t cps = cp_at_stride_[block];
  for (size_t i = block * kStride; i < byte_offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++cps;
  }
  return cps;
}

}  // namespace factmine
