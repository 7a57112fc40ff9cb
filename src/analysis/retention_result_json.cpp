// JSON of retention and of segment comparisons (analysis/result_json.h).
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/result_json.h"

namespace cjm {

Json to_json(const RetentionResult& ret) {
  Json j = Json::object();
  j["buyers"] = ret.buyers;
  j["repeat_buyers"] = ret.repeat_buyers;
  j["repeat_rate"] = json_number(ret.repeat_rate);
  j["time_to_second_purchase_s"] = to_json(ret.time_to_second_purchase_s);
  Json cohorts = Json::array();
  for (const CohortRow& row : ret.cohorts) {
    Json c = Json::object();
    c["month"] = row.month;
    c["customers"] = row.customers;
    c["active"] = row.active;
    cohorts.push_back(std::move(c));
  }
  j["cohorts"] = std::move(cohorts);
  j["advocates"] = ret.advocates;
  j["advocacy_share"] = json_number(ret.advocacy_share);
  return j;
}

namespace {

// The counts and the test of a comparison, the counts named a_/b_ + `n`
// (the group) and a_/b_ + `x` (those of it that converted or entered).
void put_test(const ConversionComparison& c, const std::string& n, const std::string& x, Json& j) {
  j["a_" + n] = c.a_customers;
  j["a_" + x] = c.a_converted;
  j["b_" + n] = c.b_customers;
  j["b_" + x] = c.b_converted;
  j["difference"] = json_number(c.difference);
  j["z"] = json_number(c.z);
  j["p_value"] = json_number(c.p_value);
  j["significant"] = c.significant;
}

}  // namespace

Json to_json(const std::vector<ConversionComparison>& list) {
  Json out = Json::array();
  for (const ConversionComparison& c : list) {
    Json j = Json::object();
    j["a"] = c.a;
    j["b"] = c.b;
    put_test(c, "customers", "converted", j);
    if (!c.stages.empty()) {
      // Periods: the entry rate of every stage, compared the same way.
      Json stages = Json::array();
      for (const ConversionComparison& st : c.stages) {
        Json e = Json::object();
        e["stage"] = st.stage;
        put_test(st, "from", "entered", e);
        stages.push_back(std::move(e));
      }
      j["stages"] = std::move(stages);
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace cjm
