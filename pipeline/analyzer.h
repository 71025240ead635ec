// Analyzer: the ordered list of analysis stages one article goes through
// (normalize → citations → structure → sentences → tokens → extractors).
//
// Built once from a Context; Create() checks that every stage's required
// layers are provided by an earlier stage. Run() never throws: a stage that
// fails or throws sets Document::status ("stage 'sentences': …") and the
// article is rejected; the batch goes on.
//
// Thread safety: immutable after Create; Run may be called from many
// threads at once, each with its own Workspace (NewWorkspace()).
// Lifetime: the Context must outlive the Analyzer; a Workspace must not
// outlive its Analyzer.
#ifndef FACTMINE_PIPELINE_ANALYZER_H_
#define FACTMINE_PIPELINE_ANALYZER_H_

#include <memory>
#include <string_view>
#include <vector>

#include "pipeline/context.h"
#include "pipeline/document.h"
#include "pipeline/stage.h"

namespace factmine {

class Analyzer {
 public:
  class Workspace {
   private:
    friend class Analyzer;
    std::vector<std::unique_ptr<StageState>> states_;
  };

  // The standard stages of ingest: normalize, citations, structure,
  // sentences, tokens (Chinese word segmentation, when `with_tokens`),
  // numbers, dates, quantities, entities, claims.
  static Result<std::unique_ptr<Analyzer>> Create(const Context& ctx,
                                                  bool with_tokens = true);
  // The stages `factmine extract` needs: the standard stages without word
  // tokens (no extractor reads them).
  static Result<std::unique_ptr<Analyzer>> CreateForExtract(const Context& ctx);
  // A custom stage list (tests, later extractor sets). The layers in
  // `given` count as provided before the first stage.
  static Result<std::unique_ptr<Analyzer>> FromStages(
      std::vector<std::unique_ptr<Stage>> stages,
      std::vector<std::string_view> given = {});

  std::unique_ptr<Workspace> NewWorkspace() const;
  void Run(Document& doc, Workspace& ws) const;
  std::vector<std::string_view> stage_names() const;

 private:
  std::vector<std::unique_ptr<Stage>> stages_;
};

// The standard stages, for callers that assemble their own list.
std::unique_ptr<Stage> MakeNormalizeStage(const Context& ctx);
std::unique_ptr<Stage> MakeCitationStage();
std::unique_ptr<Stage> MakeStructureStage();
std::unique_ptr<Stage> MakeSentenceStage(const Context& ctx);
std::unique_ptr<Stage> MakeTokenStage(const Context& ctx);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_ANALYZER_H_
