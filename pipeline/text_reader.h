// Text reader: one article per plain-text file (SPEC §1 "text").
//
// Layout of a text article:
//   - the first non-blank line is the title (trimmed of whitespace,
//     including U+3000 and U+00A0);
//   - directly under it (blank lines may come between) a block of metadata
//     lines may follow, each one or more "Key: value" pairs (ASCII ':' or
//     full-width '：'), e.g. "Source: Reuters", "来源：新华社",
//     "Date: 2025-03-14", "日期：2025年3月14日",
//     "来源：新华社　发布时间：2025-03-14 10:00", or a line that starts with
//     a date followed by pairs ("2025-03-14 10:00  来源：新华网"), or a line
//     that is only a date. Known keys (English ones case-insensitive):
//       source: Source, Publisher, 来源, 出处, 稿源, 媒体
//       date:   Date, Published, Published at, Publication date, Time,
//               日期, 时间, 发布时间, 发布日期, 发表时间, 发表日期, 更新时间
//     The block ends at the first line that is not such a line.
//   - everything after the block is the text.
// Recognised metadata lines are REMOVED from the text and recorded in
// source/published_at (first value wins). A line is recognised only if every
// key in it is known, every date in it is understood (ParsePublishedAt) and
// a source value is at most 120 bytes (longer is a sentence); otherwise it
// stays in the text and ends the block, and a value after a date key that
// was not understood adds a note ("date not understood: …").
// The text is the rest of the file with leading and trailing blank lines
// removed and line endings normalized to "\n" (CRLF and lone CR); lines are
// otherwise kept byte for byte.
//
// Thread safety: pure functions; safe from any thread.
// Lifetime: results own their strings.
#ifndef FACTMINE_PIPELINE_TEXT_READER_H_
#define FACTMINE_PIPELINE_TEXT_READER_H_

#include <string>
#include <string_view>

#include "pipeline/document.h"

namespace factmine {

// Reads one text article from decoded UTF-8 (BOM already removed). Sets
// title, text, source, published_at, notes, line (1-based line of the
// title), position (1), bytes (utf8.size()) and format (kText); path, key
// and encoding are left to the caller. A file that is empty or holds only
// whitespace gives status InvalidInput "empty article". A title without a
// body is an article with empty text.
RawArticle ReadTextArticle(std::string_view utf8);

// Normalizes a publication date/time as found in metadata or JSONL to
// "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (seconds only
// when given). Accepts, with surrounding whitespace and full-width digits:
//   2025-03-14, 2025/3/14, 2025.03.14, 2025年3月14日 (日 or 号 optional),
//   March 14, 2025 / Mar. 14 2025 / 14 March 2025,
// each optionally followed by a time after a space, a 'T' or nothing (after
// 日): 10:00, 10:00:30, 10:00:30.250, 10时05分, 10点05分(30秒); then
// optionally a zone, kept as an offset after the time: Z, UTC and GMT give
// "+00:00", 北京时间 "+08:00", +0800 / +08:00 / +8 themselves, "UTC+8"
// "+08:00"; CST (China or US Central?) is read but not kept. Returns false (and leaves *out alone) for anything else,
// including impossible dates (2025-02-30) and times (24:10).
bool ParsePublishedAt(std::string_view s, std::string* out);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_TEXT_READER_H_
