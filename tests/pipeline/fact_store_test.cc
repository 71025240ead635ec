// Tests of FactStore: opening (and the errors), idempotent and replacing
// Put, code-point offsets, FTS sync, quantities and dates, re-analysis of
// articles stored by an older analysis version, rejects, runs and batches.
#include "pipeline/fact_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "extractors/entities/entity_extractor.h"
#include "pipeline/context.h"
#include "pipeline/schema.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

// Byte span of the first `needle` in the field's normalized text.
Span Find(const Document& doc, Field f, std::string_view needle) {
  size_t at = doc.field(f).norm.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

// An article whose text has full-width digits (normalized to ASCII) and a
// citation marker (masked with spaces in the normalized text):
//   original: 中方消息：俄罗斯稀土储量约２８５万吨。[2] Rare earth output rose.
//   norm:     中方消息：俄罗斯稀土储量约285万吨。    Rare earth output rose.
std::unique_ptr<Document> ChineseDoc(
    const std::string& key, const std::string& id,
    const std::string& tail = "Rare earth output rose.") {
  RawArticle raw;
  raw.path = "/batches/day1.txt";
  raw.position = 2;
  raw.line = 14;
  raw.format = Format::kDigest;
  raw.encoding = "UTF-8";
  raw.key = key;
  raw.title = "俄罗斯稀土储量";
  raw.source = "Xin Hua Cai Jing";
  raw.published_at = "2025-03-04 10:30";
  raw.topic = "稀土自主";
  raw.notes = {"1 NUL byte removed", "title trimmed"};
  raw.bytes = 321;
  const std::string orig_text =
      "中方消息：俄罗斯稀土储量约２８５万吨。[2] " + tail;
  raw.text = orig_text;
  auto doc = std::make_unique<Document>(raw);
  doc->id = id;
  doc->lang = Lang::kMixed;
  FieldText& title = doc->field(Field::kTitle);
  title.original = title.norm = raw.title;
  FieldText& text = doc->field(Field::kText);
  text.original = orig_text;
  text.norm = "中方消息：俄罗斯稀土储量约285万吨。    " + tail;
  // 中方消息：俄罗斯稀土储量约 is 13 characters = 39 bytes in both texts.
  text.map.AddReplacement(39, 1, 39, 3);
  text.map.AddReplacement(40, 1, 42, 3);
  text.map.AddReplacement(41, 1, 45, 3);

  Section headline;
  headline.kind = SectionKind::kHeadline;
  headline.field = Field::kTitle;
  headline.span = {0, static_cast<uint32_t>(title.norm.size())};
  Section body;
  body.kind = SectionKind::kGroup;
  body.field = Field::kText;
  body.span = {0, static_cast<uint32_t>(text.norm.size())};
  body.label = "Group 1";
  body.group_no = 1;
  body.title = "Reserves";
  doc->sections = {headline, body};
  doc->bullets = {Bullet{1, body.span}};

  Sentence s0;
  s0.section = 1;
  s0.bullet = 0;
  s0.field = Field::kText;
  s0.span = Find(*doc, Field::kText, "俄罗斯稀土储量约285万吨。");
  s0.lang = Lang::kZh;
  s0.citations = {0};
  Sentence s1;
  s1.section = 1;
  s1.bullet = 0;
  s1.field = Field::kText;
  s1.span = Find(*doc, Field::kText, tail);
  s1.lang = Lang::kEn;
  Sentence s2;  // the headline as a sentence: in no bullet
  s2.section = 0;
  s2.bullet = 0;
  s2.field = Field::kTitle;
  s2.span = headline.span;
  s2.lang = Lang::kZh;
  doc->sentences = {s0, s1, s2};

  Citation c;
  c.field = Field::kText;
  c.span = {51, 54};  // the three spaces that replaced "[2]"
  c.sentence = 0;
  c.indices = {2};
  doc->citations = {c};
  return doc;
}

// The tail of ChineseDoc used by the layer tests: sentence 1, holding a
// range, a date, a bound in a unit that is not its dimension's base, and an
// unresolved relative date.
constexpr char kLayerTail[] =
    "Output rose 7% to 9% in 2024, or over 200 lbs, since last year.";

Quantity MakeQuantity(const Document& doc, Field f, std::string_view surface,
                      uint32_t sentence, double value, double lower,
                      double upper, Approx approx, std::string unit,
                      std::string dimension, std::string base_unit,
                      double to_base, std::string_view rule) {
  Quantity q;
  q.field = f;
  q.span = Find(doc, f, surface);
  q.sentence = sentence;
  q.value = value;
  q.lower = lower;
  q.upper = upper;
  q.approx = approx;
  q.unit = std::move(unit);
  q.dimension = std::move(dimension);
  q.base_unit = std::move(base_unit);
  q.to_base = to_base;
  q.rule = rule;
  return q;
}

DateMention MakeDate(const Document& doc, Field f, std::string_view surface,
                     uint32_t sentence, std::string value, std::string grain,
                     std::string relation, bool relative,
                     std::string_view rule) {
  DateMention d;
  d.field = f;
  d.span = Find(doc, f, surface);
  d.sentence = sentence;
  d.value = std::move(value);
  d.grain = std::move(grain);
  d.relation = std::move(relation);
  d.relative = relative;
  d.rule = rule;
  return d;
}

// ChineseDoc with kLayerTail and the quantities and dates an extractor
// would find in it (the last quantity and date without a sentence, as
// `factmine extract` leaves them).
std::unique_ptr<Document> LayerDoc(const std::string& key,
                                   const std::string& id) {
  auto doc = ChineseDoc(key, id, kLayerTail);
  const Document& d = *doc;
  doc->quantities = {
      MakeQuantity(d, Field::kText, "约285万吨", 0, 2850000, 2850000, 2850000,
                   Approx::kAbout, "t", "mass", "t", 1, "quantity.zh.unit"),
      MakeQuantity(d, Field::kText, "7% to 9%", 1, kOpenBound, 7, 9,
                   Approx::kRange, "percent", "percent", "percent", 1,
                   "quantity.en.range"),
      MakeQuantity(d, Field::kText, "over 200 lbs", kNoSentence, 200, 200,
                   kOpenBound, Approx::kOver, "lb", "mass", "t",
                   0.00045359237, "quantity.en.bound"),
  };
  doc->dates = {
      MakeDate(d, Field::kText, "in 2024", 1, "2024", "year", "in", false,
               "date.en.year"),
      MakeDate(d, Field::kText, "since last year", kNoSentence, "", "year",
               "since", true, "date.en.relative_year"),
  };
  return doc;
}

// text[start:end] in Python terms: a slice by code points.
std::string SliceCodepoints(const std::string& text, size_t start, size_t end) {
  std::string out;
  size_t cp = 0;
  for (size_t i = 0; i < text.size(); ++cp) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (cp >= start && cp < end) out.append(text, i, len);
    i += len;
  }
  return out;
}

class FactStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = FactStore::Open(":memory:", FactStore::Mode::kReadWrite);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
  }

  // The first column of the first row of `sql`, as text ("NULL" for NULL).
  std::string One(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(
        sqlite3_prepare_v2(store_->handle(), sql.c_str(), -1, &st, nullptr),
        SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(store_->handle());
    std::string out = "(no row)";
    if (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      out = t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    sqlite3_finalize(st);
    return out;
  }
  // All rows of `sql`, columns joined by '|', rows by '\n'.
  std::string All(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(
        sqlite3_prepare_v2(store_->handle(), sql.c_str(), -1, &st, nullptr),
        SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(store_->handle());
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        if (i > 0) out += '|';
        const unsigned char* t = sqlite3_column_text(st, i);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
      }
      out += '\n';
    }
    sqlite3_finalize(st);
    return out;
  }
  std::string Counts() {
    return One(
        "SELECT (SELECT count(*) FROM documents) || ' ' || "
        "(SELECT count(*) FROM sections) || ' ' || "
        "(SELECT count(*) FROM bullets) || ' ' || "
        "(SELECT count(*) FROM sentences) || ' ' || "
        "(SELECT count(*) FROM sentences_fts) || ' ' || "
        "(SELECT count(*) FROM citations)");
  }
  // Rows of the extractor layers: "quantities dates".
  std::string LayerCounts() {
    return One(
        "SELECT (SELECT count(*) FROM quantities) || ' ' || "
        "(SELECT count(*) FROM dates)");
  }
  void Exec(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(store_->handle(), sql.c_str(), nullptr, nullptr,
                           nullptr),
              SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(store_->handle());
  }

  std::unique_ptr<FactStore> store_;
};

TEST_F(FactStoreTest, NewStoreHasCurrentSchema) {
  EXPECT_EQ(One("SELECT max(version) FROM schema_version"),
            std::to_string(kSchemaVersion));
  // Not enforced on the writer's connection (the store keeps them).
  EXPECT_EQ(One("PRAGMA foreign_keys"), "0");
  EXPECT_EQ(Counts(), "0 0 0 0 0 0");
  EXPECT_EQ(LayerCounts(), "0 0");
  EXPECT_EQ(All("SELECT version, what FROM schema_version ORDER BY version"),
            "1|articles, sections, bullets, sentences (+FTS5), citations, "
            "runs, rejects\n"
            "2|quantities, dates; documents.analysis_version, "
            "runs.reanalyzed\n"
            "3|search index of Han characters (rebuilt); no quantities/dates "
            "secondary indexes\n"
            "4|sentences.norm holds the search text (FTS5 external content)\n"
            "5|entities, mentions, claims\n");
  EXPECT_EQ(One("SELECT (SELECT count(*) FROM entities) || ' ' || "
                "(SELECT count(*) FROM mentions) || ' ' || "
                "(SELECT count(*) FROM claims)"),
            "0 0 0");
}

TEST_F(FactStoreTest, PutStoresEveryLayer) {
  auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  auto r = store_->Put(*doc, 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, FactStore::PutOutcome::kIngested);
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");

  EXPECT_EQ(
      All("SELECT id, key, file, position, line, format, encoding, title, "
          "source, source_id, published_at, topic, lang, meta, notes, "
          "bytes, run_id FROM documents"),
      "aaaa0000aaaa0000aaaa0000aaaa0000|day1#2|/batches/day1.txt|2|14|"
      "digest|UTF-8|俄罗斯稀土储量|Xin Hua Cai Jing|NULL|2025-03-04 10:30|"
      "稀土自主|mixed|NULL|1 NUL byte removed; title trimmed|321|NULL\n");
  EXPECT_EQ(
      One("SELECT text FROM documents"),
      "中方消息：俄罗斯稀土储量约２８５万吨。[2] Rare earth output rose.");
  EXPECT_EQ(All("SELECT section_no, kind, label, group_no, title, field, "
                "start, \"end\" FROM sections ORDER BY section_no"),
            "0|headline|NULL|NULL|NULL|title|0|7\n"
            "1|group|Group 1|1|Reserves|text|0|46\n");
  EXPECT_EQ(
      All("SELECT bullet_no, section_no, field, start, \"end\" FROM bullets"),
      "0|1|text|0|46\n");
}

TEST_F(FactStoreTest, SentenceOffsetsAreCodePointsIntoTheOriginal) {
  auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(store_->Put(*doc, 0).ok());
  // 中方消息： is 5 code points; the sentence has 14 (full-width digits
  // count once each); [2] is 19..22; the English sentence starts at 23.
  EXPECT_EQ(All("SELECT sentence_no, section_no, bullet_no, field, start, "
                "\"end\", lang, citations, text FROM sentences "
                "ORDER BY sentence_no"),
            "0|1|0|text|5|19|zh|[2]|俄罗斯稀土储量约２８５万吨。\n"
            "1|1|0|text|23|46|en|[]|Rare earth output rose.\n"
            "2|0|NULL|title|0|7|zh|[]|俄罗斯稀土储量\n");
  EXPECT_EQ(All("SELECT sentence_no, marker_no, idx, field, start, \"end\" "
                "FROM citations"),
            "0|0|2|text|19|22\n");
  // The FTS index holds the NORMALIZED text, kept in sentences.norm.
  EXPECT_EQ(One("SELECT norm FROM sentences WHERE sentence_no = 0"),
            "俄罗斯稀土储量约285万吨。");
  EXPECT_EQ(One("SELECT norm FROM sentences_fts WHERE rowid = "
                "(SELECT id FROM sentences WHERE sentence_no = 0)"),
            "俄罗斯稀土储量约285万吨。");
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE sentences_fts "
                "MATCH '\"285\"'"),
            "1");
  // Python-style slicing of the original with the stored offsets.
  const std::string text = One("SELECT text FROM documents");
  EXPECT_EQ(SliceCodepoints(text, 5, 19), "俄罗斯稀土储量约２８５万吨。");
  EXPECT_EQ(SliceCodepoints(text, 19, 22), "[2]");
  EXPECT_EQ(SliceCodepoints(text, 23, 46), "Rare earth output rose.");
}

TEST_F(FactStoreTest, RePutIsIdempotent) {
  auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_EQ(store_->Put(*doc, 0).value(), FactStore::PutOutcome::kIngested);
  std::string before = All("SELECT * FROM documents");
  auto again = store_->Put(*doc, 0);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, FactStore::PutOutcome::kUnchanged);
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  EXPECT_EQ(All("SELECT * FROM documents"), before);  // not even ingested_at
  // The same content under another key is still the same article.
  auto copy = ChineseDoc("day2#1", "aaaa0000aaaa0000aaaa0000aaaa0000");
  EXPECT_EQ(store_->Put(*copy, 0).value(), FactStore::PutOutcome::kUnchanged);
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
}

TEST_F(FactStoreTest, ChangedContentReplacesEveryRowOfTheOldVersion) {
  auto v1 = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000",
                       "Magnet exports doubled.");
  ASSERT_EQ(store_->Put(*v1, 0).value(), FactStore::PutOutcome::kIngested);
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                "'\"magnet\"'"),
            "1");

  auto v2 = ChineseDoc("day1#2", "bbbb1111bbbb1111bbbb1111bbbb1111",
                       "Smelting capacity grew.");
  auto r = store_->Put(*v2, 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, FactStore::PutOutcome::kIngested);
  // Both versions are stored until the file has been read to its end...
  EXPECT_EQ(One("SELECT count(*) FROM documents"), "2");
  // ...then the version the file no longer holds goes, with all its rows.
  auto removed = store_->RemoveUnseen("/batches/day1.txt",
                                      {"bbbb1111bbbb1111bbbb1111bbbb1111"});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  EXPECT_EQ(One("SELECT id FROM documents"),
            "bbbb1111bbbb1111bbbb1111bbbb1111");
  EXPECT_EQ(One("SELECT count(*) FROM sections WHERE doc_id LIKE 'aaaa%'"),
            "0");
  EXPECT_EQ(One("SELECT count(*) FROM citations WHERE doc_id LIKE 'aaaa%'"),
            "0");
  // Every FTS row belongs to a current sentence and holds its text.
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE rowid NOT IN "
                "(SELECT id FROM sentences)"),
            "0");
  EXPECT_EQ(One("SELECT f.norm FROM sentences_fts f JOIN sentences s "
                "ON s.id = f.rowid WHERE s.sentence_no = 1"),
            "Smelting capacity grew.");
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                "'\"magnet\"'"),
            "0");
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                "'\"smelting\"'"),
            "1");
  auto ids = store_->DocumentIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{"bbbb1111bbbb1111bbbb1111bbbb1111"});
}

// Articles added above an article move it; it stays the same article.
TEST_F(FactStoreTest, UnchangedArticleAtANewPositionIsMoved) {
  auto doc = ChineseDoc("/batches/day1.txt#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_EQ(store_->Put(*doc, 0).value(), FactStore::PutOutcome::kIngested);
  auto moved = ChineseDoc("/batches/day1.txt#3", "aaaa0000aaaa0000aaaa0000aaaa0000");
  moved->mutable_raw().position = 3;
  moved->mutable_raw().line = 20;
  ASSERT_EQ(store_->Put(*moved, 0).value(), FactStore::PutOutcome::kUnchanged);
  EXPECT_EQ(All("SELECT position, line, key FROM documents"), "3|20|/batches/day1.txt#3\n");
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  // The same content in another file keeps its first place.
  auto elsewhere = ChineseDoc("/batches/day2.txt#1", "aaaa0000aaaa0000aaaa0000aaaa0000");
  elsewhere->mutable_raw().path = "/batches/day2.txt";
  elsewhere->mutable_raw().position = 1;
  ASSERT_EQ(store_->Put(*elsewhere, 0).value(), FactStore::PutOutcome::kUnchanged);
  EXPECT_EQ(All("SELECT file, position FROM documents"), "/batches/day1.txt|3\n");
  auto has = store_->HasDocument("aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
  auto hasnt = store_->HasDocument("ffff0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(hasnt.ok());
  EXPECT_FALSE(*hasnt);
}

TEST_F(FactStoreTest, RejectsAreUpsertedAndClearedByALaterStore) {
  auto run = store_->BeginRun({"/batches"}, 4);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  RawArticle raw;
  raw.path = "/batches/day1.txt";
  raw.position = 2;
  raw.line = 14;
  ASSERT_TRUE(
      store_->PutReject(*run, raw, Status::InvalidInput("no body")).ok());
  raw.line = 15;
  ASSERT_TRUE(
      store_->PutReject(*run, raw, Status::Internal("stage crashed")).ok());
  RawArticle other = raw;
  other.position = 3;
  ASSERT_TRUE(
      store_->PutReject(*run, other, Status::InvalidInput("binary")).ok());
  EXPECT_EQ(
      All("SELECT run_id, path, position, line, code, reason FROM rejects "
          "ORDER BY position"),
      "1|/batches/day1.txt|2|15|internal|stage crashed\n"
      "1|/batches/day1.txt|3|15|invalid_input|binary\n");

  // The article at position 2 is stored now: its reject row goes away.
  auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_EQ(store_->Put(*doc, *run).value(), FactStore::PutOutcome::kIngested);
  EXPECT_EQ(All("SELECT position FROM rejects"), "3\n");
  EXPECT_EQ(One("SELECT run_id FROM documents"), "1");
}

TEST_F(FactStoreTest, UnchangedPutAlsoClearsTheReject) {
  auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(store_->Put(*doc, 0).ok());
  ASSERT_TRUE(
      store_->PutReject(0, doc->raw(), Status::IoError("read failed")).ok());
  EXPECT_EQ(One("SELECT count(*) FROM rejects"), "1");
  EXPECT_EQ(store_->Put(*doc, 0).value(), FactStore::PutOutcome::kUnchanged);
  EXPECT_EQ(One("SELECT count(*) FROM rejects"), "0");
}

TEST_F(FactStoreTest, RunsRecordCountsAndThroughput) {
  auto run = store_->BeginRun({"/a b", "/c\"d"}, 8);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(All("SELECT id, paths, threads, status, finished_at FROM runs"),
            "1|[\"/a b\",\"/c\\\"d\"]|8|running|NULL\n");
  FactStore::RunSummary s;
  s.files = 3;
  s.ingested = 10;
  s.unchanged = 2;
  s.replaced = 1;
  s.rejected = 4;
  s.reanalyzed = 6;
  s.bytes = 5'000'000;
  s.seconds = 2.0;
  ASSERT_TRUE(store_->FinishRun(*run, s, true).ok());
  EXPECT_EQ(
      All("SELECT status, files, ingested, unchanged, replaced, rejected, "
          "reanalyzed, bytes, seconds, mb_per_s, finished_at IS NOT NULL "
          "FROM runs"),
      "done|3|10|2|1|4|6|5000000|2.0|2.5|1\n");
  ASSERT_TRUE(store_->FinishRun(*run, s, false).ok());
  EXPECT_EQ(One("SELECT status FROM runs"), "failed");
  EXPECT_EQ(store_->FinishRun(99, s, true).code(), StatusCode::kNotFound);
}

TEST_F(FactStoreTest, BatchesCommitOrRollBack) {
  ASSERT_TRUE(store_->BeginBatch().ok());
  EXPECT_TRUE(store_->in_batch());
  EXPECT_EQ(store_->BeginBatch().code(), StatusCode::kUsage);
  auto a = ChineseDoc("k1", "11111111111111111111111111111111");
  auto b = ChineseDoc("k2", "22222222222222222222222222222222");
  ASSERT_TRUE(store_->Put(*a, 0).ok());
  ASSERT_TRUE(store_->Put(*b, 0).ok());
  ASSERT_TRUE(store_->RollbackBatch().ok());
  EXPECT_EQ(Counts(), "0 0 0 0 0 0");

  ASSERT_TRUE(store_->BeginBatch().ok());
  ASSERT_TRUE(store_->Put(*a, 0).ok());
  ASSERT_TRUE(store_->Put(*b, 0).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_FALSE(store_->in_batch());
  EXPECT_EQ(Counts(), "2 4 2 6 6 2");
  EXPECT_EQ(store_->CommitBatch().code(), StatusCode::kUsage);
}

TEST_F(FactStoreTest, BadLayerFailsWithoutPartialRows) {
  ASSERT_TRUE(store_->BeginBatch().ok());
  auto good = ChineseDoc("k1", "11111111111111111111111111111111");
  ASSERT_TRUE(store_->Put(*good, 0).ok());
  auto bad = ChineseDoc("k2", "22222222222222222222222222222222");
  bad->sentences[1].span.end = 9999;
  auto r = store_->Put(*bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(r.status().message(),
            "article 22222222222222222222222222222222 (k2): sentence 1 span "
            "[55,9999) is outside the text field (78 bytes)");
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");  // the good article only

  auto failed = ChineseDoc("k3", "33333333333333333333333333333333");
  failed->status = Status::InvalidInput("no body");
  EXPECT_EQ(store_->Put(*failed, 0).status().code(), StatusCode::kInvalidInput);
}

// ---- quantities and dates --------------------------------------------------

TEST_F(FactStoreTest, PutStoresQuantitiesAndDatesWithCodePointOffsets) {
  auto doc = LayerDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  auto r = store_->Put(*doc, 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, FactStore::PutOutcome::kIngested);
  EXPECT_EQ(LayerCounts(), "3 2");
  // 约２８５万吨 is 6 code points of the original (full-width digits), after
  // 中方消息：俄罗斯稀土储量 (12); the English sentence starts at 23.
  // Open bounds and the missing sentence are NULL.
  EXPECT_EQ(All("SELECT quantity_no, field, sentence_no, start, \"end\", "
                "surface, value, lower, upper, approx, unit, dimension, "
                "base_unit, to_base, rule FROM quantities "
                "ORDER BY quantity_no"),
            "0|text|0|12|18|约２８５万吨|2850000.0|2850000.0|2850000.0|about|"
            "t|mass|t|1.0|quantity.zh.unit\n"
            "1|text|1|35|43|7% to 9%|NULL|7.0|9.0|range|percent|percent|"
            "percent|1.0|quantity.en.range\n"
            "2|text|NULL|56|68|over 200 lbs|200.0|200.0|NULL|over|lb|mass|t|"
            "0.00045359237|quantity.en.bound\n");
  EXPECT_EQ(All("SELECT typeof(value), typeof(lower), typeof(upper), "
                "typeof(to_base) FROM quantities WHERE quantity_no = 1"),
            "null|real|real|real\n");
  // An unresolved relative date has no value; a plain relation is NULL.
  EXPECT_EQ(All("SELECT date_no, field, sentence_no, start, \"end\", surface, "
                "value, grain, relation, relative, rule FROM dates "
                "ORDER BY date_no"),
            "0|text|1|44|51|in 2024|2024|year|in|0|date.en.year\n"
            "1|text|NULL|70|85|since last year|NULL|year|since|1|"
            "date.en.relative_year\n");
  // Python-style slicing of the original gives the surface.
  const std::string text = One("SELECT text FROM documents");
  EXPECT_EQ(SliceCodepoints(text, 12, 18), "约２８５万吨");
  EXPECT_EQ(SliceCodepoints(text, 35, 43), "7% to 9%");
  EXPECT_EQ(SliceCodepoints(text, 70, 85), "since last year");
  EXPECT_EQ(One("SELECT analysis_version FROM documents"),
            std::to_string(kAnalysisVersion));
}

TEST_F(FactStoreTest, QuantitiesInTheTitleAndEmptyTextsAreNull) {
  auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  // The headline is sentence 2; a bare number has no unit; an infinite
  // value (an absurd number an extractor let through) is stored as NULL.
  doc->quantities = {
      MakeQuantity(*doc, Field::kTitle, "稀土", 2,
                   std::numeric_limits<double>::infinity(), kOpenBound,
                   kOpenBound, Approx::kExact, "", "number", "", 1,
                   "quantity.bare"),
  };
  DateMention plain =
      MakeDate(*doc, Field::kTitle, "俄罗斯", 2, "2025", "year", "", false,
               "date.zh.year");
  doc->dates = {plain};
  ASSERT_TRUE(store_->Put(*doc, 0).ok());
  EXPECT_EQ(All("SELECT field, sentence_no, start, \"end\", surface, value, "
                "lower, upper, approx, unit, dimension, base_unit FROM "
                "quantities"),
            "title|2|3|5|稀土|NULL|NULL|NULL|exact|NULL|number|NULL\n");
  EXPECT_EQ(All("SELECT field, sentence_no, start, \"end\", relation, "
                "relative FROM dates"),
            "title|2|0|3|NULL|0\n");
}

// Inside a batch the search rows are queued and indexed by CommitBatch (one
// FTS5 flush per batch instead of one per article's savepoint).
TEST_F(FactStoreTest, SearchRowsOfABatchAreIndexedAtCommit) {
  const std::string magnet =
      "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
      "'\"magnet\"'";
  ASSERT_TRUE(store_->BeginBatch().ok());
  auto a = ChineseDoc("k1", "11111111111111111111111111111111",
                      "Magnet exports doubled.");
  ASSERT_TRUE(store_->Put(*a, 0).ok());
  EXPECT_EQ(One("SELECT count(*) FROM sentences"), "3");
  EXPECT_EQ(One(magnet), "0");  // queued
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(One(magnet), "1");
  EXPECT_EQ(One("SELECT group_concat(s.sentence_no) FROM sentences_fts f "
                "JOIN sentences s ON s.id = f.rowid WHERE sentences_fts "
                "MATCH '\"储量\"'"),
            "0,2");
  // A rolled-back batch leaves nothing queued behind.
  ASSERT_TRUE(store_->BeginBatch().ok());
  auto b = ChineseDoc("k2", "22222222222222222222222222222222",
                      "Magnet imports fell.");
  ASSERT_TRUE(store_->Put(*b, 0).ok());
  ASSERT_TRUE(store_->RollbackBatch().ok());
  ASSERT_TRUE(store_->BeginBatch().ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(One(magnet), "1");
  EXPECT_EQ(One("SELECT count(*) FROM sentences"), "3");
  Exec("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')");
}

// Deleting an article whose search rows are still queued (stored earlier in
// the same batch) indexes the queue first, so that no search row outlives
// its sentence, and none is inserted for a sentence already gone.
TEST_F(FactStoreTest, ArticleStoredAndRemovedInOneBatchLeavesNoSearchRows) {
  ASSERT_TRUE(store_->BeginBatch().ok());
  auto v1 = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000",
                       "Magnet exports doubled.");
  ASSERT_TRUE(store_->Put(*v1, 0).ok());
  auto v2 = ChineseDoc("day1#2", "bbbb1111bbbb1111bbbb1111bbbb1111",
                       "Smelting capacity grew.");
  ASSERT_TRUE(store_->Put(*v2, 0).ok());
  auto removed = store_->RemoveUnseen("/batches/day1.txt",
                                      {"bbbb1111bbbb1111bbbb1111bbbb1111"});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 1);
  // A new article may now get the rowids the deleted sentences had.
  auto c = ChineseDoc("day1#3", "cccc2222cccc2222cccc2222cccc2222",
                      "Magnet plants opened.");
  c->mutable_raw().position = 3;
  ASSERT_TRUE(store_->Put(*c, 0).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts"), "6");
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE rowid NOT IN "
                "(SELECT id FROM sentences)"),
            "0");
  EXPECT_EQ(One("SELECT group_concat(doc_id) FROM sentences_fts f JOIN "
                "sentences s ON s.id = f.rowid WHERE sentences_fts MATCH "
                "'\"magnet\"'"),
            "cccc2222cccc2222cccc2222cccc2222");
  Exec("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')");
}

// Re-analysing an article indexes the queue before the article's
// savepoint: if its new layers are then refused, the articles stored
// before it in the batch keep their search rows, and it keeps its old ones.
TEST_F(FactStoreTest, RefusedReanalysisKeepsTheBatchsSearchRows) {
  const std::string old_id = "aaaa0000aaaa0000aaaa0000aaaa0000";
  auto old = ChineseDoc("day1#2", old_id, "Smelting capacity grew.");
  ASSERT_TRUE(store_->Put(*old, 0).ok());
  Exec("UPDATE documents SET analysis_version = 0");

  ASSERT_TRUE(store_->BeginBatch().ok());
  auto a = ChineseDoc("day1#1", "11111111111111111111111111111111",
                      "Magnet exports doubled.");
  a->mutable_raw().position = 1;
  ASSERT_TRUE(store_->Put(*a, 0).ok());
  auto bad = ChineseDoc("day1#2", old_id, "Smelting capacity grew.");
  bad->sentences[1].span.end = 9999;
  auto r = store_->Put(*bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(Counts(), "2 4 2 6 6 2");
  EXPECT_EQ(One("SELECT analysis_version FROM documents WHERE id = '" +
                old_id + "'"),
            "0");
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE sentences_fts "
                "MATCH '\"magnet\" OR \"smelting\"'"),
            "2");
  Exec("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')");
}

// Prepare (run by the ingest in its parallel stage) does the checks and
// conversions; Put with its rows stores what Put alone stores.
TEST_F(FactStoreTest, PreparedRowsAreWhatPutStores) {
  auto doc = LayerDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  auto rows = FactStore::Prepare(*doc);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->sentences.size(), 3u);
  EXPECT_EQ(rows->sentences[0].start, 5);
  EXPECT_EQ(rows->sentences[0].end, 19);
  EXPECT_EQ(rows->sentences[0].text, "俄罗斯稀土储量约２８５万吨。");
  EXPECT_EQ(rows->cites, "[2][][]");
  EXPECT_EQ(rows->cites_end, (std::vector<size_t>{3, 5, 7}));
  EXPECT_EQ(rows->in_bullet, (std::vector<bool>{true, true, false}));
  EXPECT_EQ(rows->notes, "1 NUL byte removed; title trimmed");
  ASSERT_EQ(rows->quantities.size(), 3u);
  EXPECT_EQ(rows->quantities[0].text, "约２８５万吨");
  EXPECT_EQ(rows->quantities[0].end - rows->quantities[0].start, 6);

  ASSERT_TRUE(store_->Put(*doc, *rows, 0).ok());
  const std::string prepared = All("SELECT * FROM sentences") +
                               All("SELECT * FROM quantities") +
                               All("SELECT * FROM dates");
  auto other = FactStore::Open(":memory:", FactStore::Mode::kReadWrite);
  ASSERT_TRUE(other.ok());
  std::swap(store_, *other);
  ASSERT_TRUE(store_->Put(*doc, 0).ok());
  EXPECT_EQ(All("SELECT * FROM sentences") + All("SELECT * FROM quantities") +
                All("SELECT * FROM dates"),
            prepared);

  // Refusals come from Prepare, before anything is written.
  doc->sentences[0].citations = {4};
  auto bad = FactStore::Prepare(*doc);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "article aaaa0000aaaa0000aaaa0000aaaa0000: sentence 0 refers to "
            "citation 4 of 1");
}

// An article has no savepoint of its own: when SQLite fails in the middle
// of writing one (here a trigger stands in for a full disk), the whole open
// batch is rolled back, and nothing of it is stored, as after a crash.
TEST_F(FactStoreTest, SqliteFailureWhileWritingRollsBackTheBatch) {
  Exec("CREATE TEMP TRIGGER full_disk BEFORE INSERT ON dates "
       "WHEN new.doc_id LIKE 'bbbb%' BEGIN "
       "SELECT RAISE(ABORT, 'database or disk is full'); END");
  ASSERT_TRUE(store_->BeginBatch().ok());
  auto good = LayerDoc("k1", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(store_->Put(*good, 0).ok());
  auto doomed = LayerDoc("k2", "bbbb1111bbbb1111bbbb1111bbbb1111");
  auto r = store_->Put(*doomed, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDbError);
  EXPECT_EQ(r.status().message(),
            ":memory:: inserting a date: database or disk is full (the open "
            "batch was rolled back: none of its articles is stored)");
  EXPECT_FALSE(store_->in_batch());
  EXPECT_EQ(Counts(), "0 0 0 0 0 0");
  EXPECT_EQ(LayerCounts(), "0 0");
  // Outside a batch the article is its own transaction.
  r = store_->Put(*doomed, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            ":memory:: inserting a date: database or disk is full");
  EXPECT_EQ(Counts(), "0 0 0 0 0 0");
  ASSERT_TRUE(store_->Put(*good, 0).ok());
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  EXPECT_EQ(LayerCounts(), "3 2");
}

TEST_F(FactStoreTest, BadQuantityOrDateFailsWithoutPartialRows) {
  ASSERT_TRUE(store_->BeginBatch().ok());
  auto good = LayerDoc("k1", "11111111111111111111111111111111");
  ASSERT_TRUE(store_->Put(*good, 0).ok());

  auto past_end = LayerDoc("k2", "22222222222222222222222222222222");
  past_end->quantities[1].span.end = 5000;
  auto r = store_->Put(*past_end, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(r.status().message(),
            "article 22222222222222222222222222222222 (k2): quantity 1 span "
            "[67,5000) is outside the text field (118 bytes)");

  auto wrong_field = LayerDoc("k3", "33333333333333333333333333333333");
  wrong_field->dates[0].sentence = 2;  // the headline: a title sentence
  r = store_->Put(*wrong_field, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(r.status().message(),
            "article 33333333333333333333333333333333: date 0 of the text "
            "field refers to sentence 2, which is not a sentence of that "
            "field (3 sentences)");

  auto out_of_range = LayerDoc("k4", "44444444444444444444444444444444");
  out_of_range->quantities[0].sentence = 3;
  r = store_->Put(*out_of_range, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  ASSERT_TRUE(store_->CommitBatch().ok());
  // Only the good article, with all its rows.
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  EXPECT_EQ(LayerCounts(), "3 2");
  EXPECT_EQ(One("SELECT group_concat(DISTINCT doc_id) FROM quantities"),
            "11111111111111111111111111111111");
}

TEST_F(FactStoreTest, RemovedVersionTakesItsQuantitiesAndDatesWithIt) {
  auto v1 = LayerDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(store_->Put(*v1, 0).ok());
  auto v2 = LayerDoc("day1#2", "bbbb1111bbbb1111bbbb1111bbbb1111");
  v2->quantities.pop_back();
  ASSERT_EQ(store_->Put(*v2, 0).value(), FactStore::PutOutcome::kIngested);
  EXPECT_EQ(LayerCounts(), "5 4");
  auto removed = store_->RemoveUnseen("/batches/day1.txt",
                                      {"bbbb1111bbbb1111bbbb1111bbbb1111"});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(LayerCounts(), "2 2");
  EXPECT_EQ(One("SELECT count(*) FROM quantities WHERE doc_id LIKE 'aaaa%'"),
            "0");
  EXPECT_EQ(One("SELECT count(*) FROM dates WHERE doc_id LIKE 'aaaa%'"), "0");
}

// An article stored by an older analysis (analysis_version differs) is not
// "unchanged": its layers are replaced by the new analysis, once.
TEST_F(FactStoreTest, ArticleOfAnOlderAnalysisIsReanalyzed) {
  const std::string id = "aaaa0000aaaa0000aaaa0000aaaa0000";
  auto old = ChineseDoc("/batches/day1.txt#2", id, kLayerTail);  // no layers
  ASSERT_EQ(store_->Put(*old, 0).value(), FactStore::PutOutcome::kIngested);
  Exec("UPDATE documents SET analysis_version = 0");
  const std::string sentences_before =
      All("SELECT sentence_no, field, start, \"end\", text, citations FROM "
          "sentences ORDER BY sentence_no");

  auto has = store_->HasDocument(id);
  ASSERT_TRUE(has.ok());
  EXPECT_FALSE(*has);  // stored, but Put would not skip it
  auto current = store_->CurrentDocumentIds();
  ASSERT_TRUE(current.ok());
  EXPECT_TRUE(current->empty());
  auto all = store_->DocumentIds();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, std::vector<std::string>{id});

  // The same content, analysed by this build, found one article lower.
  auto now = LayerDoc("/batches/day1.txt#3", id);
  now->mutable_raw().position = 3;
  now->mutable_raw().line = 20;
  // An earlier run could not read the article at that place.
  ASSERT_TRUE(
      store_->PutReject(0, now->raw(), Status::IoError("read failed")).ok());
  auto r = store_->Put(*now, 7);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, FactStore::PutOutcome::kReanalyzed);
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  EXPECT_EQ(LayerCounts(), "3 2");
  EXPECT_EQ(All("SELECT id, position, line, key, run_id, analysis_version "
                "FROM documents"),
            id + "|3|20|/batches/day1.txt#3|7|" +
                std::to_string(kAnalysisVersion) + "\n");
  EXPECT_EQ(All("SELECT sentence_no, field, start, \"end\", text, citations "
                "FROM sentences ORDER BY sentence_no"),
            sentences_before);
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts WHERE rowid NOT IN "
                "(SELECT id FROM sentences)"),
            "0");
  EXPECT_EQ(One("SELECT count(*) FROM sentences_fts"), "3");
  EXPECT_EQ(One("SELECT count(*) FROM rejects"), "0");
  has = store_->HasDocument(id);
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);

  // Analysed now: the next Put is unchanged and writes nothing.
  const std::string quantities = All("SELECT * FROM quantities");
  EXPECT_EQ(store_->Put(*now, 8).value(), FactStore::PutOutcome::kUnchanged);
  EXPECT_EQ(All("SELECT * FROM quantities"), quantities);
  EXPECT_EQ(One("SELECT run_id FROM documents"), "7");
}

TEST_F(FactStoreTest, ReanalyzedArticleFromAnotherFileTakesTheNewPlace) {
  const std::string id = "aaaa0000aaaa0000aaaa0000aaaa0000";
  auto old = LayerDoc("/batches/day1.txt#2", id);
  ASSERT_TRUE(store_->Put(*old, 0).ok());
  Exec("UPDATE documents SET analysis_version = " +
       std::to_string(kAnalysisVersion + 1));  // a newer build stored it
  auto elsewhere = LayerDoc("/batches/day2.txt#1", id);
  elsewhere->mutable_raw().path = "/batches/day2.txt";
  elsewhere->mutable_raw().position = 1;
  elsewhere->quantities.resize(1);
  ASSERT_EQ(store_->Put(*elsewhere, 0).value(),
            FactStore::PutOutcome::kReanalyzed);
  EXPECT_EQ(All("SELECT file, position, analysis_version FROM documents"),
            "/batches/day2.txt|1|" + std::to_string(kAnalysisVersion) + "\n");
  EXPECT_EQ(LayerCounts(), "1 2");
}

TEST_F(FactStoreTest, FailedReanalysisKeepsTheOldVersion) {
  const std::string id = "aaaa0000aaaa0000aaaa0000aaaa0000";
  auto old = LayerDoc("day1#2", id);
  ASSERT_TRUE(store_->Put(*old, 0).ok());
  Exec("UPDATE documents SET analysis_version = 0");
  auto bad = LayerDoc("day1#2", id);
  bad->dates[1].span.end = 9999;
  auto r = store_->Put(*bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  // The savepoint rolled the delete back: the old version is whole.
  EXPECT_EQ(Counts(), "1 2 1 3 3 1");
  EXPECT_EQ(LayerCounts(), "3 2");
  EXPECT_EQ(One("SELECT analysis_version FROM documents"), "0");
}

// ---- entities, mentions and claims ---------------------------------------

EntityMention MakeMention(const Document& doc, Field f, std::string_view surface,
                          uint32_t sentence, std::string_view id, EntityType type,
                          std::string_view name, std::string_view rule) {
  EntityMention m;
  m.field = f;
  m.span = Find(doc, f, surface);
  m.sentence = sentence;
  m.id = id;
  m.type = type;
  m.name = name;
  m.rule = rule;
  return m;
}

// LayerDoc with the mentions and claims the entities and claims stages
// would find: 中方 (CN), 俄罗斯 (RU), the unlinked "Output"; a claim from
// each text sentence and one whose subject came from the headline.
std::unique_ptr<Document> ClaimDoc(const std::string& key,
                                   const std::string& id) {
  auto doc = LayerDoc(key, id);
  const Document& d = *doc;
  doc->entities = {
      MakeMention(d, Field::kText, "中方", 0, "CN", EntityType::kCountry,
                  "China", "entity.zh.short_side"),
      MakeMention(d, Field::kText, "俄罗斯", 0, "RU", EntityType::kCountry,
                  "Russia", "entity.name"),
      MakeMention(d, Field::kText, "Output", 1, "", EntityType::kUnknown, "",
                  "entity.en.capitalised"),
  };
  Claim reserves;
  reserves.sentence = 0;
  reserves.quantity = 0;
  reserves.subject_mention = 1;
  reserves.subject_id = "RU";
  reserves.subject = "Russia";
  reserves.attribute = "reserves";
  reserves.modality = Modality::kEstimated;
  reserves.confidence = 0.875f;
  reserves.rule = "claim.zh.subject_before";
  Claim growth;
  growth.sentence = 1;
  growth.quantity = 1;
  growth.subject_mention = 2;
  growth.subject = "Output";
  growth.attribute = "production_growth";
  growth.counterpart_mention = 0;
  growth.counterpart_id = "CN";
  growth.counterpart = "China";
  growth.date = 0;
  growth.time = "2024";
  growth.attribution = "industry insiders";
  growth.confidence = 0.5f;
  growth.rule = "claim.en.subject_before";
  Claim headline;  // subject from the headline, attributed to the USGS
  headline.sentence = 0;
  headline.quantity = 0;
  headline.subject_id = "RU";
  headline.subject = "Russia";
  headline.subject_from = SubjectFrom::kHeadline;
  headline.attribute = "reserves";
  headline.object_id = "rare_earths";
  headline.object = "rare earths";
  headline.modality = Modality::kClaimed;
  headline.attribution = "United States Geological Survey";
  headline.attribution_id = "usgs";
  headline.confidence = 0.25f;
  headline.rule = "claim.headline";
  doc->claims = {reserves, growth, headline};
  return doc;
}

TEST_F(FactStoreTest, PutStoresMentionsEntitiesAndClaims) {
  const std::string id = "aaaa0000aaaa0000aaaa0000aaaa0000";
  auto doc = ClaimDoc("day1#2", id);
  ASSERT_TRUE(store_->Put(*doc, 0).ok());
  // Offsets are code points of the original text: "Output" follows
  // 19 characters, "[2]" and a space.
  EXPECT_EQ(All("SELECT mention_no, entity_id, field, sentence_no, start, "
                "\"end\", surface, type, rule FROM mentions ORDER BY 1"),
            "0|CN|text|0|0|2|中方|country|entity.zh.short_side\n"
            "1|RU|text|0|5|8|俄罗斯|country|entity.name\n"
            "2|u:Output|text|1|23|29|Output|unknown|entity.en.capitalised\n");
  // Without a lexicon, linked entities have their English name only.
  EXPECT_EQ(All("SELECT id, type, name, name_zh, country, linked FROM "
                "entities ORDER BY id"),
            "CN|country|China|NULL|NULL|1\n"
            "RU|country|Russia|NULL|NULL|1\n"
            "rare_earths|unknown|rare earths|NULL|NULL|1\n"
            "u:Output|unknown|Output|NULL|NULL|0\n"
            "usgs|unknown|United States Geological Survey|NULL|NULL|1\n");
  EXPECT_EQ(
      All("SELECT claim_id, claim_no, sentence_no, field, quantity_no, "
          "subject_id, subject, subject_from, subject_mention_no, attribute, "
          "object_id, object, value, lower, upper, approx, unit, dimension, "
          "counterpart_id, counterpart, time, date_no, modality, attribution, "
          "attribution_id, confidence, rule FROM claims ORDER BY claim_no"),
      id + ":0|0|0|text|0|RU|Russia|sentence|1|reserves|NULL|NULL|"
           "2850000.0|2850000.0|2850000.0|about|t|mass|NULL|NULL|NULL|NULL|"
           "estimated|NULL|NULL|0.875|claim.zh.subject_before\n" +
      id + ":1|1|1|text|1|u:Output|Output|sentence|2|production_growth|NULL|"
           "NULL|NULL|7.0|9.0|range|percent|percent|CN|China|2024|0|reported|"
           "industry insiders|NULL|0.5|claim.en.subject_before\n" +
      id + ":2|2|0|text|0|RU|Russia|headline|NULL|reserves|rare_earths|"
           "rare earths|2850000.0|2850000.0|2850000.0|about|t|mass|NULL|NULL|"
           "NULL|NULL|claimed|United States Geological Survey|usgs|0.25|"
           "claim.headline\n");
  // Every entity id a mention or claim names is in entities.
  Exec("PRAGMA foreign_keys = ON");
  EXPECT_EQ(All("PRAGMA foreign_key_check"), "");
  Exec("PRAGMA foreign_keys = OFF");
  // The facts filters use the claims indexes.
  EXPECT_NE(All("EXPLAIN QUERY PLAN SELECT * FROM claims WHERE subject_id = "
                "'RU' AND attribute = 'reserves'")
                .find("claims_by_subject"),
            std::string::npos);
}

TEST_F(FactStoreTest, LexiconGivesEntitiesTheirChineseNames) {
  auto ctx = Context::Load(testing::LexiconDir().string());
  ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
  const EntityLexicon& lexicon = (*ctx)->entities->lexicon();
  auto doc = ClaimDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  auto rows = FactStore::Prepare(*doc, &lexicon);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->mention_entity,
            (std::vector<std::string_view>{"CN", "RU", "u:Output"}));
  ASSERT_EQ(rows->claim_ids.size(), 3u);
  EXPECT_EQ(rows->claim_ids[1].subject, "u:Output");
  EXPECT_EQ(rows->claim_ids[1].counterpart, "CN");
  ASSERT_TRUE(store_->Put(*doc, *rows, 0).ok());
  EXPECT_EQ(All("SELECT id, type, name, name_zh, country, linked FROM "
                "entities WHERE id IN ('CN', 'RU') ORDER BY id"),
            "CN|country|China|中国|CN|1\n"
            "RU|country|Russia|俄罗斯|RU|1\n");
}

// The claim ids are a function of the article's content only: the same
// article stored again, into another fact base or after a re-analysis, has
// the same ids.
TEST_F(FactStoreTest, ClaimIdsAreStable) {
  const std::string id = "aaaa0000aaaa0000aaaa0000aaaa0000";
  auto doc = ClaimDoc("day1#2", id);
  ASSERT_TRUE(store_->Put(*doc, 0).ok());
  const std::string ids = All("SELECT claim_id FROM claims ORDER BY 1");
  EXPECT_EQ(ids, id + ":0\n" + id + ":1\n" + id + ":2\n");
  EXPECT_EQ(store_->Put(*doc, 0).value(), FactStore::PutOutcome::kUnchanged);
  Exec("UPDATE documents SET analysis_version = 0");
  auto again = ClaimDoc("/elsewhere.txt#9", id);
  EXPECT_EQ(store_->Put(*again, 0).value(), FactStore::PutOutcome::kReanalyzed);
  EXPECT_EQ(All("SELECT claim_id FROM claims ORDER BY 1"), ids);
  EXPECT_EQ(One("SELECT count(*) FROM mentions"), "3");
  auto other = FactStore::Open(":memory:", FactStore::Mode::kReadWrite);
  ASSERT_TRUE(other.ok());
  std::swap(store_, *other);
  ASSERT_TRUE(store_->Put(*ClaimDoc("x", id), 0).ok());
  EXPECT_EQ(All("SELECT claim_id FROM claims ORDER BY 1"), ids);
}

TEST_F(FactStoreTest, RemovedArticleTakesItsMentionsAndClaimsButNotEntities) {
  auto v1 = ClaimDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
  ASSERT_TRUE(store_->Put(*v1, 0).ok());
  auto v2 = ClaimDoc("day1#2", "bbbb1111bbbb1111bbbb1111bbbb1111");
  v2->claims.resize(1);
  ASSERT_TRUE(store_->Put(*v2, 0).ok());
  auto removed = store_->RemoveUnseen("/batches/day1.txt",
                                      {"bbbb1111bbbb1111bbbb1111bbbb1111"});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(All("SELECT doc_id, count(*) FROM mentions GROUP BY 1"),
            "bbbb1111bbbb1111bbbb1111bbbb1111|3\n");
  EXPECT_EQ(All("SELECT claim_id FROM claims"),
            "bbbb1111bbbb1111bbbb1111bbbb1111:0\n");
  EXPECT_EQ(One("SELECT count(*) FROM entities"), "5");
}

// The store writes an entity once per connection; a rolled-back batch
// takes its entities with it, so the store must write them again.
TEST_F(FactStoreTest, RolledBackEntitiesAreWrittenAgain) {
  ASSERT_TRUE(store_->BeginBatch().ok());
  ASSERT_TRUE(store_->Put(*ClaimDoc("k1", "aaaa0000aaaa0000aaaa0000aaaa0000"), 0).ok());
  EXPECT_EQ(One("SELECT count(*) FROM entities"), "5");
  ASSERT_TRUE(store_->RollbackBatch().ok());
  EXPECT_EQ(One("SELECT count(*) FROM entities"), "0");
  ASSERT_TRUE(store_->Put(*ClaimDoc("k1", "aaaa0000aaaa0000aaaa0000aaaa0000"), 0).ok());
  EXPECT_EQ(One("SELECT count(*) FROM entities"), "5");
  // Committed: the next article naming the same entities writes none.
  ASSERT_TRUE(store_->BeginBatch().ok());
  ASSERT_TRUE(store_->Put(*ClaimDoc("k2", "bbbb1111bbbb1111bbbb1111bbbb1111"), 0).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_EQ(One("SELECT count(*) FROM entities"), "5");
  EXPECT_EQ(One("SELECT count(*) FROM claims"), "6");
  Exec("PRAGMA foreign_keys = ON");
  EXPECT_EQ(All("PRAGMA foreign_key_check"), "");
  Exec("PRAGMA foreign_keys = OFF");
}

TEST_F(FactStoreTest, BadClaimFailsWithoutPartialRows) {
  auto bad = ClaimDoc("k1", "aaaa0000aaaa0000aaaa0000aaaa0000");
  bad->claims[1].quantity = 3;
  auto r = store_->Put(*bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(r.status().message(),
            "article aaaa0000aaaa0000aaaa0000aaaa0000: claim 1 refers to "
            "quantity 3 of 3");
  bad = ClaimDoc("k1", "aaaa0000aaaa0000aaaa0000aaaa0000");
  bad->claims[0].counterpart_mention = 7;
  r = store_->Put(*bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "article aaaa0000aaaa0000aaaa0000aaaa0000: claim 0 refers to "
            "counterpart mention 7 of 3");
  bad = ClaimDoc("k1", "aaaa0000aaaa0000aaaa0000aaaa0000");
  bad->entities[2].sentence = 2;  // a title sentence
  r = store_->Put(*bad, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "article aaaa0000aaaa0000aaaa0000aaaa0000: mention 2 of the text "
            "field refers to sentence 2, which is not a sentence of that "
            "field (3 sentences)");
  EXPECT_EQ(Counts(), "0 0 0 0 0 0");
  EXPECT_EQ(One("SELECT (SELECT count(*) FROM entities) + (SELECT count(*) "
                "FROM mentions) + (SELECT count(*) FROM claims)"),
            "0");
}

// ---- files -----------------------------------------------------------------

class FactStoreFileTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("fact_store_test"); }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, ec);
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(FactStoreFileTest, ReopensAndUsesWal) {
  const std::string path = (dir_ / "facts.db").string();
  {
    auto s = FactStore::Open(path, FactStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
    ASSERT_TRUE((*s)->Put(*doc, 0).ok());
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2((*s)->handle(), "PRAGMA journal_mode", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                 "wal");
    sqlite3_finalize(st);
  }
  auto s = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto ids = (*s)->DocumentIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->size(), 1u);
}

TEST_F(FactStoreFileTest, ReadOnlyModeReadsButRefusesWrites) {
  const std::string path = (dir_ / "facts.db").string();
  {
    auto s = FactStore::Open(path, FactStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok());
    auto doc = ChineseDoc("day1#2", "aaaa0000aaaa0000aaaa0000aaaa0000");
    ASSERT_TRUE((*s)->Put(*doc, 0).ok());
  }
  auto s = FactStore::Open(path, FactStore::Mode::kReadOnly);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto ids = (*s)->DocumentIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->size(), 1u);
  auto doc = ChineseDoc("day1#3", "cccc0000cccc0000cccc0000cccc0000");
  auto r = (*s)->Put(*doc, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUsage);
  EXPECT_EQ(r.status().message(),
            "fact base " + path + " is open read-only; cannot store articles");
  EXPECT_EQ((*s)->BeginRun({"x"}, 1).status().code(), StatusCode::kUsage);
  EXPECT_EQ((*s)->BeginBatch().code(), StatusCode::kUsage);
  EXPECT_EQ((*s)->PutReject(0, doc->raw(), Status::InvalidInput("x")).code(),
            StatusCode::kUsage);
  // Even raw SQL cannot write through a read-only connection.
  EXPECT_NE(sqlite3_exec((*s)->handle(), "DELETE FROM documents", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
}

TEST_F(FactStoreFileTest, ReadOnlyOpenOfAMissingFileIsNotFound) {
  const std::string path = (dir_ / "absent.db").string();
  auto s = FactStore::Open(path, FactStore::Mode::kReadOnly);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), "no fact base at " + path +
                                      " (run `factmine ingest` to create one)");
  EXPECT_FALSE(fs::exists(path));  // and nothing was created
}

TEST_F(FactStoreFileTest, MissingDirectoryIsNotFound) {
  const std::string path = (dir_ / "no" / "such" / "facts.db").string();
  auto s = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(),
            "cannot create fact base " + path + ": directory " +
                (dir_ / "no" / "such").string() + " does not exist");
}

TEST_F(FactStoreFileTest, ReadOnlyDirectoryIsAnIoError) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  const std::string existing = (dir_ / "facts.db").string();
  {
    auto s = FactStore::Open(existing, FactStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
  const std::string fresh = (dir_ / "new.db").string();
  auto s = FactStore::Open(fresh, FactStore::Mode::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_EQ(s.status().message(), "cannot create fact base " + fresh +
                                      ": directory " + dir_.string() +
                                      " is not writable (Permission denied)");
  s = FactStore::Open(existing, FactStore::Mode::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_EQ(s.status().message(),
            "cannot write fact base " + existing + ": directory " +
                dir_.string() +
                " is not writable (Permission denied), and writing needs the "
                "-wal and -shm files there; open it read-only to query it");
  // Reading it still works.
  s = FactStore::Open(existing, FactStore::Mode::kReadOnly);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
}

TEST_F(FactStoreFileTest, NonDatabaseFileIsInvalidInput) {
  const std::string path = (dir_ / "notes.txt").string();
  std::string junk;
  for (int i = 0; i < 200; ++i)
    junk += "these are not the pages of a database\n";
  testing::WriteFile(path, junk);
  for (auto mode : {FactStore::Mode::kReadWrite, FactStore::Mode::kReadOnly}) {
    auto s = FactStore::Open(path, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(s.status().message(),
              path + " is not a factmine fact base: file is not a database");
  }
  EXPECT_EQ(testing::ReadFile(path), junk);  // untouched
}

TEST_F(FactStoreFileTest, ForeignSqliteDatabaseIsInvalidInput) {
  const std::string path = (dir_ / "other.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE contacts(name TEXT)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.status().message(),
            path +
                " is an SQLite database of another program, not a factmine "
                "fact base (it has no schema_version table)");
}

TEST_F(FactStoreFileTest, NewerSchemaIsRefused) {
  const std::string path = (dir_ / "facts.db").string();
  {
    auto s = FactStore::Open(path, FactStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(
        sqlite3_exec((*s)->handle(),
                     "INSERT INTO schema_version VALUES (7, 'x', 'future')",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  for (auto mode : {FactStore::Mode::kReadWrite, FactStore::Mode::kReadOnly}) {
    auto s = FactStore::Open(path, mode);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(
        s.status().message().find(
            "has schema version 7, newer than this factmine understands (" +
            std::to_string(kSchemaVersion) + ")"),
        std::string::npos)
        << s.status().message();
  }
}

TEST_F(FactStoreFileTest, EmptyFileBecomesAFactBaseReadWrite) {
  const std::string path = (dir_ / "empty.db").string();
  testing::WriteFile(path, "");
  auto ro = FactStore::Open(path, FactStore::Mode::kReadOnly);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().message(),
            path + " is empty, not a factmine fact base");
  auto rw = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(rw.ok()) << rw.status().ToString();
}

TEST_F(FactStoreFileTest, ReaderSeesCommittedDataWhileAWriterHoldsABatch) {
  const std::string path = (dir_ / "facts.db").string();
  auto writer = FactStore::Open(path, FactStore::Mode::kReadWrite);
  ASSERT_TRUE(writer.ok());
  auto a = ChineseDoc("k1", "11111111111111111111111111111111");
  ASSERT_TRUE((*writer)->Put(*a, 0).ok());
  ASSERT_TRUE((*writer)->BeginBatch().ok());
  auto b = ChineseDoc("k2", "22222222222222222222222222222222");
  ASSERT_TRUE((*writer)->Put(*b, 0).ok());
  auto reader = FactStore::Open(path, FactStore::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto ids = (*reader)->DocumentIds();
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  EXPECT_EQ(ids->size(), 1u);  // the open batch is not visible yet
  ASSERT_TRUE((*writer)->CommitBatch().ok());
  ids = (*reader)->DocumentIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->size(), 2u);
}

}  // namespace
}  // namespace factmine
