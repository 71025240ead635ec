// Extract run: the streaming, database-free stage of SPEC §5 (`factmine
// extract`). Articles come in from files and directories (any format, as
// ingest reads them) or as JSONL from a stream (stdin); one JSON line per
// article goes out (pipeline/extract_json.h), in input order:
//
//   read (serial, in order) → analyze + format (parallel) → write (serial, in order)
//
// The parallel stage runs the Analyzer and formats the article's line, so the
// serial writer only copies bytes to the sink, in chunks of about
// `flush_bytes`. At most `max_in_flight` articles exist at once, so memory
// does not grow with the input (a stream of any length can be piped
// through, as Spark's RDD.pipe or Hadoop Streaming do).
//
// An article the reader could not produce (bad JSONL line, empty or binary
// file) or whose analysis failed is written in its place as
// {"id":..,"error":..}, counted in the report, and the run goes on. Only a
// sink failure (closed pipe, full disk) stops the run: the report's status
// then says why. Nothing is written to any database.
//
// Thread safety: RunExtract may run concurrently with other runs that use
// the same Context and Analyzer (both are immutable); the sink and the
// progress callback are called from one thread at a time.
// Lifetime: the Context, Analyzer, input stream and sink must outlive the
// call; nothing is kept after it returns.
#ifndef FACTMINE_PIPELINE_EXTRACT_RUN_H_
#define FACTMINE_PIPELINE_EXTRACT_RUN_H_

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/document.h"
#include "pipeline/status.h"

namespace factmine {

struct ExtractProgress {
  int64_t articles = 0;      // written so far
  uint64_t bytes_read = 0;   // input bytes consumed by the articles written
  uint64_t total_bytes = 0;  // sum of input file sizes (0 for a stream)
  double seconds = 0;
};

struct ExtractOptions {
  // Files or directories to read. Empty: read JSONL from `input`.
  std::vector<std::string> paths;
  // The JSONL stream read when `paths` is empty. REQUIRES: non-null then.
  std::istream* input = nullptr;
  // Name of `input` in position keys ("<stdin>#3"). Default: "<stdin>".
  std::string input_name = "<stdin>";
  // Format of every file; kAuto detects it per file. A stream must be
  // kAuto or kJsonl. Default: kAuto.
  Format format = Format::kAuto;
  // What goes into "quantities": the quantity layer (default), or with
  // `numbers` the number layer instead (every number with its own rule,
  // dimension "number": what a number recognizer is scored on). Then only
  // the quantities whose dimension is in `dimensions` (empty: all).
  bool numbers = false;
  // Also units named without an amount (QuantityExtractor::
  // ExtractUnitMentions), value null. Default: off.
  bool unit_mentions = false;
  std::vector<std::string> dimensions;
  int threads = 0;           // Default: 0 = all hardware threads
  int max_in_flight = 0;     // Default: 0 = 4 × threads
  size_t flush_bytes = 1u << 16;  // sink chunk size. Default: 64 KiB
  // Called from the writer at most ~10 times a second and once at the end.
  // Default: none.
  std::function<void(const ExtractProgress&)> progress;
};

// Receives the output, in order, in chunks of whole lines. A non-OK Status
// stops the run.
using ExtractSink = std::function<Status(std::string_view chunk)>;

struct ExtractReject {
  std::string id;       // as printed in the output line
  std::string message;  // the "error" of the output line
};

struct ExtractReport {
  int64_t articles = 0;  // lines written, rejected ones included
  int64_t rejected = 0;
  std::vector<ExtractReject> rejects;  // the first 1000
  uint64_t bytes = 0;                  // input bytes read
  double seconds = 0;
  // Non-OK when the sink failed; lines before the failure were delivered.
  Status status;
};

// Fails (before writing anything) with NotFound / InvalidInput when a path
// cannot be listed (see ArticleSource::Open), Usage when a stream is asked
// to be read as digest or text.
Result<ExtractReport> RunExtract(const Context& ctx, const Analyzer& analyzer,
                                 const ExtractOptions& options,
                                 const ExtractSink& sink);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_EXTRACT_RUN_H_
