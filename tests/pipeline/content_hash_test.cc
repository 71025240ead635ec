// Tests for pipeline/content_hash.h: fixed values, what counts, what not.
#include "pipeline/content_hash.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cstdio>
#include <string>

namespace factmine {
namespace {

RawArticle Sample() {
  RawArticle a;
  a.title = "锂价连续三周上涨";
  a.text = "Spot lithium carbonate rose 4% this week.";
  a.source = "Metal Wire";
  a.published_at = "2025-03-14 10:00";
  return a;
}

std::string Hex128(XXH128_hash_t h) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

TEST(ContentHash, LibraryIsStandardXxh3) {
  // The published XXH3-128 value of the empty input.
  EXPECT_EQ(Hex128(XXH3_128bits("", 0)), "99aa06d3014798d86001c324468d497f");
}

TEST(ContentHash, FixedValues) {
  // Recorded once; a change here changes every id in every fact base.
  EXPECT_EQ(ContentHash(Sample()), "905a4cdf9d972fb62a82678ba71ae2fc");
  EXPECT_EQ(ContentHash(RawArticle()), "8965cb5770193c4f9e210bd66c48ee1d");
}

TEST(ContentHash, IsXxh3OfTheFieldsJoinedByUnitSeparators) {
  RawArticle a = Sample();
  std::string joined =
      a.title + '\x1f' + a.text + '\x1f' + a.source + '\x1f' + a.published_at;
  EXPECT_EQ(ContentHash(a), Hex128(XXH3_128bits(joined.data(), joined.size())));
}

TEST(ContentHash, IgnoresWhereTheArticleWasFound) {
  RawArticle a = Sample();
  RawArticle b = Sample();
  b.path = "/elsewhere/copy.txt";
  b.position = 7;
  b.line = 30;
  b.key = "jsonl:xyz";
  b.topic = "锂";
  b.format = Format::kJsonl;
  b.encoding = "GB18030";
  b.lang = "zh";
  b.meta_json = R"({"url":"x"})";
  b.notes = {"1 NUL byte removed"};
  b.bytes = 12345;
  EXPECT_EQ(ContentHash(a), ContentHash(b));
}

TEST(ContentHash, EveryContentFieldCounts) {
  const std::string base = ContentHash(Sample());
  RawArticle a = Sample();
  a.title += " ";
  EXPECT_NE(ContentHash(a), base);
  a = Sample();
  a.text = "Spot lithium carbonate rose 5% this week.";
  EXPECT_NE(ContentHash(a), base);
  a = Sample();
  a.source = "Metal Wire Asia";
  EXPECT_NE(ContentHash(a), base);
  a = Sample();
  a.published_at = "2025-03-14";
  EXPECT_NE(ContentHash(a), base);
}

TEST(ContentHash, FieldBoundariesCount) {
  // (std::string temporaries: GCC 12 -O3 warns wrongly on assigning short
  // literals, PR105329.)
  RawArticle a, b;
  a.title = std::string("ab");
  a.text = std::string("c");
  b.title = std::string("a");
  b.text = std::string("bc");
  EXPECT_NE(ContentHash(a), ContentHash(b));
}

TEST(ContentHash, ThirtyTwoLowercaseHexDigits) {
  std::string h = ContentHash(Sample());
  ASSERT_EQ(h.size(), 32u);
  for (char c : h) {
    EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << h;
  }
}

}  // namespace
}  // namespace factmine
