#include "extractors/stages.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "extractors/claims/claim_extractor.h"
#include "extractors/dates/date_extractor.h"
#include "extractors/entities/entity_extractor.h"
#include "extractors/numbers/number_scanner.h"
#include "extractors/quantities/quantity_extractor.h"
#include "pipeline/document.h"
#include "pipeline/lang.h"

namespace factmine {
namespace {

constexpr Field kFields[] = {Field::kTitle, Field::kText};

// Index of the sentence of `field` that contains byte `pos` of its
// normalized text, or kNoSentence. Sentences are in field order, title
// first, each field's sentences sorted by span.
uint32_t SentenceAt(const Document& doc, Field field, uint32_t pos) {
  const auto& ss = doc.sentences;
  auto it = std::partition_point(ss.begin(), ss.end(), [&](const Sentence& s) {
    return s.field < field || (s.field == field && s.span.end <= pos);
  });
  if (it == ss.end() || it->field != field || !it->span.Contains(pos)) {
    return kNoSentence;
  }
  return static_cast<uint32_t>(it - ss.begin());
}

class NumberStage : public Stage {
 public:
  explicit NumberStage(const Context& ctx) : scanner_(*ctx.numbers) {}
  std::string_view name() const override { return "numbers"; }
  std::vector<std::string_view> Requires() const override { return {"norm", "citations"}; }
  std::vector<std::string_view> Provides() const override { return {"numbers"}; }
  Status Run(Document& doc, StageState*) const override {
    for (Field f : kFields) {
      auto& out = doc.numbers[static_cast<int>(f)];
      out.clear();
      scanner_.Scan(doc.field(f).norm, &out);
    }
    return Status::Ok();
  }

 private:
  const NumberScanner& scanner_;
};

class DateStage : public Stage {
 public:
  explicit DateStage(const Context& ctx) : dates_(*ctx.dates) {}
  std::string_view name() const override { return "dates"; }
  std::vector<std::string_view> Requires() const override { return {"numbers"}; }
  std::vector<std::string_view> Provides() const override { return {"dates"}; }
  Status Run(Document& doc, StageState*) const override {
    doc.dates.clear();
    DateAnchor anchor = DateAnchor::FromPublishedAt(doc.raw().published_at);
    for (Field f : kFields) {
      size_t first = doc.dates.size();
      dates_.Extract(doc.field(f).norm, doc.numbers[static_cast<int>(f)], anchor,
                     &doc.dates);
      for (size_t i = first; i < doc.dates.size(); ++i) {
        DateMention& d = doc.dates[i];
        d.field = f;
        d.sentence = SentenceAt(doc, f, d.span.begin);
      }
    }
    return Status::Ok();
  }

 private:
  const DateExtractor& dates_;
};

class QuantityStage : public Stage {
 public:
  explicit QuantityStage(const Context& ctx) : quantities_(*ctx.quantities) {}
  std::string_view name() const override { return "quantities"; }
  std::vector<std::string_view> Requires() const override { return {"numbers", "dates"}; }
  std::vector<std::string_view> Provides() const override { return {"quantities"}; }
  Status Run(Document& doc, StageState*) const override {
    doc.quantities.clear();
    std::vector<Span> taken;
    for (Field f : kFields) {
      taken.clear();
      for (const DateMention& d : doc.dates) {
        if (d.field == f) taken.push_back(d.span);
      }
      size_t first = doc.quantities.size();
      quantities_.Extract(doc.field(f).norm, doc.numbers[static_cast<int>(f)], taken,
                          &doc.quantities);
      for (size_t i = first; i < doc.quantities.size(); ++i) {
        Quantity& q = doc.quantities[i];
        q.field = f;
        q.sentence = SentenceAt(doc, f, q.span.begin);
      }
    }
    return Status::Ok();
  }

 private:
  const QuantityExtractor& quantities_;
};

// Whether 我国/我们 in `doc` mean China: the article is in Chinese by its
// declared language, its analyzed language, or the script of its text or
// title.
bool IsChineseDocument(const Document& doc) {
  const std::string& declared = doc.raw().lang;
  if (declared.rfind("zh", 0) == 0) return true;
  if (doc.lang == Lang::kZh || doc.lang == Lang::kMixed) return true;
  if (doc.lang == Lang::kEn || declared.rfind("en", 0) == 0) return false;
  const Lang text = DetectLang(doc.field(Field::kText).norm);
  return text == Lang::kZh || text == Lang::kMixed ||
         DetectLang(doc.field(Field::kTitle).norm) == Lang::kZh;
}

class EntityState : public StageState {
 public:
  EntityExtractor::Workspace ws;
};

class EntityStage : public Stage {
 public:
  explicit EntityStage(const Context& ctx) : entities_(*ctx.entities) {}
  std::string_view name() const override { return "entities"; }
  std::vector<std::string_view> Requires() const override { return {"dates", "quantities"}; }
  std::vector<std::string_view> Provides() const override { return {"entities"}; }
  std::unique_ptr<StageState> NewState() const override {
    return std::make_unique<EntityState>();
  }
  Status Run(Document& doc, StageState* state) const override {
    EntityExtractor::Workspace& ws = static_cast<EntityState*>(state)->ws;
    doc.entities.clear();
    int chinese = -1;  // unknown until a field holds 我国/我们
    auto is_chinese = [&] {
      if (chinese < 0) chinese = IsChineseDocument(doc);
      return chinese == 1;
    };
    std::vector<Span> taken;
    for (Field f : kFields) {
      taken.clear();
      for (const DateMention& d : doc.dates) {
        if (d.field == f) taken.push_back(d.span);
      }
      for (const Quantity& q : doc.quantities) {
        if (q.field == f) taken.push_back(q.span);
      }
      std::sort(taken.begin(), taken.end(),
                [](Span a, Span b) { return a.begin < b.begin; });
      size_t first = doc.entities.size();
      entities_.Extract(doc.field(f).norm, taken, is_chinese, &ws, &doc.entities);
      for (size_t i = first; i < doc.entities.size(); ++i) {
        EntityMention& m = doc.entities[i];
        m.field = f;
        m.sentence = SentenceAt(doc, f, m.span.begin);
      }
    }
    return Status::Ok();
  }

 private:
  const EntityExtractor& entities_;
};

class ClaimStage : public Stage {
 public:
  explicit ClaimStage(const Context& ctx) : claims_(*ctx.claims) {}
  std::string_view name() const override { return "claims"; }
  std::vector<std::string_view> Requires() const override {
    return {"sentences", "sections", "entities", "quantities", "dates"};
  }
  std::vector<std::string_view> Provides() const override { return {"claims"}; }
  Status Run(Document& doc, StageState*) const override {
    doc.claims.clear();
    claims_.Extract(doc, &doc.claims);
    return Status::Ok();
  }

 private:
  const ClaimExtractor& claims_;
};

}  // namespace

std::unique_ptr<Stage> MakeNumberStage(const Context& ctx) {
  return std::make_unique<NumberStage>(ctx);
}
std::unique_ptr<Stage> MakeDateStage(const Context& ctx) {
  return std::make_unique<DateStage>(ctx);
}
std::unique_ptr<Stage> MakeQuantityStage(const Context& ctx) {
  return std::make_unique<QuantityStage>(ctx);
}
std::unique_ptr<Stage> MakeEntityStage(const Context& ctx) {
  return std::make_unique<EntityStage>(ctx);
}
std::unique_ptr<Stage> MakeClaimStage(const Context& ctx) {
  return std::make_unique<ClaimStage>(ctx);
}

}  // namespace factmine
