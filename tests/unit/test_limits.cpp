// The pathological inputs of issue "hostile input", generated here (no large
// committed file), run through the cjm binary: each finishes well inside its
// time guard or stops at a documented limit (docs/spec.md, "Limits") with
// exit 1 and a message naming the option that raises it. The time bounds are
// generous guards against a return of quadratic or exponential work (they
// hold under the sanitizers), not measurements of speed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "core/atomic_file.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

constexpr double kGuardSeconds = 60;

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_limits_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    put("spec.yaml",
        "name: M\nstages:\n  - id: browse\n    events: [\"t*\"]\n  - id: buy\n    events: "
        "[buy]\nconversion: buy\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void put(const std::string& name, const std::string& content) const {
    std::ofstream(path(name), std::ios::binary) << content;
  }

  // Runs cjm `args` in the test folder; returns the exit code, keeps stderr
  // in err_ and the wall time in seconds_.
  int cjm(const std::string& args) {
    const std::string cmd =
        "cd '" + dir_.string() + "' && '" + CJM_BINARY + "' " + args + " > /dev/null 2> stderr.txt";
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(cmd.c_str());
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    err_ = read_file(path("stderr.txt"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path dir_;
  std::string err_;
  double seconds_ = 0;
};

// A 80 KB CSV whose customers touch 1990 distinct touchpoints: the dense
// Markov solve, once per touchpoint, took 12-40 s.
TEST_F(LimitsTest, MarkovWithTwoThousandTouchpointsFromACsv) {
  std::mt19937 rng(1);
  std::string csv = "customer_id,timestamp,event\n";
  for (int c = 0; c < 1500; ++c) {
    const int k = 1 + static_cast<int>(rng() % 3);
    for (int j = 0; j < k; ++j)
      csv += "c" + std::to_string(c) + "," + std::to_string(1700000000 + j) + ",t" +
             std::to_string(rng() % 1990) + "\n";
    if (rng() % 2) csv += "c" + std::to_string(c) + "," + std::to_string(1700000000 + k) + ",buy\n";
  }
  put("events.csv", csv);
  EXPECT_EQ(cjm("analyze --spec spec.yaml --events events.csv --format json -o out.json"), 0)
      << err_;
  EXPECT_LT(seconds_, kGuardSeconds);
}

// 1000 aggregated paths of two touchpoints each, 2000 touchpoints in all:
// 51-77 s with the dense solve.
TEST_F(LimitsTest, MarkovWithAThousandAggregatedPaths) {
  std::string paths;
  for (int i = 0; i < 1000; ++i)
    paths += "t" + std::to_string(2 * i) + " > t" + std::to_string(2 * i + 1) + ";" +
             std::to_string(i % 4) + ";;" + std::to_string(1 + i % 3) + "\n";
  put("paths.txt", paths);
  EXPECT_EQ(cjm("analyze --spec spec.yaml --events paths.txt --input-format paths --format json "
                "-o out.json"),
            0)
      << err_;
  EXPECT_LT(seconds_, kGuardSeconds);
  // One more touchpoint than the order-1 limit: refused, with the option.
  put("paths.txt", paths + "t2000;0;;1\n");
  EXPECT_EQ(cjm("analyze --spec spec.yaml --events paths.txt --input-format paths"), 1);
  EXPECT_NE(err_.find("paths.txt: 2001 distinct touchpoints (event names other than the "
                      "conversion), more than the limit of 2000 for Markov attribution of order "
                      "1"),
            std::string::npos)
      << err_;
  EXPECT_NE(err_.find("--max-markov-touchpoints"), std::string::npos) << err_;
}

// 100,000 distinct event names (a JSON output of 41 s): past the names
// limit, and past the Markov limit once that is raised; refused right after
// reading, before any analysis.
TEST_F(LimitsTest, HundredThousandEventNamesStopAtALimit) {
  std::string csv = "customer_id,timestamp,event\n";
  for (int i = 0; i <= 100000; ++i)
    csv += "c" + std::to_string(i % 1000) + ",1700000000,t" + std::to_string(i) + "\n";
  put("events.csv", csv);
  EXPECT_EQ(cjm("analyze --spec spec.yaml --events events.csv --format json -o out.json"), 1);
  EXPECT_NE(err_.find("events.csv: 100001 distinct event names, more than the limit of 100000"),
            std::string::npos)
      << err_;
  EXPECT_NE(err_.find("--max-event-names"), std::string::npos) << err_;
  EXPECT_EQ(cjm("analyze --spec spec.yaml --events events.csv --max-event-names 200000"), 1);
  EXPECT_NE(err_.find("100001 distinct touchpoints"), std::string::npos) << err_;
  EXPECT_LT(seconds_, kGuardSeconds);
  EXPECT_FALSE(fs::exists(path("out.json")));
}

// 2000 personas in a 100 KB spec made a 541 MB JSON in 3.3 GB: refused at the
// spec, before any event is read (the events file here does not even exist).
TEST_F(LimitsTest, TooManyPersonasStopBeforeTheEventsAreRead) {
  auto spec_with = [&](int personas) {
    std::string spec = "name: P\nstages:\n  - id: a\n    events: [a]\nconversion: a\npersonas:\n";
    for (int i = 0; i < personas; ++i)
      spec += "  - id: p" + std::to_string(i) + "\n    where: {seg: v" + std::to_string(i) + "}\n";
    return spec;
  };
  put("personas.yaml", spec_with(2000));
  EXPECT_EQ(cjm("analyze --spec personas.yaml --events missing.csv"), 1);
  // Persona 101 starts on line 6 + 2 x 100 + 1.
  EXPECT_NE(err_.find("personas.yaml:207: 2000 personas, more than the limit of 100"),
            std::string::npos)
      << err_;
  EXPECT_NE(err_.find("--max-personas"), std::string::npos) << err_;
  EXPECT_EQ(err_.find("missing.csv"), std::string::npos) << err_;

  put("personas.yaml", spec_with(101));
  put("events.csv", "customer_id,timestamp,event,seg\nc1,2024-01-01,a,v1\n");
  EXPECT_EQ(cjm("analyze --spec personas.yaml --events events.csv"), 1);
  EXPECT_EQ(cjm("analyze --spec personas.yaml --events events.csv --max-personas 101"), 0) << err_;
}

// Aggregated paths whose counts pass 2^64 are refused with file and line.
TEST_F(LimitsTest, PathCountsPast2To64StopWithTheLine) {
  std::string paths;
  for (int i = 0; i < 300; ++i) paths += "a > b > c;9000000000000000;;9000000000000000\n";
  put("paths.txt", paths);
  EXPECT_EQ(cjm("analyze --spec spec.yaml --events paths.txt --input-format paths"), 1);
  // 1.8e16 x 4 steps = 7.2e16 a line; 2^64 = 1.84e19 is passed at line 257.
  EXPECT_NE(err_.find("paths.txt:257: "), std::string::npos) << err_;
  EXPECT_NE(err_.find("more than 2^64"), std::string::npos) << err_;
}

}  // namespace
}  // namespace cjm
