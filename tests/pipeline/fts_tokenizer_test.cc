// Tests of the "factmine" FTS5 tokenizer: the token streams it produces
// (with offsets) and what FTS5 finds with it.
#include "pipeline/fts_tokenizer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

namespace factmine {
namespace {

// "稀土/0-6/c" style rendering: token/begin-end, "+" for colocated.
std::string Render(const std::vector<FtsToken>& tokens) {
  std::string out;
  for (const FtsToken& t : tokens) {
    if (!out.empty()) out += ' ';
    if (t.colocated) out += '+';
    out += t.text + "/" + std::to_string(t.begin) + "-" + std::to_string(t.end);
  }
  return out;
}

std::string Doc(std::string_view text) {
  return Render(FtsTokens(text, FtsTokenizeMode::kDocument));
}
std::string Query(std::string_view text) {
  return Render(FtsTokens(text, FtsTokenizeMode::kQuery));
}

TEST(FtsTokenizer, EveryHanCharacterIsAToken) {
  // 3 bytes per character: 稀 0-3, 土 3-6, 储 6-9, 量 9-12.
  EXPECT_EQ(Doc("稀土储量"), "稀/0-3 土/3-6 储/6-9 量/9-12");
  EXPECT_EQ(Doc("稀"), "稀/0-3");
}

TEST(FtsTokenizer, QueriesAreTokenizedLikeDocuments) {
  for (std::string_view text :
       {"稀土储量", "稀土", "稀", "稀土abc", "稀土 储量", "abc稀土", "稀土，储量",
        "Rare-Earth 2025"}) {
    EXPECT_EQ(Query(text), Doc(text)) << text;
  }
  EXPECT_EQ(Query("稀土abc"), "稀/0-3 土/3-6 abc/6-9");
  EXPECT_EQ(Query("abc稀土"), "abc/0-3 稀/3-6 土/6-9");
}

TEST(FtsTokenizer, AGapBetweenHanCharactersIsAToken) {
  // A space, punctuation or invalid bytes between two Han characters.
  EXPECT_EQ(Doc("稀土 储量"), "稀/0-3 土/3-6 |/6-7 储/7-10 量/10-13");
  EXPECT_EQ(Doc("稀土。储"), "稀/0-3 土/3-6 |/6-9 储/9-12");
  EXPECT_EQ(Doc("稀，“土"), "稀/0-3 |/3-9 土/9-12");
  EXPECT_EQ(Doc("稀\xff土"), "稀/0-3 |/3-4 土/4-7");
  // Not between a Han character and a word, nor at either end.
  EXPECT_EQ(Doc("稀土，rare"), "稀/0-3 土/3-6 rare/9-13");
  EXPECT_EQ(Doc("rare，稀土"), "rare/0-4 稀/7-10 土/10-13");
  EXPECT_EQ(Doc("稀 abc 土"), "稀/0-3 abc/4-7 土/8-11");
  EXPECT_EQ(Doc("。稀。"), "稀/3-6");
}

TEST(FtsTokenizer, LatinRunsAreCaseFolded) {
  EXPECT_EQ(Doc("Rare-Earth output, 2025!"),
            "rare/0-4 earth/5-10 output/11-17 2025/19-23");
  EXPECT_EQ(Query("U.S."), "u/0-1 s/2-3");
  // Full-width ASCII letters and digits fold to ASCII (3 bytes each).
  EXPECT_EQ(Doc("ＭＰ２０"), "mp20/0-12");
  // Non-ASCII letters: ICU simple case folding.
  EXPECT_EQ(Doc("Über ΣΟΦΙΑ"), "über/0-5 σοφια/6-16");
  EXPECT_EQ(Doc("café"), "café/0-5");
  // ASCII runs that go on in another script, or end the text.
  EXPECT_EQ(Doc("CAFÉ au Lait2"), "café/0-5 au/6-8 lait2/9-14");
  EXPECT_EQ(Doc("ab1Ｃd"), "ab1cd/0-7");
  EXPECT_EQ(Doc("NYSE稀土"), "nyse/0-4 稀/4-7 土/7-10");
}

TEST(FtsTokenizer, MixedSentence) {
  // 美国 6 bytes, "MP" 2, 公司 6, "2024" 4, 年 3.
  EXPECT_EQ(Doc("美国MP公司2024年"),
            "美/0-3 国/3-6 mp/6-8 公/8-11 司/11-14 2024/14-18 年/18-21");
}

TEST(FtsTokenizer, SeparatorsAndInvalidUtf8ProduceNoTokens) {
  EXPECT_EQ(Doc(""), "");
  EXPECT_EQ(Doc(" ,.;:!?—【】“”"), "");
  EXPECT_EQ(Doc("ab\xff\xfe"
                "cd"),
            "ab/0-2 cd/4-6");
}

TEST(FtsTokenizer, EmitCanStopTokenization) {
  int calls = 0;
  auto stop_at_second = [](void* ctx, bool, std::string_view, uint32_t,
                           uint32_t) -> int {
    return ++*static_cast<int*>(ctx) == 2 ? 7 : 0;
  };
  EXPECT_EQ(TokenizeForFts("one two three", FtsTokenizeMode::kDocument, &calls,
                           stop_at_second),
            7);
  EXPECT_EQ(calls, 2);
}

// ---- through SQLite ------------------------------------------------------

class FtsTable : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    Status s = RegisterFactmineTokenizer(db_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    Exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='factmine')");
    const char* rows[] = {
        "俄罗斯的稀土储量位居世界前列",            // 1
        "稀土 储量",                               // 2 (space between)
        "Rare earth magnets are made in Ningbo.",  // 3
        "美国MP公司在加州开采稀土矿",              // 4
        "稀有金属",                                // 5 (稀 without 土)
    };
    for (const char* r : rows) {
      Exec(std::string("INSERT INTO t(x) VALUES('") + r + "')");
    }
  }
  void TearDown() override { sqlite3_close(db_); }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << sql << ": " << (err ? err : "");
  }

  // Rowids matching `match`, ascending, as "1,4".
  std::string Match(const std::string& match) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(
                  db_, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
                  -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    std::string out;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      if (!out.empty()) out += ',';
      out += std::to_string(sqlite3_column_int64(st, 0));
    }
    if (rc != SQLITE_DONE) out = std::string("error: ") + sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    return out;
  }

  std::string Highlight(const std::string& match, int rowid) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_,
                                 "SELECT highlight(t, 0, '[', ']') FROM t "
                                 "WHERE t MATCH ?1 AND rowid = ?2",
                                 -1, &st, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, rowid);
    std::string out = "(no row)";
    if (sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
  }

  sqlite3* db_ = nullptr;
};

TEST_F(FtsTable, FindsTwoCharacterChineseWords) {
  EXPECT_EQ(Match("\"稀土\""), "1,2,4");
  EXPECT_EQ(Match("稀土"), "1,2,4");  // a bareword is tokenized the same way
  EXPECT_EQ(Match("\"稀土储量\""), "1");  // row 2 has a space inside
  EXPECT_EQ(Match("\"储量\""), "1,2");
  // One character: itself, or as a prefix (what Search() asks for).
  EXPECT_EQ(Match("\"稀\""), "1,2,4,5");
  EXPECT_EQ(Match("\"稀\"*"), "1,2,4,5");
  EXPECT_EQ(Match("\"开采稀土\""), "4");
  EXPECT_EQ(Match("\"稀有\""), "5");
}

TEST_F(FtsTable, PhrasesDoNotSpanAGap) {
  EXPECT_EQ(Match("\"土储\""), "1");  // 稀土储量 has it; "稀土 储量" does not
  // The same gap in the query finds it (Search() splits terms at spaces,
  // but not at punctuation).
  EXPECT_EQ(Match("\"稀土 储量\""), "2");
  EXPECT_EQ(Match("\"稀土，储量\""), "2");
  EXPECT_EQ(Match("\"稀土\" AND \"储量\""), "1,2");
}

TEST_F(FtsTable, FindsEnglishWordsCaseInsensitively) {
  EXPECT_EQ(Match("\"rare earth\""), "3");
  EXPECT_EQ(Match("\"Rare\""), "3");
  EXPECT_EQ(Match("\"MAGNETS\""), "3");
  EXPECT_EQ(Match("\"earth rare\""), "");
}

TEST_F(FtsTable, MixedChineseAndLatin) {
  EXPECT_EQ(Match("\"美国MP公司\""), "4");
  EXPECT_EQ(Match("\"mp\" AND \"加州\""), "4");
  EXPECT_EQ(Match("\"MP公司\""), "4");
}

TEST_F(FtsTable, HighlightMarksWholeWords) {
  EXPECT_EQ(Highlight("\"稀土\"", 1), "俄罗斯的[稀土]储量位居世界前列");
  EXPECT_EQ(Highlight("\"稀土储量\"", 1), "俄罗斯的[稀土储量]位居世界前列");
  EXPECT_EQ(Highlight("\"rare earth\"", 3),
            "[Rare earth] magnets are made in Ningbo.");
  EXPECT_EQ(Highlight("\"稀土\"", 4), "美国MP公司在加州开采[稀土]矿");
  EXPECT_EQ(Highlight("\"MP公司\"", 4), "美国[MP公司]在加州开采稀土矿");
}

TEST_F(FtsTable, IndexedVocabularyHoldsCharactersWordsAndTheGap) {
  Exec("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')");
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db_,
                               "SELECT term || ':' || doc FROM v WHERE term IN "
                               "('稀土', '稀', '土储', '储量', 'rare', 'Rare', "
                               "'|') ORDER BY term",
                               -1, &st, nullptr),
            SQLITE_OK);
  std::string terms;
  while (sqlite3_step(st) == SQLITE_ROW) {
    terms += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    terms += ' ';
  }
  sqlite3_finalize(st);
  // Rows 3 (rare), 2 (the space in 稀土 储量), 1, 2, 4, 5 (稀).
  EXPECT_EQ(terms, "rare:1 |:1 稀:4 ");
}

TEST(FtsTokenizerRegistration, TableNeedsTheTokenizer) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(
                db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='factmine')",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_TRUE(RegisterFactmineTokenizer(db).ok());
  EXPECT_EQ(sqlite3_exec(
                db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='factmine')",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  // The tokenizer takes no options.
  EXPECT_NE(
      sqlite3_exec(
          db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='factmine zh')",
          nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace
}  // namespace factmine
