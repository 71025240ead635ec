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
#include <optional>
#include <unordered_set>

#include "extractors/entities/entity_extractor.h"
#include "pipeline/article_source.h"
#include "pipeline/content_hash.h"
#include "pipeline/cpu_time.h"

namespace factmine {

namespace {

using Clock = std::chrono::steady_clock;

// What travels between the pipeline's filters.
struct Item {
  std::unique_ptr<Document> doc;
  // Content stored by the current analysis when the run began: analysis
  // skipped.
  bool known = false;
  // The rows the writer stores, prepared by the parallel stage (absent for
  // known and rejected articles).
  std::optional<FactStore::PreparedArticle> rows;
};

// What the open batch stored, counted into the run's summary once the
// batch is committed (a batch rolled back after a fact-base error stored
// nothing).
struct BatchCounts {
  FactStore::RunSummary sum;  // files, bytes and seconds unused
  int64_t removed = 0;
  int64_t noted = 0;

  void AddTo(FactStore::RunSummary* total, IngestReport* report) const {
    total->ingested += sum.ingested;
    total->unchanged += sum.unchanged;
    total->reanalyzed += sum.reanalyzed;
    total->replaced += sum.replaced;
    total->rejected += sum.rejected;
    report->removed += removed;
    report->noted += noted;
  }
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
  const int batch_size = options.batch_size > 0 ? options.batch_size : 1024;

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
  const double cpu_start = options.profile ? ProcessCpuSeconds() : 0;
  store.set_profiling(options.profile);
  // CPU nanoseconds of the parallel stage, summed over its threads.
  std::atomic<int64_t> analyze_ns{0};
  double read_cpu = 0, store_cpu = 0, store_wall = 0;
  auto last_progress = start;
  std::atomic<bool> stop{false};
  Status fatal;
  int in_batch = 0;  // articles in the open batch
  BatchCounts batch;
  // Commits the open batch and counts what it stored.
  auto commit = [&]() -> Status {
    in_batch = 0;
    Status s = store.CommitBatch();
    if (s.ok()) batch.AddTo(&sum, &report);
    batch = BatchCounts();
    return s;
  };

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
    batch.sum.ingested -= replaced;
    batch.sum.replaced += replaced;
    batch.removed += removed.value() - replaced;
    return Status::Ok();
  };

  auto report_progress = [&](bool final) {
    if (!options.progress) return;
    auto now = Clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(100)) return;
    last_progress = now;
    IngestProgress p;
    p.articles = sum.ingested + sum.unchanged + sum.reanalyzed + sum.replaced +
                 sum.rejected + batch.sum.ingested + batch.sum.unchanged +
                 batch.sum.reanalyzed + batch.sum.replaced + batch.sum.rejected;
    p.bytes_read = source.bytes_read();
    p.total_bytes = source.total_bytes();
    p.seconds = std::chrono::duration<double>(now - start).count();
    options.progress(p);
  };

  auto read_one = [&](tbb::flow_control& fc) -> Item {
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
  auto read = [&](tbb::flow_control& fc) -> Item {
    if (!options.profile) return read_one(fc);
    const double t0 = ThreadCpuSeconds();
    Item item = read_one(fc);
    read_cpu += ThreadCpuSeconds() - t0;
    return item;
  };

  // Linked entities' Chinese names and countries (entities table).
  const EntityLexicon* lexicon =
      ctx.entities != nullptr ? &ctx.entities->lexicon() : nullptr;
  store.set_entity_lexicon(lexicon);
  auto analyze = [&](Item item) -> Item {
    Document& doc = *item.doc;
    if (doc.raw().status.ok() && !item.known) {
      const double t0 = options.profile ? ThreadCpuSeconds() : 0;
      analyzer.Run(doc, *workspaces.local());
      if (doc.status.ok()) {
        // Checked and converted here, in parallel: the writer only writes.
        // Layers the store refuses (an analysis bug) reject the article.
        auto rows = FactStore::Prepare(doc, lexicon);
        if (rows.ok()) {
          item.rows = std::move(rows).value();
        } else {
          doc.status = rows.status();
        }
      }
      if (options.profile) {
        analyze_ns.fetch_add(static_cast<int64_t>((ThreadCpuSeconds() - t0) * 1e9),
                             std::memory_order_relaxed);
      }
    }
    return item;
  };

  auto write_one = [&](Item item) {
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
      ++batch.sum.rejected;
      if (report.rejects.size() < 1000) {
        report.rejects.push_back({doc.raw().path, doc.raw().position, doc.raw().line, why});
      }
    } else {
      auto put = item.rows ? store.Put(doc, *item.rows, report.run_id)
                           : store.Put(doc, report.run_id);
      if (!put.ok()) return fail(put.status());
      file.seen.insert(doc.id);
      if (!doc.raw().notes.empty() && put.value() == FactStore::PutOutcome::kIngested) {
        ++batch.noted;
        for (const std::string& note : doc.raw().notes) {
          if (report.notes.size() >= 1000) break;
          report.notes.push_back({doc.raw().path, doc.raw().position, doc.raw().line, note});
        }
      }
      switch (put.value()) {
        case FactStore::PutOutcome::kIngested:
          ++batch.sum.ingested;
          ++file.added;
          break;
        case FactStore::PutOutcome::kUnchanged:
          ++batch.sum.unchanged;
          break;
        case FactStore::PutOutcome::kReanalyzed:
          ++batch.sum.reanalyzed;
          break;
      }
    }
    if (++in_batch >= batch_size) {
      if (Status s = commit(); !s.ok()) return fail(s);
    }
    report_progress(false);
  };
  auto write = [&](Item item) {
    if (!options.profile) return write_one(std::move(item));
    const double t0 = ThreadCpuSeconds();
    const auto w0 = Clock::now();
    write_one(std::move(item));
    store_cpu += ThreadCpuSeconds() - t0;
    store_wall += std::chrono::duration<double>(Clock::now() - w0).count();
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

  const double tail_cpu = options.profile ? ThreadCpuSeconds() : 0;
  const auto tail_wall = Clock::now();
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
  if (store.in_batch()) {
    // Commit what was stored even after a failure: an article is either
    // stored whole or not at all (a Put that failed in SQLite rolled the
    // batch back and closed it).
    if (Status s = commit(); !s.ok() && fatal.ok()) fatal = s;
  }
  if (options.profile) {
    store_cpu += ThreadCpuSeconds() - tail_cpu;
    store_wall += std::chrono::duration<double>(Clock::now() - tail_wall).count();
  }
  sum.bytes = std::max<uint64_t>(sum.bytes, source.bytes_read());
  sum.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report_progress(true);
  if (options.profile) {
    IngestProfile& p = report.profile;
    p.read = read_cpu;
    p.analyze = static_cast<double>(analyze_ns.load()) * 1e-9;
    p.store = store_cpu;
    p.process = ProcessCpuSeconds() - cpu_start;
    p.store_wall = store_wall;
    p.wall = sum.seconds;
    p.tables = store.profile();
    store.set_profiling(false);
  }
  report.status = fatal;
  if (Status s = store.FinishRun(report.run_id, sum, fatal.ok()); !s.ok() && fatal.ok()) {
    report.status = s;
  }
  return report;
}

}  // namespace factmine
