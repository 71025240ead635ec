// JSONL reader: one article per line of a JSON Lines stream (SPEC §1
// "jsonl"), read one line at a time so that memory stays bounded by the
// longest accepted line.
//
// Each non-blank line must be a JSON object. Known fields, all optional
// except "text":
//   id            string or number (numbers are written as in the JSON:
//                 42 -> "42"); the article's key becomes "jsonl:" + id
//                 ("" counts as absent)
//   title, source, lang, text   strings
//   published_at  string, normalized by ParsePublishedAt ("2025-03-14T10:00Z"
//                 -> "2025-03-14 10:00"); a value that is not understood is
//                 left out of published_at, kept in meta_json and noted
// null counts as absent. Every other field goes to meta_json, a compact JSON
// object with keys in sorted order ("" when there are none).
// A line that cannot become an article yields an article with status
// InvalidInput whose message names the line: "line 3: not JSON (parse error
// at column 7: …)", "line 4: not a JSON object (an array)", "line 5: no
// \"text\" field", "line 6: \"title\" is not a string (a number)", "line 7:
// empty article" (blank title and text), "line 8: JSON nested deeper than
// 256 levels", "line 9 is longer than 1048576 bytes (5000000 bytes)". An
// over-long line is skipped without being held in memory. Before parsing, NUL
// bytes are removed and invalid UTF-8 sequences replaced by U+FFFD, each with a
// note on the article. A trailing CR is dropped, a UTF-8 BOM at the very start
// is skipped, and blank (whitespace-only) lines are skipped.
//
// Every article gets: path (as given), format kJsonl, encoding "UTF-8",
// line (1-based line number), position (1-based ordinal among non-blank
// lines, counting bad ones), key ("jsonl:<id>", else "<path>#<position>"),
// and bytes (the line's bytes including its newline).
//
// Thread safety: not thread-safe; one reader, one thread at a time.
// Lifetime: reads from `in`, which must outlive the reader; owns nothing
// else.
#ifndef FACTMINE_PIPELINE_JSONL_READER_H_
#define FACTMINE_PIPELINE_JSONL_READER_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "pipeline/document.h"

namespace factmine {

class JsonlReader {
 public:
  // `max_line_bytes`: longest line accepted, not counting its newline.
  // `path`: stored in every article and used in keys ("<path>#<position>").
  JsonlReader(std::istream& in, size_t max_line_bytes, std::string path = "");
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  // Fills *out with the next article (possibly one with a non-OK status);
  // returns false at the end of the stream. A read error of the stream
  // yields one article with status IoError and ends the stream.
  bool Next(RawArticle* out);

  // Bytes of the stream consumed by the lines returned so far.
  uint64_t bytes_consumed() const { return consumed_; }

 private:
  // Reads the next line into line_ (without "\n"); false at EOF.
  // *raw_bytes: the line's bytes including "\n"; *too_long: it exceeded
  // max_line_bytes_ (line_ is then empty).
  bool ReadLine(uint64_t* raw_bytes, bool* too_long);
  bool Fill();
  void Parse(RawArticle* a);

  std::istream& in_;
  size_t max_line_bytes_;
  std::string path_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool io_error_ = false;
  bool io_reported_ = false;
  std::string line_;
  bool line_terminated_ = false;  // line_ ended with "\n"
  uint32_t line_no_ = 0;
  uint32_t position_ = 0;
  uint64_t consumed_ = 0;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_JSONL_READER_H_
