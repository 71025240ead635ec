// Script counting and language classification (see lang.h).
#include "pipeline/lang.h"

#include <unicode/utf8.h>

namespace factmine {

LangCounts CountScripts(std::string_view s) {
  LangCounts c;
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++c.latin;
      ++i;
      continue;
    }
    UChar32 cp;
    U8_NEXT(s.data(), i, n, cp);
    if (cp < 0) continue;
    if (IsHan(static_cast<char32_t>(cp))) {
      ++c.han;
    } else if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
      ++c.latin;
    }
  }
  return c;
}

Lang ClassifyLang(const LangCounts& c) {
  double zh = static_cast<double>(c.han);
  double en = static_cast<double>(c.latin) / 3.0;
  if (zh + en == 0) return Lang::kUnknown;
  double share = zh / (zh + en);
  if (share >= 0.7) return Lang::kZh;
  if (share <= 0.15) return Lang::kEn;
  return Lang::kMixed;
}

}  // namespace factmine
