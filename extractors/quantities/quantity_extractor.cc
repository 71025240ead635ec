#include "extractors/quantities/quantity_extractor.h"

namespace factmine {

struct QuantityExtractor::Tables {};

QuantityExtractor::QuantityExtractor(std::unique_ptr<Tables> t) : t_(std::move(t)) {}
QuantityExtractor::~QuantityExtractor() = default;

Result<std::unique_ptr<QuantityExtractor>> QuantityExtractor::Load(const std::string&) {
  return std::unique_ptr<QuantityExtractor>(
      new QuantityExtractor(std::make_unique<Tables>()));
}

void QuantityExtractor::Extract(std::string_view, const std::vector<NumberMatch>&,
                                const std::vector<Span>&, std::vector<Quantity>*) const {}

}  // namespace factmine
