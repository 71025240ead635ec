// Ingest: runs a batch through the oneTBB pipeline
//
//   read (serial, in order) → analyze (parallel) → store (serial, in order)
//
// The reader pulls one article at a time from an ArticleSource and hashes
// it; an article whose content hash is already stored, by the current
// analysis (kAnalysisVersion), skips analysis. One stored by an older
// analysis is analysed again and its layers replaced (counted as
// reanalyzed). The
// analyzer runs the Analyzer's stages on a worker thread with that thread's
// Workspace, then prepares the article's rows for the store
// (FactStore::Prepare: checks and offset conversion), so that the serial
// writer only writes. The writer stores articles in input order, committing
// every `batch_size` articles (and at the end), so a killed ingest loses at
// most the uncommitted batch and a re-run completes it. At most
// `max_in_flight` articles exist at once, so memory does not grow with the
// batch.
//
// An article is its content hash. Re-reading a file stores its new and
// edited articles, moves unchanged ones to their new positions, and, once
// the whole file is read, removes the stored articles it no longer holds
// (an edited article thus replaces its old version). A file with a rejected
// article is not swept, so nothing it may still hold is lost.
//
// A failure in one article (reader error, analysis error, layers the store
// refuses) becomes a `rejects` row and never stops the batch; only a
// fact-base error (disk full, database locked) stops it, after committing
// the open batch, unless the error struck while an article was being
// written: then the open batch was rolled back (FactStore::Put), as a crash
// would, and a re-run stores it. The summary counts only committed work.
//
// Thread safety: RunIngest is not reentrant on one FactStore.
// Lifetime: the Context, Analyzer and FactStore must outlive the call.
#ifndef FACTMINE_PIPELINE_INGEST_H_
#define FACTMINE_PIPELINE_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/document.h"
#include "pipeline/fact_store.h"

namespace factmine {

struct IngestProgress {
  int64_t articles = 0;     // stored + unchanged + reanalyzed + rejected so far
  uint64_t bytes_read = 0;  // input bytes consumed by the reader
  uint64_t total_bytes = 0; // sum of input file sizes
  double seconds = 0;
};

struct IngestOptions {
  std::vector<std::string> paths;
  Format format = Format::kAuto;  // Default: detect per file
  int threads = 0;                // Default: 0 = all hardware threads
  // Articles per transaction. Each commit writes every page its batch
  // changed (new rows, but also the B-tree pages the random content-hash
  // keys spread them over), so larger batches write less: on en_news, 1024
  // instead of 256 cut the commits' CPU by a third. Default: 1024
  int batch_size = 1024;
  int max_in_flight = 0;          // Default: 0 = 4 × threads
  // Called from the writer after each article, at most ~10 times a second
  // and once at the end. Default: none.
  std::function<void(const IngestProgress&)> progress;
  // Measure where the time goes (IngestReport::profile). Costs a few clock
  // reads per article and per table. Default: false.
  bool profile = false;
};

// Where an ingest spent its time, in CPU seconds (user + system), when
// IngestOptions::profile is set. read + analyze + store is the work of the
// three pipeline stages; the rest of `process` is the threads' start-up,
// idle spinning and scheduling (TBB workers that wait for the serial
// stages), opening the input and the run's bookkeeping.
struct IngestProfile {
  double read = 0;     // reader stage: reading, decoding, hashing articles
  double analyze = 0;  // analyze stage, summed over the worker threads
  double store = 0;    // writer stage: every FactStore call, commits included
  double process = 0;  // the whole process during RunIngest
  double store_wall = 0;  // wall seconds the writer stage was running
  double wall = 0;        // wall seconds of RunIngest
  FactStore::Profile tables;  // the store's time by table (part of `store`)
};

struct RejectInfo {
  std::string path;
  uint32_t position = 0;
  uint32_t line = 0;
  Status why;
};

// A stored article whose input needed repair ("3 NUL bytes removed").
struct NoteInfo {
  std::string path;
  uint32_t position = 0;
  uint32_t line = 0;
  std::string note;
};

struct IngestReport {
  int64_t run_id = 0;
  FactStore::RunSummary summary;
  std::vector<RejectInfo> rejects;  // the first 1000, for the summary
  std::vector<NoteInfo> notes;      // the first 1000 repairs of stored articles
  int64_t noted = 0;                // stored articles with notes, in all
  // Articles removed because their file no longer holds them, beyond those
  // counted as replaced (a new article took their place).
  int64_t removed = 0;
  IngestProfile profile;  // zero unless IngestOptions::profile
  // Non-OK when the batch stopped early (fact-base error); what was stored
  // before stays stored.
  Status status;
};

Result<IngestReport> RunIngest(const Context& ctx, const Analyzer& analyzer,
                               FactStore& store, const IngestOptions& options);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_INGEST_H_
