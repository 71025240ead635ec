// TableWriter (see table_writer.h): CSV, TSV and JSON Lines output.
#include "pipeline/table_writer.h"

#include <sqlite3.h>
#include <unicode/utf8.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace factmine {

std::string_view TableFormatName(TableFormat f) {
  switch (f) {
    case TableFormat::kCsv:
      return "csv";
    case TableFormat::kTsv:
      return "tsv";
    case TableFormat::kJsonl:
      return "jsonl";
  }
  return "csv";
}

bool ParseTableFormat(std::string_view name, TableFormat* out) {
  for (TableFormat f :
       {TableFormat::kCsv, TableFormat::kTsv, TableFormat::kJsonl}) {
    if (name == TableFormatName(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

bool IsJsonColumnName(std::string_view name) {
  constexpr std::string_view kSuffix = "citations";
  return name.size() >= kSuffix.size() &&
         name.substr(name.size() - kSuffix.size()) == kSuffix;
}

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
    if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') {
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    if (b < 0x80) {
      switch (b) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default:
          out->append("\\u00");
          out->push_back(kHex[b >> 4]);
          out->push_back(kHex[b & 0xF]);
      }
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      out->append("\xEF\xBF\xBD");  // U+FFFD
    } else {
      out->append(
          s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  out->push_back('"');
}

std::string FormatReal(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

TableWriter::TableWriter(TableFormat format, std::vector<TableColumn> columns,
                         std::ostream* out)
    : format_(format), columns_(std::move(columns)), out_(out) {
  for (TableColumn& c : columns_) {
    if (IsJsonColumnName(c.name)) c.json = true;
    std::string key;
    AppendJsonString(c.name, &key);
    key.push_back(':');
    json_keys_.push_back(std::move(key));
  }
}

void TableWriter::WriteCsvField(std::string_view s) {
  bool quote =
      s.empty() || s.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    line_.append(s);
    return;
  }
  line_.push_back('"');
  for (char ch : s) {
    if (ch == '"') line_.push_back('"');
    line_.push_back(ch);
  }
  line_.push_back('"');
}

void TableWriter::WriteTsvField(std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '\t':
        line_.append("\\t");
        break;
      case '\n':
        line_.append("\\n");
        break;
      case '\r':
        line_.append("\\r");
        break;
      case '\\':
        line_.append("\\\\");
        break;
      default:
        line_.push_back(ch);
    }
  }
}

void TableWriter::WriteHeader() {
  header_written_ = true;
  if (format_ == TableFormat::kJsonl) return;
  line_.clear();
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (format_ == TableFormat::kCsv) {
      if (i > 0) line_.push_back(',');
      WriteCsvField(columns_[i].name);
    } else {
      if (i > 0) line_.push_back('\t');
      WriteTsvField(columns_[i].name);
    }
  }
  line_.push_back('\n');
  out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

void TableWriter::WriteJsonValue(const CellValue& v, bool json_column) {
  switch (v.type) {
    case CellValue::Type::kNull:
      line_.append("null");
      return;
    case CellValue::Type::kInteger:
      line_.append(std::to_string(v.integer));
      return;
    case CellValue::Type::kReal:
      if (!std::isfinite(v.real)) {
        line_.append("null");
      } else {
        line_.append(FormatReal(v.real));
      }
      return;
    case CellValue::Type::kText:
      if (json_column) {
        // Re-serialize compactly: the value must stay on one line.
        nlohmann::json j = nlohmann::json::parse(v.text, nullptr, false);
        if (!j.is_discarded()) {
          line_.append(
              j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
          return;
        }
      }
      AppendJsonString(v.text, &line_);
      return;
  }
}

Status TableWriter::WriteRow(std::span<const CellValue> row) {
  if (row.size() != columns_.size()) {
    return Status::Internal("table row has " + std::to_string(row.size()) +
                            " values for " + std::to_string(columns_.size()) +
                            " columns");
  }
  if (!header_written_) WriteHeader();
  line_.clear();
  if (format_ == TableFormat::kJsonl) {
    line_.push_back('{');
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line_.push_back(',');
      line_.append(json_keys_[i]);
      WriteJsonValue(row[i], columns_[i].json);
    }
    line_.push_back('}');
  } else {
    const bool csv = format_ == TableFormat::kCsv;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line_.push_back(csv ? ',' : '\t');
      const CellValue& v = row[i];
      switch (v.type) {
        case CellValue::Type::kNull:
          break;
        case CellValue::Type::kInteger:
          line_.append(std::to_string(v.integer));
          break;
        case CellValue::Type::kReal:
          line_.append(FormatReal(v.real));
          break;
        case CellValue::Type::kText:
          if (csv) {
            WriteCsvField(v.text);
          } else {
            WriteTsvField(v.text);
          }
          break;
      }
    }
  }
  line_.push_back('\n');
  out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  ++rows_;
  return StreamStatus();
}

Status TableWriter::WriteStatementRow(sqlite3_stmt* stmt) {
  const int n = sqlite3_column_count(stmt);
  std::vector<CellValue> cells(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    CellValue& c = cells[static_cast<size_t>(i)];
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        c = CellValue::Integer(sqlite3_column_int64(stmt, i));
        break;
      case SQLITE_FLOAT:
        c = CellValue::Real(sqlite3_column_double(stmt, i));
        break;
      case SQLITE_NULL:
        break;
      default: {  // TEXT, and BLOB written as its bytes
        const char* t =
            reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        c = CellValue::Text(std::string_view(
            t ? t : "", static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
      }
    }
  }
  return WriteRow(cells);
}

Status TableWriter::Finish() {
  if (!header_written_) WriteHeader();
  out_->flush();
  return StreamStatus();
}

Status TableWriter::StreamStatus() const {
  if (!*out_) return Status::IoError("writing the table output failed");
  return Status::Ok();
}

}  // namespace factmine
