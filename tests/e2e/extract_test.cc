// End-to-end tests of `factmine extract` (SPEC §5): the real binary, JSONL
// on stdin or files and directories as paths, one JSON line per article on
// stdout in input order; ids, the title field, code-point offsets into the
// original text (Chinese and full-width text before the quantity), real
// quantity, date and entity values, error lines and exit code 1 for rejected articles, no
// database created, and the usage errors (exit code 2).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_util.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using testing::FactmineRun;
using testing::Lines;

// Runs `factmine extract ARGS` with `input` on stdin.
FactmineRun Extract(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv{testing::FactmineBinary().string(), "extract"};
  argv.insert(argv.end(), args.begin(), args.end());
  FactmineRun r;
  r.exit_code = testing::RunCommand(argv, &r.out, &r.err, input);
  return r;
}

// Every stdout line parsed; a line that is not a JSON object fails.
std::vector<Json> Parse(const std::string& out) {
  std::vector<Json> v;
  for (const std::string& line : Lines(out)) {
    Json j = Json::parse(line, nullptr, false);
    EXPECT_TRUE(j.is_object()) << line;
    v.push_back(std::move(j));
  }
  return v;
}

std::u32string Utf32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

// What a Python consumer does with an item: slice the original field by
// code points. The slice must be the item's "text".
void ExpectSliceIsText(const Json& item, const std::string& original) {
  const std::u32string text = Utf32(original);
  const size_t start = item["start"], end = item["end"];
  ASSERT_LE(start, end) << item;
  ASSERT_LE(end, text.size()) << item;
  EXPECT_EQ(text.substr(start, end - start), Utf32(item["text"].get<std::string>())) << item;
}

// The quantity whose text contains `needle`, or null.
Json QuantityWith(const Json& line, const std::string& needle) {
  for (const Json& q : line["quantities"]) {
    if (q["text"].get<std::string>().find(needle) != std::string::npos) return q;
  }
  return Json();
}

// Our own sentences.
constexpr char kZhTitle[] = "东湖矿区储量约2850万吨";
constexpr char kZhText[] = "据当地媒体报道，东湖矿区已探明储量约２８５０万吨，居全省首位。";
constexpr char kEnText[] = "The quarry shipped 4,500 tonnes of granite last month.";

std::string Jsonl(const std::string& id, const std::string& title, const std::string& text) {
  return Json({{"id", id}, {"title", title}, {"text", text}}).dump() + "\n";
}

TEST(ExtractE2e, StdinJsonlWithRealValues) {
  const std::string input =
      Jsonl("zh-1", kZhTitle, kZhText) + Jsonl("en-1", "Granite on the move", kEnText);
  FactmineRun r = Extract({}, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0]["id"], "zh-1");
  EXPECT_EQ(lines[1]["id"], "en-1");
  for (const Json& line : lines) {
    EXPECT_TRUE(line["quantities"].is_array());
    EXPECT_TRUE(line["dates"].is_array());
    EXPECT_TRUE(line["entities"].is_array());
    EXPECT_FALSE(line.contains("error"));
  }

  // Title: "东湖矿区储量" is 6 code points (18 bytes) before the number.
  Json title_q = QuantityWith(lines[0], "2850万吨");
  ASSERT_TRUE(title_q.is_object()) << lines[0];
  EXPECT_EQ(title_q["field"], "title");
  EXPECT_EQ(title_q["value"], 28500000);
  EXPECT_EQ(title_q["unit"], "t");
  EXPECT_EQ(title_q["dimension"], "mass");
  EXPECT_EQ(title_q["end"], 13);
  ExpectSliceIsText(title_q, kZhTitle);

  // Text: full-width digits; the text and offsets are the original's.
  Json text_q = QuantityWith(lines[0], "２８５０万吨");
  ASSERT_TRUE(text_q.is_object()) << lines[0];
  EXPECT_FALSE(text_q.contains("field"));
  EXPECT_EQ(text_q["value"], 28500000);
  EXPECT_EQ(text_q["unit"], "t");
  EXPECT_EQ(text_q["end"], 24);
  ExpectSliceIsText(text_q, kZhText);

  Json en_q = QuantityWith(lines[1], "4,500");
  ASSERT_TRUE(en_q.is_object()) << lines[1];
  EXPECT_EQ(en_q["value"], 4500);
  EXPECT_EQ(en_q["unit"], "t");
  EXPECT_EQ(en_q["start"], 19);
  ExpectSliceIsText(en_q, kEnText);
  for (const Json& line : lines) {
    for (const Json& q : line["quantities"]) {
      ExpectSliceIsText(q, !q.contains("field") ? (line["id"] == "zh-1" ? kZhText : kEnText)
                                                : (line["id"] == "zh-1" ? std::string(kZhTitle)
                                                                        : "Granite on the move"));
      for (const char* key : {"start", "end", "text", "value", "lower", "upper", "approx",
                              "unit", "dimension", "rule"}) {
        EXPECT_TRUE(q.contains(key)) << key << " in " << q;
      }
    }
  }
}

// Dates with real values; the title one carries "field":"title"; years
// are dates, not quantities.
TEST(ExtractE2e, DatesWithRealValues) {
  const std::string title = "2025年11月9日：东湖矿区投产";
  const std::string text =
      "东湖矿区于2025年11月9日投产，计划到2030年产量翻番。"
      "The quarry plans to double output by 2030.";
  FactmineRun r = Extract({}, Jsonl("d1", title, text));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const Json& dates = lines[0]["dates"];
  auto find = [&](const std::string& needle, bool in_title) {
    for (const Json& d : dates) {
      if (d["text"].get<std::string>().find(needle) != std::string::npos &&
          d.contains("field") == in_title) {
        return d;
      }
    }
    return Json();
  };
  Json t = find("2025年11月9日", true);
  ASSERT_TRUE(t.is_object()) << dates;
  EXPECT_EQ(t["field"], "title");
  EXPECT_EQ(t["value"], "2025-11-09");
  EXPECT_EQ(t["grain"], "day");
  EXPECT_EQ(t["start"], 0);
  EXPECT_EQ(t["end"], 10);
  Json day = find("2025年11月9日", false);
  ASSERT_TRUE(day.is_object()) << dates;
  EXPECT_EQ(day["value"], "2025-11-09");
  EXPECT_EQ(day["end"], 15);
  ExpectSliceIsText(day, text);
  Json by_zh = find("2030年", false);
  ASSERT_TRUE(by_zh.is_object()) << dates;
  EXPECT_EQ(by_zh["value"], "2030");
  EXPECT_EQ(by_zh["grain"], "year");
  EXPECT_EQ(by_zh["relation"], "by");
  ExpectSliceIsText(by_zh, text);
  Json by_en = find("by 2030", false);
  ASSERT_TRUE(by_en.is_object()) << dates;
  EXPECT_EQ(by_en["value"], "2030");
  EXPECT_EQ(by_en["relation"], "by");
  EXPECT_EQ(by_en["start"], 65);
  EXPECT_EQ(by_en["end"], 72);
  for (const Json& q : lines[0]["quantities"]) {
    EXPECT_EQ(q["text"].get<std::string>().find("2030"), std::string::npos) << q;
  }
}

// Entities with their ids, types and rules; the title one carries
// "field":"title"; offsets are code points into the original (full-width
// letters and Chinese before the mention); 我国 is China in a Chinese
// article; unlinked names have "id":null and no "name".
TEST(ExtractE2e, EntitiesWithIdsAndOffsets) {
  const std::string title = "俄罗斯稀土储量引关注";
  const std::string text =
      "据俄方称，我国对华出口的钕铁硼增加。ＭＰ Materials与青峰稀土有限公司签约。"
      "The U.S. Geological Survey said Acme Lithium Corp will buy gallium.";
  FactmineRun r = Extract({}, Jsonl("e1", title, text));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const Json& entities = lines[0]["entities"];
  ASSERT_TRUE(entities.is_array()) << lines[0];
  auto find = [&](const std::string& text_of, bool in_title) {
    for (const Json& e : entities) {
      if (e["text"] == text_of && e.contains("field") == in_title) return e;
    }
    return Json();
  };
  Json ru = find("俄罗斯", true);
  ASSERT_TRUE(ru.is_object()) << entities;
  EXPECT_EQ(ru["field"], "title");
  EXPECT_EQ(ru["id"], "RU");
  EXPECT_EQ(ru["type"], "country");
  EXPECT_EQ(ru["name"], "Russia");
  EXPECT_EQ(ru["start"], 0);
  EXPECT_EQ(ru["end"], 3);
  struct Want {
    const char* text;
    const char* id;  // nullptr: unlinked
    const char* type;
    const char* rule;
  };
  const Want wants[] = {
      {"俄方", "RU", "country", "entity.zh.short_side"},
      {"我国", "CN", "country", "entity.zh.we"},
      {"华", "CN", "country", "entity.zh.short_verb"},
      {"钕铁硼", "ndfeb_magnets", "material", "entity.zh.name"},
      {"ＭＰ Materials", "mp_materials", "company", "entity.en.name"},
      {"青峰稀土有限公司", nullptr, "org", "entity.zh.org_suffix"},
      {"U.S. Geological Survey", "usgs", "agency", "entity.en.name"},
      {"Acme Lithium Corp", nullptr, "org", "entity.en.org_suffix"},
      {"gallium", "gallium", "material", "entity.en.name"},
  };
  for (const Want& w : wants) {
    Json e = find(w.text, false);
    ASSERT_TRUE(e.is_object()) << w.text << " not in " << entities;
    if (w.id) {
      EXPECT_EQ(e["id"], w.id) << e;
      EXPECT_NE(e.value("name", e["text"].get<std::string>()), "") << e;
    } else {
      EXPECT_TRUE(e["id"].is_null()) << e;
      EXPECT_FALSE(e.contains("name")) << e;
    }
    EXPECT_EQ(e["type"], w.type) << e;
    EXPECT_EQ(e["rule"], w.rule) << e;
    ExpectSliceIsText(e, text);
  }
  EXPECT_EQ(find("俄方", false)["name"], "Russia");
  EXPECT_EQ(find("U.S. Geological Survey", false).count("name"), 0u);  // the same as its text
  EXPECT_EQ(find("俄方", false)["start"], 1);
  EXPECT_EQ(find("ＭＰ Materials", false)["start"], 18);
  EXPECT_EQ(entities.size(), 11u) << entities;  // the above, 俄罗斯 and 稀土 of the title
}

TEST(ExtractE2e, DashReadsStdinAndNumericIdsKeepTheirDigits) {
  FactmineRun r = Extract({"-"}, "{\"id\":17,\"text\":\"" + std::string(kEnText) + "\"}\n" +
                                      "{\"text\":\"No id on this line.\"}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["id"], "17");
  EXPECT_EQ(lines[1]["id"], "<stdin>#2");
}

TEST(ExtractE2e, PathsInInputOrder) {
  fs::path dir = fs::absolute(testing::MakeTempDir("extract-e2e")).lexically_normal();
  fs::create_directories(dir / "batch");
  testing::WriteFile(dir / "batch" / "1_text.txt",
                     std::string("Granite on the move\n\n") + kEnText + "\n");
  std::string feed;
  for (int i = 0; i < 60; ++i) {
    feed += Jsonl("row-" + std::to_string(i), "Row " + std::to_string(i),
                  "Shipment " + std::to_string(i) + " weighed 12 tonnes.");
  }
  testing::WriteFile(dir / "batch" / "2_feed.jsonl", feed);
  testing::WriteFile(dir / "extra.txt", std::string(kZhTitle) + "\n\n" + kZhText + "\n");
  FactmineRun r =
      Extract({"--threads", "2", (dir / "batch").string(), (dir / "extra.txt").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 62u);
  EXPECT_EQ(lines[0]["id"], (dir / "batch" / "1_text.txt").string() + "#1");
  for (int i = 0; i < 60; ++i) {
    EXPECT_EQ(lines[1 + i]["id"], "row-" + std::to_string(i));
  }
  EXPECT_EQ(lines[61]["id"], (dir / "extra.txt").string() + "#1");
  Json q = QuantityWith(lines[0], "4,500");
  ASSERT_TRUE(q.is_object()) << lines[0];
  ExpectSliceIsText(q, kEnText);
  Json zh = QuantityWith(lines[61], "２８５０万吨");
  ASSERT_TRUE(zh.is_object()) << lines[61];
  ExpectSliceIsText(zh, kZhText);
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(ExtractE2e, BadLinesBecomeErrorObjectsAndExitOne) {
  const std::string input = Jsonl("good-1", "", kEnText) + "this is not json\n" +
                            "{\"id\":\"no-text\",\"title\":\"Only a title\"}\n" +
                            Jsonl("good-2", "", kEnText);
  FactmineRun r = Extract({}, input);
  EXPECT_EQ(r.exit_code, 1);
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_EQ(lines[0]["id"], "good-1");
  EXPECT_EQ(lines[1]["id"], "<stdin>#2");
  EXPECT_EQ(lines[1]["error"].get<std::string>().rfind("line 2: not JSON", 0), 0u) << lines[1];
  EXPECT_FALSE(lines[1].contains("quantities"));
  EXPECT_EQ(lines[2]["error"], "line 3: no \"text\" field");
  EXPECT_EQ(lines[3]["id"], "good-2");
  EXPECT_NE(r.err.find("2 of 4 article(s) rejected"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected <stdin>#2: line 2: not JSON"), std::string::npos) << r.err;
}

TEST(ExtractE2e, EmptyFileIsAnErrorLine) {
  fs::path dir = fs::absolute(testing::MakeTempDir("extract-e2e")).lexically_normal();
  testing::WriteFile(dir / "a_empty.txt", "");
  testing::WriteFile(dir / "b_good.txt", std::string("Granite\n\n") + kEnText + "\n");
  FactmineRun r = Extract({dir.string()});
  EXPECT_EQ(r.exit_code, 1);
  std::vector<Json> lines = Parse(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0]["id"], (dir / "a_empty.txt").string() + "#0");
  EXPECT_EQ(lines[0]["error"], "empty file");
  EXPECT_EQ(lines[1]["id"], (dir / "b_good.txt").string() + "#1");
  if (!HasFailure()) fs::remove_all(dir);
}

// No fact base is opened or created, even when --db names one.
TEST(ExtractE2e, CreatesNoDatabase) {
  fs::path dir = fs::absolute(testing::MakeTempDir("extract-e2e")).lexically_normal();
  testing::WriteFile(dir / "in.jsonl", Jsonl("a", "", kEnText));
  const std::string cmd = "cd '" + dir.string() + "' && exec '" +
                          testing::FactmineBinary().string() +
                          "' --db facts.db extract in.jsonl && exec '" +
                          testing::FactmineBinary().string() + "' extract < in.jsonl";
  std::string out, err;
  int code = testing::RunCommand({"/bin/sh", "-c", cmd}, &out, &err);
  EXPECT_EQ(code, 0) << err;
  EXPECT_EQ(Lines(out).size(), 1u) << out;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path().filename());
  EXPECT_EQ(files, std::vector<std::string>{"in.jsonl"});
  if (!HasFailure()) fs::remove_all(dir);
}

TEST(ExtractE2e, UsageErrorsExitTwo) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"/nonexistent/extract-e2e/in.jsonl"}, "no such file or directory"},
      {{"--format", "xml", "-"}, "--format"},
      {{"--format", "digest"}, "standard input is read as JSONL"},
      {{"-", "/tmp"}, "cannot be combined"},
      {{"--threads", "-3"}, "--threads"},
      {{"--no-such-option"}, "no-such-option"},
  };
  for (const Case& c : cases) {
    // No input: the command exits before reading it, and writing into the
    // closed pipe would kill the test with SIGPIPE.
    FactmineRun r = Extract(c.args);
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(c.args) << r.err;
    EXPECT_EQ(r.out, "") << ::testing::PrintToString(c.args);
    EXPECT_NE(r.err.find(c.message), std::string::npos)
        << ::testing::PrintToString(c.args) << ": " << r.err;
  }
}

TEST(ExtractE2e, Help) {
  FactmineRun r = Extract({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Streaming extraction without a database"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace factmine
