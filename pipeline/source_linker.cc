// SourceLinker (see source_linker.h).
#include "pipeline/source_linker.h"

#include <filesystem>
#include <vector>

#include "pipeline/tsv.h"
#include "pipeline/text_util.h"

namespace factmine {

namespace {

// Decodes one UTF-8 code point at s[*i] and advances *i; invalid bytes come
// back as U+FFFD, one byte at a time.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80           ? 1
               : (c >> 5) == 0x6  ? 2
               : (c >> 4) == 0xE  ? 3
               : (c >> 3) == 0x1E ? 4
                                  : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1   ? c
                : len == 2 ? (c & 0x1F)
                : len == 3 ? (c & 0x0F)
                           : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[*i + k]);
    if ((d & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  *i += len;
  return cp;
}


// Whitespace and punctuation that do not distinguish outlet names.
bool IsIgnorable(char32_t cp) {
  if (cp < 0x80) {
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
             (cp >= 'A' && cp <= 'Z'));
  }
  return cp == 0x00A0 || cp == 0x00B7 ||    // no-break space, middle dot
         (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation, odd spaces
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation
         cp == 0x30FB || cp == 0xFEFF ||    // katakana middle dot, BOM
         (cp >= 0xFE30 && cp <= 0xFE4F) ||  // CJK compatibility forms
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

}  // namespace

std::string SourceLinker::Key(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    char32_t cp = NextCodePoint(name, &i);
    if (cp >= 0xFF01 && cp <= 0xFF5E && !IsIgnorable(cp))
      cp -= 0xFEE0;  // full-width ASCII
    if (IsIgnorable(cp)) continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    AppendUtf8(cp, &key);
  }
  return key;
}

Result<SourceLinker> SourceLinker::Load(const std::string& lexicon_dir) {
  std::string path =
      (std::filesystem::path(lexicon_dir) / "sources.tsv").string();
  Result<TsvTable> table =
      TsvTable::Load(path, {"id", "name", "zh", "aliases"});
  if (!table.ok()) return table.status();
  SourceLinker linker;
  for (const TsvTable::Row& row : table->rows()) {
    const std::string& id = table->Get(row, "id");
    if (id.empty()) return table->ErrorAt(row, "empty id");
    if (table->Get(row, "name").empty())
      return table->ErrorAt(row, "empty name");
    std::vector<std::string> names = {id, table->Get(row, "name"),
                                      table->Get(row, "zh")};
    for (std::string& alias : TsvTable::Split(table->Get(row, "aliases"))) {
      names.push_back(std::move(alias));
    }
    for (const std::string& name : names) {
      std::string key = Key(name);
      if (key.empty()) continue;
      auto [it, inserted] = linker.by_key_.emplace(key, id);
      if (!inserted && it->second != id) {
        return table->ErrorAt(row, "name '" + name +
                                       "' already belongs to source '" +
                                       it->second + "'");
      }
    }
  }
  return linker;
}

std::string SourceLinker::Link(std::string_view name) const {
  std::string key = Key(name);
  if (key.empty()) return "";
  auto it = by_key_.find(key);
  return it == by_key_.end() ? "" : it->second;
}

}  // namespace factmine
