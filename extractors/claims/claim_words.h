// ClaimWords: the words a claim is recognised by, from the lexicon:
// attributes (lexicon/attributes.tsv: reserves, share of global
// production, import dependence … with their trigger words in English and
// Chinese and the quantity dimensions they take) and hedges
// (lexicon/hedges.tsv: reported, claimed, estimated, target, forecast).
// Loaded and checked here so that a bad line is reported at start-up with
// its file:line; the claims stage (SPEC §3 "Claims") uses them.
//
// Thread safety: immutable after Load. Lifetime: owns its strings.
#ifndef FACTMINE_EXTRACTORS_CLAIMS_CLAIM_WORDS_H_
#define FACTMINE_EXTRACTORS_CLAIMS_CLAIM_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "extractors/claims/claim.h"
#include "pipeline/status.h"

namespace factmine {

struct ClaimAttribute {
  std::string id;                       // "reserves", "import_dependence"
  std::vector<std::string> dimensions;  // quantity dimensions: "mass", "percent"
  std::vector<std::string> en;          // lower-case trigger words and phrases
  std::vector<std::string> zh;          // Chinese trigger words
};

struct Hedge {
  std::string text;  // "according to", "据报道"
  std::string lang;  // "en" or "zh"
  Modality modality = Modality::kReported;
  std::string position;  // "before", "after", "any"
};

class ClaimWords {
 public:
  // Loads attributes.tsv and hedges.tsv from `lexicon_dir`. Errors name
  // file:line: unknown dimension or modality, an id or (text, lang) twice,
  // an attribute without triggers, an empty "|" part.
  static Result<ClaimWords> Load(const std::string& lexicon_dir);

  const std::vector<ClaimAttribute>& attributes() const { return attributes_; }
  const std::vector<Hedge>& hedges() const { return hedges_; }
  // The attribute with this id, or nullptr.
  const ClaimAttribute* Find(std::string_view id) const;

 private:
  std::vector<ClaimAttribute> attributes_;
  std::vector<Hedge> hedges_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_CLAIMS_CLAIM_WORDS_H_
