// Extract JSON: the output line of `factmine extract` for one article (SPEC
// §5), written by hand (no DOM) because it is the whole output of a
// streaming stage and must not cost more than the reading does.
//
// One line per article, '\n'-terminated, keys in this order:
//
//   {"id":"42","quantities":[Q...],"dates":[D...],"entities":[E...]}
//   {"id":"<path>#3","error":"line 3: not JSON (...)"}
//
// Q: {"start","end","text","value","lower","upper","approx","unit",
//     "dimension","rule"}, then "field":"title" for a title quantity,
//     "range":{"lo","hi"} when approx is range, and "base_unit","to_base"
//     when the unit is not its dimension's base unit (base_unit set).
// D: {"start","end","text","value","grain","relation"}, then "part"
//     (early, mid, late) when the date is part of its period, then
//     "relative","rule", then "field":"title" for a title date.
// E: {"start","end","text","id","type","name","rule"}, then "field":"title"
//     for a title entity. id is the canonical id ("RU", "mp_materials") or
//     null for an unlinked name; type is an EntityTypeName (country, region,
//     place, company, agency, org, person, material, unknown); "name", the
//     canonical English name, is written only when it differs from "text"
//     (an unlinked name, and "China" written as China, are their text).
//
// start/end are code-point offsets (end exclusive, what Python slicing
// sees) into the ORIGINAL text of the field (the article text, or its title
// when "field":"title"), mapped from the normalized byte spans through the
// field's OffsetMap; "text" is that original substring. Numbers are written
// shortest-roundtrip (std::to_chars), whole numbers below 2^53 without an
// exponent (1200000000, 0.75, 1.2e-05, 1e+21); NaN and infinities are null. Strings are escaped by AppendJsonString
// (pipeline/table_writer.h): invalid UTF-8 (a file name in Latin-1) becomes
// U+FFFD, so every line is valid JSON.
//
// Thread safety: pure functions, reentrant.
// Lifetime: nothing is kept; output is appended to the caller's string.
#ifndef FACTMINE_PIPELINE_EXTRACT_JSON_H_
#define FACTMINE_PIPELINE_EXTRACT_JSON_H_

#include <string>
#include <string_view>

#include "pipeline/document.h"

namespace factmine {

// The article's id as `factmine extract` prints it: the JSONL "id" as
// given (a number as written in the JSON: 42 -> "42"), else the reader's
// position key "<path>#<position>" ("<path>#0" for a whole-file failure).
std::string_view ExtractId(const RawArticle& raw);

// Appends the quantities, dates and entities line of an analyzed article.
// REQUIRES: analysis ran (the fields are normalized); spans of the layers lie
// within their field's normalized text (out-of-range spans are clamped).
void WriteExtractJson(const Document& doc, std::string* out);

// Appends {"id":<id>,"error":<message>} and a newline.
void WriteExtractError(std::string_view id, std::string_view message,
                       std::string* out);

// Appends `v` as a JSON number (shortest round-trip), or null when it is
// not finite.
void AppendJsonNumber(double v, std::string* out);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_EXTRACT_JSON_H_
