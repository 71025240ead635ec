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
  bool known = false;  // content already stored: skip analysis
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

  auto known_or = store.DocumentIds();
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

  auto report_progress = [&](bool final) {
    if (!options.progress) return;
    auto now = Clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(100)) return;
    last_progress = now;
    IngestProgress p;
    p.articles = sum.ingested + sum.unchanged + sum.replaced + sum.rejected;
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
    const Document& doc = *item.doc;
    if (in_batch == 0) {
      if (Status s = store.BeginBatch(); !s.ok()) {
        fatal = s;
        stop = true;
        return;
      }
    }
    const Status& why = !doc.raw().status.ok() ? doc.raw().status : doc.status;
    if (!why.ok()) {
      if (Status s = store.PutReject(report.run_id, doc.raw(), why); !s.ok()) {
        fatal = s;
        stop = true;
        return;
      }
      ++sum.rejected;
      if (report.rejects.size() < 1000) {
        report.rejects.push_back({doc.raw().path, doc.raw().position, doc.raw().line, why});
      }
    } else {
      auto put = store.Put(doc, report.run_id);
      if (!put.ok()) {
        fatal = put.status();
        stop = true;
        return;
      }
      if (!doc.raw().notes.empty() && put.value() != FactStore::PutOutcome::kUnchanged) {
        ++report.noted;
        for (const std::string& note : doc.raw().notes) {
          if (report.notes.size() >= 1000) break;
          report.notes.push_back({doc.raw().path, doc.raw().position, doc.raw().line, note});
        }
      }
      switch (put.value()) {
        case FactStore::PutOutcome::kIngested: ++sum.ingested; break;
        case FactStore::PutOutcome::kUnchanged: ++sum.unchanged; break;
        case FactStore::PutOutcome::kReplaced: ++sum.replaced; break;
      }
    }
    sum.bytes += doc.raw().bytes;
    if (++in_batch >= batch_size) {
      in_batch = 0;
      if (Status s = store.CommitBatch(); !s.ok()) {
        fatal = s;
        stop = true;
        return;
      }
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

  if (in_batch > 0 && fatal.ok()) {
    if (Status s = store.CommitBatch(); !s.ok()) fatal = s;
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
