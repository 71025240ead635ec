// Stage: one step of article analysis. A stage reads layers of a Document
// that earlier stages provided and adds its own.
//
// Stages declare what they require and provide (layer names such as "norm",
// "citations", "sentences"); Analyzer checks the order when it is built, so
// a missing producer is a startup error, not a silent empty layer.
// Extractors added later (numbers, quantities, entities, claims) are stages.
//
// Per-thread scratch (ICU iterators, buffers) lives in a StageState that the
// runner creates once per worker thread with NewState().
//
// Thread safety: a Stage is immutable after construction; Run is called
// from many threads at once, each with its own Document and StageState.
// Lifetime: stages are owned by the Analyzer.
#ifndef FACTMINE_PIPELINE_STAGE_H_
#define FACTMINE_PIPELINE_STAGE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/status.h"

namespace factmine {

class StageState {
 public:
  virtual ~StageState() = default;
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<std::string_view> Requires() const = 0;
  virtual std::vector<std::string_view> Provides() const = 0;
  // Per-thread state, or nullptr when the stage needs none.
  virtual std::unique_ptr<StageState> NewState() const { return nullptr; }
  // Adds this stage's layers to `doc`. A non-OK Status rejects the article.
  virtual Status Run(Document& doc, StageState* state) const = 0;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_STAGE_H_
