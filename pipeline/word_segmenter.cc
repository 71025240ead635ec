// Chinese word segmentation (see word_segmenter.h).
//
// One Segment call is one Run over the code points of the text:
//   Decode     classify every code point (Han, digit, letter, space,
//              punctuation) and look up its lexicon flags;
//   Dictionary the dictionary words at every Han position, right to left,
//              so that the particle rule can ask whether the rest of an
//              entry (他的 → 他) is itself a word;
//   Search     the Viterbi: the cheapest way through dictionary, lexicon,
//              number and date candidates;
//   Merge      names, transliterations, suffixes and unknown pairs among
//              the lone characters the search left.
#include "pipeline/word_segmenter.h"

#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/ucharstriebuilder.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <map>

#include "pipeline/cjk_dictionary.h"
#include "pipeline/lang.h"
#include "pipeline/tsv.h"

namespace factmine {

namespace {

constexpr int kMax = WordSegmenter::kMaxWordChars;
static_assert(kMax == CjkDictionary::kMaxWordChars);
constexpr int64_t kInf = INT64_MAX / 4;
// Cost of the one-character step every position has, so that the search
// always reaches the end; the rules always offer something cheaper.
constexpr int32_t kFallbackCost = 100000;
// Longer texts are segmented in pieces of about this many bytes, cut after
// white space or sentence punctuation, so that memory stays bounded.
constexpr uint32_t kPieceBytes = 1 << 16;

// Character class of one position.
enum Cls : uint8_t { kHan, kDigit, kLetter, kSpace, kPunct };

// Flags of a BMP character, from the lexicon data.
enum : uint16_t {
  kFNumeral = 1 << 0,         // Chinese numeral (zh_digits.tsv, scales.tsv)
  kFScale = 1 << 1,           // 十 百 千 万 亿 …
  kFSurname = 1 << 2,         // one-character family name
  kFTranslit = 1 << 3,        // character of transliterated names
  kFNotGiven = 1 << 4,        // function word
  kFSuffix = 1 << 5,          // productive suffix
  kFParticleAfter = 1 << 6,   // particle at the end of an entry
  kFParticleBefore = 1 << 7,  // particle at the start of an entry
  kFApprox = 1 << 8,          // 多 余 来 几 after a number
  kFOrdinal = 1 << 9,         // 第
  kFPlace = 1 << 10,          // a place-name suffix: 市 县 村 寺 路
};

// What a search edge makes. kSkip (white space) makes no word; kLexicon
// words are never merged with others.
enum Edge : uint8_t { kEdgeWord, kEdgeLexicon, kEdgeNumber, kEdgeLatin, kEdgePunct, kEdgeSkip };

Cls Classify(char32_t c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return kDigit;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return kLetter;
    if (c == ' ' || (c >= '\t' && c <= '\r')) return kSpace;
    return kPunct;
  }
  if (IsHan(c) || (c >= 0x3041 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) {
    return kHan;  // and kana: the dictionary has Japanese too
  }
  const auto u = static_cast<UChar32>(c);
  if (u_isdigit(u)) return kDigit;  // full-width ０-９ and other digits
  if (u_isUWhiteSpace(u)) return kSpace;
  if (u_isalpha(u)) return kLetter;  // full-width, accented, Greek, Hangul …
  return kPunct;
}

// Separators inside a digit number: 1,234.5 / 10:30 / １２．５.
bool IsDigitSeparator(char32_t c) { return c == '.' || c == ',' || c == ':' || c == 0xFF0E; }

// Range marks between two numbers: 0.7-0.8米, 2000至3000万吨 (and 到
// between digits: 5到6年).
bool IsRangeMark(char32_t c) {
  return c == '-' || c == 0xFF0D || c == '~' || c == 0xFF5E || c == 0x2013 || c == U'至';
}

std::u16string ToU16(std::u32string_view s) {
  std::u16string out;
  for (char32_t c : s) {
    if (c <= 0xFFFF) {
      out.push_back(static_cast<char16_t>(c));
    } else {
      out.push_back(static_cast<char16_t>(U16_LEAD(c)));
      out.push_back(static_cast<char16_t>(U16_TRAIL(c)));
    }
  }
  return out;
}

// Decodes UTF-8; false on invalid bytes.
bool DecodeUtf8(std::string_view s, std::u32string* out) {
  out->clear();
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
    out->push_back(static_cast<char32_t>(c));
  }
  return true;
}

bool HasSpace(std::u32string_view s) {
  return std::any_of(s.begin(), s.end(), [](char32_t c) { return Classify(c) == kSpace; });
}

// A small set of strings with int values (lexicon words, measure words …),
// as an ICU UCharsTrie.
class WordTrie {
 public:
  // Adds `w` (non-empty) or lowers its value. Takes effect at Build().
  void Add(std::u32string_view w, int32_t value) {
    auto [it, fresh] = words_.emplace(ToU16(w), value);
    if (!fresh) it->second = std::min(it->second, value);
    first_[w[0] < 0x10000 ? w[0] : 0] |= w.size() == 1 ? kFirstAlone : kFirstLonger;
    if (w.size() >= 2) {
      const uint32_t h = PairHash(w[0], w[1]);
      pairs_[h >> 6] |= uint64_t{1} << (h & 63);
    }
  }
  size_t size() const { return words_.size(); }
  // False when no word starts with c (a quick test before a lookup).
  bool MayStart(char32_t c) const { return first_[c < 0x10000 ? c : 0] != 0; }

  Status Build() {
    buf_.clear();
    if (words_.empty()) return Status::Ok();
    UErrorCode st = U_ZERO_ERROR;
    icu::UCharsTrieBuilder b(st);
    for (const auto& [w, v] : words_) {
      b.add(icu::UnicodeString(w.data(), static_cast<int32_t>(w.size())), v, st);
    }
    icu::UnicodeString alias;  // aliases the builder's memory: copy it
    b.buildUnicodeString(USTRINGTRIE_BUILD_SMALL, alias, st);
    if (U_FAILURE(st)) return Status::Internal(std::string("UCharsTrieBuilder: ") + u_errorName(st));
    buf_.assign(alias.getBuffer(), alias.getBuffer() + alias.length());
    return Status::Ok();
  }

  // Calls f(length, value) for every word that is a prefix of s[0, n),
  // shortest first.
  template <typename F>
  void ForEachPrefix(const char32_t* s, int n, F&& f) const {
    if (n <= 0 || buf_.empty()) return;
    const uint8_t first = first_[s[0] < 0x10000 ? s[0] : 0];
    if (first == 0) return;
    if (!(first & kFirstAlone)) {  // only longer words: test the first two
      if (n < 2) return;
      const uint32_t h = PairHash(s[0], s[1]);
      if (!((pairs_[h >> 6] >> (h & 63)) & 1u)) return;
    }
    icu::UCharsTrie t(buf_.data());
    for (int j = 0; j < n; ++j) {
      const auto c = static_cast<UChar32>(s[j]);
      const UStringTrieResult r = j == 0 ? t.firstForCodePoint(c) : t.nextForCodePoint(c);
      if (r == USTRINGTRIE_NO_MATCH) return;
      if (USTRINGTRIE_HAS_VALUE(r)) f(j + 1, t.getValue());
      if (r == USTRINGTRIE_FINAL_VALUE) return;
    }
  }
  // Length of the longest word that is a prefix of s[0, n), 0 if none.
  int Longest(const char32_t* s, int n, int32_t* value = nullptr) const {
    int best = 0;
    ForEachPrefix(s, n, [&](int len, int32_t v) {
      best = len;
      if (value != nullptr) *value = v;
    });
    return best;
  }
  // True when s[0, n) is a word.
  bool Has(const char32_t* s, int n) const {
    bool found = false;
    ForEachPrefix(s, n, [&](int len, int32_t) { found = len == n; });
    return found;
  }

 private:
  static constexpr uint8_t kFirstAlone = 1;   // c is a word of its own
  static constexpr uint8_t kFirstLonger = 2;  // a longer word starts with c
  // Bit of the pair filter for a word's first two characters.
  static uint32_t PairHash(char32_t a, char32_t b) {
    return ((static_cast<uint32_t>(a) * 0x9E3779B1u) ^ (static_cast<uint32_t>(b) * 0x85EBCA6Bu)) >>
           (32 - kPairBits);
  }
  static constexpr int kPairBits = 18;

  std::map<std::u16string, int32_t> words_;
  std::u16string buf_;  // the serialized trie
  // first_[c]: kFirstAlone | kFirstLonger for the words that start with BMP
  // character c ([0]: with any other character).
  std::vector<uint8_t> first_ = std::vector<uint8_t>(0x10000, 0);
  // A Bloom filter (one hash) of the first two characters of the longer
  // words: most positions whose first character starts some word (中, 美)
  // fail it, and skip the trie.
  std::vector<uint64_t> pairs_ = std::vector<uint64_t>((size_t{1} << kPairBits) / 64, 0);
};

}  // namespace

struct WordSegmenter::Tables {
  Options opt;
  std::unique_ptr<CjkDictionary> dict;
  std::vector<uint16_t> flags = std::vector<uint16_t>(0x10000, 0);
  WordTrie lexicon;         // words that stay whole
  WordTrie measures;        // measure words and units
  WordTrie date_units;      // value = rank (0 year … 5 second)
  WordTrie date_prefixes;   // 今年, 上午
  WordTrie date_parts;      // 初, 底, 上旬
  WordTrie surnames2;       // two-character family names
  WordTrie particle_words;  // exempt from the particle cost

  // Classify() of every BMP character, computed once.
  std::vector<uint8_t> cls = std::vector<uint8_t>(0x10000, 0);

  uint16_t Flags(char32_t c) const { return c < 0x10000 ? flags[c] : 0; }
  uint8_t Class(char32_t c) const { return c < 0x10000 ? cls[c] : static_cast<uint8_t>(Classify(c)); }
};

struct WordSegmenter::Workspace::Buffers {
  std::vector<char32_t> cp;
  std::vector<uint32_t> off;  // byte offset of each position, and of the end
  std::vector<uint8_t> cls;
  std::vector<uint16_t> fl;
  // Dictionary words at Han position i: match[mbegin[i], mbegin[i] + mcount[i]).
  struct Match {
    uint16_t len;  // (no char types here: see edge below)
    int32_t cost;
  };
  std::vector<Match> match;
  std::vector<uint32_t> mbegin;
  std::vector<uint16_t> mcount;
  std::vector<uint32_t> mask;  // bit L: a dictionary word of length L starts at i
  // Search: cheapest cost to reach position j, where from, with what edge.
  std::vector<int64_t> best;
  std::vector<int32_t> prev;
  std::vector<Edge> edge;  // not uint8_t: stores through a char type alias everything
  struct Tok {
    uint32_t b, e;  // positions
    Edge edge;
  };
  std::vector<Tok> toks;
  std::vector<Tok> merged;
};

WordSegmenter::Workspace::Workspace() : b_(std::make_unique<Buffers>()) {}
WordSegmenter::Workspace::~Workspace() = default;

WordSegmenter::WordSegmenter() : t_(std::make_unique<Tables>()) {}
WordSegmenter::~WordSegmenter() = default;

std::unique_ptr<WordSegmenter::Workspace> WordSegmenter::NewWorkspace() const {
  return std::unique_ptr<Workspace>(new Workspace());
}

// ---------------------------------------------------------------- loading

namespace {

// zh_segment.tsv into flags and word lists.
Status LoadSegmentRules(const std::string& dir, std::vector<uint16_t>* flags, WordTrie* measures,
                        WordTrie* date_units, WordTrie* date_prefixes, WordTrie* date_parts,
                        WordTrie* surnames2, WordTrie* particle_words) {
  auto table = TsvTable::Load(dir + "/zh_segment.tsv", {"text", "kind", "value"});
  if (!table.ok()) return table.status();
  static const std::map<std::string, uint16_t> kCharKinds = {
      {"num_approx", kFApprox},          {"ordinal", kFOrdinal},
      {"particle_after", kFParticleAfter}, {"particle_before", kFParticleBefore},
      {"not_given", kFNotGiven},         {"translit", kFTranslit},
      {"suffix", kFSuffix},             {"place_suffix", kFPlace},
  };
  const std::map<std::string, WordTrie*> word_kinds = {
      {"measure", measures},     {"date_prefix", date_prefixes},
      {"date_part", date_parts}, {"particle_word", particle_words},
  };
  std::u32string text;
  for (const auto& row : table->rows()) {
    const std::string& kind = table->Get(row, "kind");
    if (!DecodeUtf8(table->Get(row, "text"), &text) || text.empty()) {
      return table->ErrorAt(row, "text must be non-empty UTF-8");
    }
    if (HasSpace(text)) return table->ErrorAt(row, "text may not hold white space");
    if (static_cast<int>(text.size()) > kMax) return table->ErrorAt(row, "text is too long");
    const bool one_bmp = text.size() == 1 && text[0] < 0x10000;
    if (auto it = kCharKinds.find(kind); it != kCharKinds.end()) {
      if (!one_bmp) return table->ErrorAt(row, "kind " + kind + " takes one character");
      (*flags)[text[0]] |= it->second;
    } else if (auto w = word_kinds.find(kind); w != word_kinds.end()) {
      w->second->Add(text, 0);
    } else if (kind == "date_unit") {
      const std::string& v = table->Get(row, "value");
      if (v.size() != 1 || v[0] < '0' || v[0] > '5') {
        return table->ErrorAt(row, "the value of a date_unit is its rank, 0-5");
      }
      date_units->Add(text, v[0] - '0');
    } else if (kind == "surname") {
      if (one_bmp) {
        (*flags)[text[0]] |= kFSurname;
      } else if (text.size() == 2) {
        surnames2->Add(text, 0);
      } else {
        return table->ErrorAt(row, "a surname has one or two characters");
      }
    } else {
      return table->ErrorAt(row, "unknown kind '" + kind + "'");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<WordSegmenter>> WordSegmenter::Load(const std::string& lexicon_dir,
                                                           const Options& options) {
  std::unique_ptr<WordSegmenter> seg(new WordSegmenter());
  Tables& t = *seg->t_;
  t.opt = options;
  auto dict = CjkDictionary::Open(lexicon_dir);
  if (!dict.ok()) return dict.status();
  t.dict = std::move(dict).value();
  for (char32_t c = 0; c < 0x10000; ++c) t.cls[c] = Classify(c);

  std::u32string a;
  auto digits = TsvTable::Load(lexicon_dir + "/zh_digits.tsv", {"char"});
  if (!digits.ok()) return digits.status();
  for (const auto& row : digits->rows()) {
    if (!DecodeUtf8(digits->Get(row, "char"), &a) || a.size() != 1 || a[0] > 0xFFFF) {
      return digits->ErrorAt(row, "expected one BMP character");
    }
    t.flags[a[0]] |= kFNumeral;
  }
  auto scales = TsvTable::Load(lexicon_dir + "/scales.tsv", {"surface", "lang"});
  if (!scales.ok()) return scales.status();
  for (const auto& row : scales->rows()) {
    if (scales->Get(row, "lang") != "zh") continue;
    if (!DecodeUtf8(scales->Get(row, "surface"), &a)) return scales->ErrorAt(row, "bad UTF-8");
    if (a.size() == 1 && a[0] < 0x10000) t.flags[a[0]] |= kFNumeral | kFScale;
  }

  Status s = LoadSegmentRules(lexicon_dir, &t.flags, &t.measures, &t.date_units, &t.date_prefixes,
                              &t.date_parts, &t.surnames2, &t.particle_words);
  if (!s.ok()) return s;
  for (WordTrie* w : {&t.measures, &t.date_units, &t.date_prefixes, &t.date_parts, &t.surnames2,
                      &t.particle_words}) {
    s = w->Build();
    if (!s.ok()) return s;
  }

  auto terms = TsvTable::Load(lexicon_dir + "/zh_terms.tsv", {"term"});
  if (!terms.ok()) return terms.status();
  std::vector<std::string> words;
  for (const auto& row : terms->rows()) {
    const std::string& w = terms->Get(row, "term");
    if (!DecodeUtf8(w, &a) || a.empty()) return terms->ErrorAt(row, "term must be non-empty UTF-8");
    if (HasSpace(a)) return terms->ErrorAt(row, "a term may not hold white space");
    if (static_cast<int>(a.size()) > kMax) {
      return terms->ErrorAt(row, "a term has at most " + std::to_string(kMax) + " characters");
    }
    words.push_back(w);
  }
  s = seg->AddWords(words);
  if (!s.ok()) return s;
  return seg;
}

Status WordSegmenter::AddWords(const std::vector<std::string>& words, size_t* skipped) {
  std::vector<std::u32string> decoded;
  decoded.reserve(words.size());
  size_t skip = 0;
  std::u32string w;
  for (const std::string& word : words) {
    if (!DecodeUtf8(word, &w)) return Status::InvalidInput("word is not valid UTF-8: " + word);
    if (w.empty() || HasSpace(w) || static_cast<int>(w.size()) > kMax) {
      ++skip;
      continue;
    }
    decoded.push_back(w);
  }
  for (const auto& d : decoded) t_->lexicon.Add(d, t_->opt.lexicon_cost);
  if (skipped != nullptr) *skipped = skip;
  return t_->lexicon.Build();
}

size_t WordSegmenter::lexicon_size() const { return t_->lexicon.size(); }

bool WordSegmenter::InLexicon(std::string_view word) const {
  std::u32string w;
  return DecodeUtf8(word, &w) && !w.empty() &&
         t_->lexicon.Has(w.data(), static_cast<int>(w.size()));
}

// ---------------------------------------------------------------- one run

class WordSegmenter::Run {
 public:
  Run(const Tables& t, Workspace::Buffers& b) : t_(t), b_(b) {}

  void Segment(std::string_view text, Span span, std::vector<Word>* out) {
    Decode(text.substr(span.begin, span.size()));
    if (n_ == 0) return;
    Dictionary();
    Search();
    Merge();
    for (const auto& tk : b_.merged) {
      Word w;
      w.span = {span.begin + b_.off[tk.b], span.begin + b_.off[tk.e]};
      switch (tk.edge) {
        case kEdgeNumber: w.kind = WordKind::kNumber; break;
        case kEdgeLatin: w.kind = WordKind::kLatin; break;
        case kEdgePunct: w.kind = WordKind::kPunct; break;
        default: w.kind = WordKind::kWord; break;
      }
      out->push_back(w);
    }
  }

 private:
  using Tok = Workspace::Buffers::Tok;

  bool Han(int i) const { return i >= 0 && i < n_ && b_.cls[i] == kHan; }
  bool Has(int i, uint16_t flag) const { return Han(i) && (b_.fl[i] & flag); }
  bool Numeral(int i) const { return Has(i, kFNumeral); }

  void Decode(std::string_view piece) {
    const auto len = static_cast<int32_t>(piece.size());
    b_.cp.resize(piece.size());
    b_.off.resize(piece.size() + 1);
    b_.cls.resize(piece.size());
    b_.fl.resize(piece.size());
    const auto* p = reinterpret_cast<const uint8_t*>(piece.data());
    // Raw pointers: stores through uint8_t may alias anything, and would
    // make the compiler reload every vector's data pointer.
    char32_t* const cp = b_.cp.data();
    uint32_t* const off = b_.off.data();
    uint8_t* const cls = b_.cls.data();
    uint16_t* const fl = b_.fl.data();
    const uint8_t* const cls_table = t_.cls.data();
    const uint16_t* const flag_table = t_.flags.data();
    bool any_circle = false;
    int n = 0;
    for (int32_t i = 0; i < len; ++n) {
      off[n] = static_cast<uint32_t>(i);
      UChar32 c;
      const uint8_t lead = p[i];
      if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && i + 2 < len &&
          (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
        // Three bytes, U+1000..U+FFFF without the surrogates (every CJK
        // character): valid whatever the continuation bytes are.
        c = (lead & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
        i += 3;
      } else if (lead < 0x80) {
        c = lead;
        ++i;
      } else {
        U8_NEXT(p, i, len, c);
      }
      if (c < 0) {  // an invalid sequence: a symbol of its own
        cp[n] = 0xFFFD;
        cls[n] = kPunct;
        fl[n] = 0;
        continue;
      }
      cp[n] = static_cast<char32_t>(c);
      if (c < 0x10000) {
        cls[n] = cls_table[c];
        fl[n] = flag_table[c];
        any_circle |= c == 0x25CB;
      } else {
        cls[n] = static_cast<uint8_t>(Classify(static_cast<char32_t>(c)));
        fl[n] = 0;
      }
    }
    off[n] = static_cast<uint32_t>(len);
    n_ = n;
    if (!any_circle) return;
    // ○ (U+25CB) typed for 〇 inside a Chinese numeral (二○○一年).
    for (int i = 0; i < n_; ++i) {
      if (b_.cp[i] != 0x25CB) continue;
      int lo = i, hi = i + 1;
      while (lo > 0 && (b_.cp[lo - 1] == 0x25CB || Numeral(lo - 1))) --lo;
      while (hi < n_ && (b_.cp[hi] == 0x25CB || Numeral(hi))) ++hi;
      for (int x = lo; x < hi; ++x) {
        if (b_.cp[x] != 0x25CB) {
          b_.cls[i] = kHan;
          b_.fl[i] |= kFNumeral;
          break;
        }
      }
    }
  }

  // The dictionary words at every Han position, with the particle cost.
  void Dictionary() {
    b_.mbegin.assign(n_ + 1, 0);
    b_.mcount.assign(n_ + 1, 0);
    b_.mask.assign(n_ + 2, 0);
    b_.match.clear();
    CjkDictionary::Matches m;
    int run_end = n_;  // end of the Han run holding i
    for (int i = n_ - 1; i >= 0; --i) {
      if (b_.cls[i] != kHan) {
        run_end = i;
        continue;
      }
      m.Clear();
      t_.dict->Lookup(&b_.cp[i], std::min(run_end - i, kMax), &m);
      b_.mbegin[i] = static_cast<uint32_t>(b_.match.size());
      for (uint32_t rest = m.mask; rest != 0; rest &= rest - 1) {
        const int len = __builtin_ctz(rest);
        int32_t cost = m.cost[len];
        // A word plus a particle (他的, 很大) costs more, so that the particle
        // stands alone unless the whole is much more frequent. Not when the
        // particle is another character in the dictionary's spelling: 卓着
        // is its 卓著 (著 folded to 着), not 卓 plus 着.
        if (len >= 2 &&
            (((b_.fl[i + len - 1] & kFParticleAfter) && m.Has(len - 1) && !m.LastVariant(len)) ||
             ((b_.fl[i] & kFParticleBefore) && ((b_.mask[i + 1] >> (len - 1)) & 1u))) &&
            !t_.particle_words.Has(&b_.cp[i], len)) {
          cost += t_.opt.particle_penalty;
        }
        b_.match.push_back({static_cast<uint16_t>(len), cost});
      }
      b_.mask[i] = m.mask;
      b_.mcount[i] = static_cast<uint16_t>(b_.match.size() - b_.mbegin[i]);
    }
  }

  void Relax(int i, int j, int32_t cost, Edge edge) {
    const int64_t v = b_.best[i] + cost;
    if (v < b_.best[j]) {
      b_.best[j] = v;
      b_.prev[j] = i;
      b_.edge[j] = edge;
    }
  }

  // A lexicon word may not start or end inside a run of digits or letters.
  bool Boundary(int i) const {
    return i == 0 || i == n_ || b_.cls[i] == kHan || b_.cls[i - 1] == kHan ||
           b_.cls[i] != b_.cls[i - 1];
  }

  // End of the number at i: digits with separators (1,234.5), or Chinese
  // numerals with 几 (十几), 点 decimals and 分之 fractions; -1 if none.
  int NumberEnd(int i) const {
    if (i >= n_) return -1;
    int j = i;
    if (b_.cls[i] == kDigit) {
      while (j < n_ && b_.cls[j] == kDigit) ++j;
      while (j + 1 < n_ && IsDigitSeparator(b_.cp[j]) && b_.cls[j + 1] == kDigit) {
        for (++j; j < n_ && b_.cls[j] == kDigit; ++j) {
        }
      }
      return j;
    }
    bool any = false;
    while (j < n_) {
      const char32_t c = b_.cp[j];
      if (Numeral(j)) {
        any = true;
        ++j;
      } else if (c == U'几' && (Numeral(j + 1) || (j > i && Numeral(j - 1)))) {
        ++j;
      } else if (any && c == U'点' && Numeral(j + 1) && !Has(j + 1, kFScale)) {
        ++j;
      } else if (any && c == U'分' && j + 2 < n_ && b_.cp[j + 1] == U'之' && Numeral(j + 2)) {
        j += 2;
      } else {
        break;
      }
    }
    return any ? j : -1;
  }

  bool Alnum(int i) const { return i < n_ && (b_.cls[i] == kLetter || b_.cls[i] == kDigit); }

  // End of the Latin word at i: letters and digits (GDP, G20, 5G, 3.5GHz),
  // joined by one ' - & or . between two of them (don't, e-mail, AT&T,
  // U.S); an initialism takes its final period (U.S., e.g.).
  int LatinEnd(int i) const {
    int j = i;
    bool initialism = true;  // every period so far follows a single letter
    while (true) {
      const int start = j;
      while (Alnum(j)) ++j;
      if (j - start != 1 || b_.cls[start] != kLetter) initialism = false;
      const char32_t c = j < n_ ? b_.cp[j] : 0;
      if (!(c == '\'' || c == 0x2019 || c == '-' || c == '&' || c == '.') || !Alnum(j + 1)) {
        if (c == '.' && initialism && j - i >= 3 && b_.cp[j - 2] == '.') ++j;  // U.S.
        return j;
      }
      if (c != '.') initialism = false;
      ++j;
    }
  }

  // Length of the longest word of `w` at position p, 0 if none.
  int WordAt(const WordTrie& w, int p, int max_len, int32_t* value = nullptr) const {
    if (p >= n_ || !w.MayStart(b_.cp[p])) return 0;
    return w.Longest(&b_.cp[p], std::min(n_ - p, max_len), value);
  }

  // End of the date or time chain at p: number + unit, number + unit …
  // with rising rank (年 月 日 时 分 秒), at least `min_links` links, the
  // first of rank >= `min_rank`, and a date part (初, 底) after it; -1 if
  // none.
  int DateChainEnd(int p, int min_links, int min_rank) const {
    int links = 0, rank = min_rank - 1, end = -1;
    while (p < n_) {
      const int q = NumberEnd(p);
      if (q < 0) break;
      int32_t r = 0;
      const int ul = WordAt(t_.date_units, q, 2, &r);
      if (ul == 0 || r <= rank) break;
      rank = r;
      p = end = q + ul;
      ++links;
    }
    if (links < min_links) return -1;
    return end + WordAt(t_.date_parts, end, 2);
  }

  // Number candidates at i: [第] number [range] [approx] [scale] [approx]
  // [measure word], and date chains. Digits give one cheap candidate (they
  // are unambiguous); Chinese numerals compete with dictionary words
  // (统一 一个 is not 统 一一个).
  void NumberEdges(int i) {
    int j = i;
    const bool ordinal = Has(i, kFOrdinal);
    if (ordinal) ++j;
    int e = NumberEnd(j);
    if (e < 0) return;
    const bool digits = b_.cls[j] == kDigit;
    int last = j;  // start of the last number (the second of a range)
    // A range (0.7-0.8, 5到6), or a date written with dashes (2025-06-26).
    for (int parts = 1; parts < 3; ++parts) {
      if (!(e + 1 < n_ && (IsRangeMark(b_.cp[e]) || (digits && parts == 1 && b_.cp[e] == U'到')) &&
            (b_.cls[e + 1] == kDigit) == digits)) {
        break;
      }
      const int e2 = NumberEnd(e + 1);
      if (e2 < 0 || (e2 < n_ && b_.cls[e2] == kLetter)) break;  // not 2754-1255ext
      last = e + 1;
      e = e2;
    }
    auto approx = [&](int q) { return Has(q, kFApprox); };
    auto measure = [&](int q) { return WordAt(t_.measures, q, 6); };
    int p = e;
    if (approx(p) && (Has(p + 1, kFScale) || measure(p + 1) > 0)) ++p;  // 三千多万, 20多个
    const bool after_approx = p > e;
    int scaled = e;
    if (digits || after_approx) {
      while (Has(p, kFScale)) ++p;  // 2.5万, 3000亿, 两千多万
      scaled = p;
    }
    if (approx(p) && measure(p + 1) > 0) ++p;  // 100万多吨
    const int m = measure(p);
    const int longest =
        std::max({e, scaled, m > 0 ? p + m : -1, DateChainEnd(last, 1, 0)});
    if (digits) {
      if (!ordinal) Relax(i, e, 1, kEdgeNumber);
      if (longest > e || ordinal) Relax(i, longest, -t_.opt.number_bonus, kEdgeNumber);
    } else {
      if (e - j >= 2 || ordinal) Relax(i, e, t_.opt.numeral_cost, kEdgeNumber);
      if (longest > e) Relax(i, longest, t_.opt.numeral_cost, kEdgeNumber);
    }
  }

  // The Viterbi over all candidates, then the path as tokens.
  void Search() {
    b_.best.assign(n_ + 1, kInf);
    b_.prev.assign(n_ + 1, -1);
    b_.edge.assign(n_ + 1, kEdgeWord);
    b_.best[0] = 0;
    for (int i = 0; i < n_; ++i) {
      if (b_.best[i] >= kInf) continue;
      // Every reachable position has a way on, whatever the rules below do.
      Relax(i, i + 1, kFallbackCost, b_.cls[i] == kPunct ? kEdgePunct : kEdgeWord);
      const uint8_t c = b_.cls[i];
      if (c == kSpace) {
        int j = i + 1;
        while (j < n_ && b_.cls[j] == kSpace) ++j;
        Relax(i, j, 0, kEdgeSkip);
        continue;
      }
      if (c == kPunct) {
        // —— …… and ... (…… after NFKC) are one mark each; any other symbol
        // stands alone.
        int j = i + 1;
        if (b_.cp[i] == 0x2014 || b_.cp[i] == 0x2026 || b_.cp[i] == '.') {
          while (j < n_ && b_.cp[j] == b_.cp[i]) ++j;
        }
        Relax(i, j, 1, kEdgePunct);
        continue;
      }
      if (Boundary(i)) {
        t_.lexicon.ForEachPrefix(&b_.cp[i], std::min(n_ - i, kMax), [&](int len, int32_t v) {
          if (Boundary(i + len)) Relax(i, i + len, v, kEdgeLexicon);
        });
      }
      if (c == kDigit || c == kLetter) {
        if (i > 0 && (b_.cls[i - 1] == kDigit || b_.cls[i - 1] == kLetter)) continue;
        const int j = c == kDigit ? NumberEnd(i) : i;
        if (j < n_ && b_.cls[j] == kLetter) {
          Relax(i, LatinEnd(i), 1, kEdgeLatin);
        } else {
          NumberEdges(i);
        }
        continue;
      }
      // Han.
      bool single = false;
      for (uint32_t k = 0; k < b_.mcount[i]; ++k) {
        const auto& m = b_.match[b_.mbegin[i] + k];
        single |= m.len == 1;
        Relax(i, i + m.len, m.cost, kEdgeWord);
      }
      if (!single) Relax(i, i + 1, t_.opt.unknown_cost, kEdgeWord);
      if ((b_.fl[i] & (kFNumeral | kFOrdinal)) || b_.cp[i] == U'几') NumberEdges(i);
      // A relative day or part of the day before a date or time: 今年5月.
      if (const int pl = t_.date_prefixes.MayStart(b_.cp[i]) ? WordAt(t_.date_prefixes, i, 3) : 0;
          pl > 0) {
        const int d = DateChainEnd(i + pl, 1, 1);
        if (d > 0) Relax(i, d, -t_.opt.number_bonus, kEdgeNumber);
      }
    }
    b_.toks.clear();
    for (int j = n_; j > 0 && b_.prev[j] >= 0; j = b_.prev[j]) {
      const int i = b_.prev[j];
      if (b_.edge[j] != kEdgeSkip) {
        b_.toks.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), b_.edge[j]});
      }
    }
    std::reverse(b_.toks.begin(), b_.toks.end());
  }

  // ---- merges over the tokens of the path

  bool Lone(size_t k) const {  // a lone Han character the dictionary cut off
    const auto& toks = b_.toks;
    return k < toks.size() && toks[k].edge == kEdgeWord && toks[k].e - toks[k].b == 1 &&
           b_.cls[toks[k].b] == kHan;
  }
  bool Touches(size_t k) const {  // toks[k] follows toks[k - 1] without a space
    return k > 0 && k < b_.toks.size() && b_.toks[k].b == b_.toks[k - 1].e;
  }
  // A lone character after toks[k - 1] that may be part of a name or an
  // unknown word: not a function word, not a numeral.
  bool Content(size_t k) const {
    return Lone(k) && !(b_.fl[b_.toks[k].b] & (kFNotGiven | kFNumeral));
  }

  // Tokens k.. that form a transliterated name: two or more pieces of at
  // most two transliteration characters, three or more characters in all,
  // one piece at least a lone character (马 斯克). Returns the end token or k.
  size_t Transliteration(size_t k) const {
    const auto& toks = b_.toks;
    size_t u = k;
    int chars = 0, lone = 0;  // characters, lone-character pieces
    for (; u < toks.size() && toks[u].edge == kEdgeWord && (u == k || Touches(u)); ++u) {
      const uint32_t len = toks[u].e - toks[u].b;
      if (len > 2) break;
      bool all = true;
      for (uint32_t x = toks[u].b; x < toks[u].e; ++x) all &= Has(x, kFTranslit);
      if (!all) break;
      chars += static_cast<int>(len);
      lone += len == 1;
    }
    return u - k >= 2 && chars >= 3 && lone >= 1 ? u : k;
  }

  // A surname the dictionary left alone (or a two-character one) and one or
  // two lone given-name characters. Returns the end token or k.
  size_t PersonName(size_t k) const {
    const Tok& tk = b_.toks[k];
    if (tk.edge != kEdgeWord) return k;
    const uint32_t len = tk.e - tk.b;
    const bool surname = (len == 1 && Has(tk.b, kFSurname)) ||
                         (len == 2 && t_.surnames2.Has(&b_.cp[tk.b], 2));
    if (!surname || !Content(k + 1) || !Touches(k + 1)) return k;
    return Content(k + 2) && Touches(k + 2) ? k + 3 : k + 2;
  }

  // A word of two or more Han characters and a productive suffix (信息化).
  size_t Suffixed(size_t k) const {
    const Tok& tk = b_.toks[k];
    if (tk.edge != kEdgeWord || tk.e - tk.b < 2 || !Han(tk.b) || (b_.fl[tk.b] & kFNotGiven)) {
      return k;
    }
    return Lone(k + 1) && Touches(k + 1) && (b_.fl[b_.toks[k + 1].b] & (kFSuffix | kFPlace))
               ? k + 2
               : k;
  }

  // Exactly two lone content characters (next to no third one), each rare
  // as a word of its own: an unknown two-character word (治污, 限产).
  size_t UnknownPair(size_t k) const {
    if (!Content(k) || !Content(k + 1) || !Touches(k + 1)) return k;
    if (Touches(k) && Content(k - 1)) return k;  // three or more: not a pair
    // A pair before a place-name suffix is a place name (广胜寺, 莱州市).
    const bool place = Touches(k + 2) && Lone(k + 2) && (b_.fl[b_.toks[k + 2].b] & kFPlace);
    if (!place && Touches(k + 2) && Content(k + 2)) return k;
    const int32_t min = t_.opt.pair_min_cost, unk = t_.opt.unknown_cost;
    if (t_.dict->SingleCost(b_.cp[b_.toks[k].b], unk) < min ||
        t_.dict->SingleCost(b_.cp[b_.toks[k + 1].b], unk) < min) {
      return k;
    }
    return place ? k + 3 : k + 2;
  }

  void Merge() {
    const auto& toks = b_.toks;
    b_.merged.clear();
    for (size_t k = 0; k < toks.size();) {
      // Every merge needs a lone character next, except a transliteration,
      // which starts with a short piece of transliteration characters.
      const bool maybe = Lone(k + 1) || (toks[k].edge == kEdgeWord && toks[k].e - toks[k].b <= 2 &&
                                         Has(toks[k].b, kFTranslit));
      size_t to = maybe ? Transliteration(k) : k;
      if (!maybe) {
        b_.merged.push_back(toks[k]);
        ++k;
        continue;
      }
      if (to == k) to = PersonName(k);
      if (to == k) to = Suffixed(k);
      if (to == k) to = UnknownPair(k);
      if (to == k) {
        b_.merged.push_back(toks[k]);
        ++k;
      } else {
        b_.merged.push_back({toks[k].b, toks[to - 1].e, kEdgeWord});
        k = to;
      }
    }
  }

  const Tables& t_;
  Workspace::Buffers& b_;
  int n_ = 0;
};

namespace {

// Where to cut text[begin, end) when it is longer than kPieceBytes: after
// the last white space or sentence mark (。！？；，) in the piece's last
// 4 KB, else at the last character boundary before the limit.
uint32_t PieceEnd(std::string_view text, uint32_t begin, uint32_t end) {
  if (end - begin <= kPieceBytes) return end;
  const uint32_t limit = begin + kPieceBytes;
  int32_t i = static_cast<int32_t>(limit);
  const auto floor = static_cast<int32_t>(limit - 4096);
  while (i > floor) {
    UChar32 c;
    U8_PREV(text.data(), floor, i, c);
    if (c == ' ' || c == '\n' || c == '\t' || c == U'。' || c == U'！' || c == U'？' ||
        c == U'；' || c == U'，') {
      return static_cast<uint32_t>(i) + U8_LENGTH(c);
    }
  }
  i = static_cast<int32_t>(limit);
  U8_SET_CP_START(reinterpret_cast<const uint8_t*>(text.data()), static_cast<int32_t>(begin), i);
  return i > static_cast<int32_t>(begin) ? static_cast<uint32_t>(i) : limit;
}

}  // namespace

void WordSegmenter::Segment(std::string_view text, Span span, Workspace& ws,
                            std::vector<Word>* out) const {
  while (!span.empty()) {
    const uint32_t end = PieceEnd(text, span.begin, span.end);
    Run(*t_, *ws.b_).Segment(text, {span.begin, end}, out);
    span.begin = end;
  }
}

std::string WordSegmenter::SegmentToString(std::string_view text, Workspace& ws) const {
  std::vector<Word> words;
  Segment(text, {0, static_cast<uint32_t>(text.size())}, ws, &words);
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out += ' ';
    out.append(text.substr(w.span.begin, w.span.size()));
  }
  return out;
}

}  // namespace factmine
