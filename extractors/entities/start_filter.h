// StartFilter: a few kilobytes of bits that say, without touching the
// SurfaceTrie, whether a surface may start at a position of the text. Most
// English words and most Chinese characters start no surface; the filter
// lets the scan skip them with one bit test (a trie walk would cost a
// cache miss or two).
//
// English words (runs of ASCII letters and digits) are tested by their
// first four bytes (hashed), a three-letter word by its three, a shorter
// word by its first two bytes (the second may be '.': "U.S."), separately
// for words that start with a capital and for the others, so that "the"
// does not pass because of "The" nor "product" because of "promethium". Other text is tested by its first code point (a direct bit: is
// it the first character of any surface, is it a whole surface such as 俄
// or 钕), then by its first two code points (hashed). Code points are read
// from the UTF-8 bytes without validation.
// No false negatives: every surface sets the bits its own start would
// test.
//
// Thread safety: immutable after construction. Lifetime: owns its bits.
#ifndef FACTMINE_EXTRACTORS_ENTITIES_START_FILTER_H_
#define FACTMINE_EXTRACTORS_ENTITIES_START_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "extractors/entities/surface_trie.h"

namespace factmine {

class StartFilter {
 public:
  StartFilter();

  // Registers a surface. `key` is the surface with ASCII letters folded to
  // lower case (the trie key); `upper_start` and `lower_start` say whether
  // it can match text whose first letter is a capital or not.
  void Add(std::string_view key, bool upper_start, bool lower_start);

  // The English word text[i, wend) (wend > i, text[i] an ASCII letter or
  // digit) may start a surface.
  bool MayStartWord(std::string_view text, size_t i, size_t wend) const {
    const uint8_t t0 = static_cast<uint8_t>(text[i]);
    const int upper = t0 >= 'A' && t0 <= 'Z';
    const size_t len = wend - i;
    if (len >= 3) {
      uint32_t bytes = 0;
      std::memcpy(&bytes, text.data() + i, len == 3 ? 3 : 4);
      return Test(len == 3 ? three_[upper] : four_[upper], HashWord(bytes));
    }
    const uint8_t t1 = i + 1 < text.size() ? static_cast<uint8_t>(text[i + 1]) : 0;
    return Test(two_[upper], uint32_t{Lower(t0)} << 8 | Lower(t1));
  }

  // The first position from i on that is not a three-byte character (Han,
  // CJK punctuation) starting no surface: the tight loop of Chinese text.
  size_t SkipThreeByteNonStarters(std::string_view text, size_t i) const {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    while (i + 3 <= n && (p[i] & 0xF0) == 0xE0) {
      const uint32_t cp = (p[i] & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu);
      if (Test(first_, cp)) break;
      i += 3;
    }
    return i;
  }

  // A surface may start at text[i], a non-ASCII lead byte.
  bool MayStartOther(std::string_view text, size_t i) const {
    size_t len1 = 0;
    const uint32_t c1 = CharCode(text, i, &len1);
    if (c1 >= kDirect) return true;  // beyond the BMP: rare, walk
    if (!Test(first_, c1)) return false;
    if (Test(one_, c1)) return true;
    if (i + len1 >= text.size()) return false;
    size_t len2 = 0;
    return Test(two_cp_, HashTwoCp(c1, CharCode(text, i + len1, &len2)));
  }

 private:
  static constexpr int kThreeBits = 16;  // 64 Kbit per case
  static constexpr int kTwoCpBits = 17;  // 128 Kbit
  static constexpr uint32_t kDirect = 0x10000;  // code points with a direct bit
  // b | 0x20: ASCII letters to lower case, digits unchanged; other bytes
  // may merge (a false positive, never a false negative).
  static uint8_t Lower(uint8_t b) { return b | 0x20; }
  // The first three or four bytes of a word as memcpy puts them into an
  // integer (the fourth 0 for a three-letter word), lower-cased, hashed.
  static uint32_t HashWord(uint32_t bytes) {
    return ((bytes | 0x20202020u) * 0x9E3779B1u) >> (32 - kThreeBits);
  }
  static uint32_t HashTwoCp(uint32_t a, uint32_t b) {
    const uint32_t x = a * 0x9E3779B1u ^ b * 0x85EBCA77u;
    return (x * 0xC2B2AE3Du) >> (32 - kTwoCpBits);
  }
  // The code point of the UTF-8 character at text[i] and its length in
  // *len, by the lead byte's length and without validation (the filter
  // only needs the same value for the same bytes).
  static uint32_t CharCode(std::string_view text, size_t i, size_t* len) {
    const uint8_t b0 = static_cast<uint8_t>(text[i]);
    const size_t left = text.size() - i;
    auto cont = [&](size_t k) { return static_cast<uint8_t>(text[i + k]) & 0x3Fu; };
    if (b0 < 0x80) {  // ASCII: letters folded, as the trie folds them
      *len = 1;
      return SurfaceTrie::kFold[b0];
    }
    if (b0 < 0xC0 || left < 2) {
      *len = 1;
      return b0;
    }
    if (b0 < 0xE0) {
      *len = 2;
      return (b0 & 0x1Fu) << 6 | cont(1);
    }
    if (b0 < 0xF0 || left < 4) {
      if (left < 3) {
        *len = left;
        return b0;
      }
      *len = 3;
      return (b0 & 0x0Fu) << 12 | cont(1) << 6 | cont(2);
    }
    *len = 4;
    return (b0 & 0x07u) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3);
  }

  static bool Test(const std::vector<uint64_t>& bits, uint32_t k) {
    return (bits[k >> 6] >> (k & 63)) & 1;
  }
  static void Set(std::vector<uint64_t>* bits, uint32_t k) {
    (*bits)[k >> 6] |= uint64_t{1} << (k & 63);
  }

  std::vector<uint64_t> two_[2];    // [capital first][b0 << 8 | b1]
  std::vector<uint64_t> three_[2];  // [capital first][hash(b0, b1, b2)]: 3-letter words
  std::vector<uint64_t> four_[2];   // [capital first][hash(b0..b3)]: longer words
  std::vector<uint64_t> first_;    // [code point]: the first character of a surface
  std::vector<uint64_t> one_;      // [code point]: a whole one-character surface
  std::vector<uint64_t> two_cp_;   // hash(first two code points)
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_ENTITIES_START_FILTER_H_
