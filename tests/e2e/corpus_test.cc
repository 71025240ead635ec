// End to end over the bundled sample batch corpus/batch: every article is
// parsed as corpus/golden/articles.tsv says, every citation list as
// corpus/golden/citations.tsv says, every stored span slices the original
// text exactly, re-ingesting adds nothing, a changed article replaces its
// old version, and the result does not depend on the number of threads.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "e2e/ingest_fixture.h"
#include "pipeline/tsv.h"
#include "test_util.h"

namespace factmine::testing {
namespace {

namespace fs = std::filesystem;

fs::path Batch() { return SourceDir() / "corpus" / "batch"; }

class CorpusTest : public BatchDbTest {};

TEST_F(CorpusTest, EveryArticleIsStoredAsTheGoldenFileSays) {
  auto golden = TsvTable::Load((SourceDir() / "corpus/golden/articles.tsv").string());
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  const std::string root = (SourceDir() / "corpus").string() + "/";
  EXPECT_EQ(db_->report().summary.rejected, 0);
  EXPECT_EQ(db_->report().summary.ingested, static_cast<int64_t>(golden->rows().size()));
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM documents"), std::to_string(golden->rows().size()));
  for (const auto& row : golden->rows()) {
    const std::string file = root + golden->Get(row, "file");
    const std::string pos = golden->Get(row, "position");
    SCOPED_TRACE("corpus/golden/articles.tsv:" + std::to_string(row.line) + " " + file + "#" + pos);
    Rows r = db_->Query(
        "SELECT d.format, d.encoding, d.title, coalesce(d.source,''), coalesce(d.published_at,''), "
        "coalesce(d.topic,''), d.lang, "
        "(SELECT count(*) FROM sections s WHERE s.doc_id = d.id AND s.kind <> 'headline'), "
        "(SELECT count(*) FROM bullets b JOIN sections s ON s.doc_id = b.doc_id AND "
        "  s.section_no = b.section_no WHERE b.doc_id = d.id AND s.kind <> 'headline') "
        "FROM documents d WHERE d.file = '" + file + "' AND d.position = " + pos);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][0], golden->Get(row, "format"));
    EXPECT_EQ(r[0][1], golden->Get(row, "encoding"));
    EXPECT_EQ(r[0][2], golden->Get(row, "title"));
    EXPECT_EQ(r[0][3], golden->Get(row, "source"));
    EXPECT_EQ(r[0][4], golden->Get(row, "published_at"));
    EXPECT_EQ(r[0][5], golden->Get(row, "topic"));
    EXPECT_EQ(r[0][6], golden->Get(row, "lang"));
    EXPECT_EQ(r[0][7], golden->Get(row, "sections"));
    EXPECT_EQ(r[0][8], golden->Get(row, "bullets"));
  }
}

TEST_F(CorpusTest, CitationListsAreAttachedToTheirBullets) {
  auto golden = TsvTable::Load((SourceDir() / "corpus/golden/citations.tsv").string());
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  ASSERT_GE(golden->rows().size(), 15u);
  const std::string root = (SourceDir() / "corpus").string() + "/";
  for (const auto& row : golden->rows()) {
    SCOPED_TRACE("corpus/golden/citations.tsv:" + std::to_string(row.line));
    const std::string file = root + golden->Get(row, "file");
    std::string needle = golden->Get(row, "bullet_contains");
    Rows r = db_->Query(
        "SELECT c.idx FROM citations c JOIN sentences s ON s.doc_id = c.doc_id AND "
        "s.sentence_no = c.sentence_no JOIN bullets b ON b.doc_id = s.doc_id AND "
        "b.bullet_no = s.bullet_no JOIN documents d ON d.id = b.doc_id "
        "WHERE d.file = '" + file + "' AND d.position = " + golden->Get(row, "position") +
        " AND instr(b.text, '" + needle + "') > 0 ORDER BY c.start, c.idx");
    std::string got;
    for (const auto& x : r) got += (got.empty() ? "" : ",") + x[0];
    EXPECT_EQ(got, golden->Get(row, "citations")) << needle;
  }
}

// Every stored span, sliced out of the original text by code points, is
// the stored text; every citation span is a bracket group.
TEST_F(CorpusTest, StoredOffsetsSliceTheOriginalText) {
  Rows sents = db_->Query(
      "SELECT s.field, s.start, s.\"end\", s.text, d.title, d.text FROM sentences s "
      "JOIN documents d ON d.id = s.doc_id");
  ASSERT_GT(sents.size(), 200u);
  for (const auto& s : sents) {
    const std::string& base = s[0] == "title" ? s[4] : s[5];
    EXPECT_EQ(SliceCodepoints(base, std::stol(s[1]), std::stol(s[2])), s[3]);
  }
  Rows cites = db_->Query(
      "SELECT c.start, c.\"end\", d.text FROM citations c JOIN documents d ON d.id = c.doc_id "
      "WHERE c.field = 'text'");
  ASSERT_GT(cites.size(), 50u);
  for (const auto& c : cites) {
    std::string m = SliceCodepoints(c[2], std::stol(c[0]), std::stol(c[1]));
    bool ascii = m.size() >= 3 && m.front() == '[' && m.back() == ']';
    bool full = m.rfind("【", 0) == 0 && m.size() >= 7 && m.substr(m.size() - 3) == "】";
    EXPECT_TRUE(ascii || full) << m;
  }
}

TEST_F(CorpusTest, ReingestAddsNothing) {
  const std::string before = db_->Scalar("SELECT count(*) FROM sentences");
  IngestReport r = db_->Ingest({Batch().string()});
  EXPECT_EQ(r.summary.ingested, 0);
  EXPECT_EQ(r.summary.replaced, 0);
  EXPECT_EQ(r.summary.unchanged, 32);
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM sentences"), before);
  EXPECT_EQ(db_->Scalar("SELECT count(*) FROM documents"), "32");
}

TEST(CorpusChangeTest, ChangedArticleReplacesItsOldVersion) {
  fs::path dir = MakeTempDir("corpus-change");
  fs::path batch = dir / "batch";
  fs::create_directories(batch);
  fs::copy_file(Batch() / "articles" / "en_mp_materials.txt", batch / "a.txt");
  IngestedDb db({batch.string()}, (dir / "f.db").string());
  ASSERT_EQ(db.Scalar("SELECT count(*) FROM documents"), "1");
  const std::string old_id = db.Scalar("SELECT id FROM documents");
  std::string text = ReadFile(batch / "a.txt");
  text += "\nA paragraph added in a later edition of the story.\n";
  WriteFile(batch / "a.txt", text);
  IngestReport r = db.Ingest({batch.string()});
  EXPECT_EQ(r.summary.replaced, 1);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM documents"), "1");
  EXPECT_NE(db.Scalar("SELECT id FROM documents"), old_id);
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences WHERE doc_id = '" + old_id + "'"), "0");
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences WHERE text LIKE '%later edition%'"), "1");
  // The FTS index follows: the old rows are gone, the new sentence is found.
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                      "'\"later edition\"'"),
            "1");
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                      "'\"mountain pass mine\"'"),
            "1");
  fs::remove_all(dir);
}

// The pipeline's output does not depend on the number of threads.
TEST(CorpusThreadsTest, OneAndFourThreadsStoreTheSameRows) {
  fs::path dir = MakeTempDir("corpus-threads");
  IngestedDb one({Batch().string()}, (dir / "one.db").string(), 1);
  IngestedDb four({Batch().string()}, (dir / "four.db").string(), 4);
  const std::string q =
      "SELECT d.file, d.position, s.sentence_no, s.field, s.start, s.\"end\", s.lang, s.citations "
      "FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY 1, 2, 3";
  Rows a = one.Query(q), b = four.Query(q);
  ASSERT_GT(a.size(), 200u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(one.Query("SELECT id, key FROM documents ORDER BY id"),
            four.Query("SELECT id, key FROM documents ORDER BY id"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace factmine::testing
