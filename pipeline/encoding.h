// Encoding detection: turns the bytes of an input file into UTF-8 text and
// says which encoding they were in.
//
// DecodeToUtf8 decides in this order:
//   1. empty input                     -> InvalidInput "empty file"
//   2. a byte order mark               -> UTF-8 (BOM stripped), UTF-16LE or
//                                         UTF-16BE (converted with ICU ucnv)
//   3. a known binary signature (PNG, ELF, PDF, ZIP, gzip, JPEG, ...), or
//      many NUL/control bytes (more than 4 and over 1% of the bytes, or over
//      10%; TAB, LF, VT, FF, CR and ESC do not count) that are not UTF-16
//      (step 4) -> InvalidInput "binary file (...)"
//   4. UTF-16 without a BOM, only when NUL bytes sit in alternating
//      positions (ASCII in UTF-16) and the whole input converts cleanly
//   5. valid UTF-8                     -> "UTF-8" (validated here, no ICU)
//   6. mostly valid UTF-8 (at most 1 bad sequence per 8 valid multi-byte
//      ones) -> "UTF-8", each maximal ill-formed subsequence
//      replaced by U+FFFD and a note "N invalid UTF-8 sequences replaced"
//   7. a legacy CJK encoding, GB18030 (which covers GBK and GB2312) or
//      Big5, judged on the first 256 KiB: a candidate must convert with at
//      most 1 illegal/unmapped sequence per 50 double-byte characters.
//      Between usable candidates, the one whose double-byte characters fall
//      more often in its standard's frequent block wins (GB2312 level 1 /
//      Big5 level 1, plus their punctuation rows): unlike ICU's detector
//      (ucsdet), which gives every candidate 10 on short input, this works
//      on a two-character text. Ties go to fewer errors, then to the higher
//      ucsdet confidence, then to GB18030. The winner is taken if at least
//      half its characters are frequent ones, or if ucsdet is confident
//      (>= 50) and not more confident of windows-1252/ISO-8859-1.
//   8. Latin text: at most a quarter of the bytes >= 0x80 -> windows-1252
//      (ISO-8859-1 if a byte undefined in windows-1252 occurs)
//   9. otherwise                        -> InvalidInput "undecodable (...)"
// After decoding, NUL characters are removed with a note "N NUL bytes
// removed", and characters the converter could not map become U+FFFD with a
// note "N invalid <encoding> sequences replaced".
//
// Thread safety: all functions are reentrant (each call opens its own ICU
// converters); no shared state.
// Lifetime: results own their strings; nothing refers to the input.
#ifndef FACTMINE_PIPELINE_ENCODING_H_
#define FACTMINE_PIPELINE_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace factmine {

struct Decoded {
  std::string utf8;      // the text, valid UTF-8, no BOM, no NUL
  std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030",
                         // "Big5", "windows-1252" or "ISO-8859-1"
  std::vector<std::string> notes;  // e.g. "2 NUL bytes removed"
};

// Decodes a whole file's bytes (see the order above). Errors are
// InvalidInput: "empty file", "binary file (PNG image)", "binary file (37
// control bytes in 1200)", "undecodable (...)".
Result<Decoded> DecodeToUtf8(std::string_view bytes);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing
// above U+10FFFF). Fast on ASCII.
bool IsValidUtf8(std::string_view s);

// A copy of `s` in which each maximal ill-formed subsequence (Unicode's
// "maximal subpart" rule) is replaced by U+FFFD; `*replaced` (if not null)
// receives how many were replaced.
std::string ReplaceInvalidUtf8(std::string_view s, size_t* replaced);

// A note such as "1 NUL byte removed" or "3 NUL bytes removed": `count`,
// a space, then `singular` when count == 1 and `plural` otherwise.
std::string CountNote(size_t count, std::string_view singular,
                      std::string_view plural);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_ENCODING_H_
