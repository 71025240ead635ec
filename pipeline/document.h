// Document: one article moving through the pipeline, with the layers that
// stages add to it.
//
// A reader produces a RawArticle (the article as found in its file: original
// title and text, metadata). Analysis wraps it in a Document, normalizes
// each field (title, text) once, and then stages append layers: sections,
// bullets, sentences, citations, tokens, and later entities, quantities and
// claims. Layers are vectors of plain structs that refer to each other by
// index, never by pointer, and to text by Span (byte offsets into the
// field's normalized text).
//
// Thread safety: a Document has one owner at a time (it moves through the
// pipeline as a std::unique_ptr); it is never shared between threads.
// Lifetime: owns all its text; Views into it die with it.
#ifndef FACTMINE_PIPELINE_DOCUMENT_H_
#define FACTMINE_PIPELINE_DOCUMENT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/claims/claim.h"
#include "extractors/dates/date_mention.h"
#include "extractors/entities/entity_mention.h"
#include "extractors/numbers/number_match.h"
#include "extractors/quantities/quantity.h"
#include "pipeline/field.h"
#include "pipeline/offset_map.h"
#include "pipeline/span.h"
#include "pipeline/status.h"

namespace factmine {

// DO NOT CHANGE THESE NAMES: FormatName() values are stored in the db.
enum class Format : uint8_t { kAuto, kDigest, kText, kJsonl };
std::string_view FormatName(Format f);  // "auto", "digest", "text", "jsonl"
// Parses a --format value; returns false for an unknown name.
bool ParseFormat(std::string_view name, Format* out);

enum class Lang : uint8_t { kUnknown, kZh, kEn, kMixed };
std::string_view LangName(Lang l);  // "", "zh", "en", "mixed"

// One article as a reader found it. All strings are UTF-8.
struct RawArticle {
  std::string path;        // the file, as an absolute path
  uint32_t position = 0;   // 1-based ordinal of the article in its file
  uint32_t line = 0;       // 1-based line where the article starts
  Format format = Format::kAuto;
  std::string encoding;    // detected source encoding, e.g. "UTF-8", "GB18030"
  std::string key;         // identity: jsonl "id", else "<path>#<position>"
  std::string title;       // original headline / first line / "title"
  std::string text;        // original body text (digest: the summary)
  std::string source;      // outlet as written, e.g. "Sou Hu Cai Jing"
  // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS][±HH:MM]" (offset when the input
  // named a zone), or "".
  std::string published_at;
  std::string topic;       // digest topic label, e.g. "稀土自主"
  std::string lang;        // declared language (jsonl "lang"), or ""
  std::string meta_json;   // unknown jsonl fields as a JSON object, or ""
  std::vector<std::string> notes;  // non-fatal remarks ("2 NUL bytes removed")
  uint64_t bytes = 0;      // input bytes this article came from
  // Set by a reader that could not produce the article; such an article is
  // recorded in `rejects` with this status and never stored.
  Status status;
};

// A field's text: the original, and the normalized copy stages read.
struct FieldText {
  std::string original;  // exactly as read (after decoding to UTF-8)
  std::string norm;      // NFKC etc.; citation markers masked with spaces
  OffsetMap map;         // norm byte offset -> original byte offset
};

// DO NOT CHANGE THESE NAMES: SectionKindName() values are stored in the db.
enum class SectionKind : uint8_t {
  kHeadline,   // the article's title
  kViewpoint,  // "Core Viewpoint - …"
  kInsights,   // "Core Insights - …"
  kGroup,      // "Group 2: China's Dominance - …" or "Group 1 - …"
  kHeading,    // any other short heading: "Market Overview - …"
  kBody,       // untitled text: a lead paragraph, prose, a text article
};
std::string_view SectionKindName(SectionKind k);

struct Section {
  SectionKind kind = SectionKind::kBody;
  Field field = Field::kText;
  Span span;             // whole section including its heading
  Span heading;          // "Group 2: China's Dominance" (empty if none)
  std::string label;     // "Core Viewpoint", "Group 2", "Market Overview"
  int group_no = 0;      // N of "Group N", else 0
  std::string title;     // "China's Dominance" (group title), else ""
};

// A bullet of a digest section, or a paragraph of a prose text.
struct Bullet {
  uint32_t section = 0;  // index into Document::sections
  Span span;             // the bullet text, without its "- " marker
};

struct Sentence {
  uint32_t section = 0;
  uint32_t bullet = 0;   // index into Document::bullets
  Field field = Field::kText;
  Span span;
  Lang lang = Lang::kUnknown;
  std::vector<uint32_t> citations;  // indices into Document::citations
};

// One citation marker such as "[1][3]" or "【2】" or "[1-3]" (the span covers
// one bracket group) and the indices it lists.
struct Citation {
  Field field = Field::kText;
  Span span;
  uint32_t sentence = 0;     // the sentence this marker closes
  std::vector<int> indices;  // [1-3] -> 1,2,3
};

// A word token (Chinese sentences only, from ICU word break + lexicon).
struct Token {
  uint32_t sentence = 0;
  Span span;
};

class Document {
 public:
  explicit Document(RawArticle raw) : raw_(std::move(raw)) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const RawArticle& raw() const { return raw_; }
  RawArticle& mutable_raw() { return raw_; }

  // Content hash: 32 hex digits, a function of the article's own content
  // only (title, text, source, time), never of the file it came from.
  std::string id;
  // Canonical outlet id from lexicon/sources.tsv ("" if the outlet is
  // unknown); the outlet name as written stays in raw().source.
  std::string source_id;

  FieldText& field(Field f) { return fields_[static_cast<int>(f)]; }
  const FieldText& field(Field f) const { return fields_[static_cast<int>(f)]; }
  // A view of normalized text. REQUIRES: span within field(f).norm.
  std::string_view View(Field f, Span s) const {
    return std::string_view(field(f).norm).substr(s.begin, s.size());
  }

  Lang lang = Lang::kUnknown;  // language of the text field
  std::vector<Section> sections;
  std::vector<Bullet> bullets;
  std::vector<Sentence> sentences;
  std::vector<Citation> citations;
  std::vector<Token> tokens;
  // Extractor layers (extractors/). numbers[f]: the NumberScanner's matches
  // in field f's normalized text, in order.
  std::array<std::vector<NumberMatch>, 2> numbers;
  std::vector<DateMention> dates;      // title first, then text, in order
  std::vector<Quantity> quantities;    // title first, then text, in order
  std::vector<EntityMention> entities;  // title first, then text, in order
  std::vector<Claim> claims;  // in the order of their quantities

  // Non-OK when analysis failed; the article then goes to `rejects`.
  Status status;

 private:
  RawArticle raw_;
  std::array<FieldText, 2> fields_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_DOCUMENT_H_
