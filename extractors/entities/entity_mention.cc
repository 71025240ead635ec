// EntityType names (see entity_mention.h).
#include "extractors/entities/entity_mention.h"

namespace factmine {

namespace {

constexpr std::string_view kNames[] = {"country", "region", "place",    "company", "agency",
                                       "org",     "person", "material", "unknown"};

}  // namespace

std::string_view EntityTypeName(EntityType t) {
  return kNames[static_cast<int>(t)];
}

bool ParseEntityType(std::string_view name, EntityType* out) {
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (kNames[i] == name) {
      *out = static_cast<EntityType>(i);
      return true;
    }
  }
  return false;
}

}  // namespace factmine
