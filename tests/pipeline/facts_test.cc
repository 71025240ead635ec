// Tests of the entity and claim layers on the read side: the entities,
// mentions and claims exports (columns, values, citations as integers) and
// the `factmine facts` query (FactFilter: entity in either language through
// the entity lexicon, unlinked subjects by text, attribute, source, since,
// limit, order), and FormatValue.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "extractors/entities/entity_extractor.h"
#include "pipeline/context.h"
#include "pipeline/fact_queries.h"
#include "pipeline/fact_store.h"
#include "test_util.h"

namespace factmine {
namespace {

// An article whose normalized text equals its original: one body section,
// one sentence per entry of `sentences` (each must occur in `text`), the
// first sentence closed by a citation marker listing `cites`.
std::unique_ptr<Document> Article(const std::string& id, const std::string& key,
                                  const std::string& source,
                                  const std::string& published_at,
                                  const std::string& title, const std::string& text,
                                  const std::vector<std::string>& sentences,
                                  const std::vector<int>& cites) {
  RawArticle raw;
  raw.path = "/in/" + key + ".txt";
  raw.position = 1;
  raw.line = 1;
  raw.format = Format::kText;
  raw.key = key;
  raw.title = title;
  raw.text = text;
  raw.source = source;
  raw.published_at = published_at;
  raw.bytes = title.size() + text.size();
  auto doc = std::make_unique<Document>(raw);
  doc->id = id;
  doc->field(Field::kTitle).original = doc->field(Field::kTitle).norm = title;
  doc->field(Field::kText).original = doc->field(Field::kText).norm = text;
  for (const std::string& s : sentences) {
    const size_t at = text.find(s);
    EXPECT_NE(at, std::string::npos) << s;
    Sentence sen;
    sen.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + s.size())};
    doc->sentences.push_back(sen);
  }
  if (!cites.empty()) {
    Citation c;
    c.span = {doc->sentences[0].span.end, doc->sentences[0].span.end};
    c.sentence = 0;
    c.indices = cites;
    doc->sentences[0].citations = {0};
    doc->citations.push_back(c);
  }
  return doc;
}

Span SpanOf(const Document& doc, std::string_view needle) {
  const size_t at = doc.field(Field::kText).norm.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

void AddQuantity(Document* doc, std::string_view surface, uint32_t sentence, double value,
                 double lower, double upper, Approx approx, std::string unit,
                 std::string dimension) {
  Quantity q;
  q.span = SpanOf(*doc, surface);
  q.sentence = sentence;
  q.value = value;
  q.lower = lower;
  q.upper = upper;
  q.approx = approx;
  q.base_unit = unit;
  q.unit = std::move(unit);
  q.dimension = std::move(dimension);
  q.to_base = 1;
  q.rule = "quantity.test";
  doc->quantities.push_back(q);
}

void AddMention(Document* doc, std::string_view surface, uint32_t sentence,
                std::string_view id, EntityType type, std::string_view name) {
  EntityMention m;
  m.span = SpanOf(*doc, surface);
  m.sentence = sentence;
  m.id = id;
  m.type = type;
  m.name = name;
  m.rule = "entity.test";
  doc->entities.push_back(m);
}

Claim MakeClaim(uint32_t sentence, uint32_t quantity, int32_t subject_mention,
                std::string_view subject_id, std::string subject,
                std::string_view attribute, Modality modality) {
  Claim c;
  c.sentence = sentence;
  c.quantity = quantity;
  c.subject_mention = subject_mention;
  c.subject_id = subject_id;
  c.subject = std::move(subject);
  c.attribute = attribute;
  c.modality = modality;
  c.confidence = 0.75f;
  c.rule = "claim.test";
  return c;
}

constexpr char kA[] = "aaaa0000aaaa0000aaaa0000aaaa0000";
constexpr char kB[] = "bbbb1111bbbb1111bbbb1111bbbb1111";
constexpr char kC[] = "cccc2222cccc2222cccc2222cccc2222";

class FactsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto ctx = Context::Load(testing::LexiconDir().string());
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = std::move(ctx).value().release();
  }
  static void TearDownTestSuite() {
    delete ctx_;
    ctx_ = nullptr;
  }

  void SetUp() override {
    auto r = FactStore::Open(":memory:", FactStore::Mode::kReadWrite);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
    store_->set_entity_lexicon(&ctx_->entities->lexicon());

    // A Chinese article: Russia's reserves, China's exports to Russia.
    auto a = Article(kA, "a", "Xin Hua Cai Jing", "2025-03-04 10:30", "俄罗斯稀土储量",
                     "俄罗斯稀土储量约2850万吨。中国对俄出口增长15%。",
                     {"俄罗斯稀土储量约2850万吨。", "中国对俄出口增长15%。"}, {1, 3});
    AddQuantity(a.get(), "约2850万吨", 0, 28500000, 28500000, 28500000, Approx::kAbout, "t",
                "mass");
    AddQuantity(a.get(), "15%", 1, 15, 15, 15, Approx::kExact, "percent", "percent");
    AddMention(a.get(), "俄罗斯", 0, "RU", EntityType::kCountry, "Russia");
    AddMention(a.get(), "中国", 1, "CN", EntityType::kCountry, "China");
    AddMention(a.get(), "俄", 1, "RU", EntityType::kCountry, "Russia");
    a->entities[2].span = {SpanOf(*a, "对俄").begin + 3, SpanOf(*a, "对俄").end};
    a->claims.push_back(MakeClaim(0, 0, 0, "RU", "Russia", "reserves", Modality::kEstimated));
    Claim exports = MakeClaim(1, 1, 1, "CN", "China", "exports", Modality::kReported);
    exports.counterpart_mention = 2;
    exports.counterpart_id = "RU";
    exports.counterpart = "Russia";
    a->claims.push_back(exports);

    // An English article: Russia's reserves by the USGS, Lynas's growth.
    auto b = Article(kB, "b", "Sou Hu Cai Jing", "2025-05-01 08:00", "Reserves revised",
                     "Russia's reserves are 12 million tons, the USGS said. Lynas raised "
                     "output by 20% in 2024.",
                     {"Russia's reserves are 12 million tons, the USGS said.",
                      "Lynas raised output by 20% in 2024."},
                     {});
    AddQuantity(b.get(), "12 million tons", 0, 12e6, 12e6, 12e6, Approx::kExact, "t", "mass");
    AddQuantity(b.get(), "20%", 1, 20, 20, 20, Approx::kExact, "percent", "percent");
    DateMention year;
    year.span = SpanOf(*b, "in 2024");
    year.sentence = 1;
    year.value = "2024";
    year.grain = "year";
    year.relation = "in";
    year.rule = "date.test";
    b->dates.push_back(year);
    AddMention(b.get(), "Russia", 0, "RU", EntityType::kCountry, "Russia");
    AddMention(b.get(), "USGS", 0, "usgs", EntityType::kAgency,
               "United States Geological Survey");
    AddMention(b.get(), "Lynas", 1, "", EntityType::kOrg, "");
    Claim usgs = MakeClaim(0, 0, 0, "RU", "Russia", "reserves", Modality::kReported);
    usgs.attribution = "United States Geological Survey";
    usgs.attribution_id = "usgs";
    b->claims.push_back(usgs);
    Claim growth =
        MakeClaim(1, 1, 2, "", "Lynas", "production_growth", Modality::kReported);
    growth.date = 0;
    growth.time = "2024";
    b->claims.push_back(growth);

    // An older article about Russia's reserves.
    auto c = Article(kC, "c", "Jin Tou Wang", "2024-12-01", "Russia",
                     "Russia holds about 1.5 million tons.",
                     {"Russia holds about 1.5 million tons."}, {});
    AddQuantity(c.get(), "about 1.5 million tons", 0, 1.5e6, 1.5e6, 1.5e6, Approx::kAbout, "t",
                "mass");
    AddMention(c.get(), "Russia", 0, "RU", EntityType::kCountry, "Russia");
    c->claims.push_back(MakeClaim(0, 0, 0, "RU", "Russia", "reserves", Modality::kEstimated));

    for (auto* d : {a.get(), b.get(), c.get()}) {
      auto put = store_->Put(*d, 0);
      ASSERT_TRUE(put.ok()) << put.status().ToString();
    }
  }

  // The claim ids `filter` selects, in order, joined by ' '.
  std::string Ids(const FactFilter& filter) {
    auto rows = QueryFacts(*store_, filter);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::string out;
    if (!rows.ok()) return out;
    for (const FactRow& r : *rows) {
      if (!out.empty()) out += ' ';
      out += r.claim_id.substr(0, 4) + r.claim_id.substr(r.claim_id.find(':'));
    }
    return out;
  }
  FactFilter Entity(const std::string& text) {
    FactFilter f;
    ResolveFactEntity(&ctx_->entities->lexicon(), ctx_->normalizer->NormalizeString(text), &f);
    return f;
  }
  std::string Export(std::string_view table, TableFormat format) {
    std::ostringstream out;
    Status s = ExportTable(*store_, table, format, out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  static Context* ctx_;
  std::unique_ptr<FactStore> store_;
};
Context* FactsTest::ctx_ = nullptr;

TEST_F(FactsTest, EntitiesExportHasBothNames) {
  EXPECT_EQ(Export("entities", TableFormat::kCsv),
            "id,type,name,name_zh,country,linked\n"
            "CN,country,China,中国,CN,1\n"
            "RU,country,Russia,俄罗斯,RU,1\n"
            "u:Lynas,org,Lynas,,,0\n"
            "usgs,agency,U.S. Geological Survey,美国地质调查局,US,1\n");
}

TEST_F(FactsTest, MentionsExportNamesTheirEntity) {
  const std::string csv = Export("mentions", TableFormat::kCsv);
  EXPECT_TRUE(csv.starts_with(
      "doc_id,mention_no,entity_id,name,type,field,sentence_no,start,end,surface,rule\n"
      "aaaa0000aaaa0000aaaa0000aaaa0000,0,RU,Russia,country,text,0,0,3,俄罗斯,entity.test\n"
      "aaaa0000aaaa0000aaaa0000aaaa0000,1,CN,China,country,text,1,15,17,中国,entity.test\n"
      "aaaa0000aaaa0000aaaa0000aaaa0000,2,RU,Russia,country,text,1,18,19,俄,entity.test\n"))
      << csv;
  EXPECT_NE(csv.find("bbbb1111bbbb1111bbbb1111bbbb1111,2,u:Lynas,Lynas,org,text,1,54,59,Lynas,"
                     "entity.test\n"),
            std::string::npos)
      << csv;
}

TEST_F(FactsTest, ClaimsJsonlHasTheContractColumns) {
  std::istringstream lines(Export("claims", TableFormat::kJsonl));
  std::string line;
  std::vector<nlohmann::ordered_json> rows;
  while (std::getline(lines, line)) rows.push_back(nlohmann::ordered_json::parse(line));
  ASSERT_EQ(rows.size(), 5u);
  std::vector<std::string> keys;
  for (const auto& [k, v] : rows[0].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "claim_id",       "doc_id",           "claim_no",    "title",
                      "source",         "source_id",        "published_at", "subject_id",
                      "subject",        "subject_from",     "attribute",   "object_id",
                      "object",         "value",            "lower",       "upper",
                      "approx",         "unit",             "dimension",   "counterpart_id",
                      "counterpart",    "time",             "modality",    "attribution",
                      "attribution_id", "citations",        "quantity_surface", "sentence",
                      "confidence",     "rule",             "field",       "sentence_no",
                      "quantity_no",    "file",             "position"}));
  const nlohmann::ordered_json& r = rows[0];
  EXPECT_EQ(r["claim_id"], std::string(kA) + ":0");
  EXPECT_EQ(r["title"], "俄罗斯稀土储量");
  EXPECT_EQ(r["source"], "Xin Hua Cai Jing");
  EXPECT_EQ(r["published_at"], "2025-03-04 10:30");
  EXPECT_EQ(r["subject_id"], "RU");
  EXPECT_EQ(r["subject"], "Russia");
  EXPECT_EQ(r["attribute"], "reserves");
  EXPECT_EQ(r["value"], 28500000.0);
  EXPECT_EQ(r["approx"], "about");
  EXPECT_EQ(r["unit"], "t");
  EXPECT_TRUE(r["counterpart_id"].is_null());
  EXPECT_TRUE(r["time"].is_null());
  EXPECT_EQ(r["modality"], "estimated");
  EXPECT_TRUE(r["attribution"].is_null());
  EXPECT_EQ(r["citations"], nlohmann::ordered_json::array({1, 3}));
  EXPECT_EQ(r["quantity_surface"], "约2850万吨");
  EXPECT_EQ(r["sentence"], "俄罗斯稀土储量约2850万吨。");
  EXPECT_EQ(r["confidence"], 0.75);
  EXPECT_EQ(r["rule"], "claim.test");
  // China's exports to Russia: the counterpart; no citations.
  EXPECT_EQ(rows[1]["counterpart_id"], "RU");
  EXPECT_EQ(rows[1]["counterpart"], "Russia");
  EXPECT_EQ(rows[1]["citations"], nlohmann::ordered_json::array());
  // The USGS's figure; Lynas unlinked, with a time.
  EXPECT_EQ(rows[2]["attribution"], "United States Geological Survey");
  EXPECT_EQ(rows[2]["attribution_id"], "usgs");
  EXPECT_EQ(rows[3]["subject_id"], "u:Lynas");
  EXPECT_EQ(rows[3]["time"], "2024");
  EXPECT_EQ(rows[3]["lower"], 20.0);
}

TEST_F(FactsTest, EntityInEitherLanguageSelectsTheSameClaims) {
  // Grouped by subject, then attribute; newest article first.
  const std::string russia = "bbbb:0 aaaa:0 cccc:0";
  EXPECT_EQ(Ids(Entity("Russia")), russia);
  for (const char* x : {"俄罗斯", "RU", "ru", "俄", "Russian", "RUSSIA", "俄羅斯"}) {
    EXPECT_EQ(Ids(Entity(x)), russia) << x;
  }
  EXPECT_EQ(Ids(Entity("中国")), "aaaa:1");
  EXPECT_EQ(Ids(Entity("China")), "aaaa:1");
  // Unlinked subjects match by their text, ASCII case ignored.
  EXPECT_EQ(Ids(Entity("lynas")), "bbbb:1");
  FactFilter nobody;
  EXPECT_FALSE(ResolveFactEntity(&ctx_->entities->lexicon(), "Atlantis Minerals", &nobody));
  EXPECT_EQ(Ids(nobody), "");
}

TEST_F(FactsTest, FiltersCombine) {
  FactFilter all;
  EXPECT_EQ(Ids(all), "aaaa:1 bbbb:1 bbbb:0 aaaa:0 cccc:0");
  FactFilter f;
  f.attribute = "Reserves";
  EXPECT_EQ(Ids(f), "bbbb:0 aaaa:0 cccc:0");
  f.attribute = "production growth";
  EXPECT_EQ(Ids(f), "bbbb:1");
  f = FactFilter();
  f.source = "sou hu";
  EXPECT_EQ(Ids(f), "bbbb:1 bbbb:0");
  f.source = "Xin Hua Cai Jing";
  EXPECT_EQ(Ids(f), "aaaa:1 aaaa:0");
  f = Entity("俄罗斯");
  f.since = "2025";
  EXPECT_EQ(Ids(f), "bbbb:0 aaaa:0");
  f.since = "2025-04";
  EXPECT_EQ(Ids(f), "bbbb:0");
  f.since = "2025-05-01";
  EXPECT_EQ(Ids(f), "bbbb:0");
  f.since = "2025-05-02";
  EXPECT_EQ(Ids(f), "");
  f = Entity("Russia");
  f.limit = 2;
  EXPECT_EQ(Ids(f), "bbbb:0 aaaa:0");

  f.since = "last week";
  auto bad = QueryFacts(*store_, f);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
  EXPECT_FALSE(IsValidSinceDate("2025-13"));
  EXPECT_FALSE(IsValidSinceDate("25-01-01"));
  EXPECT_TRUE(IsValidSinceDate("2025-02-28"));
}

TEST_F(FactsTest, FactRowsCarryValueSourceAndCitations) {
  auto rows = QueryFacts(*store_, Entity("俄罗斯"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  const FactRow& a = (*rows)[1];
  EXPECT_EQ(a.claim_id, std::string(kA) + ":0");
  EXPECT_EQ(a.quantity_surface, "约2850万吨");
  EXPECT_EQ(a.value, 28500000.0);
  EXPECT_EQ(a.approx, "about");
  EXPECT_EQ(a.source, "Xin Hua Cai Jing");
  EXPECT_EQ(a.published_at, "2025-03-04 10:30");
  EXPECT_EQ(a.citations, "[1,3]");
  EXPECT_EQ(a.modality, "estimated");
  EXPECT_EQ(FormatValue(a.value, a.lower, a.upper, a.approx, a.unit), "\u224828,500,000 t");
  EXPECT_EQ((*rows)[0].attribution, "United States Geological Survey");

  std::ostringstream csv;
  FactFilter f = Entity("Russia");
  f.limit = 1;
  ASSERT_TRUE(WriteFacts(*store_, f, TableFormat::kCsv, csv).ok());
  const std::string text = csv.str();
  EXPECT_TRUE(text.starts_with("claim_id,doc_id,claim_no,title,source,")) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_NE(text.find(std::string(kB) + ":0," + kB + ",0,Reserves revised,Sou Hu Cai Jing,"),
            std::string::npos)
      << text;
}

TEST(FormatValueTest, BoundsRangesAndUnits) {
  EXPECT_EQ(FormatValue(28500000, 28500000, 28500000, "exact", "t"), "28,500,000 t");
  EXPECT_EQ(FormatValue(75, 75, 75, "about", "percent"), "\u224875 percent");
  EXPECT_EQ(FormatValue(70, 70, std::nullopt, "over", "percent"), "> 70 percent");
  EXPECT_EQ(FormatValue(3, 3, std::nullopt, "at_least", ""), "\u2265 3");
  EXPECT_EQ(FormatValue(5, std::nullopt, 5, "under", "year"), "< 5 year");
  EXPECT_EQ(FormatValue(5, std::nullopt, 5, "at_most", "year"), "\u2264 5 year");
  EXPECT_EQ(FormatValue(std::nullopt, 7, 9, "range", "percent"), "7\u20139 percent");
  EXPECT_EQ(FormatValue(244.82, 244.82, 244.82, "exact", "USD"), "244.82 USD");
  EXPECT_EQ(FormatValue(-1200, -1200, -1200, "exact", ""), "-1,200");
  EXPECT_EQ(FormatValue(std::nullopt, std::nullopt, std::nullopt, "exact", "t"), "?");
}

}  // namespace
}  // namespace factmine
