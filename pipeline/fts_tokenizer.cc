// The "factmine" FTS5 tokenizer (see fts_tokenizer.h): the tokenizing
// function itself, and the thin fts5_tokenizer shim that SQLite calls.
#include "pipeline/fts_tokenizer.h"

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <new>

#include "pipeline/lang.h"
#include "pipeline/text_util.h"

namespace factmine {
namespace {

bool IsHanCp(UChar32 c) { return c >= 0 && IsHan(static_cast<char32_t>(c)); }

// Letters, digits and combining marks of any script other than Han.
bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
  }
  if (u_isalnum(c)) return true;
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
         t == U_ENCLOSING_MARK;
}

// The case-folded form of a word character; full-width ASCII becomes ASCII.
UChar32 FoldChar(UChar32 c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
  if (c >= 0xFF10 &&
      c <= 0xFF5A) {  // full-width 0-9 A-Z a-z (and a few symbols)
    UChar32 ascii = c - 0xFEE0;
    if (IsWordChar(ascii)) return FoldChar(ascii);
  }
  return u_foldCase(c, U_FOLD_CASE_DEFAULT);
}


// Decodes the code point at text[*pos], advancing *pos. Invalid bytes
// yield a negative value (and advance by at least one byte).
UChar32 Next(std::string_view text, int32_t* pos) {
  UChar32 c;
  U8_NEXT(text.data(), *pos, static_cast<int32_t>(text.size()), c);
  return c;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, void* ctx, FtsEmitFn emit)
      : text_(text), ctx_(ctx), emit_(emit) {}

  int Run() {
    int32_t pos = 0;
    const int32_t n = static_cast<int32_t>(text_.size());
    // The end of the last Han character emitted, if the last token was one
    // (a Han character after a gap then emits the gap token first).
    int32_t han_end = -1;
    while (pos < n) {
      const int32_t begin = pos;
      UChar32 c;
      const unsigned char b = static_cast<unsigned char>(text_[pos]);
      if (b < 0x80) {  // ASCII: no decoding
        c = b;
        ++pos;
      } else {
        c = Next(text_, &pos);
        if (c < 0) continue;
      }
      int rc = 0;
      if (c >= 0x80 && IsHanCp(c)) {
        if (han_end >= 0 && han_end < begin) {
          rc = Emit(kFtsGapToken, static_cast<uint32_t>(han_end),
                    static_cast<uint32_t>(begin));
          if (rc != 0) return rc;
        }
        rc = Emit(text_.substr(static_cast<size_t>(begin),
                               static_cast<size_t>(pos - begin)),
                  static_cast<uint32_t>(begin), static_cast<uint32_t>(pos));
        han_end = pos;
      } else if (IsWordChar(c)) {
        rc = WordRun(begin, c, &pos);
        han_end = -1;
      }
      if (rc != 0) return rc;
    }
    return 0;
  }

 private:
  int Emit(std::string_view token, uint32_t begin, uint32_t end) {
    return emit_(ctx_, false, token, begin, end);
  }

  // A run of word characters starting with `c` at `begin`; *pos is just
  // after c and is advanced past the run. The token is the text itself
  // unless folding changed a character (then it is built in buf_).
  int WordRun(int32_t begin, UChar32 c, int32_t* pos) {
    const int32_t n = static_cast<int32_t>(text_.size());
    if (c < 0x80) {
      // Fast path for a run of ASCII letters and digits (most of English):
      // no decoding, lower-cased only if it has a capital.
      int32_t p = *pos;
      bool upper = c >= 'A' && c <= 'Z';
      for (; p < n; ++p) {
        const unsigned char b = static_cast<unsigned char>(text_[p]);
        if (b >= 'a' && b <= 'z') continue;
        if (b >= '0' && b <= '9') continue;
        if (b >= 'A' && b <= 'Z') {
          upper = true;
          continue;
        }
        break;
      }
      if (p >= n || static_cast<unsigned char>(text_[p]) < 0x80) {
        *pos = p;
        const uint32_t b = static_cast<uint32_t>(begin),
                       e = static_cast<uint32_t>(p);
        if (!upper) return Emit(text_.substr(b, e - b), b, e);
        buf_.assign(text_.substr(b, e - b));
        for (char& ch : buf_) {
          if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
        }
        return Emit(buf_, b, e);
      }
      // A non-ASCII character follows: the general loop, from the start.
    }
    bool folded = false;
    int32_t char_begin = begin;
    for (;;) {
      UChar32 f = FoldChar(c);
      if (f != c && !folded) {
        folded = true;
        buf_.assign(text_.substr(static_cast<size_t>(begin),
                                 static_cast<size_t>(char_begin - begin)));
      }
      if (folded) AppendUtf8(static_cast<char32_t>(f), &buf_);
      if (*pos >= n) break;
      int32_t probe = *pos;
      UChar32 nc = Next(text_, &probe);
      if (nc < 0 || IsHanCp(nc) || !IsWordChar(nc)) break;
      c = nc;
      char_begin = *pos;
      *pos = probe;
    }
    uint32_t b = static_cast<uint32_t>(begin), e = static_cast<uint32_t>(*pos);
    std::string_view token =
        folded ? std::string_view(buf_) : text_.substr(b, e - b);
    return Emit(token, b, e);
  }

  std::string_view text_;
  void* ctx_;
  FtsEmitFn emit_;
  std::string buf_;
};

// ---- the fts5_tokenizer shim ----------------------------------------------

struct ShimTokenizer {};  // stateless; exists because FTS5 wants an object

struct ShimContext {
  void* fts_ctx;
  int (*x_token)(void*, int, const char*, int, int, int);
};

int ShimEmit(void* ctx, bool colocated, std::string_view token, uint32_t begin,
             uint32_t end) {
  auto* c = static_cast<ShimContext*>(ctx);
  return c->x_token(c->fts_ctx, colocated ? FTS5_TOKEN_COLOCATED : 0,
                    token.data(), static_cast<int>(token.size()),
                    static_cast<int>(begin), static_cast<int>(end));
}

int ShimCreate(void*, const char** /*args*/, int n_args, Fts5Tokenizer** out) {
  if (n_args != 0) return SQLITE_ERROR;  // the tokenizer takes no options
  auto* t = new (std::nothrow) ShimTokenizer;
  if (t == nullptr) return SQLITE_NOMEM;
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void ShimDelete(Fts5Tokenizer* t) {
  delete reinterpret_cast<ShimTokenizer*>(t);
}

int ShimTokenize(Fts5Tokenizer*, void* fts_ctx, int flags, const char* text,
                 int n_text,
                 int (*x_token)(void*, int, const char*, int, int, int)) {
  if (n_text < 0 || (n_text > 0 && text == nullptr)) return SQLITE_OK;
  FtsTokenizeMode mode = (flags & FTS5_TOKENIZE_QUERY)
                             ? FtsTokenizeMode::kQuery
                             : FtsTokenizeMode::kDocument;
  ShimContext ctx{fts_ctx, x_token};
  try {
    return TokenizeForFts(std::string_view(text, static_cast<size_t>(n_text)),
                          mode, &ctx, &ShimEmit);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}

int CollectToken(void* ctx, bool colocated, std::string_view token,
                 uint32_t begin, uint32_t end) {
  static_cast<std::vector<FtsToken>*>(ctx)->push_back(
      FtsToken{std::string(token), begin, end, colocated});
  return 0;
}

}  // namespace

int TokenizeForFts(std::string_view text, FtsTokenizeMode /*mode*/, void* ctx,
                   FtsEmitFn emit) {
  return Tokenizer(text, ctx, emit).Run();
}

std::vector<FtsToken> FtsTokens(std::string_view text, FtsTokenizeMode mode) {
  std::vector<FtsToken> out;
  TokenizeForFts(text, mode, &out, &CollectToken);
  return out;
}

Status RegisterFactmineTokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
    rc = sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  if (api == nullptr) {
    return Status::DbError(
        std::string("FTS5 is not available in this SQLite build: ") +
        sqlite3_errmsg(db));
  }
  // FTS5 copies the struct, so a local one is enough.
  fts5_tokenizer shim = {&ShimCreate, &ShimDelete, &ShimTokenize};
  rc = api->xCreateTokenizer(api, kFactmineTokenizerName, nullptr, &shim,
                             nullptr);
  if (rc != SQLITE_OK) {
    return Status::DbError(std::string("cannot register FTS5 tokenizer '") +
                           kFactmineTokenizerName + "': " + sqlite3_errstr(rc));
  }
  return Status::Ok();
}

}  // namespace factmine
