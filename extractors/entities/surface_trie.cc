// SurfaceTrie construction (see surface_trie.h).
#include "extractors/entities/surface_trie.h"

#include <algorithm>

namespace factmine {

SurfaceTrie::Builder::Builder() { nodes_.emplace_back(); }

void SurfaceTrie::Builder::Add(std::string_view key, uint32_t value) {
  uint32_t n = 0;
  for (char ch : key) {
    const uint8_t b = static_cast<uint8_t>(ch);
    uint32_t next = 0;
    for (const auto& [cb, child] : nodes_[n].children) {
      if (cb == b) {
        next = child;
        break;
      }
    }
    if (next == 0) {
      next = static_cast<uint32_t>(nodes_.size());
      nodes_[n].children.emplace_back(b, next);
      nodes_.emplace_back();  // may reallocate: no references held across
    }
    n = next;
  }
  nodes_[n].values.push_back(value);
}

SurfaceTrie SurfaceTrie::Builder::Build() && {
  // Breadth-first numbering keeps the upper levels, which every walk
  // visits, together in memory.
  std::vector<uint32_t> order;  // new index -> old index
  std::vector<uint32_t> renum(nodes_.size());
  order.reserve(nodes_.size());
  order.push_back(0);
  for (size_t k = 0; k < order.size(); ++k) {
    renum[order[k]] = static_cast<uint32_t>(k);
    auto& children = nodes_[order[k]].children;
    std::sort(children.begin(), children.end());
    for (const auto& [b, child] : children) order.push_back(child);
  }
  SurfaceTrie t;
  t.nodes_.resize(nodes_.size());
  // Slot 0 of children_ is never used by a node: a 0 there means "none".
  t.children_.push_back(0);
  for (size_t k = 0; k < order.size(); ++k) {
    const TempNode& tn = nodes_[order[k]];
    Node& nd = t.nodes_[k];
    if (!tn.children.empty()) {
      nd.lo = tn.children.front().first;
      nd.hi = tn.children.back().first;
      nd.base = static_cast<uint32_t>(t.children_.size());
      t.children_.resize(t.children_.size() + (nd.hi - nd.lo + 1), 0);
      for (const auto& [b, child] : tn.children) {
        t.children_[nd.base + (b - nd.lo)] = renum[child];
      }
    }
    nd.value_begin = static_cast<uint32_t>(t.values_.size());
    nd.value_count = static_cast<uint16_t>(tn.values.size());
    t.values_.insert(t.values_.end(), tn.values.begin(), tn.values.end());
  }
  nodes_.clear();
  return t;
}

}  // namespace factmine
