// Tests of Analyzer: the layer check of FromStages, failing and throwing
// stages, per-stage workspace state, and the standard stages on hand-built
// articles (digest structure, citations attached to sentences, masking,
// text paragraphs, the empty-article rejection, languages and tokens).
#include "pipeline/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "pipeline/context.h"
#include "test_util.h"

namespace factmine {
namespace {

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------
// Custom stages

enum class Behaviour { kOk, kFail, kThrowStd, kThrowOther };

class FakeState : public StageState {
 public:
  int runs = 0;
};

// A stage that records its run in doc.mutable_raw().notes ("ran <name>")
// and then behaves as told.
class FakeStage : public Stage {
 public:
  FakeStage(std::string name, Strings needs, Strings provides,
            Behaviour behaviour = Behaviour::kOk, bool with_state = false)
      : name_(std::move(name)),
        needs_(std::move(needs)),
        provides_(std::move(provides)),
        behaviour_(behaviour),
        with_state_(with_state) {}

  std::string_view name() const override { return name_; }
  std::vector<std::string_view> Requires() const override {
    return {needs_.begin(), needs_.end()};
  }
  std::vector<std::string_view> Provides() const override {
    return {provides_.begin(), provides_.end()};
  }
  std::unique_ptr<StageState> NewState() const override {
    if (!with_state_) return nullptr;
    return std::make_unique<FakeState>();
  }
  Status Run(Document& doc, StageState* state) const override {
    std::string note = "ran " + name_;
    if (with_state_) {
      auto* s = dynamic_cast<FakeState*>(state);
      if (s == nullptr) return Status::Internal("no state");
      note += " #" + std::to_string(++s->runs);
    } else if (state != nullptr) {
      return Status::Internal("unexpected state");
    }
    doc.mutable_raw().notes.push_back(note);
    switch (behaviour_) {
      case Behaviour::kOk:
        return Status::Ok();
      case Behaviour::kFail:
        return Status::InvalidInput("the numbers do not add up");
      case Behaviour::kThrowStd:
        throw std::runtime_error("vector too long");
      case Behaviour::kThrowOther:
        throw 42;
    }
    return Status::Ok();
  }

 private:
  std::string name_;
  Strings needs_, provides_;
  Behaviour behaviour_;
  bool with_state_;
};

struct StageSpec {
  const char* name;
  Strings needs;
  Strings provides;
  Behaviour behaviour = Behaviour::kOk;
};

std::vector<std::unique_ptr<Stage>> MakeStages(
    const std::vector<StageSpec>& specs) {
  std::vector<std::unique_ptr<Stage>> out;
  for (const StageSpec& s : specs) {
    out.push_back(
        std::make_unique<FakeStage>(s.name, s.needs, s.provides, s.behaviour));
  }
  return out;
}

Strings Names(const Analyzer& a) {
  Strings out;
  for (std::string_view n : a.stage_names()) out.emplace_back(n);
  return out;
}

TEST(AnalyzerFromStagesTest, ChecksThatEveryRequiredLayerIsProvidedEarlier) {
  struct Case {
    const char* what;
    std::vector<StageSpec> stages;
    std::vector<std::string_view> given;
    std::string error;  // "" = accepted
  };
  const std::vector<Case> cases = {
      {"no stages", {}, {}, ""},
      {"a chain",
       {{"a", {}, {"x"}}, {"b", {"x"}, {"y"}}, {"c", {"x", "y"}, {}}},
       {},
       ""},
      {"nothing provides the layer",
       {{"a", {}, {"x"}}, {"b", {"z"}, {}}},
       {},
       "stage 'b' requires 'z', which no earlier stage provides"},
      {"provided only by a later stage",
       {{"b", {"x"}, {"y"}}, {"a", {}, {"x"}}},
       {},
       "stage 'b' requires 'x', which no earlier stage provides"},
      {"a stage cannot require its own layer",
       {{"a", {"x"}, {"x"}}},
       {},
       "stage 'a' requires 'x', which no earlier stage provides"},
      {"the first missing layer of the first bad stage is named",
       {{"a", {}, {"x"}}, {"b", {"x", "p", "q"}, {}}, {"c", {"r"}, {}}},
       {},
       "stage 'b' requires 'p', which no earlier stage provides"},
      {"given layers count as provided",
       {{"b", {"norm", "citations"}, {"y"}}, {"c", {"y", "norm"}, {}}},
       {"norm", "citations"},
       ""},
      {"given layers are not all layers",
       {{"b", {"norm", "sentences"}, {}}},
       {"norm"},
       "stage 'b' requires 'sentences', which no earlier stage provides"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    auto a = Analyzer::FromStages(MakeStages(c.stages), c.given);
    if (c.error.empty()) {
      ASSERT_TRUE(a.ok()) << a.status().ToString();
      Strings names;
      for (const StageSpec& s : c.stages) names.push_back(s.name);
      EXPECT_EQ(Names(**a), names);
    } else {
      ASSERT_FALSE(a.ok());
      EXPECT_EQ(a.status().code(), StatusCode::kInternal);
      EXPECT_EQ(a.status().message(), c.error);
    }
  }
}

TEST(AnalyzerFromStagesTest, StandardStagesNeedTheirProducers) {
  auto lone = Analyzer::FromStages([] {
    std::vector<std::unique_ptr<Stage>> v;
    v.push_back(MakeCitationStage());
    return v;
  }());
  ASSERT_FALSE(lone.ok());
  EXPECT_EQ(
      lone.status().message(),
      "stage 'citations' requires 'norm', which no earlier stage provides");

  auto given = Analyzer::FromStages(
      [] {
        std::vector<std::unique_ptr<Stage>> v;
        v.push_back(MakeCitationStage());
        v.push_back(MakeStructureStage());
        return v;
      }(),
      {"norm"});
  ASSERT_TRUE(given.ok()) << given.status().ToString();
  EXPECT_EQ(Names(**given), (Strings{"citations", "structure"}));
}

Document MakeDoc(const std::string& title) {
  RawArticle raw;
  raw.title = title;
  raw.text = "body";
  return Document(std::move(raw));
}

TEST(AnalyzerRunTest, FailingOrThrowingStageSetsStatusAndStops) {
  struct Case {
    const char* what;
    Behaviour second;
    StatusCode code;
    std::string message;
    Strings ran;
  };
  const Case cases[] = {
      {"all succeed",
       Behaviour::kOk,
       StatusCode::kOk,
       "",
       {"ran first", "ran second", "ran third"}},
      {"non-OK status",
       Behaviour::kFail,
       StatusCode::kInvalidInput,
       "stage 'second': the numbers do not add up",
       {"ran first", "ran second"}},
      {"std::exception",
       Behaviour::kThrowStd,
       StatusCode::kInternal,
       "stage 'second': vector too long",
       {"ran first", "ran second"}},
      {"other exception",
       Behaviour::kThrowOther,
       StatusCode::kInternal,
       "stage 'second': unknown exception",
       {"ran first", "ran second"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    auto a =
        Analyzer::FromStages(MakeStages({{"first", {}, {"x"}},
                                         {"second", {"x"}, {"y"}, c.second},
                                         {"third", {"y"}, {}}}));
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto ws = (*a)->NewWorkspace();
    Document doc = MakeDoc("t");
    (*a)->Run(doc, *ws);
    EXPECT_EQ(doc.status.code(), c.code);
    EXPECT_EQ(doc.status.message(), c.message);
    EXPECT_EQ(doc.raw().notes, c.ran);
  }
}

TEST(AnalyzerRunTest, EachWorkspaceHasItsOwnStageStates) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(
      std::make_unique<FakeStage>("plain", Strings{}, Strings{"x"}));
  stages.push_back(std::make_unique<FakeStage>("counting", Strings{"x"},
                                               Strings{}, Behaviour::kOk,
                                               /*with_state=*/true));
  auto a = Analyzer::FromStages(std::move(stages));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto ws1 = (*a)->NewWorkspace();
  auto ws2 = (*a)->NewWorkspace();
  Document d1 = MakeDoc("one"), d2 = MakeDoc("two"), d3 = MakeDoc("three");
  (*a)->Run(d1, *ws1);
  (*a)->Run(d2, *ws1);
  (*a)->Run(d3, *ws2);
  EXPECT_TRUE(d1.status.ok()) << d1.status.ToString();
  EXPECT_EQ(d1.raw().notes, (Strings{"ran plain", "ran counting #1"}));
  EXPECT_EQ(d2.raw().notes, (Strings{"ran plain", "ran counting #2"}));
  EXPECT_EQ(d3.raw().notes, (Strings{"ran plain", "ran counting #1"}));
}

// ---------------------------------------------------------------------------
// The standard analyzer

class StandardAnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto ctx = Context::Load(testing::LexiconDir().string());
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = std::move(ctx).value().release();
    auto a = Analyzer::Create(*ctx_);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    delete ctx_;
  }

  static std::unique_ptr<Document> Analyze(RawArticle raw,
                                           const Analyzer* a = nullptr) {
    if (a == nullptr) a = analyzer_;
    auto doc = std::make_unique<Document>(std::move(raw));
    auto ws = a->NewWorkspace();
    a->Run(*doc, *ws);
    return doc;
  }

  static Context* ctx_;
  static Analyzer* analyzer_;
};
Context* StandardAnalyzerTest::ctx_ = nullptr;
Analyzer* StandardAnalyzerTest::analyzer_ = nullptr;

std::string Text(const Document& d, Field f, Span s) {
  return std::string(d.View(f, s));
}

TEST_F(StandardAnalyzerTest, StageNames) {
  EXPECT_EQ(Names(*analyzer_),
            (Strings{"normalize", "citations", "structure", "sentences", "tokens",
                     "numbers", "dates", "quantities", "entities", "claims"}));
  auto no_tokens = Analyzer::Create(*ctx_, /*with_tokens=*/false);
  ASSERT_TRUE(no_tokens.ok()) << no_tokens.status().ToString();
  EXPECT_EQ(Names(**no_tokens),
            (Strings{"normalize", "citations", "structure", "sentences", "numbers",
                     "dates", "quantities", "entities", "claims"}));
  auto extract = Analyzer::CreateForExtract(*ctx_);
  ASSERT_TRUE(extract.ok()) << extract.status().ToString();
  EXPECT_EQ(Names(**extract),
            (Strings{"normalize", "citations", "structure", "sentences", "numbers", "dates",
                     "quantities", "entities", "claims"}));
}

// The digest body (byte offsets; all ASCII):
//   0   "Core Viewpoint - Magnet exports grew quickly [1][3]."        (52)
//   53  "Group 1: Port Traffic - Ports cleared more cargo [2]."
//   107 "Rail freight also rose. [5]"   (marker after the final period)
//   135 "- Freight rates fell [4,5]."                                 (162)
constexpr char kDigestText[] =
    "Core Viewpoint - Magnet exports grew quickly [1][3]. Group 1: Port "
    "Traffic - Ports cleared more cargo [2]. Rail freight also rose. [5] - "
    "Freight rates fell [4,5].";

RawArticle DigestArticle() {
  RawArticle raw;
  raw.path = "/batch/day1.txt";
  raw.position = 1;
  raw.line = 3;
  raw.format = Format::kDigest;
  raw.key = "/batch/day1.txt#1";
  raw.title = "Magnet exports climb";
  raw.text = kDigestText;
  raw.source = "Sou Hu Cai Jing";
  return raw;
}

TEST_F(StandardAnalyzerTest, DigestSectionsAndBullets) {
  auto doc = Analyze(DigestArticle());
  const Document& d = *doc;
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.source_id, "sohu_finance");

  struct SectionCase {
    SectionKind kind;
    Field field;
    Span span, heading;
    const char* label;
    int group_no;
    const char* title;
    const char* text;
  };
  const SectionCase sections[] = {
      {SectionKind::kHeadline,
       Field::kTitle,
       {0, 20},
       {0, 0},
       "Headline",
       0,
       "",
       "Magnet exports climb"},
      {SectionKind::kViewpoint,
       Field::kText,
       {0, 52},
       {0, 14},
       "Core Viewpoint",
       0,
       "",
       "Core Viewpoint - Magnet exports grew quickly       ."},
      {SectionKind::kGroup,
       Field::kText,
       {53, 162},
       {53, 74},
       "Group 1",
       1,
       "Port Traffic",
       "Group 1: Port Traffic - Ports cleared more cargo    . Rail freight "
       "also "
       "rose.     - Freight rates fell      ."},
  };
  ASSERT_EQ(d.sections.size(), std::size(sections));
  for (size_t i = 0; i < std::size(sections); ++i) {
    SCOPED_TRACE("section " + std::to_string(i));
    const SectionCase& want = sections[i];
    const Section& got = d.sections[i];
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.field, want.field);
    EXPECT_EQ(got.span, want.span);
    EXPECT_EQ(got.heading, want.heading);
    EXPECT_EQ(got.label, want.label);
    EXPECT_EQ(got.group_no, want.group_no);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(Text(d, got.field, got.span), want.text);
  }
  EXPECT_EQ(Text(d, Field::kText, d.sections[1].heading), "Core Viewpoint");
  EXPECT_EQ(Text(d, Field::kText, d.sections[2].heading),
            "Group 1: Port Traffic");

  struct BulletCase {
    uint32_t section;
    Span span;
    const char* text;
  };
  const BulletCase bullets[] = {
      {0, {0, 20}, "Magnet exports climb"},
      {1, {17, 52}, "Magnet exports grew quickly       ."},
      {2, {77, 130}, "Ports cleared more cargo    . Rail freight also rose."},
      {2, {137, 162}, "Freight rates fell      ."},
  };
  ASSERT_EQ(d.bullets.size(), std::size(bullets));
  for (size_t i = 0; i < std::size(bullets); ++i) {
    SCOPED_TRACE("bullet " + std::to_string(i));
    EXPECT_EQ(d.bullets[i].section, bullets[i].section);
    EXPECT_EQ(d.bullets[i].span, bullets[i].span);
    EXPECT_EQ(Text(d, d.sections[bullets[i].section].field, d.bullets[i].span),
              bullets[i].text);
  }
}

TEST_F(StandardAnalyzerTest, DigestSentencesCitationsAndLanguages) {
  auto doc = Analyze(DigestArticle());
  const Document& d = *doc;
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();

  struct SentenceCase {
    uint32_t section, bullet;
    Field field;
    Span span;
    Lang lang;
    std::vector<uint32_t> citations;
    const char* text;
  };
  const SentenceCase sentences[] = {
      {0, 0, Field::kTitle, {0, 20}, Lang::kEn, {}, "Magnet exports climb"},
      {1,
       1,
       Field::kText,
       {17, 52},
       Lang::kEn,
       {0, 1},
       "Magnet exports grew quickly       ."},
      {2,
       2,
       Field::kText,
       {77, 106},
       Lang::kEn,
       {2},
       "Ports cleared more cargo    ."},
      // "[5]" stands after this sentence's period: it still belongs here.
      {2,
       2,
       Field::kText,
       {107, 130},
       Lang::kEn,
       {3},
       "Rail freight also rose."},
      {2,
       3,
       Field::kText,
       {137, 162},
       Lang::kEn,
       {4},
       "Freight rates fell      ."},
  };
  ASSERT_EQ(d.sentences.size(), std::size(sentences));
  for (size_t i = 0; i < std::size(sentences); ++i) {
    SCOPED_TRACE("sentence " + std::to_string(i));
    const SentenceCase& want = sentences[i];
    const Sentence& got = d.sentences[i];
    EXPECT_EQ(got.section, want.section);
    EXPECT_EQ(got.bullet, want.bullet);
    EXPECT_EQ(got.field, want.field);
    EXPECT_EQ(got.span, want.span);
    EXPECT_EQ(got.lang, want.lang);
    EXPECT_EQ(got.citations, want.citations);
    EXPECT_EQ(Text(d, got.field, got.span), want.text);
  }

  struct CitationCase {
    Span span;
    uint32_t sentence;
    std::vector<int> indices;
    const char* original;
  };
  const CitationCase citations[] = {
      {{45, 48}, 1, {1}, "[1]"},        {{48, 51}, 1, {3}, "[3]"},
      {{102, 105}, 2, {2}, "[2]"},      {{131, 134}, 3, {5}, "[5]"},
      {{156, 161}, 4, {4, 5}, "[4,5]"},
  };
  const FieldText& text = d.field(Field::kText);
  ASSERT_EQ(d.citations.size(), std::size(citations));
  for (size_t i = 0; i < std::size(citations); ++i) {
    SCOPED_TRACE("citation " + std::to_string(i));
    const CitationCase& want = citations[i];
    const Citation& got = d.citations[i];
    EXPECT_EQ(got.field, Field::kText);
    EXPECT_EQ(got.span, want.span);
    EXPECT_EQ(got.sentence, want.sentence);
    EXPECT_EQ(got.indices, want.indices);
    // The marker is in the original text and masked with spaces in the
    // normalized text, at the same offsets.
    EXPECT_EQ(text.original.substr(got.span.begin, got.span.size()),
              want.original);
    EXPECT_EQ(text.norm.substr(got.span.begin, got.span.size()),
              std::string(got.span.size(), ' '));
  }

  // Masking keeps every offset: same byte length, only the markers differ.
  EXPECT_EQ(text.original, kDigestText);
  EXPECT_EQ(
      text.norm,
      "Core Viewpoint - Magnet exports grew quickly       . Group 1: Port "
      "Traffic - Ports cleared more cargo    . Rail freight also rose.     - "
      "Freight rates fell      .");
  EXPECT_EQ(text.norm.size(), text.original.size());
  EXPECT_EQ(d.field(Field::kTitle).norm, "Magnet exports climb");

  EXPECT_EQ(d.lang, Lang::kEn);
  EXPECT_TRUE(d.tokens.empty());  // English sentences get no word tokens
}

TEST_F(StandardAnalyzerTest, TextArticleIsOneBodySectionWithOneBulletPerLine) {
  RawArticle raw;
  raw.format = Format::kText;
  raw.title = "港口吞吐量创新高";
  // 今年一季度港口吞吐量增长百分之八。 = 17 characters, 51 bytes.
  raw.text =
      "今年一季度港口吞吐量增长百分之八。集装箱运输也很繁忙。\n\n"
      "The port handled more ships.\n"
      "  第三段只有一句话。  \n";
  auto doc = Analyze(raw);
  const Document& d = *doc;
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();

  ASSERT_EQ(d.sections.size(), 2u);
  EXPECT_EQ(d.sections[0].kind, SectionKind::kHeadline);
  EXPECT_EQ(d.sections[0].field, Field::kTitle);
  EXPECT_EQ(d.sections[0].span, (Span{0, 24}));
  EXPECT_EQ(d.sections[1].kind, SectionKind::kBody);
  EXPECT_EQ(d.sections[1].field, Field::kText);
  EXPECT_EQ(d.sections[1].span, (Span{0, 141}));  // trailing blanks trimmed
  EXPECT_EQ(d.sections[1].label, "");
  EXPECT_EQ(d.sections[1].heading, (Span{0, 0}));

  struct BulletCase {
    uint32_t section;
    Span span;
    const char* text;
  };
  const BulletCase bullets[] = {
      {0, {0, 24}, "港口吞吐量创新高"},
      {1, {0, 81}, "今年一季度港口吞吐量增长百分之八。集装箱运输也很繁忙。"},
      {1, {83, 111}, "The port handled more ships."},
      {1, {114, 141}, "第三段只有一句话。"},
  };
  ASSERT_EQ(d.bullets.size(), std::size(bullets));
  for (size_t i = 0; i < std::size(bullets); ++i) {
    SCOPED_TRACE("bullet " + std::to_string(i));
    EXPECT_EQ(d.bullets[i].section, bullets[i].section);
    EXPECT_EQ(d.bullets[i].span, bullets[i].span);
    EXPECT_EQ(Text(d, d.sections[bullets[i].section].field, d.bullets[i].span),
              bullets[i].text);
  }

  struct SentenceCase {
    uint32_t bullet;
    Field field;
    Span span;
    Lang lang;
    const char* text;
  };
  const SentenceCase sentences[] = {
      {0, Field::kTitle, {0, 24}, Lang::kZh, "港口吞吐量创新高"},
      {1,
       Field::kText,
       {0, 51},
       Lang::kZh,
       "今年一季度港口吞吐量增长百分之八。"},
      {1, Field::kText, {51, 81}, Lang::kZh, "集装箱运输也很繁忙。"},
      {2, Field::kText, {83, 111}, Lang::kEn, "The port handled more ships."},
      {3, Field::kText, {114, 141}, Lang::kZh, "第三段只有一句话。"},
  };
  ASSERT_EQ(d.sentences.size(), std::size(sentences));
  for (size_t i = 0; i < std::size(sentences); ++i) {
    SCOPED_TRACE("sentence " + std::to_string(i));
    EXPECT_EQ(d.sentences[i].bullet, sentences[i].bullet);
    EXPECT_EQ(d.sentences[i].section, d.bullets[sentences[i].bullet].section);
    EXPECT_EQ(d.sentences[i].field, sentences[i].field);
    EXPECT_EQ(d.sentences[i].span, sentences[i].span);
    EXPECT_EQ(d.sentences[i].lang, sentences[i].lang);
    EXPECT_TRUE(d.sentences[i].citations.empty());
    EXPECT_EQ(Text(d, sentences[i].field, sentences[i].span),
              sentences[i].text);
  }
  EXPECT_TRUE(d.citations.empty());
  EXPECT_EQ(d.lang, Lang::kZh);

  // Word tokens: for every Chinese sentence, none for the English one; each
  // inside its sentence, in order; punctuation is not a token.
  std::vector<std::string> per_sentence(d.sentences.size());
  uint32_t last_end = 0, last_sentence = 0;
  for (const Token& t : d.tokens) {
    ASSERT_LT(t.sentence, d.sentences.size());
    const Sentence& s = d.sentences[t.sentence];
    EXPECT_GE(t.span.begin, s.span.begin);
    EXPECT_LE(t.span.end, s.span.end);
    EXPECT_LT(t.span.begin, t.span.end);
    if (t.sentence == last_sentence) {
      EXPECT_GE(t.span.begin, last_end);
    }
    EXPECT_GE(t.sentence, last_sentence);
    last_sentence = t.sentence;
    last_end = t.span.end;
    if (!per_sentence[t.sentence].empty()) per_sentence[t.sentence] += '|';
    per_sentence[t.sentence] += Text(d, s.field, t.span);
  }
  // ICU 72's dictionary segmentation of the headline.
  EXPECT_EQ(per_sentence[0], "港口|吞吐量|创新|高");
  // Joined without separators, a Chinese sentence's tokens are the
  // sentence without its final "。".
  auto joined = [&](size_t i) {
    std::string s = per_sentence[i];
    s.erase(std::remove(s.begin(), s.end(), '|'), s.end());
    return s;
  };
  EXPECT_EQ(joined(1), "今年一季度港口吞吐量增长百分之八");
  EXPECT_EQ(joined(2), "集装箱运输也很繁忙");
  EXPECT_EQ(per_sentence[3], "");  // English: no tokens
  EXPECT_EQ(joined(4), "第三段只有一句话");
}

TEST_F(StandardAnalyzerTest, WithoutTokenStageNoTokens) {
  auto a = Analyzer::Create(*ctx_, /*with_tokens=*/false);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  RawArticle raw;
  raw.format = Format::kText;
  raw.title = "港口吞吐量创新高";
  raw.text = "集装箱运输也很繁忙。";
  auto doc = Analyze(raw, a->get());
  ASSERT_TRUE(doc->status.ok()) << doc->status.ToString();
  EXPECT_EQ(doc->sentences.size(), 2u);
  EXPECT_TRUE(doc->tokens.empty());
}

TEST_F(StandardAnalyzerTest, EmptyArticleIsRejectedByNormalize) {
  struct Case {
    const char* what;
    Format format;
    std::string title, text;
  };
  const Case cases[] = {
      {"nothing", Format::kText, "", ""},
      {"white space", Format::kText, "  \t", " \n \r\n"},
      {"ideographic space (NFKC to ' ')", Format::kDigest, "\u3000",
       "\u3000\n"},
      {"zero-width space (removed)", Format::kJsonl, "\u200B", "\u200B"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    RawArticle raw;
    raw.format = c.format;
    raw.title = c.title;
    raw.text = c.text;
    auto doc = Analyze(raw);
    EXPECT_EQ(doc->status.code(), StatusCode::kInvalidInput);
    EXPECT_EQ(doc->status.message(),
              "stage 'normalize': empty article: no title and no text");
    // The later stages did not run.
    EXPECT_TRUE(doc->sections.empty());
    EXPECT_TRUE(doc->bullets.empty());
    EXPECT_TRUE(doc->sentences.empty());
    EXPECT_TRUE(doc->citations.empty());
    EXPECT_TRUE(doc->tokens.empty());
  }
}

TEST_F(StandardAnalyzerTest, TitleOnlyAndTextOnlyArticles) {
  RawArticle title_only;
  title_only.format = Format::kText;
  title_only.title = "Rare earth quotas unchanged";
  auto t = Analyze(title_only);
  ASSERT_TRUE(t->status.ok()) << t->status.ToString();
  ASSERT_EQ(t->sections.size(), 1u);
  EXPECT_EQ(t->sections[0].kind, SectionKind::kHeadline);
  ASSERT_EQ(t->sentences.size(), 1u);
  EXPECT_EQ(t->sentences[0].field, Field::kTitle);
  // No letters in the text: the language comes from the title.
  EXPECT_EQ(t->lang, Lang::kEn);

  RawArticle text_only;
  text_only.format = Format::kText;
  text_only.text = "  Quotas were left unchanged. Prices held.  ";
  auto x = Analyze(text_only);
  ASSERT_TRUE(x->status.ok()) << x->status.ToString();
  ASSERT_EQ(x->sections.size(), 1u);  // no headline
  EXPECT_EQ(x->sections[0].kind, SectionKind::kBody);
  EXPECT_EQ(x->sections[0].span, (Span{2, 42}));
  ASSERT_EQ(x->sentences.size(), 2u);
  EXPECT_EQ(Text(*x, Field::kText, x->sentences[0].span),
            "Quotas were left unchanged.");
  EXPECT_EQ(Text(*x, Field::kText, x->sentences[1].span), "Prices held.");
  EXPECT_EQ(x->lang, Lang::kEn);
}

TEST_F(StandardAnalyzerTest, DocumentLanguage) {
  struct Case {
    std::string title, text;
    Lang lang;
  };
  const Case cases[] = {
      {"Port news", "The port handled more ships this spring.", Lang::kEn},
      {"Port news", "港口今年处理了更多船舶。", Lang::kZh},
      // The text decides, not the title.
      {"港口新闻", "The port handled more ships this spring.", Lang::kEn},
      {"港口新闻", "港口 handled 更多 ships 今年。", Lang::kMixed},
      // No letters in the text: the title decides.
      {"港口新闻", "2025: 35%", Lang::kZh},
      {"", "2025: 35%", Lang::kUnknown},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.title + " / " + c.text);
    RawArticle raw;
    raw.format = Format::kText;
    raw.title = c.title;
    raw.text = c.text;
    auto doc = Analyze(raw);
    ASSERT_TRUE(doc->status.ok()) << doc->status.ToString();
    EXPECT_EQ(doc->lang, c.lang) << LangName(doc->lang);
  }
}

TEST_F(StandardAnalyzerTest, ChineseDigestCitationAfterFullStop) {
  RawArticle raw;
  raw.format = Format::kDigest;
  raw.title = "稀土出口";
  // 出口增长。 = 5 characters, 15 bytes; 【2】 = 7 bytes.
  raw.text = "出口增长。【2】价格稳定。[3]";
  auto doc = Analyze(raw);
  const Document& d = *doc;
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const FieldText& text = d.field(Field::kText);
  EXPECT_EQ(text.norm.size(), text.original.size());
  ASSERT_EQ(d.citations.size(), 2u);
  ASSERT_EQ(d.sentences.size(), 3u);  // the headline and two text sentences
  EXPECT_EQ(Text(d, Field::kText, d.sentences[1].span), "出口增长。");
  EXPECT_EQ(Text(d, Field::kText, d.sentences[2].span), "价格稳定。");
  EXPECT_EQ(d.citations[0].indices, (std::vector<int>{2}));
  EXPECT_EQ(d.citations[0].sentence, 1u);
  EXPECT_EQ(d.citations[1].indices, (std::vector<int>{3}));
  EXPECT_EQ(d.citations[1].sentence, 2u);
  EXPECT_EQ(d.sentences[1].citations, (std::vector<uint32_t>{0}));
  EXPECT_EQ(d.sentences[2].citations, (std::vector<uint32_t>{1}));
  EXPECT_EQ(d.sentences[1].lang, Lang::kZh);
  EXPECT_EQ(d.lang, Lang::kZh);
  EXPECT_FALSE(d.tokens.empty());
}

}  // namespace
}  // namespace factmine
