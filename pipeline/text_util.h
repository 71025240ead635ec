// Small text helpers shared by the readers and the analysis stages: white
// space tests and trimming, on UTF-8 with byte offsets.
//
// Normalized text (pipeline/normalize.h) has only ASCII white space: NFKC
// and lexicon/normalization.tsv turn U+00A0 and U+3000 into ' ' and drop
// U+FEFF. Raw text, as readers see it before normalization, may have them:
// use TrimRaw there.
//
// Thread safety: pure functions. Lifetime: results view their input.
#ifndef FACTMINE_PIPELINE_TEXT_UTIL_H_
#define FACTMINE_PIPELINE_TEXT_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "pipeline/span.h"

namespace factmine {

// ' ', \t, \n, \r, \v, \f.
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// `s` without leading and trailing ASCII white space (normalized text).
inline Span TrimSpan(std::string_view text, Span s) {
  while (s.begin < s.end && IsAsciiSpace(text[s.begin])) ++s.begin;
  while (s.end > s.begin && IsAsciiSpace(text[s.end - 1])) --s.end;
  return s;
}

// Byte length of the raw white-space character (ASCII white space,
// U+00A0, U+3000, U+FEFF) at the start / at the end of `s`, or 0.
size_t RawSpaceLenAt(std::string_view s);
size_t RawSpaceLenBefore(std::string_view s);

// `s` without leading and trailing raw white space.
std::string_view TrimRaw(std::string_view s);

// Appends code point `c` as UTF-8; a value that is not a Unicode scalar
// (a surrogate, or above U+10FFFF) appends nothing.
void AppendUtf8(char32_t c, std::string* out);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_TEXT_UTIL_H_
