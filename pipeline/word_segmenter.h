// WordSegmenter: Chinese word segmentation for factmine, built on ICU's
// Chinese/Japanese word dictionary plus the project lexicon.
//
// How a text is cut (details in word_segmenter.cc and lexicon/README.md):
//   1. Candidate words at every position: the words of ICU's CJK break
//      dictionary (cjdict, with its costs), also found when the dictionary
//      spells them in traditional characters (lexicon/zh_t2s.tsv), and the
//      words of the project lexicon (lexicon/zh_terms.tsv plus AddWords),
//      which are cheap enough that they stay whole. Dictionary entries that
//      are a word plus a grammatical particle (新的, 就是) cost extra, so the
//      particle becomes its own word.
//   2. Rule candidates: numbers with their scale and measure word or unit
//      (1998年, 30%, 三千多, 两个, 2.5万吨), ordinals (第一, 第十五届), dates
//      and times as one word (1997年5月20日, 上午9时30分).
//   3. The cheapest path through those candidates (Viterbi).
//   4. Merges of what the dictionary left in single characters: Chinese
//      person names (a surname and one or two given-name characters),
//      transliterated foreign names (卡斯帕罗夫), words with a productive
//      suffix (信息化, 工作者) and unknown two-character words.
//   Latin letters and digits form one word per run (GDP, 5G, 3.5, U.S.);
//   each punctuation character is a word of its own (—— …… ... are one
//   mark); white space separates words and is never part of one. The character classes and word lists the rules
//   use are data: lexicon/zh_segment.tsv, zh_digits.tsv, scales.tsv.
//
// Thread safety: after Load (and any AddWords), the segmenter is immutable
// and may be shared by any number of threads; each thread needs its own
// Workspace (scratch buffers). AddWords is not thread-safe.
// Lifetime: owns its tables and its handle on ICU's dictionary data; a
// Workspace must not outlive the segmenter that made it.
#ifndef FACTMINE_PIPELINE_WORD_SEGMENTER_H_
#define FACTMINE_PIPELINE_WORD_SEGMENTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/span.h"
#include "pipeline/status.h"

namespace factmine {

enum class WordKind : uint8_t {
  kWord,    // Chinese (or any script without its own rule)
  kNumber,  // a number, with its unit or measure word if any; a date
  kLatin,   // a run of Latin letters (and digits after them): GDP, 5G
  kPunct,   // a punctuation mark or symbol (—— and …… are one mark)
};

struct Word {
  Span span;  // byte offsets into the text given to Segment
  WordKind kind = WordKind::kWord;
};

class WordSegmenter {
 public:
  // Costs of the candidate words. Dictionary costs are ICU's (about 30 for
  // 的 to 255 for a rare word); the cheapest path wins. The defaults were
  // set on development data (tools/score_segmentation.sh).
  struct Options {
    // A Han character that is in no dictionary word. Default: 255 (ICU's).
    int unknown_cost = 255;
    // A word of the project lexicon. Default: 20 (below every dictionary
    // word, so a lexicon word beats any way of cutting it).
    int lexicon_cost = 20;
    // Added to a dictionary entry that is a word plus a particle
    // (lexicon/zh_segment.tsv kinds particle_before/particle_after).
    // Default: 40.
    int particle_penalty = 40;
    // A Chinese numeral with or without a measure word (三千, 两个): the
    // base cost. Default: 30.
    int numeral_cost = 30;
    // Subtracted for a number that starts with digits and carries a unit
    // or measure word (digits alone cost 1). Default: 60.
    int number_bonus = 60;
    // Two lone Han characters next to each other (and to no third lone
    // content character), neither a function word, each costing at least
    // this much as a word of its own, are one unknown word (扶贫). Above
    // unknown_cost: never. Default: 60.
    int pair_min_cost = 60;
  };

  class Workspace {
   public:
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

   private:
    friend class WordSegmenter;
    Workspace();
    struct Buffers;
    std::unique_ptr<Buffers> b_;
  };

  // Loads zh_terms.tsv, zh_segment.tsv, zh_t2s.tsv, zh_digits.tsv and
  // scales.tsv from `lexicon_dir` and opens ICU's cjdict. A bad lexicon
  // line is reported as "<file>:<line>: <why>".
  static Result<std::unique_ptr<WordSegmenter>> Load(const std::string& lexicon_dir,
                                                     const Options& options);
  static Result<std::unique_ptr<WordSegmenter>> Load(const std::string& lexicon_dir) {
    return Load(lexicon_dir, Options());
  }
  ~WordSegmenter();
  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;

  // Adds words that must stay whole (entity names, more terms), as UTF-8.
  // A word that holds white space, is longer than kMaxWordChars code points
  // or is empty is skipped (the segmenter never joins across white space);
  // *skipped, if given, counts them. Invalid UTF-8 is an InvalidInput error
  // naming the word, and nothing is added.
  // Not thread-safe: call before the segmenter is shared (Context::Load).
  Status AddWords(const std::vector<std::string>& words, size_t* skipped = nullptr);

  // Number of distinct lexicon words (zh_terms.tsv plus AddWords).
  size_t lexicon_size() const;
  // True when `word` is a lexicon word (exact UTF-8 match).
  bool InLexicon(std::string_view word) const;

  std::unique_ptr<Workspace> NewWorkspace() const;

  // Appends the words of text[span] to *out, in order, as byte spans into
  // `text`. White space is skipped. An invalid UTF-8 sequence becomes a
  // kPunct word of its own. A span longer than 64 KB is segmented in pieces cut at
  // white space or sentence punctuation (memory stays bounded; no word
  // crosses a cut). REQUIRES: span lies within text.
  void Segment(std::string_view text, Span span, Workspace& ws,
               std::vector<Word>* out) const;

  // The words of `text` joined by single spaces (tools and tests).
  std::string SegmentToString(std::string_view text, Workspace& ws) const;

  // Longest lexicon or dictionary word considered, in code points.
  static constexpr int kMaxWordChars = 20;

 private:
  struct Tables;
  class Run;
  WordSegmenter();
  std::unique_ptr<Tables> t_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_WORD_SEGMENTER_H_
