// JSON of change detection (analysis/result_json.h).
#include <nlohmann/json.hpp>

#include "analysis/result_json.h"

namespace cjm {

Json to_json(const std::vector<Change>& changes) {
  Json out = Json::array();
  for (const Change& c : changes) {
    Json j = Json::object();
    j["stage"] = c.stage;
    j["from"] = c.from;
    j["to"] = c.to;
    j["direction"] = c.direction;
    j["baseline_rate"] = json_number(c.baseline_rate);
    j["rate"] = json_number(c.rate);
    j["p_value"] = json_number(c.p_value);
    j["lost"] = json_number(c.lost);
    Json events = Json::array();
    for (const ChangeEvent& e : c.events) {
      Json ev = Json::object();
      ev["event"] = e.event;
      ev["lift"] = json_number(e.lift);
      ev["share_in"] = json_number(e.share_in);
      ev["share_out"] = json_number(e.share_out);
      events.push_back(std::move(ev));
    }
    j["events"] = std::move(events);
    out.push_back(std::move(j));
  }
  return out;
}

Json to_json(const std::vector<StageTimeline>& timelines) {
  Json out = Json::array();
  for (const StageTimeline& t : timelines) {
    Json j = Json::object();
    j["stage"] = t.stage;
    j["horizon_days"] = t.horizon_days;
    j["days"] = t.days;
    j["at_risk"] = t.at_risk;
    j["entered"] = t.entered;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace cjm
