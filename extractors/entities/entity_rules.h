// Rule ids of the entities stage: which rule found a mention (stored in
// every mention, printed by `factmine extract`). Each id has examples in
// extractors/entities/examples.tsv (tests/extractors/entities_examples_test.cc
// checks that every id in kAll is exercised).
//
// Thread safety: constants.
#ifndef FACTMINE_EXTRACTORS_ENTITIES_ENTITY_RULES_H_
#define FACTMINE_EXTRACTORS_ENTITIES_ENTITY_RULES_H_

#include <string_view>

namespace factmine::entity_rules {

// A lexicon name or alias with a Latin letter in it: "Russia", "U.S.",
// "MP Materials", "rare earths", "MP材料".
inline constexpr std::string_view kEnName = "entity.en.name";
// A lexicon name or alias in Chinese only: 俄罗斯, 稀土, 北方稀土.
inline constexpr std::string_view kZhName = "entity.zh.name";
// An English demonym linked to its region: "Russian", "Chinese".
inline constexpr std::string_view kEnDemonym = "entity.en.demonym";
// A Chinese short form before 方: 俄方, 中方, 美方 (the span covers X方).
inline constexpr std::string_view kZhShortSide = "entity.zh.short_side";
// Short forms next to each other: 中美, 中美俄, 美日韩 (one mention each).
inline constexpr std::string_view kZhShortPair = "entity.zh.short_pair";
// A short form after a verb or preposition: 对华, 访美, 赴俄, 驻华.
inline constexpr std::string_view kZhShortVerb = "entity.zh.short_verb";
// A short form before 企/资/股/军/媒…: 中企, 美股, 俄军.
inline constexpr std::string_view kZhShortCompound = "entity.zh.short_compound";
// 我国, 我方, 我们 in a Chinese-language article: China.
inline constexpr std::string_view kZhWe = "entity.zh.we";
// An unlinked Chinese organisation read leftwards from its suffix:
// 包头某某稀土有限公司, 盛源矿业集团.
inline constexpr std::string_view kZhOrgSuffix = "entity.zh.org_suffix";
// An unlinked English organisation: a capitalised run holding a head
// word (Acme Lithium Corp, Ministry of Mines of Ruritania).
inline constexpr std::string_view kEnOrgSuffix = "entity.en.org_suffix";
// An unlinked capitalised English name (Lynas when it is not in the
// lexicon): type unknown.
inline constexpr std::string_view kEnCapitalized = "entity.en.capitalized";
// An unlinked name after a title (President Anna Berg, Mr Okafor): a
// person.
inline constexpr std::string_view kEnTitledName = "entity.en.titled_name";

inline constexpr std::string_view kAll[] = {
    kEnName,         kZhName,      kEnDemonym,   kZhShortSide,
    kZhShortPair,    kZhShortVerb, kZhShortCompound, kZhWe,
    kZhOrgSuffix,    kEnOrgSuffix, kEnCapitalized, kEnTitledName,
};

}  // namespace factmine::entity_rules

#endif  // FACTMINE_EXTRACTORS_ENTITIES_ENTITY_RULES_H_
