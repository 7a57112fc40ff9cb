// JSON of attribution (analysis/result_json.h).
#include <nlohmann/json.hpp>

#include "analysis/result_json.h"

namespace cjm {

Json to_json(const AttributionResult& a) {
  auto credits = [](const std::map<std::string, AttributionModel>& models, bool value) {
    Json out = Json::object();
    for (const auto& [model, m] : models) {
      Json names = Json::object();
      for (const auto& [name, x] : value ? m.value : m.conversions) json_append(names, name, x);
      json_append(out, model, std::move(names));
    }
    return out;
  };
  auto effects = [](const std::map<std::string, double>& m) {
    Json out = Json::object();
    for (const auto& [name, x] : m) json_append(out, name, x);
    return out;
  };
  Json j = Json::object();
  j["converting_paths"] = a.converting_paths;
  j["non_converting_paths"] = a.non_converting_paths;
  j["total_conversions"] = a.total_conversions;
  j["total_value"] = a.total_value;
  j["touchpoint"] = credits(a.touchpoint, false);
  j["channel"] = credits(a.channel, false);
  j["touchpoint_value"] = credits(a.touchpoint, true);
  j["channel_value"] = credits(a.channel, true);
  Json removal = Json::object();
  removal["touchpoint"] = effects(a.removal_effect_touchpoint);
  removal["channel"] = effects(a.removal_effect_channel);
  j["removal_effect"] = std::move(removal);
  j["markov_order"] = a.markov_order;
  j["note"] = a.note.empty() ? Json(nullptr) : Json(a.note);
  return j;
}

}  // namespace cjm
