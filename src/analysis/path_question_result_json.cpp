// JSON of the path questions (analysis/result_json.h).
#include <nlohmann/json.hpp>

#include "analysis/result_json.h"

namespace cjm {

namespace {

// The paths of a question, each with its share of `of` journeys.
Json path_counts(const std::vector<PathCount>& paths, uint64_t of) {
  Json list = Json::array();
  for (const PathCount& p : paths) {
    Json j = Json::object();
    j["steps"] = p.steps;
    j["label"] = p.label;
    j["journeys"] = p.journeys;
    j["share"] = json_share(p.journeys, of);
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

Json to_json(const PathsBetween& p) {
  if (!p.asked) return nullptr;
  Json j = Json::object();
  j["from"] = p.from;
  j["to"] = p.to;
  j["with_from"] = p.with_from;
  j["with_path"] = p.with_path;
  j["with_path_share"] = json_share(p.with_path, p.with_from);
  j["time_s"] = to_json(p.time_s);
  j["paths"] = path_counts(p.paths, p.with_path);
  return j;
}

Json to_json(const LastSteps& last) {
  Json j = Json::object();
  j["steps"] = last.steps;
  j["journeys"] = last.journeys;
  j["paths"] = path_counts(last.paths, last.journeys);
  return j;
}

}  // namespace cjm
