// EntityLexicon: every entity the entities stage can link to, and every
// surface form that names one, in both languages.
//
// Sources (all documented in lexicon/README.md):
//   - ICU: every ISO 3166 region (type country) and the UN M.49 areas and
//     groupings ICU lists (type region), with their English and Chinese
//     display names, long and short, plus spelling variants made from them
//     ("&" → "and", "St." → "Saint", "Myanmar (Burma)" → "Myanmar",
//     "Burma"). The id is ICU's region code: "RU", "US", "EU", "150".
//   - lexicon/region_aliases.tsv: what ICU lacks, keyed by region code
//     (U.S., America, 美利坚, demonyms, names to drop);
//   - lexicon/entities.tsv: hand-curated companies, agencies, orgs,
//     persons, places and materials;
//   - lexicon/zh_short_forms.tsv: single-character Chinese short forms
//     (俄, 华) with the contexts in which they count;
//   - lexicon/entity_context.tsv: blocks, 我国/我们, the verbs and
//     suffixes around short forms and organisation names, English name
//     words (titles, connectors, organisation head words, skip words).
//
// Every surface is normalized like article text (pipeline/normalize.h) and
// put into one SurfaceTrie. Case rule for English: a surface with an ASCII
// capital letter matches as written, or all in capitals when it has four
// ASCII letters or more ("US" is the country, "us" is not; "RUSSIA" is
// Russia); an all-lower-case surface matches in any case ("Rare earths").
//
// Errors name the place: "lexicon/entities.tsv:42: surface 'Lynas' already
// names lynas (lexicon/entities.tsv:40)". Two ICU-generated names that
// collide (刚果 from 刚果(金) and 刚果(布)) are dropped silently: ambiguous.
//
// Thread safety: immutable after Load; share by const reference.
// Lifetime: owns everything; views returned by accessors live as long as it.
#ifndef FACTMINE_EXTRACTORS_ENTITIES_ENTITY_LEXICON_H_
#define FACTMINE_EXTRACTORS_ENTITIES_ENTITY_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extractors/entities/entity_mention.h"
#include "extractors/entities/start_filter.h"
#include "extractors/entities/surface_trie.h"
#include "pipeline/status.h"

namespace factmine {

class Normalizer;

struct EntityInfo {
  std::string id;       // "RU", "mp_materials"
  EntityType type = EntityType::kUnknown;
  std::string name;     // canonical English name
  std::string name_zh;  // canonical Chinese name, or ""
  std::string country;  // ISO 3166 code the entity belongs to, or ""
};

enum class SurfaceKind : uint8_t {
  kName,         // a name or alias of entity `target`
  kDemonym,      // an English demonym of entity `target`
  kBlock,        // text that holds a name but is none (发展中国家)
  kWe,           // 我国/我方/我们: entity `target` in a Chinese article
  kShort,        // a short form; `target` indexes short_forms()
  kZhOrgSuffix,  // 公司, 集团 …: the end of a Chinese organisation name
  kEnWord,       // an English name word; `en_flags` says which kinds
};

// Bits of SurfaceInfo::en_flags.
enum EnWordFlag : uint8_t {
  kEnConnector = 1,  // of, and, &
  kEnTitle = 2,      // President, Mr
  kEnSkip = 4,       // The, However, Monday, GDP
  kEnOrgSuffix = 8,  // Corp, Ministry, Bank
};

struct SurfaceInfo {
  std::string text;  // normalized, as written
  SurfaceKind kind = SurfaceKind::kName;
  uint32_t target = 0;
  uint8_t en_flags = 0;
  bool exact_case = false;  // has an ASCII capital: match as written …
  bool caps_ok = false;     // … or all in capitals (4+ ASCII letters)
  bool acronym = false;     // 2-3 ASCII capitals only (US, UK, EU)
  bool last_alnum = false;  // ends in an ASCII letter or digit: needs a word end
};

// A single-character Chinese short form (lexicon/zh_short_forms.tsv).
struct ShortForm {
  char32_t ch = 0;
  uint32_t entity = 0;
  bool side = false, pair = false, verb = false, compound = false;
  std::vector<std::string> not_prev, not_next, ok_next;
};

class EntityLexicon {
 public:
  // Loads the sources above from `lexicon_dir`, normalizing every surface
  // with `normalizer`. The first bad line is reported as
  // "<dir>/<file>:<line>: <why>".
  static Result<std::unique_ptr<EntityLexicon>> Load(const std::string& lexicon_dir,
                                                    const Normalizer& normalizer);

  EntityLexicon(const EntityLexicon&) = delete;
  EntityLexicon& operator=(const EntityLexicon&) = delete;

  const std::vector<EntityInfo>& entities() const { return entities_; }
  const std::vector<SurfaceInfo>& surfaces() const { return surfaces_; }
  const std::vector<ShortForm>& short_forms() const { return short_forms_; }
  const SurfaceTrie& trie() const { return trie_; }
  const StartFilter& start_filter() const { return filter_; }

  // Index of the entity with this id, or -1.
  int FindId(std::string_view id) const;
  // Index of the entity one of whose names or aliases is exactly `name`
  // (normalized; ASCII case ignored), or -1: "Russia", "俄罗斯", "RU".
  int FindByName(std::string_view name) const;
  // Index of the entity a user means by `text` (normalized; ASCII case
  // ignored), or -1: a name or alias (FindByName, which covers ids too:
  // "RU", "mp_materials"), else an English demonym ("Russian"), else a
  // Chinese short form (俄, 华), else 我国/我方 (China). For command-line
  // filters such as `factmine facts --entity 俄`, where no context decides.
  int Resolve(std::string_view text) const;

  // Every name and alias with a Han character and at least two code points
  // (俄罗斯, 北方稀土, MP材料; not the short forms), in lexicon order: the
  // words Chinese word segmentation should keep whole
  // (WordSegmenter::AddWords).
  std::vector<std::string> ChineseNames() const;

  // Context words (lexicon/entity_context.tsv).
  bool IsZhVerb(char32_t c) const;
  bool IsZhCompound(char32_t c) const;
  const std::vector<std::string>& zh_verb_block() const { return zh_verb_block_; }
  const std::vector<std::string>& zh_side_not_next() const { return zh_side_not_next_; }
  const std::vector<std::string>& zh_side_ok_next() const { return zh_side_ok_next_; }
  // True when text[..pos) ends with a zh_org_stop word.
  bool ZhOrgStopEndsAt(std::string_view text, size_t pos) const;
  // Length in bytes of the longest zh_org_generic word at the start of s,
  // or 0.
  size_t GenericWordAt(std::string_view s) const;

 private:
  EntityLexicon() = default;
  friend class EntityLexiconLoader;

  std::vector<EntityInfo> entities_;
  std::vector<SurfaceInfo> surfaces_;
  std::vector<ShortForm> short_forms_;
  SurfaceTrie trie_;
  StartFilter filter_;
  std::unordered_map<std::string, uint32_t> by_id_;
  std::unordered_map<std::string, uint32_t> by_name_;  // folded surface -> entity
  std::vector<char32_t> zh_verb_, zh_compound_;        // sorted
  std::vector<std::string> zh_verb_block_, zh_side_not_next_, zh_side_ok_next_;
  // zh_org_stop words by their last code point.
  std::unordered_map<char32_t, std::vector<std::string>> zh_org_stop_;
  std::unordered_set<std::string> zh_org_generic_;
  size_t generic_max_len_ = 0;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_ENTITIES_ENTITY_LEXICON_H_
