// JSON of barriers and opportunities (analysis/result_json.h).
#include <nlohmann/json.hpp>

#include "analysis/result_json.h"

namespace cjm {

Json to_json(const BarrierResult& b) {
  Json by_count = Json::array();
  for (const BarrierCountRow& row : b.by_count) {
    Json j = Json::object();
    j["barriers"] = row.barriers;
    j["label"] = row.label;
    j["customers"] = row.customers;
    j["converted"] = row.converted;
    j["rate"] = json_number(row.rate);
    j["rate_ci"] = to_json(row.rate_ci, row.rate.has_value());
    by_count.push_back(std::move(j));
  }
  Json items = Json::array();
  for (const BarrierItem& it : b.items) {
    Json j = Json::object();
    j["id"] = it.id;
    j["name"] = it.name;
    j["stage"] = it.stage.empty() ? Json(nullptr) : Json(it.stage);
    j["customers"] = it.customers;
    j["converted"] = it.converted;
    j["rate"] = json_number(it.rate);
    j["rate_ci"] = to_json(it.rate_ci, it.rate.has_value());
    j["comparable_customers"] = it.comparable_customers;
    j["comparable_converted"] = it.comparable_converted;
    j["comparable_rate"] = json_number(it.comparable_rate);
    j["lost_after"] = it.lost_after;
    j["scores_around"] = it.scores_around;
    j["mean_score_around"] = json_number(it.mean_score_around);
    j["fix_cost"] = json_number(it.fix_cost);
    j["note"] = it.note;
    items.push_back(std::move(j));
  }
  Json j = Json::object();
  j["by_count"] = std::move(by_count);
  j["items"] = std::move(items);
  return j;
}

Json to_json(const std::vector<Opportunity>& list) {
  Json out = Json::array();
  for (const Opportunity& o : list) {
    Json j = Json::object();
    j["rank"] = o.rank;
    j["barrier_id"] = o.barrier_id;
    j["barrier_name"] = o.barrier_name;
    j["fix_cost"] = json_number(o.fix_cost);
    j["extra_conversions"] = json_number(o.extra_conversions);
    j["extra_conversions_ci"] = to_json(o.extra_conversions_ci, true);
    j["extra_value"] = json_number(o.extra_value);
    j["gain_per_cost"] = json_number(o.gain_per_cost);  // null when fix_cost is 0
    j["method"] = o.method;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace cjm
