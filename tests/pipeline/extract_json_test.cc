// Tests of the `factmine extract` output line (pipeline/extract_json.h) on
// hand-built Documents: exact lines for quantities, dates and entities in ASCII,
// Chinese and full-width text (code-point offsets into the original text,
// through the offset map), the title field, ranges and open bounds, units
// off their base, number formatting, error lines and escaping; every line
// is checked to be one valid JSON object.
#include "pipeline/extract_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace factmine {
namespace {

using Json = nlohmann::json;

// A document whose fields are normalized by hand: `norm` equals the
// original unless a test adds replacements.
std::unique_ptr<Document> MakeDoc(std::string key, std::string title, std::string text) {
  RawArticle raw;
  raw.key = std::move(key);
  raw.title = title;
  raw.text = text;
  auto doc = std::make_unique<Document>(std::move(raw));
  doc->field(Field::kTitle).original = title;
  doc->field(Field::kTitle).norm = title;
  doc->field(Field::kText).original = text;
  doc->field(Field::kText).norm = text;
  return doc;
}

// Byte span of the first `needle` in the field's normalized text.
Span Find(const Document& doc, Field f, std::string_view needle) {
  size_t at = doc.field(f).norm.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

Quantity Exact(Field f, Span span, double value, std::string unit, std::string dimension,
               std::string_view rule) {
  Quantity q;
  q.field = f;
  q.span = span;
  q.value = q.lower = q.upper = value;
  q.unit = std::move(unit);
  q.dimension = std::move(dimension);
  q.base_unit = q.unit;
  q.rule = rule;
  return q;
}

std::string Line(const Document& doc) {
  std::string out;
  WriteExtractJson(doc, &out);
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "one line";
  Json j = Json::parse(out, nullptr, /*allow_exceptions=*/false);
  EXPECT_TRUE(j.is_object()) << out;
  return out.substr(0, out.size() - 1);
}

TEST(ExtractJson, EmptyLayers) {
  auto doc = MakeDoc("jsonl:a1", "Title", "Nothing to see.");
  EXPECT_EQ(Line(*doc), R"({"id":"a1","quantities":[],"dates":[],"entities":[],"claims":[]})");
}

TEST(ExtractJson, AsciiQuantity) {
  auto doc = MakeDoc("jsonl:42", "", "Output rose 5% in May.");
  doc->quantities.push_back(
      Exact(Field::kText, Find(*doc, Field::kText, "5%"), 5, "percent", "percent",
            "quantity.percent"));
  EXPECT_EQ(Line(*doc),
            R"({"id":"42","quantities":[{"start":12,"end":14,"text":"5%","value":5,)"
            R"("lower":5,"upper":5,"approx":"exact","unit":"percent","dimension":"percent",)"
            R"("rule":"quantity.percent"}],"dates":[],"entities":[],"claims":[]})");
}

// Offsets count code points (Python slicing), not bytes: six Han
// characters (18 bytes) before the quantity put it at 7, not 21.
TEST(ExtractJson, CodePointOffsetsAfterChinese) {
  auto doc = MakeDoc("jsonl:zh", "", "俄罗斯稀土储量约2850万吨，居世界前列。");
  Quantity q = Exact(Field::kText, Find(*doc, Field::kText, "约2850万吨"), 28500000, "t",
                     "mass", "quantity.unit");
  q.approx = Approx::kAbout;
  doc->quantities.push_back(q);
  const std::string line = Line(*doc);
  EXPECT_EQ(line,
            R"({"id":"zh","quantities":[{"start":7,"end":14,"text":"约2850万吨",)"
            R"("value":28500000,"lower":28500000,"upper":28500000,"approx":"about",)"
            R"("unit":"t","dimension":"mass","rule":"quantity.unit"}],"dates":[],"entities":[],"claims":[]})");
  // What a Python consumer does: slice the original text by code points.
  Json j = Json::parse(line);
  std::u32string text32 = U"俄罗斯稀土储量约2850万吨，居世界前列。";
  EXPECT_EQ(j["quantities"][0]["start"].get<int>(), 7);
  EXPECT_EQ(text32.substr(7, 14 - 7), U"约2850万吨");
}

// Full-width digits: the normalized text has ASCII digits (1 byte each),
// the original full-width ones (3 bytes each); offsets and text come from
// the original.
TEST(ExtractJson, OffsetsMapBackThroughNormalization) {
  const std::string original = "产量为２８５０万吨。";
  auto doc = MakeDoc("jsonl:fw", "", original);
  FieldText& ft = doc->field(Field::kText);
  ft.norm = "产量为2850万吨。";
  // "产量为" is 9 bytes in both; each of the 4 digits is 1 byte in norm and
  // 3 bytes in the original.
  for (uint32_t i = 0; i < 4; ++i) ft.map.AddReplacement(9 + i, 1, 9 + 3 * i, 3);
  doc->quantities.push_back(Exact(Field::kText, Find(*doc, Field::kText, "2850万吨"),
                                  28500000, "t", "mass", "quantity.unit"));
  Json j = Json::parse(Line(*doc));
  const Json& q = j["quantities"][0];
  EXPECT_EQ(q["start"], 3);
  EXPECT_EQ(q["end"], 9);
  EXPECT_EQ(q["text"], "２８５０万吨");
}

TEST(ExtractJson, TitleField) {
  auto doc = MakeDoc("/data/a.txt#2", "稀土出口增长12%", "Exports rose 3%.");
  doc->quantities.push_back(Exact(Field::kTitle, Find(*doc, Field::kTitle, "12%"), 12,
                                  "percent", "percent", "quantity.percent"));
  doc->quantities.push_back(Exact(Field::kText, Find(*doc, Field::kText, "3%"), 3,
                                  "percent", "percent", "quantity.percent"));
  Json j = Json::parse(Line(*doc));
  EXPECT_EQ(j["id"], "/data/a.txt#2");
  ASSERT_EQ(j["quantities"].size(), 2u);
  EXPECT_EQ(j["quantities"][0]["field"], "title");
  EXPECT_EQ(j["quantities"][0]["start"], 6);
  EXPECT_EQ(j["quantities"][0]["end"], 9);
  EXPECT_EQ(j["quantities"][0]["text"], "12%");
  EXPECT_FALSE(j["quantities"][1].contains("field"));
  EXPECT_EQ(j["quantities"][1]["start"], 13);
  EXPECT_EQ(j["quantities"][1]["text"], "3%");
}

TEST(ExtractJson, RangeHasOpenValueAndRangeObject) {
  auto doc = MakeDoc("jsonl:r", "", "Growth of 7% to 9% is expected.");
  Quantity q = Exact(Field::kText, Find(*doc, Field::kText, "7% to 9%"), 0, "percent",
                     "percent", "quantity.range");
  q.approx = Approx::kRange;
  q.value = kOpenBound;
  q.lower = 7;
  q.upper = 9;
  doc->quantities.push_back(q);
  EXPECT_EQ(Line(*doc),
            R"({"id":"r","quantities":[{"start":10,"end":18,"text":"7% to 9%","value":null,)"
            R"("lower":7,"upper":9,"approx":"range","unit":"percent","dimension":"percent",)"
            R"("rule":"quantity.range","range":{"lo":7,"hi":9}}],"dates":[],"entities":[],"claims":[]})");
}

TEST(ExtractJson, OpenBoundIsNull) {
  auto doc = MakeDoc("jsonl:o", "", "more than 300 tons");
  Quantity q = Exact(Field::kText, Find(*doc, Field::kText, "more than 300 tons"), 300,
                     "t", "mass", "quantity.unit");
  q.approx = Approx::kOver;
  q.upper = kOpenBound;
  doc->quantities.push_back(q);
  Json j = Json::parse(Line(*doc));
  const Json& jq = j["quantities"][0];
  EXPECT_EQ(jq["approx"], "over");
  EXPECT_EQ(jq["lower"], 300);
  EXPECT_TRUE(jq["upper"].is_null());
  EXPECT_FALSE(jq.contains("range"));
}

TEST(ExtractJson, UnitOffItsBaseCarriesBaseUnitAndFactor) {
  auto doc = MakeDoc("jsonl:lb", "", "It weighs 200 lbs and costs 30 cents.");
  Quantity lb = Exact(Field::kText, Find(*doc, Field::kText, "200 lbs"), 200, "lb", "mass",
                      "quantity.unit");
  lb.base_unit = "t";
  lb.to_base = 0.00045359237;
  doc->quantities.push_back(lb);
  Quantity cent = Exact(Field::kText, Find(*doc, Field::kText, "30 cents"), 30, "cent",
                        "currency", "quantity.currency");
  cent.base_unit = "USD";
  cent.to_base = 0.01;
  doc->quantities.push_back(cent);
  const std::string line = Line(*doc);
  EXPECT_NE(line.find(R"("unit":"lb","dimension":"mass","rule":"quantity.unit",)"
                      R"("base_unit":"t","to_base":0.00045359237})"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find(R"("base_unit":"USD","to_base":0.01})"), std::string::npos) << line;
}

TEST(ExtractJson, BareNumberHasNoBaseUnit) {
  auto doc = MakeDoc("jsonl:n", "", "There were 153 of them.");
  Quantity q = Exact(Field::kText, Find(*doc, Field::kText, "153"), 153, "", "number",
                     "quantity.number");
  q.base_unit = "";
  doc->quantities.push_back(q);
  Json j = Json::parse(Line(*doc));
  EXPECT_EQ(j["quantities"][0]["unit"], "");
  EXPECT_FALSE(j["quantities"][0].contains("base_unit"));
  EXPECT_FALSE(j["quantities"][0].contains("to_base"));
}

TEST(ExtractJson, Dates) {
  auto doc = MakeDoc("jsonl:d", "2025年11月9日消息", "产量去年增长，by 2030 翻番，年底投产。");
  DateMention title;
  title.field = Field::kTitle;
  title.span = Find(*doc, Field::kTitle, "2025年11月9日");
  title.value = "2025-11-09";
  title.grain = "day";
  title.rule = "date.zh.ymd";
  doc->dates.push_back(title);
  DateMention last_year;
  last_year.span = Find(*doc, Field::kText, "去年");
  last_year.value = "2024";
  last_year.grain = "year";
  last_year.relative = true;
  last_year.rule = "date.zh.relative_year";
  doc->dates.push_back(last_year);
  DateMention by;
  by.span = Find(*doc, Field::kText, "by 2030");
  by.value = "2030";
  by.grain = "year";
  by.relation = "by";
  by.rule = "date.en.by_year";
  doc->dates.push_back(by);
  DateMention year_end;
  year_end.span = Find(*doc, Field::kText, "年底");
  year_end.value = "2024";
  year_end.grain = "year";
  year_end.part = "late";
  year_end.relative = true;
  year_end.rule = "date.zh.part";
  doc->dates.push_back(year_end);
  EXPECT_EQ(Line(*doc),
            R"({"id":"d","quantities":[],"dates":[)"
            R"({"start":0,"end":10,"text":"2025年11月9日","value":"2025-11-09","grain":"day",)"
            R"("relation":"","relative":false,"rule":"date.zh.ymd","field":"title"},)"
            R"({"start":2,"end":4,"text":"去年","value":"2024","grain":"year","relation":"",)"
            R"("relative":true,"rule":"date.zh.relative_year"},)"
            R"({"start":7,"end":14,"text":"by 2030","value":"2030","grain":"year",)"
            R"("relation":"by","relative":false,"rule":"date.en.by_year"},)"
            R"({"start":18,"end":20,"text":"年底","value":"2024","grain":"year",)"
            R"("relation":"","part":"late","relative":true,"rule":"date.zh.part"}],)"
            R"("entities":[],"claims":[]})");
}

EntityMention Mention(Field f, Span span, std::string_view id, EntityType type,
                      std::string_view name, std::string_view rule) {
  EntityMention m;
  m.field = f;
  m.span = span;
  m.id = id;
  m.type = type;
  m.name = name;
  m.rule = rule;
  return m;
}

// Linked and unlinked mentions, the title field, code points after Chinese;
// "name" only when it differs from the text.
TEST(ExtractJson, Entities) {
  auto doc = MakeDoc("jsonl:e", "俄罗斯稀土储量", "据俄方称，Acme Lithium Corp与MP Materials签约。");
  doc->entities.push_back(Mention(Field::kTitle, Find(*doc, Field::kTitle, "俄罗斯"), "RU",
                                  EntityType::kCountry, "Russia", "entity.zh.name"));
  doc->entities.push_back(Mention(Field::kText, Find(*doc, Field::kText, "俄方"), "RU",
                                  EntityType::kCountry, "Russia", "entity.zh.short_side"));
  doc->entities.push_back(Mention(Field::kText, Find(*doc, Field::kText, "Acme Lithium Corp"), "",
                                  EntityType::kOrg, "", "entity.en.org_suffix"));
  doc->entities.push_back(Mention(Field::kText, Find(*doc, Field::kText, "MP Materials"),
                                  "mp_materials", EntityType::kCompany, "MP Materials",
                                  "entity.en.name"));
  EXPECT_EQ(Line(*doc),
            R"({"id":"e","quantities":[],"dates":[],"entities":[)"
            R"({"start":0,"end":3,"text":"俄罗斯","id":"RU","type":"country","name":"Russia",)"
            R"("rule":"entity.zh.name","field":"title"},)"
            R"({"start":1,"end":3,"text":"俄方","id":"RU","type":"country","name":"Russia",)"
            R"("rule":"entity.zh.short_side"},)"
            R"({"start":5,"end":22,"text":"Acme Lithium Corp","id":null,"type":"org",)"
            R"("rule":"entity.en.org_suffix"},)"
            R"({"start":23,"end":35,"text":"MP Materials","id":"mp_materials","type":"company",)"
            R"("rule":"entity.en.name"}],"claims":[]})");
}

// A claim: its subject, attribute, object, value from its quantity, time,
// modality, attribution, the code points of its sentence (after Chinese)
// and the sentence's citations.
TEST(ExtractJson, Claim) {
  auto doc = MakeDoc("jsonl:c", "", "据美国地质调查局，俄罗斯稀土储量约2850万吨[3]。");
  Sentence s;
  s.field = Field::kText;
  s.span = {0, static_cast<uint32_t>(doc->field(Field::kText).norm.size())};
  Citation cite;
  cite.indices = {3};
  doc->citations.push_back(cite);
  s.citations = {0};
  doc->sentences.push_back(s);
  Quantity q = Exact(Field::kText, Find(*doc, Field::kText, "约2850万吨"), 28.5e6, "t", "mass",
                     "quantity.unit");
  q.approx = Approx::kAbout;
  doc->quantities.push_back(q);
  Claim c;
  c.sentence = 0;
  c.quantity = 0;
  c.subject_mention = 1;
  c.subject_id = "RU";
  c.subject = "Russia";
  c.attribute = "reserves";
  c.object_mention = 2;
  c.object_id = "rare_earths";
  c.object = "rare earths";
  c.time = "2024";
  c.modality = Modality::kEstimated;
  c.attribution = "U.S. Geological Survey";
  c.attribution_id = "usgs";
  c.confidence = 0.9f;
  c.rule = "claim.possessive";
  doc->claims.push_back(c);
  const std::string line = Line(*doc);
  const size_t at = line.find(R"("claims":[)");
  ASSERT_NE(at, std::string::npos) << line;
  EXPECT_EQ(line.substr(at),
            R"("claims":[{"subject_id":"RU","subject":"Russia","subject_from":"sentence",)"
            R"("attribute":"reserves","object_id":"rare_earths","object":"rare earths",)"
            R"("value":28500000,"lower":28500000,"upper":28500000,"approx":"about","unit":"t",)"
            R"("quantity":0,"counterpart_id":null,"counterpart":"","time":"2024",)"
            R"("modality":"estimated","attribution_id":"usgs",)"
            R"("attribution":"U.S. Geological Survey","start":0,"end":27,"citations":[3],)"
            R"("confidence":0.9,"rule":"claim.possessive"}]})");
}

// An unlinked name is its original text, through the offset map (a
// full-width name is normalized to ASCII, the output shows what the article
// wrote), and has no "name".
TEST(ExtractJson, UnlinkedNameIsTheOriginalText) {
  auto doc = MakeDoc("jsonl:f", "", "据Ａｃｍｅ公司称");
  FieldText& f = doc->field(Field::kText);
  f.norm = "据Acme公司称";
  // Each ASCII letter of the normalized text is a 3-byte full-width one.
  for (uint32_t i = 0; i < 4; ++i) f.map.AddReplacement(3 + i, 1, 3 + 3 * i, 3);
  doc->entities.push_back(Mention(Field::kText, Find(*doc, Field::kText, "Acme公司"), "",
                                  EntityType::kOrg, "", "entity.zh.org_suffix"));
  Json j = Json::parse(Line(*doc));
  ASSERT_EQ(j["entities"].size(), 1u);
  EXPECT_EQ(j["entities"][0]["text"], "Ａｃｍｅ公司");
  EXPECT_FALSE(j["entities"][0].contains("name"));
  EXPECT_TRUE(j["entities"][0]["id"].is_null());
  EXPECT_EQ(j["entities"][0]["start"], 1);
  EXPECT_EQ(j["entities"][0]["end"], 7);
}

// A span past the end of the text (an extractor bug) is clamped, never read
// out of bounds.
TEST(ExtractJson, OutOfRangeSpanIsClamped) {
  auto doc = MakeDoc("jsonl:c", "", "abc");
  doc->quantities.push_back(Exact(Field::kText, {2, 50}, 1, "", "number", "quantity.number"));
  doc->quantities.push_back(Exact(Field::kText, {60, 70}, 1, "", "number", "quantity.number"));
  Json j = Json::parse(Line(*doc));
  EXPECT_EQ(j["quantities"][0]["start"], 2);
  EXPECT_EQ(j["quantities"][0]["end"], 3);
  EXPECT_EQ(j["quantities"][0]["text"], "c");
  EXPECT_EQ(j["quantities"][1]["start"], 3);
  EXPECT_EQ(j["quantities"][1]["end"], 3);
  EXPECT_EQ(j["quantities"][1]["text"], "");
}

TEST(ExtractJson, TextIsEscaped) {
  auto doc = MakeDoc("jsonl:say \"hi\"", "", "He said \"5 tons\"\tnow.");
  doc->quantities.push_back(Exact(Field::kText, Find(*doc, Field::kText, "\"5 tons\"\t"), 5,
                                  "t", "mass", "quantity.unit"));
  const std::string line = Line(*doc);
  EXPECT_NE(line.find(R"("id":"say \"hi\"")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("text":"\"5 tons\"\t")"), std::string::npos) << line;
}

TEST(ExtractJson, Numbers) {
  struct Case {
    double v;
    const char* want;
  } cases[] = {
      {28500000, "28500000"},
      {1.2e9, "1200000000"},
      {0.75, "0.75"},
      {-0.5, "-0.5"},
      {1.5e-05, "1.5e-05"},
      {244.82, "244.82"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1e21, "1e+21"},
      {9007199254740991.0, "9007199254740991"},
      {0, "0"},
      {std::numeric_limits<double>::quiet_NaN(), "null"},
      {std::numeric_limits<double>::infinity(), "null"},
      {-std::numeric_limits<double>::infinity(), "null"},
  };
  for (const Case& c : cases) {
    std::string out;
    AppendJsonNumber(c.v, &out);
    EXPECT_EQ(out, c.want) << c.v;
    if (std::isfinite(c.v)) {
      EXPECT_EQ(std::stod(out), c.v) << "round trip of " << out;
    }
  }
}

TEST(ExtractJson, ErrorLine) {
  std::string out;
  WriteExtractError("<stdin>#3", "line 3: not JSON (parse error at column 2: \"x\")", &out);
  EXPECT_EQ(out,
            "{\"id\":\"<stdin>#3\",\"error\":\"line 3: not JSON (parse error at column 2: "
            "\\\"x\\\")\"}\n");
}

// A file name in Latin-1 (not UTF-8) still gives a valid JSON line.
TEST(ExtractJson, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  WriteExtractError("/data/caf\xE9.txt#0", "empty file", &out);
  EXPECT_EQ(out, "{\"id\":\"/data/caf\xEF\xBF\xBD.txt#0\",\"error\":\"empty file\"}\n");
  EXPECT_TRUE(Json::parse(out, nullptr, false).is_object());
}

TEST(ExtractJson, ExtractId) {
  RawArticle raw;
  raw.key = "jsonl:rt-zh-NumberModel-0001";
  EXPECT_EQ(ExtractId(raw), "rt-zh-NumberModel-0001");
  raw.key = "jsonl:42";
  EXPECT_EQ(ExtractId(raw), "42");
  raw.key = "/data/batch/a.txt#3";
  EXPECT_EQ(ExtractId(raw), "/data/batch/a.txt#3");
  raw.key = "<stdin>#7";
  EXPECT_EQ(ExtractId(raw), "<stdin>#7");
}

}  // namespace
}  // namespace factmine
