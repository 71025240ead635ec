// Sentence and word splitting on top of ICU (see sentence_splitter.h).
#include "pipeline/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "pipeline/lang.h"
#include "pipeline/tsv.h"
#include "pipeline/text_util.h"

namespace factmine {

namespace {


// The code point ending at byte `end` (exclusive) / starting at `begin`.
char32_t CpBefore(std::string_view t, uint32_t end) {
  if (end == 0) return 0;
  int32_t i = static_cast<int32_t>(end);
  UChar32 c;
  U8_PREV(t.data(), 0, i, c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}
// Unambiguous opening brackets (after normalization; '"' and '\'' can
// open or close, so they are left where ICU puts them).
bool IsOpener(char32_t c) {
  switch (c) {
    case '(': case '[': case '{':
    case 0x3010:  // 【
    case 0x300C:  // 「
    case 0x300E:  // 『
    case 0x300A:  // 《
    case 0x3008:  // 〈
    case 0x3014:  // 〔
    case 0x3016:  // 〖
      return true;
    default:
      return false;
  }
}

char32_t CpAt(std::string_view t, uint32_t begin) {
  if (begin >= t.size()) return 0;
  int32_t i = static_cast<int32_t>(begin);
  UChar32 c;
  U8_NEXT(t.data(), i, static_cast<int32_t>(t.size()), c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

// Opens a UTF-8 UText over `s`; ICU reports native (byte) offsets.
struct UTextHolder {
  UText* ut = nullptr;
  explicit UTextHolder(std::string_view s) {
    UErrorCode st = U_ZERO_ERROR;
    ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &st);
    if (U_FAILURE(st)) ut = nullptr;
  }
  ~UTextHolder() {
    if (ut) utext_close(ut);
  }
};

}  // namespace

SentenceSplitter::Workspace::~Workspace() = default;
SentenceSplitter::~SentenceSplitter() = default;

Result<std::unique_ptr<SentenceSplitter>> SentenceSplitter::Create(
    const std::string& lexicon_dir) {
  std::unique_ptr<SentenceSplitter> s(new SentenceSplitter());
  auto abbr = TsvTable::Load(lexicon_dir + "/abbreviations.tsv", {"abbrev"});
  if (!abbr.ok()) return abbr.status();
  for (const auto& row : abbr->rows()) {
    const std::string& a = abbr->Get(row, "abbrev");
    if (a.empty() || a.back() != '.') {
      return abbr->ErrorAt(row, "an abbreviation must end with '.'");
    }
    s->abbreviations_.insert(a);
  }
  UErrorCode st = U_ZERO_ERROR;
  s->sentence_proto_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), st));
  if (U_FAILURE(st)) {
    return Status::Internal(std::string("ICU sentence break: ") + u_errorName(st));
  }
  st = U_ZERO_ERROR;
  s->word_proto_.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), st));
  if (U_FAILURE(st)) {
    return Status::Internal(std::string("ICU word break: ") + u_errorName(st));
  }
  return s;
}

std::unique_ptr<SentenceSplitter::Workspace> SentenceSplitter::NewWorkspace() const {
  std::unique_ptr<Workspace> ws(new Workspace());
  ws->sentence_.reset(sentence_proto_->clone());
  ws->word_.reset(word_proto_->clone());
  return ws;
}

bool SentenceSplitter::EndsWithAbbreviation(std::string_view before) const {
  // `before` ends with '.' (after trimming). Take the last white-space
  // delimited token, without opening brackets or quotes.
  size_t start = before.find_last_of(" \t\n\r(\"'");
  std::string_view tok = start == std::string_view::npos ? before : before.substr(start + 1);
  if (tok.size() < 2 || tok.back() != '.') return false;
  if (abbreviations_.count(std::string(tok))) return true;
  // A single capital initial: "J." in "J. P. Morgan".
  return tok.size() == 2 && tok[0] >= 'A' && tok[0] <= 'Z';
}

void SentenceSplitter::Split(std::string_view text, Span block, Workspace& ws,
                             std::vector<Span>* out) const {
  block = TrimSpan(text, block);
  if (block.empty()) return;
  std::string_view piece = text.substr(block.begin, block.size());
  UTextHolder ut(piece);
  std::vector<uint32_t> breaks;  // relative to block.begin
  if (ut.ut != nullptr) {
    UErrorCode st = U_ZERO_ERROR;
    ws.sentence_->setText(ut.ut, st);
    if (U_SUCCESS(st)) {
      for (int32_t p = ws.sentence_->next(); p != icu::BreakIterator::DONE;
           p = ws.sentence_->next()) {
        breaks.push_back(static_cast<uint32_t>(p));
      }
    }
  }
  if (breaks.empty() || breaks.back() != piece.size()) {
    breaks.push_back(static_cast<uint32_t>(piece.size()));
  }
  // ICU leaves opening brackets (and the spaces before them) at the end of
  // the previous sentence: move such a break back to before them.
  for (size_t k = 0; k + 1 < breaks.size(); ++k) {
    uint32_t lo = k == 0 ? 0 : breaks[k - 1];
    uint32_t e = breaks[k], best = e;
    while (e > lo) {
      char32_t c = CpBefore(piece, e);
      uint32_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        e -= len;
      } else if (IsOpener(c)) {
        e -= len;
        best = e;
      } else {
        break;
      }
    }
    breaks[k] = best;
  }
  uint32_t begin = 0;
  for (size_t k = 0; k < breaks.size(); ++k) {
    uint32_t end = breaks[k];
    if (k + 1 < breaks.size()) {
      Span t = TrimSpan(piece, {begin, end});
      if (!t.empty() && piece[t.end - 1] == '.' &&
          EndsWithAbbreviation(piece.substr(t.begin, t.size()))) {
        continue;  // keep accumulating into the same sentence
      }
    }
    // Split further at ';' between Chinese text.
    uint32_t sub_begin = begin;
    for (uint32_t i = begin; i < end; ++i) {
      if (piece[i] != ';') continue;
      if (IsHan(CpBefore(piece, i)) || IsHan(CpAt(piece, i + 1))) {
        Span t = TrimSpan(piece, {sub_begin, i + 1});
        if (!t.empty()) out->push_back({t.begin + block.begin, t.end + block.begin});
        sub_begin = i + 1;
      }
    }
    Span t = TrimSpan(piece, {sub_begin, end});
    if (!t.empty()) out->push_back({t.begin + block.begin, t.end + block.begin});
    begin = end;
  }
}

void SentenceSplitter::Words(std::string_view text, Span span, Workspace& ws,
                             std::vector<Span>* out) const {
  std::string_view piece = text.substr(span.begin, span.size());
  UTextHolder ut(piece);
  if (ut.ut == nullptr) return;
  UErrorCode st = U_ZERO_ERROR;
  ws.word_->setText(ut.ut, st);
  if (U_FAILURE(st)) return;
  int32_t p = ws.word_->first();
  for (int32_t q = ws.word_->next(); q != icu::BreakIterator::DONE;
       p = q, q = ws.word_->next()) {
    if (ws.word_->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces, punctuation
    out->push_back({span.begin + static_cast<uint32_t>(p), span.begin + static_cast<uint32_t>(q)});
  }
}

}  // namespace factmine
