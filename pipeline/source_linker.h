// SourceLinker: links an outlet name as written on a digest source line
// ("Sou Hu Cai Jing", "SouHu Caijing", "搜狐财经") to one source id
// ("sohu_finance") from lexicon/sources.tsv (SPEC §1: keep the name as
// written, link it where the lexicon knows the outlet).
//
// Names are compared by a key: ASCII letters lowercased, full-width ASCII
// folded to ASCII, and whitespace and punctuation (ASCII, CJK and general
// punctuation, middle dots) removed.
//
// Thread safety: immutable after Load; Link may run on many threads.
// Lifetime: owns its table; copy or move freely.
#ifndef FACTMINE_PIPELINE_SOURCE_LINKER_H_
#define FACTMINE_PIPELINE_SOURCE_LINKER_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "pipeline/status.h"

namespace factmine {

class SourceLinker {
 public:
  // Loads lexicon/sources.tsv (columns id, name, zh, aliases) from
  // `lexicon_dir`. Fails with NotFound if the file is missing, and with
  // RuleError ("…/sources.tsv:12: …") on an empty id or name, or on a name
  // whose key already belongs to another id.
  static Result<SourceLinker> Load(const std::string& lexicon_dir);

  // The source id for `name`, or "" if the lexicon does not know it.
  std::string Link(std::string_view name) const;

  // The comparison key of `name` ("Sou Hu Cai Jing" -> "souhucaijing").
  static std::string Key(std::string_view name);

  // Number of distinct names known (ids, names, Chinese names, aliases).
  size_t size() const { return by_key_.size(); }

 private:
  SourceLinker() = default;
  std::unordered_map<std::string, std::string> by_key_;  // key -> id
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_SOURCE_LINKER_H_
