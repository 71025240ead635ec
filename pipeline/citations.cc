// Citation marker parsing and masking (see citations.h).
#include "pipeline/citations.h"

#include <cstring>

namespace factmine {

namespace {

constexpr std::string_view kOpenFull = "\xE3\x80\x90";   // 【 U+3010
constexpr std::string_view kCloseFull = "\xE3\x80\x91";  // 】 U+3011
constexpr std::string_view kIdeoComma = "\xE3\x80\x81";  // 、 U+3001

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

bool ParseCitationList(std::string_view s, std::vector<int>* indices) {
  std::vector<int> out;
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < s.size() && IsSpace(s[i])) ++i;
  };
  auto read_number = [&](int* v) {
    size_t start = i;
    int x = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) {
      x = x * 10 + (s[i] - '0');
      ++i;
    }
    size_t len = i - start;
    if (len == 0 || len > 3 || (i < s.size() && s[i] >= '0' && s[i] <= '9')) return false;
    if (x < 1 || x > kMaxCitationIndex) return false;
    *v = x;
    return true;
  };
  skip_spaces();
  if (i == s.size()) return false;
  while (true) {
    int a;
    if (!read_number(&a)) return false;
    skip_spaces();
    if (i < s.size() && (s[i] == '-' || s[i] == '~')) {
      ++i;
      skip_spaces();
      int b;
      if (!read_number(&b) || b < a || b - a >= kMaxRange) return false;
      for (int k = a; k <= b; ++k) out.push_back(k);
      skip_spaces();
    } else {
      out.push_back(a);
    }
    if (i == s.size()) break;
    if (s[i] == ',') {
      ++i;
    } else if (s.substr(i, kIdeoComma.size()) == kIdeoComma) {
      i += kIdeoComma.size();
    } else {
      return false;
    }
    skip_spaces();
  }
  *indices = std::move(out);
  return true;
}

void FindAndMaskCitations(Field field, std::string* text, std::vector<Citation>* out) {
  std::string& t = *text;
  size_t i = 0;
  while (i < t.size()) {
    // Find the next '[' or '【'.
    size_t open = std::string::npos;
    size_t open_len = 0;
    for (size_t k = i; k < t.size(); ++k) {
      if (t[k] == '[') {
        open = k;
        open_len = 1;
        break;
      }
      if (t[k] == kOpenFull[0] && t.compare(k, kOpenFull.size(), kOpenFull) == 0) {
        open = k;
        open_len = kOpenFull.size();
        break;
      }
    }
    if (open == std::string::npos) return;
    std::string_view close = open_len == 1 ? std::string_view("]") : kCloseFull;
    // Citation lists are short: look for the close bracket within 64 bytes.
    size_t limit = std::min(t.size(), open + open_len + 64);
    size_t close_at = std::string::npos;
    for (size_t k = open + open_len; k < limit; ++k) {
      if (t.compare(k, close.size(), close) == 0) {
        close_at = k;
        break;
      }
      if (t[k] == '[' || t[k] == '\n') break;
    }
    if (close_at == std::string::npos) {
      i = open + open_len;
      continue;
    }
    std::vector<int> indices;
    std::string_view inside(t.data() + open + open_len, close_at - open - open_len);
    size_t end = close_at + close.size();
    if (!ParseCitationList(inside, &indices)) {
      i = open + open_len;
      continue;
    }
    Citation c;
    c.field = field;
    c.span = {static_cast<uint32_t>(open), static_cast<uint32_t>(end)};
    c.indices = std::move(indices);
    out->push_back(std::move(c));
    std::memset(t.data() + open, ' ', end - open);
    i = end;
  }
}

}  // namespace factmine
