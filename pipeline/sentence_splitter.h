// SentenceSplitter: splits a block of normalized text (a bullet or a
// paragraph) into sentences.
//
// ICU's sentence break does the work (Chinese 。！？ and English rules);
// on top of it, a break right after a known abbreviation
// (lexicon/abbreviations.tsv: "U.S.", "No.", "Inc." …) or a single capital
// initial ("J.") is suppressed, and Chinese ';' (NFKC of '；') between Han
// characters also ends a sentence. Spans come back trimmed of white space;
// empty sentences are dropped.
//
// Thread safety: the splitter is immutable and shared; ICU break iterators
// are not thread-safe, so each thread makes its own Workspace.
// Lifetime: a Workspace must not outlive the splitter that made it.
#ifndef FACTMINE_PIPELINE_SENTENCE_SPLITTER_H_
#define FACTMINE_PIPELINE_SENTENCE_SPLITTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <unicode/brkiter.h>

#include "pipeline/span.h"
#include "pipeline/status.h"

namespace factmine {

class SentenceSplitter {
 public:
  class Workspace {
   public:
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

   private:
    friend class SentenceSplitter;
    Workspace() = default;
    std::unique_ptr<icu::BreakIterator> sentence_;
    std::unique_ptr<icu::BreakIterator> word_;
  };

  static Result<std::unique_ptr<SentenceSplitter>> Create(const std::string& lexicon_dir);
  ~SentenceSplitter();

  std::unique_ptr<Workspace> NewWorkspace() const;

  // Appends the sentences of text[block] to *out (spans into `text`).
  void Split(std::string_view text, Span block, Workspace& ws,
             std::vector<Span>* out) const;

  // Appends the word tokens of text[span] (ICU dictionary word break for
  // Chinese; punctuation and spaces skipped) to *out.
  void Words(std::string_view text, Span span, Workspace& ws,
             std::vector<Span>* out) const;

 private:
  SentenceSplitter() = default;
  bool EndsWithAbbreviation(std::string_view before) const;

  std::unordered_set<std::string> abbreviations_;
  std::unique_ptr<icu::BreakIterator> sentence_proto_;
  std::unique_ptr<icu::BreakIterator> word_proto_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_SENTENCE_SPLITTER_H_
