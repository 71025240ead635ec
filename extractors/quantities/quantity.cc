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

Quantity NumberAsQuantity(const NumberMatch& n, Field f) {
  Quantity q;
  q.field = f;
  q.span = n.span;
  q.value = n.value;
  if (n.flags & kNumberMore) {
    q.approx = Approx::kOver;
    q.lower = n.value;
  } else {
    q.lower = q.upper = n.value;
  }
  q.dimension = n.form == NumberForm::kOrdinal ? "ordinal" : "number";
  q.rule = n.rule;
  return q;
}

}  // namespace factmine
