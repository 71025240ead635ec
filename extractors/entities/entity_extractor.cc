// EntityExtractor (see entity_extractor.h): the scan, then short forms,
// English capitalised runs, Chinese organisation names and 我国.
#include "extractors/entities/entity_extractor.h"

#include <algorithm>
#include <array>
#include <utility>

#include "extractors/entities/entity_rules.h"
#include "extractors/numbers/number_value.h"
#include "pipeline/lang.h"

namespace factmine {

namespace {

namespace rules = entity_rules;

constexpr std::string_view kFang = "方";
constexpr int kMaxZhOrgChars = 12;  // characters before a Chinese org suffix
constexpr size_t kMaxPair = 4;      // short forms in one run (中美日韩)

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
constexpr std::array<bool, 256> kAlnum = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return t;
}();
bool IsAlnum(char c) { return kAlnum[static_cast<unsigned char>(c)]; }

size_t Utf8Len(unsigned char c) {
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

bool StartsWithAny(std::string_view s, const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (s.substr(0, w.size()) == w) return true;
  }
  return false;
}

bool EndsWithAny(std::string_view s, const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    if (s.size() >= w.size() && s.substr(s.size() - w.size()) == w) return true;
  }
  return false;
}

bool HasAsciiLetter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), IsLetter);
}

bool IsGeo(EntityType t) {
  return t == EntityType::kCountry || t == EntityType::kRegion || t == EntityType::kPlace;
}

// Words that may stay lower case in a title-case heading.
bool IsMinorWord(std::string_view w) {
  if (w.size() > 4 || !IsLower(w[0])) return false;
  static constexpr std::string_view kMinor[] = {
      "a",  "an", "the", "of",   "and", "or",  "to",   "in",   "for", "on", "at",
      "by", "vs", "with", "from", "de",  "as",  "amid", "over", "into", "via"};
  for (std::string_view m : kMinor) {
    if (m.size() == w.size() && m[0] == w[0] && m == w) return true;
  }
  return false;
}

// Characters that end a heading-like segment (and '-' after a space).
constexpr std::array<bool, 256> kSegmentEnd = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view("\n.!?:;()\"|[]")) t[c] = true;
  return t;
}();

// A mention under construction.
struct Found {
  Span span;
  int32_t entity = -1;  // index into EntityLexicon::entities(); -1 unlinked
  EntityType type = EntityType::kUnknown;
  std::string_view rule;
  bool removed = false;
};

struct ShortCandidate {
  uint32_t begin, end;
  uint32_t form;  // index into EntityLexicon::short_forms()
};

enum class TokenKind : uint8_t { kWord, kConnector, kMention };

// An English token a capitalised run may consist of.
struct EnToken {
  Span span;
  TokenKind kind;
  uint8_t flags;  // EnWordFlag bits of a word
  int32_t found;  // index into found_ of a mention
};

}  // namespace

// Scratch vectors of one Extract call, kept between calls.
struct EntityExtractor::Workspace::Buffers {
  std::vector<Found> found;
  std::vector<size_t> we;  // indices into found of 我国/我们 mentions
  std::vector<ShortCandidate> shorts;
  std::vector<Span> suffixes;
  std::vector<EnToken> en;
  std::vector<Found> pending;     // sentence-initial single words
  std::vector<Span> accepted;     // unlinked names found
  std::vector<size_t> absorbed;   // ChineseOrgs
  std::vector<const Found*> keep; // Emit

  void Clear() {
    found.clear();
    we.clear();
    shorts.clear();
    suffixes.clear();
    en.clear();
    pending.clear();
    accepted.clear();
  }
};

EntityExtractor::Workspace::Workspace() : buffers_(std::make_unique<Buffers>()) {}
EntityExtractor::Workspace::~Workspace() = default;

namespace {

using Buffers = EntityExtractor::Workspace::Buffers;

// The state of one Extract call.
class Scan {
 public:
  Scan(const EntityLexicon& lex, std::string_view text, const std::vector<Span>& taken,
       Buffers* b)
      : lex_(lex),
        surf_(lex.surfaces()),
        text_(text),
        taken_(taken),
        found_(b->found),
        we_(b->we),
        shorts_(b->shorts),
        suffixes_(b->suffixes),
        en_(b->en),
        pending_(b->pending),
        accepted_(b->accepted),
        absorbed_(b->absorbed),
        keep_(b->keep) {
    b->Clear();
  }

  void Run(const std::function<bool()>& is_chinese_document, std::vector<EntityMention>* out) {
    Walk();
    DropTaken();
    EnglishRuns();
    ShortForms();
    ChineseOrgs();
    if (!we_.empty() && !(is_chinese_document && is_chinese_document())) {
      for (size_t i : we_) found_[i].removed = true;
    }
    Emit(out);
  }

 private:
  struct Best {
    int32_t surface = -1;
    uint32_t end = 0;
  };

  // ---- the scan -------------------------------------------------------

  void Walk() {
    const size_t n = text_.size();
    const StartFilter& filter = lex_.start_filter();
    size_t i = 0;
    while (i < n) {
      const unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c < 0x80) {
        if (!IsAlnum(static_cast<char>(c))) {
          ++i;
          continue;
        }
        size_t wend = i + 1;
        while (wend < n && IsAlnum(text_[wend])) ++wend;
        // A lower-case word right after a capitalised one may be a
        // connector (Bank of …), which the filter does not know.
        const bool walk =
            filter.MayStartWord(text_, i, wend) ||
            (!IsUpper(static_cast<char>(c)) && !en_.empty() && en_.back().span.end + 1 == i &&
             text_[i - 1] == ' ' && en_.back().kind != TokenKind::kConnector);
        uint8_t flags = 0;
        const Best b = walk ? Longest(i, wend, &flags) : Best{};
        if (b.surface >= 0) {
          Take(i, b);
          i = b.end;
          continue;
        }
        if (IsUpper(static_cast<char>(c))) {
          en_.push_back({{uint32_t(i), uint32_t(wend)}, TokenKind::kWord, flags, -1});
        } else if (flags & kEnConnector) {
          en_.push_back({{uint32_t(i), uint32_t(wend)}, TokenKind::kConnector, flags, -1});
        }
        i = wend;
        continue;
      }
      if (const size_t skip = filter.SkipThreeByteNonStarters(text_, i); skip != i) {
        i = skip;  // Chinese characters that start no surface
        continue;
      }
      if (filter.MayStartOther(text_, i)) {
        const Best b = Longest(i, 0, nullptr);
        if (b.surface >= 0) {
          Take(i, b);
          i = b.end;
          continue;
        }
      }
      i += Utf8Len(c);
    }
  }

  // The longest surface starting at `i` that its rules accept. For an
  // English word ending at `wend`, *flags collects the EnWordFlag bits of
  // the word itself.
  Best Longest(size_t i, size_t wend, uint8_t* flags) const {
    Best best;
    lex_.trie().ForEachPrefix(text_, i, [&](size_t end, std::span<const uint32_t> values) {
      for (uint32_t v : values) {
        const SurfaceInfo& s = surf_[v];
        if (s.kind == SurfaceKind::kEnWord) {
          if (flags && end == wend && text_.compare(i, end - i, s.text) == 0) {
            *flags |= s.en_flags;
          }
          continue;
        }
        if (s.last_alnum && end < text_.size() && IsAlnum(text_[end])) continue;
        if (s.exact_case && !CaseMatches(s, i, end)) continue;
        if (s.acronym && Shouting(i, end)) continue;
        best = {static_cast<int32_t>(v), static_cast<uint32_t>(end)};
        break;
      }
    });
    return best;
  }

  // As written, or all in capitals when the surface allows it.
  bool CaseMatches(const SurfaceInfo& s, size_t i, size_t end) const {
    const std::string_view t = text_.substr(i, end - i);
    if (t == s.text) return true;
    if (!s.caps_ok) return false;
    for (size_t k = 0; k < t.size(); ++k) {
      char want = s.text[k];
      if (IsLower(want)) want = static_cast<char>(want - 'a' + 'A');
      if (t[k] != want) return false;
    }
    return true;
  }

  // True when the words on both sides of [i, end) are all capitals (a
  // shouted headline: LET US KNOW), so a 2-3-letter acronym there may be a
  // plain word.
  bool Shouting(size_t i, size_t end) const {
    auto caps_word = [&](size_t b, size_t e) {
      if (e - b < 2) return false;
      for (size_t k = b; k < e; ++k) {
        if (!IsUpper(text_[k])) return false;
      }
      return true;
    };
    size_t e = i;
    while (e > 0 && (text_[e - 1] == ' ' || text_[e - 1] == '-')) --e;
    size_t b = e;
    while (b > 0 && IsLetter(text_[b - 1])) --b;
    if (!caps_word(b, e)) return false;
    b = end;
    while (b < text_.size() && (text_[b] == ' ' || text_[b] == '-')) ++b;
    e = b;
    while (e < text_.size() && IsLetter(text_[e])) ++e;
    return caps_word(b, e);
  }

  void Take(size_t i, const Best& b) {
    const SurfaceInfo& s = surf_[b.surface];
    const Span span{static_cast<uint32_t>(i), b.end};
    switch (s.kind) {
      case SurfaceKind::kName:
      case SurfaceKind::kDemonym: {
        const EntityInfo& e = lex_.entities()[s.target];
        const std::string_view rule = s.kind == SurfaceKind::kDemonym ? rules::kEnDemonym
                                      : HasAsciiLetter(s.text)        ? rules::kEnName
                                                                      : rules::kZhName;
        found_.push_back({span, static_cast<int32_t>(s.target), e.type, rule});
        if (IsUpper(text_[i])) {
          en_.push_back({span, TokenKind::kMention, 0, static_cast<int32_t>(found_.size() - 1)});
        }
        break;
      }
      case SurfaceKind::kWe:
        we_.push_back(found_.size());
        found_.push_back({span, static_cast<int32_t>(s.target),
                          lex_.entities()[s.target].type, rules::kZhWe});
        break;
      case SurfaceKind::kShort:
        shorts_.push_back({span.begin, span.end, s.target});
        break;
      case SurfaceKind::kZhOrgSuffix:
        suffixes_.push_back(span);
        break;
      case SurfaceKind::kBlock:
      case SurfaceKind::kEnWord:
        break;
    }
  }

  // Mentions and English tokens inside dates and quantities go. A lexicon
  // name that holds a whole date or quantity stays (五角大楼 holds 五角).
  void DropTaken() {
    if (taken_.empty()) return;
    auto overlaps = [&](Span s) {
      auto it = std::partition_point(taken_.begin(), taken_.end(),
                                     [&](Span t) { return t.end <= s.begin; });
      return it != taken_.end() && it->begin < s.end;
    };
    auto clashes = [&](Span s) {  // overlaps a taken span it does not hold
      auto it = std::partition_point(taken_.begin(), taken_.end(),
                                     [&](Span t) { return t.end <= s.begin; });
      for (; it != taken_.end() && it->begin < s.end; ++it) {
        if (!s.Contains(*it) || s == *it) return true;
      }
      return false;
    };
    for (Found& f : found_) {
      if (clashes(f.span)) f.removed = true;
    }
    std::erase_if(en_, [&](const EnToken& t) {
      return t.kind != TokenKind::kMention && overlaps(t.span);
    });
  }

  // ---- English capitalised runs -----------------------------------------

  bool Joinable(const EnToken& a, const EnToken& b) const {
    const char* g = text_.data() + a.span.end;
    switch (b.span.begin - a.span.end) {
      case 1:
        return g[0] == ' ' || g[0] == '-' || g[0] == '&';
      case 2:  // an initial: "George W. Bush"
        return g[0] == '.' && g[1] == ' ' && a.kind == TokenKind::kWord && a.span.size() == 1;
      case 3:
        return g[0] == ' ' && g[1] == '&' && g[2] == ' ';
      default:
        return false;
    }
  }

  // Whether the run [b, e) stands in a heading-like segment (between line
  // ends, sentence marks, colons, brackets and " - ") in title case or all
  // capitals: no names are guessed there. A segment touching a non-ASCII
  // character is running text (English inside Chinese). Reads outwards from
  // the run and stops at the first lower-case word that is no minor word,
  // so in running text it costs a word or two.
  bool InHeading(size_t b, size_t e) const {
    // The common case first: a lower-case word right after the run.
    if (e + 1 < text_.size() && text_[e] == ' ' && IsLower(text_[e + 1])) {
      size_t w = e + 1;
      while (w < text_.size() && IsAlnum(text_[w])) ++w;
      if (!IsMinorWord(text_.substr(e + 1, w - e - 1))) return false;
    }
    // And a lower-case word right before it.
    if (b >= 2 && text_[b - 1] == ' ' && IsLower(text_[b - 2])) {
      size_t w = b - 1;
      while (w > 0 && IsAlnum(text_[w - 1])) --w;
      const bool possessive = b - 1 - w == 1 && w > 0 && text_[w - 1] == '\'';
      if (!possessive && !IsMinorWord(text_.substr(w, b - 1 - w))) return false;
    }
    auto delim = [&](size_t k) {  // does text_[k] end the segment?
      const unsigned char c = static_cast<unsigned char>(text_[k]);
      return kSegmentEnd[c] || (c == '-' && (k == 0 || text_[k - 1] == ' '));
    };
    int caps = 0;
    for (size_t k = b; k < e; ++k) {
      caps += IsUpper(text_[k]) && (k == b || !IsAlnum(text_[k - 1]));
    }
    // false: the word shows running text (lower case, no minor word).
    auto word = [&](size_t wb, size_t we) {
      const char c = text_[wb];
      if (IsUpper(c)) {
        ++caps;
        return true;
      }
      return !IsLower(c) || IsMinorWord(text_.substr(wb, we - wb));
    };
    // Each side: a non-ASCII character or a telling word ends the test; a
    // side longer than kMaxSide words is running text too.
    constexpr int kMaxSide = 8;
    int words = 0;
    for (size_t k = e; k < text_.size() && !delim(k);) {
      if (static_cast<unsigned char>(text_[k]) >= 0x80) return false;
      if (!IsAlnum(text_[k])) {
        ++k;
        continue;
      }
      size_t w = k;
      while (w < text_.size() && IsAlnum(text_[w])) ++w;
      const bool possessive = w - k == 1 && text_[k] == 's' && text_[k - 1] == '\'';
      if (!possessive && (!word(k, w) || ++words > kMaxSide)) return false;
      k = w;
    }
    words = 0;
    for (size_t k = b; k > 0 && !delim(k - 1);) {
      if (static_cast<unsigned char>(text_[k - 1]) >= 0x80) return false;
      if (!IsAlnum(text_[k - 1])) {
        --k;
        continue;
      }
      size_t w = k;
      while (w > 0 && IsAlnum(text_[w - 1])) --w;
      const bool possessive = k - w == 1 && text_[w] == 's' && w > 0 && text_[w - 1] == '\'';
      if (!possessive && (!word(w, k) || ++words > kMaxSide)) return false;
      k = w;
    }
    return caps >= 2;
  }

  bool SentenceStart(size_t pos) const {
    size_t j = pos;
    while (j > 0 && (text_[j - 1] == ' ' || text_[j - 1] == '"' || text_[j - 1] == '\'' ||
                     text_[j - 1] == '(' || text_[j - 1] == '[')) {
      --j;
    }
    if (j == 0) return true;
    const char c = text_[j - 1];
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';') return true;
    return c == '-' && (j == 1 || text_[j - 2] == ' ' || text_[j - 2] == '\n');
  }

  void EnglishRuns() {
    size_t k = 0;
    while (k < en_.size()) {
      size_t j = k;
      while (j + 1 < en_.size() && Joinable(en_[j], en_[j + 1])) ++j;
      Run(k, j);
      k = j + 1;
    }
    // Few of each per text: a linear search beats building a set.
    for (const Found& f : pending_) {
      const std::string_view word = text_.substr(f.span.begin, f.span.size());
      if (AcceptedWord(word)) found_.push_back(f);
    }
  }

  // One run en_[k..j] of joined tokens.
  void Run(size_t k, size_t j) {
    while (k <= j && en_[k].kind == TokenKind::kConnector) ++k;
    while (j > k && en_[j].kind == TokenKind::kConnector) --j;
    if (k > j || en_[j].kind == TokenKind::kConnector) return;
    // Only a word that is no skip word or title can make a name.
    bool has_word = false;
    for (size_t t = k; t <= j; ++t) {
      has_word |= en_[t].kind == TokenKind::kWord &&
                  (!(en_[t].flags & (kEnSkip | kEnTitle)) || (en_[t].flags & kEnOrgSuffix));
    }
    if (!has_word || InHeading(en_[k].span.begin, en_[j].span.end)) return;

    // An organisation: a head word last, or before a connector (Ministry of
    // …), in a run of two tokens or more after its leading skip words and
    // titles.
    size_t s = k;
    while (s <= j && en_[s].kind == TokenKind::kWord &&
           (en_[s].flags & (kEnSkip | kEnTitle)) && !(en_[s].flags & kEnOrgSuffix)) {
      ++s;
    }
    while (s <= j && en_[s].kind == TokenKind::kConnector) ++s;
    // "Shares of Acme Corp": a plain word opening the sentence before a
    // connector is no part of the name.
    if (s + 1 < j && en_[s].kind == TokenKind::kWord && !(en_[s].flags & kEnOrgSuffix) &&
        en_[s + 1].kind == TokenKind::kConnector && SentenceStart(en_[s].span.begin)) {
      s += 2;
    }
    if (s < j) {
      bool org = false;
      for (size_t t = s; t <= j; ++t) {
        if (en_[t].kind == TokenKind::kWord && (en_[t].flags & kEnOrgSuffix) &&
            (t == j || en_[t + 1].kind == TokenKind::kConnector)) {
          org = true;
        }
      }
      if (org) {
        Organisation(s, j);
        return;
      }
    }

    // Names: the uncovered words between mentions, skip words and titles.
    size_t sub = SIZE_MAX;  // first token of the current sub-run
    bool after_title = false;
    for (size_t t = k; t <= j + 1; ++t) {
      const bool end = t > j;
      const EnToken* tok = end ? nullptr : &en_[t];
      const bool breaks = end || tok->kind == TokenKind::kMention ||
                          (tok->kind == TokenKind::kWord && (tok->flags & (kEnSkip | kEnTitle)));
      if (!breaks) {
        if (sub == SIZE_MAX) sub = t;
        continue;
      }
      const bool title = !end && tok->kind == TokenKind::kWord && (tok->flags & kEnTitle);
      // Words right before a title name its portfolio (Commerce Minister).
      if (sub != SIZE_MAX && !title) Name(sub, t - 1, after_title);
      sub = SIZE_MAX;
      after_title = title;
    }
  }

  void Organisation(size_t s, size_t j) {
    const Span span{en_[s].span.begin, en_[j].span.end};
    if (en_[s].kind == TokenKind::kMention) {
      Found& first = found_[en_[s].found];
      const EntityType t = first.type;
      if (first.entity >= 0 &&
          (t == EntityType::kCompany || t == EntityType::kAgency || t == EntityType::kOrg)) {
        first.span.end = span.end;  // "Lynas Rare Earths Ltd"
        for (size_t t2 = s + 1; t2 <= j; ++t2) {
          if (en_[t2].kind == TokenKind::kMention) found_[en_[t2].found].removed = true;
        }
        return;
      }
    }
    for (size_t t = s; t <= j; ++t) {
      if (en_[t].kind == TokenKind::kMention) found_[en_[t].found].removed = true;
    }
    found_.push_back({span, -1, EntityType::kOrg, rules::kEnOrgSuffix});
    Accept(span);
  }

  void Name(size_t a, size_t b, bool person) {
    while (a <= b && en_[a].kind == TokenKind::kConnector) ++a;
    while (b > a && en_[b].kind == TokenKind::kConnector) --b;
    if (a > b || en_[b].kind == TokenKind::kConnector) return;
    const Span span{en_[a].span.begin, en_[b].span.end};
    if (a == b && span.size() <= 2) {
      bool caps = true;
      for (size_t k = span.begin; k < span.end; ++k) caps &= IsUpper(text_[k]);
      if (caps) return;  // "EV", "AI": no name
    }
    Found f{span, -1, person ? EntityType::kPerson : EntityType::kUnknown,
            person ? rules::kEnTitledName : rules::kEnCapitalized};
    if (!person && a == b && SentenceStart(span.begin)) {
      pending_.push_back(f);  // "Analysts said": a name only if used as one elsewhere
      return;
    }
    found_.push_back(f);
    Accept(span);
  }

  // Remembers an accepted name: the same word opening a sentence elsewhere
  // counts too.
  void Accept(Span span) { accepted_.push_back(span); }

  // Whether `word` is a whole word of an accepted name.
  bool AcceptedWord(std::string_view word) const {
    for (Span s : accepted_) {
      const std::string_view name = text_.substr(s.begin, s.size());
      for (size_t at = name.find(word); at != std::string_view::npos;
           at = name.find(word, at + 1)) {
        const size_t end = at + word.size();
        if ((at == 0 || !IsAlnum(name[at - 1])) && (end == name.size() || !IsAlnum(name[end]))) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- Chinese short forms ----------------------------------------------

  const ShortForm& Form(const ShortCandidate& c) const { return lex_.short_forms()[c.form]; }

  bool NotPrev(const ShortCandidate& c) const {
    return EndsWithAny(text_.substr(0, c.begin), Form(c).not_prev);
  }
  bool NotNext(const ShortCandidate& c) const {
    const std::string_view next = text_.substr(c.end);
    return StartsWithAny(next, Form(c).not_next) && !StartsWithAny(next, Form(c).ok_next);
  }
  // X方 with 方 not the start of another word (中方案).
  bool SideAt(const ShortCandidate& c) const {
    if (!Form(c).side || text_.substr(c.end, kFang.size()) != kFang) return false;
    const std::string_view after = text_.substr(c.end + kFang.size());
    return !StartsWithAny(after, lex_.zh_side_not_next()) ||
           StartsWithAny(after, lex_.zh_side_ok_next());
  }

  void AddShort(const ShortCandidate& c, Span span, std::string_view rule) {
    const uint32_t e = Form(c).entity;
    found_.push_back({span, static_cast<int32_t>(e), lex_.entities()[e].type, rule});
  }

  void ShortForms() {
    size_t k = 0;
    while (k < shorts_.size()) {
      size_t j = k;
      if (Form(shorts_[k]).pair) {
        while (j + 1 < shorts_.size() && j + 1 - k < kMaxPair &&
               shorts_[j + 1].begin == shorts_[j].end && Form(shorts_[j + 1]).pair) {
          bool distinct = true;
          for (size_t t = k; t <= j; ++t) {
            distinct &= Form(shorts_[t]).entity != Form(shorts_[j + 1]).entity;
          }
          if (!distinct) break;
          ++j;
        }
      }
      size_t a = k, b = j;
      if (b > a && NotPrev(shorts_[a])) ++a;
      if (b > a && NotNext(shorts_[b])) --b;
      if (b > a && SideAt(shorts_[b])) --b;  // 中美方: the last one is a side
      if (b > a) {
        for (size_t t = a; t <= b; ++t) {
          AddShort(shorts_[t], {shorts_[t].begin, shorts_[t].end}, rules::kZhShortPair);
        }
        for (size_t t = k; t < a; ++t) Single(shorts_[t]);
        for (size_t t = b + 1; t <= j; ++t) Single(shorts_[t]);
      } else {
        for (size_t t = k; t <= j; ++t) Single(shorts_[t]);
      }
      k = j + 1;
    }
  }

  // A short form standing alone: the cheap context test first (方 after
  // it, a verb before it, a compound character after it), the word lists
  // only when one holds.
  void Single(const ShortCandidate& c) {
    const ShortForm& sf = Form(c);
    if (sf.side && text_.substr(c.end, kFang.size()) == kFang) {
      if (SideAt(c) && !NotNext(c) && !NotPrev(c)) {
        AddShort(c, {c.begin, static_cast<uint32_t>(c.end + kFang.size())}, rules::kZhShortSide);
      }
      return;
    }
    if (sf.verb && c.begin > 0) {
      size_t len = 0;
      const char32_t verb = DecodeUtf8Before(text_, c.begin, &len);
      if (lex_.IsZhVerb(verb)) {
        // 未来, 现在: the verb character belongs to another word.
        if (!NotNext(c) && !EndsWithAny(text_.substr(0, c.begin), lex_.zh_verb_block())) {
          AddShort(c, {c.begin, c.end}, rules::kZhShortVerb);
        }
        return;
      }
    }
    if (sf.compound && c.end < text_.size()) {
      size_t len = 0;
      if (lex_.IsZhCompound(DecodeUtf8(text_, c.end, &len)) && !NotNext(c) && !NotPrev(c)) {
        AddShort(c, {c.begin, c.end}, rules::kZhShortCompound);
      }
    }
  }

  // ---- Chinese organisation names ---------------------------------------

  void ChineseOrgs() {
    if (suffixes_.empty()) return;
    std::erase_if(found_, [](const Found& f) { return f.removed; });
    // we_ indexes found_: rebuild it after compacting.
    we_.clear();
    std::sort(found_.begin(), found_.end(), [](const Found& a, const Found& b) {
      return a.span.begin < b.span.begin;
    });
    for (size_t i = 0; i < found_.size(); ++i) {
      if (found_[i].rule == rules::kZhWe) we_.push_back(i);
    }
    const size_t sorted = found_.size();
    uint32_t floor = 0;  // the end of the previous suffix
    for (const Span suf : suffixes_) {
      // The last mention ending at or before the suffix.
      ptrdiff_t idx = std::partition_point(found_.begin(), found_.begin() + sorted,
                                           [&](const Found& f) {
                                             return f.span.begin < suf.begin;
                                           }) -
                      found_.begin() - 1;
      auto skip = [&] {
        while (idx >= 0 && (found_[idx].removed || found_[idx].span.end > cur_)) --idx;
      };
      cur_ = suf.begin;
      skip();
      std::vector<size_t>& absorbed = absorbed_;  // right to left
      absorbed.clear();
      int chars = 0;
      while (cur_ > floor && chars < kMaxZhOrgChars) {
        if (idx >= 0 && found_[idx].span.end == cur_) {
          absorbed.push_back(static_cast<size_t>(idx));
          cur_ = found_[idx].span.begin;
          --idx;
          skip();
          ++chars;
          continue;
        }
        if (lex_.ZhOrgStopEndsAt(text_, cur_)) break;
        size_t len = 0;
        const char32_t c = DecodeUtf8Before(text_, cur_, &len);
        if (!IsHan(c) && !(c < 0x80 && IsAlnum(static_cast<char>(c)))) break;
        cur_ -= static_cast<uint32_t>(len);
        ++chars;
      }
      floor = suf.end;
      // A country, region or place opens the name: what is left of it is
      // not part of the name (他说中国公司).
      for (size_t i = absorbed.size(); i-- > 0;) {
        if (IsGeo(found_[absorbed[i]].type)) {
          cur_ = found_[absorbed[i]].span.begin;
          absorbed.resize(i + 1);
          break;
        }
      }
      if (cur_ >= suf.begin || !HasContent(cur_, suf.begin, absorbed)) continue;
      size_t first_len = 0;
      DecodeUtf8(text_, cur_, &first_len);
      if (cur_ + first_len >= suf.begin) continue;  // one character: 该公司 etc.
      // An organisation right before the suffix takes it (美国 Kestrel
      // Magnetics公司: the country stays a mention of its own).
      if (!absorbed.empty() && found_[absorbed.front()].span.end == suf.begin) {
        Found& last = found_[absorbed.front()];
        const EntityType t = last.type;
        if (t == EntityType::kCompany || t == EntityType::kAgency || t == EntityType::kOrg) {
          last.span.end = suf.end;
          continue;
        }
      }
      // A linked company, agency or org opening the name takes the suffix.
      if (!absorbed.empty()) {
        Found& first = found_[absorbed.back()];
        const EntityType t = first.type;
        if (first.span.begin == cur_ && first.entity >= 0 &&
            (t == EntityType::kCompany || t == EntityType::kAgency || t == EntityType::kOrg)) {
          first.span.end = suf.end;
          for (size_t i = 0; i + 1 < absorbed.size(); ++i) found_[absorbed[i]].removed = true;
          continue;
        }
      }
      for (size_t i : absorbed) found_[i].removed = true;
      found_.push_back({{cur_, suf.end}, -1, EntityType::kOrg, rules::kZhOrgSuffix});
    }
  }

  // Whether [b, e) holds more than generic words and country, region and
  // material mentions.
  bool HasContent(uint32_t b, uint32_t e, const std::vector<size_t>& absorbed) const {
    uint32_t p = b;
    while (p < e) {
      bool mention = false;
      for (size_t i : absorbed) {
        const Found& f = found_[i];
        if (f.span.begin != p) continue;
        const EntityType t = f.type;
        if (t != EntityType::kCountry && t != EntityType::kRegion &&
            t != EntityType::kMaterial) {
          return true;
        }
        p = f.span.end;
        mention = true;
        break;
      }
      if (mention) continue;
      const size_t g = lex_.GenericWordAt(text_.substr(p, e - p));
      if (g == 0) return true;
      p += static_cast<uint32_t>(g);
    }
    return false;
  }

  // ---- output -------------------------------------------------------------

  void Emit(std::vector<EntityMention>* out) {
    std::vector<const Found*>& keep = keep_;
    keep.clear();
    for (const Found& f : found_) {
      if (!f.removed && !f.span.empty()) keep.push_back(&f);
    }
    std::sort(keep.begin(), keep.end(), [](const Found* a, const Found* b) {
      return a->span.begin != b->span.begin ? a->span.begin < b->span.begin
                                            : a->span.end > b->span.end;
    });
    uint32_t last_end = 0;
    for (const Found* f : keep) {
      if (f->span.begin < last_end) continue;
      last_end = f->span.end;
      EntityMention m;
      m.span = f->span;
      m.type = f->type;
      m.rule = f->rule;
      if (f->entity >= 0) {
        const EntityInfo& e = lex_.entities()[f->entity];
        m.id = e.id;
        m.name = e.name;
      }
      out->push_back(std::move(m));
    }
  }

  const EntityLexicon& lex_;
  const std::vector<SurfaceInfo>& surf_;
  const std::string_view text_;
  const std::vector<Span>& taken_;

  std::vector<Found>& found_;
  std::vector<size_t>& we_;  // indices into found_ of 我国/我们 mentions
  std::vector<ShortCandidate>& shorts_;
  std::vector<Span>& suffixes_;
  std::vector<EnToken>& en_;
  std::vector<Found>& pending_;  // sentence-initial single words
  std::vector<Span>& accepted_;  // unlinked names found
  std::vector<size_t>& absorbed_;
  std::vector<const Found*>& keep_;
  uint32_t cur_ = 0;  // ChineseOrgs: the left end of the name read so far
};

}  // namespace

Result<std::unique_ptr<EntityExtractor>> EntityExtractor::Load(const std::string& lexicon_dir,
                                                              const Normalizer& normalizer) {
  auto lex = EntityLexicon::Load(lexicon_dir, normalizer);
  if (!lex.ok()) return lex.status();
  return std::unique_ptr<EntityExtractor>(new EntityExtractor(std::move(lex).value()));
}

void EntityExtractor::Extract(std::string_view text, const std::vector<Span>& taken,
                              const std::function<bool()>& is_chinese_document, Workspace* ws,
                              std::vector<EntityMention>* out) const {
  Scan scan(*lexicon_, text, taken, ws->buffers_.get());
  scan.Run(is_chinese_document, out);
}

void EntityExtractor::Extract(std::string_view text, const std::vector<Span>& taken,
                              const std::function<bool()>& is_chinese_document,
                              std::vector<EntityMention>* out) const {
  Workspace ws;
  Extract(text, taken, is_chinese_document, &ws, out);
}

}  // namespace factmine
