// Streaming JSON Lines reader (see jsonl_reader.h).
#include "pipeline/jsonl_reader.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string_view>

#include "pipeline/encoding.h"
#include "pipeline/text_reader.h"

namespace factmine {

namespace {

using Json = nlohmann::json;

constexpr size_t kChunkBytes = 64 * 1024;
// Longest parser message kept in a status.
constexpr size_t kMaxMessageBytes = 300;
// Deepest nesting of arrays and objects accepted. nlohmann parses deeper
// input iteratively but serializes (meta_json) recursively, so a line of a
// million '[' would overflow the stack.
constexpr int kMaxNesting = 256;

// True if `s` nests arrays/objects deeper than kMaxNesting (brackets inside
// strings do not count).
bool TooDeep(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

// "an array", "a number", ...
std::string WithArticle(const Json& j) {
  std::string name = j.type_name();
  bool vowel = !name.empty() && std::strchr("aeiou", name[0]) != nullptr;
  return (vowel ? "an " : "a ") + name;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 character.
std::string Truncate(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  s += "…";
  return s;
}

// nlohmann's message without its "[json.exception.parse_error.101] " tag;
// the line is always line 1 for the parser, so only the column is kept.
std::string CleanParserMessage(std::string_view what) {
  if (!what.empty() && what[0] == '[') {
    size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  std::string m(what);
  const std::string_view kLine1 = "at line 1, column";
  size_t at = m.find(kLine1);
  if (at != std::string::npos) m.replace(at, kLine1.size(), "at column");
  return Truncate(std::move(m), kMaxMessageBytes);
}

}  // namespace

JsonlReader::JsonlReader(std::istream& in, size_t max_line_bytes,
                         std::string path)
    : in_(in),
      max_line_bytes_(max_line_bytes),
      path_(std::move(path)),
      buf_(kChunkBytes) {}

bool JsonlReader::Fill() {
  if (eof_) return false;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  std::streamsize n = in_.gcount();
  if (in_.bad()) {
    io_error_ = true;
    eof_ = true;
  } else if (n <= 0 || in_.eof()) {
    eof_ = true;
  }
  pos_ = 0;
  end_ = n > 0 ? static_cast<size_t>(n) : 0;
  return end_ > 0;
}

bool JsonlReader::ReadLine(uint64_t* raw_bytes, bool* too_long) {
  line_.clear();
  line_terminated_ = false;
  *raw_bytes = 0;
  *too_long = false;
  bool any = false;
  while (true) {
    if (pos_ == end_ && !Fill()) return any;
    any = true;
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start)
                     : end_ - pos_;
    *raw_bytes += take;
    if (!*too_long) {
      if (line_.size() + take > max_line_bytes_) {
        *too_long = true;
        std::string().swap(line_);  // give the memory back
      } else {
        line_.append(start, take);
      }
    }
    pos_ += take;
    if (nl) {
      ++pos_;
      ++*raw_bytes;
      line_terminated_ = true;
      return true;
    }
  }
}

bool JsonlReader::Next(RawArticle* out) {
  while (true) {
    uint64_t raw_bytes = 0;
    bool too_long = false;
    if (!ReadLine(&raw_bytes, &too_long)) {
      if (io_error_ && !io_reported_) {
        io_reported_ = true;
        *out = RawArticle();
        out->path = path_;
        out->format = Format::kJsonl;
        out->encoding = "UTF-8";
        out->line = line_no_ + 1;
        out->key = path_ + "#0";
        out->status = Status::IoError("read error after line " +
                                      std::to_string(line_no_));
        return true;
      }
      return false;
    }
    ++line_no_;
    consumed_ += raw_bytes;
    if (!too_long) {
      if (line_no_ == 1 && line_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        line_.erase(0, 3);
      }
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (IsBlank(line_)) continue;
    }
    ++position_;
    *out = RawArticle();
    out->path = path_;
    out->format = Format::kJsonl;
    out->encoding = "UTF-8";
    out->line = line_no_;
    out->position = position_;
    out->key = path_ + "#" + std::to_string(position_);
    out->bytes = raw_bytes;
    if (too_long) {
      out->status = Status::InvalidInput(
          "line " + std::to_string(line_no_) + " is longer than " +
          std::to_string(max_line_bytes_) + " bytes (" +
          std::to_string(raw_bytes - (line_terminated_ ? 1 : 0)) + " bytes)");
    } else {
      Parse(out);
    }
    return true;
  }
}

void JsonlReader::Parse(RawArticle* a) {
  const std::string where = "line " + std::to_string(line_no_) + ": ";
  size_t nuls =
      static_cast<size_t>(std::count(line_.begin(), line_.end(), '\0'));
  if (nuls) {
    line_.erase(std::remove(line_.begin(), line_.end(), '\0'), line_.end());
    a->notes.push_back(
        CountNote(nuls, "NUL byte removed", "NUL bytes removed"));
  }
  if (!IsValidUtf8(line_)) {
    size_t replaced = 0;
    line_ = ReplaceInvalidUtf8(line_, &replaced);
    a->notes.push_back(CountNote(replaced, "invalid UTF-8 sequence replaced",
                                 "invalid UTF-8 sequences replaced"));
  }

  if (TooDeep(line_)) {
    a->status = Status::InvalidInput(where + "JSON nested deeper than " +
                                     std::to_string(kMaxNesting) + " levels");
    return;
  }
  Json j;
  try {
    j = Json::parse(line_);
  } catch (const Json::exception& e) {
    a->status = Status::InvalidInput(where + "not JSON (" +
                                     CleanParserMessage(e.what()) + ")");
    return;
  }
  std::string().swap(line_);
  if (!j.is_object()) {
    a->status = Status::InvalidInput(where + "not a JSON object (" +
                                     WithArticle(j) + ")");
    return;
  }

  Json meta = Json::object();
  bool has_text = false;
  std::string id;
  for (auto& [name, value] : j.items()) {
    if (value.is_null() &&
        (name == "id" || name == "title" || name == "source" ||
         name == "lang" || name == "text" || name == "published_at")) {
      continue;
    }
    if (name == "id") {
      if (value.is_string()) {
        id = value.get<std::string>();
      } else if (value.is_number()) {
        id = value.dump();
      } else {
        a->status = Status::InvalidInput(where +
                                         "\"id\" must be a string or a "
                                         "number (it is " +
                                         WithArticle(value) + ")");
        return;
      }
      continue;
    }
    std::string* field = name == "title"    ? &a->title
                         : name == "source" ? &a->source
                         : name == "lang"   ? &a->lang
                         : name == "text"   ? &a->text
                                            : nullptr;
    if (field) {
      if (!value.is_string()) {
        a->status =
            Status::InvalidInput(where + "\"" + name + "\" is not a string (" +
                                 WithArticle(value) + ")");
        return;
      }
      *field = value.get<std::string>();
      if (name == "text") has_text = true;
      continue;
    }
    if (name == "published_at") {
      if (value.is_string() &&
          ParsePublishedAt(value.get<std::string>(), &a->published_at)) {
        continue;
      }
      a->notes.push_back(Truncate(
          "published_at not understood: " +
              (value.is_string() ? value.get<std::string>() : value.dump()),
          kMaxMessageBytes));
    }
    meta[name] = std::move(value);
  }
  if (!has_text) {
    a->status = Status::InvalidInput(where + "no \"text\" field");
    return;
  }
  if (IsBlank(a->title) && IsBlank(a->text)) {
    a->status = Status::InvalidInput(where + "empty article");
    return;
  }
  if (!id.empty()) a->key = "jsonl:" + id;
  if (!meta.empty()) {
    a->meta_json = meta.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace factmine
