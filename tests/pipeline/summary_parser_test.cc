// Tests of the summary structure parser (pipeline/summary_parser.h): the
// section/bullet structure of every seed article (with citations present
// and masked), and a table of synthetic bodies written for this test.
//
// Expected structures are written as golden strings, one token per section:
//   kind[label|title]=bullets      (seed tests: bullet counts)
//   kind[label|title]{b1|b2|…}     (synthetic tests: bullet texts)
#include "pipeline/summary_parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/digest_reader.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

std::string Header(const Section& s) {
  std::string out(SectionKindName(s.kind));
  if (!s.label.empty() || !s.title.empty()) out += "[" + s.label;
  if (!s.title.empty()) out += "|" + s.title;
  if (!s.label.empty() || !s.title.empty()) out += "]";
  return out;
}

// "viewpoint[Core Viewpoint]=1 group[Group 1|Russia's Position]=3 …"
std::string CountsGolden(std::string_view text) {
  std::vector<Section> sections;
  std::vector<Bullet> bullets;
  ParseSummary(text, &sections, &bullets);
  std::string out;
  for (size_t i = 0; i < sections.size(); ++i) {
    int n = 0;
    for (const Bullet& b : bullets) n += b.section == i ? 1 : 0;
    if (!out.empty()) out += " ";
    out += Header(sections[i]) + "=" + std::to_string(n);
  }
  return out;
}

// "heading[Market Overview]{Stocks rose.|Bonds fell.} …"
std::string TextGolden(std::string_view text) {
  std::vector<Section> sections;
  std::vector<Bullet> bullets;
  ParseSummary(text, &sections, &bullets);
  std::string out;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (!out.empty()) out += " ";
    out += Header(sections[i]) + "{";
    bool first = true;
    for (const Bullet& b : bullets) {
      if (b.section != i) continue;
      if (!first) out += "|";
      out += std::string(text.substr(b.span.begin, b.span.size()));
      first = false;
    }
    out += "}";
  }
  return out;
}

// Replaces each citation group "[1][3]" / "[1,3]" / "[1-3]" with spaces of
// the same byte length, as the citation stage does.
std::string MaskCitations(std::string s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '[') continue;
    size_t j = i + 1;
    while (j < s.size() && (isdigit(static_cast<unsigned char>(s[j])) ||
                            s[j] == ',' || s[j] == '-' || s[j] == ' ')) {
      ++j;
    }
    if (j < s.size() && s[j] == ']' && j > i + 1) {
      for (size_t k = i; k <= j; ++k) s[k] = ' ';
    }
  }
  return s;
}

std::string ReadSeed(const std::string& prefix) {
  fs::path dir = testing::SeedsDir();
  if (dir.empty()) return "";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix + "_", 0) == 0) {
      return testing::ReadFile(e.path());
    }
  }
  return "";
}

std::vector<std::string> SeedBodies(const std::string& prefix) {
  Result<DigestConventions> c =
      LoadDigestConventions(testing::LexiconDir().string());
  EXPECT_TRUE(c.ok());
  std::vector<std::string> out;
  if (!c.ok()) return out;
  for (RawArticle& a : ParseDigest(ReadSeed(prefix), *c))
    out.push_back(std::move(a.text));
  return out;
}

// --- Seeds -------------------------------------------------------------------

struct SeedCase {
  std::string seed;
  std::vector<std::string> golden;  // one per article, in file order
};

// Verified by reading each summary: every " - " of these bodies is a bullet
// separator, so each article's bullet total equals its " - " count.
const std::vector<SeedCase>& SeedCases() {
  static const std::vector<SeedCase> cases = {
      {"000",
       {"viewpoint[Core Viewpoint]=1 group[Group 1|Russia's Position]=3 "
        "group[Group 2|China's Dominance]=3 group[Group 3|US Concerns]=3 "
        "group[Group 4|Strategic Implications]=2"}},
      {"001",
       {"viewpoint[Core Viewpoint]=1 group[Group 1|China's Dominance in Rare "
        "Earths]=3 "
        "group[Group 2|Russia and India's Challenges]=3 "
        "group[Group 3|China's Strategic Actions]=3 group[Group "
        "4|Technological Advancements]=3 "
        "group[Group 5|Future Considerations]=3"}},
      {"002",
       {"viewpoint[Core Viewpoint]=1 group[Group 1|Russia's Rare Earth "
        "Strategy]=3 "
        "group[Group 2|Challenges in Rare Earth Mining]=3 "
        "group[Group 3|Global Competition and Collaboration]=3 "
        "group[Group 4|Future Prospects and Strategic Importance]=3",
        "insights[Core Insights]=1 group[Group 1|Rare Earth Elements "
        "Strategy]=3 "
        "group[Group 2|Security and Defense Policy]=2 "
        "group[Group 3|Economic Independence and Cooperation]=3",
        "insights[Core Insights]=1 group[Group 1|Agreement Details]=3 "
        "group[Group 2|Context and Implications]=3 group[Group 3|Industry "
        "Challenges]=3",
        "viewpoint[Core Viewpoint]=1 group[Group 1|U.S.-Australia "
        "Cooperation]=2 "
        "group[Group 2|Australia's Rare Earth Capabilities]=2 "
        "group[Group 3|China's Dominance in Rare Earths]=2 "
        "group[Group 4|Military Implications]=2 group[Group 5|Historical "
        "Context]=1",
        "group[Group 1]=3 group[Group 2]=2",
        "group[Group 1]=3 group[Group 2]=3 group[Group 3]=3",
        "viewpoint[Core Viewpoint]=1 group[Group 1|China's Dominance in Rare "
        "Earths]=2 "
        "group[Group 2|U.S. Response and Investment]=2 "
        "group[Group 3|Challenges Faced by the U.S.]=2 "
        "group[Group 4|U.S. Tactics to Circumvent Chinese Restrictions]=2 "
        "group[Group 5|China's Countermeasures]=2 group[Group 6|The Dilemma "
        "for Allies]=2 "
        "group[Group 7|Strategic Implications]=2"}},
      {"003",
       {"insights[Core Insights]=3 group[Group 1]=3 group[Group 2]=3 "
        "group[Group 3]=3"}},
      {"004",
       {"viewpoint[Core Viewpoint]=1 group[Group 1|Russia's Rare Earth "
        "Situation]=3 "
        "group[Group 2|China's Advantage in Rare Earths]=3 "
        "group[Group 3|Global Competition and Challenges]=3 "
        "group[Group 4|Future Directions]=3"}},
  };
  return cases;
}

TEST(SummaryParserSeeds, SectionsAndBulletCounts) {
  if (testing::SeedsDir().empty()) GTEST_SKIP() << "seeds not found";
  for (const SeedCase& sc : SeedCases()) {
    std::vector<std::string> bodies = SeedBodies(sc.seed);
    ASSERT_EQ(bodies.size(), sc.golden.size()) << "seed " << sc.seed;
    for (size_t i = 0; i < bodies.size(); ++i) {
      EXPECT_EQ(CountsGolden(bodies[i]), sc.golden[i])
          << "seed " << sc.seed << " article " << i + 1;
      EXPECT_EQ(CountsGolden(MaskCitations(bodies[i])), sc.golden[i])
          << "seed " << sc.seed << " article " << i + 1
          << " (citations masked)";
    }
  }
}

TEST(SummaryParserSeeds, Seed000Spans) {
  if (testing::SeedsDir().empty()) GTEST_SKIP() << "seeds not found";
  std::vector<std::string> bodies = SeedBodies("000");
  ASSERT_EQ(bodies.size(), 1u);
  const std::string& t = bodies[0];
  std::vector<Section> sections;
  std::vector<Bullet> bullets;
  ParseSummary(t, &sections, &bullets);
  ASSERT_EQ(sections.size(), 5u);
  ASSERT_EQ(bullets.size(), 12u);
  auto view = [&](Span s) {
    return std::string_view(t).substr(s.begin, s.size());
  };
  EXPECT_EQ(view(sections[0].heading), "Core Viewpoint");
  EXPECT_EQ(sections[0].span.begin, 0u);
  EXPECT_EQ(bullets[0].span.begin, std::string("Core Viewpoint - ").size());
  EXPECT_EQ(view(sections[1].heading), "Group 1: Russia's Position");
  EXPECT_EQ(sections[1].group_no, 1);
  EXPECT_EQ(view(sections[2].heading), "Group 2: China's Dominance");
  EXPECT_EQ(sections[2].label, "Group 2");
  EXPECT_EQ(sections[2].title, "China's Dominance");
  EXPECT_EQ(sections[2].group_no, 2);
  EXPECT_EQ(view(sections[3].heading), "Group 3: US Concerns");
  EXPECT_EQ(view(sections[4].heading), "Group 4: Strategic Implications");
  EXPECT_EQ(sections[4].span.end,
            t.size());  // the text ends with the last bullet
  for (const Section& s : sections) {
    EXPECT_EQ(s.field, Field::kText);
    EXPECT_EQ(s.span.begin, s.heading.begin);
  }
  for (size_t i = 0; i < bullets.size(); ++i) {
    std::string_view b = view(bullets[i].span);
    EXPECT_NE(b.front(), ' ') << i;
    EXPECT_NE(b.front(), '-') << i;
    EXPECT_EQ(b.back(), '.') << i;  // every seed-000 bullet ends "[n]."
    EXPECT_TRUE(sections[bullets[i].section].span.Contains(bullets[i].span))
        << i;
    EXPECT_FALSE(b.find("Group ") == 0) << i;
  }
  EXPECT_EQ(bullets[1].section, 1u);
  EXPECT_EQ(view(bullets[1].span).substr(0, 13), "Russia claims");
  EXPECT_EQ(view(bullets[3].span).substr(0, 7), "Despite");
}

// --- Synthetic bodies (our own text)
// ---------------------------------------------

TEST(SummaryParserSynthetic, Table) {
  struct Row {
    std::string name;
    std::string text;
    std::string golden;
  };
  const std::vector<Row> rows = {
      {"viewpoint_and_titled_group",
       "Core Viewpoint - Lithium output rose [1]. Group 1: Price Trends - Spot "
       "prices fell "
       "[2]. - Futures held [3][4].",
       "viewpoint[Core Viewpoint]{Lithium output rose [1].} "
       "group[Group 1|Price Trends]{Spot prices fell [2].|Futures held "
       "[3][4].}"},
      {"untitled_groups_after_brackets_without_period",
       "Core Insights - Zinc climbed [1] - Lead slid [2] Group 1 - Smelters "
       "cut runs [3] - "
       "Stocks fell [4] Group 2 - Demand is steady [5]",
       "insights[Core Insights]{Zinc climbed [1]|Lead slid [2]} "
       "group[Group 1]{Smelters cut runs [3]|Stocks fell [4]} group[Group "
       "2]{Demand is steady "
       "[5]}"},
      {"generic_headings",
       "Market Overview - Base metals rose 3% [1]. - Bonds slipped [2]. "
       "Financial Performance "
       "- Revenue reached 5 billion yuan [3]. Company Overview - The firm "
       "makes magnets [4].",
       "heading[Market Overview]{Base metals rose 3% [1].|Bonds slipped [2].} "
       "heading[Financial Performance]{Revenue reached 5 billion yuan [3].} "
       "heading[Company Overview]{The firm makes magnets [4].}"},
      // Review finding: "..." ends a bullet; the heading after it counts.
      {"ellipsis_before_a_heading",
       "Group 1: Prices - Spot prices stay firm [4]... Risk Warning - Demand "
       "may weaken [5].",
       "group[Group 1|Prices]{Spot prices stay firm [4]...} "
       "heading[Risk Warning]{Demand may weaken [5].}"},
      // Review finding: headings may hold digits (quarters, halves).
      {"heading_with_digits",
       "Company Overview - The firm makes magnets [1]. Q2 Performance - "
       "Revenue rose 84% [2].",
       "heading[Company Overview]{The firm makes magnets [1].} "
       "heading[Q2 Performance]{Revenue rose 84% [2].}"},
      {"hyphens_without_spaces_never_split",
       "Core Insights - U.S.-China talks resumed and the J-10CE jet flew [1]. "
       "- A 7%-9% "
       "range was given [2].",
       "insights[Core Insights]{U.S.-China talks resumed and the J-10CE jet "
       "flew [1].|A 7%-9% "
       "range was given [2].}"},
      {"chinese_prose_one_bullet_per_line",
       "本周锂盐价格小幅上涨,成交有所回暖。\n\n多家机构认为,"
       "下半年需求仍将保持增长...",
       "body{本周锂盐价格小幅上涨,成交有所回暖。|多家机构认为,"
       "下半年需求仍将保持增长...}"},
      {"table_like_text",
       "公司\t营收\t利润\n甲公司\t12.5\t1.3\n乙公司\t8.1\t0.6\n",
       "body{公司\t营收\t利润|甲公司\t12.5\t1.3|乙公司\t8.1\t0.6}"},
      {"lead_text_before_first_heading",
       "A short lead comes first [1]. Company Overview - It makes magnets. - "
       "It sells abroad.",
       "body{A short lead comes first [1].} "
       "heading[Company Overview]{It makes magnets.|It sells abroad.}"},
      {"masked_citations_mark_the_heading_boundary",
       "Core Insights - Nickel rose          Group 1: Supply Side - Mines "
       "reopened     ",
       "insights[Core Insights]{Nickel rose} group[Group 1|Supply Side]{Mines "
       "reopened}"},
      {"bullets_on_their_own_lines",
       "Market Overview - Copper gained 2%.\n- Zinc slipped.\n- Tin was flat.\n"
       "Institutional Insights\n- Brokers expect steady demand.\n- One bank "
       "disagrees.",
       "heading[Market Overview]{Copper gained 2%.|Zinc slipped.|Tin was "
       "flat.} "
       "heading[Institutional Insights]{Brokers expect steady demand.|One bank "
       "disagrees.}"},
      {"sentence_fragment_is_not_a_heading",
       "Core Viewpoint - Demand grew [1]. Prices in Europe rose sharply - "
       "traders said.",
       "viewpoint[Core Viewpoint]{Demand grew [1]. Prices in Europe rose "
       "sharply|traders "
       "said.}"},
      {"sentence_opener_is_not_a_heading",
       "Core Viewpoint - Demand grew. The Outlook - stable.",
       "viewpoint[Core Viewpoint]{Demand grew. The Outlook|stable.}"},
      {"digits_are_not_a_heading",
       "Core Viewpoint - Output rose [1]. Top 10 Producers - China leads [2].",
       "viewpoint[Core Viewpoint]{Output rose [1]. Top 10 Producers|China "
       "leads [2].}"},
      {"abbreviation_inside_group_title",
       "Core Viewpoint - Talks stalled [1]. Group 2: U.S. Concerns - Supply is "
       "thin [2].",
       "viewpoint[Core Viewpoint]{Talks stalled [1].} "
       "group[Group 2|U.S. Concerns]{Supply is thin [2].}"},
      {"full_width_colon_and_unicode_dashes",
       "Core Viewpoint \xE2\x80\x93 Cobalt eased [1]. Group 3\xEF\xBC\x9A"
       "Outlook \xE2\x80\x94 "
       "Buyers return [2].",
       "viewpoint[Core Viewpoint]{Cobalt eased [1].} group[Group "
       "3|Outlook]{Buyers return "
       "[2].}"},
      {"chinese_sentence_end_before_heading",
       "Core Viewpoint - 需求回暖。Group 1 - 价格上涨。",
       "viewpoint[Core Viewpoint]{需求回暖。} group[Group 1]{价格上涨。}"},
      {"heading_with_no_bullets_at_end",
       "Core Viewpoint - Gold held [1]. Group 1 -",
       "viewpoint[Core Viewpoint]{Gold held [1].} group[Group 1]{}"},
      {"single_word_heading_only_as_whole_segment",
       "Outlook - Prices may firm [1]. - Stocks are low [2].",
       "heading[Outlook]{Prices may firm [1].|Stocks are low [2].}"},
      {"empty", "", ""},
      {"blank", " \n \t\n", ""},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(TextGolden(r.text), r.golden) << r.name;
  }
}

TEST(SummaryParserSynthetic, AppendsAfterExistingSections) {
  std::vector<Section> sections(2);
  std::vector<Bullet> bullets(1);
  ParseSummary("Core Viewpoint - One. Group 4: Trade Flows - Two. - Three.",
               &sections, &bullets);
  ASSERT_EQ(sections.size(), 4u);
  ASSERT_EQ(bullets.size(), 4u);
  EXPECT_EQ(sections[2].kind, SectionKind::kViewpoint);
  EXPECT_EQ(sections[3].kind, SectionKind::kGroup);
  EXPECT_EQ(sections[3].group_no, 4);
  EXPECT_EQ(sections[3].title, "Trade Flows");
  EXPECT_EQ(bullets[1].section, 2u);
  EXPECT_EQ(bullets[2].section, 3u);
  EXPECT_EQ(bullets[3].section, 3u);
  EXPECT_EQ(bullets[3].span, (Span{52, 58}));  // "Three."
}

TEST(SummaryParserSynthetic, HeadingSpans) {
  std::string t = "Intro line. Group 12: Port Activity - Ships queued [3].";
  std::vector<Section> s;
  std::vector<Bullet> b;
  ParseSummary(t, &s, &b);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].kind, SectionKind::kBody);
  EXPECT_EQ(s[0].span, (Span{0, 11}));
  EXPECT_EQ(s[1].heading, (Span{12, 35}));  // "Group 12: Port Activity"
  EXPECT_EQ(s[1].span, (Span{12, static_cast<uint32_t>(t.size())}));
  EXPECT_EQ(s[1].label, "Group 12");
  EXPECT_EQ(s[1].group_no, 12);
}

TEST(SummaryParserSynthetic, LongLineIsLinear) {
  // A 4 MB body of bullets parses into one section per heading and is quick.
  std::string t = "Core Viewpoint - start.";
  while (t.size() < (4u << 20))
    t += " - Another plain bullet sentence here [1].";
  std::vector<Section> s;
  std::vector<Bullet> b;
  ParseSummary(t, &s, &b);
  EXPECT_EQ(s.size(), 1u);
  EXPECT_GT(b.size(), 90000u);
}

TEST(StartsWithSectionHeading, Table) {
  struct Row {
    std::string line;
    bool heading;
    SectionKind kind;
  };
  const std::vector<Row> rows = {
      {"Core Viewpoint - x", true, SectionKind::kViewpoint},
      {"  Core Insights - x", true, SectionKind::kInsights},
      {"Group 1: Title Here - x", true, SectionKind::kGroup},
      {"Group 3 - x", true, SectionKind::kGroup},
      {"Market Overview - x", true, SectionKind::kHeading},
      {"稀土价格上涨 - 原因分析", false, SectionKind::kBody},
      {"The market - which slumped - recovered", false, SectionKind::kBody},
      {"Core Viewpoint: x", false, SectionKind::kBody},
      {"Group 1: Title-Case", false, SectionKind::kBody},
      {"", false, SectionKind::kBody},
  };
  for (const Row& r : rows) {
    SectionKind kind = SectionKind::kBody;
    EXPECT_EQ(StartsWithSectionHeading(r.line, &kind), r.heading) << r.line;
    EXPECT_EQ(kind, r.kind) << r.line;
  }
}

}  // namespace
}  // namespace factmine
