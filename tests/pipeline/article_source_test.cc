// Tests for pipeline/article_source.h: walking a batch directory with every
// kind of file (digest, GB18030, UTF-16, JSONL with a bad line, binary,
// empty, nested, hidden), file-level failures, and options.
#include "pipeline/article_source.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/digest_reader.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using testing::LexiconDir;
using testing::MakeTempDir;
using testing::WriteFile;

std::string Encode(const char* charset, const std::string& utf8) {
  UErrorCode ec = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(),
                           static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &ec);
  EXPECT_TRUE(U_SUCCESS(ec)) << u_errorName(ec);
  out.resize(static_cast<size_t>(n));
  return out;
}

class ArticleSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = LoadDigestConventions(LexiconDir().string());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    conventions_ = c.value();
    dir_ = MakeTempDir("article-source");
    // MakeTempDir may return a path with symlinks or "..": keys use the
    // lexically normal absolute form.
    root_ = fs::absolute(dir_).lexically_normal().string();
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  std::string P(const std::string& rel) const { return root_ + "/" + rel; }

  std::vector<RawArticle> ReadAll(const std::vector<std::string>& paths,
                                  const SourceOptions& options = {},
                                  ArticleSource** keep = nullptr) {
    auto s = ArticleSource::Open(paths, options, conventions_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    std::vector<RawArticle> out;
    if (!s.ok()) return out;
    source_ = std::move(s).value();
    RawArticle a;
    while (source_->Next(&a)) out.push_back(a);
    if (keep) *keep = source_.get();
    return out;
  }

  DigestConventions conventions_;
  fs::path dir_;
  std::string root_;
  std::unique_ptr<ArticleSource> source_;
};

const char kDigest[] =
    "Workflow\n"
    "锂电材料\n"
    "icon\n"
    "Search documents\n"
    "锂价连续三周上涨，下游电池厂加紧备货\n"
    "Sou Hu Cai Jing· 2025-03-14 10:00\n"
    "Core Viewpoint - Lithium carbonate prices rose for a third straight week "
    "as battery makers restocked [1][2]. Group 1: Market Moves - Spot prices "
    "gained 4% on the week [3]. - Smelter inventories fell to a two-month "
    "low [4].\n"
    "港口新码头投入使用\n"
    "Xin Hua Cai Jing· 2025-03-15 09:30\n"
    "Core Insights - A new container terminal opened with room for four large "
    "vessels at once [1]. Group 1: Capacity - Yearly throughput should pass "
    "100 million tonnes [2].\n";

const char kGbText[] =
    "钢材出口回落\n来源：经济日报\n日期：2025年3月14日\n\n"
    "三月钢材出口环比下降百分之六。\n";

const char kUtf16Text[] =
    "Copper smelter restarts\n\nThe plant in the north resumed work on "
    "Monday.\n";

const char kJsonl[] =
    R"({"id":"n1","title":"Nickel output climbs","text":"Output rose 3% in May.","url":"http://example.org/n1"})"
    "\n"
    R"({"id": broken)"
    "\n"
    R"({"title":"Zinc stocks fall","text":"Warehouse stocks fell."})"
    "\n";

TEST_F(ArticleSourceTest, WalksABatchDirectory) {
  WriteFile(dir_ / "a_digest.txt", kDigest);
  WriteFile(dir_ / "b_gb.txt", Encode("GB18030", kGbText));
  WriteFile(dir_ / "c_utf16.txt", "\xFF\xFE" + Encode("UTF-16LE", kUtf16Text));
  WriteFile(dir_ / "d_feed.jsonl", kJsonl);
  WriteFile(dir_ / "e_image.png",
            std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  WriteFile(dir_ / "f_empty.txt", "");
  fs::create_directories(dir_ / "nested" / "deeper");
  WriteFile(dir_ / "nested" / "deeper" / "g_inner.txt",
            "Inner article\nBody of the inner article.\n");
  WriteFile(dir_ / ".hidden.txt", "Hidden\nNot read.\n");
  fs::create_directories(dir_ / ".git");
  WriteFile(dir_ / ".git" / "h.txt", "Hidden too\nNot read.\n");

  ArticleSource* src = nullptr;
  std::vector<RawArticle> v = ReadAll({dir_.string()}, {}, &src);
  ASSERT_EQ(v.size(), 10u);

  uint64_t total = 0;
  for (const char* f :
       {"a_digest.txt", "b_gb.txt", "c_utf16.txt", "d_feed.jsonl",
        "e_image.png", "f_empty.txt", "nested/deeper/g_inner.txt"}) {
    total += fs::file_size(P(f));
  }
  EXPECT_EQ(src->file_count(), 7u);
  EXPECT_EQ(src->total_bytes(), total);
  EXPECT_EQ(src->bytes_read(), total);

  // The digest: two articles.
  EXPECT_EQ(v[0].path, P("a_digest.txt"));
  EXPECT_EQ(v[0].format, Format::kDigest);
  EXPECT_EQ(v[0].encoding, "UTF-8");
  EXPECT_EQ(v[0].key, P("a_digest.txt") + "#1");
  EXPECT_EQ(v[0].title, "锂价连续三周上涨，下游电池厂加紧备货");
  EXPECT_EQ(v[0].source, "Sou Hu Cai Jing");
  EXPECT_EQ(v[0].published_at, "2025-03-14 10:00");
  EXPECT_EQ(v[0].topic, "锂电材料");
  EXPECT_TRUE(v[0].status.ok()) << v[0].status.ToString();
  EXPECT_EQ(v[1].key, P("a_digest.txt") + "#2");
  EXPECT_EQ(v[1].title, "港口新码头投入使用");
  EXPECT_EQ(v[1].source, "Xin Hua Cai Jing");
  EXPECT_TRUE(v[1].status.ok()) << v[1].status.ToString();

  // GB18030 text with metadata lines.
  EXPECT_EQ(v[2].path, P("b_gb.txt"));
  EXPECT_EQ(v[2].format, Format::kText);
  EXPECT_EQ(v[2].encoding, "GB18030");
  EXPECT_EQ(v[2].key, P("b_gb.txt") + "#1");
  EXPECT_EQ(v[2].position, 1u);
  EXPECT_EQ(v[2].title, "钢材出口回落");
  EXPECT_EQ(v[2].source, "经济日报");
  EXPECT_EQ(v[2].published_at, "2025-03-14");
  EXPECT_EQ(v[2].text, "三月钢材出口环比下降百分之六。");
  EXPECT_EQ(v[2].bytes, fs::file_size(P("b_gb.txt")));
  EXPECT_TRUE(v[2].status.ok());

  // UTF-16LE with a BOM.
  EXPECT_EQ(v[3].encoding, "UTF-16LE");
  EXPECT_EQ(v[3].format, Format::kText);
  EXPECT_EQ(v[3].title, "Copper smelter restarts");
  EXPECT_EQ(v[3].text, "The plant in the north resumed work on Monday.");
  EXPECT_EQ(v[3].key, P("c_utf16.txt") + "#1");

  // JSONL: an id, a bad line, a line without id.
  EXPECT_EQ(v[4].format, Format::kJsonl);
  EXPECT_EQ(v[4].encoding, "UTF-8");
  EXPECT_EQ(v[4].path, P("d_feed.jsonl"));
  EXPECT_EQ(v[4].key, "jsonl:n1");
  EXPECT_EQ(v[4].title, "Nickel output climbs");
  EXPECT_EQ(v[4].meta_json, R"({"url":"http://example.org/n1"})");
  EXPECT_TRUE(v[4].status.ok());
  EXPECT_EQ(v[5].key, P("d_feed.jsonl") + "#2");
  EXPECT_EQ(v[5].position, 2u);
  EXPECT_EQ(v[5].line, 2u);
  EXPECT_EQ(v[5].status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(v[5].status.message(),
            "line 2: not JSON (parse error at column 8: syntax error while "
            "parsing value - invalid literal; last read: '\"id\": b')");
  EXPECT_EQ(v[6].key, P("d_feed.jsonl") + "#3");
  EXPECT_EQ(v[6].title, "Zinc stocks fall");
  EXPECT_TRUE(v[6].status.ok());

  // File-level rejects: position 0, key "#0".
  EXPECT_EQ(v[7].path, P("e_image.png"));
  EXPECT_EQ(v[7].position, 0u);
  EXPECT_EQ(v[7].key, P("e_image.png") + "#0");
  EXPECT_EQ(v[7].bytes, 20u);
  EXPECT_EQ(v[7].status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(v[7].status.message(), "binary file (PNG image)");
  EXPECT_EQ(v[8].path, P("f_empty.txt"));
  EXPECT_EQ(v[8].position, 0u);
  EXPECT_EQ(v[8].status.message(), "empty file");

  // Nested directories are recursed.
  EXPECT_EQ(v[9].path, P("nested/deeper/g_inner.txt"));
  EXPECT_EQ(v[9].title, "Inner article");
  EXPECT_EQ(v[9].text, "Body of the inner article.");
}

TEST_F(ArticleSourceTest, MissingPathFailsAtOpen) {
  std::string missing = (dir_ / "no-such-dir").string();
  auto s = ArticleSource::Open({missing}, {}, conventions_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), "no such file or directory: " + missing);
}

TEST_F(ArticleSourceTest, FileThatVanishesAfterOpenIsRejected) {
  WriteFile(dir_ / "one.txt", "First\nbody one\n");
  WriteFile(dir_ / "two.txt", "Second\nbody two\n");
  auto s = ArticleSource::Open({dir_.string()}, {}, conventions_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.value()->file_count(), 2u);
  fs::remove(dir_ / "one.txt");
  RawArticle a;
  ASSERT_TRUE(s.value()->Next(&a));
  EXPECT_EQ(a.path, P("one.txt"));
  EXPECT_EQ(a.position, 0u);
  EXPECT_EQ(a.status.code(), StatusCode::kNotFound);
  EXPECT_EQ(a.status.message(), "file vanished");
  ASSERT_TRUE(s.value()->Next(&a));
  EXPECT_EQ(a.title, "Second");
  EXPECT_FALSE(s.value()->Next(&a));
}

TEST_F(ArticleSourceTest, ExplicitPathsHiddenFilesAndDuplicates) {
  WriteFile(dir_ / ".notes.txt", "Hidden but named\nStill read.\n");
  WriteFile(dir_ / "x.txt", "X title\nx body\n");
  // Relative path with "..", the directory, and the same file again.
  std::string relative =
      (fs::relative(dir_) / ".." / dir_.filename() / ".notes.txt").string();
  std::vector<RawArticle> v =
      ReadAll({relative, dir_.string(), (dir_ / "x.txt").string()});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].path, P(".notes.txt"));
  EXPECT_EQ(v[0].title, "Hidden but named");
  EXPECT_EQ(v[1].path, P("x.txt"));
}

TEST_F(ArticleSourceTest, FormatOptionOverridesDetection) {
  WriteFile(dir_ / "feed.jsonl", kJsonl);
  SourceOptions text;
  text.format = Format::kText;
  std::vector<RawArticle> v = ReadAll({(dir_ / "feed.jsonl").string()}, text);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].format, Format::kText);
  EXPECT_EQ(
      v[0].title,
      R"({"id":"n1","title":"Nickel output climbs","text":"Output rose 3% in May.","url":"http://example.org/n1"})");

  WriteFile(dir_ / "plain.txt", "Not JSON at all\nsecond line\n");
  SourceOptions jsonl;
  jsonl.format = Format::kJsonl;
  v = ReadAll({(dir_ / "plain.txt").string()}, jsonl);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].format, Format::kJsonl);
  EXPECT_EQ(v[0].status.message(),
            "line 1: not JSON (parse error at column 1: syntax error while "
            "parsing value - invalid literal; last read: 'N')");
}

TEST_F(ArticleSourceTest, SizeLimits) {
  WriteFile(dir_ / "a.txt", "A title\nA body that is longer than the limit.\n");
  std::string line = R"({"id":"long","text":")" + std::string(300, 'z') + "\"}";
  WriteFile(dir_ / "b.jsonl", line + "\n" +
                                  R"({"id":"short","text":"ok"})"
                                  "\n");
  SourceOptions small;
  small.max_file_bytes = 40;   // a.txt is read whole: too big
  small.max_line_bytes = 100;  // b.jsonl is streamed: only its line is too long
  std::vector<RawArticle> v = ReadAll({dir_.string()}, small);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].position, 0u);
  EXPECT_EQ(v[0].status.message(),
            "file too big (" + std::to_string(fs::file_size(P("a.txt"))) +
                " bytes; the limit is 40 bytes)");
  EXPECT_EQ(v[1].status.message(), "line 1 is longer than 100 bytes (" +
                                       std::to_string(line.size()) + " bytes)");
  EXPECT_EQ(v[2].key, "jsonl:short");
  EXPECT_TRUE(v[2].status.ok());
}

TEST_F(ArticleSourceTest, NonUtf8JsonlIsDecodedWhole) {
  const std::string feed =
      R"({"id":"g1","title":"铜价","text":"铜价小幅回升。"})"
      "\n"
      R"({"id":"g2","title":"铝价","text":"铝价保持平稳。"})"
      "\n";
  WriteFile(dir_ / "gb.jsonl", Encode("GB18030", feed));
  std::vector<RawArticle> v = ReadAll({dir_.string()});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].format, Format::kJsonl);
  EXPECT_EQ(v[0].encoding, "GB18030");
  EXPECT_EQ(v[0].key, "jsonl:g1");
  EXPECT_EQ(v[0].text, "铜价小幅回升。");
  EXPECT_EQ(v[1].key, "jsonl:g2");
  EXPECT_EQ(v[1].path, P("gb.jsonl"));
}

TEST_F(ArticleSourceTest, DecodingNotesReachEveryArticle) {
  WriteFile(
      dir_ / "n.txt",
      std::string("Title with a NUL\nThe body\0 has one NUL byte.\n", 45));
  std::vector<RawArticle> v = ReadAll({dir_.string()});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].text, "The body has one NUL byte.");
  EXPECT_EQ(v[0].notes, std::vector<std::string>{"1 NUL byte removed"});
}

TEST_F(ArticleSourceTest, SeedsAreDigests) {
  fs::path seeds = testing::SeedsDir();
  if (seeds.empty()) GTEST_SKIP() << "no ../shared/corpus/seeds";
  ArticleSource* src = nullptr;
  std::vector<RawArticle> v = ReadAll({seeds.string()}, {}, &src);
  EXPECT_EQ(src->file_count(), 5u);
  ASSERT_GE(v.size(), 5u);
  for (const RawArticle& a : v) {
    EXPECT_EQ(a.format, Format::kDigest) << a.key;
    EXPECT_EQ(a.encoding, "UTF-8") << a.key;
    EXPECT_EQ(a.key, a.path + "#" + std::to_string(a.position));
    EXPECT_GT(a.position, 0u);
  }
}

}  // namespace
}  // namespace factmine
