// Status and Result<T>: how every fallible boundary in factmine reports failure.
//
// A Status is either OK or a code plus a human-readable message. Functions
// that can fail return a Status (results in out-parameters) or a Result<T>
// (a value or a non-OK Status). Nothing in the pipeline throws across a
// module boundary.
//
// Thread safety: const methods may be called from several threads at once.
// Lifetime: plain values; copy freely.
#ifndef FACTMINE_PIPELINE_STATUS_H_
#define FACTMINE_PIPELINE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace factmine {

// DO NOT CHANGE THESE ENUM VALUES: their names are stored in rejects.code.
enum class StatusCode : int {
  kOk = 0,
  kInvalidInput = 1,  // the input is malformed (bad JSON, no body, binary…)
  kNotFound = 2,      // a file, table or entity does not exist
  kIoError = 3,       // the OS refused a read or write
  kDbError = 4,       // SQLite reported an error
  kRuleError = 5,     // a lexicon line or rule failed to load/compile
  kUsage = 6,         // the command line is wrong
  kInternal = 7,      // a bug: an unexpected exception inside a stage
};

// Returns "ok", "invalid_input", "not_found", ... (stable, stored in the db).
std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) {
    return {StatusCode::kInvalidInput, std::move(m)};
  }
  static Status NotFound(std::string m) {
    return {StatusCode::kNotFound, std::move(m)};
  }
  static Status IoError(std::string m) {
    return {StatusCode::kIoError, std::move(m)};
  }
  static Status DbError(std::string m) {
    return {StatusCode::kDbError, std::move(m)};
  }
  static Status RuleError(std::string m) {
    return {StatusCode::kRuleError, std::move(m)};
  }
  static Status Usage(std::string m) { return {StatusCode::kUsage, std::move(m)}; }
  static Status Internal(std::string m) {
    return {StatusCode::kInternal, std::move(m)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_input: line 3 is not JSON (...)", or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit
  Result(Status status) : v_(std::move(status)) {}    // NOLINT: implicit
  bool ok() const { return std::holds_alternative<T>(v_); }
  // REQUIRES: !ok()
  const Status& status() const { return std::get<Status>(v_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace factmine

#endif  // FACTMINE_PIPELINE_STATUS_H_
