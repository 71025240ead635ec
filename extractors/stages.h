// The extractor stages of the Analyzer (pipeline/analyzer.h):
//
//   numbers     requires norm, citations   provides numbers
//   dates       requires numbers           provides dates
//   quantities  requires numbers, dates    provides quantities
//   entities    requires dates, quantities provides entities
//   claims      requires sentences, sections, entities, quantities, dates
//               provides claims (only sentences holding a quantity are read)
//
// Each runs over both fields (title and text). When the sentence layer is
// present, every date, quantity and entity gets the index of the sentence
// holding it; otherwise its sentence is kNoSentence (`factmine extract`
// skips sentence splitting). The entities stage needs no word tokens.
//
// Thread safety: stages are immutable; see pipeline/stage.h.
// Lifetime: the Context must outlive the stages.
#ifndef FACTMINE_EXTRACTORS_STAGES_H_
#define FACTMINE_EXTRACTORS_STAGES_H_

#include <memory>

#include "pipeline/context.h"
#include "pipeline/stage.h"

namespace factmine {

std::unique_ptr<Stage> MakeNumberStage(const Context& ctx);
std::unique_ptr<Stage> MakeDateStage(const Context& ctx);
std::unique_ptr<Stage> MakeQuantityStage(const Context& ctx);
std::unique_ptr<Stage> MakeEntityStage(const Context& ctx);
std::unique_ptr<Stage> MakeClaimStage(const Context& ctx);

}  // namespace factmine

#endif  // FACTMINE_EXTRACTORS_STAGES_H_
