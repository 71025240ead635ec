// Span: a half-open range [begin, end) of BYTE offsets into one field's
// normalized text (Document::field(f).norm).
//
// Spans never own or copy text; take a temporary view with
// Document::View(field, span). Code-point offsets into the ORIGINAL text are
// computed only at output time, through the field's OffsetMap.
#ifndef FACTMINE_PIPELINE_SPAN_H_
#define FACTMINE_PIPELINE_SPAN_H_

#include <cstdint>

namespace factmine {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;  // exclusive

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(uint32_t pos) const { return pos >= begin && pos < end; }
  bool Contains(Span o) const { return o.begin >= begin && o.end <= end; }
  friend bool operator==(Span a, Span b) = default;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_SPAN_H_
