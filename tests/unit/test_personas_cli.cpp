// `cjm personas` and --customers through the binary: the cards and the table
// written, the table joined back so the found personas get their own figures,
// and bad input or usage refused with a message and the right exit code.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

class PersonasCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_personas_cli_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    EXPECT_EQ(cjm("generate --customers 600 --seed 5 --distinct-personas 0.95 -o events.csv "
                  "--spec-out journey.yaml"),
              0)
        << err_;
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
  // Runs `cjm args` in the test folder; returns the exit code, stdout in
  // out_, stderr in err_.
  int cjm(const std::string& args) {
    const std::string cmd = "cd '" + dir_.string() + "' && '" + CJM_BINARY + "' " + args + " > '" +
                            path("stdout.txt") + "' 2> '" + path("stderr.txt") + "'";
    const int status = std::system(cmd.c_str());
    out_ = read(path("stdout.txt"));
    err_ = read(path("stderr.txt"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::path dir_;
  std::string out_, err_;
};

TEST_F(PersonasCli, CardsAndTableJoinBackIntoPersonasOfTheirOwn) {
  ASSERT_EQ(cjm("personas --spec journey.yaml --events events.csv --k 3 --format json "
                "-o cards.json --customers-out found.csv"),
            0)
      << err_;
  const nlohmann::json cards = nlohmann::json::parse(read(path("cards.json")));
  EXPECT_EQ(cards["schema"], "cjm.personas/1");
  EXPECT_EQ(cards["column"], "persona_found");  // the events have a persona column
  ASSERT_EQ(cards["cards"].size(), 3u);
  const std::string table = read(path("found.csv"));
  EXPECT_EQ(table.rfind("customer_id,persona_found\n", 0), 0u);
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 601);

  // The text output ends with the spec lines that map them.
  ASSERT_EQ(cjm("personas --spec journey.yaml --events events.csv --k 3 --customers-out found.csv"),
            0)
      << err_;
  EXPECT_NE(out_.find("where: {\"persona_found\": \"p1\"}"), std::string::npos) << out_;
  EXPECT_NE(out_.find("K = 3 as given"), std::string::npos) << out_;

  // Joined back: each found persona's customers are the card's.
  std::string spec = read(path("journey.yaml"));
  spec = spec.substr(0, spec.find("\npersonas:\n")) + "\npersonas:\n" +
         "  - {id: p1, where: {persona_found: p1}}\n  - {id: p2, where: {persona_found: p2}}\n" +
         spec.substr(spec.find("\nbarriers:\n") + 1);
  put("mapped.yaml", spec);
  ASSERT_EQ(cjm("analyze --spec mapped.yaml --events events.csv --customers found.csv "
                "--format json -o result.json"),
            0)
      << err_;
  const nlohmann::json r = nlohmann::json::parse(read(path("result.json")));
  EXPECT_EQ(r["personas"][0]["customers"], cards["cards"][0]["customers"]);
  EXPECT_EQ(r["personas"][1]["conversion"]["customers"], cards["cards"][1]["converted"]);
  EXPECT_EQ(r["input"]["customer_tables"][0]["matched"], 600);
  EXPECT_NE(err_.find("customers found.csv: 600 of 600 rows matched"), std::string::npos) << err_;

  // --cards shows them in the map.
  ASSERT_EQ(cjm("map --spec mapped.yaml --events events.csv --customers found.csv "
                "--cards cards.json -o map.html"),
            0)
      << err_;
  EXPECT_NE(read(path("map.html")).find("\"card\":{\"id\":\"p1\""), std::string::npos);
}

TEST_F(PersonasCli, AStoreGivesTheSameGroups) {
  ASSERT_EQ(cjm("import --events events.csv -o events.cjm"), 0) << err_;
  ASSERT_EQ(cjm("personas --spec journey.yaml --events events.csv --k 3 --seed 2 "
                "--customers-out a.csv"),
            0)
      << err_;
  ASSERT_EQ(cjm("personas --spec journey.yaml --events events.cjm --k 3 --seed 2 "
                "--customers-out b.csv"),
            0)
      << err_;
  // The same customers and groups; a store lists customers in its own order.
  auto sorted_lines = [&](const std::string& file) {
    std::istringstream in(read(path(file)));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  EXPECT_EQ(sorted_lines("a.csv"), sorted_lines("b.csv"));
}

TEST_F(PersonasCli, BadInputAndUsageAreRefused) {
  EXPECT_EQ(cjm("personas --spec journey.yaml --events events.csv --column persona"), 2);
  EXPECT_NE(err_.find("--column persona: the events already have a column"), std::string::npos)
      << err_;
  EXPECT_EQ(cjm("personas --spec journey.yaml --events events.csv --k 0"), 2);
  put("dup.csv", "customer_id,plan\nc1,a\nc1,b\n");
  EXPECT_EQ(cjm("analyze --spec journey.yaml --events events.csv --customers dup.csv"), 1);
  EXPECT_NE(err_.find("dup.csv:3: column 'customer_id': customer id 'c1' is given twice"),
            std::string::npos)
      << err_;
  EXPECT_EQ(cjm("map --spec journey.yaml --events events.csv --cards nothere.json"), 1);
  EXPECT_NE(err_.find("nothere.json"), std::string::npos) << err_;
  put("empty.csv", "customer_id,timestamp,event\n");
  EXPECT_EQ(cjm("personas --spec journey.yaml --events empty.csv"), 1);
  EXPECT_NE(err_.find("no customer"), std::string::npos) << err_;
}

TEST_F(PersonasCli, ExtraAndMissingIdsAreReported) {
  put("crm.csv", "customer_id,plan\nc1,gold\nc2,silver\nghost1,gold\nghost2,gold\n");
  ASSERT_EQ(cjm("analyze --spec journey.yaml --events events.csv --customers crm.csv"), 0) << err_;
  EXPECT_NE(out_.find("crm.csv · 2 of 4 rows matched · 598 customers of the log without a row\n"
                      "  2 with no events, not mapped: ghost1 (line 4), ghost2 (line 5)\n"),
            std::string::npos)
      << out_;
}

}  // namespace
