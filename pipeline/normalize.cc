// Normalizer (see normalize.h).
//
// The text is walked one code point at a time. ASCII and code points that
// NFKC leaves alone ("inert") and that have no fold are copied. Any other
// code point starts a normalization segment that runs to the next code point
// with an NFKC boundary before it; the segment is normalized by ICU, folded,
// and recorded in the OffsetMap when its bytes changed. A combining mark that
// follows copied text pulls the previous code point into its segment, so
// "e" + U+0301 still composes to "é". The class of every BMP code point
// (copied, replaced on its own, or left to ICU) and the replacement of each
// one replaced on its own are computed once at Create (BuildTables), so the
// common cases (CJK text, full-width punctuation) never call into ICU.
#include "pipeline/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "pipeline/lang.h"
#include "pipeline/tsv.h"
#include "pipeline/text_util.h"

namespace factmine {

namespace {

bool ParseCodepoint(std::string_view s, char32_t* out) {
  if (s.size() < 3 || s.substr(0, 2) != "U+") return false;
  unsigned long v = 0;
  for (char ch : s.substr(2)) {
    int d;
    if (ch >= '0' && ch <= '9') d = ch - '0';
    else if (ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
    else if (ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
    else return false;
    v = v * 16 + static_cast<unsigned long>(d);
    if (v > 0x10FFFF) return false;
  }
  *out = static_cast<char32_t>(v);
  return true;
}

// Decodes the single code point of a UTF-8 string, or returns false.
bool SingleCodepoint(std::string_view s, char32_t* out) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  if (c < 0 || i != static_cast<int32_t>(s.size())) return false;
  *out = static_cast<char32_t>(c);
  return true;
}


// Bytes of horizontal white space at s[i] (space, tab, U+00A0, U+3000), or 0.
int32_t BlankAt(const char* s, int32_t i, int32_t n) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b == ' ' || b == '\t') return 1;
  if (b == 0xC2 && i + 1 < n && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (b == 0xE3 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    return 3;
  }
  return 0;
}

// True when the last code point of `norm` is Han.
bool EndsWithHan(const std::string& norm) {
  if (norm.size() < 3) return false;
  int32_t i = static_cast<int32_t>(norm.size());
  UChar32 c;
  U8_PREV(norm.data(), 0, i, c);
  return c >= 0 && IsHan(static_cast<char32_t>(c));
}

// Length of the run of blanks at s[i] when it lies between two Han
// characters (the one before already in `norm`), else 0. Chinese puts no
// spaces between words, so such a run is layout (justified or OCR'd text,
// "六 点 五 成") and is dropped for matching.
int32_t HanGapAt(const char* s, int32_t i, int32_t n, const std::string& norm) {
  int32_t j = i;
  for (int32_t k; j < n && (k = BlankAt(s, j, n)) > 0;) j += k;
  if (j == i || j >= n || !EndsWithHan(norm)) return 0;
  UChar32 c;
  int32_t t = j;
  U8_NEXT(s, t, n, c);
  return c >= 0 && IsHan(static_cast<char32_t>(c)) ? j - i : 0;
}

}  // namespace

Result<Normalizer> Normalizer::Create(const std::string& lexicon_dir) {
  Normalizer n;
  UErrorCode status = U_ZERO_ERROR;
  n.nfkc_ = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU NFKC unavailable: ") + u_errorName(status));
  }
  n.fold_.assign(0x30000, 0);

  auto folds = TsvTable::Load(lexicon_dir + "/normalization.tsv", {"from", "to"});
  if (!folds.ok()) return folds.status();
  for (const auto& row : folds->rows()) {
    char32_t from, to;
    if (!ParseCodepoint(folds->Get(row, "from"), &from) || from >= n.fold_.size()) {
      return folds->ErrorAt(row, "'from' must be U+XXXX below U+30000");
    }
    const std::string& t = folds->Get(row, "to");
    if (t == "delete") {
      to = kDelete;
    } else if (!ParseCodepoint(t, &to)) {
      return folds->ErrorAt(row, "'to' must be U+XXXX or delete");
    }
    n.fold_[from] = to;
  }

  auto t2s = TsvTable::Load(lexicon_dir + "/zh_t2s.tsv", {"traditional", "simplified"});
  if (!t2s.ok()) return t2s.status();
  for (const auto& row : t2s->rows()) {
    char32_t a, b;
    if (!SingleCodepoint(t2s->Get(row, "traditional"), &a) ||
        !SingleCodepoint(t2s->Get(row, "simplified"), &b) || a >= n.fold_.size()) {
      return t2s->ErrorAt(row, "each column must hold one character below U+30000");
    }
    if (n.fold_[a] == 0) n.fold_[a] = b;
  }
  n.BuildTables();
  return n;
}

void Normalizer::BuildTables() {
  bmp_.assign(0x10000, kSlow);
  fast_.assign(0x10000, 0);
  fast_pool_.clear();
  icu::UnicodeString seg_norm;
  std::string utf8;
  for (UChar32 c = 0; c < 0x10000; ++c) {
    if (U16_IS_SURROGATE(c)) continue;
    const bool boundary = nfkc_->hasBoundaryBefore(c);
    uint8_t cls = kSlow;
    if (Fold(static_cast<char32_t>(c)) == static_cast<char32_t>(c) && nfkc_->isInert(c)) {
      cls = kCopy;
    } else if (boundary) {
      UErrorCode status = U_ZERO_ERROR;
      seg_norm.remove();
      nfkc_->normalize(icu::UnicodeString(c), seg_norm, status);
      utf8.clear();
      for (int32_t k = 0; U_SUCCESS(status) && k < seg_norm.length();) {
        char32_t d = static_cast<char32_t>(seg_norm.char32At(k));
        k += U16_LENGTH(static_cast<UChar32>(d));
        d = Fold(d);
        if (d != kDelete) AppendUtf8(d, &utf8);
      }
      if (U_SUCCESS(status) && utf8.size() <= 0xFF) {
        cls = kSingle;
        fast_[c] = static_cast<uint32_t>(fast_pool_.size() << 8 | utf8.size());
        fast_pool_ += utf8;
      }
    }
    bmp_[c] = static_cast<uint8_t>(cls | (boundary ? kBoundaryBefore : 0));
  }
}

void Normalizer::Normalize(std::string_view in, FieldText* out) const {
  out->original.assign(in);
  out->map = OffsetMap();
  std::string& norm = out->norm;
  norm.clear();
  norm.reserve(in.size());

  const char* s = in.data();
  const int32_t n = static_cast<int32_t>(in.size());
  // Start (orig, norm) of the last code point copied unchanged, for pulling
  // it into a segment when a combining mark follows.
  int32_t last_copy_orig = -1;
  size_t last_copy_norm = 0;
  int32_t i = 0;
  icu::UnicodeString seg, seg_norm;
  std::string seg_utf8;
  // True when an NFKC boundary lies before the code point at s[k].
  auto boundary_at = [&](int32_t k) {
    if (k >= n || static_cast<unsigned char>(s[k]) < 0x80) return true;
    UChar32 d;
    U8_NEXT(s, k, n, d);
    if (d < 0) return true;
    return d < 0x10000 ? (bmp_[d] & kBoundaryBefore) != 0 : static_cast<bool>(nfkc_->hasBoundaryBefore(d));
  };
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b == ' ' || b == '\t' || b == 0xC2 || b == 0xE3) {
      if (int32_t gap = HanGapAt(s, i, n, norm); gap > 0) {
        out->map.AddReplacement(static_cast<uint32_t>(norm.size()), 0,
                                static_cast<uint32_t>(i), static_cast<uint32_t>(gap));
        last_copy_orig = -1;
        i += gap;
        continue;
      }
    }
    if (b < 0x80) {  // ASCII: NFKC-inert, never folded
      last_copy_orig = i;
      last_copy_norm = norm.size();
      norm.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == 0xFF0C && start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9') {
      // A full-width comma after an ASCII digit ends a clause ("$20，300美元"
      // is two amounts): it becomes ", ", which no number reads as a
      // thousands separator. Between full-width digits (１１１，１１１) it is
      // one, and folds to ',' below.
      out->map.AddReplacement(static_cast<uint32_t>(norm.size()), 2,
                              static_cast<uint32_t>(start), 3);
      norm.append(", ");
      last_copy_orig = -1;
      continue;
    }
    uint8_t cls = kSlow;
    if (c >= 0 && c < 0x10000) {
      cls = bmp_[c] & ~kBoundaryBefore;
    } else if (c >= 0 && Fold(static_cast<char32_t>(c)) == static_cast<char32_t>(c) &&
               nfkc_->isInert(c)) {
      cls = kCopy;
    }
    if (cls == kCopy) {
      // Copy this character and the run of inert ones after it (not blanks:
      // those are never inert, or ASCII ones, which may be a Han gap).
      int32_t last = start;
      while (i < n) {
        const unsigned char b2 = static_cast<unsigned char>(s[i]);
        if (b2 < 0x80) {
          if (b2 == ' ' || b2 == '\t') break;
          last = i++;
          continue;
        }
        int32_t k = i;
        UChar32 d;
        if (b2 >= 0xE1 && b2 <= 0xEF && b2 != 0xED && i + 2 < n &&
            (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
          // Three bytes (all CJK): U+1000..U+FFFF without the surrogates.
          d = (b2 & 0x0F) << 12 | (static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6 |
              (static_cast<unsigned char>(s[i + 2]) & 0x3F);
          k += 3;
        } else {
          U8_NEXT(s, k, n, d);
        }
        if (d < 0 || d >= 0x10000 || (bmp_[d] & ~kBoundaryBefore) != kCopy) break;
        last = i;
        i = k;
      }
      last_copy_orig = last;
      last_copy_norm = norm.size() + static_cast<size_t>(last - start);
      norm.append(s + start, static_cast<size_t>(i - start));
      continue;
    }
    if (cls == kSingle && boundary_at(i)) {
      // A character that normalizes on its own (full-width punctuation).
      const uint32_t f = fast_[c];
      const std::string_view rep(fast_pool_.data() + (f >> 8), f & 0xFF);
      const std::string_view orig_seg(s + start, static_cast<size_t>(i - start));
      if (rep != orig_seg) {
        out->map.AddReplacement(static_cast<uint32_t>(norm.size()),
                                static_cast<uint32_t>(rep.size()),
                                static_cast<uint32_t>(start),
                                static_cast<uint32_t>(orig_seg.size()));
      }
      norm.append(rep);
      last_copy_orig = -1;
      continue;
    }
    // A segment: [seg_begin, i) extended to the next NFKC boundary.
    int32_t seg_begin = start;
    size_t norm_begin = norm.size();
    if (c >= 0 && !nfkc_->hasBoundaryBefore(c) && last_copy_orig >= 0 &&
        static_cast<size_t>(last_copy_norm) + static_cast<size_t>(start - last_copy_orig) ==
            norm.size()) {
      // The previous code point was copied verbatim right before: re-open it.
      seg_begin = last_copy_orig;
      norm_begin = last_copy_norm;
      norm.resize(norm_begin);
    }
    int32_t seg_end = i;
    while (seg_end < n) {
      int32_t j = seg_end;
      UChar32 d;
      U8_NEXT(s, j, n, d);
      if (d < 0 || nfkc_->hasBoundaryBefore(d)) break;
      seg_end = j;
    }
    i = seg_end;
    last_copy_orig = -1;
    // Normalize the segment (invalid bytes become U+FFFD in fromUTF8).
    seg = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s + seg_begin, seg_end - seg_begin));
    UErrorCode status = U_ZERO_ERROR;
    seg_norm.remove();
    nfkc_->normalize(seg, seg_norm, status);
    if (U_FAILURE(status)) seg_norm = seg;
    seg_utf8.clear();
    for (int32_t k = 0; k < seg_norm.length();) {
      char32_t d = static_cast<char32_t>(seg_norm.char32At(k));
      k += U16_LENGTH(static_cast<UChar32>(d));
      d = Fold(d);
      if (d == kDelete) continue;
      AppendUtf8(d, &seg_utf8);
    }
    std::string_view orig_seg(s + seg_begin, static_cast<size_t>(seg_end - seg_begin));
    norm.append(seg_utf8);
    if (seg_utf8 != orig_seg) {
      out->map.AddReplacement(static_cast<uint32_t>(norm_begin),
                              static_cast<uint32_t>(seg_utf8.size()),
                              static_cast<uint32_t>(seg_begin),
                              static_cast<uint32_t>(orig_seg.size()));
    }
  }
}

std::string Normalizer::NormalizeString(std::string_view text) const {
  FieldText f;
  Normalize(text, &f);
  return std::move(f.norm);
}

}  // namespace factmine
