// The "factmine" FTS5 tokenizer: full-text search over bilingual
// Chinese/English sentences, including 1- and 2-character Chinese words.
//
// FTS5's trigram tokenizer cannot match queries shorter than 3 characters,
// and most Chinese words (稀土, 永磁, 俄方) have two. This tokenizer indexes
// every Han character as a token of its own; a Chinese word is then found
// as a phrase of its characters, which FTS5 matches by position:
//
//   document "稀土储量"  稀 土 储 量   (positions 0..3)
//   query    "稀土储量"  稀 土 储 量   (a phrase: four adjacent positions)
//   query    "稀土"      稀 土
//   query    "稀"        稀
//
// Between two Han characters that something other than a token separates
// (punctuation, a space: "稀土，储量") it emits the gap token "|", which no
// text can produce otherwise, so that a phrase never matches across that
// gap: "土储" finds 稀土储量 but not 稀土，储量. A query holding the same gap
// ("稀土，储量") finds it, as the same tokens.
//
// Why characters and not overlapping bigrams (稀土 土储 储量 量), which this
// tokenizer indexed before schema version 3: both give one index entry per
// character and find the same rows, but bigrams make a vocabulary of
// hundreds of thousands of terms, each with a tiny position list, and FTS5
// builds and merges such an index 2-3x slower (measured on 8.6 MB of
// Chinese news: 1.6-2.1 s against 0.5-0.7 s of CPU, the largest part of
// storing an article). The price is at query time: a phrase query reads the
// position lists of its characters, which for common characters are long.
//
// Other letters and digits (any script) form maximal runs, case-folded
// (ASCII fast path; ICU simple case folding otherwise); full-width ASCII
// letters and digits are folded to ASCII. Everything else (spaces,
// punctuation, symbols, invalid UTF-8) separates tokens and is not indexed.
// Documents and queries are tokenized the same way.
//
// Offsets reported to FTS5 are byte offsets into the tokenized text: a Han
// token covers its character, a word its run, the gap token the gap, so
// highlight() and snippet() mark exactly the matched text.
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

// The token emitted for a gap between two Han characters (see above).
inline constexpr char kFtsGapToken[] = "|";

// What FTS5 is tokenizing. Both are tokenized the same way (kept so that
// callers say what they tokenize, and for future differences).
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
