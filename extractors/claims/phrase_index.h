// PhraseIndex: finds a fixed set of words and phrases (attribute triggers,
// hedges, link words) in a short normalized text, both languages at once.
//
// A phrase that starts with an ASCII letter or digit must start at a word
// start, one that ends with one must end at a word end (the neighbouring
// characters are no ASCII letters or digits); ASCII letters compare in any
// case ("GDP", "Reserves"); everything else compares byte for byte (Chinese
// phrases match anywhere: 储量 in 稀土储量). Phrases are bucketed by their
// first word (ASCII) or first character, so a scan costs one hash lookup
// per word start and per non-ASCII character that starts some phrase (a
// bit set over the first two ASCII letters and one over BMP code points
// rule out the rest without hashing).
//
// Find returns the leftmost-longest matches, never overlapping, each with
// the payloads of every Add of that phrase.
//
// Thread safety: immutable after the last Add; Find is const.
// Lifetime: owns its strings.
#ifndef FACTMINE_EXTRACTORS_CLAIMS_PHRASE_INDEX_H_
#define FACTMINE_EXTRACTORS_CLAIMS_PHRASE_INDEX_H_

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace factmine {

class PhraseIndex {
 public:
  struct Hit {
    uint32_t begin = 0;  // bytes of the searched text
    uint32_t end = 0;
    int phrase = 0;      // index for payloads()
  };

  // Adds `phrase` (empty phrases are ignored) with an int payload.
  void Add(std::string_view phrase, int payload);
  // Leftmost-longest non-overlapping matches in `text`, in order.
  void Find(std::string_view text, std::vector<Hit>* out) const;
  const std::vector<int>& payloads(int phrase) const { return phrases_[phrase].payloads; }
  std::string_view text(int phrase) const { return phrases_[phrase].text; }

 private:
  struct Phrase {
    std::string text;  // ASCII letters lower-cased
    std::vector<int> payloads;
  };
  std::vector<Phrase> phrases_;
  // First word / first character -> phrase indices, longest first.
  std::unordered_map<std::string, std::vector<int>> buckets_;
  std::bitset<128 * 128> ascii_start_;  // lower-cased first two bytes
  std::bitset<0x10000> bmp_start_;      // first code point, when in the BMP
  bool astral_start_ = false;           // some phrase starts beyond the BMP
};

// ASCII letter or digit.
inline bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_CLAIMS_PHRASE_INDEX_H_
