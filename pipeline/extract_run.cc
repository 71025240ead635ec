// The extract pipeline (see extract_run.h).
#include "pipeline/extract_run.h"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>

#include "extractors/quantities/quantity_extractor.h"
#include "pipeline/article_source.h"
#include "pipeline/extract_json.h"
#include "pipeline/jsonl_reader.h"

namespace factmine {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxRejectsKept = 1000;

// What travels between the pipeline's filters: the article until it is
// formatted, then only its output line.
struct Item {
  std::unique_ptr<Document> doc;
  uint64_t bytes_read = 0;  // input consumed up to and including this article
  std::string line;         // the output line, '\n'-terminated
  bool rejected = false;
  ExtractReject reject;     // set when rejected
};

// Applies ExtractOptions::numbers, ::unit_mentions and ::dimensions to the
// analyzed article.
void SelectQuantities(const ExtractOptions& options, const Context& ctx, Document* doc) {
  if (options.numbers) {
    doc->quantities.clear();
    for (Field f : {Field::kTitle, Field::kText}) {
      for (const NumberMatch& n : doc->numbers[static_cast<int>(f)]) {
        doc->quantities.push_back(NumberAsQuantity(n, f));
      }
    }
  }
  if (options.unit_mentions) {
    std::vector<Quantity> all, amounts;
    for (Field f : {Field::kTitle, Field::kText}) {
      amounts.clear();
      for (const Quantity& q : doc->quantities) {
        if (q.field == f) amounts.push_back(q);
      }
      size_t first = all.size();
      all.insert(all.end(), amounts.begin(), amounts.end());
      size_t mentions = all.size();
      ctx.quantities->ExtractUnitMentions(doc->field(f).norm, amounts, &all);
      for (size_t k = mentions; k < all.size(); ++k) all[k].field = f;
      std::stable_sort(all.begin() + static_cast<std::ptrdiff_t>(first), all.end(),
                       [](const Quantity& a, const Quantity& b) {
                         return a.span.begin < b.span.begin;
                       });
    }
    doc->quantities = std::move(all);
  }
  if (options.dimensions.empty()) return;
  std::erase_if(doc->quantities, [&](const Quantity& q) {
    return std::find(options.dimensions.begin(), options.dimensions.end(), q.dimension) ==
           options.dimensions.end();
  });
}

}  // namespace

Result<ExtractReport> RunExtract(const Context& ctx, const Analyzer& analyzer,
                                 const ExtractOptions& options,
                                 const ExtractSink& sink) {
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(tbb::info::default_concurrency());
  const int in_flight = options.max_in_flight > 0 ? options.max_in_flight : 4 * threads;
  const size_t flush_bytes = std::max<size_t>(options.flush_bytes, 1);

  // The input: a batch of paths, or one JSONL stream.
  SourceOptions source_options;
  source_options.format = options.format;
  std::unique_ptr<ArticleSource> source;
  std::unique_ptr<JsonlReader> stream;
  if (!options.paths.empty()) {
    auto source_or = ArticleSource::Open(options.paths, source_options, *ctx.digest);
    if (!source_or.ok()) return source_or.status();
    source = std::move(source_or.value());
  } else {
    if (options.input == nullptr) return Status::Usage("no input: no paths and no stream");
    if (options.format != Format::kAuto && options.format != Format::kJsonl) {
      return Status::Usage("standard input is read as JSONL; --format " +
                           std::string(FormatName(options.format)) +
                           " needs file paths");
    }
    stream = std::make_unique<JsonlReader>(*options.input, source_options.max_line_bytes,
                                           options.input_name);
  }
  auto next = [&](RawArticle* raw) { return source ? source->Next(raw) : stream->Next(raw); };
  auto bytes_read = [&]() -> uint64_t {
    return source ? source->bytes_read() : stream->bytes_consumed();
  };
  const uint64_t total_bytes = source ? source->total_bytes() : 0;

  ExtractReport report;
  const auto start = Clock::now();
  auto last_progress = start;
  std::atomic<bool> stop{false};
  std::string buffer;
  buffer.reserve(flush_bytes + (flush_bytes >> 2));

  tbb::enumerable_thread_specific<std::unique_ptr<Analyzer::Workspace>> workspaces(
      [&analyzer] { return analyzer.NewWorkspace(); });

  auto report_progress = [&](bool final) {
    if (!options.progress) return;
    auto now = Clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(100)) return;
    last_progress = now;
    ExtractProgress p;
    p.articles = report.articles;
    p.bytes_read = report.bytes;
    p.total_bytes = total_bytes;
    p.seconds = std::chrono::duration<double>(now - start).count();
    options.progress(p);
  };

  auto flush = [&] {
    if (buffer.empty() || !report.status.ok()) return;
    if (Status s = sink(buffer); !s.ok()) {
      report.status = s;
      stop = true;
    }
    buffer.clear();
  };

  auto read = [&](tbb::flow_control& fc) -> Item {
    RawArticle raw;
    if (stop.load(std::memory_order_relaxed) || !next(&raw)) {
      fc.stop();
      return {};
    }
    Item item;
    item.doc = std::make_unique<Document>(std::move(raw));
    item.bytes_read = bytes_read();
    return item;
  };

  auto analyze = [&](Item item) -> Item {
    Document& doc = *item.doc;
    if (doc.raw().status.ok()) analyzer.Run(doc, *workspaces.local());
    if (doc.status.ok()) SelectQuantities(options, ctx, &doc);
    const Status& why = !doc.raw().status.ok() ? doc.raw().status : doc.status;
    if (why.ok()) {
      WriteExtractJson(doc, &item.line);
    } else {
      item.rejected = true;
      item.reject.id = ExtractId(doc.raw());
      item.reject.message = why.message();
      WriteExtractError(item.reject.id, item.reject.message, &item.line);
    }
    item.doc.reset();  // freed here, in parallel, not in the serial writer
    return item;
  };

  auto write = [&](Item item) {
    if (stop.load(std::memory_order_relaxed)) return;
    buffer += item.line;
    ++report.articles;
    report.bytes = item.bytes_read;
    if (item.rejected) {
      ++report.rejected;
      if (report.rejects.size() < kMaxRejectsKept) {
        report.rejects.push_back(std::move(item.reject));
      }
    }
    if (buffer.size() >= flush_bytes) flush();
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
  flush();
  report.bytes = std::max(report.bytes, bytes_read());
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report_progress(true);
  return report;
}

}  // namespace factmine
