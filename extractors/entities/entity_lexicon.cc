// EntityLexicon loading (see entity_lexicon.h).
#include "extractors/entities/entity_lexicon.h"

#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "extractors/numbers/number_value.h"
#include "pipeline/lang.h"
#include "pipeline/normalize.h"
#include "pipeline/tsv.h"

namespace factmine {

namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiAlnum(char c) {
  return IsAsciiUpper(c) || IsAsciiLower(c) || (c >= '0' && c <= '9');
}

std::string Fold(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(SurfaceTrie::kFold[static_cast<uint8_t>(c)]);
  return out;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

// Number of code points of s, and the only one when there is exactly one.
size_t CodePoints(std::string_view s, char32_t* first) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    char32_t c = DecodeUtf8(s, i, &len);
    if (n == 0 && first) *first = c;
    ++n;
    i += len;
  }
  return n;
}

// "|"-separated parts of a field; an empty part ("a||b", "|a") is an error.
bool SplitParts(std::string_view field, std::vector<std::string>* out) {
  out->clear();
  if (field.empty()) return true;
  size_t start = 0;
  while (true) {
    size_t p = field.find('|', start);
    std::string_view part = field.substr(start, p == std::string_view::npos ? p : p - start);
    if (part.empty()) return false;
    out->emplace_back(part);
    if (p == std::string_view::npos) return true;
    start = p + 1;
  }
}

// Spelling variants of an (already normalized) ICU display name.
std::vector<std::string> Variants(const std::string& name) {
  std::vector<std::string> out = {name};
  auto add = [&](std::string v) {
    if (!v.empty() && std::find(out.begin(), out.end(), v) == out.end()) {
      out.push_back(std::move(v));
    }
  };
  if (size_t p = name.find(" & "); p != std::string::npos) {
    add(name.substr(0, p) + " and " + name.substr(p + 3));
  }
  for (size_t i = 0, n = out.size(); i < n; ++i) {
    const std::string v = out[i];
    if (v.rfind("St. ", 0) == 0) {
      add("Saint " + v.substr(4));
      add("St " + v.substr(4));
    }
  }
  for (size_t i = 0, n = out.size(); i < n; ++i) {
    const std::string v = out[i];
    size_t open = v.find('(');
    size_t close = v.find(')', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) continue;
    std::string outer = v.substr(0, open) + v.substr(close + 1);
    // Collapse the spaces the cut leaves ("Cocos  Islands", "Myanmar ").
    std::string clean;
    for (char c : outer) {
      if (c == ' ' && (clean.empty() || clean.back() == ' ')) continue;
      clean.push_back(c);
    }
    while (!clean.empty() && clean.back() == ' ') clean.pop_back();
    add(clean);
    // "Myanmar (Burma)": a one-word name with its other name in brackets.
    if (close + 1 == v.size() && clean.find(' ') == std::string::npos && IsAsciiUpper(v[0])) {
      add(v.substr(open + 1, close - open - 1));
    }
  }
  return out;
}

constexpr std::string_view kCuratedTypes[] = {"company", "agency", "org",
                                              "person",  "place",  "material"};

}  // namespace

// Builds an EntityLexicon; keeps the bookkeeping the finished lexicon does
// not need (where each surface came from, which are generated).
class EntityLexiconLoader {
 public:
  EntityLexiconLoader(const std::string& dir, const Normalizer& norm, EntityLexicon* lex)
      : dir_(dir), norm_(norm), lex_(*lex) {}

  Status Run() {
    Status s = LoadRegions();
    if (s.ok()) s = LoadEntities();
    if (s.ok()) s = LoadShortForms();
    if (s.ok()) s = LoadContext();
    if (s.ok()) Finish();
    return s;
  }

 private:
  struct Pending {
    std::string text;  // normalized
    SurfaceKind kind;
    uint32_t target;
    uint8_t en_flags;
    bool generated;
    bool dropped = false;
    std::string origin;
  };

  static bool Exclusive(SurfaceKind k) { return k != SurfaceKind::kEnWord; }

  std::string Path(const char* file) const { return dir_ + "/" + file; }

  std::string Describe(const Pending& p) const {
    switch (p.kind) {
      case SurfaceKind::kName:
      case SurfaceKind::kDemonym:
      case SurfaceKind::kWe:
        return "names " + lex_.entities_[p.target].id;
      case SurfaceKind::kBlock:
        return "is a block";
      case SurfaceKind::kShort:
        return "is a short form";
      case SurfaceKind::kZhOrgSuffix:
        return "is an organisation suffix";
      case SurfaceKind::kEnWord:
        return "is an English name word";
    }
    return "";
  }

  // Adds one surface. `origin` is "file:line" (or "ICU <code>") for errors.
  Status Add(std::string_view raw, SurfaceKind kind, uint32_t target, bool generated,
             const std::string& origin, uint8_t en_flags = 0) {
    std::string text = norm_.NormalizeString(raw);
    if (text.empty()) return Status::RuleError(origin + ": empty surface");
    if (text.front() == ' ' || text.back() == ' ' || text.find("  ") != std::string::npos ||
        text.find_first_of("\t\n\r") != std::string::npos) {
      return Status::RuleError(origin + ": surface '" + std::string(raw) +
                               "' has stray white space");
    }
    const std::string key = Fold(text);
    std::vector<size_t>& same = by_key_[key];
    for (size_t idx : same) {
      Pending& p = pending_[idx];
      if (p.dropped) continue;
      if (kind == SurfaceKind::kEnWord || p.kind == SurfaceKind::kEnWord) {
        if (kind == p.kind && text == p.text) {
          p.en_flags |= en_flags;
          return Status::Ok();
        }
        continue;  // English words coexist with names of the same spelling
      }
      const bool same_meaning =
          p.target == target && (p.kind == kind || ((p.kind == SurfaceKind::kName ||
                                                     p.kind == SurfaceKind::kDemonym) &&
                                                    (kind == SurfaceKind::kName ||
                                                     kind == SurfaceKind::kDemonym)));
      if (same_meaning) {
        if (text == p.text) return Status::Ok();  // the same surface twice
        continue;                                 // a case variant
      }
      if (generated && p.generated) {
        ambiguous_.insert(key);  // two ICU names collide: neither is used
        continue;
      }
      Pending probe{text, kind, target, en_flags, generated, false, origin};
      return Status::RuleError(origin + ": surface '" + text + "' " + Describe(probe) +
                               " but already " + Describe(p) + " (" + p.origin + ")");
    }
    same.push_back(pending_.size());
    pending_.push_back({std::move(text), kind, target, en_flags, generated, false, origin});
    return Status::Ok();
  }

  uint32_t NewEntity(EntityInfo e) {
    const uint32_t idx = static_cast<uint32_t>(lex_.entities_.size());
    lex_.by_id_.emplace(e.id, idx);
    lex_.entities_.push_back(std::move(e));
    return idx;
  }

  // ICU regions, then lexicon/region_aliases.tsv on top.
  Status LoadRegions() {
    auto table = TsvTable::Load(Path("region_aliases.tsv"),
                                {"code", "name", "en", "zh", "demonyms", "drop", "note"});
    if (!table.ok()) return table.status();
    const TsvTable& t = table.value();
    std::set<std::string> drop_all;
    std::map<std::string, const TsvTable::Row*> rows;
    for (const auto& row : t.rows()) {
      const std::string& code = t.Get(row, "code");
      if (!rows.emplace(code, &row).second) {
        return t.ErrorAt(row, "region " + code + " appears twice");
      }
      if (t.Get(row, "drop") == "*") drop_all.insert(code);
    }

    UErrorCode status = U_ZERO_ERROR;
    UDisplayContext short_ctx[] = {UDISPCTX_LENGTH_SHORT};
    const icu::Locale en("en"), zh("zh");
    std::unique_ptr<icu::LocaleDisplayNames> en_short(
        icu::LocaleDisplayNames::createInstance(en, short_ctx, 1));
    std::unique_ptr<icu::LocaleDisplayNames> zh_short(
        icu::LocaleDisplayNames::createInstance(zh, short_ctx, 1));
    if (!en_short || !zh_short) return Status::RuleError("ICU: no locale display names");

    std::vector<std::pair<std::string, EntityType>> codes;
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      codes.emplace_back(*c, EntityType::kCountry);
    }
    for (URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT, URGN_GROUPING}) {
      std::unique_ptr<icu::StringEnumeration> e(icu::Region::getAvailable(type, status));
      if (U_FAILURE(status) || !e) return Status::RuleError("ICU: no region list");
      while (const char* id = e->next(nullptr, status)) {
        codes.emplace_back(id, EntityType::kRegion);
      }
    }
    std::set<std::string> known;
    for (const auto& [code, type] : codes) {
      if (!known.insert(code).second) continue;
      if (drop_all.count(code)) continue;
      icu::UnicodeString u;
      icu::Locale region("", code.c_str());
      const std::string en_long = norm_.NormalizeString(ToUtf8(region.getDisplayCountry(en, u)));
      const std::string zh_long = norm_.NormalizeString(ToUtf8(region.getDisplayCountry(zh, u)));
      const std::string en_sh =
          norm_.NormalizeString(ToUtf8(en_short->regionDisplayName(code.c_str(), u)));
      const std::string zh_sh =
          norm_.NormalizeString(ToUtf8(zh_short->regionDisplayName(code.c_str(), u)));
      if (en_long.empty() || en_long == code) continue;  // ICU has no name for it
      EntityInfo info;
      info.id = code;
      info.type = type;
      info.name = en_long.find('(') != std::string::npos ? en_sh : en_long;
      info.name_zh = zh_sh;
      if (type == EntityType::kCountry) info.country = code;
      const uint32_t idx = NewEntity(std::move(info));
      const std::string origin = "ICU " + code;
      for (const std::string* name : {&en_long, &en_sh, &zh_long, &zh_sh}) {
        if (name->empty()) continue;
        for (const std::string& v : Variants(*name)) {
          if (Status s = Add(v, SurfaceKind::kName, idx, true, origin); !s.ok()) return s;
        }
      }
    }
    known_regions_ = known;

    std::vector<std::string> parts;
    for (const auto& row : t.rows()) {
      const std::string& code = t.Get(row, "code");
      if (!known.count(code)) return t.ErrorAt(row, "ICU knows no region " + code);
      if (drop_all.count(code)) continue;
      const uint32_t idx = lex_.by_id_.at(code);
      const std::string origin = t.name() + ":" + std::to_string(row.line);
      if (const std::string& name = t.Get(row, "name"); !name.empty()) {
        lex_.entities_[idx].name = name;
        if (Status s = Add(name, SurfaceKind::kName, idx, false, origin); !s.ok()) return s;
      }
      if (!SplitParts(t.Get(row, "drop"), &parts)) return t.ErrorAt(row, "empty part in drop");
      for (const std::string& d : parts) {
        const std::string text = norm_.NormalizeString(d);
        bool found = false;
        for (size_t i : by_key_[Fold(text)]) {
          Pending& p = pending_[i];
          if (p.generated && p.target == idx && p.text == text && !p.dropped) {
            p.dropped = true;
            found = true;
          }
        }
        if (!found) return t.ErrorAt(row, "ICU gives " + code + " no name '" + d + "' to drop");
      }
      for (const char* col : {"en", "zh", "demonyms"}) {
        if (!SplitParts(t.Get(row, col), &parts)) {
          return t.ErrorAt(row, std::string("empty part in ") + col);
        }
        const SurfaceKind kind =
            std::string_view(col) == "demonyms" ? SurfaceKind::kDemonym : SurfaceKind::kName;
        for (const std::string& p : parts) {
          if (Status s = Add(p, kind, idx, false, origin); !s.ok()) return s;
        }
      }
    }
    return Status::Ok();
  }

  Status LoadEntities() {
    auto table = TsvTable::Load(Path("entities.tsv"), {"id", "type", "en", "zh", "aliases",
                                                       "demonyms", "country", "note"});
    if (!table.ok()) return table.status();
    const TsvTable& t = table.value();
    std::vector<std::string> parts;
    for (const auto& row : t.rows()) {
      EntityInfo info;
      info.id = t.Get(row, "id");
      if (info.id.empty() || !IsAsciiLower(info.id[0]) ||
          !std::all_of(info.id.begin(), info.id.end(),
                       [](char c) { return IsAsciiLower(c) || (c >= '0' && c <= '9') || c == '_'; })) {
        return t.ErrorAt(row, "id '" + info.id + "' is not lower-case ASCII with '_'");
      }
      if (lex_.by_id_.count(info.id)) return t.ErrorAt(row, "id " + info.id + " appears twice");
      const std::string& type = t.Get(row, "type");
      if (std::find(std::begin(kCuratedTypes), std::end(kCuratedTypes), type) ==
              std::end(kCuratedTypes) ||
          !ParseEntityType(type, &info.type)) {
        return t.ErrorAt(row, "unknown type '" + type +
                                  "' (company, agency, org, person, place, material)");
      }
      info.name = t.Get(row, "en");
      info.name_zh = t.Get(row, "zh");
      if (info.name.empty()) return t.ErrorAt(row, "no English name");
      info.country = t.Get(row, "country");
      if (!info.country.empty() &&
          (!known_regions_.count(info.country) || info.country.size() != 2)) {
        return t.ErrorAt(row, "country '" + info.country + "' is no ISO 3166 code ICU knows");
      }
      const std::string origin = t.name() + ":" + std::to_string(row.line);
      const uint32_t idx = NewEntity(info);
      for (const char* col : {"en", "zh", "aliases", "demonyms"}) {
        if (!SplitParts(t.Get(row, col), &parts)) {
          return t.ErrorAt(row, std::string("empty part in ") + col);
        }
        const SurfaceKind kind =
            std::string_view(col) == "demonyms" ? SurfaceKind::kDemonym : SurfaceKind::kName;
        for (const std::string& p : parts) {
          if (Status s = Add(p, kind, idx, false, origin); !s.ok()) return s;
        }
      }
    }
    return Status::Ok();
  }

  Status LoadShortForms() {
    auto table = TsvTable::Load(Path("zh_short_forms.tsv"), {"char", "region", "contexts",
                                                             "not_prev", "not_next", "ok_next",
                                                             "note"});
    if (!table.ok()) return table.status();
    const TsvTable& t = table.value();
    std::vector<std::string> parts;
    for (const auto& row : t.rows()) {
      ShortForm sf;
      const std::string ch = norm_.NormalizeString(t.Get(row, "char"));
      if (CodePoints(ch, &sf.ch) != 1 || !IsHan(sf.ch)) {
        return t.ErrorAt(row, "char '" + t.Get(row, "char") + "' is not one Han character");
      }
      const std::string& region = t.Get(row, "region");
      auto it = lex_.by_id_.find(region);
      if (it == lex_.by_id_.end() || (lex_.entities_[it->second].type != EntityType::kCountry &&
                                      lex_.entities_[it->second].type != EntityType::kRegion)) {
        return t.ErrorAt(row, "region '" + region + "' is no region ICU knows");
      }
      sf.entity = it->second;
      if (!SplitParts(t.Get(row, "contexts"), &parts) || parts.empty()) {
        return t.ErrorAt(row, "no contexts");
      }
      for (const std::string& c : parts) {
        if (c == "side") sf.side = true;
        else if (c == "pair") sf.pair = true;
        else if (c == "verb") sf.verb = true;
        else if (c == "compound") sf.compound = true;
        else return t.ErrorAt(row, "unknown context '" + c + "' (side, pair, verb, compound)");
      }
      for (auto [col, out] : {std::pair{"not_prev", &sf.not_prev},
                              std::pair{"not_next", &sf.not_next},
                              std::pair{"ok_next", &sf.ok_next}}) {
        if (!SplitParts(t.Get(row, col), out)) {
          return t.ErrorAt(row, std::string("empty part in ") + col);
        }
        for (std::string& s : *out) s = norm_.NormalizeString(s);
      }
      const uint32_t idx = static_cast<uint32_t>(lex_.short_forms_.size());
      for (const ShortForm& other : lex_.short_forms_) {
        if (other.ch == sf.ch) return t.ErrorAt(row, "char " + ch + " appears twice");
      }
      lex_.short_forms_.push_back(std::move(sf));
      const std::string origin = t.name() + ":" + std::to_string(row.line);
      if (Status s = Add(ch, SurfaceKind::kShort, idx, false, origin); !s.ok()) return s;
    }
    return Status::Ok();
  }

  Status LoadContext() {
    auto table = TsvTable::Load(Path("entity_context.tsv"), {"kind", "text", "value", "note"});
    if (!table.ok()) return table.status();
    const TsvTable& t = table.value();
    for (const auto& row : t.rows()) {
      const std::string& kind = t.Get(row, "kind");
      const std::string& raw = t.Get(row, "text");
      const std::string& value = t.Get(row, "value");
      const std::string text = norm_.NormalizeString(raw);
      const std::string origin = t.name() + ":" + std::to_string(row.line);
      if (text.empty()) return t.ErrorAt(row, "empty text");
      if (!value.empty() && kind != "zh_we") return t.ErrorAt(row, "value is for zh_we only");
      char32_t first = 0;
      const size_t cps = CodePoints(text, &first);
      Status s;
      if (kind == "block") {
        s = Add(text, SurfaceKind::kBlock, 0, false, origin);
      } else if (kind == "zh_we") {
        auto it = lex_.by_id_.find(value);
        if (it == lex_.by_id_.end()) return t.ErrorAt(row, "unknown region '" + value + "'");
        s = Add(text, SurfaceKind::kWe, it->second, false, origin);
      } else if (kind == "zh_verb" || kind == "zh_compound") {
        if (cps != 1 || !IsHan(first)) return t.ErrorAt(row, "not one Han character");
        (kind == "zh_verb" ? lex_.zh_verb_ : lex_.zh_compound_).push_back(first);
      } else if (kind == "zh_verb_block") {
        if (cps != 2) return t.ErrorAt(row, "a zh_verb_block has two characters");
        lex_.zh_verb_block_.push_back(text);
      } else if (kind == "zh_side_not_next") {
        lex_.zh_side_not_next_.push_back(text);
      } else if (kind == "zh_side_ok_next") {
        lex_.zh_side_ok_next_.push_back(text);
      } else if (kind == "zh_org_suffix") {
        s = Add(text, SurfaceKind::kZhOrgSuffix, 0, false, origin);
      } else if (kind == "zh_org_stop") {
        size_t len = 0;
        lex_.zh_org_stop_[DecodeUtf8Before(text, text.size(), &len)].push_back(text);
      } else if (kind == "zh_org_generic") {
        lex_.zh_org_generic_.insert(text);
        lex_.generic_max_len_ = std::max(lex_.generic_max_len_, text.size());
      } else if (kind == "en_connector" || kind == "en_title" || kind == "en_skip" ||
                 kind == "en_org_suffix") {
        const uint8_t flag = kind == "en_connector" ? kEnConnector
                             : kind == "en_title"   ? kEnTitle
                             : kind == "en_skip"    ? kEnSkip
                                                    : kEnOrgSuffix;
        if (text.find(' ') != std::string::npos) return t.ErrorAt(row, "one word per row");
        s = Add(text, SurfaceKind::kEnWord, 0, false, origin, flag);
      } else {
        return t.ErrorAt(row, "unknown kind '" + kind + "'");
      }
      if (!s.ok()) return s;
    }
    std::sort(lex_.zh_verb_.begin(), lex_.zh_verb_.end());
    std::sort(lex_.zh_compound_.begin(), lex_.zh_compound_.end());
    // Every zh_verb_block must end in a zh_verb character, or it blocks
    // nothing.
    for (const std::string& b : lex_.zh_verb_block_) {
      size_t len = 0;
      const char32_t last = DecodeUtf8Before(b, b.size(), &len);
      if (!lex_.IsZhVerb(last)) {
        return Status::RuleError(t.name() + ": zh_verb_block '" + b +
                                 "' does not end in a zh_verb character");
      }
    }
    return Status::Ok();
  }

  void Finish() {
    SurfaceTrie::Builder builder;
    for (const Pending& p : pending_) {
      if (p.dropped) continue;
      const std::string key = Fold(p.text);
      if (p.generated && ambiguous_.count(key)) continue;
      SurfaceInfo s;
      s.text = p.text;
      s.kind = p.kind;
      s.target = p.target;
      s.en_flags = p.en_flags;
      int letters = 0, upper = 0, lower = 0;
      for (char c : p.text) {
        upper += IsAsciiUpper(c);
        lower += IsAsciiLower(c);
      }
      letters = upper + lower;
      s.exact_case = upper > 0;
      s.caps_ok = upper > 0 && lower > 0 && letters >= 4;
      s.acronym = (p.text.size() == 2 || p.text.size() == 3) && upper == static_cast<int>(p.text.size());
      s.last_alnum = IsAsciiAlnum(p.text.back());
      const uint32_t idx = static_cast<uint32_t>(lex_.surfaces_.size());
      if (p.kind == SurfaceKind::kName) lex_.by_name_.emplace(key, p.target);
      // Connectors (of, and) are looked up only after a capitalised word
      // (see entity_extractor.cc), so they need not pass the filter.
      if (p.kind != SurfaceKind::kEnWord || p.en_flags != kEnConnector) {
        const bool capital = IsAsciiUpper(p.text[0]);
        // A capital start: as written, or a lower-case surface capitalised
        // (any case), or all in capitals (caps_ok: "eVAC" as "EVAC").
        const bool upper = capital || (IsAsciiLower(p.text[0]) && (!s.exact_case || s.caps_ok));
        lex_.filter_.Add(key, upper, !capital);
      }
      lex_.surfaces_.push_back(std::move(s));
      builder.Add(key, idx);
    }
    for (uint32_t i = 0; i < lex_.entities_.size(); ++i) {
      lex_.by_name_.emplace(Fold(lex_.entities_[i].id), i);
    }
    lex_.trie_ = std::move(builder).Build();
  }

  const std::string dir_;
  const Normalizer& norm_;
  EntityLexicon& lex_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, std::vector<size_t>> by_key_;
  std::set<std::string> ambiguous_;
  std::set<std::string> known_regions_;
};

Result<std::unique_ptr<EntityLexicon>> EntityLexicon::Load(const std::string& lexicon_dir,
                                                          const Normalizer& normalizer) {
  std::unique_ptr<EntityLexicon> lex(new EntityLexicon());
  EntityLexiconLoader loader(lexicon_dir, normalizer, lex.get());
  if (Status s = loader.Run(); !s.ok()) return s;
  return lex;
}

std::vector<std::string> EntityLexicon::ChineseNames() const {
  std::vector<std::string> out;
  for (const SurfaceInfo& s : surfaces_) {
    if (s.kind != SurfaceKind::kName) continue;
    char32_t first = 0;
    if (CodePoints(s.text, &first) < 2) continue;
    bool han = false;
    for (size_t i = 0; i < s.text.size() && !han;) {
      size_t len = 1;
      han = IsHan(DecodeUtf8(s.text, i, &len));
      i += len;
    }
    if (han) out.push_back(s.text);
  }
  return out;
}

int EntityLexicon::FindId(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : static_cast<int>(it->second);
}

int EntityLexicon::Resolve(std::string_view text) const {
  if (text.empty()) return -1;
  const int named = FindByName(text);
  if (named >= 0) return named;
  const std::string key = Fold(text);
  for (const SurfaceInfo& s : surfaces_) {
    if ((s.kind == SurfaceKind::kDemonym || s.kind == SurfaceKind::kWe) &&
        Fold(s.text) == key) {
      return static_cast<int>(s.target);
    }
  }
  char32_t first = 0;
  if (CodePoints(text, &first) == 1) {
    for (const ShortForm& f : short_forms_) {
      if (f.ch == first) return static_cast<int>(f.entity);
    }
  }
  return -1;
}

int EntityLexicon::FindByName(std::string_view name) const {
  auto it = by_name_.find(Fold(name));
  return it == by_name_.end() ? -1 : static_cast<int>(it->second);
}

bool EntityLexicon::IsZhVerb(char32_t c) const {
  return std::binary_search(zh_verb_.begin(), zh_verb_.end(), c);
}

bool EntityLexicon::IsZhCompound(char32_t c) const {
  return std::binary_search(zh_compound_.begin(), zh_compound_.end(), c);
}

bool EntityLexicon::ZhOrgStopEndsAt(std::string_view text, size_t pos) const {
  if (pos == 0) return false;
  size_t len = 0;
  auto it = zh_org_stop_.find(DecodeUtf8Before(text, pos, &len));
  if (it == zh_org_stop_.end()) return false;
  const std::string_view head = text.substr(0, pos);
  for (const std::string& s : it->second) {
    if (head.size() >= s.size() && head.substr(head.size() - s.size()) == s) return true;
  }
  return false;
}

size_t EntityLexicon::GenericWordAt(std::string_view s) const {
  for (size_t len = std::min(s.size(), generic_max_len_); len > 0; --len) {
    // Only whole code points: a UTF-8 boundary follows.
    if (len < s.size() && (static_cast<uint8_t>(s[len]) & 0xC0) == 0x80) continue;
    if (zh_org_generic_.count(std::string(s.substr(0, len)))) return len;
  }
  return 0;
}

}  // namespace factmine
