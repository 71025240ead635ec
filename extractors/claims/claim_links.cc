// ClaimLinks loading (see claim_links.h).
#include "extractors/claims/claim_links.h"

#include <algorithm>

#include "pipeline/tsv.h"

namespace factmine {

Result<ClaimLinks> ClaimLinks::Load(const std::string& lexicon_dir,
                                    const std::vector<std::string>& attribute_ids) {
  ClaimLinks l;
  auto t = TsvTable::Load(lexicon_dir + "/claim_links.tsv",
                          {"kind", "text", "attributes", "note"});
  if (!t.ok()) return t.status();
  const TsvTable& tab = t.value();
  for (const auto& row : tab.rows()) {
    const std::string& kind = tab.Get(row, "kind");
    const std::string& text = tab.Get(row, "text");
    const std::string& attrs = tab.Get(row, "attributes");
    if (text.empty()) return tab.ErrorAt(row, "empty text");
    if (kind == "counterpart") {
      CounterpartWord w;
      w.text = text;
      w.attributes = TsvTable::Split(attrs);
      if (w.attributes.empty()) return tab.ErrorAt(row, "a counterpart word needs attributes");
      for (const std::string& a : w.attributes) {
        if (a != "*" &&
            std::find(attribute_ids.begin(), attribute_ids.end(), a) == attribute_ids.end()) {
          return tab.ErrorAt(row, "unknown attribute '" + a + "'");
        }
      }
      l.counterpart_.push_back(std::move(w));
      continue;
    }
    auto known = [&](const std::string& id) {
      return std::find(attribute_ids.begin(), attribute_ids.end(), id) != attribute_ids.end();
    };
    if (kind == "share_of") {
      if (!known(text)) return tab.ErrorAt(row, "unknown attribute '" + text + "'");
      if (!known(attrs)) return tab.ErrorAt(row, "unknown attribute '" + attrs + "'");
      l.share_of_.push_back({text, attrs});
      continue;
    }
    if (!attrs.empty()) {
      return tab.ErrorAt(row, "attributes only for kinds counterpart and share_of");
    }
    std::vector<std::string>* dest =
        kind == "subject_of"           ? &l.subject_of_
        : kind == "possessive"         ? &l.possessive_
        : kind == "article"            ? &l.article_
        : kind == "attribution_before" ? &l.attribution_before_
        : kind == "attribution_after"  ? &l.attribution_after_
        : kind == "attribution_end"    ? &l.attribution_end_
        : kind == "revision"           ? &l.revision_
        : kind == "revision_by"        ? &l.revision_by_
        : kind == "generic"            ? &l.generic_
        : kind == "share"              ? &l.share_
                                       : nullptr;
    if (dest == nullptr) return tab.ErrorAt(row, "unknown kind '" + kind + "'");
    if (kind == "generic" &&
        std::find(attribute_ids.begin(), attribute_ids.end(), text) == attribute_ids.end()) {
      return tab.ErrorAt(row, "unknown attribute '" + text + "'");
    }
    dest->push_back(text);
  }
  // Longest first, so that "according to data from" wins over "according to".
  auto by_length = [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  };
  for (auto* v : {&l.subject_of_, &l.possessive_, &l.article_, &l.attribution_before_,
                  &l.attribution_after_, &l.attribution_end_, &l.revision_, &l.revision_by_}) {
    std::stable_sort(v->begin(), v->end(), by_length);
  }
  std::stable_sort(l.counterpart_.begin(), l.counterpart_.end(),
                   [](const CounterpartWord& a, const CounterpartWord& b) {
                     return a.text.size() > b.text.size();
                   });
  return l;
}

}  // namespace factmine
