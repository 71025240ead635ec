// Context loading (see context.h).
#include "pipeline/context.h"

#include <cstdlib>
#include <filesystem>

#include "extractors/claims/claim_extractor.h"
#include "extractors/dates/date_extractor.h"
#include "extractors/entities/entity_extractor.h"
#include "extractors/numbers/number_scanner.h"
#include "extractors/quantities/quantity_extractor.h"

namespace factmine {

std::string Context::ResolveLexiconDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("FACTMINE_LEXICON"); env && *env) return env;
  return FACTMINE_DEFAULT_LEXICON_DIR;
}

Context::Context() = default;
Context::~Context() = default;

Result<std::unique_ptr<Context>> Context::Load(const std::string& lexicon_dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(lexicon_dir, ec)) {
    return Status::NotFound("lexicon directory " + lexicon_dir +
                            " not found (set --lexicon or FACTMINE_LEXICON)");
  }
  auto ctx = std::make_unique<Context>();
  ctx->lexicon_dir = lexicon_dir;

  auto norm = Normalizer::Create(lexicon_dir);
  if (!norm.ok()) return norm.status();
  ctx->normalizer = std::make_unique<Normalizer>(std::move(norm).value());

  auto split = SentenceSplitter::Create(lexicon_dir);
  if (!split.ok()) return split.status();
  ctx->splitter = std::move(split).value();

  auto segmenter = WordSegmenter::Load(lexicon_dir);
  if (!segmenter.ok()) return segmenter.status();
  ctx->segmenter = std::move(segmenter).value();

  auto digest = LoadDigestConventions(lexicon_dir);
  if (!digest.ok()) return digest.status();
  ctx->digest = std::make_unique<DigestConventions>(std::move(digest).value());

  auto sources = SourceLinker::Load(lexicon_dir);
  if (!sources.ok()) return sources.status();
  ctx->sources = std::make_unique<SourceLinker>(std::move(sources).value());

  auto numbers = NumberScanner::Load(lexicon_dir);
  if (!numbers.ok()) return numbers.status();
  ctx->numbers = std::move(numbers).value();

  auto dates = DateExtractor::Load(lexicon_dir);
  if (!dates.ok()) return dates.status();
  ctx->dates = std::move(dates).value();

  auto quantities = QuantityExtractor::Load(lexicon_dir);
  if (!quantities.ok()) return quantities.status();
  ctx->quantities = std::move(quantities).value();

  auto entities = EntityExtractor::Load(lexicon_dir, *ctx->normalizer);
  if (!entities.ok()) return entities.status();
  ctx->entities = std::move(entities).value();
  // Entity names stay whole in word segmentation (北方稀土, 俄罗斯).
  if (Status s = ctx->segmenter->AddWords(ctx->entities->lexicon().ChineseNames()); !s.ok()) {
    return s;
  }

  auto claims = ClaimExtractor::Load(lexicon_dir);
  if (!claims.ok()) return claims.status();
  ctx->claims = std::move(claims).value();
  return ctx;
}

}  // namespace factmine
