// JSON of retention and of segment comparisons (analysis/result_json.h).
#include <nlohmann/json.hpp>

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

Json to_json(const std::vector<ConversionComparison>& list) {
  Json out = Json::array();
  for (const ConversionComparison& c : list) {
    Json j = Json::object();
    j["a"] = c.a;
    j["b"] = c.b;
    j["a_customers"] = c.a_customers;
    j["a_converted"] = c.a_converted;
    j["b_customers"] = c.b_customers;
    j["b_converted"] = c.b_converted;
    j["difference"] = json_number(c.difference);
    j["z"] = json_number(c.z);
    j["p_value"] = json_number(c.p_value);
    j["significant"] = c.significant;
    if (!c.stages.empty()) {
      // Periods: the entry rate of every stage, compared the same way.
      Json stages = Json::array();
      for (const ConversionComparison& st : c.stages) {
        Json e = Json::object();
        e["stage"] = st.stage;
        e["a_from"] = st.a_customers;
        e["a_entered"] = st.a_converted;
        e["b_from"] = st.b_customers;
        e["b_entered"] = st.b_converted;
        e["difference"] = json_number(st.difference);
        e["z"] = json_number(st.z);
        e["p_value"] = json_number(st.p_value);
        e["significant"] = st.significant;
        stages.push_back(std::move(e));
      }
      j["stages"] = std::move(stages);
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace cjm
