#include "extractors/dates/date_extractor.h"

namespace factmine {

DateAnchor DateAnchor::FromPublishedAt(std::string_view) { return {}; }

Result<std::unique_ptr<DateExtractor>> DateExtractor::Load(const std::string&) {
  return std::unique_ptr<DateExtractor>(new DateExtractor());
}

void DateExtractor::Extract(std::string_view, const std::vector<NumberMatch>&,
                            const DateAnchor&, std::vector<DateMention>*) const {}

}  // namespace factmine
