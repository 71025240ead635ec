// ArticleSource: walks the paths of a batch and yields its articles one at a
// time, in a deterministic order (SPEC §1, §6).
//
// Each path is a file or a directory. Directories are recursed; inside one,
// entries are taken in byte order of their names, depth first, and names
// starting with '.' (hidden files and directories) are skipped. A hidden
// file named explicitly on the command line is read. Symbolic links are
// followed (a directory reached twice is walked once); sockets, FIFOs and
// broken links met while walking are skipped. A file reached twice is read
// once.
//
// Per file, the format is options.format, or with Format::kAuto detected
// from content: jsonl if the first non-space character is '{' and one of
// the first four non-blank lines parses as a JSON object (or the first line
// is longer than the 1 MiB sniff window); digest if LooksLikeDigest; text
// otherwise.
// UTF-8 JSONL files (first 1 MiB valid UTF-8, no UTF-16 BOM) are streamed
// line by line through JsonlReader, so their size is not limited; every
// other file is read whole (at most options.max_file_bytes), decoded with
// DecodeToUtf8 and split by the digest reader, the text reader, or a
// JsonlReader over the decoded text.
//
// Every yielded article has path (absolute, lexically normal), format,
// encoding, key ("jsonl:<id>" or "<path>#<position>") and the decoding notes
// (before the reader's own notes). A file-level failure yields ONE article
// with position 0, key "<path>#0", bytes = the file's size at Open and a
// non-OK status: "file vanished" (NotFound), "cannot open: …", "cannot
// read: …", "cannot list directory: …" (IoError), "empty file", "binary file
// (…)", "undecodable (…)", "file too big (N bytes; the limit is M bytes)", "no
// articles found in digest" (InvalidInput).
//
// Thread safety: not thread-safe: one thread calls Next (the pipeline's
// serial reader stage). bytes_read() may be read from that thread only.
// Lifetime: `conventions` passed to Open must outlive the source. The
// source owns its open file and the articles not yet yielded.
#ifndef FACTMINE_PIPELINE_ARTICLE_SOURCE_H_
#define FACTMINE_PIPELINE_ARTICLE_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/digest_reader.h"
#include "pipeline/document.h"
#include "pipeline/jsonl_reader.h"
#include "pipeline/status.h"

namespace factmine {

struct SourceOptions {
  // Format of every file; kAuto detects it per file. Default: kAuto.
  Format format = Format::kAuto;
  // Largest file read whole (everything but streamed JSONL). Default: 512 MiB.
  size_t max_file_bytes = 512u << 20;
  // Longest JSONL line, newline excluded. Default: 256 MiB.
  size_t max_line_bytes = 256u << 20;
};

class ArticleSource {
 public:
  // Lists the batch. Fails with NotFound "no such file or directory: P" for
  // a path that does not exist, InvalidInput "not a file or directory: P"
  // for a path that is neither (a FIFO, a socket). Files are not opened yet.
  static Result<std::unique_ptr<ArticleSource>> Open(
      const std::vector<std::string>& paths, const SourceOptions& options,
      const DigestConventions& conventions);

  ArticleSource(const ArticleSource&) = delete;
  ArticleSource& operator=(const ArticleSource&) = delete;
  ~ArticleSource();

  // Sum of the files' sizes at Open (for progress bars).
  uint64_t total_bytes() const { return total_bytes_; }
  // Number of files listed at Open.
  size_t file_count() const { return file_count_; }
  // Bytes consumed so far: finished files count with their size at Open, so
  // this equals total_bytes() once Next has returned false.
  uint64_t bytes_read() const;

  // Fills *out with the next article (possibly one with a non-OK status, to
  // be recorded as a reject); returns false at the end of the batch.
  bool Next(RawArticle* out);

 private:
  struct Entry {
    std::string path;   // absolute, lexically normal
    uint64_t size = 0;  // at Open
    Status error;       // set for what cannot be read: an unlistable
                        // directory, a broken link, a FIFO or device
  };

  ArticleSource(const SourceOptions& options,
                const DigestConventions& conventions);
  void AddDirectory(const std::string& dir);
  void AddFile(const std::string& path, uint64_t size);
  // Opens entries_[next_entry_] and queues its articles or starts streaming.
  void StartFile(const Entry& e);
  void Reject(const Entry& e, Status status);
  // Stamps path, format, encoding and notes onto a reader's article.
  void Stamp(RawArticle* a) const;
  void FinishFile();

  SourceOptions options_;
  const DigestConventions& conventions_;
  std::vector<Entry> entries_;
  std::set<std::string> seen_files_;  // a file named twice is read once
  std::set<std::string> seen_dirs_;   // canonical: symlink loops end
  uint64_t total_bytes_ = 0;
  size_t file_count_ = 0;

  size_t next_entry_ = 0;
  uint64_t done_bytes_ = 0;
  // The file being read.
  const Entry* current_ = nullptr;
  uint64_t current_read_ = 0;  // bytes of a file read whole
  Format current_format_ = Format::kAuto;
  std::string current_encoding_;
  std::vector<std::string> current_notes_;
  std::deque<RawArticle> pending_;
  std::unique_ptr<std::ifstream> file_;
  std::unique_ptr<std::istringstream> memory_;
  std::unique_ptr<JsonlReader> jsonl_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_ARTICLE_SOURCE_H_
