// ClaimExtractor: turns the quantities of an analyzed Document into claims
// (SPEC §3 "Claims"; claim.h says what each field means).
//
// Only sentences that hold a quantity are looked at. In such a sentence:
//   1. attribute: the triggers of lexicon/attributes.tsv found in the
//      sentence (PhraseIndex; not inside a quantity, date or entity); a
//      quantity takes the nearest trigger whose attribute accepts its
//      dimension, within kMaxTriggerGap bytes; a generic attribute (growth,
//      decline: claim_links.tsv `generic`) counts as farther. Failing
//      that, a share word next to the quantity ("only 1% of global", 仅占全球的
//      1%) after a base trigger (产量 … 占全球) gives the base's share
//      attribute (claim_links.tsv `share`, `share_of`). No trigger, no
//      claim.
//   2. object: the material mention nearest to the trigger or the quantity
//      (rare earth reserves, 稀土储量), within kMaxObjectGap bytes.
//   3. counterpart: an entity right after a counterpart word that takes
//      this attribute ("reliance on China", 对华依赖, "imports from Japan"),
//      near the trigger or the quantity. An entity after any counterpart
//      word is never a subject.
//   4. attribution: "according to X" / 据X, "X said" / X表示, and after a
//      revision "downgraded to Y by X" / 被X下调至Y. X is the entity there,
//      or (according to, 据) the text up to a comma or an attribution_end
//      word. Attribution entities are never subjects.
//   5. subject: the nearest other non-material entity before the quantity
//      (claim.possessive when it is followed by 's / 的 or stands right
//      before the trigger, else claim.subject_before); else an entity after
//      the trigger and of/in (claim.subject_of); else the entity of the
//      section title, the headline (claim.section_title, claim.headline);
//      else the material (claim.material_subject); else no claim.
//   6. time: a date right after the quantity ("85% in 2022", "by 2024") or
//      right before it (2022年的85%) belongs to it alone; otherwise the
//      nearest date of the sentence that no other quantity owns.
//   7. modality: the nearest hedge (hedges.tsv, honouring its position)
//      within kMaxHedgeGap bytes, a non-reported one preferred; a value
//      superseded by a revision is claimed. Revision words split the
//      sentence: hedges and attributions act only on their side.
//
// Thread safety: immutable after Load; Extract may run on many threads.
// Lifetime: claims point into this extractor's ClaimWords (attribute ids)
// and into the entity lexicon (ids): keep both alive.
#ifndef FACTMINE_EXTRACTORS_CLAIMS_CLAIM_EXTRACTOR_H_
#define FACTMINE_EXTRACTORS_CLAIMS_CLAIM_EXTRACTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "extractors/claims/claim.h"
#include "extractors/claims/claim_links.h"
#include "extractors/claims/claim_words.h"
#include "extractors/claims/phrase_index.h"
#include "pipeline/status.h"

namespace factmine {

class Document;

class ClaimExtractor {
 public:
  // Farthest a trigger, hedge or material may be from its quantity (bytes
  // of normalized text; a Chinese character is 3).
  static constexpr uint32_t kMaxTriggerGap = 90;
  static constexpr uint32_t kMaxHedgeGap = 90;
  static constexpr uint32_t kMaxObjectGap = 30;
  static constexpr uint32_t kMaxCounterpartGap = 60;
  // A date this close after (English) or before (Chinese) a quantity, with
  // no other quantity between, is the quantity's own; a share word must be
  // this close to its percent.
  static constexpr uint32_t kOwnDateGap = 12;

  // Loads attributes.tsv, hedges.tsv and claim_links.tsv; errors name
  // file:line.
  static Result<std::unique_ptr<ClaimExtractor>> Load(const std::string& lexicon_dir);

  ClaimExtractor(const ClaimExtractor&) = delete;
  ClaimExtractor& operator=(const ClaimExtractor&) = delete;

  // Appends the claims of `doc` to `out`, in the order of their quantities.
  // REQUIRES: doc has its sentences, sections, entities, quantities and
  // dates (items outside any sentence are ignored).
  void Extract(const Document& doc, std::vector<Claim>* out) const;

  const ClaimWords& words() const { return words_; }

 private:
  ClaimExtractor() = default;
  friend class ClaimSentence;  // the work on one sentence (claim_extractor.cc)

  ClaimWords words_;
  ClaimLinks links_;
  PhraseIndex triggers_;     // payload: attribute index
  PhraseIndex hedges_;       // payload: hedge index
  PhraseIndex cues_;         // payload: 0 attribution_before, 1 revision
  std::vector<bool> generic_;  // by attribute index
  PhraseIndex shares_;         // share words ("of global", 占全球)
  std::vector<int> share_of_;  // by attribute index: its share attribute, or -1
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_CLAIMS_CLAIM_EXTRACTOR_H_
