// ClaimLinks: the connective words of claims from lexicon/claim_links.tsv
// (counterpart words "on" / 对, "reserves of X", possessives 's / 的,
// attribution cues "according to" / 据 / "said" / 表示, revision words
// "downgraded to" / 下调至 and their agents "by" / 被, the generic
// attributes). Loaded and checked here so that a bad line is reported at
// start-up with its file:line; the claims stage (claim_extractor.h) uses
// them.
//
// Thread safety: immutable after Load. Lifetime: owns its strings.
#ifndef FACTMINE_EXTRACTORS_CLAIMS_CLAIM_LINKS_H_
#define FACTMINE_EXTRACTORS_CLAIMS_CLAIM_LINKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace factmine {

// "production" + a share word ("of global", 占全球) = "production_share".
struct ShareOf {
  std::string base;   // attribute id of the base trigger
  std::string share;  // attribute id of its share
};

struct CounterpartWord {
  std::string text;                     // "on", "对"
  std::vector<std::string> attributes;  // attribute ids; {"*"} for all
};

class ClaimLinks {
 public:
  // Loads claim_links.tsv from `lexicon_dir`. Errors name file:line: an
  // unknown kind, a counterpart row without attributes, attributes on a row
  // of another kind, a generic id that attributes.tsv lacks (checked
  // against `attribute_ids`).
  static Result<ClaimLinks> Load(const std::string& lexicon_dir,
                                 const std::vector<std::string>& attribute_ids);

  const std::vector<CounterpartWord>& counterpart() const { return counterpart_; }
  const std::vector<std::string>& subject_of() const { return subject_of_; }
  const std::vector<std::string>& possessive() const { return possessive_; }
  const std::vector<std::string>& article() const { return article_; }
  const std::vector<std::string>& attribution_before() const { return attribution_before_; }
  const std::vector<std::string>& attribution_after() const { return attribution_after_; }
  const std::vector<std::string>& attribution_end() const { return attribution_end_; }
  const std::vector<std::string>& revision() const { return revision_; }
  const std::vector<std::string>& revision_by() const { return revision_by_; }
  const std::vector<std::string>& generic() const { return generic_; }
  const std::vector<std::string>& share() const { return share_; }
  const std::vector<ShareOf>& share_of() const { return share_of_; }

 private:
  std::vector<CounterpartWord> counterpart_;
  std::vector<std::string> subject_of_, possessive_, article_, attribution_before_,
      attribution_after_, attribution_end_, revision_, revision_by_, generic_, share_;
  std::vector<ShareOf> share_of_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_CLAIMS_CLAIM_LINKS_H_
