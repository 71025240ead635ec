// EntityExtractor: finds the entities of a normalized text in both
// languages and links them to the lexicon's canonical ids (SPEC §3
// "Entities"). It does not use Chinese word segmentation.
//
// One pass over the text walks the SurfaceTrie (entity_lexicon.h) at every
// Chinese character and at every English word start and takes the longest
// surface the rules accept there (leftmost-longest, never overlapping):
//   - English: whole words only (the character after must not be an ASCII
//     letter or digit; "Russia's" and "US-China" are fine), case as the
//     lexicon says ("US" is the country, "us" is not), and a 2-3-letter
//     acronym is not taken between two all-capital words (LET US KNOW);
//   - Chinese: any position; a block (发展中国家, 美中不足) hides what it
//     holds.
// Then, from what the pass noted:
//   1. short forms (zh_short_forms.tsv) become mentions only in their
//      contexts: X方 (俄方), runs of short forms (中美俄), after a verb (对华,
//      访美), before 企/资/股/军 (中企); never where a neighbour makes them
//      part of a word (其中, 美元, 今日);
//   2. 我国, 我方, 我们 are China when `is_chinese_document` says so;
//   3. a Chinese organisation suffix (公司, 集团, 有限公司) is read
//      leftwards over Han and ASCII characters until a stop word, a
//      non-letter or 12 characters; what it covers becomes one unlinked
//      org (包头某某稀土有限公司) unless it is only generic words and
//      country or material names (稀土公司, 美国上市公司); when it begins with
//      a linked company the linked mention grows over the suffix;
//   4. English capitalised runs (words joined by single spaces, hyphens,
//      "&" or connectors such as "of") that hold a word no lexicon entry
//      covers: with an organisation head word (Corp, Ministry, Bank) the run
//      is one unlinked org (swallowing lexicon mentions inside it: "Bank of
//      Ruritania"), after a title (President, Mr) a person, else an unknown
//      name. Not in title-case or all-capital segments (headings such as
//      "Group 2: China's Dominance - "), not a lone sentence-initial word
//      unless the same word is a name elsewhere in the text, and not words
//      of en_skip (The, However, GDP).
// Mentions overlapping `taken` spans (dates, quantities) are dropped.
//
// Cost: one trie step per byte of a surface candidate, most walks ending
// within the first character; the passes 1-4 touch only what the scan
// noted.
//
// Thread safety: immutable after Load; Extract may run on many threads,
// each with its own Workspace.
// Lifetime: owns its lexicon; mentions point into it (entity_mention.h).
#ifndef FACTMINE_EXTRACTORS_ENTITIES_ENTITY_EXTRACTOR_H_
#define FACTMINE_EXTRACTORS_ENTITIES_ENTITY_EXTRACTOR_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/entities/entity_lexicon.h"
#include "extractors/entities/entity_mention.h"
#include "pipeline/span.h"
#include "pipeline/status.h"

namespace factmine {

class Normalizer;

class EntityExtractor {
 public:
  // Loads the entity lexicon (see entity_lexicon.h); errors name file:line.
  static Result<std::unique_ptr<EntityExtractor>> Load(const std::string& lexicon_dir,
                                                      const Normalizer& normalizer);

  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;

  // Scratch memory of Extract, reused from call to call. One per thread.
  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    struct Buffers;  // opaque: defined in entity_extractor.cc

   private:
    friend class EntityExtractor;
    std::unique_ptr<Buffers> buffers_;
  };

  // Appends the mentions of `text` (normalized) to *out in order of span,
  // never overlapping. `taken` are sorted spans that hold no entity (dates,
  // quantities). `is_chinese_document` is called at most once, and only
  // when the text holds 我国/我方/我们. The caller sets `field` and
  // `sentence`. REQUIRES: `ws` is used by one thread at a time.
  void Extract(std::string_view text, const std::vector<Span>& taken,
               const std::function<bool()>& is_chinese_document, Workspace* ws,
               std::vector<EntityMention>* out) const;
  // The same with a workspace of its own (tests, one-off calls).
  void Extract(std::string_view text, const std::vector<Span>& taken,
               const std::function<bool()>& is_chinese_document,
               std::vector<EntityMention>* out) const;

  const EntityLexicon& lexicon() const { return *lexicon_; }

 private:
  explicit EntityExtractor(std::unique_ptr<EntityLexicon> lexicon)
      : lexicon_(std::move(lexicon)) {}
  std::unique_ptr<EntityLexicon> lexicon_;
};

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_ENTITIES_ENTITY_EXTRACTOR_H_
