// Citation markers: "[1][3]", "[1,3]", "[1-3]", "[ 2 ]", "【1】".
//
// FindCitations scans a field's normalized text for bracket groups that hold
// only citation indices (1–3 digit numbers separated by ',' or '、', or
// ranges "a-b"), records each as a Citation (one per bracket group) and
// masks it in the text with spaces of the same byte length, so later
// extractors never mistake an index for a quantity while every offset stays
// valid. Brackets holding words ("【环球时报】", "[Reuters]") and numbers too
// large to be indices ("[2024]") are left alone.
//
// Bounds: a range expands to at most kMaxRange indices; a longer one
// ("[1-5000]") is not a citation. Scanning is linear in the text size.
//
// Thread safety: pure functions. Lifetime: no state.
#ifndef FACTMINE_PIPELINE_CITATIONS_H_
#define FACTMINE_PIPELINE_CITATIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace factmine {

inline constexpr int kMaxCitationIndex = 999;
inline constexpr int kMaxRange = 200;

// Parses the inside of one bracket group ("1,3", "1-3", " 2 ") into
// indices. Returns false when it is not a citation list.
bool ParseCitationList(std::string_view inside, std::vector<int>* indices);

// Finds citation markers in *text, appends them to *out (field = `field`,
// sentence = 0, to be attached by sentence segmentation) and masks them.
void FindAndMaskCitations(Field field, std::string* text, std::vector<Citation>* out);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_CITATIONS_H_
