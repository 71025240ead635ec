// ICU's CJK word dictionary with traditional-spelling lookup (see
// cjk_dictionary.h).
//
// The data file's layout is ICU's DictionaryData (icu4c
// source/common/dictionarydata.h): an array of int32 indexes, where
// indexes[0] is the byte offset of the trie and indexes[4] its type (low 3
// bits 1 = UCharsTrie, bit 8 = the trie has values). The trie itself is
// read with ICU's public UCharsTrie API.
#include "pipeline/cjk_dictionary.h"

#include <unicode/appendable.h>
#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <vector>

#include "pipeline/tsv.h"

namespace factmine {

namespace {

constexpr int kIndexTrieOffset = 0;
constexpr int kIndexTrieType = 4;
constexpr int32_t kTrieTypeMask = 7;
constexpr int32_t kTrieTypeUChars = 1;
constexpr int32_t kTrieHasValues = 8;
// Levels of the trie whose states are tabled at Open (see Impl::nodes).
constexpr int kTabledLevels = 2;

// Collects the code units UCharsTrie::getNextUChars appends.
class UnitList : public icu::Appendable {
 public:
  UBool appendCodeUnit(char16_t c) override {
    units.push_back(c);
    return true;
  }
  std::vector<char16_t> units;
};

// Decodes a one-code-point UTF-8 string; -1 if it is not one.
int32_t OneCodePoint(const std::string& s) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c < 0 || i != static_cast<int32_t>(s.size()) ? -1 : c;
}

}  // namespace

struct CjkDictionary::Impl {
  UDataMemory* data = nullptr;
  const char16_t* trie = nullptr;

  // The trie states after the first kTabledLevels characters of every word
  // ("nodes"): node root_index[c] - 1 after BMP character c (root_index[c]
  // == 0: no word starts with c); the children of a node of the levels
  // before the last (id < tabled_end) through `child`. Deeper steps walk
  // ICU's trie from a node's state.
  struct Node {
    icu::UCharsTrie::State state;
    UStringTrieResult result = USTRINGTRIE_NO_MATCH;
    int32_t value = 0;  // the word's cost, when result has a value
  };
  std::vector<uint16_t> root_index = std::vector<uint16_t>(0x10000, 0);
  std::vector<Node> nodes;
  uint32_t tabled_end = 0;

  // Open-addressing hash table of the children: one uint64 a slot,
  // (parent id + 1) << 36 | code unit << 20 | child id (0: empty). One
  // probe is much cheaper than ICU's step through a branch of up to ~1,200
  // units.
  static constexpr int kIdBits = 20;
  std::vector<uint64_t> child;
  uint32_t child_shift = 64;

  static uint64_t ChildKey(uint32_t parent, char16_t u) {
    return (static_cast<uint64_t>(parent) + 1) << 16 | u;
  }
  size_t ChildHome(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> child_shift);
  }
  // Id of the node after node `parent` and BMP unit u, or -1.
  int64_t Child(uint32_t parent, char16_t u) const {
    const uint64_t key = ChildKey(parent, u);
    const size_t mask = child.size() - 1;
    for (size_t h = ChildHome(key);; h = (h + 1) & mask) {
      const uint64_t slot = child[h];
      if ((slot >> kIdBits) == key) return static_cast<int64_t>(slot & ((1u << kIdBits) - 1));
      if (slot == 0) return -1;
    }
  }

  // Traditional spellings of a simplified BMP character c: var_chars
  // from var_begin[c] up to the next 0 (var_begin[c] == 0: none).
  std::vector<uint16_t> var_begin = std::vector<uint16_t>(0x10000, 0);
  std::vector<char16_t> var_chars = std::vector<char16_t>(1, 0);

  // Continues the search at s[j] with the trie positioned after s[0, j).
  void Walk(icu::UCharsTrie& t, const char32_t* s, int j, int n, bool exact,
            Matches* m) const;
  // Continues the search at s[j] (and its other spellings) from node `id`,
  // the trie after s[0, j).
  void FromNode(icu::UCharsTrie& t, uint32_t id, const char32_t* s, int j, int n, bool exact,
                Matches* m) const;

  // Records a word of `len` characters; `exact`: every character as in the
  // text; `last_variant`: the last one in another spelling.
  static void Add(Matches* m, int len, int32_t cost, bool exact, bool last_variant) {
    const uint32_t bit = 1u << len;
    if (exact) {
      if (!(m->exact & bit) || cost < m->cost[len]) m->cost[len] = cost;
      m->exact |= bit;
      m->last_variant &= ~bit;
    } else if (!(m->mask & bit) || (!(m->exact & bit) && cost < m->cost[len])) {
      m->cost[len] = cost;
      m->last_variant = last_variant ? m->last_variant | bit : m->last_variant & ~bit;
    }
    m->mask |= bit;
  }

  ~Impl() {
    if (data != nullptr) udata_close(data);
  }
};

CjkDictionary::CjkDictionary() : impl_(std::make_unique<Impl>()) {}
CjkDictionary::~CjkDictionary() = default;

Result<std::unique_ptr<CjkDictionary>> CjkDictionary::Open(const std::string& lexicon_dir) {
  std::unique_ptr<CjkDictionary> dict(new CjkDictionary());
  Impl& d = *dict->impl_;
  UErrorCode st = U_ZERO_ERROR;
  d.data = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &st);
  if (U_FAILURE(st) || d.data == nullptr) {
    return Status::Internal(std::string("ICU dictionary brkitr/cjdict.dict: ") + u_errorName(st));
  }
  const auto* bytes = static_cast<const uint8_t*>(udata_getMemory(d.data));
  const auto* indexes = reinterpret_cast<const int32_t*>(bytes);
  const int32_t type = indexes[kIndexTrieType];
  if ((type & kTrieTypeMask) != kTrieTypeUChars || (type & kTrieHasValues) == 0) {
    return Status::Internal("ICU dictionary brkitr/cjdict.dict: not a UCharsTrie with values");
  }
  d.trie = reinterpret_cast<const char16_t*>(bytes + indexes[kIndexTrieOffset]);

  for (UChar32 c = 0x80; c < 0x10000; ++c) {
    if (U16_IS_SURROGATE(c)) continue;
    icu::UCharsTrie t(d.trie);
    const UStringTrieResult r = t.first(c);
    if (r == USTRINGTRIE_NO_MATCH) continue;
    Impl::Node node;
    node.result = r;
    if (USTRINGTRIE_HAS_VALUE(r)) node.value = t.getValue();
    t.saveState(node.state);
    d.nodes.push_back(node);
    if (d.nodes.size() >= 0xFFFF) return Status::Internal("ICU cjdict: too many first characters");
    d.root_index[c] = static_cast<uint16_t>(d.nodes.size());
  }
  // The next levels, with the keys of the child table.
  std::vector<uint64_t> keys;
  keys.reserve(1 << 18);
  d.nodes.reserve(1 << 18);
  UnitList units;
  uint32_t level_begin = 0;
  for (int level = 2; level <= kTabledLevels; ++level) {
    const auto level_end = static_cast<uint32_t>(d.nodes.size());
    for (uint32_t id = level_begin; id < level_end; ++id) {
      if (d.nodes[id].result == USTRINGTRIE_FINAL_VALUE) continue;
      const icu::UCharsTrie::State state = d.nodes[id].state;
      icu::UCharsTrie t(d.trie);
      t.resetToState(state);
      units.units.clear();
      t.getNextUChars(units);
      for (char16_t u : units.units) {
        t.resetToState(state);
        Impl::Node next;
        next.result = t.next(u);
        if (next.result == USTRINGTRIE_NO_MATCH) continue;
        if (USTRINGTRIE_HAS_VALUE(next.result)) next.value = t.getValue();
        t.saveState(next.state);
        keys.push_back(Impl::ChildKey(id, u) << Impl::kIdBits | d.nodes.size());
        d.nodes.push_back(next);
      }
    }
    if (d.nodes.size() >= (size_t{1} << Impl::kIdBits)) {
      return Status::Internal("ICU cjdict: too many word prefixes for the child table");
    }
    level_begin = level_end;
  }
  d.tabled_end = level_begin;
  // A table at most half full.
  int bits = 4;
  while ((size_t{1} << bits) < keys.size() * 2) ++bits;
  d.child_shift = static_cast<uint32_t>(64 - bits);
  d.child.assign(size_t{1} << bits, 0);
  const size_t mask = d.child.size() - 1;
  for (uint64_t k : keys) {
    size_t h = d.ChildHome(k >> Impl::kIdBits);
    while (d.child[h] != 0) h = (h + 1) & mask;
    d.child[h] = k;
  }

  auto t2s = TsvTable::Load(lexicon_dir + "/zh_t2s.tsv", {"traditional", "simplified"});
  if (!t2s.ok()) return t2s.status();
  std::map<char16_t, std::vector<char16_t>> variants;
  for (const auto& row : t2s->rows()) {
    const int32_t trad = OneCodePoint(t2s->Get(row, "traditional"));
    const int32_t simp = OneCodePoint(t2s->Get(row, "simplified"));
    if (trad < 0 || simp < 0) return t2s->ErrorAt(row, "expected one character in each column");
    if (trad > 0xFFFF || simp > 0xFFFF || trad == simp) continue;
    variants[static_cast<char16_t>(simp)].push_back(static_cast<char16_t>(trad));
  }
  for (const auto& [simp, trads] : variants) {
    if (d.var_chars.size() + trads.size() + 1 > 0xFFFF) {
      return Status::Internal("zh_t2s.tsv: too many traditional spellings");
    }
    d.var_begin[simp] = static_cast<uint16_t>(d.var_chars.size());
    d.var_chars.insert(d.var_chars.end(), trads.begin(), trads.end());
    d.var_chars.push_back(0);
  }
  return dict;
}

void CjkDictionary::Impl::Walk(icu::UCharsTrie& t, const char32_t* s, int j, int n, bool exact,
                               Matches* m) const {
  if (j >= n) return;
  const char32_t c = s[j];
  const uint16_t vb = c > 0xFFFF ? 0 : var_begin[c];
  if (vb == 0) {  // the common case: one spelling, no state to save
    const UStringTrieResult r = c > 0xFFFF ? t.nextForCodePoint(static_cast<UChar32>(c))
                                           : t.next(static_cast<int32_t>(c));
    if (r == USTRINGTRIE_NO_MATCH) return;
    if (USTRINGTRIE_HAS_VALUE(r)) Add(m, j + 1, t.getValue(), exact, false);
    if (r != USTRINGTRIE_FINAL_VALUE) Walk(t, s, j + 1, n, exact, m);
    return;
  }
  icu::UCharsTrie::State saved;
  t.saveState(saved);
  for (int k = -1; k < 0 || var_chars[vb + k] != 0; ++k) {
    const char16_t u = k < 0 ? static_cast<char16_t>(c) : var_chars[vb + k];
    if (k >= 0) t.resetToState(saved);
    const UStringTrieResult r = t.next(u);
    if (r == USTRINGTRIE_NO_MATCH) continue;
    const bool ex = exact && k < 0;
    if (USTRINGTRIE_HAS_VALUE(r)) Add(m, j + 1, t.getValue(), ex, k >= 0);
    if (r != USTRINGTRIE_FINAL_VALUE) Walk(t, s, j + 1, n, ex, m);
  }
}

void CjkDictionary::Impl::FromNode(icu::UCharsTrie& t, uint32_t id, const char32_t* s, int j,
                                   int n, bool exact, Matches* m) const {
  if (j >= n) return;
  const char32_t c = s[j];
  if (id >= tabled_end || c > 0xFFFF) {  // not in the table: step through ICU's trie
    t.resetToState(nodes[id].state);
    Walk(t, s, j, n, exact, m);
    return;
  }
  const uint16_t vb = var_begin[c];
  for (int k = -1; k < 0 || (vb != 0 && var_chars[vb + k] != 0); ++k) {
    const char16_t u = k < 0 ? static_cast<char16_t>(c) : var_chars[vb + k];
    if (const int64_t next = Child(id, u); next >= 0) {
      const Node& node = nodes[static_cast<size_t>(next)];
      const bool ex = exact && k < 0;
      if (USTRINGTRIE_HAS_VALUE(node.result)) Add(m, j + 1, node.value, ex, k >= 0);
      if (node.result != USTRINGTRIE_FINAL_VALUE) {
        FromNode(t, static_cast<uint32_t>(next), s, j + 1, n, ex, m);
      }
    }
    if (vb == 0) break;
  }
}

void CjkDictionary::Lookup(const char32_t* s, int n, Matches* m) const {
  const Impl& d = *impl_;
  const char32_t c = s[0];
  icu::UCharsTrie t(d.trie);
  if (c > 0xFFFF) {
    const UStringTrieResult r = t.firstForCodePoint(static_cast<UChar32>(c));
    if (r == USTRINGTRIE_NO_MATCH) return;
    if (USTRINGTRIE_HAS_VALUE(r)) Impl::Add(m, 1, t.getValue(), true, false);
    if (r != USTRINGTRIE_FINAL_VALUE) d.Walk(t, s, 1, n, true, m);
    return;
  }
  const uint16_t vb = d.var_begin[c];
  for (int k = -1; k < 0 || (vb != 0 && d.var_chars[vb + k] != 0); ++k) {
    const char16_t u = k < 0 ? static_cast<char16_t>(c) : d.var_chars[vb + k];
    const uint16_t ri = d.root_index[u];
    if (ri != 0) {
      const Impl::Node& r = d.nodes[ri - 1];
      if (USTRINGTRIE_HAS_VALUE(r.result)) Impl::Add(m, 1, r.value, k < 0, k >= 0);
      if (r.result != USTRINGTRIE_FINAL_VALUE) d.FromNode(t, ri - 1, s, 1, n, k < 0, m);
    }
    if (vb == 0) break;
  }
}

int32_t CjkDictionary::SingleCost(char32_t c, int32_t fallback) const {
  const Impl& d = *impl_;
  if (c > 0xFFFF || d.root_index[c] == 0) return fallback;
  const Impl::Node& r = d.nodes[d.root_index[c] - 1];
  return USTRINGTRIE_HAS_VALUE(r.result) ? r.value : fallback;
}

}  // namespace factmine
