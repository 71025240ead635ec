// The "factmine" FTS5 tokenizer: full-text search over bilingual
// Chinese/English sentences, including 2-character Chinese words.
//
// FTS5's trigram tokenizer cannot match queries shorter than 3 characters,
// and most Chinese words (稀土, 永磁, 俄方) have two. This tokenizer indexes
// Han text as overlapping bigrams, plus the last character of each run of
// Han characters as a unigram:
//
//   document "稀土储量"  positions 0..3: 稀土 土储 储量 量
//   query    "稀土储量"  稀土 土储 储量   (a phrase of bigrams, positions 0..2)
//   query    "稀土"      稀土             (one bigram)
//   query    "稀"        稀               (one unigram: Search() makes it the
//                                         prefix query "稀"*, which matches
//                                         every bigram starting with 稀 and
//                                         稀 at the end of a run)
//
// Every character starts exactly one token, so a document costs one index
// entry per Han character. (Indexing each character's unigram too, colocated
// with its bigram, doubles the entries and made storing Chinese text about
// 1.5x slower, for no gain in what can be found.)
//
// A bigram is only formed from two Han characters that touch, so "稀土 储量"
// (with a space) holds no 土储 token. In a query, a Han run of 2 or more
// characters becomes its bigrams; if anything else follows the run in the
// same query string, the run's last character is also emitted as a unigram,
// so that positions stay aligned with the document ("稀土abc", "稀土 rare").
//
// Other letters and digits (any script) form maximal runs, case-folded
// (ASCII fast path; ICU simple case folding otherwise); full-width ASCII
// letters and digits are folded to ASCII. Everything else (spaces,
// punctuation, symbols, invalid UTF-8) separates tokens and is not indexed.
//
// Offsets reported to FTS5 are byte offsets into the tokenized text: a
// unigram covers its character, a bigram both characters, so highlight() and
// snippet() mark a matched 2-character word whole. A 1-character query that
// matches a character followed by another Han character is highlighted with
// that next character too.
//
// Thread safety: the tokenizer keeps no state; it may run on any number of
// connections and threads at once.
// Lifetime: RegisterFactmineTokenizer must be called on each connection
// before it touches an FTS5 table declared with tokenize='factmine'.
#ifndef FACTMINE_PIPELINE_FTS_TOKENIZER_H_
#define FACTMINE_PIPELINE_FTS_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

struct sqlite3;

namespace factmine {

// The name to use in CREATE VIRTUAL TABLE … USING fts5(…, tokenize='factmine').
inline constexpr char kFactmineTokenizerName[] = "factmine";

enum class FtsTokenizeMode {
  kDocument,  // indexing a row, or highlight()/snippet() re-tokenizing it
  kQuery,     // a phrase or bareword of a MATCH expression
};

// Called for each token; a nonzero return stops tokenization and is
// returned by TokenizeForFts. `colocated` means "same position as the
// previous token". [begin, end) are byte offsets into the tokenized text.
using FtsEmitFn = int (*)(void* ctx, bool colocated, std::string_view token,
                          uint32_t begin, uint32_t end);

// Splits `text` into tokens as described above. Returns 0, or the first
// nonzero value `emit` returned.
int TokenizeForFts(std::string_view text, FtsTokenizeMode mode, void* ctx,
                   FtsEmitFn emit);

// One token, for tests and for callers that want a list.
struct FtsToken {
  std::string text;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool colocated = false;
  friend bool operator==(const FtsToken&, const FtsToken&) = default;
};
std::vector<FtsToken> FtsTokens(std::string_view text, FtsTokenizeMode mode);

// Registers the tokenizer on `db` under kFactmineTokenizerName, through the
// fts5_api pointer. Fails with kDbError if FTS5 is not compiled in.
Status RegisterFactmineTokenizer(sqlite3* db);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_FTS_TOKENIZER_H_
