// `cjm init` through the binary: the drafted spec of every example and every
// data-driven case log is accepted by `cjm analyze` as is; standard input
// and JSON Lines; an existing output is kept unless --force; and the bad
// inputs (an empty log, one event name, no time column, no customer column)
// each exit 1 with a message naming the file and what was expected.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = CJM_SOURCE_DIR;

class InitCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ =
        fs::temp_directory_path() / ("cjm_init_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void put(const std::string& name, const std::string& content) const {
    std::ofstream(path(name), std::ios::binary) << content;
  }
  // Runs `cjm args` in the test folder; returns the exit code, stderr in err_.
  int cjm(const std::string& args, const std::string& env = "") {
    const std::string cmd = "cd '" + dir_.string() + "' && " + env + " '" + CJM_BINARY + "' " +
                            args + " 2> '" + path("stderr.txt") + "'";
    const int status = std::system(cmd.c_str());
    err_ = read(path("stderr.txt"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path dir_;
  std::string err_;
};

// Every bundled log (the examples and the cases) gets a spec that analyze
// accepts; but two logs have one readable event name, the bad input of
// OneEventNameIsRefused: bad_spec_duration's one row, and bad_time_strict's
// rows once its row with an impossible date is rejected.
TEST_F(InitCliTest, EveryExampleAndCaseLogDraftsASpecThatAnalyzeAccepts) {
  std::vector<fs::path> logs;
  for (const auto& e : fs::directory_iterator(kSource / "examples"))
    if (fs::exists(e.path() / "events.csv")) logs.push_back(e.path() / "events.csv");
  for (const auto& e : fs::directory_iterator(kSource / "tests" / "cases"))
    if (fs::exists(e.path() / "events.csv")) logs.push_back(e.path() / "events.csv");
  ASSERT_GE(logs.size(), 20u);
  for (const fs::path& log : logs) {
    SCOPED_TRACE(log.string());
    fs::remove(path("spec.yaml"));
    const std::string name = log.parent_path().filename().string();
    if (name == "bad_spec_duration" || name == "bad_time_strict") {
      EXPECT_EQ(cjm("init --events '" + log.string() + "' -o spec.yaml"), 1);
      EXPECT_NE(err_.find("only one event name ('ev_a')"), std::string::npos) << err_;
      continue;
    }
    ASSERT_EQ(cjm("init --events '" + log.string() + "' -o spec.yaml"), 0) << err_;
    EXPECT_NE(err_.find("wrote a draft spec"), std::string::npos) << err_;
    ASSERT_EQ(
        cjm("analyze --spec spec.yaml --events '" + log.string() + "' --format json -o out.json"),
        0)
        << err_ << read(path("spec.yaml"));
    const std::string json = read(path("out.json"));
    EXPECT_NE(json.find("\"schema\""), std::string::npos);
  }
}

TEST_F(InitCliTest, ReadsStandardInputAndJsonLines) {
  const std::string shop = (kSource / "examples" / "shop" / "events.csv").string();
  ASSERT_EQ(cjm("init --events - -o - < '" + shop + "' > from_stdin.yaml"), 0) << err_;
  ASSERT_EQ(cjm("init --events '" + shop + "' -o from_file.yaml"), 0) << err_;
  // The same draft, but for the source named in the first comment line.
  std::string a = read(path("from_stdin.yaml")), b = read(path("from_file.yaml"));
  a = a.substr(a.find('\n')), b = b.substr(b.find('\n'));
  EXPECT_EQ(a.substr(a.find("data:")), b.substr(b.find("data:")));
  put("log.jsonl",
      "{\"user_id\":\"u1\",\"ts\":\"2025-01-01T10:00:00Z\",\"action\":\"open\"}\n"
      "{\"user_id\":\"u1\",\"ts\":\"2025-01-01T10:01:00Z\",\"action\":\"pay\",\"amount\":9.5}\n"
      "{\"user_id\":\"u2\",\"ts\":\"2025-01-01T10:00:00Z\",\"action\":\"open\"}\n");
  fs::create_directories(path("tmp"));
  ASSERT_EQ(cjm("init --events - -o piped.yaml < log.jsonl", "TMPDIR='" + path("tmp") + "'"), 0)
      << err_;
  EXPECT_TRUE(fs::is_empty(path("tmp")));  // the copy of stdin is gone
  // Messages about rows name stdin, not its temporary copy.
  put("bad.csv", "customer_id,timestamp,event\na,2025-01-01,x\nb,2025-02-30,y\nb,2025-01-02,z\n");
  ASSERT_EQ(cjm("init --events - -o - < bad.csv > bad.yaml"), 0) << err_;
  EXPECT_NE(err_.find("<stdin>:3: unparsable time '2025-02-30'"), std::string::npos) << err_;
  const std::string spec = read(path("piped.yaml"));
  EXPECT_NE(spec.find("customer: \"user_id\""), std::string::npos) << spec;
  EXPECT_NE(spec.find("value: \"amount\""), std::string::npos) << spec;
  ASSERT_EQ(cjm("analyze --spec piped.yaml --events log.jsonl -o /dev/null"), 0) << err_;
}

// Columns that carry a role's default name but not its content (text in
// `value` and `score`) stay attributes: analyze then rejects no row.
TEST_F(InitCliTest, DefaultNamedColumnsThatDoNotFitStayAttributes) {
  put("log.csv",
      "customer_id,timestamp,event,value,score\n"
      "a,2025-01-01T10:00:00Z,view,high,good\n"
      "a,2025-01-01T10:05:00Z,buy,low,bad\n"
      "b,2025-01-01T11:00:00Z,view,high,good\n");
  ASSERT_EQ(cjm("init --events log.csv -o spec.yaml"), 0) << err_;
  const std::string spec = read(path("spec.yaml"));
  EXPECT_NE(spec.find("value: \"(no value column)\""), std::string::npos) << spec;
  EXPECT_NE(spec.find("'value' is named like a value but its values do not fit: kept as an "
                      "attribute"),
            std::string::npos)
      << spec;
  ASSERT_EQ(cjm("analyze --spec spec.yaml --events log.csv --format json -o out.json"), 0) << err_;
  EXPECT_NE(read(path("out.json")).find("\"rejected_rows\": 0"), std::string::npos);
}

TEST_F(InitCliTest, KeepsAnExistingOutputUnlessForced) {
  const std::string log = (kSource / "tests" / "cases" / "basic_linear" / "events.csv").string();
  put("journey.yaml", "mine\n");
  EXPECT_EQ(cjm("init --events '" + log + "'"), 2);
  EXPECT_NE(err_.find("journey.yaml exists"), std::string::npos) << err_;
  EXPECT_EQ(read(path("journey.yaml")), "mine\n");
  EXPECT_EQ(cjm("init --events '" + log + "' --force --stages 2"), 0) << err_;
  EXPECT_NE(read(path("journey.yaml")).find("K = 2 (--stages)"), std::string::npos);
}

TEST_F(InitCliTest, EmptyLogIsRefused) {
  put("empty.csv", "");
  EXPECT_EQ(cjm("init --events empty.csv -o out.yaml"), 1);
  EXPECT_NE(err_.find("empty.csv: no header row (the file is empty)"), std::string::npos) << err_;
  put("header.csv", "customer_id,timestamp,event\n");
  EXPECT_EQ(cjm("init --events header.csv -o out.yaml"), 1);
  EXPECT_NE(err_.find("header.csv: the log has no data rows: expected a header and one row per "
                      "event"),
            std::string::npos)
      << err_;
  EXPECT_FALSE(fs::exists(path("out.yaml")));
}

TEST_F(InitCliTest, StoresAreRefused) {
  const std::string log = (kSource / "tests" / "cases" / "basic_linear" / "events.csv").string();
  ASSERT_EQ(cjm("import --events '" + log + "' -o s.cjm"), 0) << err_;
  EXPECT_EQ(cjm("init --events s.cjm -o out.yaml"), 1);
  EXPECT_NE(err_.find("s.cjm: cjm init drafts a spec from an event log"), std::string::npos)
      << err_;
  EXPECT_FALSE(fs::exists(path("out.yaml")));
}

TEST_F(InitCliTest, OneEventNameIsRefused) {
  const std::string log =
      (kSource / "tests" / "cases" / "bad_spec_duration" / "events.csv").string();
  EXPECT_EQ(cjm("init --events '" + log + "' -o out.yaml"), 1);
  EXPECT_NE(err_.find(log + ": only one event name ('ev_a') in 1 events of column 'event': "
                            "stages need at least two different event names"),
            std::string::npos)
      << err_;
  EXPECT_FALSE(fs::exists(path("out.yaml")));
}

TEST_F(InitCliTest, NoTimeColumnIsRefused) {
  put("notime.csv", "customer_id,when,event\na,soon,x\nb,later,y\n");
  EXPECT_EQ(cjm("init --events notime.csv -o out.yaml"), 1);
  EXPECT_NE(err_.find("notime.csv: no column reads as a time"), std::string::npos) << err_;
  EXPECT_NE(err_.find("expected a column of ISO-8601 times"), std::string::npos) << err_;
}

TEST_F(InitCliTest, NoCustomerColumnIsRefused) {
  put("nocustomer.csv", "timestamp,event\n2025-01-01,a\n2025-01-02,b\n");
  EXPECT_EQ(cjm("init --events nocustomer.csv -o out.yaml"), 1);
  EXPECT_NE(err_.find("nocustomer.csv: no plausible customer column"), std::string::npos) << err_;
}

}  // namespace
