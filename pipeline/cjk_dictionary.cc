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

  // The trie state after each first character: root[root_index[c] - 1]
  // for BMP character c (root_index[c] == 0: no word starts with c).
  struct Root {
    icu::UCharsTrie::State state;
    UStringTrieResult result = USTRINGTRIE_NO_MATCH;
    int32_t value = 0;  // cost of c alone, when result has a value
  };
  std::vector<uint16_t> root_index = std::vector<uint16_t>(0x10000, 0);
  std::vector<Root> root;

  // The states after the first two characters: for root entry r, the
  // sorted second code units second_unit[second_begin[r], second_begin[r+1])
  // and their states in `second` (the trie's second level is a branch over
  // up to ~1,200 units; a binary search over a flat array is faster).
  std::vector<uint32_t> second_begin;
  std::vector<char16_t> second_unit;
  std::vector<Root> second;

  // The state after s0 (root entry r) and BMP unit u, or nullptr.
  const Root* Second(uint16_t r, char16_t u) const {
    const char16_t* b = second_unit.data() + second_begin[r];
    const char16_t* e = second_unit.data() + second_begin[r + 1];
    const char16_t* it = std::lower_bound(b, e, u);
    return it != e && *it == u ? &second[static_cast<size_t>(it - second_unit.data())] : nullptr;
  }

  // Traditional spellings of a simplified BMP character c: var_chars
  // from var_begin[c] up to the next 0 (var_begin[c] == 0: none).
  std::vector<uint16_t> var_begin = std::vector<uint16_t>(0x10000, 0);
  std::vector<char16_t> var_chars = std::vector<char16_t>(1, 0);

  // Continues the search at s[j] with the trie positioned after s[0, j).
  void Walk(icu::UCharsTrie& t, const char32_t* s, int j, int n, bool exact,
            Matches* m) const;
  // Continues the search at s[1] (and its other spellings) after the first
  // character, root entry r. REQUIRES: n >= 2.
  void Second(icu::UCharsTrie& t, uint16_t r, const char32_t* s, int n, bool exact,
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
    Impl::Root root;
    root.result = r;
    if (USTRINGTRIE_HAS_VALUE(r)) root.value = t.getValue();
    t.saveState(root.state);
    d.root.push_back(root);
    if (d.root.size() >= 0xFFFF) return Status::Internal("ICU cjdict: too many first characters");
    d.root_index[c] = static_cast<uint16_t>(d.root.size());
  }
  d.second_begin.reserve(d.root.size() + 1);
  for (const Impl::Root& r : d.root) {
    d.second_begin.push_back(static_cast<uint32_t>(d.second_unit.size()));
    if (r.result == USTRINGTRIE_FINAL_VALUE) continue;
    icu::UCharsTrie t(d.trie);
    t.resetToState(r.state);
    UnitList units;
    t.getNextUChars(units);
    std::sort(units.units.begin(), units.units.end());
    for (char16_t u : units.units) {
      t.resetToState(r.state);
      Impl::Root next;
      next.result = t.next(u);
      if (next.result == USTRINGTRIE_NO_MATCH) continue;
      if (USTRINGTRIE_HAS_VALUE(next.result)) next.value = t.getValue();
      t.saveState(next.state);
      d.second_unit.push_back(u);
      d.second.push_back(next);
    }
  }
  d.second_begin.push_back(static_cast<uint32_t>(d.second_unit.size()));

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

void CjkDictionary::Impl::Second(icu::UCharsTrie& t, uint16_t r, const char32_t* s, int n,
                                 bool exact, Matches* m) const {
  const char32_t c = s[1];
  if (c > 0xFFFF) {  // not in the table: step from the first character
    t.resetToState(root[r].state);
    Walk(t, s, 1, n, exact, m);
    return;
  }
  const uint16_t vb = var_begin[c];
  for (int k = -1; k < 0 || (vb != 0 && var_chars[vb + k] != 0); ++k) {
    const char16_t u = k < 0 ? static_cast<char16_t>(c) : var_chars[vb + k];
    if (const Root* next = Second(r, u)) {
      const bool ex = exact && k < 0;
      if (USTRINGTRIE_HAS_VALUE(next->result)) Add(m, 2, next->value, ex, k >= 0);
      if (next->result != USTRINGTRIE_FINAL_VALUE && n > 2) {
        t.resetToState(next->state);
        Walk(t, s, 2, n, ex, m);
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
      const Impl::Root& r = d.root[ri - 1];
      if (USTRINGTRIE_HAS_VALUE(r.result)) Impl::Add(m, 1, r.value, k < 0, k >= 0);
      if (r.result != USTRINGTRIE_FINAL_VALUE && n >= 2) d.Second(t, ri - 1, s, n, k < 0, m);
    }
    if (vb == 0) break;
  }
}

int32_t CjkDictionary::SingleCost(char32_t c, int32_t fallback) const {
  const Impl& d = *impl_;
  if (c > 0xFFFF || d.root_index[c] == 0) return fallback;
  const Impl::Root& r = d.root[d.root_index[c] - 1];
  return USTRINGTRIE_HAS_VALUE(r.result) ? r.value : fallback;
}

}  // namespace factmine
