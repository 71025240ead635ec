// The ingest pipeline (see ingest.h).
#include "pipeline/ingest.h"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <unordered_set>

#include "pipeline/article_source.h"
#include "pipeline/content_hash.h"

namespace factmine {

namespace {

using Clock = std::chrono::steady_clock;

// What travels between the pipeline's filters.
struct Item {
  std::unique_ptr<Document> doc;
  // Content stored by the current analysis when the run began: analysis
  // skipped.
  bool known = false;
};

// The writer's view of the file being stored: which articles it holds now,
// so that articles it no longer holds can be removed once it is read.
struct FileState {
  std::string path;
  std::unordered_set<std::string> seen;  // ids read from the file
  int64_t added = 0;                     // of those, newly stored
  bool clean = true;                     // no article of it was rejected
};

}  // namespace

Result<IngestReport> RunIngest(const Context& ctx, const Analyzer& analyzer,
                               FactStore& store, const IngestOptions& options) {
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(tbb::info::default_concurrency());
  const int in_flight = options.max_in_flight > 0 ? options.max_in_flight : 4 * threads;
  const int batch_size = options.batch_size > 0 ? options.batch_size : 256;

  SourceOptions source_options;
  source_options.format = options.format;
  auto source_or = ArticleSource::Open(options.paths, source_options, *ctx.digest);
  if (!source_or.ok()) return source_or.status();
  ArticleSource& source = *source_or.value();

  auto known_or = store.CurrentDocumentIds();
  if (!known_or.ok()) return known_or.status();
  const std::unordered_set<std::string> known(known_or->begin(), known_or->end());
  known_or.value().clear();

  auto run_or = store.BeginRun(options.paths, threads);
  if (!run_or.ok()) return run_or.status();

  IngestReport report;
  report.run_id = run_or.value();
  FactStore::RunSummary& sum = report.summary;
  sum.files = static_cast<int64_t>(source.file_count());

  const auto start = Clock::now();
  auto last_progress = start;
  std::atomic<bool> stop{false};
  Status fatal;
  int in_batch = 0;

  tbb::enumerable_thread_specific<std::unique_ptr<Analyzer::Workspace>> workspaces(
      [&analyzer] { return analyzer.NewWorkspace(); });
  // For the rare article that was stored when the run began but removed by
  // the time it reaches the writer (it moved to a later file): analyzed in
  // the writer.
  std::unique_ptr<Analyzer::Workspace> writer_ws = analyzer.NewWorkspace();

  // Ends the writer's current file: removes its stored articles that the
  // file no longer holds. A removed article whose place a new one took is
  // counted as replaced.
  FileState file;
  auto finish_file = [&]() -> Status {
    if (file.path.empty() || !file.clean) return Status::Ok();
    auto removed = store.RemoveUnseen(file.path, file.seen);
    if (!removed.ok()) return removed.status();
    const int64_t replaced = std::min(removed.value(), file.added);
    sum.ingested -= replaced;
    sum.replaced += replaced;
    report.removed += removed.value() - replaced;
    return Status::Ok();
  };

  auto report_progress = [&](bool final) {
    if (!options.progress) return;
    auto now = Clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(100)) return;
    last_progress = now;
    IngestProgress p;
    p.articles = sum.ingested + sum.unchanged + sum.reanalyzed + sum.replaced +
                 sum.rejected;
    p.bytes_read = source.bytes_read();
    p.total_bytes = source.total_bytes();
    p.seconds = std::chrono::duration<double>(now - start).count();
    options.progress(p);
  };

  auto read = [&](tbb::flow_control& fc) -> Item {
    RawArticle raw;
    if (stop.load(std::memory_order_relaxed) || !source.Next(&raw)) {
      fc.stop();
      return {};
    }
    Item item;
    item.doc = std::make_unique<Document>(std::move(raw));
    if (item.doc->raw().status.ok()) {
      item.doc->id = ContentHash(item.doc->raw());
      item.known = known.count(item.doc->id) > 0;
    }
    return item;
  };

  auto analyze = [&](Item item) -> Item {
    Document& doc = *item.doc;
    if (doc.raw().status.ok() && !item.known) {
      analyzer.Run(doc, *workspaces.local());
    }
    return item;
  };

  auto write = [&](Item item) {
    if (stop.load(std::memory_order_relaxed)) return;
    Document& doc = *item.doc;
    auto fail = [&](const Status& s) {
      fatal = s;
      stop = true;
    };
    if (in_batch == 0) {
      if (Status s = store.BeginBatch(); !s.ok()) return fail(s);
    }
    if (doc.raw().path != file.path) {
      if (Status s = finish_file(); !s.ok()) return fail(s);
      file = FileState();
      file.path = doc.raw().path;
    }
    if (item.known && doc.raw().status.ok()) {
      auto has = store.HasDocument(doc.id);
      if (!has.ok()) return fail(has.status());
      if (!has.value()) analyzer.Run(doc, *writer_ws);
    }
    const Status& why = !doc.raw().status.ok() ? doc.raw().status : doc.status;
    if (!why.ok()) {
      if (Status s = store.PutReject(report.run_id, doc.raw(), why); !s.ok()) return fail(s);
      file.clean = false;
      ++sum.rejected;
      if (report.rejects.size() < 1000) {
        report.rejects.push_back({doc.raw().path, doc.raw().position, doc.raw().line, why});
      }
    } else {
      auto put = store.Put(doc, report.run_id);
      if (!put.ok()) return fail(put.status());
      file.seen.insert(doc.id);
      if (!doc.raw().notes.empty() && put.value() == FactStore::PutOutcome::kIngested) {
        ++report.noted;
        for (const std::string& note : doc.raw().notes) {
          if (report.notes.size() >= 1000) break;
          report.notes.push_back({doc.raw().path, doc.raw().position, doc.raw().line, note});
        }
      }
      switch (put.value()) {
        case FactStore::PutOutcome::kIngested:
          ++sum.ingested;
          ++file.added;
          break;
        case FactStore::PutOutcome::kUnchanged:
          ++sum.unchanged;
          break;
        case FactStore::PutOutcome::kReanalyzed:
          ++sum.reanalyzed;
          break;
      }
    }
    if (++in_batch >= batch_size) {
      in_batch = 0;
      if (Status s = store.CommitBatch(); !s.ok()) return fail(s);
    }
    report_progress(false);
  };

  // Honour --threads even above the core count (TBB caps workers at the
  // number of cores unless told otherwise).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism,
                            static_cast<size_t>(std::max(threads, 1)));
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(in_flight),
        tbb::make_filter<void, Item>(tbb::filter_mode::serial_in_order, read) &
            tbb::make_filter<Item, Item>(tbb::filter_mode::parallel, analyze) &
            tbb::make_filter<Item, void>(tbb::filter_mode::serial_in_order, write));
  });

  if (fatal.ok()) {
    // The last file was read to its end (a stopped run never gets here with
    // an OK status, so a half-read file is never swept).
    if (in_batch == 0 && !file.path.empty()) {
      if (Status s = store.BeginBatch(); !s.ok()) fatal = s;
      else in_batch = 1;
    }
    if (fatal.ok()) {
      if (Status s = finish_file(); !s.ok()) fatal = s;
    }
  }
  if (in_batch > 0) {
    // Commit what was stored even after a failure: every Put is atomic.
    if (Status s = store.CommitBatch(); !s.ok() && fatal.ok()) fatal = s;
  }
  sum.bytes = std::max<uint64_t>(sum.bytes, source.bytes_read());
  sum.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report_progress(true);
  report.status = fatal;
  if (Status s = store.FinishRun(report.run_id, sum, fatal.ok()); !s.ok() && fatal.ok()) {
    report.status = s;
  }
  return report;
}

}  // namespace factmine
