// Digest reader: splits one exported news digest (SPEC §1 "digest") into
// articles.
//
// A digest file holds, in varying order and presence: UI residue lines
// ("Workflow", "icon", "Search documents"; listed in
// lexicon/digest_residue.tsv), a topic label inside the leading residue block
// ("稀土自主"), and per article a headline, a source line
// ("Sou Hu Cai Jing· 2025-11-09 08:41") and a summary body. The body may come
// after its headline and source line (H S B H S B …) or before them
// (B H S B H S …), the source line may be missing, and bodies may span
// several lines (bullets, Chinese prose, tables).
//
// Every line is classified (blank, residue, source line, summary line that
// opens with a section heading or a "- " bullet, other text) and one state
// machine assigns the lines to articles: a line followed (after blanks) by a
// source line is a headline; a body line joins the current article if that
// article has no body yet or the previous content line was its body, and
// otherwise starts a new article; a headline completes a body-first article
// that still lacks one, and otherwise starts a new article.
//
// Thread safety: DigestConventions is immutable after loading and may be
// shared; the functions are pure and safe on any thread.
// Lifetime: results own their strings; nothing refers back to the input.
#ifndef FACTMINE_PIPELINE_DIGEST_READER_H_
#define FACTMINE_PIPELINE_DIGEST_READER_H_

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/status.h"

namespace factmine {

// Conventions of the digest export, loaded from lexicon files.
struct DigestConventions {
  // UI residue lines, trimmed and ASCII-lowercased ("workflow", "icon").
  std::set<std::string, std::less<>> residue;
  // Longest topic label, in code points. Default: 40.
  size_t max_topic_chars = 40;
  // Longest line taken for a headline when no source line follows it, in
  // code points. Default: 160.
  size_t max_headline_chars = 160;
  // Longest outlet name on a source line, in bytes. Default: 120.
  size_t max_source_bytes = 120;
  // How much of a file LooksLikeDigest reads, in bytes. Default: 8192.
  size_t sniff_bytes = 8192;

  // True if `line` (surrounding whitespace allowed) is a residue line.
  bool IsResidue(std::string_view line) const;
};

// Loads lexicon/digest_residue.tsv (column `line`) from `lexicon_dir`.
// Fails with NotFound if the file is missing and RuleError ("file:line: …")
// on a malformed or empty row.
Result<DigestConventions> LoadDigestConventions(const std::string& lexicon_dir);

// True if `text` (UTF-8; the first c.sniff_bytes are read) looks like a
// digest export: it has a source line "Name· YYYY-MM-DD[ HH:MM]", or a line
// that opens with a section heading followed by " - " ("Core Viewpoint - ",
// "Group 1: … - ", "Market Overview - "), or its first non-blank line is a
// residue line ("Workflow").
bool LooksLikeDigest(std::string_view text, const DigestConventions& c);

// Parses a source line: outlet text, a middle dot (U+00B7 ·, U+2022 •,
// U+30FB ・, U+FF65 ･, U+2027 ‧), optional spaces, a date YYYY-MM-DD (also
// YYYY/MM/DD or YYYY.MM.DD; one-digit month/day allowed), then optionally
// whitespace and HH:MM[:SS], then nothing but whitespace.
// On a match sets *source (outlet, trimmed) and *published_at
// ("YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DD", zero-padded; "" when the date or
// time is out of range, e.g. month 13) and returns true. `max_source_bytes`
// bounds the outlet name. Either output pointer may be null.
bool ParseSourceLine(std::string_view line, std::string* source,
                     std::string* published_at, size_t max_source_bytes = 120);

// Splits one digest file (UTF-8, BOM already removed, CRLF or LF) into
// articles, in file order. Sets on each RawArticle: format = kDigest,
// title (headline line, trimmed), text (the body lines exactly as in the
// file minus line terminators, joined by '\n', without leading or trailing
// blank lines; residue lines inside are left out), source (outlet as
// written, trimmed), published_at ("YYYY-MM-DD HH:MM", "YYYY-MM-DD" or ""),
// topic (the file's topic label or ""), line (1-based line of the article's
// first line), position (1-based ordinal), bytes (bytes from the start of the
// article's first line to the end of its last line, terminator included).
// path, encoding and key are left for the caller.
//
// An article that cannot be completed (a headline with no body: truncated
// file; a body with no headline; a lone source line) is still returned, with
// status InvalidInput and a message naming its line, so the caller can record
// it in `rejects`. No text line is dropped silently: every non-blank,
// non-residue line is a topic or belongs to exactly one returned article.
// An empty or blank file gives no articles. Runs in time linear in
// text.size().
std::vector<RawArticle> ParseDigest(std::string_view text,
                                    const DigestConventions& c);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_DIGEST_READER_H_
