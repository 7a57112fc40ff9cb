// Customer tables (--customers, data.customers; docs/spec.md, "Customer
// tables"): read whole, joined to the events as attributes constant over a
// customer's events, with missing, extra and duplicate ids, and bad input
// named by file, line, column and value. Expected figures are counted by hand
// from the small logs below.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/result_json.h"
#include "app/run_analysis.h"
#include "app/run_import.h"
#include "core/error.h"
#include "reader/customer_table.h"
#include "reader/join_customers.h"
#include "storage/store_reader.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

// c1 buys; c2 and c3 do not; c4 has no row in the tables below.
constexpr const char* kEvents =
    "customer_id,timestamp,event\n"
    "c1,2025-01-01T10:00:00Z,view\n"
    "c2,2025-01-01T10:00:00Z,view\n"
    "c1,2025-01-01T11:00:00Z,buy\n"
    "c3,2025-01-02T10:00:00Z,view\n"
    "c4,2025-01-02T10:00:00Z,view\n"
    "c4,2025-01-02T11:00:00Z,buy\n";

// c9 has no events (line 5).
constexpr const char* kCrm =
    "customer_id,plan,region\n"
    "c1,pro,north\n"
    "c2,free,south\n"
    "c3,pro,south\n"
    "c9,pro,east\n";

constexpr const char* kSpec =
    "data: {customers: {file: crm.csv}}\n"
    "stages:\n"
    "  - {id: look, events: [view]}\n"
    "  - {id: buy, events: [buy]}\n"
    "conversion: buy\n"
    "personas:\n"
    "  - {id: pro, where: {plan: pro}}\n"
    "  - {id: free, where: {plan: free}}\n"
    "  - {id: pro_events, where: {plan: pro}, scope: event}\n"
    "  - {id: pro_first, where: {plan: pro}, match: first}\n";

class CustomerTables : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_customers_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    put("events.csv", kEvents);
    put("crm.csv", kCrm);
    put("journey.yaml", kSpec);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void put(const std::string& name, const std::string& text) const {
    std::ofstream(path(name), std::ios::binary) << text;
  }
  RunOptions options() const {
    RunOptions run;
    run.spec_path = path("journey.yaml");
    run.events_path = path("events.csv");
    run.report_to_stderr = false;
    return run;
  }
  // The message of the cjm::Error that reading `file` as a table throws.
  std::string table_error(const std::string& file, const std::string& id = "customer_id") {
    try {
      read_customer_table(path(file), id);
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
};

const PersonaResult& persona(const AnalysisResult& r, const std::string& id) {
  for (const PersonaResult& p : r.personas)
    if (p.id == id) return p;
  throw std::runtime_error("no persona " + id);
}

TEST_F(CustomerTables, JoinedAttributesDrivePersonasInEveryScope) {
  const AnalysisResult r = run_analysis(options());
  // pro: c1 (bought) and c3; free: c2; c4 has no row, so no plan.
  EXPECT_EQ(persona(r, "pro").figures.customers, 2u);
  EXPECT_EQ(persona(r, "pro").figures.converted, 1u);
  EXPECT_EQ(persona(r, "free").figures.customers, 1u);
  EXPECT_EQ(persona(r, "free").figures.converted, 0u);
  // Constant over a customer's events: event scope and first match agree.
  EXPECT_EQ(persona(r, "pro_events").figures.customers, 2u);
  EXPECT_EQ(persona(r, "pro_events").figures.converted, 1u);
  EXPECT_EQ(persona(r, "pro_events").figures.events, 3u);  // c1's two, c3's one
  EXPECT_EQ(persona(r, "pro_first").figures.customers, 2u);
  EXPECT_EQ(r.all.customers, 4u);  // c9, with no events, is not mapped

  ASSERT_EQ(r.input.customer_tables.size(), 1u);
  const CustomerJoin& j = r.input.customer_tables[0];
  EXPECT_EQ(j.rows, 4u);
  EXPECT_EQ(j.matched, 3u);
  EXPECT_EQ(j.without_events, 1u);
  ASSERT_EQ(j.without_events_examples.size(), 1u);
  EXPECT_EQ(j.without_events_examples[0].id, "c9");
  EXPECT_EQ(j.without_events_examples[0].line, 5u);
  EXPECT_EQ(j.customers_without_row, 1u);  // c4
  EXPECT_EQ(j.columns, (std::vector<std::string>{"plan", "region"}));
  const Json input = to_json(r.input);
  EXPECT_EQ(input["customer_tables"][0]["without_events_examples"][0]["id"], "c9");
  EXPECT_EQ(input["customer_tables"][0]["path"], path("crm.csv"));  // relative to the spec
}

TEST_F(CustomerTables, CommandLineTablesAndJsonLinesJoinLikeTheSpecs) {
  put("journey.yaml", std::string(kSpec).substr(std::string(kSpec).find('\n') + 1));
  put("crm.jsonl",
      "{\"id\": \"c1\", \"plan\": \"pro\"}\n\n{\"id\": \"c2\", \"plan\": \"free\"}\n"
      "{\"id\": \"c3\", \"plan\": \"pro\"}\n");
  RunOptions run = options();
  run.customers.push_back({path("crm.jsonl"), "id", "", 0});
  const AnalysisResult r = run_analysis(run);
  EXPECT_EQ(persona(r, "pro").figures.customers, 2u);
  EXPECT_EQ(persona(r, "free").figures.customers, 1u);
  EXPECT_EQ(r.input.customer_tables.at(0).customers_without_row, 1u);
  EXPECT_EQ(r.input.customer_tables.at(0).without_events, 0u);
}

TEST_F(CustomerTables, AStoreJoinsTheSpecsTablesAndImportKeepsItsOwn) {
  ImportOptions im;
  im.events_path = path("events.csv");
  im.output_path = path("events.cjm");
  im.report_to_stderr = false;
  run_import(im);
  RunOptions run = options();
  run.events_path = path("events.cjm");
  AnalysisResult r = run_analysis(run);
  EXPECT_EQ(persona(r, "pro").figures.customers, 2u);
  EXPECT_EQ(r.input.customer_tables.at(0).matched, 3u);

  // Joined at import, the columns are in the store; a spec without tables
  // then filters on them.
  im.output_path = path("joined.cjm");
  im.customers.push_back({path("crm.csv"), "", "", 0});
  run_import(im);
  put("plain.yaml", std::string(kSpec).substr(std::string(kSpec).find('\n') + 1));
  run.spec_path = path("plain.yaml");
  run.events_path = path("joined.cjm");
  r = run_analysis(run);
  EXPECT_EQ(persona(r, "pro").figures.customers, 2u);
  EXPECT_TRUE(r.input.customer_tables.empty());
}

TEST_F(CustomerTables, DuplicateIdsAreAnErrorNamingBothLines) {
  put("dup.csv", "customer_id,plan\nc1,pro\nc2,free\nc1,free\n");
  const std::string message = table_error("dup.csv");
  EXPECT_NE(message.find(path("dup.csv") + ":4:"), std::string::npos) << message;
  EXPECT_NE(message.find("'c1'"), std::string::npos) << message;
  EXPECT_NE(message.find("first at line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("customer_id"), std::string::npos) << message;
}

TEST_F(CustomerTables, BadTablesAreErrorsWithFileLineColumnAndValue) {
  put("noid.csv", "id,plan\nc1,pro\n");
  std::string m = table_error("noid.csv");
  EXPECT_NE(m.find(":1: no customer id column 'customer_id' (the columns are: id, plan)"),
            std::string::npos)
      << m;
  put("fields.csv", "customer_id,plan\nc1,pro\nc2,free,extra\n");
  m = table_error("fields.csv");
  EXPECT_NE(m.find(":3: 3 fields, expected 2"), std::string::npos) << m;
  put("empty_id.csv", "customer_id,plan\nc1,pro\n,free\n");
  m = table_error("empty_id.csv");
  EXPECT_NE(m.find(":3: column 'customer_id': empty customer id"), std::string::npos) << m;
  put("bad.jsonl", "{\"customer_id\": \"c1\"}\n[1, 2]\n");
  m = table_error("bad.jsonl");
  EXPECT_NE(m.find(":2: not a JSON object: '[1, 2]'"), std::string::npos) << m;
  put("empty.csv", "");
  m = table_error("empty.csv");
  EXPECT_NE(m.find("empty"), std::string::npos) << m;
  m = table_error("missing.csv");
  EXPECT_NE(m.find("missing.csv"), std::string::npos) << m;
}

TEST_F(CustomerTables, AColumnTheEventsAlsoHaveIsAnError) {
  put("events.csv", "customer_id,timestamp,event,plan\nc1,2025-01-01T10:00:00Z,view,x\n");
  try {
    run_analysis(options());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path("crm.csv") + ":1: column 'plan' is also a column"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(CustomerTables, TheSpecsDataCustomersIsChecked) {
  auto error = [](const std::string& yaml) {
    try {
      parse_spec(yaml + "stages: [{id: a, events: [x]}]\n", "s.yaml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_NE(
      error("data: {customers: {id: x}}\n").find("s.yaml:1: data.customers: the table's file"),
      std::string::npos);
  EXPECT_NE(error("data: {customers: {file: a.csv, key: x}}\n").find("key"), std::string::npos);
  EXPECT_NE(error("data: {customers: [1, [2]]}\n").find("data.customers[1]"), std::string::npos);
  const JourneySpec spec = parse_spec(
      "data:\n  customers:\n    - crm.csv\n    - {file: /abs/p.csv, id: cid, cards: c.json}\n"
      "stages: [{id: a, events: [x]}]\n",
      "s.yaml");
  ASSERT_EQ(spec.data.customers.size(), 2u);
  EXPECT_EQ(spec.data.customers[0].file, "crm.csv");
  EXPECT_EQ(spec.data.customers[0].line, 3);
  EXPECT_EQ(spec.data.customers[1].id, "cid");
  EXPECT_EQ(spec.data.customers[1].cards, "c.json");
}

}  // namespace
}  // namespace cjm
