// Summary parser: splits the body of a digest article into sections and
// bullets (SPEC §2 "article → sections → bullets").
//
// A digest summary is written as headed runs of " - "-separated bullets:
//   "Core Viewpoint - v [1]. Group 1: Russia's Position - b1 [10]. - b2 [3].
//    Group 2 - b3 ..."
// A heading is "Core Viewpoint", "Core Insights", "Group N[: Title]" or any
// other short Title-Case phrase ("Market Overview"); it stands at the start
// of a line, or right after the end of the previous bullet (after "]", ".",
// "。", a run of spaces left by a masked citation, ...), and is followed by
// " - ". Bullets may also stand on their own lines, starting with "- ".
// Text before the first heading, and bodies with no heading at all (Chinese
// prose, tables), form one kBody section with one bullet per non-empty line.
//
// Thread safety: pure functions over their arguments; safe on any thread.
// Lifetime: nothing is retained; results refer to the input by byte offset.
#ifndef FACTMINE_PIPELINE_SUMMARY_PARSER_H_
#define FACTMINE_PIPELINE_SUMMARY_PARSER_H_

#include <string_view>
#include <vector>

#include "pipeline/document.h"

namespace factmine {

// Splits `text` (a digest body; normalized or original; citation markers
// may be present or masked with spaces) into sections and bullets and
// APPENDS them to *sections and *bullets. Every appended Section and Bullet
// has field = Field::kText and spans that are byte offsets into `text`,
// trimmed of surrounding whitespace and of a leading "- " bullet marker.
// Bullet::section indexes into *sections (so it is offset by
// sections->size() at entry). Hyphens without surrounding spaces
// ("U.S.-China", "J-10CE") never split a bullet. Dashes may be '-', U+2013,
// U+2014 or U+FF0D; colons ':' or U+FF1A.
// Empty or blank text appends nothing. Runs in time linear in text.size().
// REQUIRES: sections != nullptr, bullets != nullptr.
void ParseSummary(std::string_view text, std::vector<Section>* sections,
                  std::vector<Bullet>* bullets);

// True if `line` (one line, leading whitespace allowed) opens with a section
// heading followed by " - ": "Core Viewpoint - …", "Group 1: Title - …",
// "Market Overview - …"; then sets *kind (if not null) to the heading's kind
// (kViewpoint, kInsights, kGroup or kHeading). Looks at the first 256 bytes
// only. The digest reader uses it to tell summary lines from headlines.
bool StartsWithSectionHeading(std::string_view line,
                              SectionKind* kind = nullptr);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_SUMMARY_PARSER_H_
