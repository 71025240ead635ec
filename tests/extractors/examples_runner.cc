// The generic examples.tsv runner (see examples_runner.h).
#include "extractors/examples_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace factmine::testing {

namespace {

constexpr std::string_view kOpen = "⟦";
constexpr std::string_view kClose = "⟧";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// The input with actual items marked, for failure messages.
std::string Marked(const std::string& input,
                   const std::vector<std::pair<uint32_t, uint32_t>>& spans) {
  std::string out;
  std::vector<std::pair<uint32_t, uint32_t>> sorted = spans;
  std::sort(sorted.begin(), sorted.end());
  size_t at = 0;
  for (auto [b, e] : sorted) {
    if (b < at || e > input.size() || b > e) continue;
    out.append(input, at, b - at);
    out.append(kOpen);
    out.append(input, b, e - b);
    out.append(kClose);
    at = e;
  }
  out.append(input, at, std::string::npos);
  std::string escaped;
  for (char c : out) {
    if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string Fields(const std::map<std::string, std::string>& f) {
  std::string s;
  for (const auto& [k, v] : f) {
    if (!s.empty()) s += ' ';
    s += k + "=" + v;
  }
  return s;
}

std::string Expected(const ExampleSpan& sp) {
  std::string s;
  for (const auto& [k, v] : sp.expect) {
    if (!s.empty()) s += ' ';
    s += k + "=" + v;
  }
  return s;
}

bool Overlap(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) {
  if (b1 == e1 || b2 == e2) return b1 == b2;
  return b1 < e2 && b2 < e1;
}

}  // namespace

void PrintTo(const Example& ex, std::ostream* os) {
  *os << ex.Where() << " " << ex.text;
}

bool ParseExpectedNumber(std::string_view s, double* out) {
  if (s.empty()) return false;
  size_t slash = s.find('/');
  if (slash != std::string_view::npos) {
    double a = 0, b = 0;
    if (!ParseExpectedNumber(s.substr(0, slash), &a) ||
        !ParseExpectedNumber(s.substr(slash + 1), &b) || b == 0) {
      return false;
    }
    *out = a / b;
    return true;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::vector<Example> ParseExamples(std::string_view content,
                                   const std::string& display,
                                   std::string* error) {
  std::vector<Example> out;
  int line_no = 0;
  size_t pos = 0;
  auto fail = [&](const std::string& why) {
    *error = display + ":" + std::to_string(line_no) + ": " + why;
    return std::vector<Example>();
  };
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(
        pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line.front() == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      return fail("no TAB between input and expectations");
    if (line.find('\t', tab + 1) != std::string_view::npos)
      return fail("more than one TAB");
    Example ex;
    ex.file = display;
    ex.line = line_no;
    ex.text = std::string(line.substr(0, tab));
    ex.expectation = std::string(Trim(line.substr(tab + 1)));
    // Column 1: markers and escapes.
    std::string_view t = ex.text;
    bool open = false;
    ExampleSpan cur;
    for (size_t i = 0; i < t.size();) {
      if (t.substr(i, kOpen.size()) == kOpen) {
        if (open) return fail("nested ⟦");
        open = true;
        cur = ExampleSpan();
        cur.begin = static_cast<uint32_t>(ex.input.size());
        i += kOpen.size();
      } else if (t.substr(i, kClose.size()) == kClose) {
        if (!open) return fail("⟧ without ⟦");
        open = false;
        cur.end = static_cast<uint32_t>(ex.input.size());
        ex.spans.push_back(cur);
        i += kClose.size();
      } else if (t[i] == '\\' && i + 1 < t.size() &&
                 (t[i + 1] == 'n' || t[i + 1] == '\\')) {
        ex.input += t[i + 1] == 'n' ? '\n' : '\\';
        i += 2;
      } else {
        ex.input += t[i];
        ++i;
      }
    }
    if (open) return fail("⟦ not closed");
    if (ex.input.empty()) return fail("empty input");
    // Column 2: line-level keys, then groups.
    std::vector<std::vector<std::pair<std::string, std::string>>> groups(1);
    bool none = false;
    for (std::string_view tok : SplitSpaces(ex.expectation)) {
      if (tok == ";") {
        groups.emplace_back();
        continue;
      }
      // "value=3;" or ";value=3" glued to a separator
      while (!tok.empty() && tok.front() == ';') {
        groups.emplace_back();
        tok.remove_prefix(1);
      }
      bool close_group = false;
      if (!tok.empty() && tok.back() == ';') {
        tok.remove_suffix(1);
        close_group = true;
      }
      if (tok == "(none)") {
        none = true;
      } else if (!tok.empty()) {
        size_t eq = tok.find('=');
        if (eq == std::string_view::npos || eq == 0) {
          return fail("expectation '" + std::string(tok) +
                      "' is not key=value");
        }
        std::string key(tok.substr(0, eq)), value(tok.substr(eq + 1));
        if (key == "status") {
          if (value != "todo") return fail("status must be todo");
          ex.todo = true;
        } else if (key == "extra") {
          if (value != "ignore") return fail("extra must be ignore");
          ex.ignore_extra = true;
        } else {
          groups.back().emplace_back(std::move(key), std::move(value));
        }
      }
      if (close_group) groups.emplace_back();
    }
    while (!groups.empty() && groups.back().empty()) groups.pop_back();
    if (none) {
      if (!ex.spans.empty()) return fail("(none) with a marked span");
      if (!groups.empty()) return fail("(none) with expectations");
      ex.negative = true;
    } else {
      if (ex.spans.empty()) return fail("no ⟦…⟧ span and not (none)");
      if (!groups.empty() && groups.size() != ex.spans.size()) {
        return fail(std::to_string(ex.spans.size()) + " spans but " +
                    std::to_string(groups.size()) + " expectation groups");
      }
      for (size_t i = 0; i < groups.size(); ++i) ex.spans[i].expect = groups[i];
    }
    out.push_back(std::move(ex));
  }
  error->clear();
  return out;
}

std::vector<Example> LoadExamplesOrPlaceholder(
    const std::filesystem::path& path, const std::string& display) {
  std::ifstream in(path, std::ios::binary);
  Example placeholder;
  placeholder.file = display;
  if (!in) {
    placeholder.load_error = display + ": cannot read " + path.string();
    return {placeholder};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string error;
  std::vector<Example> out = ParseExamples(ss.str(), display, &error);
  if (!error.empty()) {
    placeholder.load_error = error;
    return {placeholder};
  }
  if (out.empty()) {
    placeholder.load_error = display + ": no examples";
    return {placeholder};
  }
  return out;
}

std::string CheckExample(const Example& ex,
                         const std::vector<ActualItem>& actual,
                         const CompareOptions& options) {
  std::vector<std::string> problems;
  std::vector<std::pair<uint32_t, uint32_t>> got_spans;
  for (const auto& a : actual) got_spans.push_back({a.begin, a.end});
  std::vector<std::pair<uint32_t, uint32_t>> want_spans;
  for (const auto& s : ex.spans) want_spans.push_back({s.begin, s.end});
  const std::string head = ex.Where() + ": ";
  const std::string input = "input «" + Marked(ex.input, {}) + "»";

  auto describe = [&](const ActualItem& a) {
    std::string s = "⟦" + ex.input.substr(a.begin, a.end - a.begin) + "⟧";
    auto rule = a.fields.find("rule");
    std::map<std::string, std::string> f = a.fields;
    f.erase("rule");
    s += " " + Fields(f);
    if (rule != a.fields.end()) s += " rule " + rule->second;
    return s;
  };

  std::vector<bool> used(actual.size(), false);
  for (const ExampleSpan& sp : ex.spans) {
    std::string want = "⟦" + ex.input.substr(sp.begin, sp.end - sp.begin) +
                       "⟧ " + Expected(sp);
    std::vector<size_t> hits;
    for (size_t i = 0; i < actual.size(); ++i) {
      if (Overlap(sp.begin, sp.end, actual[i].begin, actual[i].end))
        hits.push_back(i);
    }
    if (hits.empty()) {
      problems.push_back(
          head + "none: " + input + " expected " + want + " got nothing there" +
          (actual.empty() ? ""
                          : " (found «" + Marked(ex.input, got_spans) + "»)"));
      continue;
    }
    for (size_t h : hits) used[h] = true;
    if (hits.size() > 1) {
      std::string got;
      for (size_t h : hits)
        got += (got.empty() ? "" : " | ") + describe(actual[h]);
      problems.push_back(head + "ambiguous: " + input + " expected " + want +
                         " got " + got);
      continue;
    }
    const ActualItem& a = actual[hits[0]];
    if (a.begin != sp.begin || a.end != sp.end) {
      problems.push_back(head + "partial span: " + input + " expected " + want +
                         " got " + describe(a));
      continue;
    }
    for (const auto& [key, value] : sp.expect) {
      auto it = a.fields.find(key);
      bool ok = it != a.fields.end();
      if (ok && options.numeric_keys.count(key)) {
        double w = 0, g = 0;
        if (!ParseExpectedNumber(value, &w) ||
            !ParseExpectedNumber(it->second, &g)) {
          ok = value == it->second;
        } else {
          double tol =
              options.rel_tolerance * std::max(std::fabs(w), std::fabs(g));
          ok = std::fabs(w - g) <= tol || (w == 0 && std::fabs(g) < 1e-300);
        }
      } else if (ok) {
        ok = value == it->second;
      }
      if (!ok) {
        problems.push_back(head + "wrong value (" + key + "): " + input +
                           " expected " + want + " got " + describe(a));
        break;
      }
    }
  }
  if (!ex.ignore_extra) {
    for (size_t i = 0; i < actual.size(); ++i) {
      if (used[i]) continue;
      problems.push_back(
          head + "unexpected match: " + input +
          (ex.negative
               ? " expected nothing"
               : " expected only «" + Marked(ex.input, want_spans) + "»") +
          " got " + describe(actual[i]));
    }
  }
  std::string report;
  for (const auto& p : problems) report += p + "\n";
  return report;
}

void RunExample(
    const Example& ex,
    const std::function<std::vector<ActualItem>(const std::string&)>& extract,
    const CompareOptions& options) {
  if (!ex.load_error.empty()) {
    ADD_FAILURE() << ex.load_error;
    return;
  }
  std::string report = CheckExample(ex, extract(ex.input), options);
  if (ex.todo) {
    if (report.empty()) {
      GTEST_SKIP() << ex.Where()
                   << ": status=todo but it passes now; remove status=todo";
    }
    GTEST_SKIP() << "todo: " << report;
  }
  if (!report.empty()) ADD_FAILURE() << report;
}

std::string ExampleTestName(const Example& ex) {
  return ex.line > 0 ? "L" + std::to_string(ex.line) : "LoadError";
}

ExampleFileStats SummarizeExamples(
    const std::vector<Example>& all,
    const std::function<std::vector<ActualItem>(const Example&)>& extract) {
  ExampleFileStats st;
  st.lines = all.size();
  for (const Example& ex : all) {
    st.negatives += ex.negative;
    st.todo += ex.todo;
    bool han = false;
    for (unsigned char c : ex.input) han |= c >= 0xE0;
    (han ? st.zh : st.en)++;
    if (ex.todo) continue;
    for (const ActualItem& a : extract(ex)) {
      auto it = a.fields.find("rule");
      if (it != a.fields.end()) st.rules.insert(it->second);
    }
  }
  return st;
}

void ExpectFileCoverage(const std::vector<Example>& all,
                        const std::function<std::vector<ActualItem>(const Example&)>& extract,
                        const FileCoverage& want, std::span<const std::string_view> rules) {
  ASSERT_FALSE(all.empty());
  ASSERT_TRUE(all.front().load_error.empty()) << all.front().load_error;
  EXPECT_GE(all.size(), want.min_lines);
  ExampleFileStats st = SummarizeExamples(all, extract);
  EXPECT_GE(st.negatives, want.min_negatives);
  EXPECT_GE(st.zh, want.min_zh);
  EXPECT_GE(st.en, want.min_en);
  EXPECT_LE(st.todo, want.max_todo);
  for (std::string_view r : rules) {
    EXPECT_TRUE(st.rules.count(std::string(r))) << "no example exercises " << r;
  }
}

namespace {

template <typename T>
T* OrDie(Result<std::unique_ptr<T>> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "cannot load the %s: %s\n", what, r.status().ToString().c_str());
    std::abort();
  }
  return std::move(r).value().release();
}

}  // namespace

const Context& ExtractContext() {
  static const Context* ctx = OrDie(Context::Load(LexiconDir().string()), "lexicon");
  return *ctx;
}

const Analyzer& ExtractAnalyzer() {
  static const Analyzer* analyzer =
      OrDie(Analyzer::CreateForExtract(ExtractContext()), "extract analyzer");
  return *analyzer;
}

std::unique_ptr<Document> AnalyzeForExtract(RawArticle raw) {
  auto doc = std::make_unique<Document>(std::move(raw));
  const Analyzer& analyzer = ExtractAnalyzer();
  auto ws = analyzer.NewWorkspace();
  analyzer.Run(*doc, *ws);
  return doc;
}

}  // namespace factmine::testing
