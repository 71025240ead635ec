// TableWriter: writes rows of typed values as CSV, TSV or JSON Lines, the
// formats of `factmine export`, `facts` and `extract`.
//
// Formats (the contract for downstream tools):
// - csv: RFC 4180 quoting with LF line ends ("\n", not CRLF; every common
//   reader accepts both). A header line names the columns. A field is
//   quoted when it contains a comma, a double quote, CR or LF, or when it is
//   the empty string; quotes inside are doubled. NULL is an empty, unquoted
//   field, so NULL and '' stay distinguishable.
// - tsv: a header line, then one line per row, fields separated by TAB,
//   LF line ends. Inside a field TAB, LF, CR and backslash are written as
//   \t \n \r \\. NULL is an empty field (as is '').
// - jsonl: one JSON object per line, keys in column order. Integers and
//   reals are JSON numbers (a real always has a '.' or an exponent; NaN and
//   infinities become null), NULL is null, text is a string (invalid UTF-8
//   replaced by U+FFFD). JSON columns (marked, or named "citations" or
//   "…_citations"/"…citations") hold JSON text and are emitted as the
//   JSON value itself, e.g. [1,3], not "[1,3]"; text that is not valid
//   JSON is emitted as a string.
// Reals are written in the shortest form that reads back exactly, in all
// three formats.
//
// Thread safety: a TableWriter is used by one thread. Lifetime: it keeps a
// pointer to the stream, which must outlive it; CellValues are views valid
// only during the WriteRow call.
#ifndef FACTMINE_PIPELINE_TABLE_WRITER_H_
#define FACTMINE_PIPELINE_TABLE_WRITER_H_

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

struct sqlite3_stmt;

namespace factmine {

enum class TableFormat { kCsv, kTsv, kJsonl };
std::string_view TableFormatName(TableFormat f);  // "csv", "tsv", "jsonl"
// Parses "csv", "tsv" or "jsonl"; false for anything else.
bool ParseTableFormat(std::string_view name, TableFormat* out);

struct TableColumn {
  std::string name;
  bool json = false;  // the text holds JSON (see the jsonl rules above)
};

// True for column names whose values are JSON by convention: "citations"
// and names ending in "citations".
bool IsJsonColumnName(std::string_view name);

// One value of a row. `text` is a view (kText only).
struct CellValue {
  enum class Type { kNull, kInteger, kReal, kText };
  Type type = Type::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string_view text;

  static CellValue Null() { return {}; }
  static CellValue Integer(int64_t v) { return {Type::kInteger, v, 0, {}}; }
  static CellValue Real(double v) { return {Type::kReal, 0, v, {}}; }
  static CellValue Text(std::string_view v) { return {Type::kText, 0, 0, v}; }
};

class TableWriter {
 public:
  // Columns named by IsJsonColumnName are JSON columns even if not marked.
  TableWriter(TableFormat format, std::vector<TableColumn> columns,
              std::ostream* out);
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  // Writes one row (and the header first, if not written yet).
  // Errors: kInternal if row.size() != number of columns; kIoError if the
  // stream failed.
  Status WriteRow(std::span<const CellValue> row);

  // Writes the current row of a statement that sqlite3_step just returned
  // SQLITE_ROW for; its column count must equal the writer's.
  Status WriteStatementRow(sqlite3_stmt* stmt);

  // Writes the header if no row was written, flushes, and reports a stream
  // failure as kIoError.
  Status Finish();

  int64_t rows() const { return rows_; }
  const std::vector<TableColumn>& columns() const { return columns_; }

 private:
  void WriteHeader();
  void WriteCsvField(std::string_view s);
  void WriteTsvField(std::string_view s);
  void WriteJsonValue(const CellValue& v, bool json_column);
  Status StreamStatus() const;

  TableFormat format_;
  std::vector<TableColumn> columns_;
  std::vector<std::string> json_keys_;  // "\"name\":" per column (jsonl)
  std::ostream* out_;
  std::string line_;  // the row being built
  bool header_written_ = false;
  int64_t rows_ = 0;
};

// Appends `s` as a JSON string literal (with quotes) to *out. Invalid UTF-8
// becomes U+FFFD; control characters are escaped.
void AppendJsonString(std::string_view s, std::string* out);

// The shortest decimal form of v that reads back exactly, with ".0" added
// when it would otherwise look like an integer ("3.0", "0.25", "1e+300").
std::string FormatReal(double v);

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_TABLE_WRITER_H_
