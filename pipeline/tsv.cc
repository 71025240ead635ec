// TsvTable loading and validation (see tsv.h).
#include "pipeline/tsv.h"

#include <fstream>
#include <sstream>

namespace factmine {

namespace {

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.emplace_back(line.substr(start));
      break;
    }
    out.emplace_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  return out;
}

}  // namespace

Result<TsvTable> TsvTable::Load(const std::string& path,
                                const std::vector<std::string>& required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open lexicon file");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path, required);
}

Result<TsvTable> TsvTable::Parse(std::string_view text, const std::string& name,
                                 const std::vector<std::string>& required) {
  TsvTable t;
  t.name_ = name;
  int line_no = 0;
  size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // BOM
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    pos = (nl == std::string_view::npos) ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitTabs(line);
    if (t.header_.empty()) {
      t.header_ = std::move(fields);
      for (const auto& col : required) {
        if (t.Column(col) < 0) {
          return Status::RuleError(name + ":" + std::to_string(line_no) +
                                   ": header lacks required column '" + col + "'");
        }
      }
      continue;
    }
    if (fields.size() != t.header_.size()) {
      return Status::RuleError(name + ":" + std::to_string(line_no) + ": " +
                               std::to_string(fields.size()) + " fields, expected " +
                               std::to_string(t.header_.size()));
    }
    t.rows_.push_back({line_no, std::move(fields)});
  }
  if (t.header_.empty()) {
    return Status::RuleError(name + ": no header line");
  }
  return t;
}

int TsvTable::Column(std::string_view column) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return static_cast<int>(i);
  }
  return -1;
}

const std::string& TsvTable::Get(const Row& row, std::string_view column) const {
  return row.fields.at(static_cast<size_t>(Column(column)));
}

Status TsvTable::ErrorAt(const Row& row, const std::string& message) const {
  return Status::RuleError(name_ + ":" + std::to_string(row.line) + ": " + message);
}

std::vector<std::string> TsvTable::Split(std::string_view field, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= field.size()) {
    size_t p = field.find(sep, start);
    if (p == std::string_view::npos) p = field.size();
    if (p > start) out.emplace_back(field.substr(start, p - start));
    start = p + 1;
  }
  return out;
}

}  // namespace factmine
