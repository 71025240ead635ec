// Helpers for end-to-end tests that ingest real files through the library
// (Context → Analyzer → RunIngest → FactStore) and then query the database.
#ifndef FACTMINE_TESTS_E2E_INGEST_FIXTURE_H_
#define FACTMINE_TESTS_E2E_INGEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/analyzer.h"
#include "pipeline/context.h"
#include "pipeline/fact_store.h"
#include "pipeline/ingest.h"

namespace factmine::testing {

using Rows = std::vector<std::vector<std::string>>;

class IngestedDb {
 public:
  // Ingests `paths` into a new database `db_path` (removed first).
  // Fails the current test on any setup error.
  IngestedDb(const std::vector<std::string>& paths, const std::string& db_path,
             int threads = 2);
  // Ingests again into the same database.
  IngestReport Ingest(const std::vector<std::string>& paths, int threads = 2);

  // Every row of `sql` as strings (NULL → "").
  Rows Query(const std::string& sql);
  // The single value of `sql`.
  std::string Scalar(const std::string& sql);

  const IngestReport& report() const { return report_; }
  FactStore& store() { return *store_; }

 private:
  std::unique_ptr<Context> ctx_;
  std::unique_ptr<Analyzer> analyzer_;
  std::unique_ptr<FactStore> store_;
  IngestReport report_;
};

// A test suite over one fact base holding the sample batch corpus/batch,
// ingested once per suite (SetUpTestSuite) into a temporary directory that
// TearDownTestSuite removes. Derive a suite from it and read db_; dir_ is
// that directory, for other databases of a test.
class BatchDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static IngestedDb* db_;
  static std::filesystem::path* dir_;
};

// Code points [start, end) of a UTF-8 string, as Python slicing does.
std::string SliceCodepoints(const std::string& s, long start, long end);

}  // namespace factmine::testing

#endif  // FACTMINE_TESTS_E2E_INGEST_FIXTURE_H_
