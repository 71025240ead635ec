// Analyzer and the standard analysis stages (see analyzer.h). Each stage is
// a thin adapter: the work lives in normalize.cc, citations.cc,
// summary_parser.cc and sentence_splitter.cc.
#include "pipeline/analyzer.h"

#include <algorithm>
#include <exception>
#include <set>
#include <string>

#include "extractors/stages.h"
#include "pipeline/citations.h"
#include "pipeline/lang.h"
#include "pipeline/summary_parser.h"
#include "pipeline/text_util.h"

namespace factmine {

namespace {


// Normalizes title and text; links the outlet to a source id.
class NormalizeStage : public Stage {
 public:
  explicit NormalizeStage(const Context& ctx) : ctx_(ctx) {}
  std::string_view name() const override { return "normalize"; }
  std::vector<std::string_view> Requires() const override { return {}; }
  std::vector<std::string_view> Provides() const override { return {"norm", "source_id"}; }
  Status Run(Document& doc, StageState*) const override {
    const RawArticle& raw = doc.raw();
    ctx_.normalizer->Normalize(raw.title, &doc.field(Field::kTitle));
    ctx_.normalizer->Normalize(raw.text, &doc.field(Field::kText));
    if (TrimSpan(doc.field(Field::kText).norm,
                 {0, static_cast<uint32_t>(doc.field(Field::kText).norm.size())})
            .empty() &&
        TrimSpan(doc.field(Field::kTitle).norm,
                 {0, static_cast<uint32_t>(doc.field(Field::kTitle).norm.size())})
            .empty()) {
      return Status::InvalidInput("empty article: no title and no text");
    }
    doc.source_id = ctx_.sources->Link(raw.source);
    return Status::Ok();
  }

 private:
  const Context& ctx_;
};

class CitationStage : public Stage {
 public:
  std::string_view name() const override { return "citations"; }
  std::vector<std::string_view> Requires() const override { return {"norm"}; }
  std::vector<std::string_view> Provides() const override { return {"citations"}; }
  Status Run(Document& doc, StageState*) const override {
    for (Field f : {Field::kTitle, Field::kText}) {
      FindAndMaskCitations(f, &doc.field(f).norm, &doc.citations);
    }
    return Status::Ok();
  }
};

// Sections and bullets: the headline, then the digest summary structure or
// the paragraphs of a text article.
class StructureStage : public Stage {
 public:
  std::string_view name() const override { return "structure"; }
  std::vector<std::string_view> Requires() const override { return {"norm", "citations"}; }
  std::vector<std::string_view> Provides() const override { return {"sections", "bullets"}; }
  Status Run(Document& doc, StageState*) const override {
    const std::string& title = doc.field(Field::kTitle).norm;
    Span ts = TrimSpan(title, {0, static_cast<uint32_t>(title.size())});
    if (!ts.empty()) {
      Section s;
      s.kind = SectionKind::kHeadline;
      s.field = Field::kTitle;
      s.span = ts;
      s.label = "Headline";
      doc.sections.push_back(std::move(s));
      doc.bullets.push_back({static_cast<uint32_t>(doc.sections.size() - 1), ts});
    }
    const std::string& text = doc.field(Field::kText).norm;
    if (doc.raw().format == Format::kDigest) {
      ParseSummary(text, &doc.sections, &doc.bullets);
      return Status::Ok();
    }
    Span all = TrimSpan(text, {0, static_cast<uint32_t>(text.size())});
    if (all.empty()) return Status::Ok();
    Section body;
    body.kind = SectionKind::kBody;
    body.field = Field::kText;
    body.span = all;
    doc.sections.push_back(std::move(body));
    const uint32_t section = static_cast<uint32_t>(doc.sections.size() - 1);
    uint32_t start = all.begin;
    while (start < all.end) {
      size_t nl = text.find('\n', start);
      uint32_t end = nl == std::string::npos || nl > all.end ? all.end
                                                              : static_cast<uint32_t>(nl);
      Span line = TrimSpan(text, {start, end});
      if (!line.empty()) doc.bullets.push_back({section, line});
      start = end + 1;
    }
    return Status::Ok();
  }
};

class SplitterState : public StageState {
 public:
  explicit SplitterState(std::unique_ptr<SentenceSplitter::Workspace> ws)
      : ws(std::move(ws)) {}
  std::unique_ptr<SentenceSplitter::Workspace> ws;
};

// Sentences of every bullet, their language, and the citations they close.
class SentenceStage : public Stage {
 public:
  explicit SentenceStage(const Context& ctx) : ctx_(ctx) {}
  std::string_view name() const override { return "sentences"; }
  std::vector<std::string_view> Requires() const override {
    return {"norm", "citations", "sections", "bullets"};
  }
  std::vector<std::string_view> Provides() const override { return {"sentences", "lang"}; }
  std::unique_ptr<StageState> NewState() const override {
    return std::make_unique<SplitterState>(ctx_.splitter->NewWorkspace());
  }
  Status Run(Document& doc, StageState* state) const override {
    auto& ws = *static_cast<SplitterState*>(state)->ws;
    std::vector<Span> spans;
    LangCounts text_counts;
    for (uint32_t b = 0; b < doc.bullets.size(); ++b) {
      const Bullet& bullet = doc.bullets[b];
      const Field field = doc.sections[bullet.section].field;
      const std::string& norm = doc.field(field).norm;
      spans.clear();
      if (field == Field::kTitle) {
        spans.push_back(bullet.span);  // a headline is one sentence
      } else {
        ctx_.splitter->Split(norm, bullet.span, ws, &spans);
      }
      for (Span s : spans) {
        Sentence sent;
        sent.section = bullet.section;
        sent.bullet = b;
        sent.field = field;
        sent.span = s;
        LangCounts c = CountScripts(doc.View(field, s));
        sent.lang = ClassifyLang(c);
        if (field == Field::kText) {
          text_counts.han += c.han;
          text_counts.latin += c.latin;
        }
        doc.sentences.push_back(std::move(sent));
      }
    }
    doc.lang = ClassifyLang(text_counts);
    if (doc.lang == Lang::kUnknown) {
      doc.lang = DetectLang(doc.field(Field::kTitle).norm);
    }
    AttachCitations(doc);
    return Status::Ok();
  }

 private:
  // A marker belongs to the sentence that contains it or, when it sits
  // after a sentence's end (trailing "[3]" masked to spaces), to the last
  // sentence of the same field that begins before it.
  // Linear: citations and sentences are both in text order per field.
  static void AttachCitations(Document& doc) {
    for (Field f : {Field::kTitle, Field::kText}) {
      std::vector<uint32_t> sents;
      for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
        if (doc.sentences[s].field == f) sents.push_back(s);
      }
      size_t k = 0;
      int best = -1;
      for (uint32_t c = 0; c < doc.citations.size(); ++c) {
        Citation& cit = doc.citations[c];
        if (cit.field != f) continue;
        while (k < sents.size() && doc.sentences[sents[k]].span.begin <= cit.span.begin) {
          best = static_cast<int>(sents[k]);
          ++k;
        }
        if (best < 0) continue;  // before any sentence: nothing to close
        cit.sentence = static_cast<uint32_t>(best);
        doc.sentences[static_cast<size_t>(best)].citations.push_back(c);
      }
    }
  }
  const Context& ctx_;
};

class SegmenterState : public StageState {
 public:
  explicit SegmenterState(std::unique_ptr<WordSegmenter::Workspace> ws) : ws(std::move(ws)) {}
  std::unique_ptr<WordSegmenter::Workspace> ws;
};

// Word tokens of Chinese and mixed sentences (WordSegmenter: ICU's
// dictionary plus the lexicon); punctuation is not a token.
class TokenStage : public Stage {
 public:
  explicit TokenStage(const Context& ctx) : ctx_(ctx) {}
  std::string_view name() const override { return "tokens"; }
  std::vector<std::string_view> Requires() const override { return {"sentences"}; }
  std::vector<std::string_view> Provides() const override { return {"tokens"}; }
  std::unique_ptr<StageState> NewState() const override {
    return std::make_unique<SegmenterState>(ctx_.segmenter->NewWorkspace());
  }
  Status Run(Document& doc, StageState* state) const override {
    auto& ws = *static_cast<SegmenterState*>(state)->ws;
    std::vector<Word> words;
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sent = doc.sentences[s];
      if (sent.lang != Lang::kZh && sent.lang != Lang::kMixed) continue;
      words.clear();
      ctx_.segmenter->Segment(doc.field(sent.field).norm, sent.span, ws, &words);
      for (const Word& w : words) {
        if (w.kind != WordKind::kPunct) doc.tokens.push_back({s, w.span});
      }
    }
    return Status::Ok();
  }

 private:
  const Context& ctx_;
};

}  // namespace

std::unique_ptr<Stage> MakeNormalizeStage(const Context& ctx) {
  return std::make_unique<NormalizeStage>(ctx);
}
std::unique_ptr<Stage> MakeCitationStage() { return std::make_unique<CitationStage>(); }
std::unique_ptr<Stage> MakeStructureStage() { return std::make_unique<StructureStage>(); }
std::unique_ptr<Stage> MakeSentenceStage(const Context& ctx) {
  return std::make_unique<SentenceStage>(ctx);
}
std::unique_ptr<Stage> MakeTokenStage(const Context& ctx) {
  return std::make_unique<TokenStage>(ctx);
}

Result<std::unique_ptr<Analyzer>> Analyzer::Create(const Context& ctx, bool with_tokens) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(MakeNormalizeStage(ctx));
  stages.push_back(MakeCitationStage());
  stages.push_back(MakeStructureStage());
  stages.push_back(MakeSentenceStage(ctx));
  if (with_tokens) stages.push_back(MakeTokenStage(ctx));
  stages.push_back(MakeNumberStage(ctx));
  stages.push_back(MakeDateStage(ctx));
  stages.push_back(MakeQuantityStage(ctx));
  stages.push_back(MakeEntityStage(ctx));
  stages.push_back(MakeClaimStage(ctx));
  return FromStages(std::move(stages));
}

Result<std::unique_ptr<Analyzer>> Analyzer::CreateForExtract(const Context& ctx) {
  return Create(ctx, /*with_tokens=*/false);
}

Result<std::unique_ptr<Analyzer>> Analyzer::FromStages(
    std::vector<std::unique_ptr<Stage>> stages, std::vector<std::string_view> given) {
  std::set<std::string_view> provided(given.begin(), given.end());
  for (const auto& st : stages) {
    for (std::string_view need : st->Requires()) {
      if (!provided.count(need)) {
        return Status::Internal("stage '" + std::string(st->name()) + "' requires '" +
                                std::string(need) + "', which no earlier stage provides");
      }
    }
    for (std::string_view p : st->Provides()) provided.insert(p);
  }
  auto a = std::make_unique<Analyzer>();
  a->stages_ = std::move(stages);
  return a;
}

std::unique_ptr<Analyzer::Workspace> Analyzer::NewWorkspace() const {
  auto ws = std::make_unique<Workspace>();
  for (const auto& st : stages_) ws->states_.push_back(st->NewState());
  return ws;
}

void Analyzer::Run(Document& doc, Workspace& ws) const {
  for (size_t i = 0; i < stages_.size(); ++i) {
    Status s;
    try {
      s = stages_[i]->Run(doc, ws.states_[i].get());
    } catch (const std::exception& e) {
      s = Status::Internal(e.what());
    } catch (...) {
      s = Status::Internal("unknown exception");
    }
    if (!s.ok()) {
      doc.status = Status(s.code(), "stage '" + std::string(stages_[i]->name()) +
                                        "': " + s.message());
      return;
    }
  }
}

std::vector<std::string_view> Analyzer::stage_names() const {
  std::vector<std::string_view> names;
  for (const auto& st : stages_) names.push_back(st->name());
  return names;
}

}  // namespace factmine
