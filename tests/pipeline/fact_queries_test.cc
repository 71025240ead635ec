// Tests of the read-side queries: export, stats, search, article listing.
#include "pipeline/fact_queries.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>

namespace factmine {
namespace {

// A hand-built article whose normalized text equals its original (identity
// offset map): a headline section, one body section with one bullet, and
// one sentence per entry of `sentences` (each must occur in `text`).
struct ArticleSpec {
  std::string key, id, title, source, published_at;
  Format format = Format::kDigest;
  std::string text;
  std::vector<std::string> sentences;
  std::vector<std::vector<int>> cites;  // per sentence, one marker each
};

std::unique_ptr<Document> Build(const ArticleSpec& a) {
  RawArticle raw;
  raw.path = "/in/" + a.key + ".txt";
  raw.position = 1;
  raw.line = 1;
  raw.format = a.format;
  raw.key = a.key;
  raw.title = a.title;
  raw.text = a.text;
  raw.source = a.source;
  raw.published_at = a.published_at;
  raw.bytes = a.title.size() + a.text.size();
  auto doc = std::make_unique<Document>(raw);
  doc->id = a.id;
  doc->field(Field::kTitle).original = doc->field(Field::kTitle).norm = a.title;
  doc->field(Field::kText).original = doc->field(Field::kText).norm = a.text;
  Section head;
  head.kind = SectionKind::kHeadline;
  head.field = Field::kTitle;
  head.span = {0, static_cast<uint32_t>(a.title.size())};
  Section body;
  body.kind = SectionKind::kBody;
  body.span = {0, static_cast<uint32_t>(a.text.size())};
  doc->sections = {head, body};
  doc->bullets = {Bullet{1, body.span}};
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    size_t at = a.text.find(a.sentences[i]);
    EXPECT_NE(at, std::string::npos);
    Sentence s;
    s.section = 1;
    s.span = {static_cast<uint32_t>(at),
              static_cast<uint32_t>(at + a.sentences[i].size())};
    s.lang = a.sentences[i][0] & 0x80 ? Lang::kZh : Lang::kEn;
    if (i < a.cites.size() && !a.cites[i].empty()) {
      Citation c;
      c.span = {s.span.end, s.span.end};
      c.sentence = static_cast<uint32_t>(i);
      c.indices = a.cites[i];
      s.citations = {static_cast<uint32_t>(doc->citations.size())};
      doc->citations.push_back(c);
    }
    doc->sentences.push_back(s);
  }
  doc->lang = doc->sentences.empty() ? Lang::kUnknown : doc->sentences[0].lang;
  return doc;
}

class FactQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = FactStore::Open(":memory:", FactStore::Mode::kReadWrite);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
    auto run = store_->BeginRun({"/in"}, 2);
    ASSERT_TRUE(run.ok());
    ArticleSpec zh{"zh1", "1a2b3c4d00000000000000000000000a", "稀土储量对比",
                   "Xin Hua Cai Jing", "2025-03-04 10:30"};
    zh.text = "俄罗斯稀土储量约2850万吨。中国稀土冶炼产能全球第一。";
    zh.sentences = {"俄罗斯稀土储量约2850万吨。", "中国稀土冶炼产能全球第一。"};
    zh.cites = {{1, 3}, {}};
    ArticleSpec en{"en1", "9f8e7d6c00000000000000000000000b",
                   "Magnet makers look abroad", "Sou Hu Cai Jing",
                   "2025-05-01 08:00"};
    en.text =
        "Rare earth magnets, made in Ningbo, sold well. Lynas expands "
        "rare earth processing in Malaysia.";
    en.sentences = {"Rare earth magnets, made in Ningbo, sold well.",
                    "Lynas expands rare earth processing in Malaysia."};
    en.cites = {{2}, {}};
    ArticleSpec jl{"j-77", "5555000000000000000000000000000c",
                   "Gallium export rules", "", ""};
    jl.format = Format::kJsonl;
    jl.text = "Gallium exports need a licence.";
    jl.sentences = {"Gallium exports need a licence."};
    for (const ArticleSpec* a : {&zh, &en, &jl}) {
      auto r = store_->Put(*Build(*a), *run);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
    RawArticle bad;
    bad.path = "/in/broken.txt";
    bad.position = 4;
    bad.line = 30;
    ASSERT_TRUE(
        store_->PutReject(*run, bad, Status::InvalidInput("no body text"))
            .ok());
    FactStore::RunSummary sum;
    sum.files = 4;
    sum.ingested = 3;
    sum.rejected = 1;
    sum.bytes = 3'000'000;
    sum.seconds = 1.5;
    ASSERT_TRUE(store_->FinishRun(*run, sum, true).ok());
  }

  std::string Export(std::string_view table, TableFormat f) {
    std::ostringstream out;
    Status s = ExportTable(*store_, table, f, out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  std::unique_ptr<FactStore> store_;
};

TEST_F(FactQueriesTest, ExportSectionsAsCsv) {
  EXPECT_EQ(Export("sections", TableFormat::kCsv),
            "doc_id,section_no,kind,label,group_no,title,field,start,end\n"
            "1a2b3c4d00000000000000000000000a,0,headline,,,,title,0,6\n"
            "1a2b3c4d00000000000000000000000a,1,body,,,,text,0,28\n"
            "5555000000000000000000000000000c,0,headline,,,,title,0,20\n"
            "5555000000000000000000000000000c,1,body,,,,text,0,31\n"
            "9f8e7d6c00000000000000000000000b,0,headline,,,,title,0,25\n"
            "9f8e7d6c00000000000000000000000b,1,body,,,,text,0,95\n");
}

TEST_F(FactQueriesTest, ExportSentencesAsJsonlCarriesCitationsAndArticle) {
  std::string got = Export("sentences", TableFormat::kJsonl);
  std::istringstream lines(got);
  std::string first;
  std::getline(lines, first);
  EXPECT_EQ(
      first,
      "{\"doc_id\":\"1a2b3c4d00000000000000000000000a\",\"sentence_no\":0,"
      "\"section_no\":1,\"bullet_no\":0,\"field\":\"text\",\"start\":0,"
      "\"end\":15,\"lang\":\"zh\",\"citations\":[1,3],"
      "\"text\":\"俄罗斯稀土储量约2850万吨。\",\"title\":\"稀土储量对比\","
      "\"source\":\"Xin Hua Cai Jing\",\"published_at\":\"2025-03-04 10:30\"}");
  size_t n = 0;
  for (char c : got) n += c == '\n';
  EXPECT_EQ(n, 5u);
}

TEST_F(FactQueriesTest, ExportEveryRegisteredTable) {
  EXPECT_EQ(
      ExportTableNames(),
      "documents, sections, bullets, sentences, citations, runs, rejects");
  for (const ExportTableSpec& t : ExportTables()) {
    for (TableFormat f :
         {TableFormat::kCsv, TableFormat::kTsv, TableFormat::kJsonl}) {
      std::ostringstream out;
      Status s = ExportTable(*store_, t.name, f, out);
      EXPECT_TRUE(s.ok()) << t.name << ": " << s.ToString();
      EXPECT_FALSE(out.str().empty()) << t.name;
    }
  }
  std::string docs = Export("documents", TableFormat::kTsv);
  EXPECT_EQ(docs.substr(0, docs.find('\n')),
            "id\tkey\tfile\tposition\tline\tformat\tencoding\ttitle\tsource\t"
            "source_id\tpublished_at\ttopic\tlang\tbytes\tnotes\tmeta\trun_id\t"
            "ingested_at\ttext");
  EXPECT_EQ(Export("citations", TableFormat::kCsv),
            "doc_id,sentence_no,marker_no,idx,field,start,end\n"
            "1a2b3c4d00000000000000000000000a,0,0,1,text,15,15\n"
            "1a2b3c4d00000000000000000000000a,0,0,3,text,15,15\n"
            "9f8e7d6c00000000000000000000000b,0,0,2,text,46,46\n");
  EXPECT_TRUE(Export("rejects", TableFormat::kCsv)
                  .starts_with("id,run_id,path,position,line,code,reason,at\n"
                               "1,1,/in/broken.txt,4,30,invalid_input,"
                               "no body text,20"));
  std::string runs = Export("runs", TableFormat::kJsonl);
  EXPECT_NE(runs.find("\"status\":\"done\",\"paths\":[\"/in\"],\"threads\":2,"
                      "\"files\":4,\"ingested\":3,\"unchanged\":0,"
                      "\"replaced\":0,\"rejected\":1,\"bytes\":3000000,"
                      "\"seconds\":1.5,\"mb_per_s\":2.0}"),
            std::string::npos)
      << runs;
}

TEST_F(FactQueriesTest, UnknownTableNamesTheValidOnes) {
  std::ostringstream out;
  Status s = ExportTable(*store_, "claimz", TableFormat::kCsv, out);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(),
            "unknown table 'claimz'; tables: documents, sections, bullets, "
            "sentences, citations, runs, rejects");
  EXPECT_EQ(out.str(), "");
}

TEST_F(FactQueriesTest, StatsCountTablesSourcesLanguagesRejectsAndRuns) {
  auto st = ComputeStats(*store_);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  using C = Stats::Count;
  EXPECT_EQ(st->table_rows, (std::vector<C>{{"documents", 3},
                                            {"sections", 6},
                                            {"bullets", 3},
                                            {"sentences", 5},
                                            {"citations", 3},
                                            {"runs", 1},
                                            {"rejects", 1}}));
  EXPECT_EQ(st->by_source, (std::vector<C>{{"(none)", 1},
                                           {"Sou Hu Cai Jing", 1},
                                           {"Xin Hua Cai Jing", 1}}));
  EXPECT_EQ(st->by_lang, (std::vector<C>{{"en", 2}, {"zh", 1}}));
  EXPECT_EQ(st->by_format, (std::vector<C>{{"digest", 2}, {"jsonl", 1}}));
  EXPECT_EQ(st->rejects_by_code, (std::vector<C>{{"invalid_input", 1}}));
  ASSERT_EQ(st->last_runs.size(), 1u);
  EXPECT_EQ(st->last_runs[0].status, "done");
  EXPECT_EQ(st->last_runs[0].ingested, 3);
  EXPECT_DOUBLE_EQ(st->last_runs[0].mb_per_s, 2.0);

  std::ostringstream out;
  PrintStats(*st, out);
  const std::string text = out.str();
  EXPECT_EQ(text.substr(0, text.find("\n\n")),
            "Rows per table\n"
            "  documents  3\n"
            "  sections   6\n"
            "  bullets    3\n"
            "  sentences  5\n"
            "  citations  3\n"
            "  runs       1\n"
            "  rejects    1");
  EXPECT_NE(text.find("Documents per source\n"
                      "  (none)            1\n"
                      "  Sou Hu Cai Jing   1\n"
                      "  Xin Hua Cai Jing  1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Rejects per code\n  invalid_input  1\n"),
            std::string::npos);
  EXPECT_NE(text.find("done  files 4, ingested 3, unchanged 0, replaced 0, "
                      "rejected 1, 3.00 MB in 1.50 s (2.00 MB/s)\n"),
            std::string::npos)
      << text;
}

TEST_F(FactQueriesTest, SearchFindsChineseWords) {
  auto hits = Search(*store_, "稀土", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 2u);  // both sentences of the Chinese article
  for (const SearchHit& h : *hits) {
    EXPECT_EQ(h.doc_id, "1a2b3c4d00000000000000000000000a");
    EXPECT_EQ(h.title, "稀土储量对比");
    EXPECT_EQ(h.source, "Xin Hua Cai Jing");
    EXPECT_NE(h.snippet.find("⟦稀土⟧"), std::string::npos) << h.snippet;
  }
  auto two = Search(*store_, "稀土 储量", 10);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 1u);
  EXPECT_EQ((*two)[0].sentence_no, 0);
  EXPECT_EQ((*two)[0].text, "俄罗斯稀土储量约2850万吨。");
  EXPECT_EQ((*two)[0].snippet, "俄罗斯⟦稀土⟧⟦储量⟧约2850万吨。");
  auto inside = Search(*store_, "土储", 10);  // 稀土储量 contains it
  ASSERT_TRUE(inside.ok());
  EXPECT_EQ(inside->size(), 1u);
  // One character, inside a word and at the end of a run.
  auto one = Search(*store_, "储", 10);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].text, "俄罗斯稀土储量约2850万吨。");
  auto last = Search(*store_, "吨", 10);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->size(), 1u);
}

TEST_F(FactQueriesTest, SearchFindsEnglishWordsRankedThenByDate) {
  auto hits = Search(*store_, "RARE earth", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 2u);
  for (const SearchHit& h : *hits) {
    EXPECT_EQ(h.source, "Sou Hu Cai Jing");
    EXPECT_EQ(h.published_at, "2025-05-01 08:00");
    EXPECT_LT(h.score, 0);
  }
  EXPECT_LE((*hits)[0].score, (*hits)[1].score);
  auto lynas = Search(*store_, "lynas", 10);
  ASSERT_TRUE(lynas.ok());
  ASSERT_EQ(lynas->size(), 1u);
  EXPECT_EQ((*lynas)[0].sentence_no, 1);
  EXPECT_EQ((*lynas)[0].text,
            "Lynas expands rare earth processing in Malaysia.");
  EXPECT_EQ((*lynas)[0].snippet,
            "⟦Lynas⟧ expands rare earth processing in Malaysia.");
  auto limited = Search(*store_, "rare", 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 1u);
}

TEST_F(FactQueriesTest, SearchNeverExposesFtsSyntax) {
  EXPECT_EQ(BuildMatchExpression("稀土  rare\"earth"),
            "\"稀土\" AND \"rare\"\"earth\"");
  EXPECT_EQ(BuildMatchExpression("NEAR( OR * -- 稀土"),
            "\"NEAR(\" AND \"OR\" AND \"稀土\"");
  EXPECT_EQ(BuildMatchExpression("稀土\u3000储量"), "\"稀土\" AND \"储量\"");
  // A term ending in a lone Han character is a prefix query (see
  // fts_tokenizer.h): 稀 matches inside 稀土 as well as at a run's end.
  EXPECT_EQ(BuildMatchExpression("稀"), "\"稀\"*");
  EXPECT_EQ(BuildMatchExpression("MP稀 储"), "\"MP稀\"* AND \"储\"*");
  for (const char* q :
       {"\"稀土", "rare\"earth", "NEAR(", "a:b", "^x", "OR AND NOT"}) {
    auto r = Search(*store_, q, 5);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().ToString();
  }
  auto rq = Search(*store_, "rare\"earth", 5);  // one phrase: "rare earth"
  ASSERT_TRUE(rq.ok());
  EXPECT_EQ(rq->size(), 2u);
  auto punct = Search(*store_, " -- ** 。", 5);
  EXPECT_EQ(punct.status().code(), StatusCode::kUsage);
  EXPECT_EQ(Search(*store_, "rare", 0).status().code(), StatusCode::kUsage);
}

TEST_F(FactQueriesTest, ListArticlesNewestFirst) {
  auto rows = ListArticles(*store_, 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].title, "Magnet makers look abroad");
  EXPECT_EQ((*rows)[0].file, "/in/en1.txt");
  EXPECT_EQ((*rows)[0].position, 1);
  EXPECT_EQ((*rows)[0].lang, "en");
  EXPECT_EQ((*rows)[0].sections, 2);
  EXPECT_EQ((*rows)[0].sentences, 2);
  EXPECT_EQ((*rows)[1].title, "稀土储量对比");
  EXPECT_EQ((*rows)[1].source, "Xin Hua Cai Jing");
  EXPECT_EQ((*rows)[2].title, "Gallium export rules");  // no date: last
  EXPECT_EQ((*rows)[2].published_at, "");
  auto one = ListArticles(*store_, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

}  // namespace
}  // namespace factmine
