// Claim names (see claim.h).
#include "extractors/claims/claim.h"

namespace factmine {

namespace {

constexpr std::string_view kModalityNames[] = {"reported", "claimed", "estimated", "target",
                                               "forecast"};
constexpr std::string_view kSubjectFromNames[] = {"sentence", "section", "headline"};

}  // namespace

std::string_view ModalityName(Modality m) { return kModalityNames[static_cast<int>(m)]; }

bool ParseModality(std::string_view name, Modality* out) {
  for (int i = 0; i < 5; ++i) {
    if (kModalityNames[i] == name) {
      *out = static_cast<Modality>(i);
      return true;
    }
  }
  return false;
}

std::string_view SubjectFromName(SubjectFrom s) { return kSubjectFromNames[static_cast<int>(s)]; }

}  // namespace factmine
