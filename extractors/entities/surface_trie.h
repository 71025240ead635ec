// SurfaceTrie: a byte trie over the lexicon's surface forms, walked from a
// position of the normalized text to find every surface that starts there
// (the entities stage takes the longest that its boundary and case rules
// accept).
//
// Keys are UTF-8 bytes with ASCII letters in lower case; the walk lower-
// cases ASCII letters of the text as it goes, so "US", "Us" and "us" reach
// the same node and the caller decides by case. Each node keeps its
// children in a dense array indexed by byte - lo for the bytes lo..hi it
// has children for, so a step is one range test and one load: a Han
// character costs three steps, and most walks end within the first
// character.
//
// Thread safety: immutable after Build; ForEachPrefix may run on many
// threads. Lifetime: owns its arrays.
#ifndef FACTMINE_EXTRACTORS_ENTITIES_SURFACE_TRIE_H_
#define FACTMINE_EXTRACTORS_ENTITIES_SURFACE_TRIE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <span>
#include <string_view>
#include <vector>

namespace factmine {

namespace surface_trie_internal {
constexpr std::array<uint8_t, 256> MakeFold() {
  std::array<uint8_t, 256> t{};
  for (int i = 0; i < 256; ++i) {
    t[i] = static_cast<uint8_t>(i >= 'A' && i <= 'Z' ? i - 'A' + 'a' : i);
  }
  return t;
}
}  // namespace surface_trie_internal

class SurfaceTrie {
 public:
  class Builder {
   public:
    Builder();
    // Adds `value` under `key`. REQUIRES: key is non-empty and has no ASCII
    // capital letters (fold with FoldAscii first).
    void Add(std::string_view key, uint32_t value);
    SurfaceTrie Build() &&;

   private:
    struct TempNode {
      std::vector<std::pair<uint8_t, uint32_t>> children;  // (byte, node), unsorted
      std::vector<uint32_t> values;
    };
    std::vector<TempNode> nodes_;
  };

  SurfaceTrie() = default;

  // Calls f(end, values) for each key that is a prefix of text[pos..], in
  // order of increasing length; `end` is the byte offset just past the key
  // in `text`, `values` the values added under it (in order of Add).
  template <typename F>
  void ForEachPrefix(std::string_view text, size_t pos, F&& f) const {
    if (nodes_.empty()) return;
    uint32_t n = 0;
    for (size_t i = pos; i < text.size(); ++i) {
      const uint8_t b = kFold[static_cast<uint8_t>(text[i])];
      const Node& nd = nodes_[n];
      if (b < nd.lo || b > nd.hi) return;
      n = children_[nd.base + (b - nd.lo)];
      if (n == 0) return;
      const Node& m = nodes_[n];
      if (m.value_count != 0) {
        f(i + 1, std::span<const uint32_t>(values_.data() + m.value_begin, m.value_count));
      }
    }
  }

  // True when some key starts with byte b (after folding).
  bool MayStartWith(uint8_t b) const {
    if (nodes_.empty()) return false;
    b = kFold[b];
    const Node& r = nodes_[0];
    return b >= r.lo && b <= r.hi && children_[r.base + (b - r.lo)] != 0;
  }

  size_t node_count() const { return nodes_.size(); }

  // The ASCII lower-case folding used for keys and the walk.
  static constexpr std::array<uint8_t, 256> kFold = surface_trie_internal::MakeFold();

 private:
  struct Node {
    uint32_t base = 0;         // index into children_ of the child for byte lo
    uint32_t value_begin = 0;  // index into values_
    uint16_t value_count = 0;
    uint8_t lo = 1, hi = 0;    // children for bytes lo..hi (none when lo > hi)
  };
  std::vector<Node> nodes_;
  std::vector<uint32_t> children_;  // node index; 0 = no child (0 is the root)
  std::vector<uint32_t> values_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_ENTITIES_SURFACE_TRIE_H_
