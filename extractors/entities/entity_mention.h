// EntityMention: a named entity found in the normalized text of one field
// (SPEC §3 "Entities"), linked to one canonical id shared by both languages
// when the lexicon knows it, kept unlinked when it does not.
//
//   "⟦Russia⟧'s reserves"        id RU, type country, name "Russia"
//   "⟦俄方⟧表示"                  id RU, type country, rule entity.zh.short_side
//   "对⟦华⟧出口"                  id CN, type country, rule entity.zh.short_verb
//   "⟦MP Materials⟧ said"         id mp_materials, type company
//   "⟦Acme Lithium Corp⟧ said"    id "" (unlinked), type org
//   "⟦包头某某稀土有限公司⟧"       id "" (unlinked), type org
//
// Thread safety: plain values. Lifetime: `rule` points to a static string,
// `id` and `name` into the EntityLexicon of the Context that analyzed the
// document (pipeline/context.h): they live as long as that Context.
#ifndef FACTMINE_EXTRACTORS_ENTITIES_ENTITY_MENTION_H_
#define FACTMINE_EXTRACTORS_ENTITIES_ENTITY_MENTION_H_

#include <cstdint>
#include <string_view>

#include "pipeline/field.h"
#include "pipeline/span.h"

namespace factmine {

// DO NOT CHANGE THESE NAMES: EntityTypeName() values are written by
// `factmine extract` and will be stored in the fact base.
enum class EntityType : uint8_t {
  kCountry,   // ISO 3166 regions (countries and territories), from ICU
  kRegion,    // UN M.49 areas and groupings: Europe, Southeast Asia, EU
  kPlace,     // mines, provinces, cities, seas
  kCompany,
  kAgency,    // governments, ministries, central banks, intergovernmental bodies
  kOrg,       // other organisations (exchanges, associations); unlinked org names
  kPerson,
  kMaterial,  // commodities, elements, magnets
  kUnknown,   // an unlinked capitalised name of unknown kind
};
// "country", "region", "place", "company", "agency", "org", "person",
// "material", "unknown".
std::string_view EntityTypeName(EntityType t);
// Parses an EntityTypeName; false for anything else.
bool ParseEntityType(std::string_view name, EntityType* out);

struct EntityMention {
  Field field = Field::kText;
  Span span;                        // bytes of the field's normalized text
  uint32_t sentence = kNoSentence;  // index into Document::sentences
  // Canonical id: an ICU region code ("RU", "US", "EU", "150") or a
  // lexicon id ("mp_materials", "neodymium"); "" when unlinked.
  std::string_view id;
  EntityType type = EntityType::kUnknown;
  // Canonical English name ("Russia", "MP Materials"); "" when unlinked
  // (the text of the span is the name).
  std::string_view name;
  std::string_view rule;  // entity_rules::k*, e.g. "entity.zh.name"

  bool linked() const { return !id.empty(); }
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_ENTITIES_ENTITY_MENTION_H_
