// DateExtractor: dates and years in normalized Chinese and English text,
// built on the number layer (the NumberScanner's matches for the same
// text). Relative dates (去年, last year, this month) are resolved against
// the article's date. The full list of forms is in examples.tsv beside
// this file.
//
// Thread safety: immutable after Load; Extract may run on many threads.
// Lifetime: owns its lexicon tables.
#ifndef FACTMINE_EXTRACTORS_DATES_DATE_EXTRACTOR_H_
#define FACTMINE_EXTRACTORS_DATES_DATE_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/dates/date_mention.h"
#include "extractors/numbers/number_match.h"
#include "pipeline/status.h"

namespace factmine {

// The article's date, the anchor for relative dates. Zero = unknown.
struct DateAnchor {
  int year = 0;
  int month = 0;
  int day = 0;
  // From a published_at value ("2025-11-20", "2025-11-20 08:30+08:00");
  // an empty or malformed value gives the unknown anchor.
  static DateAnchor FromPublishedAt(std::string_view published_at);
};

class DateExtractor {
 public:
  // Loads the date lexicon files from lexicon_dir; errors name file:line.
  static Result<std::unique_ptr<DateExtractor>> Load(
      const std::string& lexicon_dir);

  DateExtractor(const DateExtractor&) = delete;
  DateExtractor& operator=(const DateExtractor&) = delete;

  // Appends the dates of `text` (normalized) to *out in order of span,
  // never overlapping. `numbers` are the NumberScanner's matches for the
  // same text. Sets field/span/value/grain/relation/relative/rule; the
  // caller sets `field` and `sentence`.
  void Extract(std::string_view text, const std::vector<NumberMatch>& numbers,
               const DateAnchor& anchor, std::vector<DateMention>* out) const;

 private:
  DateExtractor() = default;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_DATES_DATE_EXTRACTOR_H_
