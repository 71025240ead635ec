// Tests of the read-side queries: export (column order and values of every
// table, NULL bounds, citation arrays), stats, search, article listing.
#include "pipeline/fact_queries.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <sstream>
#include <string>

#include "pipeline/schema.h"

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

// Byte span of `needle` in the field's normalized text.
Span SpanOf(const Document& doc, Field f, std::string_view needle) {
  size_t at = doc.field(f).norm.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

// The quantities and dates of the "q1" article of the fixture, as the
// extractors would find them.
void AddLayers(Document* doc) {
  auto quantity = [&](Field f, std::string_view surface, uint32_t sentence,
                      double value, double lower, double upper, Approx approx,
                      std::string unit, std::string dimension,
                      std::string_view rule) {
    Quantity q;
    q.field = f;
    q.span = SpanOf(*doc, f, surface);
    q.sentence = sentence;
    q.value = value;
    q.lower = lower;
    q.upper = upper;
    q.approx = approx;
    q.base_unit = unit;
    q.unit = std::move(unit);
    q.dimension = std::move(dimension);
    q.rule = rule;
    doc->quantities.push_back(q);
  };
  quantity(Field::kTitle, "3%", kNoSentence, 3, 3, 3, Approx::kExact,
           "percent", "percent", "quantity.percent");
  quantity(Field::kText, "more than 12%", 0, 12, 12, kOpenBound, Approx::kOver,
           "percent", "percent", "quantity.bound");
  quantity(Field::kText, "7至9万元", 1, kOpenBound, 70000, 90000,
           Approx::kRange, "CNY", "currency", "quantity.range");
  auto date = [&](std::string_view surface, uint32_t sentence,
                  std::string value, std::string relation, bool relative,
                  std::string_view rule) {
    DateMention d;
    d.span = SpanOf(*doc, Field::kText, surface);
    d.sentence = sentence;
    d.value = std::move(value);
    d.grain = "year";
    d.relation = std::move(relation);
    d.relative = relative;
    d.rule = rule;
    doc->dates.push_back(d);
  };
  date("in 2024", 0, "2024", "in", false, "date.year");
  date("去年", 1, "2024", "", true, "date.relative_year");
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
    ArticleSpec qa{"q1", "7777000000000000000000000000000d",
                   "Outlook: 3% growth", "Jin Tou Wang", "2025-01-15"};
    qa.text = "Output rose by more than 12% in 2024. 价格预计在7至9万元之间，高于去年。";
    qa.sentences = {"Output rose by more than 12% in 2024.",
                    "价格预计在7至9万元之间，高于去年。"};
    qa.cites = {{2, 4}, {}};
    for (const ArticleSpec* a : {&zh, &en, &jl, &qa}) {
      auto doc = Build(*a);
      if (a == &qa) AddLayers(doc.get());
      auto r = store_->Put(*doc, *run);
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
    sum.files = 5;
    sum.ingested = 4;
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
            "7777000000000000000000000000000d,0,headline,,,,title,0,18\n"
            "7777000000000000000000000000000d,1,body,,,,text,0,56\n"
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
  EXPECT_EQ(n, 7u);
}

// The quantities table: the contract's columns in order, NULL for open
// bounds and a missing sentence, the sentence's citations as an array.
TEST_F(FactQueriesTest, ExportQuantitiesAsJsonl) {
  EXPECT_EQ(
      Export("quantities", TableFormat::kJsonl),
      "{\"doc_id\":\"7777000000000000000000000000000d\",\"file\":\"/in/q1.txt\","
      "\"position\":1,\"title\":\"Outlook: 3% growth\",\"sentence_no\":null,"
      "\"surface\":\"3%\",\"start\":9,\"end\":11,\"value\":3.0,\"lower\":3.0,"
      "\"upper\":3.0,\"approx\":\"exact\",\"unit\":\"percent\","
      "\"dimension\":\"percent\",\"citations\":[],\"rule\":\"quantity.percent\","
      "\"field\":\"title\",\"base_unit\":\"percent\",\"to_base\":1.0,"
      "\"quantity_no\":0}\n"
      "{\"doc_id\":\"7777000000000000000000000000000d\",\"file\":\"/in/q1.txt\","
      "\"position\":1,\"title\":\"Outlook: 3% growth\",\"sentence_no\":0,"
      "\"surface\":\"more than 12%\",\"start\":15,\"end\":28,\"value\":12.0,"
      "\"lower\":12.0,\"upper\":null,\"approx\":\"over\",\"unit\":\"percent\","
      "\"dimension\":\"percent\",\"citations\":[2,4],\"rule\":\"quantity.bound\","
      "\"field\":\"text\",\"base_unit\":\"percent\",\"to_base\":1.0,"
      "\"quantity_no\":1}\n"
      "{\"doc_id\":\"7777000000000000000000000000000d\",\"file\":\"/in/q1.txt\","
      "\"position\":1,\"title\":\"Outlook: 3% growth\",\"sentence_no\":1,"
      "\"surface\":\"7至9万元\",\"start\":43,\"end\":48,\"value\":null,"
      "\"lower\":70000.0,\"upper\":90000.0,\"approx\":\"range\",\"unit\":\"CNY\","
      "\"dimension\":\"currency\",\"citations\":[],\"rule\":\"quantity.range\","
      "\"field\":\"text\",\"base_unit\":\"CNY\",\"to_base\":1.0,"
      "\"quantity_no\":2}\n");
}

TEST_F(FactQueriesTest, ExportQuantitiesAsCsvAndTsv) {
  EXPECT_EQ(Export("quantities", TableFormat::kCsv),
            "doc_id,file,position,title,sentence_no,surface,start,end,value,"
            "lower,upper,approx,unit,dimension,citations,rule,field,base_unit,"
            "to_base,quantity_no\n"
            "7777000000000000000000000000000d,/in/q1.txt,1,Outlook: 3% growth,,"
            "3%,9,11,3.0,3.0,3.0,exact,percent,percent,[],quantity.percent,"
            "title,percent,1.0,0\n"
            "7777000000000000000000000000000d,/in/q1.txt,1,Outlook: 3% growth,0,"
            "more than 12%,15,28,12.0,12.0,,over,percent,percent,\"[2,4]\","
            "quantity.bound,text,percent,1.0,1\n"
            "7777000000000000000000000000000d,/in/q1.txt,1,Outlook: 3% growth,1,"
            "7至9万元,43,48,,70000.0,90000.0,range,CNY,currency,[],"
            "quantity.range,text,CNY,1.0,2\n");
  std::string tsv = Export("quantities", TableFormat::kTsv);
  std::istringstream lines(tsv);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(header,
            "doc_id\tfile\tposition\ttitle\tsentence_no\tsurface\tstart\tend\t"
            "value\tlower\tupper\tapprox\tunit\tdimension\tcitations\trule\t"
            "field\tbase_unit\tto_base\tquantity_no");
  EXPECT_EQ(second,
            "7777000000000000000000000000000d\t/in/q1.txt\t1\tOutlook: 3% "
            "growth\t0\tmore than 12%\t15\t28\t12.0\t12.0\t\tover\tpercent\t"
            "percent\t[2,4]\tquantity.bound\ttext\tpercent\t1.0\t1");
}

TEST_F(FactQueriesTest, ExportDates) {
  EXPECT_EQ(
      Export("dates", TableFormat::kJsonl),
      "{\"doc_id\":\"7777000000000000000000000000000d\",\"file\":\"/in/q1.txt\","
      "\"position\":1,\"title\":\"Outlook: 3% growth\",\"sentence_no\":0,"
      "\"surface\":\"in 2024\",\"start\":29,\"end\":36,\"value\":\"2024\","
      "\"grain\":\"year\",\"relation\":\"in\",\"relative\":0,"
      "\"rule\":\"date.year\",\"field\":\"text\",\"date_no\":0}\n"
      "{\"doc_id\":\"7777000000000000000000000000000d\",\"file\":\"/in/q1.txt\","
      "\"position\":1,\"title\":\"Outlook: 3% growth\",\"sentence_no\":1,"
      "\"surface\":\"去年\",\"start\":53,\"end\":55,\"value\":\"2024\","
      "\"grain\":\"year\",\"relation\":null,\"relative\":1,"
      "\"rule\":\"date.relative_year\",\"field\":\"text\",\"date_no\":1}\n");
  EXPECT_EQ(Export("dates", TableFormat::kCsv),
            "doc_id,file,position,title,sentence_no,surface,start,end,value,"
            "grain,relation,relative,rule,field,date_no\n"
            "7777000000000000000000000000000d,/in/q1.txt,1,Outlook: 3% growth,0,"
            "in 2024,29,36,2024,year,in,0,date.year,text,0\n"
            "7777000000000000000000000000000d,/in/q1.txt,1,Outlook: 3% growth,1,"
            "去年,53,55,2024,year,,1,date.relative_year,text,1\n");
}

// The citations of a quantity are its sentence's, whatever its position.
TEST_F(FactQueriesTest, QuantityCitationsFollowTheirSentence) {
  ASSERT_EQ(sqlite3_exec(store_->handle(),
                         "UPDATE quantities SET sentence_no = 0 "
                         "WHERE quantity_no = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  std::string csv = Export("quantities", TableFormat::kCsv);
  EXPECT_NE(csv.find(",7至9万元,43,48,,70000.0,90000.0,range,CNY,currency,"
                     "\"[2,4]\","),
            std::string::npos)
      << csv;
}

TEST_F(FactQueriesTest, ExportEveryRegisteredTable) {
  EXPECT_EQ(ExportTableNames(),
            "documents, sections, bullets, sentences, citations, quantities, "
            "dates, entities, mentions, claims, runs, rejects");
  for (const ExportTableSpec& t : ExportTables()) {
    for (TableFormat f :
         {TableFormat::kCsv, TableFormat::kTsv, TableFormat::kJsonl}) {
      std::ostringstream out;
      Status s = ExportTable(*store_, t.name, f, out);
      EXPECT_TRUE(s.ok()) << t.name << ": " << s.ToString();
      // A header in csv and tsv; jsonl of an empty table is empty.
      const bool empty_layer = t.name == "entities" ||
                               t.name == "mentions" || t.name == "claims";
      EXPECT_EQ(out.str().empty(), empty_layer && f == TableFormat::kJsonl)
          << t.name;
    }
  }
  std::string docs = Export("documents", TableFormat::kTsv);
  EXPECT_EQ(docs.substr(0, docs.find('\n')),
            "id\tkey\tfile\tposition\tline\tformat\tencoding\ttitle\tsource\t"
            "source_id\tpublished_at\ttopic\tlang\tbytes\tnotes\tmeta\trun_id\t"
            "ingested_at\tanalysis_version\ttext");
  EXPECT_NE(docs.find("\t" + std::to_string(kAnalysisVersion) +
                      "\tGallium exports need a licence.\n"),
            std::string::npos)
      << docs;
  EXPECT_EQ(Export("citations", TableFormat::kCsv),
            "doc_id,sentence_no,marker_no,idx,field,start,end\n"
            "1a2b3c4d00000000000000000000000a,0,0,1,text,15,15\n"
            "1a2b3c4d00000000000000000000000a,0,0,3,text,15,15\n"
            "7777000000000000000000000000000d,0,0,2,text,37,37\n"
            "7777000000000000000000000000000d,0,0,4,text,37,37\n"
            "9f8e7d6c00000000000000000000000b,0,0,2,text,46,46\n");
  EXPECT_TRUE(Export("rejects", TableFormat::kCsv)
                  .starts_with("id,run_id,path,position,line,code,reason,at\n"
                               "1,1,/in/broken.txt,4,30,invalid_input,"
                               "no body text,20"));
  std::string runs = Export("runs", TableFormat::kJsonl);
  EXPECT_NE(runs.find("\"status\":\"done\",\"paths\":[\"/in\"],\"threads\":2,"
                      "\"files\":5,\"ingested\":4,\"unchanged\":0,"
                      "\"reanalyzed\":0,\"replaced\":0,\"rejected\":1,"
                      "\"bytes\":3000000,"
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
            "sentences, citations, quantities, dates, entities, mentions, "
            "claims, runs, rejects");
  EXPECT_EQ(out.str(), "");
}

TEST_F(FactQueriesTest, StatsCountTablesSourcesLanguagesRejectsAndRuns) {
  auto st = ComputeStats(*store_);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  using C = Stats::Count;
  EXPECT_EQ(st->table_rows, (std::vector<C>{{"documents", 4},
                                            {"sections", 8},
                                            {"bullets", 4},
                                            {"sentences", 7},
                                            {"citations", 5},
                                            {"quantities", 3},
                                            {"dates", 2},
                                            {"entities", 0},
                                            {"mentions", 0},
                                            {"claims", 0},
                                            {"runs", 1},
                                            {"rejects", 1}}));
  EXPECT_EQ(st->by_source, (std::vector<C>{{"(none)", 1},
                                           {"Jin Tou Wang", 1},
                                           {"Sou Hu Cai Jing", 1},
                                           {"Xin Hua Cai Jing", 1}}));
  EXPECT_EQ(st->by_lang, (std::vector<C>{{"en", 3}, {"zh", 1}}));
  EXPECT_EQ(st->by_format, (std::vector<C>{{"digest", 3}, {"jsonl", 1}}));
  EXPECT_EQ(st->rejects_by_code, (std::vector<C>{{"invalid_input", 1}}));
  EXPECT_EQ(st->quantities_by_dimension,
            (std::vector<C>{{"percent", 2}, {"currency", 1}}));
  EXPECT_EQ(st->stale_documents, 0);
  ASSERT_EQ(st->last_runs.size(), 1u);
  EXPECT_EQ(st->last_runs[0].status, "done");
  EXPECT_EQ(st->last_runs[0].ingested, 4);
  EXPECT_DOUBLE_EQ(st->last_runs[0].mb_per_s, 2.0);

  std::ostringstream out;
  PrintStats(*st, out);
  const std::string text = out.str();
  EXPECT_EQ(text.substr(0, text.find("\n\n")),
            "Rows per table\n"
            "  documents   4\n"
            "  sections    8\n"
            "  bullets     4\n"
            "  sentences   7\n"
            "  citations   5\n"
            "  quantities  3\n"
            "  dates       2\n"
            "  entities    0\n"
            "  mentions    0\n"
            "  claims      0\n"
            "  runs        1\n"
            "  rejects     1");
  EXPECT_NE(text.find("Documents per source\n"
                      "  (none)            1\n"
                      "  Jin Tou Wang      1\n"
                      "  Sou Hu Cai Jing   1\n"
                      "  Xin Hua Cai Jing  1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Rejects per code\n  invalid_input  1\n"),
            std::string::npos);
  EXPECT_NE(text.find("Quantities per dimension\n  percent   2\n"
                      "  currency  1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("done  files 5, ingested 4, unchanged 0, reanalyzed 0, "
                      "replaced 0, rejected 1, 3.00 MB in 1.50 s (2.00 MB/s)\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("older factmine"), std::string::npos) << text;
}

TEST_F(FactQueriesTest, StatsCountArticlesOfAnOlderAnalysis) {
  ASSERT_EQ(sqlite3_exec(store_->handle(),
                         "UPDATE documents SET analysis_version = 0 "
                         "WHERE source IS NOT NULL",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto st = ComputeStats(*store_);
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(st->stale_documents, 3);
  std::ostringstream out;
  PrintStats(*st, out);
  EXPECT_NE(out.str().find("  rejects     1\n  (3 article(s) were analysed by "
                           "an older factmine; ingest their files again to "
                           "update their quantities and dates)\n\n"),
            std::string::npos)
      << out.str();
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
  // Han characters are tokens of their own (fts_tokenizer.h): no prefix
  // query is needed for 稀 to match inside 稀土.
  EXPECT_EQ(BuildMatchExpression("稀"), "\"稀\"");
  EXPECT_EQ(BuildMatchExpression("MP稀 储"), "\"MP稀\" AND \"储\"");
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
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].title, "Magnet makers look abroad");
  EXPECT_EQ((*rows)[0].file, "/in/en1.txt");
  EXPECT_EQ((*rows)[0].position, 1);
  EXPECT_EQ((*rows)[0].lang, "en");
  EXPECT_EQ((*rows)[0].sections, 2);
  EXPECT_EQ((*rows)[0].sentences, 2);
  EXPECT_EQ((*rows)[1].title, "稀土储量对比");
  EXPECT_EQ((*rows)[1].source, "Xin Hua Cai Jing");
  EXPECT_EQ((*rows)[2].title, "Outlook: 3% growth");
  EXPECT_EQ((*rows)[3].title, "Gallium export rules");  // no date: last
  EXPECT_EQ((*rows)[3].published_at, "");
  auto one = ListArticles(*store_, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

}  // namespace
}  // namespace factmine
