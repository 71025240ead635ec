// Encoding detection and conversion to UTF-8 (see encoding.h).
#include "pipeline/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

namespace factmine {

namespace {

// How much of a file the legacy-encoding candidates are judged on.
constexpr size_t kSampleBytes = 256 * 1024;
// How much of it ICU's detector sees (it is slow on large inputs).
constexpr size_t kDetectorBytes = 64 * 1024;

// ---------------------------------------------------------------- UTF-8

// Length of the well-formed UTF-8 sequence at p[0..n), or 0 when there is
// none; then *bad is the length of the maximal ill-formed subpart (>= 1).
// Table 3-7 of the Unicode standard.
inline size_t Utf8SeqLen(const unsigned char* p, size_t n, size_t* bad) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  size_t need;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  for (size_t k = 1; k < need; ++k) {
    if (k >= n) {
      *bad = k;
      return 0;
    }
    unsigned b = p[k];
    unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) {
      *bad = k;
      return 0;
    }
  }
  return need;
}

// Index of the first non-ASCII byte at or after `i`.
inline size_t SkipAscii(const unsigned char* p, size_t n, size_t i) {
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

struct Utf8Stats {
  size_t multibyte = 0;  // well-formed sequences of 2..4 bytes
  size_t invalid = 0;    // maximal ill-formed subparts
};

Utf8Stats ScanUtf8(std::string_view s) {
  Utf8Stats st;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (true) {
    i = SkipAscii(p, n, i);
    if (i >= n) break;
    size_t bad = 0;
    size_t len = Utf8SeqLen(p + i, n - i, &bad);
    if (len) {
      ++st.multibyte;
      i += len;
    } else {
      ++st.invalid;
      i += bad;
    }
  }
  return st;
}

// ------------------------------------------------------------ binaries

struct Signature {
  std::string_view magic;
  const char* what;
};

// Files that are certainly not text, recognised by their first bytes.
constexpr std::array<Signature, 17> kSignatures{{
    {std::string_view("\x89PNG\r\n\x1a\n", 8), "PNG image"},
    {std::string_view("\x7f"
                      "ELF",
                      4),
     "ELF executable"},
    {std::string_view("GIF87a", 6), "GIF image"},
    {std::string_view("GIF89a", 6), "GIF image"},
    {std::string_view("\xff\xd8\xff", 3), "JPEG image"},
    {std::string_view("%PDF-", 5), "PDF document"},
    {std::string_view("PK\x03\x04", 4), "ZIP archive"},
    {std::string_view("\x1f\x8b", 2), "gzip archive"},
    {std::string_view("BZh", 3), "bzip2 archive"},
    {std::string_view("\xfd"
                      "7zXZ\x00",
                      6),
     "xz archive"},
    {std::string_view("7z\xbc\xaf\x27\x1c", 6), "7-Zip archive"},
    {std::string_view("\x28\xb5\x2f\xfd", 4), "zstd archive"},
    {std::string_view("SQLite format 3\x00", 16), "SQLite database"},
    {std::string_view("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8),
     "Microsoft Office document"},
    {std::string_view("\xca\xfe\xba\xbe", 4), "Java class or Mach-O file"},
    {std::string_view("\xcf\xfa\xed\xfe", 4), "Mach-O executable"},
    {std::string_view("\x00"
                      "asm",
                      4),
     "WebAssembly module"},
}};

// NUL and the C0 controls that do not occur in text (TAB, LF, VT, FF, CR
// and ESC are allowed), plus DEL.
inline bool IsControlByte(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != 0x0b && c != 0x0c &&
          c != '\r' && c != 0x1b) ||
         c == 0x7f;
}

struct ByteStats {
  size_t control = 0;  // IsControlByte, NUL included
  size_t nul_even = 0, nul_odd = 0;
  size_t high = 0;  // bytes >= 0x80
};

ByteStats CountBytes(std::string_view s) {
  // Counting through a table keeps this loop free of unpredictable branches.
  static const std::array<uint8_t, 256> kClass = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      t[c] = c >= 0x80                                      ? 2
             : IsControlByte(static_cast<unsigned char>(c)) ? 1
                                                            : 0;
    }
    return t;
  }();
  ByteStats st;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t counts[3] = {0, 0, 0};
  for (size_t i = 0; i < s.size(); ++i) ++counts[kClass[p[i]]];
  st.control = counts[1];
  st.high = counts[2];
  if (st.control) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (p[i] == 0) ++(i % 2 ? st.nul_odd : st.nul_even);
    }
  }
  return st;
}

bool LooksBinary(const ByteStats& st, size_t n) {
  return (st.control > 4 && st.control * 100 > n) || st.control * 10 > n;
}

// ----------------------------------------------------------------- ICU

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct SubCount {
  size_t count = 0;
};

void U_CALLCONV CountingToU(const void* context, UConverterToUnicodeArgs* args,
                            const char* code_units, int32_t length,
                            UConverterCallbackReason reason, UErrorCode* err) {
  if (reason <= UCNV_IRREGULAR) {
    ++static_cast<SubCount*>(const_cast<void*>(context))->count;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

void U_CALLCONV CountingFromU(const void* context,
                              UConverterFromUnicodeArgs* args,
                              const UChar* code_units, int32_t length,
                              UChar32 code_point,
                              UConverterCallbackReason reason,
                              UErrorCode* err) {
  if (reason <= UCNV_IRREGULAR) {
    ++static_cast<SubCount*>(const_cast<void*>(context))->count;
  }
  UCNV_FROM_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, code_point,
                                  reason, err);
}

// Converts `bytes` from `charset` to UTF-8. Illegal or unmapped input
// becomes U+FFFD; *substitutions counts them. With flush == false a
// truncated sequence at the end of `bytes` is ignored (for samples).
Result<std::string> ConvertToUtf8(const char* charset, std::string_view bytes,
                                  bool flush, size_t* substitutions) {
  UErrorCode ec = U_ZERO_ERROR;
  ConverterPtr src(ucnv_open(charset, &ec));
  if (U_FAILURE(ec)) {
    return Status::Internal(std::string("ICU has no converter for ") + charset +
                            ": " + u_errorName(ec));
  }
  ConverterPtr dst(ucnv_open("UTF-8", &ec));
  if (U_FAILURE(ec)) {
    return Status::Internal(std::string("ICU has no UTF-8 converter: ") +
                            u_errorName(ec));
  }
  SubCount count;
  ucnv_setToUCallBack(src.get(), CountingToU, &count, nullptr, nullptr, &ec);
  ucnv_setFromUCallBack(dst.get(), CountingFromU, &count, nullptr, nullptr,
                        &ec);
  if (U_FAILURE(ec)) {
    return Status::Internal(std::string("ICU callback setup failed: ") +
                            u_errorName(ec));
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::array<char, 1 << 16> buf;
  std::array<UChar, 1024> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  const char* source = bytes.data();
  const char* source_limit = bytes.data() + bytes.size();
  UBool reset = true;
  while (true) {
    char* target = buf.data();
    ec = U_ZERO_ERROR;
    ucnv_convertEx(dst.get(), src.get(), &target, buf.data() + buf.size(),
                   &source, source_limit, pivot.data(), &pivot_source,
                   &pivot_target, pivot.data() + pivot.size(), reset, flush,
                   &ec);
    reset = false;
    out.append(buf.data(), static_cast<size_t>(target - buf.data()));
    if (ec == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(ec)) {
      return Status::InvalidInput(std::string("undecodable (") + charset +
                                  " conversion failed: " + u_errorName(ec) +
                                  ")");
    }
    break;
  }
  if (substitutions) *substitutions = count.count;
  return out;
}

// ICU's detector's confidence (0..100) for each charset it considered.
struct Confidences {
  int gb18030 = 0, big5 = 0, latin = 0;  // latin: ISO-8859-1/windows-1252
};

Confidences DetectWithIcu(std::string_view sample) {
  Confidences c;
  UErrorCode ec = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&ec);
  if (U_FAILURE(ec)) return c;
  ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &ec);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det, &n, &ec);
  for (int32_t i = 0; U_SUCCESS(ec) && i < n; ++i) {
    const char* name = ucsdet_getName(matches[i], &ec);
    int conf = ucsdet_getConfidence(matches[i], &ec);
    if (U_FAILURE(ec) || name == nullptr) break;
    std::string_view nm(name);
    if (nm == "GB18030") {
      c.gb18030 = std::max(c.gb18030, conf);
    } else if (nm == "Big5") {
      c.big5 = std::max(c.big5, conf);
    } else if (nm == "ISO-8859-1" || nm == "windows-1252") {
      c.latin = std::max(c.latin, conf);
    }
  }
  ucsdet_close(det);
  return c;
}

// A legacy double-byte candidate judged on the sample.
struct Candidate {
  const char* name = nullptr;
  size_t dbcs = 0;      // double-byte characters in the sample
  size_t frequent = 0;  // ... in the standard's frequent block
  size_t errors = 0;    // illegal or unmapped sequences (ICU)
  int confidence = 0;   // ICU detector
  bool usable = false;
  double score() const {
    return dbcs ? static_cast<double>(frequent) / static_cast<double>(dbcs)
                : 0.0;
  }
};

// Walks GB18030 byte structure: 1 byte (< 0x80), 4 bytes (lead, digit,
// lead, digit) or 2 bytes. Frequent: GB2312 level-1 hanzi (B0A1-D7FE) and
// the punctuation/full-width rows A1-A3.
void ScoreGb18030(std::string_view s, Candidate* c) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (i + 1 >= n) break;
    unsigned t = p[i + 1];
    if (t >= 0x30 && t <= 0x39) {
      i += 4;
      continue;
    }
    ++c->dbcs;
    if (t >= 0xA1 && t <= 0xFE &&
        ((b >= 0xB0 && b <= 0xD7) || (b >= 0xA1 && b <= 0xA3))) {
      ++c->frequent;
    }
    i += 2;
  }
}

// Walks Big5 byte structure. Frequent: level-1 hanzi (A440-C67E) and the
// symbol block A140-A3BF.
void ScoreBig5(std::string_view s, Candidate* c) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (i + 1 >= n) break;
    unsigned code = (b << 8) | p[i + 1];
    ++c->dbcs;
    if ((code >= 0xA440 && code <= 0xC67E) ||
        (code >= 0xA140 && code <= 0xA3BF)) {
      ++c->frequent;
    }
    i += 2;
  }
}

Status EvaluateCandidate(std::string_view sample, Candidate* c) {
  auto converted = ConvertToUtf8(c->name, sample, /*flush=*/false, &c->errors);
  if (!converted.ok()) return converted.status();
  // A few bad sequences (a damaged byte) are tolerated; more mean the text
  // is in some other encoding.
  c->usable = c->dbcs > 0 && c->errors * 50 <= c->dbcs;
  return Status::Ok();
}

// True when `a` is a better legacy candidate than `b`.
bool Better(const Candidate& a, const Candidate& b) {
  if (a.usable != b.usable) return a.usable;
  double d = a.score() - b.score();
  if (d > 0.05) return true;
  if (d < -0.05) return false;
  if (a.errors != b.errors) return a.errors < b.errors;
  if (a.confidence != b.confidence) return a.confidence > b.confidence;
  return std::string_view(a.name) == "GB18030";
}

// Removes NUL characters from decoded text; notes how many.
void RemoveNuls(Decoded* d) {
  size_t nuls =
      static_cast<size_t>(std::count(d->utf8.begin(), d->utf8.end(), '\0'));
  if (nuls == 0) return;
  d->utf8.erase(std::remove(d->utf8.begin(), d->utf8.end(), '\0'),
                d->utf8.end());
  d->notes.push_back(CountNote(nuls, "NUL byte removed", "NUL bytes removed"));
}

Result<Decoded> Finish(const char* charset, std::string_view bytes) {
  size_t subs = 0;
  auto converted = ConvertToUtf8(charset, bytes, /*flush=*/true, &subs);
  if (!converted.ok()) return converted.status();
  Decoded d;
  d.utf8 = std::move(converted).value();
  d.encoding = charset;
  if (subs) {
    d.notes.push_back(CountNote(
        subs, "invalid " + std::string(charset) + " sequence replaced",
        "invalid " + std::string(charset) + " sequences replaced"));
  }
  RemoveNuls(&d);
  return d;
}

// UTF-16 without a BOM: accepted only when it converts without error and
// the result holds hardly any control characters.
std::optional<Decoded> TryUtf16(const char* charset, std::string_view bytes) {
  size_t subs = 0;
  auto converted = ConvertToUtf8(charset, bytes, /*flush=*/true, &subs);
  if (!converted.ok() || subs > 1) return std::nullopt;
  const std::string& u = converted.value();
  size_t control = 0, chars = 0;
  for (unsigned char c : u) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c != 0 && IsControlByte(c)) ++control;
  }
  if (control * 100 > chars) return std::nullopt;
  auto d = Finish(charset, bytes);
  if (!d.ok()) return std::nullopt;
  return std::move(d).value();
}

bool HasPrefix(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string CountNote(size_t count, std::string_view singular,
                      std::string_view plural) {
  std::string s = std::to_string(count);
  s += ' ';
  s += count == 1 ? singular : plural;
  return s;
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (true) {
    i = SkipAscii(p, n, i);
    if (i >= n) return true;
    size_t bad = 0;
    size_t len = Utf8SeqLen(p + i, n - i, &bad);
    if (!len) return false;
    i += len;
  }
}

std::string ReplaceInvalidUtf8(std::string_view s, size_t* replaced) {
  std::string out;
  out.reserve(s.size() + 16);
  size_t count = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    size_t j = SkipAscii(p, n, i);
    out.append(s.data() + i, j - i);
    i = j;
    if (i >= n) break;
    size_t bad = 0;
    size_t len = Utf8SeqLen(p + i, n - i, &bad);
    if (len) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++count;
      i += bad;
    }
  }
  if (replaced) *replaced = count;
  return out;
}

Result<Decoded> DecodeToUtf8(std::string_view bytes) {
  if (bytes.empty()) return Status::InvalidInput("empty file");

  // 2. Byte order marks.
  if (HasPrefix(bytes, "\xEF\xBB\xBF")) {
    std::string_view rest = bytes.substr(3);
    Decoded d;
    d.encoding = "UTF-8";
    Utf8Stats st = ScanUtf8(rest);
    if (st.invalid) {
      d.utf8 = ReplaceInvalidUtf8(rest, nullptr);
      d.notes.push_back(CountNote(st.invalid, "invalid UTF-8 sequence replaced",
                                  "invalid UTF-8 sequences replaced"));
    } else {
      d.utf8 = std::string(rest);
    }
    RemoveNuls(&d);
    return d;
  }
  if (HasPrefix(bytes, "\xFF\xFE")) return Finish("UTF-16LE", bytes.substr(2));
  if (HasPrefix(bytes, "\xFE\xFF")) return Finish("UTF-16BE", bytes.substr(2));

  // 3. Binary signatures.
  for (const Signature& sig : kSignatures) {
    if (HasPrefix(bytes, sig.magic)) {
      return Status::InvalidInput(std::string("binary file (") + sig.what +
                                  ")");
    }
  }

  ByteStats bs = CountBytes(bytes);
  // 4. UTF-16 without BOM: NULs (the high bytes of ASCII characters) in
  // one parity of positions and hardly any in the other.
  size_t pairs = bytes.size() / 2;
  if (pairs >= 2) {
    if (bs.nul_odd * 5 >= pairs && bs.nul_even * 10 <= bs.nul_odd) {
      if (auto d = TryUtf16("UTF-16LE", bytes)) return std::move(*d);
    } else if (bs.nul_even * 5 >= pairs && bs.nul_odd * 10 <= bs.nul_even) {
      if (auto d = TryUtf16("UTF-16BE", bytes)) return std::move(*d);
    }
  }
  if (LooksBinary(bs, bytes.size())) {
    return Status::InvalidInput("binary file (" + std::to_string(bs.control) +
                                " of " + std::to_string(bytes.size()) +
                                " bytes are NUL or control bytes)");
  }

  // 5./6. UTF-8, possibly with a few damaged sequences.
  Utf8Stats st = ScanUtf8(bytes);
  if (st.invalid == 0 || st.invalid * 8 <= st.multibyte) {
    Decoded d;
    d.encoding = "UTF-8";
    if (st.invalid) {
      d.utf8 = ReplaceInvalidUtf8(bytes, nullptr);
      d.notes.push_back(CountNote(st.invalid, "invalid UTF-8 sequence replaced",
                                  "invalid UTF-8 sequences replaced"));
    } else {
      d.utf8 = std::string(bytes);
    }
    RemoveNuls(&d);
    return d;
  }

  // 7. Legacy encodings.
  std::string_view sample = bytes.substr(0, kSampleBytes);
  Confidences conf = DetectWithIcu(bytes.substr(0, kDetectorBytes));
  Candidate gb, b5;
  gb.name = "GB18030";
  gb.confidence = conf.gb18030;
  ScoreGb18030(sample, &gb);
  b5.name = "Big5";
  b5.confidence = conf.big5;
  ScoreBig5(sample, &b5);
  for (Candidate* c : {&gb, &b5}) {
    Status s = EvaluateCandidate(sample, c);
    if (!s.ok()) return s;
  }
  const Candidate& best = Better(b5, gb) ? b5 : gb;
  // CJK text: most double-byte characters are frequent ones, or ICU's
  // detector (which knows character frequencies) is sure.
  if (best.usable && (best.score() >= 0.5 || (best.confidence >= 50 &&
                                              best.confidence >= conf.latin))) {
    return Finish(best.name, bytes);
  }
  // Latin text: mostly ASCII with some accented letters or curly quotes.
  if (bs.high * 4 <= bytes.size()) {
    // windows-1252 leaves five bytes unassigned; ISO-8859-1 maps all.
    constexpr std::string_view kUnassigned1252("\x81\x8d\x8f\x90\x9d", 5);
    bool fits_1252 = bytes.find_first_of(kUnassigned1252) == bytes.npos;
    return Finish(fits_1252 ? "windows-1252" : "ISO-8859-1", bytes);
  }
  return Status::InvalidInput(
      "undecodable (not UTF-8, UTF-16, GB18030, Big5 or Latin-1 text: " +
      std::to_string(st.invalid) + " invalid UTF-8 sequences)");
}

}  // namespace factmine
