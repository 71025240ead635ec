// End-to-end tests of bad input (SPEC §6): each case builds a batch in a
// temp dir, runs the real `factmine --db D ingest ...` in a child process and
// checks the exit code, the message printed, the `rejects` row, that the good
// articles of the same batch are stored, and that an article stored by an
// earlier run into the same fact base is still intact afterwards.
//
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "e2e/e2e_util.h"
#include "test_util.h"

namespace factmine {
namespace {

namespace fs = std::filesystem;
using testing::FactBase;
using testing::FactmineRun;
using testing::LineStartingWith;
using testing::MakeTempDir;
using testing::RunFactmine;
using testing::SqlQuote;
using testing::WriteFile;

using Rows = std::vector<std::vector<std::string>>;

// Stored by the first run into every fact base (our own text).
constexpr char kEarlierTitle[] = "Night trains return to the coast line";
constexpr char kEarlierText[] =
    "The rail operator restored two night trains between the capital and "
    "the coast on Sunday. Tickets for the first week sold out within an "
    "hour.";

// The good text article put into every bad batch.
constexpr char kGoodTitle[] = "Library opens a reading garden";
constexpr char kGoodText[] =
    "The city library opened a reading garden on its roof on Saturday. "
    "Volunteers planted forty trees around the benches.";

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::absolute(MakeTempDir("factmine-bad-input")).lexically_normal();
    db_ = (dir_ / "facts.db").string();
    fs::create_directories(dir_ / "earlier");
    const std::string earlier = (dir_ / "earlier" / "night_trains.txt").string();
    WriteFile(earlier, std::string(kEarlierTitle) + "\n\n" + kEarlierText + "\n");
    FactmineRun r = RunFactmine({"--db", db_, "ingest", earlier});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    FactBase fb;
    ASSERT_TRUE(fb.Open(db_, /*read_only=*/true)) << fb.error();
    earlier_ = fb.Rows("SELECT id, file, title, text, run_id FROM documents");
    ASSERT_EQ(earlier_.size(), 1u) << fb.error();
    ASSERT_EQ(earlier_[0][1], earlier);
    ASSERT_EQ(earlier_[0][2], kEarlierTitle);
    ASSERT_EQ(earlier_[0][3], kEarlierText);
    earlier_sentences_ = fb.Rows(
        "SELECT sentence_no, field, start, \"end\", text FROM sentences "
        "ORDER BY sentence_no");
    ASSERT_EQ(earlier_sentences_.size(), 3u);  // title + 2 sentences
  }

  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // Writes `bytes` to dir_/name; returns the absolute path.
  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    WriteFile(p, bytes);
    return p.string();
  }
  std::string WriteGood(const std::string& name) {
    return Write(name, std::string(kGoodTitle) + "\n\n" + kGoodText + "\n");
  }

  FactmineRun Ingest(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"--db", db_, "ingest"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunFactmine(argv);
  }

  // The summary line the CLI prints, up to the figures that depend on time.
  std::string Summary(int total, int files, int fresh, int unchanged, int rejected) const {
    return "ingested " + std::to_string(total) + " articles from " +
           std::to_string(files) + " files into " + db_ + ": " +
           std::to_string(fresh) + " new, " + std::to_string(unchanged) +
           " unchanged, 0 replaced, " + std::to_string(rejected) + " rejected; ";
  }
  void ExpectSummary(const FactmineRun& r, int total, int files, int fresh,
                     int unchanged, int rejected) {
    std::string want = Summary(total, files, fresh, unchanged, rejected);
    EXPECT_EQ(LineStartingWith(r.out, "ingested ").substr(0, want.size()), want)
        << "stdout:\n" << r.out << "stderr:\n" << r.err;
  }
  // The output names every reject on a line of its own.
  void ExpectOutputLine(const FactmineRun& r, const std::string& line) {
    std::vector<std::string> lines = testing::Lines(r.out);
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end())
        << "missing line: " << line << "\nstdout:\n" << r.out;
  }

  // rejects rows (position, line, code, reason) of `path`.
  Rows Rejects(const std::string& path) {
    FactBase fb;
    EXPECT_TRUE(fb.Open(db_, true)) << fb.error();
    Rows rows = fb.Rows(
        "SELECT position, line, code, reason FROM rejects WHERE path = " +
        SqlQuote(path) + " ORDER BY position");
    EXPECT_EQ(fb.error(), "");
    return rows;
  }
  int64_t Count(const std::string& sql) {
    FactBase fb;
    EXPECT_TRUE(fb.Open(db_, true)) << fb.error();
    int64_t n = fb.Int(sql);
    EXPECT_EQ(fb.error(), "") << sql;
    return n;
  }
  // documents rows of `path`: (position, title, text, notes, encoding).
  Rows Documents(const std::string& path) {
    FactBase fb;
    EXPECT_TRUE(fb.Open(db_, true)) << fb.error();
    Rows rows = fb.Rows(
        "SELECT position, title, text, notes, encoding FROM documents WHERE file = " +
        SqlQuote(path) + " ORDER BY position");
    EXPECT_EQ(fb.error(), "");
    return rows;
  }
  // Sentences (sentence_no, field, start, end, text) of the article of
  // `path` at `position`.
  Rows Sentences(const std::string& path, int position = 1) {
    FactBase fb;
    EXPECT_TRUE(fb.Open(db_, true)) << fb.error();
    Rows rows = fb.Rows(
        "SELECT s.sentence_no, s.field, s.start, s.\"end\", s.text FROM sentences s "
        "JOIN documents d ON d.id = s.doc_id WHERE d.file = " + SqlQuote(path) +
        " AND d.position = " + std::to_string(position) + " ORDER BY s.sentence_no");
    EXPECT_EQ(fb.error(), "");
    return rows;
  }

  void ExpectGoodStored(const std::string& path) {
    Rows docs = Documents(path);
    ASSERT_EQ(docs.size(), 1u) << path << " was not stored";
    EXPECT_EQ(docs[0][0], "1");
    EXPECT_EQ(docs[0][1], kGoodTitle);
    EXPECT_EQ(docs[0][2], kGoodText);
    EXPECT_EQ(docs[0][3], "<null>");  // no notes
    EXPECT_EQ(Sentences(path).size(), 3u);
  }

  // The article of the first run is untouched: same row, same run, same
  // sentences.
  void ExpectEarlierIntact() {
    FactBase fb;
    ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
    EXPECT_EQ(fb.Rows("SELECT id, file, title, text, run_id FROM documents WHERE id = " +
                      SqlQuote(earlier_[0][0])),
              earlier_);
    EXPECT_EQ(fb.Rows("SELECT sentence_no, field, start, \"end\", text FROM sentences "
                      "WHERE doc_id = " + SqlQuote(earlier_[0][0]) +
                      " ORDER BY sentence_no"),
              earlier_sentences_);
  }

  // The run just made: status and counts.
  void ExpectLastRun(int files, int ingested, int rejected) {
    FactBase fb;
    ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
    EXPECT_EQ(fb.Rows("SELECT id, status, files, ingested, unchanged, replaced, rejected "
                      "FROM runs ORDER BY id DESC LIMIT 1"),
              (Rows{{"2", "done", std::to_string(files), std::to_string(ingested), "0",
                     "0", std::to_string(rejected)}}));
  }

  fs::path dir_;
  std::string db_;
  Rows earlier_;
  Rows earlier_sentences_;

 protected:
  // The batch {bad, good} was ingested: `bad` is rejected as a whole (exit 1,
  // the output line "  rejected <bad><place>: <reason>", one rejects row
  // {position, 0, invalid_input, reason}), `good` is stored, the run counts
  // 2 read / 1 stored / 1 rejected, and the earlier run's article is intact.
  void ExpectOnlyBadRejected(const FactmineRun& r, const std::string& bad,
                             const std::string& good, const std::string& place,
                             const std::string& position, const std::string& reason) {
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    ExpectSummary(r, 2, 2, 1, 0, 1);
    ExpectOutputLine(r, "  rejected " + bad + place + ": " + reason);
    EXPECT_EQ(Rejects(bad), (Rows{{position, "0", "invalid_input", reason}}));
    ExpectGoodStored(good);
    ExpectLastRun(2, 1, 1);
    ExpectEarlierIntact();
  }
};

// ------------------------------------------------------------ empty files

TEST_F(BadInputTest, EmptyFileIsRejected) {
  const std::string empty = Write("batch/empty.txt", "");
  const std::string good = WriteGood("batch/good.txt");
  FactmineRun r = Ingest({empty, good});
  ExpectOnlyBadRejected(r, empty, good, "", "0", "empty file");
  EXPECT_EQ(Count("SELECT count(*) FROM rejects"), 1);
  EXPECT_TRUE(Documents(empty).empty());
}

TEST_F(BadInputTest, WhitespaceOnlyFileIsRejectedAsEmptyArticle) {
  // Spaces, tabs, CRLF, LF and an ideographic space (U+3000).
  const std::string blank = Write("batch/blank.txt", "  \t\r\n\n   \xE3\x80\x80 \n\t\n");
  const std::string good = WriteGood("batch/good.txt");
  FactmineRun r = Ingest({blank, good});
  ExpectOnlyBadRejected(r, blank, good, " (article 1)", "1", "empty article");
}

// ------------------------------------------------------------ binary files

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(gen() & 0xFF);
  return s;
}

TEST_F(BadInputTest, BinaryFilesAreRejected) {
  const std::string png = Write(
      "batch/picture.png",
      std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + RandomBytes(4000, 1));
  const std::string elf = Write(
      "batch/tool", std::string("\x7f" "ELF\x02\x01\x01\0", 8) + RandomBytes(4000, 2));
  // No signature and a .txt name: detected from the bytes alone.
  const std::string blob = Write("batch/scan.txt", RandomBytes(4000, 3));
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({png, elf, blob, good});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ExpectSummary(r, 4, 4, 1, 0, 3);
  ExpectOutputLine(r, "  rejected " + png + ": binary file (PNG image)");
  ExpectOutputLine(r, "  rejected " + elf + ": binary file (ELF executable)");
  EXPECT_EQ(Rejects(png), (Rows{{"0", "0", "invalid_input", "binary file (PNG image)"}}));
  EXPECT_EQ(Rejects(elf), (Rows{{"0", "0", "invalid_input", "binary file (ELF executable)"}}));
  Rows blob_rejects = Rejects(blob);
  ASSERT_EQ(blob_rejects.size(), 1u);
  EXPECT_EQ(blob_rejects[0][2], "invalid_input");
  EXPECT_EQ(blob_rejects[0][3].rfind("binary file (", 0), 0u) << blob_rejects[0][3];
  EXPECT_NE(blob_rejects[0][3].find(" of 4000 bytes are NUL or control bytes)"),
            std::string::npos)
      << blob_rejects[0][3];
  ExpectOutputLine(r, "  rejected " + blob + ": " + blob_rejects[0][3]);
  ExpectGoodStored(good);
  ExpectLastRun(4, 1, 3);
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ invalid UTF-8

// Chinese text with two stray sequences (a lone 0xFF and a 3-byte sequence
// cut after 2 bytes) among ~60 valid characters: the decoder keeps it as
// UTF-8, replaces each ill-formed sequence with U+FFFD and notes it
// (encoding.h rule 6: fewer than 1 bad sequence per 8 valid multi-byte ones).
TEST_F(BadInputTest, StrayBytesInMostlyValidUtf8AreReplacedWithANote) {
  const std::string title = "港口扩建计划公布";
  const std::string body_before = "市港务局周三宣布，新码头将于明年投入使用，预计每年可处理";
  const std::string body_middle = "三百万标准箱。项目总投资约为四十亿元，";
  const std::string body_after = "由三家企业共同出资建设。";
  const std::string bad = Write("batch/port.txt", title + "\n\n" + body_before + "\xFF" +
                                                      body_middle + "\xE4\xB8" + body_after + "\n");
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({bad, good});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectSummary(r, 2, 2, 2, 0, 0);
  EXPECT_TRUE(Rejects(bad).empty());
  Rows docs = Documents(bad);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0][1], title);
  EXPECT_EQ(docs[0][2], body_before + kReplacement + body_middle + kReplacement + body_after);
  EXPECT_EQ(docs[0][3], "2 invalid UTF-8 sequences replaced");
  EXPECT_EQ(docs[0][4], "UTF-8");
  EXPECT_EQ(Sentences(bad),
            (Rows{{"0", "title", "0", "8", title},
                  {"1", "text", "0", "36", body_before + kReplacement + "三百万标准箱。"},
                  {"2", "text", "36", "61",
                   "项目总投资约为四十亿元，" + std::string(kReplacement) + body_after}}));
  ExpectGoodStored(good);
  ExpectLastRun(2, 2, 0);
  ExpectEarlierIntact();
}

// Three bad sequences against a handful of valid Chinese characters: too
// broken to be UTF-8, and no legacy encoding reads it either: rejected.
TEST_F(BadInputTest, MostlyBrokenUtf8IsRejectedAsUndecodable) {
  const std::string bad = Write(
      "batch/silt.txt",
      "Invalid bytes headline\n\nThe river authority reported 300 tonnes of \xFF\xFE silt "
      "and \xC3 more. 稀土产量增长了百分之五。\n");
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({bad, good});
  ExpectOnlyBadRejected(r, bad, good, "", "0",
                        "undecodable (not UTF-8, UTF-16, GB18030, Big5 or Latin-1 text: 3 "
                        "invalid UTF-8 sequences)");
}

// ASCII text with one stray 0xFF and no multi-byte UTF-8 at all is a valid
// single-byte file: it is read as windows-1252 (0xFF = 'ÿ'), without a note.
TEST_F(BadInputTest, StrayByteInAsciiTextIsReadAsWindows1252) {
  const std::string bad = Write(
      "batch/dam.txt",
      "Stray byte headline\n\nThe river authority reported 300 tonnes of \xFF silt near the "
      "dam on Friday.\n");
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({bad, good});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectSummary(r, 2, 2, 2, 0, 0);
  Rows docs = Documents(bad);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0][2],
            "The river authority reported 300 tonnes of \xC3\xBF silt near the dam on "
            "Friday.");
  EXPECT_EQ(docs[0][3], "<null>");
  EXPECT_EQ(docs[0][4], "windows-1252");
  ExpectGoodStored(good);
  ExpectEarlierIntact();
}

// SPEC §6: invalid UTF-8 "gets a clear message": besides documents.notes,
// the ingest output names the file and the repair.
TEST_F(BadInputTest, RepairedUtf8IsReportedInTheIngestOutput) {
  const std::string bad = Write(
      "batch/port.txt", "港口扩建计划公布\n\n市港务局周三宣布，新码头将于明年投入使用，预计每年可处理\xFF"
                        "三百万标准箱。项目总投资约为四十亿元，由三家企业共同出资建设。\n");
  FactmineRun r = Ingest({bad});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  bool reported = false;
  for (const std::string& line : testing::Lines(r.out + r.err)) {
    if (line.find(bad) != std::string::npos &&
        line.find("1 invalid UTF-8 sequence replaced") != std::string::npos) {
      reported = true;
    }
  }
  EXPECT_TRUE(reported) << "no line names " << bad
                        << " and \"1 invalid UTF-8 sequence replaced\"\nstdout:\n"
                        << r.out << "stderr:\n" << r.err;
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ NUL bytes

TEST_F(BadInputTest, NulBytesAreRemovedWithANote) {
  const std::string bad = Write(
      "batch/council.txt",
      std::string("Council") + '\0' + " meeting ends early\n\nThe council met" + '\0' +
          " on Monday and" + '\0' + " voted for the new park.\n");
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({bad, good});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectSummary(r, 2, 2, 2, 0, 0);
  EXPECT_TRUE(Rejects(bad).empty());
  Rows docs = Documents(bad);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0][1], "Council meeting ends early");
  EXPECT_EQ(docs[0][2], "The council met on Monday and voted for the new park.");
  EXPECT_EQ(docs[0][3], "3 NUL bytes removed");
  EXPECT_EQ(docs[0][4], "UTF-8");
  ExpectGoodStored(good);
  ExpectLastRun(2, 2, 0);
  ExpectEarlierIntact();
}

// SPEC §6: NUL bytes "get a clear message": the ingest output names the
// file and "3 NUL bytes removed".
TEST_F(BadInputTest, RemovedNulBytesAreReportedInTheIngestOutput) {
  const std::string bad = Write(
      "batch/council.txt",
      std::string("Council") + '\0' + " meeting ends early\n\nThe council met" + '\0' +
          " on Monday and" + '\0' + " voted for the new park.\n");
  FactmineRun r = Ingest({bad});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  bool reported = false;
  for (const std::string& line : testing::Lines(r.out + r.err)) {
    if (line.find(bad) != std::string::npos &&
        line.find("3 NUL bytes removed") != std::string::npos) {
      reported = true;
    }
  }
  EXPECT_TRUE(reported) << "no line names " << bad << " and \"3 NUL bytes removed\"\nstdout:\n"
                        << r.out << "stderr:\n" << r.err;
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ truncated digest

TEST_F(BadInputTest, TruncatedDigestKeepsItsCompleteArticles) {
  const std::string digest = Write(
      "batch/ports_digest.txt",
      "Workflow\n"
      "港口物流\n"
      "icon\n"
      "Search documents\n"
      "沿海港口吞吐量创新高，集装箱航线加密\n"                                     // line 5
      "Hai Yun Xin Wen· 2025-06-02 09:15\n"
      "Core Viewpoint - Coastal ports handled a record volume of containers in May as "
      "shipping lines added new weekly routes to Southeast Asia [1][2]. Group 1: Volumes - "
      "The largest terminal moved 4.2 million containers, up 9% from a year earlier [3].\n"
      "内河航运改造工程启动，预计三年完工\n"                                       // line 8
      "Jiang He Bao· 2025-06-03 14:40\n"
      "Core Insights - A river shipping upgrade worth 18 billion yuan began this week and "
      "should finish within three years [2]. - Locks on two tributaries will be widened to "
      "take larger barges [4].\n"
      "港口自动化改造进入第二阶段\n"                                               // line 11
      "Gang Kou Ri Bao· 2025-06-04 08:05\n");
  FactmineRun r = Ingest({digest});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ExpectSummary(r, 3, 1, 2, 0, 1);
  const std::string reason =
      "line 11: headline \"港口自动化改造进入第二阶段\" has no summary after it (truncated "
      "digest?)";
  ExpectOutputLine(r, "  rejected " + digest + ":11 (article 3): " + reason);
  EXPECT_EQ(Rejects(digest), (Rows{{"3", "11", "invalid_input", reason}}));

  FactBase fb;
  ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
  EXPECT_EQ(fb.Rows("SELECT position, line, format, title, source, published_at, topic, text "
                    "FROM documents WHERE file = " + SqlQuote(digest) + " ORDER BY position"),
            (Rows{{"1", "5", "digest", "沿海港口吞吐量创新高，集装箱航线加密", "Hai Yun Xin Wen",
                   "2025-06-02 09:15", "港口物流",
                   "Core Viewpoint - Coastal ports handled a record volume of containers in "
                   "May as shipping lines added new weekly routes to Southeast Asia [1][2]. "
                   "Group 1: Volumes - The largest terminal moved 4.2 million containers, up "
                   "9% from a year earlier [3]."},
                  {"2", "8", "digest", "内河航运改造工程启动，预计三年完工", "Jiang He Bao",
                   "2025-06-03 14:40", "港口物流",
                   "Core Insights - A river shipping upgrade worth 18 billion yuan began this "
                   "week and should finish within three years [2]. - Locks on two "
                   "tributaries will be widened to take larger barges [4]."}}));
  ExpectLastRun(1, 2, 1);
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ 100 MB line

// One text article whose body is a single line of 100,000,000 bytes: 100
// sentences of exactly 1,000,000 bytes each ("Water pump station ... done. ").
// It must finish in bounded time; the peak RSS of the child is printed.
TEST_F(BadInputTest, HundredMegabyteSingleLineCompletesInBoundedTime) {
  const std::string words = "pump station night shift crew ";
  std::string unit = "Water ";
  while (unit.size() + words.size() <= 1000000 - 6) unit += words;
  unit.append(1000000 - 6 - unit.size(), 'x');
  unit += "done. ";
  ASSERT_EQ(unit.size(), 1000000u);
  const std::string title = "One enormous line of pump records";
  const std::string big = (dir_ / "batch" / "big_line.txt").string();
  fs::create_directories(dir_ / "batch");
  {
    std::ofstream out(big, std::ios::binary);
    out << title << "\n\n";
    for (int i = 0; i < 100; ++i) out.write(unit.data(), static_cast<std::streamsize>(unit.size()));
    out << "\n";
    ASSERT_TRUE(out.good());
  }
  ASSERT_EQ(fs::file_size(big), title.size() + 2 + 100000000u + 1);
  const std::string good = WriteGood("batch/zz_good.txt");

  testing::ChildProcess child;
  std::string error;
  ASSERT_TRUE(child.Start({testing::FactmineBinary().string(), "--db", db_, "ingest", big, good},
                          dir_ / "big.out", dir_ / "big.err", &error))
      << error;
  // Bounded time: give up (and fail) after 120 s.
  for (int i = 0; i < 12000 && child.Running(); ++i) usleep(10000);
  if (child.Running()) child.Kill(SIGKILL);
  struct rusage usage {};
  double seconds = 0;
  const int code = child.Wait(&usage, &seconds);
  const std::string out = testing::ReadFile(dir_ / "big.out");
  const std::string err = testing::ReadFile(dir_ / "big.err");
  std::cout << "[ 100 MB line ] wall " << seconds << " s, user "
            << static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6
            << " s, peak RSS " << usage.ru_maxrss / 1024 << " MiB\n";
  RecordProperty("wall_seconds", std::to_string(seconds));
  RecordProperty("peak_rss_kib", std::to_string(usage.ru_maxrss));
  EXPECT_LT(seconds, 120.0);
  ASSERT_EQ(code, 0) << out << err;

  // Stored whole: the line is 100 sentences.
  std::string want_summary = Summary(2, 2, 2, 0, 0);
  EXPECT_EQ(LineStartingWith(out, "ingested ").substr(0, want_summary.size()), want_summary)
      << out;
  FactBase fb;
  ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
  EXPECT_EQ(fb.Rows("SELECT title, length(text), bytes, notes FROM documents WHERE file = " +
                    SqlQuote(big)),
            (Rows{{title, "100000000", std::to_string(fs::file_size(big)), "<null>"}}));
  EXPECT_EQ(fb.Rows("SELECT count(*), min(s.start), max(s.\"end\"), "
                    "sum(length(s.text) = 999999) FROM sentences s JOIN documents d "
                    "ON d.id = s.doc_id WHERE d.file = " + SqlQuote(big) +
                    " AND s.field = 'text'"),
            (Rows{{"100", "0", "99999999", "100"}}));
  EXPECT_EQ(Rejects(big).size(), 0u);
  ExpectGoodStored(good);
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ brackets, numbers

TEST_F(BadInputTest, UnbalancedBracketsAndQuotesAreStored) {
  const std::string s1 =
      "The ministry said exports rose sharply in the spring [1][3 and then slowed.";
  const std::string s2 = "报告称出口量大幅上升【1 随后放缓。";
  const std::string s3 = "他说“未闭合的引号一直延续到段落结尾。";
  const std::string s4 = "Analysts wrote ((see the appendix for more detail.";
  const std::string bad = Write("batch/brackets.txt", "Brackets left open in a report\n\n" +
                                                          s1 + " " + s2 + " " + s3 + " " + s4 +
                                                          "\n");
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({bad, good});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectSummary(r, 2, 2, 2, 0, 0);
  EXPECT_TRUE(Rejects(bad).empty());
  // Every sentence ends where it should: no bracket or quote swallows the
  // rest of the text.
  EXPECT_EQ(Sentences(bad), (Rows{{"0", "title", "0", "30", "Brackets left open in a report"},
                                  {"1", "text", "0", "75", s1},
                                  {"2", "text", "76", "94", s2},
                                  {"3", "text", "95", "114", s3},
                                  {"4", "text", "115", "165", s4}}));
  // "[1]" is a well-formed marker; "[3", "【1" are not citations.
  FactBase fb;
  ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
  EXPECT_EQ(fb.Rows("SELECT c.sentence_no, c.idx, c.field, c.start, c.\"end\" FROM citations c "
                    "JOIN documents d ON d.id = c.doc_id WHERE d.file = " + SqlQuote(bad)),
            (Rows{{"1", "1", "text", "53", "56"}}));
  EXPECT_EQ(fb.Rows("SELECT s.sentence_no, s.citations FROM sentences s JOIN documents d "
                    "ON d.id = s.doc_id WHERE d.file = " + SqlQuote(bad) +
                    " AND s.citations != '[]'"),
            (Rows{{"1", "[1]"}}));
  ExpectGoodStored(good);
  ExpectEarlierIntact();
}

TEST_F(BadInputTest, AbsurdNumbersAreStoredVerbatim) {
  std::mt19937 gen(11);
  auto digits = [&](size_t n) {
    std::string s = "7";  // no leading zero
    while (s.size() < n) s += static_cast<char>('0' + gen() % 10);
    return s;
  };
  const std::string d200 = digits(200);
  const std::string d5000 = digits(5000);
  const std::string s1 = "The model estimated 10^400 possible arrangements of the grid.";
  const std::string s2 = "A clerk typed the figure " + d200 + " tons into the ledger.";
  const std::string s3 = "The overflow test wrote " + d5000 + " dollars and 1e999999 yuan.";
  const std::string s4 = "该账户余额为" + d200 + "亿元。";
  const std::string s5 = "The surveyor recorded -" + d200 + ".5 percent and 0." + d200 + " tons.";
  const std::string text = s1 + "\n" + s2 + "\n" + s3 + "\n" + s4 + "\n" + s5;
  const std::string bad = Write("batch/numbers.txt", "Numbers nobody can believe\n\n" + text + "\n");
  const std::string good = WriteGood("batch/zz_good.txt");
  FactmineRun r = Ingest({bad, good});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectSummary(r, 2, 2, 2, 0, 0);
  EXPECT_TRUE(Rejects(bad).empty());
  Rows docs = Documents(bad);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0][2], text);
  Rows sentences = Sentences(bad);
  ASSERT_EQ(sentences.size(), 6u);
  EXPECT_EQ(sentences[1][4], s1);
  EXPECT_EQ(sentences[2][4], s2);
  EXPECT_EQ(sentences[3][4], s3);
  EXPECT_EQ(sentences[4][4], s4);
  EXPECT_EQ(sentences[5][4], s5);
  const size_t s3_start = s1.size() + 1 + s2.size() + 1;
  EXPECT_EQ(sentences[3][2], std::to_string(s3_start));
  EXPECT_EQ(sentences[3][3], std::to_string(s3_start + s3.size()));
  ExpectGoodStored(good);
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ JSONL

constexpr char kJsonlGood1[] =
    R"({"id":"wx-1","title":"Rain returns to the plains","source":"Weather Desk",)"
    R"("published_at":"2025-04-02","lang":"en","text":"Farmers welcomed the first heavy )"
    R"(rain in two months on Wednesday."})";
constexpr char kJsonlGood2[] =
    R"({"id":"wx-3","title":"Wind farm opens","source":"Weather Desk","lang":"en",)"
    R"("text":"A coastal wind farm with 40 turbines started supplying power on Thursday."})";

TEST_F(BadInputTest, JsonlLineThatIsNotJsonIsRejectedByLineNumber) {
  const std::string jsonl =
      Write("batch/weather.jsonl", std::string(kJsonlGood1) + "\n" +
                                       R"({"id":"wx-2","title":"Broken line", this is not json)" +
                                       "\n" + kJsonlGood2 + "\n");
  FactmineRun r = Ingest({jsonl});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ExpectSummary(r, 3, 1, 2, 0, 1);
  Rows rejects = Rejects(jsonl);
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0][0], "2");  // position
  EXPECT_EQ(rejects[0][1], "2");  // line
  EXPECT_EQ(rejects[0][2], "invalid_input");
  const std::string prefix = "line 2: not JSON (parse error at column 38: ";
  EXPECT_EQ(rejects[0][3].substr(0, prefix.size()), prefix) << rejects[0][3];
  ExpectOutputLine(r, "  rejected " + jsonl + ":2 (article 2): " + rejects[0][3]);
  FactBase fb;
  ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
  EXPECT_EQ(fb.Rows("SELECT key, position, line, title, source, published_at FROM documents "
                    "WHERE file = " + SqlQuote(jsonl) + " ORDER BY position"),
            (Rows{{"jsonl:wx-1", "1", "1", "Rain returns to the plains", "Weather Desk",
                   "2025-04-02"},
                  {"jsonl:wx-3", "3", "3", "Wind farm opens", "Weather Desk", "<null>"}}));
  ExpectLastRun(1, 2, 1);
  ExpectEarlierIntact();
}

TEST_F(BadInputTest, JsonlLineWithoutTextIsRejected) {
  const std::string jsonl = Write(
      "batch/hall.jsonl",
      R"({"id":"nt-1","title":"Has a body","text":"The library extended its opening hours to ten in the evening."})"
      "\n"
      R"({"id":"nt-2","title":"Missing body","source":"Town Hall"})"
      "\n");
  FactmineRun r = Ingest({jsonl});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ExpectSummary(r, 2, 1, 1, 0, 1);
  ExpectOutputLine(r, "  rejected " + jsonl + ":2 (article 2): line 2: no \"text\" field");
  EXPECT_EQ(Rejects(jsonl), (Rows{{"2", "2", "invalid_input", "line 2: no \"text\" field"}}));
  Rows docs = Documents(jsonl);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0][1], "Has a body");
  EXPECT_EQ(docs[0][2], "The library extended its opening hours to ten in the evening.");
  ExpectLastRun(1, 1, 1);
  ExpectEarlierIntact();
}

TEST_F(BadInputTest, ForcedJsonlFormatRejectsEveryLineOfATextFile) {
  const std::string text = WriteGood("batch/garden.txt");  // 3 lines, one blank
  const std::string jsonl = Write("batch/weather.jsonl", std::string(kJsonlGood1) + "\n");
  FactmineRun r = Ingest({"--format", "jsonl", text, jsonl});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  ExpectSummary(r, 3, 2, 1, 0, 2);
  const std::string why1 =
      "line 1: not JSON (parse error at column 1: syntax error while parsing value - invalid "
      "literal; last read: 'L')";
  const std::string why3 =
      "line 3: not JSON (parse error at column 1: syntax error while parsing value - invalid "
      "literal; last read: 'T')";
  EXPECT_EQ(Rejects(text),
            (Rows{{"1", "1", "invalid_input", why1}, {"2", "3", "invalid_input", why3}}));
  ExpectOutputLine(r, "  rejected " + text + ":1 (article 1): " + why1);
  ExpectOutputLine(r, "  rejected " + text + ":3 (article 2): " + why3);
  EXPECT_TRUE(Documents(text).empty());
  Rows docs = Documents(jsonl);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0][1], "Rain returns to the plains");
  ExpectLastRun(2, 1, 2);
  ExpectEarlierIntact();
}

// ------------------------------------------------------------ command line

TEST_F(BadInputTest, UnknownFormatIsAUsageError) {
  const std::string good = WriteGood("batch/good.txt");
  FactmineRun r = Ingest({"--format", "xml", good});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--format: xml not in {auto,digest,text,jsonl}"), std::string::npos)
      << r.err;
  EXPECT_EQ(Count("SELECT count(*) FROM runs"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  ExpectEarlierIntact();

  // Nothing is created for a fact base that did not exist.
  const std::string fresh = (dir_ / "fresh.db").string();
  r = RunFactmine({"--db", fresh, "ingest", "--format", "xml", good});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_FALSE(fs::exists(fresh));
}

// A path on the command line that does not exist is a usage error: the
// command is refused before anything is opened (exit 2, a message naming
// the path), no run is recorded, nothing is stored, and no fact base file is
// created for a --db that did not exist.
TEST_F(BadInputTest, MissingPathOnTheCommandLineIsAUsageError) {
  const std::string good = WriteGood("batch/good.txt");
  const std::string missing = (dir_ / "batch" / "does_not_exist.txt").string();
  FactmineRun r = Ingest({good, missing});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "factmine ingest: no such file or directory: " + missing + "\n");
  EXPECT_EQ(Count("SELECT count(*) FROM runs"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM rejects"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM documents"), 1);
  EXPECT_TRUE(Documents(good).empty());
  ExpectEarlierIntact();

  const std::string fresh = (dir_ / "fresh.db").string();
  r = RunFactmine({"--db", fresh, "ingest", missing});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_FALSE(fs::exists(fresh));
}

TEST_F(BadInputTest, HiddenFilesInDirectoriesAreSkipped) {
  const std::string root = (dir_ / "batch").string();
  const std::string good = WriteGood("batch/a_good.txt");
  const std::string hidden =
      Write("batch/.notes.txt", "Hidden notes\n\nThis file should never be read by a walk.\n");
  Write("batch/.cache/old.txt", "Cached copy\n\nA stale copy inside a hidden directory.\n");
  const std::string nested =
      Write("batch/sub/bridge.txt",
            "Bridge inspection finished\n\nEngineers finished inspecting the old bridge on "
            "Friday.\n");
  FactmineRun r = Ingest({root});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectSummary(r, 2, 2, 2, 0, 0);
  FactBase fb;
  ASSERT_TRUE(fb.Open(db_, true)) << fb.error();
  EXPECT_EQ(fb.Rows("SELECT file, title FROM documents WHERE run_id = 2 ORDER BY file"),
            (Rows{{good, kGoodTitle}, {nested, "Bridge inspection finished"}}));
  EXPECT_EQ(fb.Int("SELECT count(*) FROM rejects"), 0);
  ExpectLastRun(2, 2, 0);
  ExpectEarlierIntact();

  // Named explicitly, a hidden file is read.
  r = Ingest({hidden});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Documents(hidden).size(), 1u);
}

// Review finding: a broken symbolic link or a FIFO inside a batch directory
// used to be skipped without a word; each is now a rejects row.
TEST_F(BadInputTest, BrokenLinksAndFifosInADirectoryAreRejected) {
  const std::string good = WriteGood("batch/a_good.txt");
  const std::string link = (dir_ / "batch" / "b_link.txt").string();
  fs::create_symlink(dir_ / "batch" / "nowhere.txt", link);
  const std::string fifo = (dir_ / "batch" / "c_pipe.txt").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  FactmineRun r = Ingest({(dir_ / "batch").string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(Rejects(link), (Rows{{"0", "0", "not_found", "broken symbolic link"}}));
  EXPECT_EQ(Rejects(fifo),
            (Rows{{"0", "0", "invalid_input", "not a regular file (FIFO, socket or device)"}}));
  ExpectGoodStored(good);
  ExpectEarlierIntact();
}

}  // namespace
}  // namespace factmine
