// Lint of every lexicon/*.tsv file (lexicon/README.md "Format of every
// file"): valid UTF-8 without BOM or CR, a header naming distinct columns,
// every row with as many fields as the header, no stray white space (at a
// line end, around a field, around a "|"), no empty "|" alternative, no
// duplicate key, a final newline, and each file documented in
// lexicon/README.md. A failure names file:line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/encoding.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;

// The columns that identify a row, where they are fewer than "every column
// but note" (the default).
const std::map<std::string, std::vector<std::string>>& KeyColumns() {
  static const auto* keys = new std::map<std::string, std::vector<std::string>>{
      {"entities.tsv", {"id"}},
      {"region_aliases.tsv", {"code"}},
      {"zh_short_forms.tsv", {"char"}},
      {"entity_context.tsv", {"kind", "text"}},
      {"attributes.tsv", {"id"}},
      {"hedges.tsv", {"text", "lang"}},
      {"sources.tsv", {"id"}},
      {"zh_t2s.tsv", {"traditional"}},
      {"normalization.tsv", {"from"}},
  };
  return *keys;
}

std::vector<fs::path> LexiconFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(testing::LexiconDir())) {
    if (e.path().extension() == ".tsv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

// All problems of one file, "file:line: why" each.
std::vector<std::string> Lint(const fs::path& path) {
  std::vector<std::string> problems;
  const std::string name = path.filename().string();
  const std::string bytes = testing::ReadFile(path);
  auto at = [&](int line, const std::string& why) {
    problems.push_back("lexicon/" + name + ":" + std::to_string(line) + ": " + why);
  };
  if (bytes.empty()) {
    at(0, "empty or unreadable");
    return problems;
  }
  if (!IsValidUtf8(bytes)) at(0, "not valid UTF-8");
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) at(1, "starts with a BOM");
  if (bytes.back() != '\n') at(0, "no newline at the end");

  std::vector<std::string> header;
  std::vector<size_t> key_cols;
  std::map<std::string, int> seen;  // key -> first line
  int line_no = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) nl = bytes.size();
    const std::string line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.find('\r') != std::string::npos) at(line_no, "carriage return");
    if (!line.empty() && (line.back() == ' ')) at(line_no, "space at the end of the line");
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = SplitTabs(line);
    if (header.empty()) {
      header = fields;
      std::set<std::string> names;
      for (const std::string& h : header) {
        if (h.empty() || !names.insert(h).second) at(line_no, "empty or repeated column '" + h + "'");
      }
      auto it = KeyColumns().find(name);
      for (size_t i = 0; i < header.size(); ++i) {
        const bool key = it == KeyColumns().end()
                             ? header[i] != "note"
                             : std::count(it->second.begin(), it->second.end(), header[i]) > 0;
        if (key) key_cols.push_back(i);
      }
      if (it != KeyColumns().end() && key_cols.size() != it->second.size()) {
        at(line_no, "header lacks a key column");
      }
      continue;
    }
    if (fields.size() != header.size()) {
      at(line_no, std::to_string(fields.size()) + " fields, expected " +
                      std::to_string(header.size()));
      continue;
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string& f = fields[i];
      if (f.empty()) continue;
      if (f.front() == ' ' || f.back() == ' ') {
        at(line_no, "column " + header[i] + " has white space at an end");
      }
      if (header[i] == "note" || f == "|") continue;
      if (f.find("||") != std::string::npos || f.front() == '|' || f.back() == '|') {
        at(line_no, "column " + header[i] + " has an empty \"|\" alternative");
      }
      if (f.find(" |") != std::string::npos || f.find("| ") != std::string::npos) {
        at(line_no, "column " + header[i] + " has white space around \"|\"");
      }
    }
    std::string key;
    for (size_t i : key_cols) key += fields[i] + '\t';
    auto [it, fresh] = seen.emplace(key, line_no);
    if (!fresh) at(line_no, "duplicate key (first on line " + std::to_string(it->second) + ")");
  }
  if (header.empty()) at(0, "no header line");
  return problems;
}

TEST(LexiconLint, EveryFile) {
  const std::vector<fs::path> files = LexiconFiles();
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& f : files) {
    for (const std::string& p : Lint(f)) ADD_FAILURE() << p;
  }
}

TEST(LexiconLint, EveryFileIsDocumented) {
  const std::string readme = testing::ReadFile(testing::LexiconDir() / "README.md");
  ASSERT_FALSE(readme.empty());
  for (const fs::path& f : LexiconFiles()) {
    EXPECT_NE(readme.find(f.filename().string()), std::string::npos)
        << "lexicon/README.md does not describe " << f.filename();
  }
}

// The linter itself: each problem it knows is found and named by line.
TEST(LexiconLint, FindsEachProblem) {
  const fs::path dir = testing::MakeTempDir("lint");
  const fs::path file = dir / "sample.tsv";
  testing::WriteFile(file,
                     "# comment\n"
                     "id\tname\tnote\n"
                     "a\tx|y\t\n"
                     "b\tx||y\t\n"
                     "c\t x\t\n"
                     "a\tx|y\tsame key as line 3\n"
                     "d\tonly two\n"
                     "e\tx | y\t\n"
                     "f\tok\tline ends in a space \n");
  const std::vector<std::string> p = Lint(file);
  auto has = [&](const std::string& needle) {
    return std::any_of(p.begin(), p.end(),
                       [&](const std::string& s) { return s.find(needle) != std::string::npos; });
  };
  EXPECT_TRUE(has("sample.tsv:4: column name has an empty"));
  EXPECT_TRUE(has("sample.tsv:5: column name has white space at an end"));
  EXPECT_TRUE(has("sample.tsv:6: duplicate key (first on line 3)"));
  EXPECT_TRUE(has("sample.tsv:7: 2 fields, expected 3"));
  EXPECT_TRUE(has("sample.tsv:8: column name has white space around"));
  EXPECT_TRUE(has("sample.tsv:9: space at the end of the line"));
  EXPECT_TRUE(has("sample.tsv:9: column note has white space at an end"));
  EXPECT_EQ(p.size(), 7u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace factmine
