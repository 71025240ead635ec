// Walking a batch and reading its files (see article_source.h).
#include "pipeline/article_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "pipeline/encoding.h"
#include "pipeline/text_reader.h"

namespace factmine {

namespace fs = std::filesystem;

namespace {

// How much of a file is read to choose how to read it.
constexpr size_t kSniffBytes = 1u << 20;
// How many non-blank lines the JSONL test tries.
constexpr int kJsonlProbeLines = 4;

bool IsBlankLine(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

// `text` is the start of a file (after any UTF-8 BOM); `complete` says
// whether it is the whole file. See the header for the rule.
bool LooksLikeJsonl(std::string_view text, bool complete) {
  size_t first = text.find_first_not_of(" \t\r\n\v\f");
  if (first == std::string_view::npos || text[first] != '{') return false;
  int tried = 0;
  size_t pos = 0;
  while (tried < kJsonlProbeLines && pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos && !complete) {
      // A line runs past the window: a huge first record is still JSONL.
      return tried == 0;
    }
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (IsBlankLine(line)) continue;
    ++tried;
    nlohmann::json j =
        nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) return true;
  }
  return false;
}

// Length of `s` without an incomplete UTF-8 sequence cut off at its end.
size_t CompleteUtf8Prefix(std::string_view s) {
  size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    auto c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: look further
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return len > back ? n - back : n;
  }
  return n;
}

// Whether a sniffed JSONL start can be streamed as UTF-8: valid UTF-8 and
// not binary (few control bytes).
bool StreamableUtf8(std::string_view sniff, bool complete) {
  if (sniff.substr(0, 2) == "\xFF\xFE" || sniff.substr(0, 2) == "\xFE\xFF") {
    return false;
  }
  std::string_view check =
      complete ? sniff : sniff.substr(0, CompleteUtf8Prefix(sniff));
  if (!IsValidUtf8(check)) return false;
  size_t control = 0;
  for (char ch : check) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0c) ||
        c == 0x7f) {
      ++control;
    }
  }
  return !(control > 4 && control * 100 > check.size());
}

std::string PositionKey(const std::string& path, uint32_t position) {
  return path + "#" + std::to_string(position);
}

// An absolute, lexically normal path without a trailing separator.
std::string NormalPath(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  abs = abs.lexically_normal();
  if (!abs.has_filename() && abs.has_relative_path()) abs = abs.parent_path();
  return abs.string();
}

}  // namespace

ArticleSource::ArticleSource(const SourceOptions& options,
                             const DigestConventions& conventions)
    : options_(options), conventions_(conventions) {}

ArticleSource::~ArticleSource() = default;

Result<std::unique_ptr<ArticleSource>> ArticleSource::Open(
    const std::vector<std::string>& paths, const SourceOptions& options,
    const DigestConventions& conventions) {
  std::unique_ptr<ArticleSource> source(
      new ArticleSource(options, conventions));
  for (const std::string& given : paths) {
    std::string path = NormalPath(given);
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (st.type() == fs::file_type::not_found) {
      return Status::NotFound("no such file or directory: " + given);
    }
    if (ec) {
      return Status::IoError("cannot access " + given + ": " + ec.message());
    }
    if (fs::is_directory(st)) {
      source->AddDirectory(path);
    } else if (fs::is_regular_file(st)) {
      uint64_t size = fs::file_size(path, ec);
      source->AddFile(path, ec ? 0 : size);
    } else {
      return Status::InvalidInput("not a file or directory: " + given);
    }
  }
  return source;
}

void ArticleSource::AddFile(const std::string& path, uint64_t size) {
  if (!seen_files_.insert(path).second) return;
  Entry e;
  e.path = path;
  e.size = size;
  entries_.push_back(std::move(e));
  total_bytes_ += size;
  ++file_count_;
}

void ArticleSource::AddDirectory(const std::string& dir) {
  std::error_code ec;
  fs::path canonical = fs::canonical(dir, ec);
  if (!seen_dirs_.insert(ec ? dir : canonical.string()).second) return;

  auto fail = [&](const std::error_code& why) {
    Entry e;
    e.path = dir;
    e.error = Status::IoError("cannot list directory: " + why.message());
    entries_.push_back(std::move(e));
  };
  std::vector<std::string> names;
  fs::directory_iterator it(dir, ec);
  if (ec) return fail(ec);
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return fail(ec);
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    names.push_back(std::move(name));
  }
  if (ec) return fail(ec);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string child = (fs::path(dir) / name).string();
    fs::file_status st = fs::status(child, ec);  // follows symbolic links
    if (fs::is_directory(st)) {
      AddDirectory(child);
    } else if (fs::is_regular_file(st)) {
      uint64_t size = fs::file_size(child, ec);
      AddFile(child, ec ? 0 : size);
    } else {
      // Never skipped silently: a broken link or a FIFO/socket/device in the
      // batch becomes a rejects row.
      Entry e;
      e.path = child;
      if (st.type() == fs::file_type::not_found) {
        e.error = Status::NotFound("broken symbolic link");
      } else if (ec) {
        e.error = Status::IoError("cannot access: " + ec.message());
      } else {
        e.error = Status::InvalidInput("not a regular file (FIFO, socket or device)");
      }
      entries_.push_back(std::move(e));
      ec.clear();
    }
  }
}

uint64_t ArticleSource::bytes_read() const {
  uint64_t current = current_read_;
  if (current_ && jsonl_ && !memory_) {
    current = std::min<uint64_t>(jsonl_->bytes_consumed(), current_->size);
  }
  return done_bytes_ + current;
}

void ArticleSource::Reject(const Entry& e, Status status) {
  RawArticle a;
  a.path = e.path;
  a.position = 0;
  a.format = options_.format;
  a.encoding = current_encoding_;
  a.key = PositionKey(e.path, 0);
  a.bytes = e.size;
  a.status = std::move(status);
  pending_.push_back(std::move(a));
}

void ArticleSource::Stamp(RawArticle* a) const {
  a->path = current_->path;
  a->format = current_format_;
  a->encoding = current_encoding_;
  if (!current_notes_.empty()) {
    a->notes.insert(a->notes.begin(), current_notes_.begin(),
                    current_notes_.end());
  }
}

void ArticleSource::FinishFile() {
  done_bytes_ += current_->size;
  current_ = nullptr;
  current_read_ = 0;
  current_format_ = Format::kAuto;
  current_encoding_.clear();
  current_notes_.clear();
  jsonl_.reset();
  memory_.reset();
  file_.reset();
}

void ArticleSource::StartFile(const Entry& e) {
  current_ = &e;
  if (!e.error.ok()) return Reject(e, e.error);

  file_ = std::make_unique<std::ifstream>(e.path, std::ios::binary);
  if (!*file_) {
    int err = errno;
    std::error_code ec;
    if (!fs::exists(e.path, ec)) {
      return Reject(e, Status::NotFound("file vanished"));
    }
    return Reject(
        e, Status::IoError(std::string("cannot open: ") + std::strerror(err)));
  }
  auto read_error = [&] {
    int err = errno;
    return Status::IoError(std::string("cannot read: ") + std::strerror(err));
  };
  file_->seekg(0, std::ios::end);
  std::streamoff end = file_->tellg();
  file_->seekg(0, std::ios::beg);
  if (end < 0 || !*file_) return Reject(e, read_error());
  const auto size = static_cast<uint64_t>(end);

  // The start of the file decides how it is read.
  std::string data(static_cast<size_t>(std::min<uint64_t>(size, kSniffBytes)),
                   '\0');
  file_->read(data.data(), static_cast<std::streamsize>(data.size()));
  if (file_->bad()) return Reject(e, read_error());
  data.resize(static_cast<size_t>(file_->gcount()));
  const bool complete = data.size() >= size;
  std::string_view after_bom(data);
  if (after_bom.substr(0, 3) == "\xEF\xBB\xBF") after_bom.remove_prefix(3);

  const bool want_jsonl =
      options_.format == Format::kJsonl ||
      (options_.format == Format::kAuto && LooksLikeJsonl(after_bom, complete));
  if (want_jsonl && StreamableUtf8(data, complete)) {
    file_->clear();
    file_->seekg(0, std::ios::beg);
    if (!*file_) return Reject(e, read_error());
    current_format_ = Format::kJsonl;
    current_encoding_ = "UTF-8";
    jsonl_ =
        std::make_unique<JsonlReader>(*file_, options_.max_line_bytes, e.path);
    return;
  }

  // Everything else is read whole.
  if (size > options_.max_file_bytes) {
    return Reject(e, Status::InvalidInput(
                         "file too big (" + std::to_string(size) +
                         " bytes; the limit is " +
                         std::to_string(options_.max_file_bytes) + " bytes)"));
  }
  if (!complete) {
    size_t have = data.size();
    data.resize(static_cast<size_t>(size));
    file_->read(data.data() + have, static_cast<std::streamsize>(size - have));
    if (file_->bad()) return Reject(e, read_error());
    data.resize(have + static_cast<size_t>(file_->gcount()));
  }
  file_.reset();
  current_read_ = e.size;

  Result<Decoded> decoded = DecodeToUtf8(data);
  std::string().swap(data);
  if (!decoded.ok()) return Reject(e, decoded.status());
  Decoded& d = decoded.value();
  current_encoding_ = d.encoding;
  current_notes_ = d.notes;

  Format format = options_.format;
  if (format == Format::kAuto) {
    format = LooksLikeJsonl(d.utf8, /*complete=*/true) ? Format::kJsonl
             : LooksLikeDigest(d.utf8, conventions_)   ? Format::kDigest
                                                       : Format::kText;
  }
  current_format_ = format;
  switch (format) {
    case Format::kJsonl:
      memory_ = std::make_unique<std::istringstream>(std::move(d.utf8));
      jsonl_ = std::make_unique<JsonlReader>(*memory_, options_.max_line_bytes,
                                             e.path);
      return;
    case Format::kDigest: {
      std::vector<RawArticle> articles = ParseDigest(d.utf8, conventions_);
      if (articles.empty()) {
        return Reject(e, Status::InvalidInput("no articles found in digest"));
      }
      for (RawArticle& a : articles) {
        Stamp(&a);
        a.key = PositionKey(e.path, a.position);
        pending_.push_back(std::move(a));
      }
      return;
    }
    case Format::kText:
    case Format::kAuto: {
      RawArticle a = ReadTextArticle(d.utf8);
      Stamp(&a);
      a.key = PositionKey(e.path, a.position);
      a.bytes = size;
      pending_.push_back(std::move(a));
      return;
    }
  }
}

bool ArticleSource::Next(RawArticle* out) {
  while (true) {
    if (!pending_.empty()) {
      *out = std::move(pending_.front());
      pending_.pop_front();
      return true;
    }
    if (jsonl_) {
      if (jsonl_->Next(out)) {
        Stamp(out);
        return true;
      }
      jsonl_.reset();
    }
    if (current_) FinishFile();
    if (next_entry_ >= entries_.size()) return false;
    StartFile(entries_[next_entry_++]);
  }
}

}  // namespace factmine
