// Tests of TsvTable: comments and blank lines, the header line, BOM and
// CRLF handling, the exact "file:line" error messages, Split, Column/Get and
// ErrorAt.
#include "pipeline/tsv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

using Strings = std::vector<std::string>;

// A row as "line:field|field|…", for compact comparisons.
std::string Describe(const TsvTable::Row& row) {
  std::string out = std::to_string(row.line) + ":";
  for (size_t i = 0; i < row.fields.size(); ++i) {
    if (i > 0) out += '|';
    out += row.fields[i];
  }
  return out;
}

Strings DescribeRows(const TsvTable& t) {
  Strings out;
  for (const auto& row : t.rows()) out.push_back(Describe(row));
  return out;
}

struct GoodCase {
  const char* what;
  std::string text;
  Strings header;
  Strings rows;  // Describe() of each row
};

TEST(TsvTableTest, ParsesWellFormedText) {
  const GoodCase cases[] = {
      {"plain",
       "unit\tscale\nkm\t1000\nm\t1\n",
       {"unit", "scale"},
       {"2:km|1000", "3:m|1"}},
      {"no final newline",
       "unit\tscale\nkm\t1000",
       {"unit", "scale"},
       {"2:km|1000"}},
      {"comments and blank lines skipped, line numbers still counted",
       "# units of length\n# two columns\n\nunit\tscale\n\nkm\t1000\n"
       "# metres next\nm\t1\n\n\n",
       {"unit", "scale"},
       {"6:km|1000", "8:m|1"}},
      {"first non-comment line is the header even if it looks like data",
       "# c\n1\t2\n3\t4\n",
       {"1", "2"},
       {"3:3|4"}},
      {"header only", "a\tb\tc\n", {"a", "b", "c"}, {}},
      {"single column", "word\nalpha\nbeta\n", {"word"}, {"2:alpha", "3:beta"}},
      {"UTF-8 BOM is not part of the first column name",
       "\xEF\xBB\xBFunit\tscale\nkm\t1000\n",
       {"unit", "scale"},
       {"2:km|1000"}},
      {"BOM before a comment",
       "\xEF\xBB\xBF# c\nunit\tscale\nkm\t1000\n",
       {"unit", "scale"},
       {"3:km|1000"}},
      {"CRLF line ends are removed",
       "unit\tscale\r\nkm\t1000\r\n\r\nm\t1\r\n",
       {"unit", "scale"},
       {"2:km|1000", "4:m|1"}},
      {"CRLF comments",
       "# c\r\nunit\tscale\r\nkm\t1000\r\n",
       {"unit", "scale"},
       {"3:km|1000"}},
      {"empty fields are kept", "a\tb\tc\n\tx\t\n", {"a", "b", "c"}, {"2:|x|"}},
      {"spaces inside fields are kept",
       "a\tb\n two words \tU.S.|U.K.\n",
       {"a", "b"},
       {"2: two words |U.S.|U.K."}},
      {"'#' inside a row is data", "a\tb\nx#1\t#\n", {"a", "b"}, {"2:x#1|#"}},
      {"UTF-8 content",
       "traditional\tsimplified\n國\t国\n",
       {"traditional", "simplified"},
       {"2:國|国"}},
  };
  for (const GoodCase& c : cases) {
    SCOPED_TRACE(c.what);
    auto t = TsvTable::Parse(c.text, "lexicon/test.tsv");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->name(), "lexicon/test.tsv");
    EXPECT_EQ(t->header(), c.header);
    EXPECT_EQ(DescribeRows(*t), c.rows);
  }
}

struct BadCase {
  const char* what;
  std::string text;
  Strings required;
  std::string message;
};

TEST(TsvTableTest, ReportsErrorsWithFileAndLine) {
  const BadCase cases[] = {
      {"too many fields",
       "unit\tscale\nkm\t1000\textra\n",
       {},
       "lexicon/units.tsv:2: 3 fields, expected 2"},
      {"too few fields",
       "unit\tscale\nkm\t1000\nm\n",
       {},
       "lexicon/units.tsv:3: 1 fields, expected 2"},
      {"line number counts comments and blank lines",
       "# header next\n\nunit\tscale\n# rows\nkm\t1000\n\nm\t1\t2\t3\n",
       {},
       "lexicon/units.tsv:7: 4 fields, expected 2"},
      {"a trailing tab is one more (empty) field",
       "unit\tscale\nkm\t1000\t\n",
       {},
       "lexicon/units.tsv:2: 3 fields, expected 2"},
      {"CRLF file",
       "unit\tscale\r\nkm\t1000\r\nbad\r\n",
       {},
       "lexicon/units.tsv:3: 1 fields, expected 2"},
      {"BOM does not shift line numbers",
       "\xEF\xBB\xBFunit\tscale\nkm\n",
       {},
       "lexicon/units.tsv:2: 1 fields, expected 2"},
      {"an indented '#' is not a comment",
       "unit\tscale\n  # note\n",
       {},
       "lexicon/units.tsv:2: 1 fields, expected 2"},
      {"first error wins",
       "a\tb\nx\ny\tz\tw\n",
       {},
       "lexicon/units.tsv:2: 1 fields, expected 2"},
      {"missing required column",
       "unit\tfactor\nkm\t1000\n",
       {"unit", "scale"},
       "lexicon/units.tsv:1: header lacks required column 'scale'"},
      {"missing required column after comments",
       "# c\n\n# c\nunit\tfactor\n",
       {"scale"},
       "lexicon/units.tsv:4: header lacks required column 'scale'"},
      {"required names are case-sensitive",
       "Unit\tscale\n",
       {"unit"},
       "lexicon/units.tsv:1: header lacks required column 'unit'"},
      {"first missing required column is named",
       "a\n",
       {"b", "c"},
       "lexicon/units.tsv:1: header lacks required column 'b'"},
      {"empty file", "", {}, "lexicon/units.tsv: no header line"},
      {"only comments and blank lines",
       "# nothing\n\n# here\n\n",
       {},
       "lexicon/units.tsv: no header line"},
      {"only a BOM", "\xEF\xBB\xBF", {}, "lexicon/units.tsv: no header line"},
      {"only CRLF blank lines",
       "\r\n\r\n",
       {},
       "lexicon/units.tsv: no header line"},
      {"no header even with required columns",
       "# c\n",
       {"unit"},
       "lexicon/units.tsv: no header line"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.what);
    auto t = TsvTable::Parse(c.text, "lexicon/units.tsv", c.required);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), StatusCode::kRuleError);
    EXPECT_EQ(t.status().message(), c.message);
  }
}

TEST(TsvTableTest, RequiredColumnsPresentInAnyOrder) {
  auto t = TsvTable::Parse("c\ta\tb\n3\t1\t2\n", "x.tsv", {"b", "a"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->header(), (Strings{"c", "a", "b"}));
  ASSERT_EQ(t->rows().size(), 1u);
  EXPECT_EQ(t->Get(t->rows()[0], "a"), "1");
  EXPECT_EQ(t->Get(t->rows()[0], "b"), "2");
  EXPECT_EQ(t->Get(t->rows()[0], "c"), "3");
}

TEST(TsvTableTest, ColumnAndGet) {
  auto t = TsvTable::Parse(
      "# units\nunit\tscale\tnote\nkm\t1000\tkilometre\nm\t1\t\n", "units.tsv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  struct ColumnCase {
    const char* column;
    int index;
  };
  const ColumnCase columns[] = {
      {"unit", 0},   {"scale", 1},
      {"note", 2},   {"Unit", -1},  // case-sensitive
      {"units", -1},                // whole name only
      {"", -1},      {"scale ", -1},
  };
  for (const ColumnCase& c : columns) {
    EXPECT_EQ(t->Column(c.column), c.index) << "column '" << c.column << "'";
  }
  ASSERT_EQ(t->rows().size(), 2u);
  const TsvTable::Row& km = t->rows()[0];
  const TsvTable::Row& m = t->rows()[1];
  EXPECT_EQ(km.line, 3);
  EXPECT_EQ(m.line, 4);
  EXPECT_EQ(t->Get(km, "unit"), "km");
  EXPECT_EQ(t->Get(km, "scale"), "1000");
  EXPECT_EQ(t->Get(km, "note"), "kilometre");
  EXPECT_EQ(t->Get(m, "unit"), "m");
  EXPECT_EQ(t->Get(m, "scale"), "1");
  EXPECT_EQ(t->Get(m, "note"), "");
}

TEST(TsvTableTest, ErrorAtNamesFileAndRowLine) {
  auto t = TsvTable::Parse("# c\n\nunit\tscale\nkm\tlots\n\nm\t1\n",
                           "lexicon/units.tsv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows().size(), 2u);
  Status s = t->ErrorAt(t->rows()[0], "scale 'lots' is not a number");
  EXPECT_EQ(s.code(), StatusCode::kRuleError);
  EXPECT_EQ(s.message(), "lexicon/units.tsv:4: scale 'lots' is not a number");
  s = t->ErrorAt(t->rows()[1], "duplicate unit");
  EXPECT_EQ(s.message(), "lexicon/units.tsv:6: duplicate unit");
}

TEST(TsvTableTest, Split) {
  struct SplitCase {
    std::string field;
    char sep;
    Strings parts;
  };
  const SplitCase cases[] = {
      {"a||b|", '|', {"a", "b"}},
      {"a|b|c", '|', {"a", "b", "c"}},
      {"abc", '|', {"abc"}},
      {"", '|', {}},
      {"|", '|', {}},
      {"|||", '|', {}},
      {"|a", '|', {"a"}},
      {"U.S.|United States| US ", '|', {"U.S.", "United States", " US "}},
      {"新华社|新华网", '|', {"新华社", "新华网"}},
      {"a,b,,c", ',', {"a", "b", "c"}},
      {"a|b", ',', {"a|b"}},
  };
  for (const SplitCase& c : cases) {
    EXPECT_EQ(TsvTable::Split(c.field, c.sep), c.parts)
        << "field '" << c.field << "' sep '" << c.sep << "'";
  }
  EXPECT_EQ(TsvTable::Split("x|y"), (Strings{"x", "y"}));  // default sep '|'
}

TEST(TsvTableTest, LoadReadsFileAndNamesItInErrors) {
  const fs::path dir = testing::MakeTempDir("tsv_test");
  const fs::path good = dir / "units.tsv";
  testing::WriteFile(good, "# units\r\nunit\tscale\r\nkm\t1000\r\n");
  auto t = TsvTable::Load(good.string(), {"scale"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->name(), good.string());
  EXPECT_EQ(t->header(), (Strings{"unit", "scale"}));
  EXPECT_EQ(DescribeRows(*t), (Strings{"3:km|1000"}));

  const fs::path bad = dir / "bad.tsv";
  testing::WriteFile(bad, "unit\tscale\nkm\n");
  auto b = TsvTable::Load(bad.string());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kRuleError);
  EXPECT_EQ(b.status().message(), bad.string() + ":2: 1 fields, expected 2");

  const fs::path missing = dir / "missing.tsv";
  auto m = TsvTable::Load(missing.string());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(m.status().message(),
            missing.string() + ": cannot open lexicon file");
  fs::remove_all(dir);
}

// The shipped lexicon files follow the format (header after comments).
TEST(TsvTableTest, LoadsShippedLexiconFile) {
  const fs::path p = testing::LexiconDir() / "zh_t2s.tsv";
  auto t = TsvTable::Load(p.string(), {"traditional", "simplified"});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->header(), (Strings{"traditional", "simplified"}));
  ASSERT_FALSE(t->rows().empty());
  EXPECT_EQ(t->rows()[0].line, 4);  // two comment lines, the header on line 3
}

}  // namespace
}  // namespace factmine
