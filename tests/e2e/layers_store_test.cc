// End to end over the bundled sample batch corpus/batch with the real
// extractors: the quantities and dates the Analyzer finds are stored with
// offsets that slice the original text to their surface (full-width digits,
// GB18030 and UTF-16 files included), inside the sentence they name; the
// export carries that sentence's citations; the rows do not depend on the
// thread count; and re-analysis of an article stored by an older analysis
// rebuilds exactly the same rows.
//
// The values themselves are the extractors' contract (their examples.tsv);
// the few spot checks here only pin cases no rule change should alter.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "e2e/ingest_fixture.h"
#include "pipeline/fact_queries.h"
#include "pipeline/schema.h"
#include "test_util.h"

namespace factmine::testing {
namespace {

namespace fs = std::filesystem;

fs::path Batch() { return SourceDir() / "corpus" / "batch"; }

// Every quantity ("q") or date ("d") row: doc id, no, field, sentence_no
// ("" for NULL), start, end, surface, and the original field text.
Rows LayerRows(IngestedDb& db, const std::string& table, const std::string& no) {
  return db.Query("SELECT t.doc_id, t." + no + ", t.field, t.sentence_no, t.start, t.\"end\", "
                  "t.surface, CASE t.field WHEN 'title' THEN d.title ELSE d.text END "
                  "FROM " + table + " t JOIN documents d ON d.id = t.doc_id ORDER BY 1, 2");
}

class LayersStoreTest : public BatchDbTest {};

TEST_F(LayersStoreTest, EveryQuantityAndDateSlicesTheOriginalToItsSurface) {
  ASSERT_EQ(db_->report().summary.rejected, 0);
  for (const auto& [table, no] : {std::pair<std::string, std::string>{"quantities", "quantity_no"},
                                  {"dates", "date_no"}}) {
    Rows rows = LayerRows(*db_, table, no);
    if (table == "quantities") {
      ASSERT_GT(rows.size(), 100u);
    }
    for (const auto& r : rows) {
      SCOPED_TRACE(table + " " + r[0] + " #" + r[1] + " " + r[6]);
      const long start = std::stol(r[4]), end = std::stol(r[5]);
      EXPECT_LT(start, end);
      EXPECT_EQ(SliceCodepoints(r[7], start, end), r[6]);
      if (r[3].empty()) continue;
      // The named sentence is of the same article and field, and holds it.
      Rows s = db_->Query("SELECT field, start, \"end\" FROM sentences WHERE doc_id = '" + r[0] +
                          "' AND sentence_no = " + r[3]);
      ASSERT_EQ(s.size(), 1u);
      EXPECT_EQ(s[0][0], r[2]);
      EXPECT_LE(std::stol(s[0][1]), start);
      EXPECT_GE(std::stol(s[0][2]), end);
    }
  }
  // Built with sentences, every item lies in one.
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM quantities WHERE sentence_no IS NULL"), "0");
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM dates WHERE sentence_no IS NULL"), "0");
  EXPECT_EQ(db_->Scalar("SELECT count(DISTINCT analysis_version) || ':' || "
                        "min(analysis_version) FROM documents"),
            "1:" + std::to_string(kAnalysisVersion));
}

TEST_F(LayersStoreTest, SpotChecksAcrossEncodings) {
  // GB18030 file, full-width digits and percent sign.
  EXPECT_EQ(db_->Query("SELECT q.value, q.lower, q.upper, q.approx, q.unit, q.dimension "
                       "FROM quantities q JOIN documents d ON d.id = q.doc_id "
                       "WHERE d.file LIKE '%/gb18030_article.txt' AND q.surface = '２５％'"),
            (Rows{{"25.0", "25.0", "25.0", "exact", "percent", "percent"}}));
  // UTF-16 file: a lower bound has an open upper bound.
  EXPECT_EQ(db_->Query("SELECT q.lower, q.upper, q.approx, q.unit FROM quantities q "
                       "JOIN documents d ON d.id = q.doc_id WHERE d.file LIKE "
                       "'%/utf16_article.txt' AND q.surface = 'more than US$250 million'"),
            (Rows{{"250000000.0", "", "over", "USD"}}));
  // A quantity in a headline.
  EXPECT_EQ(db_->Query("SELECT q.field, q.value, q.unit FROM quantities q JOIN documents d "
                       "ON d.id = q.doc_id WHERE d.file LIKE '%/zh_russia_rare_metals.txt' "
                       "AND q.field = 'title'"),
            (Rows{{"title", "1200000000000.0", "RUB"}}));
}

TEST_F(LayersStoreTest, ExportCarriesTheSentenceCitations) {
  std::ostringstream out;
  ASSERT_TRUE(ExportTable(db_->store(), "quantities", TableFormat::kJsonl, out).ok());
  std::istringstream lines(out.str());
  std::string line;
  size_t n = 0, cited = 0;
  const std::vector<std::string> contract = {
      "doc_id", "file",  "position", "title",     "sentence_no", "surface",
      "start",  "end",   "value",    "lower",     "upper",       "approx",
      "unit",   "dimension", "citations", "rule", "field",       "base_unit",
      "to_base", "quantity_no"};
  while (std::getline(lines, line)) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    ASSERT_EQ(keys, contract) << line;
    ASSERT_TRUE(j["citations"].is_array()) << line;
    for (const auto& c : j["citations"]) ASSERT_TRUE(c.is_number_integer()) << line;
    // The same list as the sentence's own.
    std::string want = db_->Scalar(
        "SELECT citations FROM sentences WHERE doc_id = '" + j["doc_id"].get<std::string>() +
        "' AND sentence_no = " + std::to_string(j["sentence_no"].get<int64_t>()));
    EXPECT_EQ(j["citations"].dump(), want) << line;
    cited += !j["citations"].empty();
    ++n;
  }
  EXPECT_EQ(std::to_string(n), db_->Scalar("SELECT count(*) FROM quantities"));
  EXPECT_GT(cited, 10u);  // digests cite their bullets
}

TEST_F(LayersStoreTest, RowsDoNotDependOnTheThreadCount) {
  IngestedDb one({Batch().string()}, (*dir_ / "one.db").string(), 1);
  for (const char* q :
       {"SELECT d.file, d.position, q.* FROM quantities q JOIN documents d ON d.id = q.doc_id "
        "ORDER BY 1, 2, q.quantity_no",
        "SELECT d.file, d.position, t.* FROM dates t JOIN documents d ON d.id = t.doc_id "
        "ORDER BY 1, 2, t.date_no"}) {
    EXPECT_EQ(one.Query(q), db_->Query(q)) << q;
  }
}

// Articles stored by an older analysis are analysed again on re-ingest and
// their rows rebuilt; with the same extractors the rows come out the same.
TEST_F(LayersStoreTest, ReanalysisRebuildsTheSameRows) {
  IngestedDb db({Batch().string()}, (*dir_ / "re.db").string());
  const std::string qs = "SELECT * FROM quantities ORDER BY doc_id, quantity_no";
  const std::string ds = "SELECT * FROM dates ORDER BY doc_id, date_no";
  const Rows quantities = db.Query(qs), dates = db.Query(ds);
  const std::string articles = db.Scalar("SELECT count(*) FROM documents");
  db.Query("UPDATE documents SET analysis_version = 0");
  db.Query("DELETE FROM quantities");  // as a version-1 fact base has none
  db.Query("DELETE FROM dates");
  IngestReport r = db.Ingest({Batch().string()});
  EXPECT_EQ(std::to_string(r.summary.reanalyzed), articles);
  EXPECT_EQ(r.summary.unchanged, 0);
  EXPECT_EQ(r.summary.ingested, 0);
  EXPECT_EQ(r.summary.replaced, 0);
  EXPECT_EQ(db.Query(qs), quantities);
  EXPECT_EQ(db.Query(ds), dates);
  IngestReport again = db.Ingest({Batch().string()});
  EXPECT_EQ(std::to_string(again.summary.unchanged), articles);
  EXPECT_EQ(again.summary.reanalyzed, 0);
}

}  // namespace
}  // namespace factmine::testing
