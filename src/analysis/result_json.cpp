#include "analysis/result_json.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/iso_time.h"

namespace cjm {

Json json_number(double value) {
  if (!std::isfinite(value)) return nullptr;
  constexpr double kExact = 9007199254740992.0;  // 2^53
  if (value == std::floor(value) && std::fabs(value) < kExact) return static_cast<int64_t>(value);
  return value;
}

Json json_number(std::optional<double> value) {
  if (!value) return nullptr;
  return json_number(*value);
}

Json json_share(uint64_t num, uint64_t den) {
  if (den == 0) return nullptr;
  return json_number(static_cast<double>(num) / static_cast<double>(den));
}

void json_append(Json& object, std::string key, Json value) {
  if (!object.is_object()) object = Json::object();
  // ordered_json's object is a vector of pairs; its own insertion searches
  // the vector for the key first.
  auto& items = object.get_ref<Json::object_t&>();
  static_cast<std::vector<Json::object_t::value_type>&>(items).emplace_back(std::move(key),
                                                                            std::move(value));
}

Json to_json(const Stats& s) {
  Json j = Json::object();
  j["count"] = s.count;
  j["mean"] = json_number(s.mean);
  j["p50"] = json_number(s.p50);
  j["p90"] = json_number(s.p90);
  return j;
}

Json to_json(const Interval& i, bool present) {
  if (!present) return nullptr;
  return Json::array({json_number(i.low), json_number(i.high)});
}

Json to_json(const std::vector<Transition>& list) {
  Json out = Json::array();
  for (const Transition& t : list) {
    Json j = Json::object();
    j["from"] = t.from;
    j["to"] = t.to;
    j["count"] = t.count;
    out.push_back(std::move(j));
  }
  return out;
}

Json to_json(const std::vector<PathStat>& list) {
  Json out = Json::array();
  for (const PathStat& p : list) {
    Json j = Json::object();
    j["steps"] = p.steps;
    j["label"] = p.label;
    Json repeats = Json::array();
    for (const RepeatRange& r : p.repeats) repeats.push_back(Json::array({r.min, r.max}));
    j["repeats"] = std::move(repeats);
    j["customers"] = p.customers;
    j["converted"] = p.converted;
    j["conversion_rate"] = json_share(p.converted, p.customers);
    out.push_back(std::move(j));
  }
  return out;
}

namespace {

const std::string& stage_id(const std::vector<StageInfo>& stages, size_t k) {
  static const std::string kEmpty;
  return k < stages.size() ? stages[k].id : kEmpty;
}

Json funnel_levels(const std::vector<StageInfo>& stages, const std::vector<uint64_t>& customers) {
  Json list = Json::array();
  for (size_t k = 0; k < customers.size(); ++k) {
    Json j = Json::object();
    j["stage"] = stage_id(stages, k);
    j["customers"] = customers[k];
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

Json to_json(const Funnel& f, const std::vector<StageInfo>& stages) {
  Json j = Json::object();
  j["window_s"] = json_number(f.window_s);
  j["closed"] = funnel_levels(stages, f.closed);
  j["open"] = funnel_levels(stages, f.open);
  j["closed_unbounded"] = funnel_levels(stages, f.closed_unbounded);
  j["open_unbounded"] = funnel_levels(stages, f.open_unbounded);
  Json steps = Json::array();
  for (size_t k = 0; k + 1 < f.closed.size(); ++k) {
    Json s = Json::object();
    s["from"] = stage_id(stages, k);
    s["to"] = stage_id(stages, k + 1);
    const Json conversion = json_share(f.closed[k + 1], f.closed[k]);
    s["conversion"] = conversion;
    s["drop_off"] = conversion.is_null() ? Json(nullptr)
                                         : json_number(1.0 - static_cast<double>(f.closed[k + 1]) /
                                                                 static_cast<double>(f.closed[k]));
    steps.push_back(std::move(s));
  }
  j["steps"] = std::move(steps);
  return j;
}

Json to_json(const Shape& sh) {
  Json j = Json::object();
  j["journeys"] = sh.journeys;
  j["linear"] = sh.linear;
  j["backward"] = sh.backward;
  j["skip"] = sh.skip;
  j["linear_share"] = json_share(sh.linear, sh.journeys);
  j["backward_share"] = json_share(sh.backward, sh.journeys);
  j["skip_share"] = json_share(sh.skip, sh.journeys);
  return j;
}

Json to_json(const Emotion& e) {
  Json j = Json::object();
  j["count"] = e.count;
  j["mean"] = e.count == 0 ? Json(nullptr) : json_number(e.mean);
  Json dist = Json::object();
  for (const auto& [value, n] : e.distribution) json_append(dist, fmt::format("{}", value), n);
  j["distribution"] = std::move(dist);
  return j;
}

Json to_json(const std::vector<StageResult>& figures, const std::vector<StageInfo>& stages) {
  Json list = Json::array();
  for (size_t k = 0; k < figures.size(); ++k) {
    const StageResult& st = figures[k];
    Json j = Json::object();
    j["id"] = stage_id(stages, k);
    j["name"] = k < stages.size() ? stages[k].name : std::string();
    j["reached"] = st.reached;
    j["events"] = st.events;
    j["time_from_previous_s"] = to_json(st.time_from_previous_s);
    j["emotion"] = to_json(st.emotion);
    list.push_back(std::move(j));
  }
  return list;
}

Json to_json(const SegmentResult& seg, const std::vector<StageInfo>& stages) {
  Json j = Json::object();
  j["customers"] = seg.customers;
  j["events"] = seg.events;
  j["stages"] = to_json(seg.stages, stages);
  j["funnel"] = to_json(seg.funnel, stages);
  Json transitions = Json::object();
  transitions["stage"] = to_json(seg.stage_transitions);
  transitions["touchpoint"] = to_json(seg.touchpoint_transitions);
  j["transitions"] = std::move(transitions);
  j["shape"] = to_json(seg.shape);
  Json variants = Json::object();
  variants["stage"] = to_json(seg.stage_variants);
  variants["touchpoint"] = to_json(seg.touchpoint_paths);
  j["variants"] = std::move(variants);
  j["paths_between"] = to_json(seg.paths_between);
  j["last_steps"] = to_json(seg.last_steps);
  Json conversion = Json::object();
  conversion["customers"] = seg.converted;
  conversion["rate"] = json_share(seg.converted, seg.customers);
  conversion["time_to_convert_s"] = to_json(seg.time_to_convert_s);
  j["conversion"] = std::move(conversion);
  j["unmapped_events"] = seg.unmapped_events;
  j["retention"] = to_json(seg.retention);
  j["attribution"] = to_json(seg.attribution);
  j["barriers"] = to_json(seg.barriers);
  j["opportunities"] = to_json(seg.barriers.opportunities);
  j["visits"] = to_json(seg.visits);
  j["changes"] = to_json(seg.changes);
  j["timelines"] = to_json(seg.change_timelines);
  return j;
}

Json to_json(const VisitFigures& v) {
  if (!v.defined) return nullptr;
  Json j = Json::object();
  j["visits"] = v.visits;
  j["customers"] = v.customers;
  j["visits_per_customer"] = to_json(v.visits_per_customer);
  j["visits_before_converting"] = to_json(v.visits_before_converting);
  Json rows = Json::array();
  for (const VisitNumberRow& r : v.by_visit_number) {
    Json row = Json::object();
    row["visit"] = r.label;
    row["visits"] = r.visits;
    row["converted"] = r.converted;
    row["rate"] = json_share(r.converted, r.visits);
    rows.push_back(std::move(row));
  }
  j["by_visit_number"] = std::move(rows);
  return j;
}

Json to_json(const InputSummary& in) {
  auto timestamp = [](const std::optional<int64_t>& us) {
    return us ? Json(iso8601_utc(*us)) : Json(nullptr);
  };
  Json j = Json::object();
  j["path"] = in.path;
  j["format"] = in.format;
  j["time_format"] = in.time_format;
  j["rows"] = in.rows;
  j["events"] = in.events;
  j["customers"] = in.customers;
  if (in.visits) j["visits"] = *in.visits;
  j["rejected_rows"] = in.rejected_rows;
  j["unmapped_events"] = in.unmapped_events;
  j["unmapped_names"] = in.unmapped_names;
  j["first_time"] = timestamp(in.first_time_us);
  j["last_time"] = timestamp(in.last_time_us);
  if (!in.customer_tables.empty()) {
    Json tables = Json::array();
    for (const CustomerJoin& t : in.customer_tables) {
      Json examples = Json::array();
      for (const auto& e : t.without_events_examples)
        examples.push_back({{"id", e.id}, {"line", e.line}});
      tables.push_back({{"path", t.path},
                        {"id_column", t.id_column},
                        {"columns", t.columns},
                        {"rows", t.rows},
                        {"matched", t.matched},
                        {"without_events", t.without_events},
                        {"without_events_examples", std::move(examples)},
                        {"customers_without_row", t.customers_without_row}});
    }
    j["customer_tables"] = std::move(tables);
  }
  return j;
}

Json to_json(const AnalysisResult& result) {
  Json root = Json::object();
  root["schema"] = "cjm.result/1";
  root["journey"] = result.journey_name;
  root["unit"] = result.unit;
  root["input"] = to_json(result.input);
  Json all = to_json(result.all, result.stages);
  for (auto& [key, value] : all.items()) json_append(root, key, std::move(value));
  Json personas = Json::array();
  for (const PersonaResult& p : result.personas) {
    Json j = Json::object();
    j["id"] = p.id;
    j["name"] = p.name;
    Json figures = to_json(p.figures, result.stages);
    for (auto& [key, value] : figures.items()) json_append(j, key, std::move(value));
    personas.push_back(std::move(j));
  }
  root["personas"] = std::move(personas);
  Json periods = Json::array();
  for (const PeriodResult& p : result.periods) {
    Json j = Json::object();
    j["id"] = p.id;
    j["name"] = p.name;
    j["from"] = p.from;
    j["to"] = p.to;
    Json figures = to_json(p.figures, result.stages);
    for (auto& [key, value] : figures.items()) json_append(j, key, std::move(value));
    periods.push_back(std::move(j));
  }
  root["periods"] = std::move(periods);
  root["comparisons"] = to_json(result.comparisons);
  return root;
}

}  // namespace cjm
