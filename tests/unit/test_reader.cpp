#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/limits.h"
#include "reader/read_events.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMar1At10 = 1709287200LL * 1000000;  // 2024-03-01T10:00:00Z
constexpr int64_t kSec = 1000000;

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_reader_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
  }

  EventTable read(const std::string& path, ReadReport& report,
                  const std::function<void(ReadOptions&)>& tweak = {}) {
    ReadOptions o;
    o.path = path;
    if (tweak) tweak(o);
    return read_events(o, report);
  }

  // Reads `path` in parallel on `threads` threads, however small the file,
  // with the threads' windows `window_margin` times their estimated rows.
  EventTable read_parallel(const std::string& path, unsigned threads, ReadReport& report,
                           double window_margin = ReadOptions{}.window_margin) {
    return read(path, report, [&](ReadOptions& o) {
      o.threads = threads;
      o.parallel_min_bytes = 1;
      o.window_margin = window_margin;
    });
  }

  // Reads `content` through a FIFO: not a regular file, so it is read block
  // by block, not mapped.
  EventTable read_fifo(const std::string& content, ReadReport& report) {
    std::string fifo = (dir_ / "fifo.csv").string();
    if (::mkfifo(fifo.c_str(), 0600) != 0) {
      ADD_FAILURE() << "mkfifo " << fifo << " failed";
      return EventTable{};
    }
    std::thread writer([&] {
      std::ofstream out(fifo, std::ios::binary);
      out << content;
    });
    EventTable t = read(fifo, report);
    writer.join();
    return t;
  }

  // The message of the cjm::Error thrown by reading `path`, or "" if none.
  std::string error_of(const std::string& path,
                       const std::function<void(ReadOptions&)>& tweak = {}) {
    ReadReport report;
    try {
      read(path, report, tweak);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  static std::string event_name(const EventTable& t, size_t i) { return t.events.at(t.event[i]); }
  static std::string customer_name(const EventTable& t, size_t i) {
    return t.customers.at(t.customer[i]);
  }
  // Value of attribute `column` in row `row`.
  static std::string attr(const EventTable& t, const std::string& column, size_t row) {
    int a = t.attribute_index(column);
    if (a < 0) return "<no column>";
    const AttributeColumn& col = t.attributes[static_cast<size_t>(a)];
    if (col.of.size() != t.size()) return "<bad size>";
    return col.values.at(col.of[row]);
  }
  // Values of attribute `column`, row by row.
  static std::vector<std::string> attrs(const EventTable& t, const std::string& column) {
    std::vector<std::string> out;
    for (size_t i = 0; i < t.size(); ++i) out.push_back(attr(t, column, i));
    return out;
  }
  // Session ids, row by row.
  static std::vector<std::string> sessions(const EventTable& t) {
    std::vector<std::string> out;
    for (uint32_t id : t.session) out.push_back(t.sessions.at(id));
    return out;
  }

  fs::path dir_;
};

TEST_F(ReaderTest, CsvBasicColumnsAndAutoIso) {
  std::string p = write("e.csv",
                        "customer_id,timestamp,event,channel,value\n"
                        "c1,2024-03-01T10:00:00Z,view,web,1.5\n"
                        "c2,2024-03-01T10:00:01Z,buy,,\n"
                        "c1,2024-03-01T12:00:00+02:00,buy,app,2\n");
  ReadReport r;
  EventTable t = read(p, r);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(r.rows, 3u);
  EXPECT_EQ(r.rejected, 0u);
  EXPECT_EQ(r.format, "csv");
  EXPECT_EQ(r.time_format, "iso8601");
  EXPECT_EQ(t.customers.size(), 2u);
  EXPECT_EQ(customer_name(t, 2), "c1");
  EXPECT_EQ(t.customer[0], t.customer[2]);
  EXPECT_EQ(t.time_us[0], kMar1At10);
  EXPECT_EQ(t.time_us[1], kMar1At10 + kSec);
  EXPECT_EQ(t.time_us[2], kMar1At10);
  EXPECT_EQ(event_name(t, 1), "buy");
  ASSERT_TRUE(t.has_channel());
  EXPECT_EQ(t.channels.at(t.channel[0]), "web");
  EXPECT_EQ(t.channel[1], kNoChannel);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t.value[0], 15000);  // 1.5 in ten-thousandths
  EXPECT_EQ(t.value[1], kMissingValue);
  EXPECT_EQ(t.value[2], 20000);
  EXPECT_FALSE(t.has_score());
  EXPECT_TRUE(t.attributes.empty());
}

TEST_F(ReaderTest, CsvQuotedFields) {
  std::string p = write("q.csv",
                        "customer_id,timestamp,event,note\n"                     // line 1
                        "c1,1709287200,\"view, page\",\"he said \"\"hi\"\"\"\n"  // line 2
                        "c1,1709287201,\"multi\nline\",x\n"                      // lines 3-4
                        "\"c2\",1709287202,buy,\n"                               // line 5
                        "c3,bad,view,\n");                                       // line 6
  ReadReport r;
  EventTable t = read(p, r);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(event_name(t, 0), "view, page");
  EXPECT_EQ(event_name(t, 1), "multi\nline");
  EXPECT_EQ(customer_name(t, 2), "c2");
  EXPECT_EQ(attrs(t, "note"), (std::vector<std::string>{"he said \"hi\"", "x", ""}));
  EXPECT_EQ(r.time_format, "epoch_s");
  ASSERT_EQ(r.rejected, 1u);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  EXPECT_EQ(r.first_rejects[0].line, 6u);  // physical line, after the 2-line row
  EXPECT_NE(r.first_rejects[0].reason.find("'bad'"), std::string::npos);
  EXPECT_NE(r.first_rejects[0].reason.find("timestamp"), std::string::npos);
}

TEST_F(ReaderTest, CsvCrlfAndBom) {
  std::string p = write("b.csv",
                        "\xEF\xBB\xBF"
                        "customer_id,timestamp,event,plan\r\n"
                        "c1,1709287200,a,gold\r\n"
                        "\r\n"
                        "c2,1709287201,\"b\r\nc\",\r\n");
  ReadReport r;
  EventTable t = read(p, r);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(r.rows, 2u);
  EXPECT_EQ(r.rejected, 0u);
  EXPECT_EQ(event_name(t, 0), "a");
  EXPECT_EQ(attrs(t, "plan"), (std::vector<std::string>{"gold", ""}));  // no trailing \r
  EXPECT_EQ(event_name(t, 1), "b\r\nc");  // bytes inside quotes are kept
  EXPECT_EQ(t.time_us[1], kMar1At10 + kSec);
}

// Values beyond 1e12, scores beyond 1e6 (or infinite), times outside years
// 1000-9999 and over-long fields are rejected rows with a reason naming the
// column, like any other bad field (docs/spec.md, "Limits").
TEST_F(ReaderTest, OutOfRangeFieldsAreRejectedRows) {
  const std::string big(kMaxFieldBytes + 1, 'x');
  std::string p = write("r.csv",
                        "customer_id,timestamp,event,value,score\n"  // line 1
                        "c1,1709287200,buy,1e12,1e6\n"               // line 2: at the limits
                        "c1,1709287201,buy,1000000000000000,\n"      // line 3
                        "c1,1709287202,buy,,3e38\n"                  // line 4
                        "c1,1709287203,buy,-inf,\n"                  // line 5
                        "c1,9223372036854775807,buy,,\n"             // line 6
                        "c1,1709287204," +
                            big +
                            ",,\n"                              // line 7
                            "c1,1709287205,buy,-1e12,-1e6\n");  // line 8
  ReadReport r;
  EventTable t = read(p, r, [](ReadOptions& o) { o.max_reported = 10; });
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.value[0], 1'000'000'000'000 * kValueScale);
  EXPECT_EQ(t.score[1], -1e6f);
  ASSERT_EQ(r.rejected, 5u);
  ASSERT_EQ(r.first_rejects.size(), 5u);
  const std::vector<std::pair<uint64_t, std::string>> expected = {
      {3,
       "number '1000000000000000' in column 'value' is outside the supported range (at most "
       "1e12 in magnitude)"},
      {4,
       "number '3e38' in column 'score' is outside the supported range (at most 1e6 in "
       "magnitude)"},
      {5, "unparsable number '-inf' in column 'value'"},
      {6,
       "time '9223372036854775807' in column 'timestamp' is outside the supported range "
       "(years 1000 to 9999)"},
      {7,
       "a field of 16777217 bytes in column 'event' is longer than the limit of 16 MiB per "
       "field"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.first_rejects[i].line, expected[i].first);
    EXPECT_NE(r.first_rejects[i].reason.find(expected[i].second), std::string::npos)
        << r.first_rejects[i].reason;
  }
}

// The range and length checks are the row builder's: every way of reading
// a row applies them alike (mapped and split over threads, streamed through
// a FIFO or from a file with CR line endings, JSON Lines), to core columns
// and attributes.
TEST_F(ReaderTest, OutOfRangeFieldsAreRejectedByEveryReader) {
  const std::string big(kMaxFieldBytes + 1, 'x');
  const std::vector<std::vector<std::string>> rows = {
      // customer_id, timestamp, event, value, score, plan (an attribute)
      {"c1", "1709287200", "buy", "1e12", "1e6", "gold"},       // accepted
      {"c1", "1709287201", "buy", "1000000000000000", "", ""},  // value
      {"c1", "1709287202", "buy", "", "3e38", ""},              // score
      {"c1", "9223372036854775807", "buy", "", "", ""},         // time
      {"c1", "1709287204", big, "", "", ""},                    // event too long
      {"c2", "1709287205", "buy", "", "", big},                 // attribute too long
      {"c2", "1709287206", "buy", "-1e12", "-1e6", "silver"}};  // accepted
  const std::vector<std::string> reasons = {
      "number '1000000000000000' in column 'value' is outside the supported range",
      "number '3e38' in column 'score' is outside the supported range",
      "time '9223372036854775807' in column 'timestamp' is outside the supported range",
      "a field of 16777217 bytes in column 'event' is longer than the limit of 16 MiB",
      "a field of 16777217 bytes in an attribute column is longer than the limit of 16 MiB"};
  std::string csv = "customer_id,timestamp,event,value,score,plan\n";
  std::string jsonl;
  for (const auto& r : rows) {
    csv += r[0] + "," + r[1] + "," + r[2] + "," + r[3] + "," + r[4] + "," + r[5] + "\n";
    jsonl += "{\"customer_id\":\"" + r[0] + "\",\"timestamp\":\"" + r[1] + "\",\"event\":\"" +
             r[2] + "\",\"value\":\"" + r[3] + "\",\"score\":\"" + r[4] + "\",\"plan\":\"" + r[5] +
             "\"}\n";
  }
  std::string cr = csv;
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  // Lines of the rejected rows: after the header in CSV, from line 1 in JSON Lines.
  const auto check = [&](const std::string& how, const EventTable& t, const ReadReport& r,
                         uint64_t first_line) {
    SCOPED_TRACE(how);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t.value[0], 1'000'000'000'000 * kValueScale);
    EXPECT_EQ(t.score[1], -1e6f);
    ASSERT_EQ(r.rejected, reasons.size());
    ASSERT_EQ(r.first_rejects.size(), reasons.size());
    for (size_t i = 0; i < reasons.size(); ++i) {
      EXPECT_EQ(r.first_rejects[i].line, first_line + i);
      EXPECT_NE(r.first_rejects[i].reason.find(reasons[i]), std::string::npos)
          << r.first_rejects[i].reason;
    }
  };
  const auto all = [](ReadOptions& o) { o.max_reported = 10; };
  ReadReport r;
  EventTable t = read(write("e.csv", csv), r, all);
  check("mapped", t, r, 3);
  t = read(write("p.csv", csv), r, [&](ReadOptions& o) {
    all(o);
    o.threads = 2;
    o.parallel_min_bytes = 1;
  });
  check("parallel", t, r, 3);
  t = read(write("cr.csv", cr), r, all);
  check("CR line endings", t, r, 3);
  t = read_fifo(csv, r);  // the default max_reported (5) keeps them all
  check("FIFO", t, r, 3);
  t = read(write("e.jsonl", jsonl), r, all);
  check("JSON Lines", t, r, 2);
}

TEST_F(ReaderTest, TsvByExtension) {
  std::string p = write("e.tsv",
                        "customer_id\ttimestamp\tevent\tscore\n"
                        "c1\t2024-03-01\tview\t0.25\n"
                        "c2\t2024-03-01T10:00\t\"a\tb\"\t\n");
  ReadReport r;
  EventTable t = read(p, r);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(r.format, "tsv");
  EXPECT_EQ(t.time_us[0], kMar1At10 - 10 * 3600 * kSec);
  EXPECT_EQ(t.time_us[1], kMar1At10);
  EXPECT_EQ(event_name(t, 1), "a\tb");
  ASSERT_TRUE(t.has_score());
  EXPECT_FLOAT_EQ(t.score[0], 0.25f);
  EXPECT_TRUE(std::isnan(t.score[1]));
  EXPECT_FALSE(t.has_channel());
}

TEST_F(ReaderTest, FormatOverrideAndUnknownExtension) {
  std::string tsv = "customer_id\ttimestamp\tevent\nc1\t1709287200\tview\n";
  ReadReport r;
  EventTable t = read(write("e.txt", tsv), r, [](ReadOptions& o) { o.format = InputFormat::kTsv; });
  EXPECT_EQ(t.size(), 1u);
  EXPECT_EQ(r.format, "tsv");
  // Unknown extension: CSV; the single-column header then lacks the columns.
  std::string msg = error_of(write("e2.txt", tsv));
  EXPECT_NE(msg.find("missing required column 'customer_id'"), std::string::npos) << msg;
  EXPECT_EQ(parse_input_format("ndjson"), InputFormat::kJsonl);
  EXPECT_EQ(parse_input_format("json"), InputFormat::kJsonl);
  EXPECT_EQ(parse_input_format("auto"), InputFormat::kAuto);
  EXPECT_THROW(parse_input_format("xml"), Error);
}

TEST_F(ReaderTest, Jsonl) {
  std::string p = write("e.jsonl",
                        "{\"customer_id\":\"c1\",\"timestamp\":1709287200000,\"event\":\"view\","
                        "\"value\":null}\n"
                        "\n"
                        "{\"customer_id\":\"c2\",\"timestamp\":\"1709287201000\",\"event\":\"buy\","
                        "\"value\":3.5,\"plan\":\"gold\",\"channel\":\"web\"}\n"
                        "{\"event\":\"x\",\"customer_id\":1,\"timestamp\":1709287202500,"
                        "\"plan\":\"\",\"age\":42}\n"
                        "{\"customer_id\":\"c1\",\"timestamp\":1709287203000,\"event\":\"buy\","
                        "\"plan\":\"silver\"}\n");
  ReadReport r;
  EventTable t = read(p, r);
  EXPECT_EQ(r.format, "jsonl");
  EXPECT_EQ(r.time_format, "epoch_ms");
  EXPECT_EQ(r.rejected, 0u);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t.time_us[0], kMar1At10);
  EXPECT_EQ(t.time_us[1], kMar1At10 + kSec);
  EXPECT_EQ(t.time_us[2], kMar1At10 + 2 * kSec + 500000);
  EXPECT_EQ(customer_name(t, 2), "1");  // numbers become text
  EXPECT_EQ(event_name(t, 2), "x");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t.value[0], kMissingValue);
  EXPECT_EQ(t.value[1], 35000);
  EXPECT_EQ(t.value[2], kMissingValue);
  ASSERT_TRUE(t.has_channel());  // first seen on the second row
  ASSERT_EQ(t.channel.size(), 4u);
  EXPECT_EQ(t.channel[0], kNoChannel);
  EXPECT_EQ(t.channels.at(t.channel[1]), "web");
  // Per row; a key first seen late is missing in the rows before it.
  EXPECT_EQ(attrs(t, "plan"), (std::vector<std::string>{"", "gold", "", "silver"}));
  EXPECT_EQ(attrs(t, "age"), (std::vector<std::string>{"", "", "42", ""}));
  EXPECT_EQ(t.attributes[0].values.strings(), (std::vector<std::string>{"", "gold", "silver"}));
  EXPECT_FALSE(t.has_session());
}

TEST_F(ReaderTest, CsvColumnNamedForTwoRolesFeedsBoth) {
  // The spec may name one column for two roles (here event and channel):
  // both take its value, and the other columns stay attributes.
  std::string p = write("two.csv",
                        "customer_id,timestamp,event,plan\n"
                        "c1,1709287200,web,gold\n"
                        "c2,1709287201,app,\n");
  ReadReport r;
  EventTable t = read(p, r, [](ReadOptions& o) { o.data.channel = "event"; });
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(event_name(t, 0), "web");
  EXPECT_EQ(event_name(t, 1), "app");
  ASSERT_TRUE(t.has_channel());
  EXPECT_EQ(t.channels.at(t.channel[0]), "web");
  EXPECT_EQ(t.channels.at(t.channel[1]), "app");
  ASSERT_EQ(t.attributes.size(), 1u);
  EXPECT_EQ(attrs(t, "plan"), (std::vector<std::string>{"gold", ""}));
}

TEST_F(ReaderTest, JsonlBadLines) {
  std::string p = write("e.ndjson",
                        "{\"customer_id\":\"c1\",\"timestamp\":\"2024-03-01T10:00:00Z\","
                        "\"event\":\"view\"}\n"
                        "{\"customer_id\":\"c1\",\"timestamp\":\n"
                        "[1,2,3]\n"
                        "{\"timestamp\":\"2024-03-01T10:00:00Z\",\"event\":\"view\"}\n"
                        "{\"customer_id\":\"c2\",\"timestamp\":\"2024-03-01T10:00:00Z\","
                        "\"event\":\"buy\"}");  // no final newline
  ReadReport r;
  EventTable t = read(p, r);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(r.rows, 5u);
  ASSERT_EQ(r.rejected, 3u);
  ASSERT_EQ(r.first_rejects.size(), 3u);
  EXPECT_EQ(r.first_rejects[0].line, 2u);
  EXPECT_NE(r.first_rejects[0].reason.find("invalid JSON"), std::string::npos);
  EXPECT_EQ(r.first_rejects[1].line, 3u);
  EXPECT_NE(r.first_rejects[1].reason.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(r.first_rejects[2].line, 4u);
  EXPECT_NE(r.first_rejects[2].reason.find("customer_id"), std::string::npos);
}

TEST_F(ReaderTest, MalformedRowsAreRejectedAndReported) {
  std::string p = write("m.csv",
                        "customer_id,timestamp,event,value\n"  // 1
                        "c1,2024-03-01T10:00:00Z,view,1\n"     // 2 ok
                        ",2024-03-01T10:00:00Z,view,1\n"       // 3 empty customer
                        "c1,2024-13-01T10:00:00Z,view,1\n"     // 4 bad month
                        "c1,,view,1\n"                         // 5 empty time
                        "c1,2024-03-01T10:00:00Z,,1\n"         // 6 empty event
                        "c1,2024-03-01T10:00:00Z,view\n"       // 7 3 fields
                        "c1,2024-03-01T10:00:00Z,view,abc\n"   // 8 bad value
                        "\n"                                   // 9 blank: skipped
                        "c2,2024-03-01T10:00:01Z,buy,2\n");    // 10 ok
  std::string rejects = (dir_ / "rejects.tsv").string();
  ReadReport r;
  EventTable t = read(p, r, [&](ReadOptions& o) {
    o.max_reported = 3;
    o.rejects_path = rejects;
  });
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(r.rows, 8u);
  EXPECT_EQ(r.rejected, 6u);
  ASSERT_EQ(r.first_rejects.size(), 3u);
  EXPECT_EQ(r.first_rejects[0].line, 3u);
  EXPECT_NE(r.first_rejects[0].reason.find("customer_id"), std::string::npos);
  EXPECT_EQ(r.first_rejects[1].line, 4u);
  EXPECT_NE(r.first_rejects[1].reason.find("'2024-13-01T10:00:00Z'"), std::string::npos);
  EXPECT_EQ(r.first_rejects[2].line, 5u);
  EXPECT_NE(r.first_rejects[2].reason.find("timestamp"), std::string::npos);

  std::string content = read_file(rejects);
  EXPECT_EQ(content.rfind("line\treason\n", 0), 0u);
  EXPECT_EQ(std::count(content.begin(), content.end(), '\n'), 7);
  EXPECT_NE(content.find("\n6\t"), std::string::npos);
  EXPECT_NE(content.find("\n7\t3 fields, expected 4\n"), std::string::npos) << content;
  EXPECT_NE(content.find("\n8\tunparsable number 'abc' in column 'value'\n"), std::string::npos)
      << content;
}

TEST_F(ReaderTest, RejectsFileWrittenEvenWhenClean) {
  std::string p = write("c.csv", "customer_id,timestamp,event\nc1,1,view\n");
  std::string rejects = (dir_ / "rej.tsv").string();
  ReadReport r;
  read(p, r, [&](ReadOptions& o) { o.rejects_path = rejects; });
  EXPECT_EQ(read_file(rejects), "line\treason\n");
}

TEST_F(ReaderTest, StrictThrowsWithLine) {
  std::string p = write("s.csv",
                        "customer_id,timestamp,event\n"
                        "c1,2024-03-01,view\n"
                        "c1,2023-02-29,view\n");
  std::string msg = error_of(p, [](ReadOptions& o) { o.strict = true; });
  EXPECT_NE(msg.find("s.csv:3:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2023-02-29"), std::string::npos) << msg;
  // Without strict the same file reads with one reject.
  ReadReport r;
  EXPECT_EQ(read(p, r).size(), 1u);
  EXPECT_EQ(r.rejected, 1u);
}

TEST_F(ReaderTest, EmptyFileIsAnError) {
  std::string msg = error_of(write("empty.csv", ""));
  EXPECT_NE(msg.find("no header row"), std::string::npos) << msg;
  EXPECT_NE(msg.find("empty.csv"), std::string::npos) << msg;
}

TEST_F(ReaderTest, HeaderOnlyHasNoRows) {
  ReadReport r;
  EventTable t = read(write("h.csv", "customer_id,timestamp,event,plan\n"), r);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(r.rows, 0u);
  EXPECT_EQ(r.rejected, 0u);
  EXPECT_EQ(t.attribute_index("plan"), 0);
}

TEST_F(ReaderTest, MissingFileIsAnError) {
  std::string msg = error_of((dir_ / "nope.csv").string());
  EXPECT_NE(msg.find("nope.csv"), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot open"), std::string::npos) << msg;
}

TEST_F(ReaderTest, MissingRequiredColumnNamesItAndListsHeader) {
  std::string msg = error_of(write("x.csv", "customer_id,time,event\nc1,1,view\n"));
  EXPECT_NE(msg.find("'timestamp'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("customer_id, time, event"), std::string::npos) << msg;
  // A remapped column name works.
  ReadReport r;
  EventTable t = read(write("y.csv", "customer_id,time,event\nc1,1709287200,view\n"), r,
                      [](ReadOptions& o) { o.data.time = "time"; });
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.time_us[0], kMar1At10);
}

TEST_F(ReaderTest, DuplicateColumnIsAnError) {
  std::string msg = error_of(write("d.csv", "customer_id,timestamp,event,event\n"));
  EXPECT_NE(msg.find("duplicate column 'event'"), std::string::npos) << msg;
}

TEST_F(ReaderTest, BinaryGarbageIsAnError) {
  std::string junk("\x01\x02\x00\x00\xFF\xFEgarbage\x00\n\x00\x00", 17);
  std::string msg = error_of(write("bin.csv", junk));
  EXPECT_NE(msg.find("does not look like a text CSV file"), std::string::npos) << msg;
}

TEST_F(ReaderTest, InvalidUtf8IsKeptAsBytes) {
  std::string p = write("u.csv",
                        "customer_id,timestamp,event\n"
                        "c\xFF\xFE"
                        "1,1709287200,vi\xC3\n");
  ReadReport r;
  EventTable t = read(p, r);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(customer_name(t, 0),
            "c\xFF\xFE"
            "1");
  EXPECT_EQ(event_name(t, 0), "vi\xC3");
}

TEST_F(ReaderTest, VeryLongLineAndManyBlocks) {
  // ~10 MB of ordinary rows, one 10 MB field, then more rows: crosses the
  // 16 MB read block and needs the buffer to carry a partial row over.
  std::string content = "customer_id,timestamp,event,note\n";
  const int kBefore = 250000;
  for (int i = 0; i < kBefore; ++i)
    content += "c" + std::to_string(i % 1000) + ",1709287200,view,n\n";
  std::string big(10 << 20, 'x');
  content += "big," + std::to_string(1709287201) + ",long,\"" + big + "\"\n";
  for (int i = 0; i < kBefore; ++i) content += "d,1709287202,after,\n";
  content += "d,oops,after,\n";
  std::string p = write("big.csv", content);
  content.clear();
  ReadReport r;
  EventTable t = read(p, r);
  EXPECT_EQ(t.size(), static_cast<size_t>(2 * kBefore + 1));
  EXPECT_EQ(r.rejected, 1u);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  // header + kBefore rows + big row + kBefore rows, then the bad row.
  EXPECT_EQ(r.first_rejects[0].line, static_cast<uint64_t>(1 + kBefore + 1 + kBefore + 1));
  EXPECT_EQ(attr(t, "note", kBefore).size(), big.size());
  EXPECT_EQ(attr(t, "note", kBefore - 1), "n");
  EXPECT_EQ(attr(t, "note", kBefore + 1), "");
  EXPECT_EQ(t.time_us[kBefore], kMar1At10 + kSec);
}

TEST_F(ReaderTest, AutoDetectEpochUnits) {
  struct Case {
    const char* first;
    const char* name;
    int64_t expected;
  } cases[] = {
      {"1709287200", "epoch_s", kMar1At10},
      {"1709287200000", "epoch_ms", kMar1At10},
      {"1709287200000000", "epoch_us", kMar1At10},
  };
  for (const Case& c : cases) {
    std::string p =
        write(std::string(c.name) + ".csv",
              std::string("customer_id,timestamp,event\nc1,,view\nc1,") + c.first + ",view\n");
    ReadReport r;
    EventTable t = read(p, r);
    EXPECT_EQ(r.time_format, c.name);
    ASSERT_EQ(t.size(), 1u) << c.name;
    EXPECT_EQ(t.time_us[0], c.expected) << c.name;
    EXPECT_EQ(r.rejected, 1u);  // the empty time
  }
  // An explicit format is used as given.
  ReadReport r;
  EventTable t = read(write("ms.csv", "customer_id,timestamp,event\nc1,1709287200,view\n"), r,
                      [](ReadOptions& o) { o.data.time_format = "epoch_ms"; });
  EXPECT_EQ(r.time_format, "epoch_ms");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.time_us[0], 1709287200LL * 1000);
}

// Every row keeps its own value of every attribute (they change from visit
// to visit); ids are dense in order of first appearance, 0 is missing.
TEST_F(ReaderTest, AttributesAreKeptPerRow) {
  const std::string csv =
      "customer_id,timestamp,event,plan,region\n"
      "c1,1,view,,north\n"
      "c2,2,view,,\n"
      "c1,3,view,gold,south\n"
      "c1,4,view,silver,\n"
      "c3,5,view,basic,east\n"
      "c1,6,view,gold,north\n"
      "c1,7,view,gold,north\n";
  std::string tsv = csv;
  std::replace(tsv.begin(), tsv.end(), ',', '\t');
  std::string jsonl;
  for (const char* line : {R"({"customer_id":"c1","timestamp":1,"event":"view","region":"north"})",
                           R"({"customer_id":"c2","timestamp":2,"event":"view","plan":null})",
                           R"({"customer_id":"c1","timestamp":3,"event":"view","plan":"gold",)"
                           R"("region":"south"})",
                           R"({"customer_id":"c1","timestamp":4,"event":"view","plan":"silver"})",
                           R"({"customer_id":"c3","timestamp":5,"event":"view","plan":"basic",)"
                           R"("region":"east"})",
                           R"({"customer_id":"c1","timestamp":6,"event":"view","plan":"gold",)"
                           R"("region":"north"})",
                           R"({"customer_id":"c1","timestamp":7,"event":"view","region":"north",)"
                           R"("plan":"gold"})"})
    jsonl += std::string(line) + "\n";
  const std::vector<std::string> plan = {"", "", "gold", "silver", "basic", "gold", "gold"};
  const std::vector<std::string> region = {"north", "", "south", "", "east", "north", "north"};
  const auto check = [&](const std::string& how, const EventTable& t) {
    SCOPED_TRACE(how);
    ASSERT_EQ(t.size(), 7u);
    ASSERT_EQ(t.attributes.size(), 2u);
    const AttributeColumn& p = t.attributes[t.attribute_index("plan")];
    const AttributeColumn& g = t.attributes[t.attribute_index("region")];
    EXPECT_EQ(attrs(t, "plan"), plan);
    EXPECT_EQ(attrs(t, "region"), region);
    EXPECT_EQ(p.values.strings(), (std::vector<std::string>{"", "gold", "silver", "basic"}));
    EXPECT_EQ(g.values.strings(), (std::vector<std::string>{"", "north", "south", "east"}));
    EXPECT_EQ(p.of, (std::vector<uint32_t>{0, 0, 1, 2, 3, 1, 1}));
    EXPECT_EQ(g.of, (std::vector<uint32_t>{1, 0, 2, 0, 3, 1, 1}));
  };
  ReadReport r;
  check("csv", read(write("a.csv", csv), r));
  check("tsv", read(write("a.tsv", tsv), r));
  check("jsonl", read(write("a.jsonl", jsonl), r));
  check("fifo", read_fifo(csv, r));
  for (unsigned threads : {2u, 3u, 4u})
    check("parallel", read_parallel(write("p.csv", csv), threads, r));
}

// data.session names a column whose values become ids into `sessions`, one
// per row, in order of first appearance; an empty value is a value too.
TEST_F(ReaderTest, SessionsAreReadAndInterned) {
  const std::string csv =
      "customer_id,timestamp,event,visit,plan\n"
      "c1,1,view,s1,a\n"
      "c1,2,view,s1,a\n"
      "c2,3,view,,b\n"
      "c1,4,view,s2,a\n"
      "c2,5,view,s1,b\n"
      "c2,6,view,,b\n";
  std::string tsv = csv;
  std::replace(tsv.begin(), tsv.end(), ',', '\t');
  const std::string jsonl =
      R"({"customer_id":"c1","timestamp":1,"event":"view","visit":"s1","plan":"a"})"
      "\n"
      R"({"customer_id":"c1","timestamp":2,"visit":"s1","event":"view","plan":"a"})"
      "\n"
      R"({"customer_id":"c2","timestamp":3,"event":"view","plan":"b"})"
      "\n"
      R"({"customer_id":"c1","timestamp":4,"event":"view","visit":"s2","plan":"a"})"
      "\n"
      R"({"customer_id":"c2","timestamp":5,"event":"view","visit":"s1","plan":"b"})"
      "\n"
      R"({"customer_id":"c2","timestamp":6,"event":"view","visit":null,"plan":"b"})"
      "\n";
  const auto with_session = [](ReadOptions& o) { o.data.session = "visit"; };
  const auto check = [&](const std::string& how, const EventTable& t) {
    SCOPED_TRACE(how);
    ASSERT_EQ(t.size(), 6u);
    ASSERT_TRUE(t.has_session());
    EXPECT_EQ(t.sessions.strings(), (std::vector<std::string>{"s1", "", "s2"}));
    EXPECT_EQ(t.session, (std::vector<uint32_t>{0, 0, 1, 2, 0, 1}));
    ASSERT_EQ(t.attributes.size(), 1u);  // the session column is no attribute
    EXPECT_EQ(t.attributes[0].name, "plan");
  };
  ReadReport r;
  check("csv", read(write("s.csv", csv), r, with_session));
  check("tsv", read(write("s.tsv", tsv), r, with_session));
  check("jsonl", read(write("s.jsonl", jsonl), r, with_session));
  for (unsigned threads : {2u, 3u})
    check("parallel", read(write("p.csv", csv), r, [&](ReadOptions& o) {
            with_session(o);
            o.threads = threads;
            o.parallel_min_bytes = 1;
          }));
  // Without data.session the column is an attribute like any other.
  const EventTable t = read(write("n.csv", csv), r);
  EXPECT_FALSE(t.has_session());
  EXPECT_EQ(attrs(t, "visit"), (std::vector<std::string>{"s1", "s1", "", "s2", "s1", ""}));
}

TEST_F(ReaderTest, MissingSessionColumnIsAnError) {
  const auto with_session = [](ReadOptions& o) { o.data.session = "session_id"; };
  for (const char* name : {"s.csv", "s.tsv"}) {
    const std::string sep = std::string(name) == "s.csv" ? "," : "\t";
    const std::string path = write(name, "customer_id" + sep + "timestamp" + sep + "event" + sep +
                                             "visit\nc1" + sep + "1" + sep + "view" + sep + "v\n");
    const std::string msg = error_of(path, with_session);
    EXPECT_NE(msg.find(name), std::string::npos) << msg;
    EXPECT_NE(msg.find("missing required column 'session_id' (data.session)"), std::string::npos)
        << msg;
  }
  // In JSON Lines a row without the key has an empty session.
  ReadReport r;
  const EventTable t = read(write("s.jsonl", R"({"customer_id":"c1","timestamp":1,"event":"view"})"
                                             "\n"),
                            r, with_session);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(sessions(t), (std::vector<std::string>{""}));
}

TEST_F(ReaderTest, UnterminatedQuoteIsRejected) {
  std::string p = write("uq.csv",
                        "customer_id,timestamp,event\n"
                        "c1,1709287200,view\n"
                        "c1,1709287200,\"oops\n"
                        "c2,1709287200,view\n");
  ReadReport r;
  EventTable t = read(p, r);
  EXPECT_EQ(t.size(), 1u);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  EXPECT_EQ(r.first_rejects[0].line, 3u);
  EXPECT_NE(r.first_rejects[0].reason.find("unterminated"), std::string::npos);
}

// A log whose line `stray` opens a quote that is never closed, with `lines`
// lines in all (the header is line 1, every other line a good row).
std::string stray_quote_log(int stray, int lines) {
  std::string s = "customer_id,timestamp,event\n";
  for (int i = 2; i <= lines; ++i)
    s += "c" + std::to_string(i) + ",1709287200," + (i == stray ? "\"oops" : "view") + "\n";
  return s;
}

TEST_F(ReaderTest, StrayQuoteRejectNamesTheLinesItSwallowed) {
  // Line 3 opens a quote that is never closed: lines 3 to 1002 are one field
  // of one row. The reject says so, read whole, in parallel or streamed.
  const std::string text = stray_quote_log(3, 1002);
  const std::string path = write("stray.csv", text);
  const std::string reason =
      "unterminated quoted field (a '\"' is never closed); lines 3-1002 (1000 lines) were read "
      "as one row";
  auto expect_report = [&](const ReadReport& r, const EventTable& t) {
    EXPECT_EQ(t.size(), 1u);
    EXPECT_EQ(r.rows, 2u);
    EXPECT_EQ(r.rejected, 1u);
    ASSERT_EQ(r.first_rejects.size(), 1u);
    EXPECT_EQ(r.first_rejects[0].line, 3u);
    EXPECT_EQ(r.first_rejects[0].reason, reason);
  };
  ReadReport r;
  EventTable t = read(path, r, [](ReadOptions& o) { o.threads = 1; });
  expect_report(r, t);
  for (unsigned threads : {2u, 3u, 5u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    t = read_parallel(path, threads, r);
    expect_report(r, t);
  }
  t = read_fifo(text, r);
  expect_report(r, t);

  const std::string rejects = (dir_ / "rejects.tsv").string();
  read(path, r, [&](ReadOptions& o) { o.rejects_path = rejects; });
  EXPECT_EQ(read_file(rejects), "line\treason\n3\t" + reason + "\n");
  EXPECT_EQ(error_of(path, [](ReadOptions& o) { o.strict = true; }), path + ":3: " + reason);
}

TEST_F(ReaderTest, StrayQuoteInAParallelWorkersRangeKeepsItsLines) {
  // The quote opens in the middle of the file, in the range of a thread
  // other than the first: its lines are shifted like the reject's own.
  const std::string path = write("stray_mid.csv", stray_quote_log(3000, 4000));
  const std::string reason =
      "unterminated quoted field (a '\"' is never closed); lines 3000-4000 (1001 lines) were read "
      "as one row";
  for (unsigned threads : {1u, 2u, 4u, 7u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ReadReport r;
    EventTable t = read_parallel(path, threads, r);
    EXPECT_EQ(t.size(), 2998u);
    EXPECT_EQ(r.rows, 2999u);
    ASSERT_EQ(r.first_rejects.size(), 1u);
    EXPECT_EQ(r.first_rejects[0].line, 3000u);
    EXPECT_EQ(r.first_rejects[0].reason, reason);
    const std::string err = error_of(path, [&](ReadOptions& o) {
      o.threads = threads;
      o.parallel_min_bytes = 1;
      o.strict = true;
    });
    EXPECT_EQ(err, path + ":3000: " + reason);
  }
}

TEST_F(ReaderTest, StrayQuoteClosedLaterNamesTheLinesOfTheRow) {
  // The quote opened on line 3 closes at the start of line 8: lines 3 to 8
  // are one row of 5 fields.
  std::string s = "customer_id,timestamp,event\n";
  for (int i = 2; i <= 10; ++i)
    s += (i == 8 ? "\"c8" : "c" + std::to_string(i)) + ",1709287200," + (i == 3 ? "\"oops" : "v") +
         "\n";
  ReadReport r;
  EventTable t = read(write("closed.csv", s), r);
  EXPECT_EQ(t.size(), 3u);  // lines 2, 9 and 10
  EXPECT_EQ(r.rows, 4u);
  ASSERT_EQ(r.first_rejects.size(), 1u);
  EXPECT_EQ(r.first_rejects[0].line, 3u);
  EXPECT_EQ(r.first_rejects[0].reason,
            "5 fields, expected 3; lines 3-8 (6 lines) were read as one row");
}

// --- Parallel (chunked) reading of files -----------------------------------

// Expects two tables to be identical, dictionaries and ids included.
void expect_same_table(const EventTable& a, const EventTable& b) {
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.time_us, b.time_us);
  EXPECT_EQ(a.event, b.event);
  EXPECT_EQ(a.channel, b.channel);
  ASSERT_EQ(a.value.size(), b.value.size());
  for (size_t i = 0; i < a.value.size(); ++i)
    EXPECT_TRUE(a.value[i] == b.value[i] || (std::isnan(a.value[i]) && std::isnan(b.value[i])));
  ASSERT_EQ(a.score.size(), b.score.size());
  for (size_t i = 0; i < a.score.size(); ++i)
    EXPECT_TRUE(a.score[i] == b.score[i] || (std::isnan(a.score[i]) && std::isnan(b.score[i])));
  EXPECT_EQ(a.customers.strings(), b.customers.strings());
  EXPECT_EQ(a.events.strings(), b.events.strings());
  EXPECT_EQ(a.channels.strings(), b.channels.strings());
  EXPECT_EQ(a.session, b.session);
  EXPECT_EQ(a.sessions.strings(), b.sessions.strings());
  ASSERT_EQ(a.attributes.size(), b.attributes.size());
  for (size_t i = 0; i < a.attributes.size(); ++i) {
    EXPECT_EQ(a.attributes[i].name, b.attributes[i].name);
    EXPECT_EQ(a.attributes[i].values.strings(), b.attributes[i].values.strings());
    EXPECT_EQ(a.attributes[i].of, b.attributes[i].of);
  }
}

void expect_same_report(const ReadReport& a, const ReadReport& b) {
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.rejected, b.rejected);
  EXPECT_EQ(a.time_format, b.time_format);
  ASSERT_EQ(a.first_rejects.size(), b.first_rejects.size());
  for (size_t i = 0; i < a.first_rejects.size(); ++i) {
    EXPECT_EQ(a.first_rejects[i].line, b.first_rejects[i].line);
    EXPECT_EQ(a.first_rejects[i].reason, b.first_rejects[i].reason);
  }
}

// A log with quoted fields holding newlines and delimiters, bad rows, blank
// lines, attributes that change from row to row, new values appearing all
// along, sessions (column `visit`, some empty), and repeated customers.
std::string messy_log(int rows) {
  std::string s = "customer_id,timestamp,event,channel,value,plan,visit,note\n";
  for (int i = 0; i < rows; ++i) {
    std::string c = "c" + std::to_string((i * 7919) % 97);
    std::string t = "2024-03-01T10:" + std::to_string(10 + i % 50) + ":00Z";
    std::string plan = i % 5 == 0 ? "" : "p" + std::to_string(i % 3 + i / 400);
    std::string visit = i % 17 == 0 ? "" : c + "-" + std::to_string(i / 300);
    std::string ev = "e" + std::to_string((i / 50) % 13);
    if (i % 97 == 13) {
      s += c + ",not-a-time," + ev + ",web,1," + plan + "," + visit + ",x\n";
    } else if (i % 89 == 5) {
      s += c + "," + t + "\n";  // too few fields
    } else if (i % 11 == 0) {
      // A quoted note of several lines, with commas, quotes and a "\n" run.
      s += c + "," + t + "," + ev + ",\"ch, " + std::to_string(i % 4) + "\",2.5," + plan + ",\"" +
           visit + "\",\"line one\nline, two \"\"q\"\"\n\nline four\"\n";
    } else if (i % 23 == 0) {
      s += "\n";
      s += c + "," + t + "," + ev + ",," + "," + plan + "," + visit + ",\r\n";
    } else {
      s += c + "," + t + "," + ev + ",app," + std::to_string(i % 7) + "," + plan + "," + visit +
           ",n\n";
    }
  }
  return s;
}

// Old Mac line endings (a lone CR) are line breaks like LF and CRLF: the
// same table, rejects on the same lines, whichever way the file is read.
TEST_F(ReaderTest, CrOnlyLineEndingsAreLineBreaks) {
  const std::string lf =
      "\xEF\xBB\xBF"
      "customer_id,timestamp,event,plan\n"
      "c1,1709287200,view,gold\n"
      "\n"
      "c2,not-a-time,view,\n"
      "c2,1709287201,\"two\nlines\",basic\n"
      "c1,1709287202,buy,\n";
  std::string cr = lf;
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  ReadReport r1;
  const EventTable t1 = read(write("lf.csv", lf), r1);
  ASSERT_EQ(t1.size(), 3u);
  ASSERT_EQ(r1.first_rejects.size(), 1u);
  ASSERT_EQ(r1.first_rejects[0].line, 4u);

  const std::string path = write("cr.csv", cr);
  ReadReport r2;
  const EventTable t2 = read(path, r2, [](ReadOptions& o) { o.threads = 1; });
  expect_same_table(t1, t2);
  expect_same_report(r1, r2);
  EXPECT_EQ(event_name(t2, 1), "two\nlines");
  for (unsigned threads : {2u, 3u}) {
    ReadReport r3;
    expect_same_table(t1, read_parallel(path, threads, r3));
    expect_same_report(r1, r3);
  }
  ReadReport r4;
  expect_same_table(t1, read_fifo(cr, r4));
  expect_same_report(r1, r4);

  std::string jsonl =
      "{\"customer_id\":\"c1\",\"timestamp\":1709287200,\"event\":\"view\"}\r"
      "{\"customer_id\":\"c2\",\"timestamp\":\"x\",\"event\":\"view\"}\r"
      "{\"customer_id\":\"c2\",\"timestamp\":1709287201,\"event\":\"buy\"}\r";
  ReadReport r5;
  const EventTable t5 = read(write("cr.jsonl", jsonl), r5);
  EXPECT_EQ(t5.size(), 2u);
  ASSERT_EQ(r5.first_rejects.size(), 1u);
  EXPECT_EQ(r5.first_rejects[0].line, 2u);
}

TEST_F(ReaderTest, LoneCrInsideAFieldOfAnLfFileIsKept) {
  ReadReport r;
  const EventTable t = read(write("cr_inside.csv",
                                  "customer_id,timestamp,event\n"
                                  "c1,1709287200,\"a\rb\"\n"),
                            r);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(event_name(t, 0), "a\rb");
}

TEST_F(ReaderTest, ParallelReadIsIdenticalToSingleThreaded) {
  std::string path = write("big.csv", messy_log(3000));
  for (const std::string session : {"", "visit"}) {
    SCOPED_TRACE("session column '" + session + "'");
    ReadReport r1;
    EventTable t1 = read(path, r1, [&](ReadOptions& o) {
      o.threads = 1;
      o.data.session = session;
    });
    ASSERT_GT(t1.size(), 2500u);
    ASSERT_GT(r1.rejected, 50u);
    ASSERT_EQ(t1.has_session(), !session.empty());
    ASSERT_GT(t1.attributes[0].values.size(), 8u);  // plan: new values all along
    for (unsigned threads : {2u, 3u, 4u, 7u, 16u}) {
      SCOPED_TRACE("threads " + std::to_string(threads));
      ReadReport r2;
      EventTable t2 = read(path, r2, [&](ReadOptions& o) {
        o.threads = threads;
        o.parallel_min_bytes = 1;
        o.max_reported = 1000;
        o.data.session = session;
      });
      expect_same_table(t1, t2);
      ReadReport r1all;
      read(path, r1all, [&](ReadOptions& o) {
        o.threads = 1;
        o.max_reported = 1000;
        o.data.session = session;
      });
      expect_same_report(r1all, r2);
    }
  }
}

// Attribute values and sessions first met in the later parts of a parallel
// read get their ids in order of first appearance, as in one pass, whether
// or not the main part met them too.
TEST_F(ReaderTest, ParallelReadGivesAttributeValuesTheirFirstAppearanceIds) {
  std::string s = "customer_id,timestamp,event,plan,region,visit\n";
  for (int i = 0; i < 4000; ++i) {
    const int c = i < 1000 ? i : (i * 7) % 3000;
    std::string plan;
    if (i < 1000)
      plan = i % 3 == 0 ? "" : "v" + std::to_string((i * 37) % 211);
    else if (c < 1000 && c % 3 != 0)  // has had a value since the first 1000 rows
      plan = "x" + std::to_string(i);
    else
      plan = "w" + std::to_string(i / 10);
    const std::string region = "r" + std::to_string((i * 11) % 97);
    const std::string visit = "s" + std::to_string(c) + "-" + std::to_string(i / 700);
    s += "c" + std::to_string(c) + ",2024-03-01T10:00:" + std::to_string(10 + i % 40) + "Z,e," +
         plan + "," + region + "," + visit + "\n";
  }
  const std::string path = write("attrs.csv", s);
  const auto with_session = [](ReadOptions& o) { o.data.session = "visit"; };
  ReadReport r1;
  EventTable t1 = read(path, r1, [&](ReadOptions& o) {
    o.threads = 1;
    with_session(o);
  });
  ASSERT_EQ(t1.attributes.size(), 2u);
  ASSERT_GT(t1.attributes[0].values.size(), 200u);
  ASSERT_GT(t1.sessions.size(), 3000u);
  // Row by row, the values as written (spot checks of each kind of plan).
  EXPECT_EQ(attr(t1, "plan", 1), "v37");
  EXPECT_EQ(attr(t1, "plan", 1001), "w100");   // c1007, first seen here
  EXPECT_EQ(attr(t1, "plan", 1286), "x1286");  // c2, which had plan v74 in row 2
  EXPECT_EQ(attr(t1, "plan", 2), "v74");
  EXPECT_EQ(t1.sessions.at(t1.session[3999]), "s993-5");
  for (unsigned threads : {2u, 3u, 5u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ReadReport r2;
    expect_same_table(t1, read(path, r2, [&](ReadOptions& o) {
                        o.threads = threads;
                        o.parallel_min_bytes = 1;
                        with_session(o);
                      }));
  }
}

// In a parallel read each thread appends to its own window of one buffer per
// column, sized from a sample; the parts are then moved down in place. Rows
// much longer in the sample than after it make the windows too small for a
// small margin: those threads go on in memory of their own and the parts are
// copied. Either way the table is the single-threaded one.
TEST_F(ReaderTest, ParallelReadWindowsInPlaceOrOutgrown) {
  std::string s = "customer_id,timestamp,event,channel,value,score,note\n";
  for (int i = 0; i < 6000; ++i) {
    const std::string note = i < 300 ? std::string(200, 'n') : "m";
    s += "c" + std::to_string((i * 13) % 700) + ",2024-03-01T10:" + std::to_string(10 + i % 50) +
         ":00Z,e" + std::to_string(i % 7) + "," + (i % 5 == 0 ? "" : "ch" + std::to_string(i % 3)) +
         "," + (i % 4 == 0 ? "" : std::to_string(i % 90)) + "," + std::to_string(i % 11 - 5) + "," +
         note + "\n";
  }
  const std::string path = write("windows.csv", s);
  ReadReport r1;
  const EventTable t1 = read(path, r1, [](ReadOptions& o) { o.threads = 1; });
  ASSERT_EQ(t1.size(), 6000u);
  for (unsigned threads : {2u, 3u, 5u})
    for (double margin : {0.05, 1.1, 20.0}) {
      SCOPED_TRACE("threads " + std::to_string(threads) + ", margin " + std::to_string(margin));
      ReadReport r2;
      const EventTable t2 = read_parallel(path, threads, r2, margin);
      expect_same_table(t1, t2);
      if (margin == 0.05) {  // outgrown: the columns are vectors of their own
        EXPECT_FALSE(t2.time_us.is_view());
        EXPECT_FALSE(t2.customer.is_view());
      }
    }

  // Rows all alike: the sample is right, and every part fits its window. The
  // first window has room for only its share of the rows, so the columns
  // stay windows of their buffers only if the parts were joined in place
  // (copying them would have outgrown it).
  std::string even = "customer_id,timestamp,event,channel,value,score\n";
  for (int i = 0; i < 6000; ++i)
    even += "c" + std::to_string(100 + (i * 13) % 700) +
            ",2024-03-01T10:" + std::to_string(10 + i % 50) + ":00Z,e" + std::to_string(i % 7) +
            ",ch" + std::to_string(i % 3) + "," + std::to_string(10 + i % 90) + ",1\n";
  const std::string even_path = write("even.csv", even);
  ReadReport r3;
  const EventTable t3 = read(even_path, r3, [](ReadOptions& o) { o.threads = 1; });
  for (unsigned threads : {2u, 3u, 5u}) {
    SCOPED_TRACE("even rows, threads " + std::to_string(threads));
    ReadReport r4;
    const EventTable t4 = read_parallel(even_path, threads, r4);
    expect_same_table(t3, t4);
    EXPECT_TRUE(t4.time_us.is_view());
    EXPECT_TRUE(t4.customer.is_view());
    EXPECT_TRUE(t4.channel.is_view());
  }
}

TEST_F(ReaderTest, ParallelChunkBoundariesInsideQuotedFields) {
  // Every byte position is tried as a split point: a field of many lines sits
  // across the first guessed boundary for some thread counts.
  std::string s = "customer_id,timestamp,event,note\n";
  std::string note = "\"";
  for (int i = 0; i < 40; ++i) note += "x,\n";
  note += "\"";
  for (int i = 0; i < 30; ++i)
    s += "c" + std::to_string(i % 4) + ",2024-03-01T10:00:0" + std::to_string(i % 10) + "Z,e," +
         (i % 3 == 1 ? note : "n") + "\n";
  s += "c9,bad,e,n\n";
  std::string path = write("q.csv", s);
  ReadReport r1;
  EventTable t1 = read(path, r1, [](ReadOptions& o) { o.threads = 1; });
  ASSERT_EQ(r1.rejected, 1u);
  for (unsigned threads = 2; threads <= 40; ++threads) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ReadReport r2;
    expect_same_table(t1, read_parallel(path, threads, r2));
    expect_same_report(r1, r2);
  }
}

TEST_F(ReaderTest, ParallelRejectsKeepLinesAndStrictStopsAtTheFirst) {
  std::string s = "customer_id,timestamp,event\n";
  for (int i = 0; i < 2000; ++i) {
    if (i == 1200)
      s += "c1,\"2024-03-01\nT10:00:00Z\",e\n";  // two lines, unparsable time
    else if (i == 1700)
      s += "c1,2024-03-01T10:00:00Z\n";
    else
      s += "c" + std::to_string(i % 10) + ",2024-03-01T10:00:00Z,e\n";
  }
  std::string path = write("r.csv", s);
  std::string rejects = (dir_ / "rejects.tsv").string();
  ReadReport r;
  read(path, r, [&](ReadOptions& o) {
    o.threads = 4;
    o.parallel_min_bytes = 1;
    o.rejects_path = rejects;
  });
  ASSERT_EQ(r.rejected, 2u);
  EXPECT_EQ(r.first_rejects[0].line, 1202u);
  EXPECT_EQ(r.first_rejects[1].line, 1703u);
  std::ifstream in(rejects);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(all.find("\n1202\tunparsable time"), std::string::npos) << all;
  EXPECT_NE(all.find("\n1703\t2 fields, expected 3"), std::string::npos) << all;

  std::string err = error_of(path, [](ReadOptions& o) {
    o.threads = 4;
    o.parallel_min_bytes = 1;
    o.strict = true;
  });
  EXPECT_NE(err.find(":1202:"), std::string::npos) << err;
}

TEST_F(ReaderTest, ParallelWithAutoTimeFormatAndLateOptionalColumns) {
  std::string s =
      "\xEF\xBB\xBF"
      "customer_id,timestamp,event,score\n";
  s += "c0,,e,1\n";  // rejected before the format is known
  for (int i = 0; i < 500; ++i)
    s += "c" + std::to_string(i % 9) + "," + std::to_string(1709287200 + i) + ",e" +
         std::to_string(i % 3) + "," + (i % 2 ? "4" : "") + "\n";
  std::string path = write("a.csv", s);
  ReadReport r1, r2;
  EventTable t1 = read(path, r1, [](ReadOptions& o) { o.threads = 1; });
  EventTable t2 = read(path, r2, [](ReadOptions& o) {
    o.threads = 3;
    o.parallel_min_bytes = 1;
  });
  EXPECT_EQ(r1.time_format, "epoch_s");
  expect_same_table(t1, t2);
  expect_same_report(r1, r2);
  EXPECT_EQ(t2.time_us[0], kMar1At10);
}

TEST_F(ReaderTest, ProgressCountsEveryRowAndMarksTheJoin) {
  std::string s = "customer_id,timestamp,event\n";
  for (int i = 0; i < 3000; ++i) s += "c" + std::to_string(i % 7) + ",1709287200,e\n";
  std::string path = write("p.csv", s);
  for (unsigned threads : {1u, 3u}) {
    ReadProgress counters;
    ReadReport r;
    read(path, r, [&](ReadOptions& o) {
      o.threads = threads;
      o.parallel_min_bytes = 1;
      o.progress = &counters;
    });
    EXPECT_EQ(counters.rows.load(), 3000u) << threads;
    EXPECT_EQ(counters.bytes.load(), s.size()) << threads;  // the header included
    // Parts are joined only when several were read in parallel.
    EXPECT_EQ(counters.joining.load(), threads > 1) << threads;
  }
}

TEST_F(ReaderTest, StreamingPathMatchesMappedFile) {
  std::string content = messy_log(500);
  std::string path = write("s.csv", content);
  ReadReport r1;
  EventTable t1 = read(path, r1);
  ReadReport r2;
  EventTable t2 = read_fifo(content, r2);
  expect_same_table(t1, t2);
  expect_same_report(r1, r2);
}

// The reader looks customers up a few rows after parsing them (see Builder);
// these inputs interleave more customers than that distance.

// 100 rows over 40 customers: row i is customer c(i % 40), except row 60
// (c"q, quoted with a doubled quote). plan is empty in the first round, then
// "p1", except row 61 (p"x, doubled quote); region is r<k> in the first
// round for even k, late<k> in the last round (rows 80-99: k < 20).
std::string interleaved_log() {
  std::string s = "customer_id,timestamp,event,plan,region\n";
  for (int i = 0; i < 100; ++i) {
    int k = i % 40;
    std::string c = i == 60 ? "\"c\"\"q\"" : "c" + std::to_string(k);
    std::string plan = i < 40 ? "" : i == 61 ? "\"p\"\"x\"" : "p1";
    std::string region = i < 40 && k % 2 == 0 ? "r" + std::to_string(k)
                         : i >= 80            ? "late" + std::to_string(k)
                                              : "";
    s += c + "," + std::to_string(1709287200 + i) + ",e," + plan + "," + region + "\n";
  }
  return s;
}

void expect_interleaved(const EventTable& t) {
  ASSERT_EQ(t.size(), 100u);
  ASSERT_EQ(t.customers.size(), 41u);
  for (int k = 0; k < 40; ++k)
    EXPECT_EQ(t.customers.at(static_cast<uint32_t>(k)), "c" + std::to_string(k));
  EXPECT_EQ(t.customers.at(40), "c\"q");
  for (size_t i = 0; i < 100; ++i) EXPECT_EQ(t.customer[i], i == 60 ? 40u : i % 40) << i;
  ASSERT_EQ(t.attributes.size(), 2u);
  const AttributeColumn& plan = t.attributes[0];
  const AttributeColumn& region = t.attributes[1];
  // plan: "p1" first at row 40, "p\"x" at row 61.
  EXPECT_EQ(plan.values.strings(), (std::vector<std::string>{"", "p1", "p\"x"}));
  // region: r0, r2, ..., r38 in rows 0-38, then late0, late1, ..., late19 in rows 80-99.
  std::vector<std::string> regions{""};
  for (int k = 0; k < 40; k += 2) regions.push_back("r" + std::to_string(k));
  for (int k = 0; k < 20; ++k) regions.push_back("late" + std::to_string(k));
  EXPECT_EQ(region.values.strings(), regions);
  for (uint32_t i = 0; i < 100; ++i) {
    const uint32_t k = i % 40;
    EXPECT_EQ(plan.of[i], i < 40 ? 0u : i == 61 ? 2u : 1u) << i;
    EXPECT_EQ(region.of[i], i < 40 && k % 2 == 0 ? 1 + k / 2 : i >= 80 ? 21 + k : 0u) << i;
  }
}

TEST_F(ReaderTest, InterleavedCustomersKeepIdsAndAttributes) {
  std::string content = interleaved_log();
  std::string path = write("i.csv", content);
  for (unsigned threads : {1u, 2u, 3u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ReadReport r;
    EventTable t = read(path, r, [&](ReadOptions& o) {
      o.threads = threads;
      o.parallel_min_bytes = 1;
    });
    EXPECT_EQ(r.rejected, 0u);
    expect_interleaved(t);
  }
  ReadReport r;
  expect_interleaved(read_fifo(content, r));
}

// Interleaved customers with sessions: the session ids are looked up a few
// rows after parsing, like the customers, and must match the rows.
TEST_F(ReaderTest, InterleavedSessionsKeepTheirRows) {
  std::string s = "customer_id,timestamp,event,visit\n";
  std::vector<std::string> want;
  for (int i = 0; i < 200; ++i) {
    const std::string visit =
        i % 9 == 0 ? "" : "v" + std::to_string(i % 40) + "." + std::to_string(i / 70);
    want.push_back(visit);
    s += "c" + std::to_string(i % 40) + "," + std::to_string(1709287200 + i) + ",e," + visit + "\n";
  }
  const std::string path = write("v.csv", s);
  for (unsigned threads : {1u, 2u, 3u}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    ReadReport r;
    const EventTable t = read(path, r, [&](ReadOptions& o) {
      o.threads = threads;
      o.parallel_min_bytes = 1;
      o.data.session = "visit";
    });
    EXPECT_EQ(sessions(t), want);
    EXPECT_EQ(t.sessions.at(0), "");
    EXPECT_EQ(t.sessions.at(1), "v1.0");
  }
}

TEST_F(ReaderTest, JsonlAttributeSeenLateIsMissingInEarlierRows) {
  std::string p =
      write("late.jsonl",
            "{\"customer_id\":\"c1\",\"timestamp\":1,\"event\":\"e\",\"plan\":\"a\"}\n"
            "{\"customer_id\":\"c2\",\"timestamp\":2,\"event\":\"e\",\"plan\":\"b\"}\n"
            "{\"customer_id\":\"c1\",\"timestamp\":3,\"event\":\"e\",\"region\":\"n\"}\n"
            "{\"customer_id\":\"c1\",\"timestamp\":4,\"event\":\"e\",\"region\":\"s\"}\n");
  ReadReport r;
  EventTable t = read(p, r);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(attrs(t, "plan"), (std::vector<std::string>{"a", "b", "", ""}));
  EXPECT_EQ(attrs(t, "region"), (std::vector<std::string>{"", "", "n", "s"}));
}

}  // namespace
}  // namespace cjm
