// QuantityExtractor: turns the numbers of a normalized text into
// quantities: units (lexicon/units.tsv), currencies to ISO 4217,
// percentages, percentage points, multiples, fractions, counts with their
// noun, durations, ranges and bounds (lexicon/bounds.tsv). The forms and
// the negatives are listed in examples.tsv beside this file.
//
// Thread safety: immutable after Load; Extract may run on many threads.
// Lifetime: owns its lexicon tables.
#ifndef FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_EXTRACTOR_H_
#define FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/numbers/number_match.h"
#include "extractors/quantities/quantity.h"
#include "pipeline/span.h"
#include "pipeline/status.h"

namespace factmine {

class QuantityExtractor {
 public:
  // Loads units.tsv, bounds.tsv and count_nouns.tsv from lexicon_dir;
  // errors name file:line.
  static Result<std::unique_ptr<QuantityExtractor>> Load(
      const std::string& lexicon_dir);

  QuantityExtractor(const QuantityExtractor&) = delete;
  QuantityExtractor& operator=(const QuantityExtractor&) = delete;
  ~QuantityExtractor();

  // Appends the quantities of `text` (normalized) to *out in order of span,
  // never overlapping. `numbers` are the NumberScanner's matches for the
  // same text; numbers inside `taken` (sorted spans, e.g. the dates) are
  // not quantities. The caller sets `field` and `sentence`.
  void Extract(std::string_view text, const std::vector<NumberMatch>& numbers,
               const std::vector<Span>& taken,
               std::vector<Quantity>* out) const;

  // Appends the units of `text` (normalized) named without an amount
  // ("paid in rubles", "人民币结算", "a metric ton is ..."): quantities with an
  // open value, rule quantity_rules::kUnitMention, in order of span. Only
  // unit words (units.tsv match=word, three letters or more) and Chinese
  // units of two characters or more, of the dimensions currency, mass,
  // length, area, volume, speed and information, unscaled; never symbols
  // ($, t, m) or one-character Chinese units (元, 米), which are too often
  // something else. Spans inside `amounts` (the field's quantities, sorted)
  // are skipped. Off the quantity layer: news mentions "the dollar" far more
  // often than it states an amount in it.
  void ExtractUnitMentions(std::string_view text, const std::vector<Quantity>& amounts,
                           std::vector<Quantity>* out) const;

  // The loaded lexicon tables (opaque; defined in the .cc file).
  struct Tables;

 private:
  explicit QuantityExtractor(std::unique_ptr<Tables> t);
  std::unique_ptr<Tables> t_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_QUANTITIES_QUANTITY_EXTRACTOR_H_
