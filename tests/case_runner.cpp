// Data-driven end-to-end cases: every directory under tests/cases/ holds a
// journey spec (journey.yaml), an event log (events.csv) and the figures
// computed by hand from docs/analyses.md (expected.json). The runner analyses
// the case, renders the result as JSON and checks that expected.json is a
// subset of it. A case may add options.json:
//   {"strict": true, "expect_error": "substring", "events": "other-file.csv"}
// With "expect_error" the analysis must throw cjm::Error whose message contains
// the substring.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/run_analysis.h"
#include "core/error.h"
#include "output/render.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path cases_root() {
  return fs::path(CJM_SOURCE_DIR) / "tests" / "cases";
}

// Names of the case directories, sorted, found when the test binary starts.
std::vector<std::string> discover_cases() {
  std::vector<std::string> names;
  std::error_code ec;
  if (!fs::is_directory(cases_root(), ec)) return names;
  for (const auto& entry : fs::directory_iterator(cases_root(), ec))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<std::string>& all_cases() {
  static const std::vector<std::string> names = discover_cases();
  return names;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

json read_json(const fs::path& path) {
  return json::parse(read_text(path));
}

bool numbers_equal(double expected, double actual) {
  double diff = std::fabs(expected - actual);
  if (diff <= 1e-6) return true;
  return diff <= 1e-6 * std::max(std::fabs(expected), std::fabs(actual));
}

std::string type_name(const json& value) {
  return value.type_name();
}

// Appends to `out` every place where `expected` is not a subset of `actual`.
void check_subset(const json& expected, const json& actual, const std::string& path,
                  std::vector<std::string>& out) {
  const std::string where = path.empty() ? "(root)" : path;
  if (expected.is_object()) {
    if (!actual.is_object()) {
      out.push_back(where + ": expected an object, got " + actual.dump());
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      std::string child = path.empty() ? key : path + "." + key;
      auto it = actual.find(key);
      if (it == actual.end()) {
        out.push_back(child + ": missing (expected " + value.dump() + ")");
        continue;
      }
      check_subset(value, *it, child, out);
    }
    return;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) {
      out.push_back(where + ": expected an array, got " + actual.dump());
      return;
    }
    if (expected.size() != actual.size()) {
      out.push_back(where + ": expected " + std::to_string(expected.size()) + " elements, got " +
                    std::to_string(actual.size()) + ": " + actual.dump());
      return;
    }
    for (size_t i = 0; i < expected.size(); ++i)
      check_subset(expected[i], actual[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (expected.is_number()) {
    if (!actual.is_number()) {
      out.push_back(where + ": expected " + expected.dump() + ", got " + actual.dump());
      return;
    }
    if (!numbers_equal(expected.get<double>(), actual.get<double>()))
      out.push_back(where + ": expected " + expected.dump() + ", got " + actual.dump());
    return;
  }
  if (expected.is_null()) {
    if (!actual.is_null()) out.push_back(where + ": expected null, got " + actual.dump());
    return;
  }
  // Strings and booleans: exact.
  if (expected.type() != actual.type() || expected != actual)
    out.push_back(where + ": expected " + expected.dump() + ", got " + actual.dump() + " (" +
                  type_name(actual) + ")");
}

class CaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CaseTest, MatchesHandComputedFigures) {
  const fs::path dir = cases_root() / GetParam();
  json options = json::object();
  if (fs::exists(dir / "options.json")) options = read_json(dir / "options.json");

  cjm::RunOptions run;
  run.spec_path = (dir / "journey.yaml").string();
  run.events_path = (dir / options.value("events", std::string("events.csv"))).string();
  run.strict = options.value("strict", false);
  run.analyze.threads = 2;
  run.report_to_stderr = false;

  if (options.contains("expect_error")) {
    const std::string needle = options["expect_error"].get<std::string>();
    try {
      (void)cjm::run_analysis(run);
      ADD_FAILURE() << GetParam() << ": expected cjm::Error containing '" << needle
                    << "', but the analysis succeeded";
    } catch (const cjm::Error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
          << GetParam() << ": error message '" << e.what() << "' does not contain '" << needle
          << "'";
    }
    return;
  }

  ASSERT_TRUE(fs::exists(dir / "expected.json"))
      << "case " << GetParam() << " has no expected.json";
  const json expected = read_json(dir / "expected.json");
  json actual;
  try {
    actual = json::parse(cjm::render_json(cjm::run_analysis(run)));
  } catch (const cjm::Error& e) {
    FAIL() << GetParam() << ": analysis failed: " << e.what();
  }

  std::vector<std::string> mismatches;
  check_subset(expected, actual, "", mismatches);
  if (!mismatches.empty()) {
    std::string message = GetParam() + ": " + std::to_string(mismatches.size()) + " mismatch(es)";
    for (const auto& m : mismatches) message += "\n  " + m;
    ADD_FAILURE() << message;
  }
}

std::string sanitize(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  if (name.empty()) name = "case_" + std::to_string(info.index);
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, CaseTest, ::testing::ValuesIn(all_cases()), sanitize);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CaseTest);

TEST(CaseDiscovery, FindsTheCaseDirectories) {
  EXPECT_GE(all_cases().size(), 8u)
      << "found only " << all_cases().size() << " case(s) under " << cases_root().string();
}

// The subset check itself, so a broken comparator cannot let every case pass.
TEST(CaseSubsetCheck, ReportsPathsOfMismatches) {
  json actual = json::parse(
      R"({"funnel":{"closed":[{"stage":"a","customers":4},{"stage":"b","customers":2}]},)"
      R"("rate":0.5,"x":null,"extra":1})");
  std::vector<std::string> out;
  check_subset(json::parse(R"({"funnel":{"closed":[{"customers":4},{"customers":2}]},)"
                           R"("rate":0.5000000001,"x":null})"),
               actual, "", out);
  EXPECT_TRUE(out.empty());

  out.clear();
  check_subset(json::parse(R"({"funnel":{"closed":[{"customers":4},{"customers":3}]},)"
                           R"("rate":null,"x":0,"missing":1})"),
               actual, "", out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0], "funnel.closed[1].customers: expected 3, got 2");
  EXPECT_NE(out[1].find("missing: missing"), std::string::npos);
  EXPECT_EQ(out[2], "rate: expected null, got 0.5");
  EXPECT_EQ(out[3], "x: expected 0, got null");

  out.clear();
  check_subset(json::parse(R"({"funnel":{"closed":[{"customers":4}]}})"), actual, "", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].find("funnel.closed: expected 1 elements, got 2"), std::string::npos);
}

}  // namespace
