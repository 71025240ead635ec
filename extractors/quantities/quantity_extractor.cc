// QuantityExtractor (see quantity_extractor.h). One pass over the number
// matches of a text: each number is widened into a "piece" (currency sign
// and bound word before it, unit and bound word after it), then two pieces
// joined by a range word become one range.
#include "extractors/quantities/quantity_extractor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "extractors/numbers/number_value.h"
#include "extractors/quantities/quantity_rules.h"
#include "pipeline/lang.h"
#include "pipeline/text_util.h"
#include "pipeline/tsv.h"

namespace factmine {

namespace {

enum class UnitMatch : uint8_t { kWord, kSymbol, kZh };

struct UnitRow {
  std::string surface;
  UnitMatch match = UnitMatch::kWord;
  bool prefix = false;
  std::string unit;
  std::string dimension;
  double scale = 1;
  double to_base = 1;
  std::string base_unit;
};

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiLetter(c) || IsAsciiDigit(c); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether the code point starting at s[pos] is Han (pipeline/lang.h).
bool IsHanAt(std::string_view s, size_t pos) {
  size_t len;
  return pos < s.size() && IsHan(DecodeUtf8(s, pos, &len));
}
// Whether the code point ending right before s[pos] is Han.
bool IsHanBefore(std::string_view s, size_t pos) {
  size_t len;
  return pos > 0 && IsHan(DecodeUtf8Before(s, pos, &len));
}

// Skips at most one ASCII space at pos.
size_t SkipSpace(std::string_view s, size_t pos) {
  return (pos < s.size() && s[pos] == ' ') ? pos + 1 : pos;
}

// Skips a run of spaces: Chinese typesetting often spaces Arabic numbers
// off from the characters around them ("增长 15 个百分点").
size_t SkipSpaces(std::string_view s, size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  return pos;
}

bool ParseDouble(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(*out);
}

// English plural → singular, the simple rule also used by scorers:
// -ies → -y; -ches/-shes/-xes/-sses drop "es"; else drop a final "s"
// unless the word ends in "ss", "us" or "is".
std::string Singular(std::string w) {
  auto ends = [&](std::string_view suf) {
    return w.size() >= suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends("ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  if (ends("ches") || ends("shes") || ends("xes") || ends("sses")) {
    return w.substr(0, w.size() - 2);
  }
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return w.substr(0, w.size() - 1);
  return w;
}

// Hash and equality that accept std::string_view, so lookups of a slice of
// the text allocate nothing.
struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using SvMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;
using SvSet = std::unordered_set<std::string, SvHash, std::equal_to<>>;

// Byte lengths present among a table's keys, longest first, so a longest
// match tries only lengths that exist.
void AddLength(std::vector<uint8_t>* lens, size_t n) {
  if (std::find(lens->begin(), lens->end(), n) == lens->end()) {
    lens->push_back(static_cast<uint8_t>(n));
    std::sort(lens->rbegin(), lens->rend());
  }
}

// A set of BMP code points (others are never members): 8 KiB of bits.
class CodepointSet {
 public:
  CodepointSet() : bits_(0x10000, false) {}
  void Add(char32_t c) {
    if (c < 0x10000) bits_[c] = true;
  }
  bool Has(char32_t c) const { return c < 0x10000 && bits_[c]; }

 private:
  std::vector<bool> bits_;
};

char32_t FirstCodepoint(std::string_view s) {
  size_t len;
  return s.empty() ? 0 : DecodeUtf8(s, 0, &len);
}
char32_t LastCodepoint(std::string_view s) {
  size_t len;
  return s.empty() ? 0 : DecodeUtf8Before(s, s.size(), &len);
}

}  // namespace

struct QuantityExtractor::Tables {
  std::vector<UnitRow> units;
  // Suffix units.
  SvMap<uint32_t> zh_units;   // exact surface
  std::vector<uint8_t> zh_unit_lens;
  SvMap<uint32_t> en_words;   // lower-case phrase
  size_t en_max_words = 1;
  std::vector<uint32_t> symbols;                        // longest first
  std::array<std::vector<uint32_t>, 256> symbols_by_byte;  // by first byte
  // Prefix currency signs and codes, longest first.
  std::vector<uint32_t> prefixes;

  SvMap<Approx> en_before, en_after, zh_before, zh_after;
  SvSet zh_before_not;  // 节约, 制约: they end in 约 but are not bounds
  std::vector<uint8_t> zh_before_lens, zh_after_lens;
  // Code points that start a zh unit or an after-bound, and that end a
  // before-bound: a cheap test before any hash lookup.
  CodepointSet zh_unit_first, zh_after_first, zh_before_last;
  size_t en_before_words = 1, en_after_words = 1;

  SvSet en_range_to, en_between, en_and, en_from;
  SvSet zh_range_to, zh_between, zh_and, zh_from;
  SvSet zh_classifiers;  // one character each
  SvSet count_nouns, not_count_nouns;
  std::string discount;                             // 折
  SvSet not_discount_next;  // 合, 算, 叠 …
  std::string half;                                 // 半 (一吨半)
  SvSet zh_not_unit;  // 年级, 元素: words that start with a unit
  std::vector<uint8_t> zh_not_unit_lens;
  // 角, 毛, 分 and their value in yuan, largest first (50元6角3分).
  std::vector<std::pair<std::string, double>> cny_minor;
  const UnitRow* gbp = nullptr;  // "pounds" after a scale word is money
  // Scale letters of money and their factor: m = 1e6 ("364m euros").
  std::vector<std::pair<std::string, double>> money_scales;
};

QuantityExtractor::QuantityExtractor(std::unique_ptr<Tables> t) : t_(std::move(t)) {}
QuantityExtractor::~QuantityExtractor() = default;

namespace {

Status LoadUnits(const std::string& dir, QuantityExtractor::Tables* t) {
  auto table = TsvTable::Load(dir + "/units.tsv", {"surface", "lang", "position", "match", "unit",
                                                   "dimension", "scale", "to_base", "base_unit"});
  if (!table.ok()) return table.status();
  const TsvTable& tsv = table.value();
  for (const TsvTable::Row& row : tsv.rows()) {
    UnitRow u;
    u.surface = tsv.Get(row, "surface");
    const std::string& lang = tsv.Get(row, "lang");
    const std::string& position = tsv.Get(row, "position");
    const std::string& match = tsv.Get(row, "match");
    u.unit = tsv.Get(row, "unit");
    u.dimension = tsv.Get(row, "dimension");
    u.base_unit = tsv.Get(row, "base_unit");
    if (u.surface.empty() || u.unit.empty() || u.dimension.empty() || u.base_unit.empty()) {
      return tsv.ErrorAt(row, "surface, unit, dimension and base_unit must not be empty");
    }
    if (lang != "en" && lang != "zh" && lang != "any") {
      return tsv.ErrorAt(row, "lang must be en, zh or any, not '" + lang + "'");
    }
    if (position != "suffix" && position != "prefix") {
      return tsv.ErrorAt(row, "position must be suffix or prefix, not '" + position + "'");
    }
    if (match == "word") {
      u.match = UnitMatch::kWord;
    } else if (match == "symbol") {
      u.match = UnitMatch::kSymbol;
    } else if (match == "zh") {
      u.match = UnitMatch::kZh;
    } else {
      return tsv.ErrorAt(row, "match must be word, symbol or zh, not '" + match + "'");
    }
    if (!ParseDouble(tsv.Get(row, "scale"), &u.scale) || u.scale <= 0) {
      return tsv.ErrorAt(row, "scale must be a positive number");
    }
    if (!ParseDouble(tsv.Get(row, "to_base"), &u.to_base) || u.to_base <= 0) {
      return tsv.ErrorAt(row, "to_base must be a positive number");
    }
    u.prefix = position == "prefix";
    if (u.match == UnitMatch::kWord) {
      for (char c : u.surface) {
        if (c >= 'A' && c <= 'Z') {
          return tsv.ErrorAt(row, "a word surface is matched in lower case; write it so "
                                  "(or use match=symbol for a case-sensitive symbol)");
        }
      }
    }
    uint32_t idx = static_cast<uint32_t>(t->units.size());
    t->units.push_back(u);
    if (u.prefix) {
      t->prefixes.push_back(idx);
    } else if (u.match == UnitMatch::kZh) {
      t->zh_units.emplace(u.surface, idx);
      AddLength(&t->zh_unit_lens, u.surface.size());
      t->zh_unit_first.Add(FirstCodepoint(u.surface));
    } else if (u.match == UnitMatch::kSymbol) {
      t->symbols.push_back(idx);
    } else {
      t->en_words.emplace(u.surface, idx);
      t->en_max_words = std::max<size_t>(
          t->en_max_words, 1 + std::count(u.surface.begin(), u.surface.end(), ' '));
    }
  }
  auto longer = [t](uint32_t a, uint32_t b) {
    return t->units[a].surface.size() > t->units[b].surface.size();
  };
  std::stable_sort(t->symbols.begin(), t->symbols.end(), longer);
  for (uint32_t idx : t->symbols) {
    t->symbols_by_byte[static_cast<unsigned char>(t->units[idx].surface[0])].push_back(idx);
  }
  std::stable_sort(t->prefixes.begin(), t->prefixes.end(), longer);
  return Status::Ok();
}

Status LoadBounds(const std::string& dir, QuantityExtractor::Tables* t) {
  auto table = TsvTable::Load(dir + "/bounds.tsv", {"surface", "lang", "position", "approx"});
  if (!table.ok()) return table.status();
  const TsvTable& tsv = table.value();
  for (const TsvTable::Row& row : tsv.rows()) {
    const std::string& s = tsv.Get(row, "surface");
    const std::string& lang = tsv.Get(row, "lang");
    const std::string& position = tsv.Get(row, "position");
    Approx a;
    if (s.empty()) return tsv.ErrorAt(row, "empty surface");
    if (tsv.Get(row, "approx") == "none" && lang == "zh" && position == "before") {
      // A word that ends in a bound but is another word (节约 "save").
      t->zh_before_not.insert(s);
      AddLength(&t->zh_before_lens, s.size());
      t->zh_before_last.Add(LastCodepoint(s));
      continue;
    }
    if (!ParseApprox(tsv.Get(row, "approx"), &a) || a == Approx::kRange) {
      return tsv.ErrorAt(row,
                         "approx must be exact, about, over, under, at_least or at_most (or "
                         "none, for a Chinese word before the number that is not a bound)");
    }
    bool before = position == "before";
    if (!before && position != "after") {
      return tsv.ErrorAt(row, "position must be before or after");
    }
    size_t words = 1 + std::count(s.begin(), s.end(), ' ');
    if (lang == "en") {
      (before ? t->en_before : t->en_after).emplace(s, a);
      size_t& w = before ? t->en_before_words : t->en_after_words;
      w = std::max(w, words);
    } else if (lang == "zh") {
      (before ? t->zh_before : t->zh_after).emplace(s, a);
      AddLength(before ? &t->zh_before_lens : &t->zh_after_lens, s.size());
      if (before) {
        t->zh_before_last.Add(LastCodepoint(s));
      } else {
        t->zh_after_first.Add(FirstCodepoint(s));
      }
    } else {
      return tsv.ErrorAt(row, "lang must be en or zh");
    }
  }
  return Status::Ok();
}

// The scale letters that mean a scale only in money (scales.tsv kind
// en_money_suffix: m, b, tn): "364m euros" as well as "$364m".
Status LoadMoneyScales(const std::string& dir, QuantityExtractor::Tables* t) {
  auto table = TsvTable::Load(dir + "/scales.tsv", {"surface", "lang", "exp", "kind"});
  if (!table.ok()) return table.status();
  const TsvTable& tsv = table.value();
  for (const TsvTable::Row& row : tsv.rows()) {
    if (tsv.Get(row, "kind") != "en_money_suffix") continue;
    double exp = 0;
    if (!ParseDouble(tsv.Get(row, "exp"), &exp) || exp < 1 || exp > 15) {
      return tsv.ErrorAt(row, "exp must be a power of ten from 1 to 15");
    }
    t->money_scales.emplace_back(tsv.Get(row, "surface"), std::pow(10.0, exp));
  }
  return Status::Ok();
}

Status LoadContext(const std::string& dir, QuantityExtractor::Tables* t) {
  auto table = TsvTable::Load(dir + "/quantity_context.tsv", {"surface", "lang", "kind"});
  if (!table.ok()) return table.status();
  const TsvTable& tsv = table.value();
  for (const TsvTable::Row& row : tsv.rows()) {
    const std::string& s = tsv.Get(row, "surface");
    const std::string& lang = tsv.Get(row, "lang");
    const std::string& kind = tsv.Get(row, "kind");
    if (lang != "en" && lang != "zh") return tsv.ErrorAt(row, "lang must be en or zh");
    bool en = lang == "en";
    if (kind == "range_to") {
      (en ? t->en_range_to : t->zh_range_to).insert(s);
    } else if (kind == "range_between") {
      (en ? t->en_between : t->zh_between).insert(s);
    } else if (kind == "range_and") {
      (en ? t->en_and : t->zh_and).insert(s);
    } else if (kind == "change_from") {
      (en ? t->en_from : t->zh_from).insert(s);
    } else if (kind == "zh_classifier" && !en) {
      t->zh_classifiers.insert(s);
    } else if (kind == "count_noun" && en) {
      t->count_nouns.insert(s);
    } else if (kind == "not_count_noun" && en) {
      t->not_count_nouns.insert(s);
    } else if (kind == "zh_discount" && !en) {
      t->discount = s;
    } else if (kind == "zh_not_discount_next" && !en) {
      t->not_discount_next.insert(s);
    } else if (kind == "zh_half" && !en) {
      t->half = s;
    } else if (kind == "zh_not_unit" && !en) {
      t->zh_not_unit.insert(s);
      AddLength(&t->zh_not_unit_lens, s.size());
    } else if (kind == "cny_minor_unit" && !en) {
      double v = 0;
      if (!ParseDouble(tsv.Get(row, "value"), &v) || !(v > 0 && v < 1)) {
        return tsv.ErrorAt(row, "cny_minor_unit needs a value between 0 and 1 (in yuan)");
      }
      t->cny_minor.emplace_back(s, v);
      std::stable_sort(t->cny_minor.begin(), t->cny_minor.end(),
                       [](const auto& x, const auto& y) { return x.second > y.second; });
    } else {
      return tsv.ErrorAt(row, "unknown kind '" + kind + "' for lang " + lang);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<QuantityExtractor>> QuantityExtractor::Load(
    const std::string& lexicon_dir) {
  auto t = std::make_unique<Tables>();
  if (Status s = LoadUnits(lexicon_dir, t.get()); !s.ok()) return s;
  if (Status s = LoadBounds(lexicon_dir, t.get()); !s.ok()) return s;
  if (Status s = LoadContext(lexicon_dir, t.get()); !s.ok()) return s;
  if (Status s = LoadMoneyScales(lexicon_dir, t.get()); !s.ok()) return s;
  if (auto it = t->en_words.find("pounds sterling"); it != t->en_words.end()) {
    t->gbp = &t->units[it->second];
  }
  return std::unique_ptr<QuantityExtractor>(new QuantityExtractor(std::move(t)));
}

namespace {

// One number widened by its context.
struct Piece {
  size_t num = 0;                  // index into numbers
  uint32_t begin = 0, end = 0;     // span including sign, unit, bounds
  uint32_t num_end = 0;            // end of the number (+ unit) before after-bounds
  double value = 0;
  const UnitRow* unit = nullptr;   // measure or currency unit
  const UnitRow* prefix = nullptr;  // currency sign before the number
  std::string count_unit;          // count noun or classifier ("type", "项")
  Approx approx = Approx::kExact;
  std::string_view rule;
  bool percent = false;            // value is a percentage
  bool multiple = false;
  bool has_before_bound = false;
  bool skip = false;               // not a quantity (an ordinal, a name like 5G)
  bool year_like = false;          // a bare number that may be a year
};

class Scan {
 public:
  Scan(const QuantityExtractor::Tables& t, std::string_view text,
       const std::vector<NumberMatch>& numbers)
      : t_(t), text_(text), numbers_(numbers) {}

  Piece Widen(size_t i) const;
  // Range word between a.end and b.begin: "to", "-", "至" … Returns the
  // kind of join: 0 none, 1 range, 2 change (from … to …).
  int Join(const Piece& a, const Piece& b) const;
  // Where a range opener ("between", 介于) right before `begin` starts,
  // or `begin` when there is none.
  uint32_t RangeOpener(uint32_t begin) const;
  // Only a space, "and" or nothing between the two parts of an amount in
  // two units ("3 dollars 50 cents", "50元6角").
  bool IsCompoundGap(uint32_t a_end, uint32_t b_begin) const;
  // Folds the 角/分 amounts after the yuan amount of numbers_[i] into *a
  // (value and end); returns how many numbers it used, 1 for none.
  size_t JoinMinorUnits(size_t i, const std::vector<std::pair<std::string, double>>& minor,
                        Piece* a) const;
  const QuantityExtractor::Tables& t() const { return t_; }
  std::string_view text() const { return text_; }

 private:
  // Suffix unit at pos (after the number); sets *end.
  const UnitRow* SuffixUnit(size_t pos, size_t* end) const;
  const UnitRow* SuffixUnitAt(size_t pos, size_t* end) const;  // no brackets
  // A word that starts with a Chinese unit but is another word (年级 "grade",
  // 元素 "element") starts at pos.
  bool NotUnitAt(size_t pos) const;
  // A money scale letter at pos ("m" of "364m euros"), then one space and a
  // currency word: the currency, with *scale set and *end after the word.
  const UnitRow* MoneyScaleBefore(size_t pos, size_t* end, double* scale) const;
  const UnitRow* PrefixUnit(size_t pos, size_t* begin) const;
  bool BoundBefore(size_t pos, size_t* begin, Approx* a) const;
  bool BoundAfter(size_t pos, size_t* end, Approx* a) const;
  bool CountAfter(size_t pos, size_t* end, std::string* unit, bool zh) const;
  // 折 after the number (75折, 九折), not 折合 / 折算 ….
  bool IsDiscount(size_t pos, double value) const;
  // The lower-case ASCII words ending at pos (up to n), nearest last.
  size_t WordsBefore(size_t pos, size_t n, std::vector<std::pair<size_t, std::string>>* out) const;

  const QuantityExtractor::Tables& t_;
  std::string_view text_;
  const std::vector<NumberMatch>& numbers_;
};

bool Scan::NotUnitAt(size_t pos) const {
  for (size_t len : t_.zh_not_unit_lens) {
    if (len <= text_.size() - pos && t_.zh_not_unit.count(text_.substr(pos, len))) return true;
  }
  return false;
}

const UnitRow* Scan::MoneyScaleBefore(size_t pos, size_t* end, double* scale) const {
  std::string_view s = text_;
  for (const auto& [letters, factor] : t_.money_scales) {
    size_t after = pos + letters.size();
    if (s.compare(pos, letters.size(), letters) != 0 || after + 1 >= s.size() ||
        s[after] != ' ' || !IsAsciiLetter(s[after + 1])) {
      continue;
    }
    size_t e = 0;
    const UnitRow* u = SuffixUnitAt(after, &e);
    if (u != nullptr && u->dimension == "currency" && u->scale == 1 && !u->prefix) {
      *end = e;
      *scale = factor;
      return u;
    }
  }
  return nullptr;
}

const UnitRow* Scan::SuffixUnit(size_t pos, size_t* end) const {
  // A unit in brackets right after the number, as tables write it: "20 (kg)",
  // "20 [kg]". The closing bracket must follow the unit.
  std::string_view s = text_;
  size_t open = SkipSpace(s, pos);
  if (open < s.size()) {
    const char* opens = "([{<";
    const char* closes = ")]}>";
    if (const char* o = std::strchr(opens, s[open]); o != nullptr && *o != '\0') {
      size_t e = 0;
      const UnitRow* u = SuffixUnitAt(open + 1, &e);
      if (u != nullptr && e < s.size() && s[e] == closes[o - opens]) {
        *end = e + 1;
        return u;
      }
    }
  }
  return SuffixUnitAt(pos, end);
}

const UnitRow* Scan::SuffixUnitAt(size_t pos, size_t* end) const {
  std::string_view s = text_;
  // Chinese units: right after the number, or after spaces.
  for (size_t start : {pos, SkipSpaces(s, pos)}) {
    if (start >= s.size() || !(static_cast<unsigned char>(s[start]) >= 0x80 ||
                                IsAsciiAlnum(s[start]) || s[start] == '%')) {
      continue;
    }
    size_t first_len;
    if (!t_.zh_unit_first.Has(DecodeUtf8(s, start, &first_len))) {
      if (start == pos && s[start] != ' ') break;
      continue;
    }
    if (NotUnitAt(start)) break;
    for (size_t len : t_.zh_unit_lens) {
      if (len > s.size() - start) continue;
      auto it = t_.zh_units.find(s.substr(start, len));
      if (it == t_.zh_units.end()) continue;
      const UnitRow& u = t_.units[it->second];
      // An ASCII zh surface ("cm", "kg") must not run into a letter.
      size_t e = start + len;
      if (IsAsciiLetter(s[start]) && e < s.size() && IsAsciiAlnum(s[e])) continue;
      *end = e;
      return &u;
    }
    if (start == pos && start < s.size() && s[start] != ' ') break;
  }
  // A classifier between the number and a unit: 20个比特币, 3只股票 is not.
  if (pos < s.size() && static_cast<unsigned char>(s[pos]) >= 0x80) {
    size_t len;
    DecodeUtf8(s, pos, &len);
    if (t_.zh_classifiers.count(s.substr(pos, len))) {
      for (size_t l : t_.zh_unit_lens) {
        if (l > s.size() - pos - len) continue;
        auto it = t_.zh_units.find(s.substr(pos + len, l));
        if (it != t_.zh_units.end() && t_.units[it->second].dimension == "currency") {
          *end = pos + len + l;
          return &t_.units[it->second];
        }
      }
    }
  }
  // Symbols: attached or after one space, case-sensitive.
  size_t start = SkipSpace(s, pos);
  if (start >= s.size()) return nullptr;
  for (uint32_t idx : t_.symbols_by_byte[static_cast<unsigned char>(s[start])]) {
    const UnitRow& u = t_.units[idx];
    if (s.compare(start, u.surface.size(), u.surface) != 0) continue;
    size_t e = start + u.surface.size();
    if (e < s.size() && IsAsciiAlnum(s[e])) continue;
    *end = e;
    return &u;
  }
  // English words: after an optional space or hyphen, whole words.
  size_t w = pos;
  if (w < s.size() && (s[w] == ' ' || s[w] == '-')) ++w;
  if (w >= s.size() || !IsAsciiLetter(s[w])) return nullptr;
  std::string phrase;
  const UnitRow* best = nullptr;
  size_t p = w;
  for (size_t n = 0; n < t_.en_max_words && p < s.size(); ++n) {
    size_t q = p;
    while (q < s.size() && (IsAsciiLetter(s[q]) || s[q] == '.' || s[q] == '-')) {
      // A sentence-final period is not part of the word.
      if (s[q] == '.' && (q + 1 >= s.size() || !IsAsciiLetter(s[q + 1]))) break;
      ++q;
    }
    if (q == p) break;
    if (n > 0) phrase += ' ';
    for (size_t k = p; k < q; ++k) phrase += Lower(s[k]);
    // "U.S." keeps its final period.
    size_t qe = q;
    if (q < s.size() && s[q] == '.' && q > p && s[q - 1] >= 'A' && s[q - 1] <= 'Z') {
      auto it = t_.en_words.find(phrase + ".");
      if (it != t_.en_words.end()) {
        best = &t_.units[it->second];
        *end = q + 1;
      }
    }
    if (qe < s.size() && IsAsciiDigit(s[qe])) break;
    auto it = t_.en_words.find(phrase);
    if (it != t_.en_words.end()) {
      best = &t_.units[it->second];
      *end = q;
    } else if (n == 0) {
      // "12-cent-a-share": the unit is the part before the next hyphen.
      size_t h = phrase.find('-');
      if (h != std::string::npos && h > 0) {
        auto ih = t_.en_words.find(phrase.substr(0, h));
        if (ih != t_.en_words.end()) {
          best = &t_.units[ih->second];
          *end = p + h;
        }
      }
    }
    if (q >= s.size() || s[q] != ' ') break;
    p = q + 1;
  }
  return best;
}

const UnitRow* Scan::PrefixUnit(size_t pos, size_t* begin) const {
  std::string_view s = text_;
  for (int space = 0; space < 2; ++space) {
    size_t e = pos;
    if (space) {
      if (e == 0 || s[e - 1] != ' ') break;
      --e;
    }
    for (uint32_t idx : t_.prefixes) {
      const UnitRow& u = t_.units[idx];
      size_t n = u.surface.size();
      if (n > e || s.compare(e - n, n, u.surface) != 0) continue;
      size_t b = e - n;
      // A code or sign made of letters must not be the end of a word
      // ("AUSD" is not "USD").
      if (b > 0 && IsAsciiLetter(u.surface[0]) && IsAsciiAlnum(s[b - 1])) continue;
      *begin = b;
      return &u;
    }
  }
  return nullptr;
}

size_t Scan::WordsBefore(size_t pos, size_t n,
                         std::vector<std::pair<size_t, std::string>>* out) const {
  out->clear();
  std::string_view s = text_;
  size_t p = pos;
  while (out->size() < n) {
    if (p == 0 || s[p - 1] != ' ') break;
    size_t e = p - 1;
    size_t b = e;
    while (b > 0 && (IsAsciiLetter(s[b - 1]) || s[b - 1] == '.')) --b;
    if (b == e) break;
    std::string w;
    for (size_t k = b; k < e; ++k) w += Lower(s[k]);
    out->emplace_back(b, std::move(w));
    p = b;
  }
  return out->size();
}

bool Scan::BoundBefore(size_t pos, size_t* begin, Approx* a) const {
  std::string_view s = text_;
  // Chinese: the longest bound word ending right at pos (or before one space).
  for (size_t e : {pos, (pos > 0 && s[pos - 1] == ' ') ? pos - 1 : pos}) {
    size_t last_len;
    if (e == 0 || !t_.zh_before_last.Has(DecodeUtf8Before(s, e, &last_len))) continue;
    for (size_t len : t_.zh_before_lens) {
      if (len > e || (static_cast<unsigned char>(s[e - len]) & 0xC0) == 0x80) continue;
      if (t_.zh_before_not.count(s.substr(e - len, len))) return false;
      auto it = t_.zh_before.find(s.substr(e - len, len));
      if (it != t_.zh_before.end()) {
        *begin = e - len;
        *a = it->second;
        return true;
      }
    }
  }
  std::vector<std::pair<size_t, std::string>> words;
  size_t n = WordsBefore(pos, t_.en_before_words, &words);
  for (size_t k = n; k > 0; --k) {
    std::string phrase;
    for (size_t j = k; j > 0; --j) {
      if (!phrase.empty()) phrase += ' ';
      phrase += words[j - 1].second;
    }
    auto it = t_.en_before.find(phrase);
    if (it != t_.en_before.end()) {
      // The first word must start a word.
      size_t b = words[k - 1].first;
      if (b > 0 && IsAsciiAlnum(s[b - 1])) continue;
      *begin = b;
      *a = it->second;
      return true;
    }
  }
  return false;
}

bool Scan::BoundAfter(size_t pos, size_t* end, Approx* a) const {
  std::string_view s = text_;
  size_t first_len;
  bool zh_after = pos < s.size() && t_.zh_after_first.Has(DecodeUtf8(s, pos, &first_len));
  for (size_t len : t_.zh_after_lens) {
    if (!zh_after) break;
    if (len > s.size() - pos) continue;
    if (pos + len < s.size() && (static_cast<unsigned char>(s[pos + len]) & 0xC0) == 0x80) {
      continue;
    }
    auto it = t_.zh_after.find(s.substr(pos, len));
    if (it != t_.zh_after.end()) {
      *end = pos + len;
      *a = it->second;
      return true;
    }
  }
  if (pos >= s.size() || s[pos] != ' ') return false;
  std::string phrase;
  size_t p = pos + 1;
  bool found = false;
  for (size_t n = 0; n < t_.en_after_words && p < s.size(); ++n) {
    size_t q = p;
    while (q < s.size() && IsAsciiLetter(s[q])) ++q;
    if (q == p) break;
    if (n > 0) phrase += ' ';
    for (size_t k = p; k < q; ++k) phrase += Lower(s[k]);
    auto it = t_.en_after.find(phrase);
    if (it != t_.en_after.end() && (q >= s.size() || !IsAsciiAlnum(s[q]))) {
      *end = q;
      *a = it->second;
      found = true;
    }
    if (q >= s.size() || s[q] != ' ') break;
    p = q + 1;
  }
  return found;
}

bool Scan::IsDiscount(size_t pos, double value) const {
  std::string_view s = text_;
  if (t_.discount.empty() || s.compare(pos, t_.discount.size(), t_.discount) != 0) return false;
  // Tenths (九折, 8.5折) or two digits (75折, 五五折); 十折 is no discount.
  if (!(value > 0 && value < 100) || value == 10) return false;
  if (value > 10 && value != std::trunc(value)) return false;
  size_t after = pos + t_.discount.size();
  if (after < s.size()) {
    size_t len;
    DecodeUtf8(s, after, &len);
    if (t_.not_discount_next.count(s.substr(after, len))) return false;
  }
  return true;
}

bool Scan::CountAfter(size_t pos, size_t* end, std::string* unit, bool zh) const {
  std::string_view s = text_;
  if (zh) {
    if (pos >= s.size() || static_cast<unsigned char>(s[pos]) < 0x80) return false;
    size_t len;
    DecodeUtf8(s, pos, &len);
    std::string_view c = s.substr(pos, len);
    if (!t_.zh_classifiers.count(c)) return false;
    *unit = std::string(c);
    *end = pos + len;
    return true;
  }
  if (pos >= s.size() || s[pos] != ' ') return false;
  size_t p = pos + 1;
  size_t q = p;
  while (q < s.size() && s[q] >= 'a' && s[q] <= 'z') ++q;
  if (q == p || (q < s.size() && (IsAsciiAlnum(s[q]) || s[q] == '-'))) return false;
  std::string w(s.substr(p, q - p));
  if (t_.not_count_nouns.count(w)) return false;
  bool listed = t_.count_nouns.count(w) > 0;
  bool plural = w.size() >= 3 && w.back() == 's' && !listed &&
                w.compare(w.size() - 2, 2, "ss") != 0 && w.compare(w.size() - 2, 2, "us") != 0 &&
                w.compare(w.size() - 2, 2, "is") != 0 &&
                !(w.size() > 3 && w.compare(w.size() - 3, 3, "ous") == 0);
  if (!listed && !plural) {
    std::string sg = Singular(w);
    if (!t_.count_nouns.count(sg)) return false;
  }
  *unit = Singular(w);
  *end = q;
  return true;
}

Piece Scan::Widen(size_t i) const {
  const NumberMatch& n = numbers_[i];
  Piece p;
  p.num = i;
  p.begin = n.span.begin;
  p.end = n.span.end;
  p.value = n.value;
  p.rule = quantity_rules::kBare;
  if (n.form == NumberForm::kOrdinal || (n.flags & (kNumberYear | kNumberDecade))) {
    p.skip = true;
    return p;
  }
  bool zh_number = IsHanAt(text_, n.span.begin) || IsHanBefore(text_, n.span.end);
  const UnitRow* u_scaled = nullptr;
  size_t pos = n.span.end;
  size_t e = pos;
  if (n.form == NumberForm::kTenths) {
    p.value = n.value * 100;
    p.percent = true;
    p.rule = quantity_rules::kCheng;
  } else if (n.form == NumberForm::kFraction && n.denominator == 100 &&
             n.rule == number_rules::kZhFraction) {
    p.value = n.value * 100;
    p.percent = true;
    p.rule = quantity_rules::kPercentZh;
  } else if (n.form == NumberForm::kMultiplier) {
    p.multiple = true;
    p.rule = quantity_rules::kMultiple;
  } else if (double scale = 0; !(n.flags & kNumberScaled) &&
                                (u_scaled = MoneyScaleBefore(pos, &e, &scale)) != nullptr) {
    // "364m euros": a money scale letter before a currency word.
    p.unit = u_scaled;
    p.value = n.value * scale;
    p.end = static_cast<uint32_t>(e);
    p.rule = quantity_rules::kCurrency;
  } else if (const UnitRow* u = SuffixUnit(pos, &e)) {
    // "361 million pounds" is money; "200 pounds" is a weight.
    if (u->unit == "lb" && (n.flags & kNumberScaled) && t_.gbp != nullptr) u = t_.gbp;
    p.unit = u;
    p.value = n.value * u->scale;
    p.end = static_cast<uint32_t>(e);
    // 一吨半, 两米半: and a half of the unit.
    if (u->match == UnitMatch::kZh && text_.compare(e, t_.half.size(), t_.half) == 0) {
      p.value += 0.5 * u->scale;
      p.end = static_cast<uint32_t>(e + t_.half.size());
    }
    if (u->dimension == "percent") {
      p.percent = true;
      p.rule = quantity_rules::kPercent;
    } else if (u->dimension == "multiple") {
      p.multiple = true;
      p.rule = quantity_rules::kMultiple;
    } else if (u->dimension == "currency") {
      p.rule = quantity_rules::kCurrency;
    } else if (u->dimension == "percentage_point") {
      p.rule = quantity_rules::kPoints;
    } else {
      p.rule = quantity_rules::kUnit;
    }
  } else if (IsDiscount(pos, n.value)) {
    // 75折 = 75%, 九折 = 90%, 2.5折 = 25%: the price paid, in tenths.
    p.value = n.value < 10 ? n.value * 10 : n.value;
    p.percent = true;
    p.end = static_cast<uint32_t>(pos + t_.discount.size());
    p.rule = quantity_rules::kDiscount;
  } else if (n.form == NumberForm::kFraction) {
    p.value = n.value * 100;
    p.percent = true;
    p.rule = quantity_rules::kFraction;
  } else if (!(n.flags & kNumberMaybeYear) &&
             CountAfter(pos, &e, &p.count_unit, zh_number || IsHanAt(text_, pos))) {
    p.end = static_cast<uint32_t>(e);
    p.rule = zh_number || IsHanAt(text_, pos) ? quantity_rules::kCountZh
                                              : quantity_rules::kCountEn;
  }
  // A currency sign or code before the number.
  size_t b = p.begin;
  if (n.form == NumberForm::kCardinal && !p.percent && !p.multiple) {
    if (const UnitRow* pre = PrefixUnit(p.begin, &b)) {
      if (pre->dimension == "percent") {
        // "percent of 10": a percentage written before its number.
        if (p.unit == nullptr && p.count_unit.empty()) {
          p.percent = true;
          p.begin = static_cast<uint32_t>(b);
          p.rule = quantity_rules::kPercent;
        }
      } else if (p.unit == nullptr || (p.unit->dimension == "currency" &&
                                (p.unit->unit == pre->unit || pre->unit == "CNY" ||
                                 p.unit->unit == "CNY"))) {
        p.prefix = pre;
        p.begin = static_cast<uint32_t>(b);
        if (p.unit == nullptr) p.rule = quantity_rules::kCurrency;
        // 人民币300亿元: the sign names the currency, 元 only the unit.
        if (p.unit != nullptr && pre->unit != "CNY") p.unit = nullptr;
        if (p.unit != nullptr && pre->unit == "CNY") p.prefix = nullptr;
        p.count_unit.clear();
      }
    }
  }
  bool bare = p.unit == nullptr && p.prefix == nullptr && !p.percent && !p.multiple &&
              p.count_unit.empty();
  // A bare year-like number is a date's business, not a quantity, unless a
  // range gives it a unit (2000~3000元); see Extract.
  if ((n.flags & kNumberMaybeYear) && bare) p.year_like = true;
  // Digits run into letters: 5G, 3D, 4K are names, not amounts.
  if (bare && p.end < text_.size() && IsAsciiLetter(text_[p.end]) &&
      IsAsciiDigit(text_[p.end - 1])) {
    p.skip = true;
    return p;
  }
  if (n.flags & kNumberMore) p.approx = Approx::kOver;
  Approx a;
  size_t bb;
  if (BoundBefore(p.begin, &bb, &a)) {
    p.begin = static_cast<uint32_t>(bb);
    p.approx = a;
    p.has_before_bound = true;
  }
  p.num_end = p.end;
  size_t ae;
  if (BoundAfter(p.end, &ae, &a)) {
    // 5吨多 / 70%以上 / 500 or more; a bound before wins when both exist.
    if (!p.has_before_bound) p.approx = a;
    p.end = static_cast<uint32_t>(ae);
  }
  return p;
}

bool Scan::IsCompoundGap(uint32_t a_end, uint32_t b_begin) const {
  if (b_begin < a_end) return false;
  std::string_view gap = text_.substr(a_end, b_begin - a_end);
  return gap.empty() || gap == " " || gap == " and ";
}

size_t Scan::JoinMinorUnits(size_t i, const std::vector<std::pair<std::string, double>>& minor,
                            Piece* a) const {
  size_t j = i + 1;
  double last = 1;  // in yuan: each minor unit must be smaller
  while (j < numbers_.size()) {
    const NumberMatch& n = numbers_[j];
    if (n.form != NumberForm::kCardinal || (n.flags & kNumberMore) || n.value < 0 ||
        n.value >= 10 || n.value != std::trunc(n.value) ||
        !IsCompoundGap(a->end, n.span.begin)) {
      break;
    }
    const std::pair<std::string, double>* unit = nullptr;
    for (const auto& m : minor) {
      if (m.second < last && text_.compare(n.span.end, m.first.size(), m.first) == 0) {
        unit = &m;
        break;
      }
    }
    if (unit == nullptr) break;
    size_t longer = 0;  // 5分钟 is five minutes
    if (SuffixUnit(n.span.end, &longer) != nullptr &&
        longer > n.span.end + unit->first.size()) {
      break;
    }
    a->value += n.value * unit->second;
    a->end = static_cast<uint32_t>(n.span.end + unit->first.size());
    last = unit->second;
    ++j;
  }
  if (j > i + 1) a->value = std::round(a->value * 1e6) / 1e6;  // 50.63, not 50.629999…
  return j - i;
}

uint32_t Scan::RangeOpener(uint32_t begin) const {
  std::vector<std::pair<size_t, std::string>> words;
  WordsBefore(begin, 1, &words);
  if (!words.empty() && t_.en_between.count(words[0].second)) {
    return static_cast<uint32_t>(words[0].first);
  }
  for (const std::string& w : t_.zh_between) {
    if (begin >= w.size() && text_.compare(begin - w.size(), w.size(), w) == 0) {
      return static_cast<uint32_t>(begin - w.size());
    }
  }
  return begin;
}

int Scan::Join(const Piece& a, const Piece& b) const {
  std::string_view s = text_;
  size_t p = a.num_end;
  size_t q = b.begin;
  if (q <= p || q - p > 12) return 0;
  std::string_view mid = s.substr(p, q - p);
  // Trim spaces.
  while (!mid.empty() && mid.front() == ' ') mid.remove_prefix(1);
  while (!mid.empty() && mid.back() == ' ') mid.remove_suffix(1);
  std::string m(mid);
  std::string lower;
  for (char c : m) lower += Lower(c);
  bool between = false, from = false;
  std::vector<std::pair<size_t, std::string>> words;
  WordsBefore(a.begin, 1, &words);
  if (!words.empty()) {
    between = t_.en_between.count(words[0].second) > 0;
    from = t_.en_from.count(words[0].second) > 0;
  }
  // Chinese words right before the first number.
  for (const auto* set : {&t_.zh_between, &t_.zh_from}) {
    for (const std::string& w : *set) {
      if (a.begin >= w.size() && s.compare(a.begin - w.size(), w.size(), w) == 0) {
        (set == &t_.zh_between ? between : from) = true;
      }
    }
  }
  bool to = t_.en_range_to.count(lower) || t_.zh_range_to.count(m);
  bool and_word = t_.en_and.count(lower) || t_.zh_and.count(m);
  if (and_word && between) return 1;
  if (!to) return 0;
  // "-" between numbers with no space is a range even after "from".
  return from ? 2 : 1;
}

// Dimension and unit of a piece, for comparing two ends of a range.
std::string PieceUnit(const Piece& p) {
  if (p.percent) return "percent";
  if (p.multiple) return "times";
  if (p.unit) return p.unit->unit;
  if (p.prefix) return p.prefix->unit;
  return p.count_unit;
}

bool HasUnit(const Piece& p) { return !PieceUnit(p).empty(); }

// Copies the unit of `from` onto a bare piece (7-9%: 7 becomes 7%).
void InheritUnit(const Piece& from, Piece* to) {
  to->percent = from.percent;
  to->multiple = from.multiple;
  to->count_unit = from.count_unit;
  if (from.unit) {
    to->unit = from.unit;
    to->value *= from.unit->scale;
  } else if (from.prefix) {
    to->prefix = from.prefix;
  }
  to->rule = from.rule;
}

// Scale of a number written "5 billion" / "7万": the value over the value
// of its leading digits, or 1.
double ScaleOf(std::string_view text, const NumberMatch& n) {
  if (!(n.flags & kNumberScaled) || n.span.begin >= text.size() ||
      !IsAsciiDigit(text[n.span.begin])) {
    return 1;
  }
  ArabicLex lex = LexArabicNumber(text, n.span.begin);
  double digits;
  if (lex.status != NumeralStatus::kOk || lex.value.ToDouble(&digits) != NumeralStatus::kOk ||
      digits == 0) {
    return 1;
  }
  double scale = n.value / digits;
  return scale >= 10 ? scale : 1;
}

void Fill(const Piece& p, Quantity* q) {
  q->span = {p.begin, p.end};
  q->value = p.value;
  q->approx = p.approx;
  q->rule = p.rule;
  if (p.percent) {
    q->unit = "percent";
    q->dimension = "percent";
    q->base_unit = "percent";
  } else if (p.multiple) {
    q->unit = "times";
    q->dimension = "multiple";
    q->base_unit = "times";
  } else if (p.unit) {
    q->unit = p.unit->unit;
    q->dimension = p.unit->dimension;
    q->base_unit = p.unit->base_unit;
    q->to_base = p.unit->to_base;
  } else if (p.prefix) {
    q->unit = p.prefix->unit;
    q->dimension = "currency";
    q->base_unit = p.prefix->base_unit;
  } else if (!p.count_unit.empty()) {
    q->unit = p.count_unit;
    q->dimension = "count";
    q->base_unit = p.count_unit;
  } else {
    q->dimension = "number";
  }
  switch (p.approx) {
    case Approx::kExact:
    case Approx::kAbout:
      q->lower = q->upper = p.value;
      break;
    case Approx::kOver:
    case Approx::kAtLeast:
      q->lower = p.value;
      break;
    case Approx::kUnder:
    case Approx::kAtMost:
      q->upper = p.value;
      break;
    case Approx::kRange:
      break;
  }
}

bool Overlaps(Span s, const std::vector<Span>& taken) {
  auto it = std::partition_point(taken.begin(), taken.end(),
                                 [&](Span t) { return t.end <= s.begin; });
  return it != taken.end() && it->begin < s.end;
}

}  // namespace

void QuantityExtractor::Extract(std::string_view text, const std::vector<NumberMatch>& numbers,
                                const std::vector<Span>& taken,
                                std::vector<Quantity>* out) const {
  Scan scan(*t_, text, numbers);
  uint32_t last_end = 0;
  size_t i = 0;
  // The lookahead piece of the previous step, reused when its number
  // comes up (each number is widened once).
  Piece next;
  size_t next_i = SIZE_MAX;
  auto widen = [&](size_t k) {
    if (k == next_i) return next;
    next = scan.Widen(k);
    next_i = k;
    return next;
  };
  while (i < numbers.size()) {
    if (Overlaps(numbers[i].span, taken)) {
      ++i;
      continue;
    }
    Piece a = widen(i);
    if (a.skip) {
      ++i;
      continue;
    }
    // A range or a change: the next number after a range word.
    if (i + 1 < numbers.size() && !Overlaps(numbers[i + 1].span, taken)) {
      Piece b = widen(i + 1);
      int join = b.skip ? 0 : scan.Join(a, b);
      if (join != 0) {
        bool a_unit = HasUnit(a), b_unit = HasUnit(b);
        // $5-7 billion, 3-5万元: the first end takes the scale of the second.
        double scale = ScaleOf(text, numbers[i + 1]);
        if (!(numbers[i].flags & kNumberScaled) && a.unit == nullptr && scale > 1 &&
            a.value * scale <= b.value) {
          a.value *= scale;
        }
        if (!a_unit && b_unit && !b.has_before_bound && !(a.year_like && a.value >= b.value)) {
          InheritUnit(b, &a);
          a.year_like = false;
        } else if (a_unit && !b_unit && a.prefix && !a.unit) {
          InheritUnit(a, &b);
        }
        if (join == 1 && PieceUnit(a) == PieceUnit(b) && HasUnit(a) && a.value < b.value &&
            !b.has_before_bound && a.approx == Approx::kExact) {
          Quantity q;
          Fill(b, &q);
          q.span = {std::min(a.begin, scan.RangeOpener(a.begin)), b.end};
          q.value = kOpenBound;
          q.lower = a.value;
          q.upper = b.value;
          q.approx = Approx::kRange;
          q.rule = quantity_rules::kRange;
          if (q.span.begin >= last_end) {
            out->push_back(std::move(q));
            last_end = out->back().span.end;
          }
          i += 2;
          continue;
        }
      }
    }
    if (a.year_like) {
      ++i;
      continue;
    }
    // "3 dollars 50 cents", "50元6角": a major unit and its minor unit.
    if (a.unit != nullptr && a.unit->dimension == "currency" && i + 1 < numbers.size()) {
      Piece b = widen(i + 1);
      if (!b.skip && b.unit != nullptr && b.unit->base_unit == a.unit->unit &&
          b.unit->unit != a.unit->unit && scan.IsCompoundGap(a.end, b.begin)) {
        a.value += b.value * b.unit->to_base;
        a.end = b.end;
        Quantity q;
        Fill(a, &q);
        if (q.span.begin >= last_end) {
          out->push_back(std::move(q));
          last_end = out->back().span.end;
        }
        i += 2;
        continue;
      }
    }
    // 50元6角3分: yuan, then 角 and 分 amounts, each smaller than the last.
    size_t used = 1;
    if (a.unit != nullptr && a.unit->unit == "CNY" && !t_->cny_minor.empty()) {
      used = scan.JoinMinorUnits(i, t_->cny_minor, &a);
    }
    Quantity q;
    Fill(a, &q);
    if (q.span.begin < last_end) q.span.begin = numbers[i].span.begin;
    if (q.span.begin >= last_end) {
      out->push_back(std::move(q));
      last_end = out->back().span.end;
    }
    i += used;
  }
}

namespace {

bool MentionDimension(std::string_view d) {
  return d == "currency" || d == "mass" || d == "length" || d == "area" || d == "volume" ||
         d == "speed" || d == "information";
}

}  // namespace

void QuantityExtractor::ExtractUnitMentions(std::string_view text,
                                            const std::vector<Quantity>& amounts,
                                            std::vector<Quantity>* out) const {
  const Tables& t = *t_;
  size_t next_amount = 0;
  auto free_span = [&](size_t b, size_t e) {
    while (next_amount < amounts.size() && amounts[next_amount].span.end <= b) ++next_amount;
    return next_amount >= amounts.size() || amounts[next_amount].span.begin >= e;
  };
  auto emit = [&](const UnitRow& u, size_t b, size_t e) {
    Quantity q;
    q.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    q.unit = u.unit;
    q.dimension = u.dimension;
    q.base_unit = u.base_unit;
    q.to_base = u.to_base;
    q.rule = quantity_rules::kUnitMention;
    out->push_back(std::move(q));
  };
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsAsciiLetter(static_cast<char>(c))) {
      size_t word_end = i;
      while (word_end < text.size() && IsAsciiLetter(text[word_end])) ++word_end;
      if (i > 0 && (IsAsciiAlnum(text[i - 1]) || text[i - 1] == '-')) {
        i = word_end;
        continue;
      }
      // The longest phrase of up to en_max_words words that is a unit.
      std::string phrase;
      const UnitRow* best = nullptr;
      size_t best_end = 0;
      size_t p = i;
      for (size_t n = 0; n < t.en_max_words && p < text.size(); ++n) {
        size_t q = p;
        while (q < text.size() && IsAsciiLetter(text[q])) ++q;
        if (q == p) break;
        if (n > 0) phrase += ' ';
        for (size_t k = p; k < q; ++k) phrase += Lower(text[k]);
        if (q < text.size() && (IsAsciiDigit(text[q]) || text[q] == '-')) break;
        auto it = t.en_words.find(phrase);
        if (it != t.en_words.end()) {
          best = &t.units[it->second];
          best_end = q;
        }
        if (q >= text.size() || text[q] != ' ') break;
        p = q + 1;
      }
      // A currency code read as a word ("gel" of silica gel is not GEL)
      // must be written as the code.
      if (best != nullptr && best->dimension == "currency" &&
          text.substr(i, best_end - i) != best->unit &&
          best->surface.size() == best->unit.size() &&
          std::equal(best->surface.begin(), best->surface.end(), best->unit.begin(),
                     [](char a, char b) { return a == Lower(b); })) {
        best = nullptr;
      }
      if (best != nullptr && best->match == UnitMatch::kWord && best->scale == 1 &&
          best->surface.size() >= 3 && MentionDimension(best->dimension) &&
          free_span(i, best_end)) {
        emit(*best, i, best_end);
        i = best_end;
      } else {
        i = word_end;
      }
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    const char32_t cp = DecodeUtf8(text, i, &len);
    if (t.zh_unit_first.Has(cp)) {
      for (size_t l : t.zh_unit_lens) {
        if (l > text.size() - i) continue;
        auto it = t.zh_units.find(text.substr(i, l));
        if (it == t.zh_units.end()) continue;
        const UnitRow& u = t.units[it->second];
        size_t chars = 0;
        for (size_t k = 0; k < l; ++k) chars += (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80;
        if (chars >= 2 && u.scale == 1 && MentionDimension(u.dimension) && free_span(i, i + l)) {
          emit(u, i, i + l);
          len = l;
        }
        break;
      }
    }
    i += len > 0 ? len : 1;
  }
}

}  // namespace factmine
