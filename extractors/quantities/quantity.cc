#include "extractors/quantities/quantity.h"

namespace factmine {

namespace {
constexpr std::string_view kApproxNames[] = {"exact",    "about",    "over", "under",
                                              "at_least", "at_most", "range"};
}  // namespace

std::string_view ApproxName(Approx a) { return kApproxNames[static_cast<int>(a)]; }

bool ParseApprox(std::string_view name, Approx* out) {
  for (size_t i = 0; i < std::size(kApproxNames); ++i) {
    if (kApproxNames[i] == name) {
      *out = static_cast<Approx>(i);
      return true;
    }
  }
  return false;
}

}  // namespace factmine
