// ClaimWords loading (see claim_words.h).
#include "extractors/claims/claim_words.h"

#include <algorithm>
#include <set>
#include <utility>

#include "pipeline/tsv.h"

namespace factmine {

namespace {

// The dimensions extractors/quantities gives a quantity (quantity.h).
constexpr std::string_view kDimensions[] = {
    "percent", "percentage_point", "multiple", "currency", "mass",  "count",
    "duration", "length",          "area",     "volume",   "speed", "information",
    "power",   "energy",           "temperature", "number"};

// "|"-separated parts; false on an empty part ("a||b", "|a").
bool SplitParts(std::string_view field, std::vector<std::string>* out) {
  out->clear();
  if (field.empty()) return true;
  size_t start = 0;
  while (true) {
    const size_t p = field.find('|', start);
    const std::string_view part =
        field.substr(start, p == std::string_view::npos ? p : p - start);
    if (part.empty()) return false;
    out->emplace_back(part);
    if (p == std::string_view::npos) return true;
    start = p + 1;
  }
}

}  // namespace

Result<ClaimWords> ClaimWords::Load(const std::string& lexicon_dir) {
  ClaimWords w;
  auto attrs = TsvTable::Load(lexicon_dir + "/attributes.tsv",
                              {"id", "dimensions", "en", "zh", "note"});
  if (!attrs.ok()) return attrs.status();
  const TsvTable& a = attrs.value();
  std::set<std::string> ids;
  for (const auto& row : a.rows()) {
    ClaimAttribute attr;
    attr.id = a.Get(row, "id");
    if (attr.id.empty()) return a.ErrorAt(row, "empty id");
    if (!ids.insert(attr.id).second) return a.ErrorAt(row, "id " + attr.id + " appears twice");
    if (!SplitParts(a.Get(row, "dimensions"), &attr.dimensions) || attr.dimensions.empty()) {
      return a.ErrorAt(row, "no dimensions");
    }
    for (const std::string& d : attr.dimensions) {
      if (std::find(std::begin(kDimensions), std::end(kDimensions), d) == std::end(kDimensions)) {
        return a.ErrorAt(row, "unknown dimension '" + d + "'");
      }
    }
    if (!SplitParts(a.Get(row, "en"), &attr.en) || !SplitParts(a.Get(row, "zh"), &attr.zh)) {
      return a.ErrorAt(row, "empty part in a trigger list");
    }
    if (attr.en.empty() || attr.zh.empty()) {
      return a.ErrorAt(row, "an attribute needs triggers in both languages");
    }
    w.attributes_.push_back(std::move(attr));
  }

  auto hedges = TsvTable::Load(lexicon_dir + "/hedges.tsv",
                               {"text", "lang", "modality", "position", "note"});
  if (!hedges.ok()) return hedges.status();
  const TsvTable& h = hedges.value();
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& row : h.rows()) {
    Hedge hedge;
    hedge.text = h.Get(row, "text");
    hedge.lang = h.Get(row, "lang");
    hedge.position = h.Get(row, "position");
    if (hedge.text.empty()) return h.ErrorAt(row, "empty text");
    if (hedge.lang != "en" && hedge.lang != "zh") return h.ErrorAt(row, "lang is en or zh");
    if (hedge.position != "before" && hedge.position != "after" && hedge.position != "any") {
      return h.ErrorAt(row, "position is before, after or any");
    }
    const std::string& m = h.Get(row, "modality");
    if (!ParseModality(m, &hedge.modality)) {
      return h.ErrorAt(row, "unknown modality '" + m + "'");
    }
    if (!seen.emplace(hedge.text, hedge.lang).second) {
      return h.ErrorAt(row, "'" + hedge.text + "' (" + hedge.lang + ") appears twice");
    }
    w.hedges_.push_back(std::move(hedge));
  }
  return w;
}

const ClaimAttribute* ClaimWords::Find(std::string_view id) const {
  for (const ClaimAttribute& a : attributes_) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

}  // namespace factmine
