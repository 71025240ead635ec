// ClaimExtractor (see claim_extractor.h for the decisions, in order).
#include "extractors/claims/claim_extractor.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

#include "extractors/claims/claim_rules.h"
#include "pipeline/document.h"

namespace factmine {

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr int kCueAttribution = 0;
constexpr int kCueRevision = 1;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Case-insensitive (ASCII) equality of text[pos, pos+w.size()) and w.
bool EqualAt(std::string_view text, size_t pos, std::string_view w) {
  if (pos + w.size() > text.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (AsciiLower(text[pos + i]) != AsciiLower(w[i])) return false;
  }
  return true;
}

// If text[lo, pos) ends with `w` (after spaces), the start of `w`, else
// kNone. An English word must start at a word start.
uint32_t EndsWith(std::string_view text, uint32_t lo, uint32_t pos, std::string_view w) {
  while (pos > lo && IsSpace(text[pos - 1])) --pos;
  if (pos < lo + w.size()) return kNone;
  const uint32_t start = pos - static_cast<uint32_t>(w.size());
  if (!EqualAt(text, start, w)) return kNone;
  if (IsAsciiAlnum(w.front()) && start > 0 && IsAsciiAlnum(text[start - 1])) return kNone;
  return start;
}

// If text[pos, hi) starts with `w` (after spaces), the end of `w`, else
// kNone. An English word must end at a word end.
uint32_t StartsWith(std::string_view text, uint32_t pos, uint32_t hi, std::string_view w) {
  while (pos < hi && IsSpace(text[pos])) ++pos;
  if (pos + w.size() > hi || !EqualAt(text, pos, w)) return kNone;
  const uint32_t end = pos + static_cast<uint32_t>(w.size());
  if (IsAsciiAlnum(w.back()) && end < text.size() && IsAsciiAlnum(text[end])) return kNone;
  return end;
}

// Bytes between two spans (0 when they touch or overlap).
uint32_t Gap(Span a, Span b) {
  if (a.end <= b.begin) return b.begin - a.end;
  if (b.end <= a.begin) return a.begin - b.end;
  return 0;
}

// Items of a layer sorted by (field, span.begin) that lie in [span) of field.
template <typename T>
std::pair<size_t, size_t> RangeIn(const std::vector<T>& items, Field f, Span span) {
  auto lo = std::partition_point(items.begin(), items.end(), [&](const T& t) {
    return t.field < f || (t.field == f && t.span.begin < span.begin);
  });
  auto hi = std::partition_point(lo, items.end(), [&](const T& t) {
    return t.field == f && t.span.begin < span.end;
  });
  return {static_cast<size_t>(lo - items.begin()), static_cast<size_t>(hi - items.begin())};
}

}  // namespace

// The claims of one sentence. Offsets are bytes of the field's normalized
// text.
class ClaimSentence {
 public:
  ClaimSentence(const ClaimExtractor& x, const Document& doc) : x_(x), doc_(doc) {}

  // The claims of quantities [q_first, q_last) of `sentence`. The buffers
  // are reused from sentence to sentence.
  void Run(uint32_t sentence, size_t q_first, size_t q_last, std::vector<Claim>* out);

 private:
  struct Attribution {
    Span span;        // the cue and the source
    int32_t mention;  // -1 for a source as text
    std::string text;
    bool after_cue;   // "X said": X may still be the subject
  };

  bool Chinese() const { return s_->lang == Lang::kZh; }
  const EntityMention& E(size_t i) const { return doc_.entities[i]; }
  // Whether mention i stands right after a counterpart word that takes
  // `attribute`; with an empty attribute, after any counterpart word that
  // is no subject_of word (such a mention is never a subject).
  bool AfterCounterpartWord(size_t i, std::string_view attribute) const;
  // After `pos` (spaces and an article skipped): the mention starting
  // there, or -1.
  int32_t MentionAt(uint32_t pos) const;
  uint32_t SkipArticle(uint32_t pos) const;
  int Segment(uint32_t pos) const {
    int n = 0;
    for (const auto& r : revisions_) n += r.begin < pos;
    return n;
  }
  std::string NameOf(size_t mention) const {
    const EntityMention& m = E(mention);
    if (m.linked() && !m.name.empty()) return std::string(m.name);
    return std::string(doc_.View(m.field, m.span));
  }
  void FindAttributions();
  void OwnDates(size_t q_first, size_t q_last);
  bool Subject(const Quantity& q, Span trigger, int32_t object, int32_t counterpart,
               Claim* c) const;
  int32_t TitleSubject(Field f, Span within) const;
  // Whether some counterpart word takes a counterpart for `attribute`.
  bool Relational(std::string_view attribute) const {
    for (const CounterpartWord& w : x_.links_.counterpart()) {
      for (const std::string& a : w.attributes) {
        if (a == "*" || a == attribute) return true;
      }
    }
    return false;
  }

  const ClaimExtractor& x_;
  const Document& doc_;
  const Sentence* s_ = nullptr;
  uint32_t sentence_ = 0;
  std::string_view text_;
  size_t e_first_ = 0, e_last_ = 0;  // entities of the sentence
  size_t d_first_ = 0, d_last_ = 0;  // dates of the sentence
  std::vector<PhraseIndex::Hit> triggers_, hedges_, cues_, shares_;
  std::vector<Span> revisions_;
  std::vector<Attribution> attributions_;
  std::string compact_;                // the sentence without its materials
  std::vector<uint32_t> compact_map_;  // compact_ byte -> text_ offset
  std::vector<int32_t> own_date_;  // per quantity of the sentence
  std::vector<bool> date_owned_;   // per date of the sentence
};

uint32_t ClaimSentence::SkipArticle(uint32_t pos) const {
  while (pos < s_->span.end && IsSpace(text_[pos])) ++pos;
  for (const std::string& a : x_.links_.article()) {
    uint32_t e = StartsWith(text_, pos, s_->span.end, a);
    if (e != kNone) {
      while (e < s_->span.end && IsSpace(text_[e])) ++e;
      return e;
    }
  }
  return pos;
}

int32_t ClaimSentence::MentionAt(uint32_t pos) const {
  const uint32_t p = SkipArticle(pos);
  for (size_t i = e_first_; i < e_last_; ++i) {
    if (E(i).span.begin == p || E(i).span.begin == pos) return static_cast<int32_t>(i);
    if (E(i).span.begin > p) break;
  }
  return -1;
}

bool ClaimSentence::AfterCounterpartWord(size_t i, std::string_view attribute) const {
  const EntityMention& m = E(i);
  uint32_t lo = s_->span.begin;
  uint32_t pos = m.span.begin;
  // "on the United States": step back over an article.
  for (const std::string& a : x_.links_.article()) {
    uint32_t st = EndsWith(text_, lo, pos, a);
    if (st != kNone) {
      pos = st;
      break;
    }
  }
  for (const CounterpartWord& w : x_.links_.counterpart()) {
    if (EndsWith(text_, lo, pos, w.text) == kNone &&
        EndsWith(text_, lo, m.span.begin, w.text) == kNone) {
      continue;
    }
    if (attribute.empty()) {
      // A word that may also introduce a subject ("in") does not bar one.
      const auto& of = x_.links_.subject_of();
      if (std::find(of.begin(), of.end(), w.text) != of.end()) continue;
      return true;
    }
    for (const std::string& a : w.attributes) {
      if (a == "*" || a == attribute) return true;
    }
  }
  return false;
}

void ClaimSentence::FindAttributions() {
  const ClaimLinks& L = x_.links_;
  // "according to X", 据X.
  for (const auto& h : cues_) {
    if (x_.cues_.payloads(h.phrase).front() != kCueAttribution) continue;
    const uint32_t after = s_->span.begin + h.end;
    int32_t m = MentionAt(after);
    if (m >= 0 && E(m).type != EntityType::kMaterial) {
      attributions_.push_back({{s_->span.begin + h.begin, E(m).span.end}, m, NameOf(m), false});
      continue;
    }
    // A source as text: English up to a comma, Chinese up to an
    // attribution_end word.
    uint32_t start = SkipArticle(after);
    uint32_t end = kNone;
    if (IsAsciiAlnum(text_[start])) {
      uint32_t p = start;
      int words = 0;
      while (p < s_->span.end && text_[p] != ',' && text_[p] != ';' && words <= 6) {
        if (IsSpace(text_[p])) ++words;
        ++p;
      }
      if (words <= 6 && p < s_->span.end) end = p;
    } else {
      for (uint32_t p = start; p < s_->span.end && p < start + 36; ++p) {
        for (const std::string& w : L.attribution_end()) {
          if (EqualAt(text_, p, w)) {
            end = p;
            break;
          }
        }
        if (end != kNone) break;
        if (text_[p] == ',') break;
      }
      if (end != kNone && end < start + 6) end = kNone;  // 据悉, 据报道: no source
    }
    if (end == kNone) continue;
    while (end > start && IsSpace(text_[end - 1])) --end;
    if (end <= start) continue;
    attributions_.push_back({{s_->span.begin + h.begin, end}, -1,
                             std::string(text_.substr(start, end - start)), false});
  }
  // "X said", X表示.
  for (size_t i = e_first_; i < e_last_; ++i) {
    if (E(i).type == EntityType::kMaterial) continue;
    for (const std::string& w : L.attribution_after()) {
      uint32_t e = StartsWith(text_, E(i).span.end, s_->span.end, w);
      if (e == kNone) continue;
      attributions_.push_back({{E(i).span.begin, e}, static_cast<int32_t>(i), NameOf(i), true});
      break;
    }
  }
}

void ClaimSentence::OwnDates(size_t q_first, size_t q_last) {
  const size_t nq = q_last - q_first;
  own_date_.assign(nq, -1);
  date_owned_.assign(d_last_ - d_first_, false);
  // The gap between a quantity and its own date holds no word and no comma
  // ("85% in 2022", 2022年的85%; not "26,000 tons and in 2024").
  auto plain_gap = [&](uint32_t a, uint32_t b) {
    for (uint32_t p = a; p < b; ++p) {
      const char ch = text_[p];
      if (IsAsciiAlnum(ch) || ch == ',' || ch == ';') return false;
      if (EqualAt(text_, p, "，") || EqualAt(text_, p, "；")) return false;
    }
    return true;
  };
  auto quantity_between = [&](uint32_t a, uint32_t b) {
    for (size_t k = q_first; k < q_last; ++k) {
      const Span s = doc_.quantities[k].span;
      if (s.begin >= a && s.end <= b) return true;
    }
    return false;
  };
  for (size_t k = 0; k < nq; ++k) {
    const Span qs = doc_.quantities[q_first + k].span;
    int32_t after = -1, before = -1;
    for (size_t d = d_first_; d < d_last_; ++d) {
      if (date_owned_[d - d_first_]) continue;
      const Span ds = doc_.dates[d].span;
      if (ds.begin >= qs.end && ds.begin - qs.end <= ClaimExtractor::kOwnDateGap &&
          !quantity_between(qs.end, ds.begin) && plain_gap(qs.end, ds.begin) && after < 0) {
        after = static_cast<int32_t>(d);
      }
      if (ds.end <= qs.begin && qs.begin - ds.end <= ClaimExtractor::kOwnDateGap &&
          !quantity_between(ds.end, qs.begin) && plain_gap(ds.end, qs.begin)) {
        before = static_cast<int32_t>(d);
      }
    }
    int32_t own = Chinese() ? (before >= 0 ? before : after) : (after >= 0 ? after : before);
    if (own >= 0) {
      own_date_[k] = own;
      date_owned_[own - d_first_] = true;
    }
  }
}

int32_t ClaimSentence::TitleSubject(Field f, Span within) const {
  auto [lo, hi] = RangeIn(doc_.entities, f, within);
  int32_t best = -1;
  for (size_t i = lo; i < hi; ++i) {
    const EntityMention& m = doc_.entities[i];
    if (m.span.end > within.end || m.type == EntityType::kMaterial) continue;
    // A counterpart in a headline (摆脱对我们75%依赖) is no subject.
    bool counterpart = false;
    for (const CounterpartWord& w : x_.links_.counterpart()) {
      if (EndsWith(doc_.field(f).norm, within.begin, m.span.begin, w.text) != kNone) {
        counterpart = true;
        break;
      }
    }
    if (counterpart) continue;
    if (m.linked()) return static_cast<int32_t>(i);
    if (best < 0) best = static_cast<int32_t>(i);
  }
  return best;
}

bool ClaimSentence::Subject(const Quantity& q, Span trigger, int32_t object,
                            int32_t counterpart, Claim* c) const {
  auto eligible = [&](size_t i) {
    if (E(i).type == EntityType::kMaterial) return false;
    if (static_cast<int32_t>(i) == counterpart || static_cast<int32_t>(i) == object) return false;
    if (AfterCounterpartWord(i, "")) return false;
    if (!revisions_.empty()) {
      for (const std::string& w : x_.links_.revision_by()) {
        if (EndsWith(text_, s_->span.begin, E(i).span.begin, w) != kNone) return false;
        uint32_t p = E(i).span.begin;
        for (const std::string& a : x_.links_.article()) {
          uint32_t st = EndsWith(text_, s_->span.begin, p, a);
          if (st != kNone && EndsWith(text_, s_->span.begin, st, w) != kNone) return false;
        }
      }
    }
    for (const Attribution& a : attributions_) {
      if (a.mention == static_cast<int32_t>(i)) return false;
    }
    return true;
  };
  auto take = [&](int32_t i, SubjectFrom from, std::string_view rule) {
    c->subject_mention = i;
    c->subject_id = E(i).id;
    c->subject = NameOf(i);
    c->subject_from = from;
    c->rule = rule;
  };
  // "reserves of Russia", when no subject stands before the trigger and
  // the quantity.
  bool before = false;
  for (size_t i = e_first_; i < e_last_ && !before; ++i) {
    before = E(i).span.end <= std::min(trigger.begin, q.span.begin) && eligible(i);
  }
  for (const std::string& w : before ? std::vector<std::string>() : x_.links_.subject_of()) {
    uint32_t e = StartsWith(text_, trigger.end, s_->span.end, w);
    if (e == kNone) continue;
    int32_t m = MentionAt(e);
    if (m >= 0 && eligible(m)) {
      take(m, SubjectFrom::kSentence, claim_rules::kSubjectOf);
      return true;
    }
  }
  // The nearest before the quantity.
  for (size_t i = e_last_; i-- > e_first_;) {
    if (E(i).span.end > q.span.begin || !eligible(i)) continue;
    bool possessive = false;
    for (const std::string& w : x_.links_.possessive()) {
      if (EqualAt(text_, E(i).span.end, w)) possessive = true;
    }
    // 俄罗斯稀土储量: the subject, maybe the material, then the trigger.
    uint32_t next = E(i).span.end;
    if (object >= 0 && E(object).span.begin == next) next = E(object).span.end;
    if (next == trigger.begin) possessive = true;
    // 俄中贸易额, "US-China trade": the first of a pair is the subject, the
    // second the counterpart of a relational attribute.
    if (i > e_first_ && E(i - 1).type != EntityType::kMaterial && eligible(i - 1) &&
        counterpart < 0 && Relational(c->attribute)) {
      const uint32_t gap = E(i).span.begin - std::min(E(i).span.begin, E(i - 1).span.end);
      if (E(i - 1).span.end <= E(i).span.begin && gap <= 1 &&
          (gap == 0 || text_[E(i - 1).span.end] == '-')) {
        c->counterpart_mention = static_cast<int32_t>(i);
        c->counterpart_id = E(i).id;
        c->counterpart = NameOf(i);
        take(static_cast<int32_t>(i - 1), SubjectFrom::kSentence, claim_rules::kSubjectBefore);
        return true;
      }
    }
    take(static_cast<int32_t>(i), SubjectFrom::kSentence,
         possessive ? claim_rules::kPossessive : claim_rules::kSubjectBefore);
    return true;
  }
  // "X said its output …": the source speaks of itself.
  for (const Attribution& a : attributions_) {
    if (a.after_cue && a.mention >= 0 && E(a.mention).span.end <= q.span.begin) {
      take(a.mention, SubjectFrom::kSentence, claim_rules::kSubjectBefore);
      return true;
    }
  }
  // The section title, then the headline.
  const Section& sec = doc_.sections[s_->section];
  if (sec.kind != SectionKind::kHeadline && !sec.heading.empty()) {
    int32_t m = TitleSubject(sec.field, sec.heading);
    if (m >= 0) {
      take(m, SubjectFrom::kSection, claim_rules::kSection);
      return true;
    }
  }
  if (s_->field != Field::kTitle) {
    const std::string& title = doc_.field(Field::kTitle).norm;
    int32_t m = TitleSubject(Field::kTitle, {0, static_cast<uint32_t>(title.size())});
    if (m >= 0) {
      take(m, SubjectFrom::kHeadline, claim_rules::kHeadline);
      return true;
    }
  }
  if (object >= 0) {
    take(object, SubjectFrom::kSentence, claim_rules::kMaterial);
    return true;
  }
  return false;
}

void ClaimSentence::Run(uint32_t sentence, size_t q_first, size_t q_last,
                        std::vector<Claim>* out) {
  sentence_ = sentence;
  s_ = &doc_.sentences[sentence];
  text_ = doc_.field(s_->field).norm;
  revisions_.clear();
  attributions_.clear();
  const std::string_view st = text_.substr(s_->span.begin, s_->span.size());
  std::tie(e_first_, e_last_) = RangeIn(doc_.entities, s_->field, s_->span);
  std::tie(d_first_, d_last_) = RangeIn(doc_.dates, s_->field, s_->span);

  // Triggers, hedges and cues, not inside a quantity, date or entity.
  auto inside_other = [&](const PhraseIndex::Hit& h, size_t except_q, bool materials = true) {
    const Span hs{s_->span.begin + h.begin, s_->span.begin + h.end};
    for (size_t k = q_first; k < q_last; ++k) {
      if (k != except_q && Gap(hs, doc_.quantities[k].span) == 0 &&
          !(hs.end == doc_.quantities[k].span.begin || hs.begin == doc_.quantities[k].span.end)) {
        return true;
      }
    }
    for (size_t d = d_first_; d < d_last_; ++d) {
      const Span ds = doc_.dates[d].span;
      if (hs.begin < ds.end && ds.begin < hs.end) return true;
    }
    for (size_t i = e_first_; i < e_last_; ++i) {
      if (!materials && E(i).type == EntityType::kMaterial) continue;
      if (hs.begin < E(i).span.end && E(i).span.begin < hs.end) return true;
    }
    return false;
  };
  // Triggers are found in the sentence with its material mentions taken
  // out ("of global rare earth processing" reads "of global processing",
  // 占全球稀土产量 reads 占全球产量); hits are mapped back.
  compact_.clear();
  compact_map_.clear();
  bool has_material = false;
  for (size_t i = e_first_; i < e_last_ && !has_material; ++i) {
    has_material = E(i).type == EntityType::kMaterial;
  }
  if (!has_material) {
    x_.triggers_.Find(st, &triggers_);
  } else {
    uint32_t p = s_->span.begin;
    for (size_t i = e_first_; i <= e_last_; ++i) {
      const bool material = i < e_last_ && E(i).type == EntityType::kMaterial;
      const uint32_t stop = i < e_last_ ? E(i).span.begin : s_->span.end;
      if (i < e_last_ && !material) continue;
      for (; p < stop; ++p) {
        compact_.push_back(text_[p]);
        compact_map_.push_back(p);
      }
      if (material) {
        p = E(i).span.end;
        while (p < s_->span.end && text_[p] == ' ') ++p;
      }
    }
    compact_map_.push_back(s_->span.end);
    x_.triggers_.Find(compact_, &triggers_);
    for (auto& h : triggers_) {
      const uint32_t b = compact_map_[h.begin];
      const uint32_t e = compact_map_[h.end - 1] + 1;
      h.begin = b - s_->span.begin;
      h.end = e - s_->span.begin;
    }
  }
  std::erase_if(triggers_, [&](const PhraseIndex::Hit& h) {
    return inside_other(h, kNone, /*materials=*/false);
  });
  if (triggers_.empty()) return;
  x_.hedges_.Find(st, &hedges_);
  x_.shares_.Find(st, &shares_);
  x_.cues_.Find(st, &cues_);
  for (const auto& h : cues_) {
    if (x_.cues_.payloads(h.phrase).front() == kCueRevision) {
      revisions_.push_back({s_->span.begin + h.begin, s_->span.begin + h.end});
    }
  }
  FindAttributions();
  OwnDates(q_first, q_last);

  for (size_t k = q_first; k < q_last; ++k) {
    const Quantity& q = doc_.quantities[k];
    // 1. The attribute.
    int best_attr = -1;
    Span trigger;
    uint32_t best_score = kNone, best_gap = 0;
    for (const auto& h : triggers_) {
      const Span hs{s_->span.begin + h.begin, s_->span.begin + h.end};
      const uint32_t gap = Gap(hs, q.span);
      if (gap > ClaimExtractor::kMaxTriggerGap) continue;
      for (int a : x_.triggers_.payloads(h.phrase)) {
        const ClaimAttribute& attr = x_.words_.attributes()[a];
        if (std::find(attr.dimensions.begin(), attr.dimensions.end(), q.dimension) ==
            attr.dimensions.end()) {
          continue;
        }
        const uint32_t score = gap + (x_.generic_[a] ? 40 : 0);
        if (score < best_score) {
          best_score = score;
          best_gap = gap;
          best_attr = a;
          trigger = hs;
        }
        break;  // the first attribute of the trigger that fits
      }
    }
    if (best_attr < 0 || x_.generic_[best_attr]) {
      // 产量为2600吨，仅占全球的1%: a share word near the quantity after a
      // base trigger.
      for (const auto& sh : shares_) {
        const Span ss{s_->span.begin + sh.begin, s_->span.begin + sh.end};
        // The share word stands next to the quantity ("1% of the global",
        // 占全球的1%).
        const uint32_t gap = Gap(ss, q.span);
        if (gap > ClaimExtractor::kOwnDateGap) continue;
        // The base: a trigger right after the share word ("of the global
        // rare earth production"), else the nearest one before it.
        int base_share = -1;
        Span base;
        auto share_of = [&](const PhraseIndex::Hit& h) {
          for (int a : x_.triggers_.payloads(h.phrase)) {
            const int share = x_.share_of_[a];
            if (share < 0) continue;
            const auto& dims = x_.words_.attributes()[share].dimensions;
            if (std::find(dims.begin(), dims.end(), q.dimension) != dims.end()) return share;
          }
          return -1;
        };
        for (const auto& h : triggers_) {
          const Span hs{s_->span.begin + h.begin, s_->span.begin + h.end};
          if (hs.begin < ss.end || hs.begin - ss.end > ClaimExtractor::kMaxObjectGap) continue;
          if ((base_share = share_of(h)) >= 0) {
            base = hs;
            break;
          }
        }
        for (size_t t = triggers_.size(); base_share < 0 && t-- > 0;) {
          const Span hs{s_->span.begin + triggers_[t].begin, s_->span.begin + triggers_[t].end};
          if (hs.end > ss.begin || ss.begin - hs.end > ClaimExtractor::kMaxTriggerGap) continue;
          if ((base_share = share_of(triggers_[t])) >= 0) base = hs;
        }
        if (base_share >= 0 && gap + 10 < best_score) {
          best_score = gap + 10;
          best_gap = gap;
          best_attr = base_share;
          trigger = base;
        }
      }
    }
    if (best_attr < 0) continue;
    const ClaimAttribute& attr = x_.words_.attributes()[best_attr];
    Claim c;
    c.sentence = sentence_;
    c.quantity = static_cast<uint32_t>(k);
    c.attribute = attr.id;

    // 2. The object.
    int32_t object = -1;
    uint32_t object_gap = ClaimExtractor::kMaxObjectGap + 1;
    for (size_t i = e_first_; i < e_last_; ++i) {
      if (E(i).type != EntityType::kMaterial) continue;
      const uint32_t g = std::min(Gap(E(i).span, trigger), Gap(E(i).span, q.span));
      if (g < object_gap) {
        object_gap = g;
        object = static_cast<int32_t>(i);
      }
    }
    if (object >= 0) {
      c.object_mention = object;
      c.object_id = E(object).id;
      c.object = NameOf(object);
    }

    // 3. The counterpart.
    int32_t counterpart = -1;
    uint32_t cp_gap = ClaimExtractor::kMaxCounterpartGap + 1;
    for (size_t i = e_first_; i < e_last_; ++i) {
      if (static_cast<int32_t>(i) == object || !AfterCounterpartWord(i, attr.id)) continue;
      const uint32_t g = std::min(Gap(E(i).span, trigger), Gap(E(i).span, q.span));
      if (g < cp_gap) {
        cp_gap = g;
        counterpart = static_cast<int32_t>(i);
      }
    }
    if (counterpart >= 0) {
      c.counterpart_mention = counterpart;
      c.counterpart_id = E(counterpart).id;
      c.counterpart = NameOf(counterpart);
    }

    // 5. The subject.
    if (!Subject(q, trigger, object, counterpart, &c)) continue;

    // 6. The time.
    int32_t date = own_date_[k - q_first];
    if (date < 0) {
      uint32_t dgap = kNone;
      for (size_t d = d_first_; d < d_last_; ++d) {
        if (date_owned_[d - d_first_]) continue;
        // A tie goes to the date before ("in 2021 was X and in 2024").
        const uint32_t g = Gap(doc_.dates[d].span, q.span);
        if (g < dgap || (g == dgap && doc_.dates[d].span.end <= q.span.begin)) {
          dgap = g;
          date = static_cast<int32_t>(d);
        }
      }
    }
    if (date >= 0) {
      c.date = date;
      c.time = doc_.dates[date].value;
    }

    // 7. Modality and 4. attribution, on the quantity's side of a revision.
    const int seg = Segment(q.span.begin);
    uint32_t hedge_gap = kNone;
    for (const auto& h : hedges_) {
      const Span hs{s_->span.begin + h.begin, s_->span.begin + h.end};
      if (Segment(hs.begin) != seg || inside_other(h, k)) continue;
      const Hedge& hedge = x_.words_.hedges()[x_.hedges_.payloads(h.phrase).front()];
      if (hedge.modality == Modality::kReported) continue;
      uint32_t g = Gap(hs, q.span);
      const bool overlaps = hs.begin < q.span.end && q.span.begin < hs.end;
      if (!overlaps) {
        if (hs.end <= q.span.begin && hedge.position == "after") continue;
        if (hs.begin >= q.span.end && hedge.position == "before") continue;
      }
      if (g > ClaimExtractor::kMaxHedgeGap || g >= hedge_gap) continue;
      hedge_gap = g;
      c.modality = hedge.modality;
    }
    bool superseded = false;
    for (const Span& r : revisions_) {
      if (r.begin >= q.span.end) superseded = true;
    }
    if (superseded && c.modality == Modality::kReported) c.modality = Modality::kClaimed;

    // "downgraded to Y by X", "被X下调至Y".
    bool revised_by = false;
    for (const Span& r : revisions_) {
      if (r.end > q.span.begin || q.span.begin - r.end > ClaimExtractor::kOwnDateGap) continue;
      for (const std::string& w : x_.links_.revision_by()) {
        uint32_t e = StartsWith(text_, q.span.end, s_->span.end, w);
        int32_t m = e == kNone ? -1 : MentionAt(e);
        if (m < 0) {
          // 被X下调至: the agent before the revision word.
          for (size_t i = e_first_; i < e_last_ && m < 0; ++i) {
            if (E(i).span.end <= r.begin && r.begin - E(i).span.end <= 6 &&
                EndsWith(text_, s_->span.begin, E(i).span.begin, w) != kNone) {
              m = static_cast<int32_t>(i);
            }
          }
        }
        if (m >= 0) {
          c.attribution = NameOf(m);
          c.attribution_id = E(m).id;
          revised_by = true;
          break;
        }
      }
    }
    if (!revised_by) {
      uint32_t agap = kNone;
      for (const Attribution& a : attributions_) {
        if (Segment(a.span.begin) != seg) continue;
        if (a.mention >= 0 && a.mention == c.subject_mention && !a.after_cue) continue;
        const uint32_t g = Gap(a.span, q.span);
        if (g < agap) {
          agap = g;
          c.attribution = a.text;
          c.attribution_id = a.mention >= 0 ? E(a.mention).id : std::string_view();
        }
      }
    }

    // Confidence.
    float conf = c.rule == claim_rules::kPossessive     ? 0.9f
                 : c.rule == claim_rules::kSubjectOf    ? 0.85f
                 : c.rule == claim_rules::kSubjectBefore ? 0.8f
                 : c.rule == claim_rules::kSection      ? 0.7f
                                                        : 0.6f;
    if (best_gap > 40) conf -= 0.1f;
    if (x_.generic_[best_attr]) conf -= 0.1f;
    c.confidence = conf;
    out->push_back(std::move(c));
  }
}

Result<std::unique_ptr<ClaimExtractor>> ClaimExtractor::Load(const std::string& lexicon_dir) {
  auto words = ClaimWords::Load(lexicon_dir);
  if (!words.ok()) return words.status();
  std::unique_ptr<ClaimExtractor> x(new ClaimExtractor());
  x->words_ = std::move(words).value();
  std::vector<std::string> ids;
  for (const ClaimAttribute& a : x->words_.attributes()) ids.push_back(a.id);
  auto links = ClaimLinks::Load(lexicon_dir, ids);
  if (!links.ok()) return links.status();
  x->links_ = std::move(links).value();
  const auto& attrs = x->words_.attributes();
  x->generic_.assign(attrs.size(), false);
  for (size_t i = 0; i < attrs.size(); ++i) {
    for (const std::string& t : attrs[i].en) x->triggers_.Add(t, static_cast<int>(i));
    for (const std::string& t : attrs[i].zh) x->triggers_.Add(t, static_cast<int>(i));
    for (const std::string& g : x->links_.generic()) {
      if (g == attrs[i].id) x->generic_[i] = true;
    }
  }
  x->share_of_.assign(attrs.size(), -1);
  for (const ShareOf& so : x->links_.share_of()) {
    int base = -1, share = -1;
    for (size_t i = 0; i < attrs.size(); ++i) {
      if (attrs[i].id == so.base) base = static_cast<int>(i);
      if (attrs[i].id == so.share) share = static_cast<int>(i);
    }
    x->share_of_[base] = share;
  }
  for (const std::string& w : x->links_.share()) x->shares_.Add(w, 0);
  const auto& hedges = x->words_.hedges();
  for (size_t i = 0; i < hedges.size(); ++i) x->hedges_.Add(hedges[i].text, static_cast<int>(i));
  for (const std::string& w : x->links_.attribution_before()) x->cues_.Add(w, kCueAttribution);
  for (const std::string& w : x->links_.revision()) x->cues_.Add(w, kCueRevision);
  return x;
}

void ClaimExtractor::Extract(const Document& doc, std::vector<Claim>* out) const {
  const auto& qs = doc.quantities;
  ClaimSentence run(*this, doc);
  size_t k = 0;
  while (k < qs.size()) {
    const uint32_t s = qs[k].sentence;
    size_t end = k + 1;
    while (end < qs.size() && qs[end].sentence == s) ++end;
    if (s != kNoSentence && s < doc.sentences.size()) {
      run.Run(s, k, end, out);
    }
    k = end;
  }
}

}  // namespace factmine
