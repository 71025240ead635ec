// Language of a piece of text: Chinese, English, or mixed.
//
// Counts Han characters against Latin letters. One Han character carries
// about as much as a short English word, so Latin letters are weighted 1/3.
// zh when Han weight is >= 70% of the total, en when <= 15%, mixed between,
// unknown when the text has neither (numbers, punctuation).
//
// Thread safety: pure functions.
#ifndef FACTMINE_PIPELINE_LANG_H_
#define FACTMINE_PIPELINE_LANG_H_

#include <string_view>

#include "pipeline/document.h"

namespace factmine {

// True for Han characters: CJK unified ideographs (all extension blocks),
// compatibility ideographs, 〇 and the iteration mark 々.
inline bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) ||
         c == 0x3007 || c == 0x3005;
}

struct LangCounts {
  size_t han = 0;
  size_t latin = 0;  // Latin letters
};

LangCounts CountScripts(std::string_view utf8);
Lang ClassifyLang(const LangCounts& c);
inline Lang DetectLang(std::string_view utf8) {
  return ClassifyLang(CountScripts(utf8));
}

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_LANG_H_
