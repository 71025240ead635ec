// TsvTable: a lexicon data file loaded into memory.
//
// Format (lexicon/README.md): UTF-8, tab-separated. Lines starting with '#'
// and empty lines are ignored. The first other line is the header naming
// the columns. Every row must have exactly as many fields as the header.
// Fields may not contain tabs or newlines; "|" separates alternatives inside
// a field by convention (see Split).
//
// Errors name the place: "lexicon/units.tsv:42: 6 fields, expected 7".
//
// Thread safety: immutable after Load; const methods are thread-safe.
// Lifetime: owns its strings.
#ifndef FACTMINE_PIPELINE_TSV_H_
#define FACTMINE_PIPELINE_TSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace factmine {

class TsvTable {
 public:
  struct Row {
    int line = 0;  // 1-based line number in the file
    std::vector<std::string> fields;
  };

  // Loads `path`. `required` columns must appear in the header.
  static Result<TsvTable> Load(const std::string& path,
                               const std::vector<std::string>& required = {});
  // Parses TSV text already in memory; `name` is used in error messages.
  static Result<TsvTable> Parse(std::string_view text, const std::string& name,
                                const std::vector<std::string>& required = {});

  const std::string& name() const { return name_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<Row>& rows() const { return rows_; }
  // Column index of `column`, or -1.
  int Column(std::string_view column) const;
  // Field of `row` in `column`. REQUIRES: Column(column) >= 0.
  const std::string& Get(const Row& row, std::string_view column) const;
  // "file:line: message", for callers that validate field contents.
  Status ErrorAt(const Row& row, const std::string& message) const;

  // Splits "a|b|c" into {"a","b","c"}, dropping empty parts.
  static std::vector<std::string> Split(std::string_view field, char sep = '|');

 private:
  std::string name_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_TSV_H_
