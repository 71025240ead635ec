// Claim: one quantitative statement found in an article (SPEC §3
// "Claims"): a subject entity has, for an attribute, the value of one
// quantity, perhaps toward a counterpart, at a time, with a modality and an
// attribution. One claim per quantity that states an attribute of a
// subject; a quantity with no attribute trigger gives none.
//
//   "⟦Russia⟧'s rare earth ⟦reserves⟧ are ⟦28.5 million tons⟧"
//       subject RU "Russia" (sentence), attribute reserves, object
//       rare_earths, quantity 28.5e6 t, modality reported
//   "Group 1: Russia's Position - Reserves stand at ⟦3.8 million tons⟧"
//       subject RU from the section title (subject_mention -1,
//       subject_from kSection)
//   "⟦俄罗斯⟧稀土⟦储量⟧约⟦2850万吨⟧"
//       subject RU, attribute reserves, object rare_earths, modality
//       estimated (约)
//   "Japan's ⟦reliance on⟧ ⟦China⟧ fell ⟦from 85% in 2022 to 60% by 2024⟧"
//       two claims: subject JP, attribute import_dependence, counterpart
//       CN, 85 percent time "2022" and 60 percent time "2024"
//   "an initial claim of 2.85 million tons … downgraded to 380,000 tons by
//    the USGS"
//       two claims: 2.85e6 t modality claimed; 380000 t attribution
//       "United States Geological Survey" (attribution_id usgs)
//   "⟦对华⟧稀土⟦依赖⟧度达⟦90%⟧"  counterpart CN
//
// Indices (sentence, quantity, *_mention, date) point into the layers of
// the Document the claim belongs to (pipeline/document.h); -1 means none.
//
// Thread safety: plain values. Lifetime: the string_views (`*_id`,
// `attribute`, `rule`) point into the Context that analyzed the document
// (its EntityLexicon and ClaimWords, pipeline/context.h) or to static
// strings: they live as long as that Context. The std::string fields own
// their text.
#ifndef FACTMINE_EXTRACTORS_CLAIMS_CLAIM_H_
#define FACTMINE_EXTRACTORS_CLAIMS_CLAIM_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace factmine {

// SPEC §3: the modality of a claim. DO NOT CHANGE THESE NAMES:
// ModalityName() values are written by `factmine extract` and stored.
enum class Modality : uint8_t {
  kReported,   // the default: a plain statement, "according to", 据报道
  kClaimed,    // a party's own statement: "claims", 声称, "an initial claim of"
  kEstimated,  // "estimated", "an estimated", 估计, 约
  kTarget,     // a goal: "aims to reach", 目标, 计划
  kForecast,   // a prediction: "expected to", 预计, 有望
};
std::string_view ModalityName(Modality m);  // "reported", "claimed", …
// Parses a ModalityName; false for anything else.
bool ParseModality(std::string_view name, Modality* out);

// Where the subject of a claim was found. DO NOT CHANGE THESE NAMES:
// SubjectFromName() values are written by `factmine extract` and stored.
enum class SubjectFrom : uint8_t {
  kSentence,  // an entity mention of the claim's sentence
  kSection,   // the title of the sentence's section ("Group 1: Russia's Position")
  kHeadline,  // the article's headline
};
std::string_view SubjectFromName(SubjectFrom s);  // "sentence", "section", "headline"

struct Claim {
  // Index into Document::sentences: the sentence that states the claim.
  // Its citations ([1][3]) are the claim's citations.
  uint32_t sentence = 0;
  // Index into Document::quantities: the value (with its unit, bounds and
  // approximation).
  uint32_t quantity = 0;

  // The subject: who or what has the value. subject_mention is an index
  // into Document::entities (the mention in the sentence, or the mention in
  // the section title / headline it was taken from); -1 only if the subject
  // came from a title without a mention index. subject_id is the canonical
  // id ("RU", "mp_materials"; "" when unlinked); subject the canonical
  // English name ("Russia") or, unlinked, the surface ("Acme Lithium").
  int32_t subject_mention = -1;
  std::string_view subject_id;
  std::string subject;
  SubjectFrom subject_from = SubjectFrom::kSentence;

  // The attribute id from lexicon/attributes.tsv ("reserves",
  // "import_dependence", "production_share").
  std::string_view attribute;

  // The material or commodity the attribute is about, when the sentence
  // names one next to the trigger ("rare earth reserves", 稀土储量, "output
  // of gallium"): index into Document::entities, canonical id
  // ("rare_earths") and English name; -1 / "" / "" when none. Keeps
  // "Russia's rare earth reserves" apart from "Russia's oil reserves".
  int32_t object_mention = -1;
  std::string_view object_id;
  std::string object;

  // The other party of a relational attribute: "reliance on ⟦China⟧",
  // "imports from ⟦Japan⟧", "⟦对华⟧依赖", "对⟦美⟧出口". Index into
  // Document::entities, canonical id, English name (or the surface when
  // unlinked); -1 / "" / "" when none.
  int32_t counterpart_mention = -1;
  std::string_view counterpart_id;
  std::string counterpart;

  // The time the value holds for: index into Document::dates of the year or
  // date that goes with the quantity (-1 when none), and its value: "2024",
  // "2024-11", "2024-11-09", "2025-Q3" (DateMention::value), or "".
  int32_t date = -1;
  std::string time;

  Modality modality = Modality::kReported;

  // Who says so: "according to the USGS", "the USGS said", 据美国地质调查局,
  // "downgraded to Y by the USGS". attribution is the entity's canonical
  // English name when it is a linked entity (attribution_id its id), else
  // the text as written ("industry insiders"); "" when the sentence names
  // no source (the article's outlet is then the source).
  std::string attribution;
  std::string_view attribution_id;

  // 0..1: how sure the stage is (lower for a subject from a title, a far
  // trigger, a generic attribute).
  float confidence = 0;
  // claim_rules::k*, e.g. "claim.en.possessive", "claim.zh.subject_before".
  std::string_view rule;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_CLAIMS_CLAIM_H_
