// Tests of RunExtract (pipeline/extract_run.h) with a fake extractor stage
// that adds one known quantity per "42 tons" and sleeps on odd items, so
// that output order must be restored: JSONL from a stream and files from
// paths, input order whatever the thread count and in-flight limit, error
// lines for bad lines, empty files and failed analysis, sink chunking, a
// failing sink, progress, and the usage errors.
#include "pipeline/extract_run.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Adds a 42 t quantity for every "42 tons" of each field; sleeps on items
// whose title ends in an odd digit; fails an article whose title is "FAIL".
class FakeQuantityStage : public Stage {
 public:
  std::string_view name() const override { return "fake_quantities"; }
  std::vector<std::string_view> Requires() const override { return {"norm", "citations"}; }
  std::vector<std::string_view> Provides() const override { return {"quantities"}; }
  Status Run(Document& doc, StageState*) const override {
    const std::string& t = doc.raw().title;
    if (t == "FAIL") return Status::InvalidInput("fake failure");
    if (!t.empty() && (t.back() - '0') % 2 == 1) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    for (Field f : {Field::kTitle, Field::kText}) {
      const std::string& norm = doc.field(f).norm;
      for (size_t at = norm.find("42 tons"); at != std::string::npos;
           at = norm.find("42 tons", at + 1)) {
        Quantity q;
        q.field = f;
        q.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 7)};
        q.value = q.lower = q.upper = 42;
        q.unit = q.base_unit = "t";
        q.dimension = "mass";
        q.rule = "test.fake";
        doc.quantities.push_back(q);
      }
    }
    return Status::Ok();
  }
};

std::string Item(int n) {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "{\"id\":\"item%02d\",\"title\":\"Cargo %02d\","
                "\"text\":\"货轮卸下42 tons of ore, then 42 tons more.\"}\n",
                n, n);
  return buf;
}

// Lines 1-3 good, 4 not JSON, 5 blank (no position), 6 good, 7 no text,
// 8 fails analysis, 9-12 good.
std::string Feed() {
  std::string s;
  for (int n = 1; n <= 3; ++n) s += Item(n);
  s += "{\"id\": oops}\n";
  s += "\n";
  s += Item(4);
  s += "{\"id\":\"notext\",\"title\":\"x\"}\n";
  s += "{\"id\":\"fail\",\"title\":\"FAIL\",\"text\":\"body\"}\n";
  for (int n = 5; n <= 8; ++n) s += Item(n);
  return s;
}

class ExtractRunTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto ctx = Context::Load(testing::LexiconDir().string());
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = std::move(ctx).value().release();
    std::vector<std::unique_ptr<Stage>> stages;
    stages.push_back(MakeNormalizeStage(*ctx_));
    stages.push_back(MakeCitationStage());
    stages.push_back(std::make_unique<FakeQuantityStage>());
    auto a = Analyzer::FromStages(std::move(stages));
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    delete ctx_;
  }

  // Runs over `input` as a stream; returns the output.
  Result<ExtractReport> RunStream(const std::string& input, ExtractOptions o,
                                  std::string* out) {
    std::istringstream in(input);
    o.input = &in;
    return RunExtract(*ctx_, *analyzer_, o, [out](std::string_view chunk) {
      out->append(chunk);
      return Status::Ok();
    });
  }

  static std::vector<Json> ParseLines(const std::string& out) {
    std::vector<Json> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      Json j = Json::parse(line, nullptr, false);
      EXPECT_TRUE(j.is_object()) << line;
      lines.push_back(j);
    }
    return lines;
  }

  static Context* ctx_;
  static Analyzer* analyzer_;
};

Context* ExtractRunTest::ctx_ = nullptr;
Analyzer* ExtractRunTest::analyzer_ = nullptr;

TEST_F(ExtractRunTest, StreamInInputOrderWithErrorLines) {
  for (int threads : {1, 2, 4}) {
    for (int in_flight : {0, 1, 3}) {
      SCOPED_TRACE(::testing::Message() << "threads " << threads << " in flight " << in_flight);
      ExtractOptions o;
      o.threads = threads;
      o.max_in_flight = in_flight;
      std::string out;
      auto r = RunStream(Feed(), o, &out);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_TRUE(r->status.ok());
      EXPECT_EQ(r->articles, 11);
      EXPECT_EQ(r->rejected, 3);
      EXPECT_EQ(r->bytes, Feed().size());
      std::vector<Json> lines = ParseLines(out);
      ASSERT_EQ(lines.size(), 11u);
      std::vector<std::string> ids;
      for (const Json& j : lines) ids.push_back(j["id"]);
      EXPECT_EQ(ids, (std::vector<std::string>{"item01", "item02", "item03", "<stdin>#4",
                                               "item04", "<stdin>#6", "fail", "item05",
                                               "item06", "item07", "item08"}));
      EXPECT_EQ(lines[3]["error"].get<std::string>().rfind("line 4: not JSON (", 0), 0u)
          << lines[3];
      EXPECT_EQ(lines[5]["error"], "line 7: no \"text\" field");
      EXPECT_EQ(lines[6]["error"], "stage 'fake_quantities': fake failure");
      ASSERT_EQ(r->rejects.size(), 3u);
      EXPECT_EQ(r->rejects[0].id, "<stdin>#4");
      EXPECT_EQ(r->rejects[2].id, "fail");
      EXPECT_EQ(r->rejects[2].message, "stage 'fake_quantities': fake failure");
      // The good lines: two quantities each, at code points after "货轮卸下".
      const Json& q = lines[4]["quantities"];
      ASSERT_EQ(q.size(), 2u) << lines[4];
      EXPECT_EQ(q[0]["start"], 4);
      EXPECT_EQ(q[0]["end"], 11);
      EXPECT_EQ(q[0]["text"], "42 tons");
      EXPECT_EQ(q[0]["value"], 42);
      EXPECT_EQ(q[0]["unit"], "t");
      EXPECT_EQ(q[0]["rule"], "test.fake");
      EXPECT_EQ(q[1]["start"], 25);
      EXPECT_EQ(lines[4]["dates"], Json::array());
      EXPECT_FALSE(lines[4].contains("error"));
    }
  }
}

TEST_F(ExtractRunTest, StreamName) {
  ExtractOptions o;
  o.input_name = "part-00007";
  std::string out;
  auto r = RunStream("{\"text\":\"no id here\"}\n", o, &out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(out,
            "{\"id\":\"part-00007#1\",\"quantities\":[],\"dates\":[],\"entities\":[],\"claims\":[]}\n");
}

TEST_F(ExtractRunTest, EmptyStream) {
  std::string out;
  auto r = RunStream("", ExtractOptions(), &out);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles, 0);
  EXPECT_EQ(out, "");
}

TEST_F(ExtractRunTest, PathsOfAnyFormat) {
  fs::path dir = testing::MakeTempDir("extract_run_test");
  testing::WriteFile(dir / "a.txt", "Ore ships 42 tons\n\nThe port loaded 42 tons.\n");
  testing::WriteFile(dir / "b.jsonl", Item(1) + Item(2));
  testing::WriteFile(dir / "c.txt", "");
  ExtractOptions o;
  o.paths = {dir.string()};
  o.threads = 2;
  std::string out;
  auto r = RunExtract(*ctx_, *analyzer_, o, [&out](std::string_view chunk) {
    out.append(chunk);
    return Status::Ok();
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<Json> lines = ParseLines(out);
  ASSERT_EQ(lines.size(), 4u) << out;
  const std::string a = (dir / "a.txt").lexically_normal().string();
  EXPECT_EQ(lines[0]["id"], a + "#1");
  ASSERT_EQ(lines[0]["quantities"].size(), 2u);
  EXPECT_EQ(lines[0]["quantities"][0]["field"], "title");
  EXPECT_EQ(lines[0]["quantities"][0]["start"], 10);
  EXPECT_FALSE(lines[0]["quantities"][1].contains("field"));
  EXPECT_EQ(lines[0]["quantities"][1]["start"], 16);
  EXPECT_EQ(lines[1]["id"], "item01");
  EXPECT_EQ(lines[2]["id"], "item02");
  EXPECT_EQ(lines[3]["id"], (dir / "c.txt").lexically_normal().string() + "#0");
  EXPECT_EQ(lines[3]["error"], "empty file");
  EXPECT_EQ(r->rejected, 1);
  uint64_t total = fs::file_size(dir / "a.txt") + fs::file_size(dir / "b.jsonl");
  EXPECT_EQ(r->bytes, total);
  if (!HasFailure()) fs::remove_all(dir);
}

TEST_F(ExtractRunTest, SinkGetsWholeLinesInChunks) {
  ExtractOptions o;
  o.threads = 2;
  o.flush_bytes = 300;  // a few lines per chunk
  std::string out;
  std::vector<std::string> chunks;
  std::istringstream in(Feed());
  o.input = &in;
  auto r = RunExtract(*ctx_, *analyzer_, o, [&](std::string_view chunk) {
    chunks.emplace_back(chunk);
    out.append(chunk);
    return Status::Ok();
  });
  ASSERT_TRUE(r.ok());
  EXPECT_GT(chunks.size(), 2u);
  for (const std::string& c : chunks) {
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(c.back(), '\n');
  }
  std::string whole;
  ASSERT_TRUE(RunStream(Feed(), ExtractOptions(), &whole).ok());
  EXPECT_EQ(out, whole);
}

TEST_F(ExtractRunTest, FailingSinkStopsTheRun) {
  std::string input;
  for (int n = 0; n < 500; ++n) input += Item(n % 100);
  ExtractOptions o;
  o.threads = 2;
  o.flush_bytes = 1;  // every line is a chunk
  std::istringstream in(input);
  o.input = &in;
  int calls = 0;
  auto r = RunExtract(*ctx_, *analyzer_, o, [&](std::string_view) {
    return ++calls <= 3 ? Status::Ok() : Status::IoError("disk full");
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status.code(), StatusCode::kIoError);
  EXPECT_EQ(r->status.message(), "disk full");
  EXPECT_EQ(calls, 4);  // nothing offered after the failure
  EXPECT_LT(r->articles, 100);
  EXPECT_LT(r->bytes, input.size());  // reading stopped early
}

TEST_F(ExtractRunTest, ProgressEndsWithTheTotals) {
  ExtractOptions o;
  std::vector<ExtractProgress> seen;
  o.progress = [&seen](const ExtractProgress& p) { seen.push_back(p); };
  std::string out;
  auto r = RunStream(Feed(), o, &out);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().articles, 11);
  EXPECT_EQ(seen.back().bytes_read, Feed().size());
  EXPECT_EQ(seen.back().total_bytes, 0u);
}

TEST_F(ExtractRunTest, Errors) {
  std::string out;
  ExtractOptions digest;
  digest.format = Format::kDigest;
  auto r = RunStream(Feed(), digest, &out);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUsage);

  ExtractOptions none;
  auto sink = [](std::string_view) { return Status::Ok(); };
  auto n = RunExtract(*ctx_, *analyzer_, none, sink);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kUsage);

  ExtractOptions missing;
  missing.paths = {"/nonexistent/extract_run_test/input.jsonl"};
  auto m = RunExtract(*ctx_, *analyzer_, missing, sink);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace factmine
