// The entity lexicon (extractors/entities/entity_lexicon.h) as loaded from
// lexicon/: entries per source and type, names in both languages resolving
// to one id, ICU-generated variants; loader errors naming file:line for
// each kind of bad line; the SurfaceTrie and the StartFilter (no false
// negatives for any surface of the real lexicon).
#include "extractors/entities/entity_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "extractors/claims/claim_words.h"
#include "extractors/entities/start_filter.h"
#include "extractors/entities/surface_trie.h"
#include "pipeline/normalize.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

const Normalizer& Norm() {
  static const Normalizer* n = [] {
    auto r = Normalizer::Create(testing::LexiconDir().string());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new Normalizer(std::move(r).value());
  }();
  return *n;
}

const EntityLexicon& Lexicon() {
  static const EntityLexicon* lex = [] {
    auto r = EntityLexicon::Load(testing::LexiconDir().string(), Norm());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value().release();
  }();
  return *lex;
}

TEST(EntityLexicon, CountsPerType) {
  std::map<EntityType, int> n;
  for (const EntityInfo& e : Lexicon().entities()) ++n[e.type];
  EXPECT_GE(n[EntityType::kCountry], 240);  // every ISO 3166 region ICU knows
  EXPECT_GE(n[EntityType::kRegion], 25);    // M.49 areas and groupings
  EXPECT_GE(n[EntityType::kCompany], 150);
  EXPECT_GE(n[EntityType::kAgency], 60);
  EXPECT_GE(n[EntityType::kPerson], 40);
  EXPECT_GE(n[EntityType::kPlace], 100);
  EXPECT_GE(n[EntityType::kMaterial], 70);
  int curated = 0;
  for (auto t : {EntityType::kCompany, EntityType::kAgency, EntityType::kOrg,
                 EntityType::kPerson, EntityType::kPlace, EntityType::kMaterial}) {
    curated += n[t];
  }
  EXPECT_GE(curated, 300);
}

TEST(EntityLexicon, OneIdInBothLanguages) {
  const EntityLexicon& lex = Lexicon();
  const int ru = lex.FindId("RU");
  ASSERT_GE(ru, 0);
  EXPECT_EQ(lex.entities()[ru].name, "Russia");
  EXPECT_EQ(lex.entities()[ru].name_zh, "俄罗斯");
  EXPECT_EQ(lex.entities()[ru].type, EntityType::kCountry);
  for (const char* name : {"Russia", "俄罗斯", "Russian Federation", "俄罗斯联邦", "RU"}) {
    EXPECT_EQ(lex.FindByName(name), ru) << name;
  }
  const int us = lex.FindId("US");
  for (const char* name : {"United States", "US", "U.S.", "美国", "美利坚合众国", "America"}) {
    EXPECT_EQ(lex.FindByName(name), us) << name;
  }
  EXPECT_EQ(lex.entities()[us].name, "United States");
  const int nd = lex.FindId("neodymium");
  ASSERT_GE(nd, 0);
  EXPECT_EQ(lex.FindByName("钕"), nd);
  EXPECT_EQ(lex.FindByName("Neodymium"), nd);  // names are looked up ignoring ASCII case
  EXPECT_EQ(lex.FindByName("北方稀土"), lex.FindId("china_northern_rare_earth"));
  EXPECT_EQ(lex.FindByName("工信部"), lex.FindId("miit"));
  EXPECT_EQ(lex.FindByName("白云鄂博"), lex.FindId("bayan_obo"));
  EXPECT_EQ(lex.FindByName("no such name"), -1);
}

TEST(EntityLexicon, IcuNamesAndVariants) {
  const EntityLexicon& lex = Lexicon();
  // Long and short display names, and variants made from them.
  EXPECT_EQ(lex.FindByName("Hong Kong SAR China"), lex.FindId("HK"));
  EXPECT_EQ(lex.FindByName("Hong Kong"), lex.FindId("HK"));
  EXPECT_EQ(lex.FindByName("香港"), lex.FindId("HK"));
  EXPECT_EQ(lex.FindByName("Myanmar"), lex.FindId("MM"));
  EXPECT_EQ(lex.FindByName("Burma"), lex.FindId("MM"));
  EXPECT_EQ(lex.FindByName("Bosnia and Herzegovina"), lex.FindId("BA"));
  EXPECT_EQ(lex.FindByName("Saint Lucia"), lex.FindId("LC"));
  EXPECT_EQ(lex.FindByName("St Lucia"), lex.FindId("LC"));
  EXPECT_EQ(lex.FindByName("Cocos Islands"), lex.FindId("CC"));
  EXPECT_EQ(lex.FindByName("Europe"), lex.FindId("150"));
  EXPECT_EQ(lex.FindByName("东南亚"), lex.FindId("035"));
  EXPECT_EQ(lex.entities()[lex.FindId("EU")].type, EntityType::kRegion);
  // 刚果 comes from both 刚果(金) and 刚果(布): ambiguous, dropped.
  EXPECT_EQ(lex.FindByName("刚果"), -1);
  // Dropped by region_aliases.tsv: 中非 (China-Africa), the UN as a region.
  EXPECT_EQ(lex.FindByName("中非"), -1);
  EXPECT_EQ(lex.FindByName("United Nations"), lex.FindId("united_nations"));
  EXPECT_EQ(lex.entities()[lex.FindId("united_nations")].type, EntityType::kAgency);
}

TEST(EntityLexicon, ChineseNamesForSegmentation) {
  const std::vector<std::string> names = Lexicon().ChineseNames();
  EXPECT_GT(names.size(), 900u);
  auto has = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  EXPECT_TRUE(has("俄罗斯"));
  EXPECT_TRUE(has("北方稀土"));
  EXPECT_TRUE(has("白云鄂博"));
  EXPECT_TRUE(has("MP材料"));
  EXPECT_FALSE(has("俄"));    // a short form, no name
  EXPECT_FALSE(has("钕"));    // one character
  EXPECT_FALSE(has("Russia"));
  EXPECT_FALSE(has("发展中国家"));  // a block
}

TEST(EntityLexicon, ShortFormsAndContext) {
  const EntityLexicon& lex = Lexicon();
  ASSERT_GE(lex.short_forms().size(), 15u);
  bool hua = false;
  for (const ShortForm& sf : lex.short_forms()) {
    if (sf.ch == U'华') {
      hua = true;
      EXPECT_EQ(lex.entities()[sf.entity].id, "CN");
      EXPECT_TRUE(sf.verb);
      EXPECT_FALSE(sf.pair);
    }
  }
  EXPECT_TRUE(hua);
  EXPECT_TRUE(lex.IsZhVerb(U'对'));
  EXPECT_FALSE(lex.IsZhVerb(U'的'));
  EXPECT_TRUE(lex.IsZhCompound(U'企'));
  EXPECT_EQ(lex.GenericWordAt("上市公司"), std::string("上市").size());
  EXPECT_EQ(lex.GenericWordAt("包头公司"), 0u);
  EXPECT_TRUE(lex.ZhOrgStopEndsAt("据悉", std::string("据悉").size()));
}

// Every surface passes the filter at its own start, in the case forms the
// matcher accepts (no false negatives).
TEST(StartFilter, EverySurfacePasses) {
  const EntityLexicon& lex = Lexicon();
  const StartFilter& f = lex.start_filter();
  int checked = 0;
  for (const SurfaceInfo& s : lex.surfaces()) {
    if (s.kind == SurfaceKind::kEnWord) continue;
    std::vector<std::string> forms = {s.text};
    if (!s.exact_case || s.caps_ok) {
      std::string caps = s.text;
      for (char& c : caps) c = (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
      forms.push_back(caps);
    }
    if (!s.exact_case && s.text[0] >= 'a' && s.text[0] <= 'z') {
      std::string cap = s.text;
      cap[0] = cap[0] - 'a' + 'A';
      forms.push_back(cap);
    }
    for (std::string t : forms) {
      t += " x";  // a word end after the surface
      const unsigned char c0 = static_cast<unsigned char>(t[0]);
      bool pass;
      if (c0 < 0x80) {
        size_t wend = 0;
        while (wend < t.size() && std::isalnum(static_cast<unsigned char>(t[wend]))) ++wend;
        pass = f.MayStartWord(t, 0, wend);
      } else {
        pass = f.MayStartOther(t, 0);
      }
      EXPECT_TRUE(pass) << "filter rejects '" << t << "'";
      ++checked;
    }
  }
  EXPECT_GT(checked, 2500);
}

TEST(SurfaceTrie, AllPrefixesInOrder) {
  SurfaceTrie::Builder b;
  b.Add("us", 1);
  b.Add("usa", 2);
  b.Add("u.s.", 3);
  b.Add("us", 4);
  b.Add("美国", 5);
  SurfaceTrie t = std::move(b).Build();
  std::vector<std::pair<size_t, std::vector<uint32_t>>> got;
  auto collect = [&](size_t end, std::span<const uint32_t> v) {
    got.emplace_back(end, std::vector<uint32_t>(v.begin(), v.end()));
  };
  t.ForEachPrefix("USA today", 0, collect);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].first, 2u);
  EXPECT_EQ(got[0].second, (std::vector<uint32_t>{1, 4}));
  EXPECT_EQ(got[1].first, 3u);
  got.clear();
  t.ForEachPrefix("在美国", 3, collect);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].first, 9u);
  got.clear();
  t.ForEachPrefix("uk", 0, collect);
  EXPECT_TRUE(got.empty());
  EXPECT_TRUE(t.MayStartWith('U'));
  EXPECT_FALSE(t.MayStartWith('x'));
}

// ---- loader errors --------------------------------------------------------

// A lexicon directory with the real entity files, one of them replaced.
class BadLexicon : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("entity-lexicon");
    for (const char* f : {"region_aliases.tsv", "entities.tsv", "zh_short_forms.tsv",
                          "entity_context.tsv", "attributes.tsv", "hedges.tsv"}) {
      fs::copy_file(testing::LexiconDir() / f, dir_ / f);
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Appends `row` to `file`; returns the error of loading, "" if none.
  std::string LoadWith(const std::string& file, const std::string& row) {
    std::string bytes = testing::ReadFile(dir_ / file);
    line_ = static_cast<int>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
    testing::WriteFile(dir_ / file, bytes + row + "\n");
    auto r = EntityLexicon::Load(dir_.string(), Norm());
    return r.ok() ? "" : r.status().message();
  }
  std::string Where(const std::string& file) const {
    return (dir_ / file).string() + ":" + std::to_string(line_) + ":";
  }

  fs::path dir_;
  int line_ = 0;
};

TEST_F(BadLexicon, TheRealFilesLoad) { EXPECT_EQ(LoadWith("entities.tsv", ""), ""); }

TEST_F(BadLexicon, ColumnCount) {
  std::string e = LoadWith("entities.tsv", "acme\tcompany\tAcme");
  EXPECT_NE(e.find(Where("entities.tsv") + " 3 fields, expected 8"), std::string::npos) << e;
}

TEST_F(BadLexicon, DuplicateId) {
  std::string e = LoadWith("entities.tsv", "lynas\tcompany\tLynas Two\t\t\t\tAU\t");
  EXPECT_NE(e.find(Where("entities.tsv") + " id lynas appears twice"), std::string::npos) << e;
}

TEST_F(BadLexicon, SurfaceOfTwoIds) {
  std::string e = LoadWith("entities.tsv", "acme\tcompany\tAcme\t\tLynas\t\t\t");
  EXPECT_NE(e.find(Where("entities.tsv") + " surface 'Lynas' names acme but already names lynas"),
            std::string::npos)
      << e;
}

TEST_F(BadLexicon, SurfaceOfAnIcuRegion) {
  std::string e = LoadWith("entities.tsv", "acme\tcompany\tAcme\t俄罗斯\t\t\t\t");
  EXPECT_NE(e.find(Where("entities.tsv") + " surface '俄罗斯' names acme but already names RU (ICU RU)"),
            std::string::npos)
      << e;
}

TEST_F(BadLexicon, UnknownTypeAndCountry) {
  EXPECT_NE(LoadWith("entities.tsv", "acme\tfirm\tAcme\t\t\t\t\t").find(Where("entities.tsv") +
                                                                          " unknown type 'firm'"),
            std::string::npos);
}

TEST_F(BadLexicon, UnknownCountry) {
  std::string e = LoadWith("entities.tsv", "acme\tcompany\tAcme\t\t\t\tXX\t");
  EXPECT_NE(e.find(Where("entities.tsv") + " country 'XX' is no ISO 3166 code"), std::string::npos)
      << e;
}

TEST_F(BadLexicon, EmptyAlternative) {
  std::string e = LoadWith("entities.tsv", "acme\tcompany\tAcme\t\tA1||A2\t\t\t");
  EXPECT_NE(e.find(Where("entities.tsv") + " empty part in aliases"), std::string::npos) << e;
}

TEST_F(BadLexicon, BadId) {
  std::string e = LoadWith("entities.tsv", "Acme\tcompany\tAcme\t\t\t\t\t");
  EXPECT_NE(e.find(Where("entities.tsv") + " id 'Acme' is not lower-case"), std::string::npos) << e;
}

TEST_F(BadLexicon, UnknownRegionCode) {
  std::string e = LoadWith("region_aliases.tsv", "QQ\t\tQ-land\t\t\t\t");
  EXPECT_NE(e.find(Where("region_aliases.tsv") + " ICU knows no region QQ"), std::string::npos) << e;
}

TEST_F(BadLexicon, DropOfAnUnknownName) {
  std::string e = LoadWith("region_aliases.tsv", "IS\t\t\t\t\tIslandia\t");
  EXPECT_NE(e.find(Where("region_aliases.tsv") + " ICU gives IS no name 'Islandia' to drop"),
            std::string::npos)
      << e;
}

TEST_F(BadLexicon, ShortFormNotOneCharacter) {
  std::string e = LoadWith("zh_short_forms.tsv", "俄国\tRU\tside\t\t\t\t");
  EXPECT_NE(e.find(Where("zh_short_forms.tsv") + " char '俄国' is not one Han character"),
            std::string::npos)
      << e;
}

TEST_F(BadLexicon, ShortFormContext) {
  std::string e = LoadWith("zh_short_forms.tsv", "加\tCA\tside|before\t\t\t\t");
  EXPECT_NE(e.find(Where("zh_short_forms.tsv") + " unknown context 'before'"), std::string::npos)
      << e;
}

TEST_F(BadLexicon, ContextKind) {
  std::string e = LoadWith("entity_context.tsv", "zh_prefix\t对\t\t");
  EXPECT_NE(e.find(Where("entity_context.tsv") + " unknown kind 'zh_prefix'"), std::string::npos)
      << e;
}

TEST_F(BadLexicon, ContextVerbIsOneCharacter) {
  std::string e = LoadWith("entity_context.tsv", "zh_verb\t对于\t\t");
  EXPECT_NE(e.find(Where("entity_context.tsv") + " not one Han character"), std::string::npos) << e;
}

// ---- claim words ------------------------------------------------------------

TEST(ClaimWords, LoadsAttributesAndHedges) {
  auto w = ClaimWords::Load(testing::LexiconDir().string());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_GE(w.value().attributes().size(), 40u);
  const ClaimAttribute* reserves = w.value().Find("reserves");
  ASSERT_NE(reserves, nullptr);
  EXPECT_EQ(reserves->dimensions, (std::vector<std::string>{"mass", "count"}));
  EXPECT_NE(std::find(reserves->zh.begin(), reserves->zh.end(), "储量"), reserves->zh.end());
  for (const char* id : {"production_share", "processing_share", "refining_share",
                         "import_dependence", "exports", "imports", "investment", "trade",
                         "patents", "extraction_rate", "demand_growth", "price", "capacity",
                         "market_share", "revenue", "gdp"}) {
    EXPECT_NE(w.value().Find(id), nullptr) << id;
  }
  int forecast = 0;
  for (const Hedge& h : w.value().hedges()) forecast += h.modality == Modality::kForecast;
  EXPECT_GT(forecast, 5);
  EXPECT_EQ(ModalityName(Modality::kTarget), "target");
}

TEST(ClaimWords, ErrorsNameTheLine) {
  const fs::path dir = testing::MakeTempDir("claim-words");
  testing::WriteFile(dir / "attributes.tsv",
                     "id\tdimensions\ten\tzh\tnote\n"
                     "reserves\tmass\treserves\t储量\t\n"
                     "price\tmoney\tprice\t价格\t\n");
  fs::copy_file(testing::LexiconDir() / "hedges.tsv", dir / "hedges.tsv");
  auto w = ClaimWords::Load(dir.string());
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("attributes.tsv:3: unknown dimension 'money'"),
            std::string::npos)
      << w.status().message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace factmine
