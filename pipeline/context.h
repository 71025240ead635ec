// Context: everything immutable that analysis needs, loaded once at startup
// from the lexicon directory and shared by all threads.
//
// Thread safety: immutable after Load; share by const reference.
// Lifetime: must outlive every Analyzer, ArticleSource and pipeline run
// that uses it.
#ifndef FACTMINE_PIPELINE_CONTEXT_H_
#define FACTMINE_PIPELINE_CONTEXT_H_

#include <memory>
#include <string>

#include "pipeline/digest_reader.h"
#include "pipeline/normalize.h"
#include "pipeline/sentence_splitter.h"
#include "pipeline/source_linker.h"
#include "pipeline/status.h"
#include "pipeline/word_segmenter.h"

namespace factmine {

class ClaimExtractor;
class DateExtractor;
class EntityExtractor;
class NumberScanner;
class QuantityExtractor;

struct Context {
  std::string lexicon_dir;
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<SentenceSplitter> splitter;
  std::unique_ptr<WordSegmenter> segmenter;  // Chinese words (zh_terms.tsv + AddWords)
  std::unique_ptr<DigestConventions> digest;
  std::unique_ptr<SourceLinker> sources;
  // Extractors (extractors/).
  std::unique_ptr<NumberScanner> numbers;
  std::unique_ptr<DateExtractor> dates;
  std::unique_ptr<QuantityExtractor> quantities;
  std::unique_ptr<EntityExtractor> entities;
  std::unique_ptr<ClaimExtractor> claims;

  Context();
  ~Context();

  // Loads every lexicon file; the first bad file or line is reported as
  // "lexicon/<file>:<line>: <why>".
  static Result<std::unique_ptr<Context>> Load(const std::string& lexicon_dir);

  // The lexicon directory to use: `flag` if set, else $FACTMINE_LEXICON,
  // else lexicon/ next to the executable's source tree (set at build time).
  static std::string ResolveLexiconDir(const std::string& flag);
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_CONTEXT_H_
