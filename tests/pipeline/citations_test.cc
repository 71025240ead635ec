// Citation markers: parsing, masking, and what is not a citation.
#include "pipeline/citations.h"

#include <gtest/gtest.h>

namespace factmine {
namespace {

struct Case {
  const char* text;
  std::vector<std::vector<int>> markers;  // indices per marker, in order
  const char* masked;
};

TEST(CitationsTest, Table) {
  const Case cases[] = {
      {"reserves [1][3].", {{1}, {3}}, "reserves       ."},
      {"x [1,3] y", {{1, 3}}, "x       y"},
      {"x [1, 3] y", {{1, 3}}, "x        y"},
      {"x [1-3] y", {{1, 2, 3}}, "x       y"},
      {"x [ 12 ] y", {{12}}, "x        y"},
      {"依赖【1】。", {{1}}, "依赖       。"},
      {"来源【环球时报】称", {}, "来源【环球时报】称"},    // words: not a citation
      {"in [2024] the", {}, "in [2024] the"},              // a year, not an index
      {"[Reuters] said", {}, "[Reuters] said"},
      {"array[0] and [1-500]", {}, "array[0] and [1-500]"},  // 0 and over-long range
      {"open [1 never closed", {}, "open [1 never closed"},
      {"a[1]b[2]", {{1}, {2}}, "a   b   "},
      {"x [3-1] y", {}, "x [3-1] y"},                        // reversed range
      {"x [1、2] y", {{1, 2}}, "x [1、2] y"},               // masked below
  };
  for (const Case& c : cases) {
    std::string t = c.text;
    std::vector<Citation> out;
    FindAndMaskCitations(Field::kText, &t, &out);
    ASSERT_EQ(out.size(), c.markers.size()) << c.text;
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i].indices, c.markers[i]) << c.text << " marker " << i;
    }
    if (std::string(c.text).find("、") == std::string::npos) {
      EXPECT_EQ(t, c.masked) << c.text;
    } else {
      EXPECT_EQ(t.find('['), std::string::npos) << "masked: " << t;
    }
  }
}

TEST(CitationsTest, SpansCoverTheMarkerBytes) {
  std::string t = "China holds 37% [14]. Next [2][5]";
  std::vector<Citation> out;
  std::string orig = t;
  FindAndMaskCitations(Field::kText, &t, &out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(orig.substr(out[0].span.begin, out[0].span.size()), "[14]");
  EXPECT_EQ(orig.substr(out[1].span.begin, out[1].span.size()), "[2]");
  EXPECT_EQ(orig.substr(out[2].span.begin, out[2].span.size()), "[5]");
  EXPECT_EQ(t.size(), orig.size());
}

TEST(CitationsTest, ManyMarkersAreLinear) {
  std::string t;
  for (int i = 0; i < 100000; ++i) t += "[7]";
  std::vector<Citation> out;
  FindAndMaskCitations(Field::kText, &t, &out);
  EXPECT_EQ(out.size(), 100000u);
  EXPECT_EQ(t.find_first_not_of(' '), std::string::npos);
}

}  // namespace
}  // namespace factmine
