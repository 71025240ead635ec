// factmine segment : Chinese word segmentation as a filter. Text in on
// standard input, line by line; the same lines out on standard output with
// their words separated by single spaces (pipeline/word_segmenter.h).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "pipeline/context.h"
#include "pipeline/document.h"
#include "pipeline/normalize.h"
#include "pipeline/text_util.h"
#include "pipeline/word_segmenter.h"
#include "tools/cli/commands.h"

namespace factmine::cli {

namespace {

struct SegmentArgs {
  bool raw = false;
  bool normalized = false;
  std::string words_file;
};

// Appends `word` without white space (normalization joins Chinese
// characters across a blank, "稀 土" is the word 稀土).
void AppendWord(std::string_view word, std::string* out) {
  for (char c : word) {
    if (!IsAsciiSpace(c)) out->push_back(c);
  }
}

int RunSegmentCommand(const GlobalOptions& g, const SegmentArgs& a) {
  auto ctx = Context::Load(Context::ResolveLexiconDir(g.lexicon));
  if (!ctx.ok()) return Fail(ctx.status().ToString());
  WordSegmenter& seg = *ctx.value()->segmenter;
  if (!a.words_file.empty()) {
    std::ifstream in(a.words_file);
    if (!in) {
      std::cerr << "factmine segment: cannot read " << a.words_file << "\n";
      return kExitUsage;
    }
    std::vector<std::string> words;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) words.push_back(line);
    }
    size_t skipped = 0;
    Status s = seg.AddWords(words, &skipped);
    if (!s.ok()) return Fail(a.words_file + ": " + s.ToString());
    if (skipped > 0) {
      std::cerr << "factmine segment: " << skipped << " word(s) of " << a.words_file
                << " skipped (white space, or longer than " << WordSegmenter::kMaxWordChars
                << " characters)\n";
    }
  }
  const Normalizer& norm = *ctx.value()->normalizer;
  auto ws = seg.NewWorkspace();

  std::ios::sync_with_stdio(false);
  std::string line, out;
  FieldText field;
  std::vector<Word> words;
  std::streambuf* in = std::cin.rdbuf();
  while (std::getline(std::cin, line)) {
    const bool cr = !line.empty() && line.back() == '\r';
    if (cr) line.pop_back();
    words.clear();
    size_t begin = out.size();
    if (a.raw) {
      seg.Segment(line, {0, static_cast<uint32_t>(line.size())}, *ws, &words);
      for (const Word& w : words) {
        if (out.size() > begin) out += ' ';
        out.append(line, w.span.begin, w.span.size());
      }
    } else {
      norm.Normalize(line, &field);
      seg.Segment(field.norm, {0, static_cast<uint32_t>(field.norm.size())}, *ws, &words);
      uint32_t done = 0;  // original bytes already printed
      for (const Word& w : words) {
        if (a.normalized) {
          if (out.size() > begin) out += ' ';
          out.append(field.norm, w.span.begin, w.span.size());
          continue;
        }
        // Two words from one replaced character (… became ...) print it once.
        Span o = field.map.ToOriginal(w.span);
        o.begin = std::max(o.begin, done);
        if (o.end <= o.begin) continue;
        if (out.size() > begin) out += ' ';
        AppendWord(std::string_view(line).substr(o.begin, o.size()), &out);
        done = o.end;
      }
    }
    if (cr) out += '\r';
    out += '\n';
    // Stream: write out before waiting for more input, or in 64 KB blocks.
    if (out.size() >= (1 << 16) || in->in_avail() <= 0) {
      Status s = WriteStdout(out);
      if (!s.ok()) return Fail(s.message());
      out.clear();
    }
  }
  Status s = WriteStdout(out);
  if (!s.ok()) return Fail(s.message());
  return kExitOk;
}

}  // namespace

void RegisterSegment(CLI::App& app, GlobalOptions& g, Action* run) {
  auto args = std::make_shared<SegmentArgs>();
  CLI::App* sub = app.add_subcommand(
      "segment",
      "Chinese word segmentation as a filter: reads UTF-8 text on standard input, line by\n"
      "line, and writes each line with its words separated by single spaces (one output\n"
      "line per input line, written as soon as the input pauses).\n"
      "Words come from ICU's Chinese dictionary plus the lexicon: the words of\n"
      "lexicon/zh_terms.tsv and of --words stay whole. Rules join numbers with their units\n"
      "(1998年, 30%, 三千多万元), dates and times, and Chinese, transliterated and place\n"
      "names. Latin letters and digits form one word per run (GDP, 5G, 3.5, U.S.), each\n"
      "punctuation mark is a word, white space only separates. Lines are normalized as\n"
      "ingest does (full-width forms, traditional characters) before segmenting, and words\n"
      "are printed as written.\n"
      "Example: echo '中国稀土产量占全球70%。' | factmine segment\n"
      "         中国 稀土 产量 占 全球 70% 。");
  sub->fallthrough();
  sub->add_flag("--raw", args->raw,
                "Segment each line exactly as given, without normalizing it first");
  sub->add_flag("--normalized", args->normalized,
                "Print the words as normalized (half-width digits, simplified characters)");
  sub->add_option("--words", args->words_file,
                  "A file of extra words that must stay whole, one a line (as entity names\n"
                  "are added)");
  sub->callback([&g, args, run] { *run = [&g, args] { return RunSegmentCommand(g, *args); }; });
}

}  // namespace factmine::cli
