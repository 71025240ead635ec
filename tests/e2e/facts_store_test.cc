// End to end over corpus/batch: the ingest stores entity mentions (linked
// to one id in both languages, offsets slicing the original text), the
// entities they name, and the claims of the claims stage (when the Analyzer
// runs one), every entity id resolvable; claim ids do not depend on the
// fact base or on re-ingesting; `facts --entity 俄罗斯` and `--entity
// Russia` select the same claims.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "e2e/ingest_fixture.h"
#include "extractors/entities/entity_extractor.h"
#include "pipeline/fact_queries.h"
#include "test_util.h"

namespace factmine::testing {
namespace {

namespace fs = std::filesystem;

fs::path Batch() { return SourceDir() / "corpus" / "batch"; }

class FactsStoreTest : public BatchDbTest {};

TEST_F(FactsStoreTest, MentionsAreLinkedInBothLanguagesAndSliceTheText) {
  ASSERT_EQ(db_->report().summary.rejected, 0);
  Rows mentions = db_->Query(
      "SELECT m.field, m.start, m.\"end\", m.surface, d.title, d.text FROM mentions m "
      "JOIN documents d ON d.id = m.doc_id");
  ASSERT_GT(mentions.size(), 100u);
  for (const auto& m : mentions) {
    const std::string& base = m[0] == "title" ? m[4] : m[5];
    EXPECT_EQ(SliceCodepoints(base, std::stol(m[1]), std::stol(m[2])), m[3]);
  }
  // Russia in both languages is one entity, with both names.
  EXPECT_EQ(db_->Scalar("SELECT name || '|' || name_zh || '|' || linked FROM entities "
                        "WHERE id = 'RU'"),
            "Russia|俄罗斯|1");
  Rows surfaces = db_->Query(
      "SELECT DISTINCT surface FROM mentions WHERE entity_id = 'RU' ORDER BY 1");
  std::set<std::string> ru;
  for (const auto& r : surfaces) ru.insert(r[0]);
  EXPECT_TRUE(ru.count("Russia")) << surfaces.size();
  EXPECT_TRUE(ru.count("俄罗斯")) << surfaces.size();
  // Every mention's entity is stored; unlinked ones under "u:" + surface.
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM mentions m LEFT JOIN entities e "
                        "ON e.id = m.entity_id WHERE e.id IS NULL"),
            "0");
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM entities WHERE (linked = 0) <> "
                        "(id LIKE 'u:%')"),
            "0");
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM pragma_foreign_key_check"), "0");
}

TEST_F(FactsStoreTest, ClaimsNameStoredEntitiesAndQuantities) {
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM claims c LEFT JOIN quantities q ON "
                        "q.doc_id = c.doc_id AND q.quantity_no = c.quantity_no "
                        "WHERE q.doc_id IS NULL"),
            "0");
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM claims c LEFT JOIN entities e ON "
                        "e.id = c.subject_id WHERE c.subject_id IS NOT NULL AND "
                        "e.id IS NULL"),
            "0");
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM claims WHERE claim_id <> doc_id || ':' || "
                        "claim_no"),
            "0");
  // The value columns are the quantity's.
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM claims c JOIN quantities q ON "
                        "q.doc_id = c.doc_id AND q.quantity_no = c.quantity_no "
                        "WHERE c.approx <> q.approx OR c.unit IS NOT q.unit OR "
                        "c.value IS NOT q.value"),
            "0");
}

TEST_F(FactsStoreTest, EntityFilterIsTheSameInBothLanguages) {
  auto ctx = Context::Load(LexiconDir().string());
  ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
  const EntityLexicon& lexicon = (*ctx)->entities->lexicon();
  auto ids = [&](const std::string& x) {
    FactFilter f;
    EXPECT_TRUE(ResolveFactEntity(&lexicon, (*ctx)->normalizer->NormalizeString(x), &f)) << x;
    auto rows = QueryFacts(db_->store(), f);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const FactRow& r : *rows) out.push_back(r.claim_id);
    }
    return out;
  };
  const std::vector<std::string> russia = ids("Russia");
  EXPECT_EQ(ids("俄罗斯"), russia);
  EXPECT_EQ(ids("RU"), russia);
  EXPECT_EQ(ids("中国"), ids("China"));
  EXPECT_EQ(russia.size(),
            std::stoul(db_->Scalar("SELECT count(*) FROM claims WHERE subject_id = 'RU'")));
}

TEST_F(FactsStoreTest, ReingestAndAnotherFactBaseKeepTheIds) {
  const std::string mentions = db_->Scalar("SELECT count(*) FROM mentions");
  const std::string claims =
      db_->Scalar("SELECT coalesce(group_concat(claim_id, ' '), '') FROM "
                  "(SELECT claim_id FROM claims ORDER BY 1)");
  IngestReport r = db_->Ingest({Batch().string()});
  EXPECT_EQ(r.summary.unchanged, 32);
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM mentions"), mentions);
  IngestedDb other({Batch().string()}, (*dir_ / "other.db").string(), 1);
  EXPECT_EQ(other.Scalar("SELECT coalesce(group_concat(claim_id, ' '), '') FROM "
                         "(SELECT claim_id FROM claims ORDER BY 1)"),
            claims);
  EXPECT_EQ(other.Scalar("SELECT count(*) FROM mentions"), mentions);
  EXPECT_EQ(other.Scalar("SELECT count(*) FROM entities"),
            db_->Scalar("SELECT count(*) FROM entities"));
}

}  // namespace
}  // namespace factmine::testing
