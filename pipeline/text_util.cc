// Text helpers (see text_util.h).
#include "pipeline/text_util.h"

#include <unicode/utf8.h>

namespace factmine {

size_t RawSpaceLenAt(std::string_view s) {
  if (s.empty()) return 0;
  if (IsAsciiSpace(s[0])) return 1;
  if (s.substr(0, 3) == "\xE3\x80\x80" || s.substr(0, 3) == "\xEF\xBB\xBF") return 3;
  if (s.substr(0, 2) == "\xC2\xA0") return 2;
  return 0;
}

size_t RawSpaceLenBefore(std::string_view s) {
  if (s.empty()) return 0;
  if (IsAsciiSpace(s.back())) return 1;
  if (s.size() >= 3) {
    std::string_view t = s.substr(s.size() - 3);
    if (t == "\xE3\x80\x80" || t == "\xEF\xBB\xBF") return 3;
  }
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
  return 0;
}

std::string_view TrimRaw(std::string_view s) {
  while (size_t n = RawSpaceLenAt(s)) s.remove_prefix(n);
  while (size_t n = RawSpaceLenBefore(s)) s.remove_suffix(n);
  return s;
}

void AppendUtf8(char32_t c, std::string* out) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
  if (!error) out->append(buf, static_cast<size_t>(n));
}

}  // namespace factmine
