// Rule ids of the claims stage: how a claim's subject was found (stored in
// every claim, printed by `factmine extract`). Each id has examples in
// extractors/claims/examples.tsv (tests/extractors/claims_examples_test.cc
// checks that every id in kAll is exercised).
//
// Thread safety: constants.
#ifndef FACTMINE_EXTRACTORS_CLAIMS_CLAIM_RULES_H_
#define FACTMINE_EXTRACTORS_CLAIMS_CLAIM_RULES_H_

#include <string_view>

namespace factmine::claim_rules {

// The subject is marked as the possessor, or stands right before the
// trigger: "Russia's reserves", "China's 44 million tons", 俄罗斯的储量,
// 俄罗斯稀土储量.
inline constexpr std::string_view kPossessive = "claim.possessive";
// The nearest entity before the quantity that is no counterpart and no
// source: "Russia possesses 3.8 million tons", "China accounts for 90%".
inline constexpr std::string_view kSubjectBefore = "claim.subject_before";
// The entity after the trigger and a subject_of word: "reserves of
// Russia", "28 Mt of reserves in Vietnam".
inline constexpr std::string_view kSubjectOf = "claim.subject_of";
// No subject in the sentence: the entity of its section's title ("Group 1:
// Russia's Position").
inline constexpr std::string_view kSection = "claim.section_title";
// No subject in the sentence or the section title: the headline's entity.
inline constexpr std::string_view kHeadline = "claim.headline";
// No other subject anywhere: the material the attribute is about
// ("neodymium prices rose 20%").
inline constexpr std::string_view kMaterial = "claim.material_subject";

inline constexpr std::string_view kAll[] = {kPossessive, kSubjectBefore, kSubjectOf,
                                            kSection,    kHeadline,      kMaterial};

}  // namespace factmine::claim_rules

#endif  // FACTMINE_EXTRACTORS_CLAIMS_CLAIM_RULES_H_
