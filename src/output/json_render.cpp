// render_json: the result as schema "cjm.result/1" (docs/result-json.md).
#include <cmath>
#include <nlohmann/json.hpp>

#include "output/format_util.h"
#include "output/render.h"

namespace cjm {

namespace {

using Json = nlohmann::ordered_json;

// A double as JSON: integral values are written as integers (86400, not
// 86400.0), everything else as the double itself. Non-finite values are null.
Json number(double value) {
  if (!std::isfinite(value)) return nullptr;
  constexpr double kExact = 9007199254740992.0;  // 2^53
  if (value == std::floor(value) && std::fabs(value) < kExact) {
    return static_cast<int64_t>(value);
  }
  return value;
}

Json number(std::optional<double> value) {
  if (!value) return nullptr;
  return number(*value);
}

Json share(uint64_t num, uint64_t den) {
  return number(fmtutil::ratio(num, den));
}

Json stats(const Stats& s) {
  Json j = Json::object();
  j["count"] = s.count;
  j["mean"] = number(s.mean);
  j["p50"] = number(s.p50);
  j["p90"] = number(s.p90);
  return j;
}

const std::string& stage_id(const AnalysisResult& r, size_t k) {
  static const std::string kEmpty;
  return k < r.stages.size() ? r.stages[k].id : kEmpty;
}

Json stages(const AnalysisResult& r, const SegmentResult& seg) {
  Json list = Json::array();
  for (size_t k = 0; k < seg.stages.size(); ++k) {
    const StageResult& st = seg.stages[k];
    Json j = Json::object();
    j["id"] = stage_id(r, k);
    j["name"] = k < r.stages.size() ? r.stages[k].name : std::string();
    j["reached"] = st.reached;
    j["events"] = st.events;
    j["time_from_previous_s"] = stats(st.time_from_previous_s);
    Json emotion = Json::object();
    emotion["count"] = st.emotion.count;
    emotion["mean"] = number(st.emotion.mean);
    Json dist = Json::object();
    for (const auto& [value, n] : st.emotion.distribution) dist[fmtutil::shortest(value)] = n;
    emotion["distribution"] = std::move(dist);
    j["emotion"] = std::move(emotion);
    list.push_back(std::move(j));
  }
  return list;
}

Json funnel_levels(const AnalysisResult& r, const std::vector<uint64_t>& customers) {
  Json list = Json::array();
  for (size_t k = 0; k < customers.size(); ++k) {
    Json j = Json::object();
    j["stage"] = stage_id(r, k);
    j["customers"] = customers[k];
    list.push_back(std::move(j));
  }
  return list;
}

Json funnel(const AnalysisResult& r, const Funnel& f) {
  Json j = Json::object();
  j["window_s"] = number(f.window_s);
  j["closed"] = funnel_levels(r, f.closed);
  j["open"] = funnel_levels(r, f.open);
  j["closed_unbounded"] = funnel_levels(r, f.closed_unbounded);
  j["open_unbounded"] = funnel_levels(r, f.open_unbounded);
  Json steps = Json::array();
  for (size_t k = 0; k + 1 < f.closed.size(); ++k) {
    Json s = Json::object();
    s["from"] = stage_id(r, k);
    s["to"] = stage_id(r, k + 1);
    const std::optional<double> conv = fmtutil::ratio(f.closed[k + 1], f.closed[k]);
    s["conversion"] = number(conv);
    s["drop_off"] = conv ? number(1.0 - *conv) : Json(nullptr);
    steps.push_back(std::move(s));
  }
  j["steps"] = std::move(steps);
  return j;
}

Json transitions(const std::vector<Transition>& list) {
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

Json paths(const std::vector<PathStat>& list) {
  Json out = Json::array();
  for (const PathStat& p : list) {
    Json j = Json::object();
    j["steps"] = p.steps;
    j["customers"] = p.customers;
    j["converted"] = p.converted;
    j["conversion_rate"] = share(p.converted, p.customers);
    out.push_back(std::move(j));
  }
  return out;
}

Json retention(const RetentionResult& ret) {
  Json j = Json::object();
  j["buyers"] = ret.buyers;
  j["repeat_buyers"] = ret.repeat_buyers;
  j["repeat_rate"] = number(ret.repeat_rate);
  j["time_to_second_purchase_s"] = stats(ret.time_to_second_purchase_s);
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
  j["advocacy_share"] = number(ret.advocacy_share);
  return j;
}

// Attribution: credit per model and name (docs/result-json.md).
Json attribution(const AttributionResult& a) {
  auto credits = [](const std::map<std::string, AttributionModel>& models, bool value) {
    Json out = Json::object();
    for (const auto& [model, m] : models) {
      Json names = Json::object();
      for (const auto& [name, x] : value ? m.value : m.conversions) names[name] = x;
      out[model] = std::move(names);
    }
    return out;
  };
  auto effects = [](const std::map<std::string, double>& m) {
    Json out = Json::object();
    for (const auto& [name, x] : m) out[name] = x;
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

Json comparisons(const std::vector<ConversionComparison>& list) {
  Json out = Json::array();
  for (const ConversionComparison& c : list) {
    Json j = Json::object();
    j["a"] = c.a;
    j["b"] = c.b;
    j["a_customers"] = c.a_customers;
    j["a_converted"] = c.a_converted;
    j["b_customers"] = c.b_customers;
    j["b_converted"] = c.b_converted;
    j["difference"] = number(c.difference);
    j["z"] = number(c.z);
    j["p_value"] = number(c.p_value);
    j["significant"] = c.significant;
    out.push_back(std::move(j));
  }
  return out;
}

Json interval(const Interval& i, bool present) {
  if (!present) return nullptr;
  return Json::array({number(i.low), number(i.high)});
}

// Barriers and their opportunities (docs/result-json.md, "Barriers").
Json barriers(const BarrierResult& b) {
  Json by_count = Json::array();
  for (const BarrierCountRow& row : b.by_count) {
    Json j = Json::object();
    j["barriers"] = row.barriers;
    j["label"] = row.barriers >= 3 ? std::string("3+") : std::to_string(row.barriers);
    j["customers"] = row.customers;
    j["converted"] = row.converted;
    j["rate"] = number(row.rate);
    j["rate_ci"] = interval(row.rate_ci, row.rate.has_value());
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
    j["rate"] = number(it.rate);
    j["rate_ci"] = interval(it.rate_ci, it.rate.has_value());
    j["comparable_customers"] = it.comparable_customers;
    j["comparable_converted"] = it.comparable_converted;
    j["comparable_rate"] = number(it.comparable_rate);
    j["lost_after"] = it.lost_after;
    j["scores_around"] = it.scores_around;
    j["mean_score_around"] = number(it.mean_score_around);
    j["fix_cost"] = number(it.fix_cost);
    j["note"] = it.note;
    items.push_back(std::move(j));
  }
  Json j = Json::object();
  j["by_count"] = std::move(by_count);
  j["items"] = std::move(items);
  return j;
}

Json opportunities(const std::vector<Opportunity>& list) {
  Json out = Json::array();
  for (const Opportunity& o : list) {
    Json j = Json::object();
    j["rank"] = o.rank;
    j["barrier_id"] = o.barrier_id;
    j["barrier_name"] = o.barrier_name;
    j["fix_cost"] = number(o.fix_cost);
    j["extra_conversions"] = number(o.extra_conversions);
    j["extra_conversions_ci"] = interval(o.extra_conversions_ci, true);
    j["extra_value"] = number(o.extra_value);
    j["gain_per_cost"] = number(o.gain_per_cost);  // null when fix_cost is 0
    j["method"] = o.method;
    out.push_back(std::move(j));
  }
  return out;
}

// The keys every segment has (all customers, or one persona), appended to `j`.
void segment(const AnalysisResult& r, const SegmentResult& seg, Json& j) {
  j["customers"] = seg.customers;
  j["events"] = seg.events;
  j["stages"] = stages(r, seg);
  j["funnel"] = funnel(r, seg.funnel);

  Json trans = Json::object();
  trans["stage"] = transitions(seg.stage_transitions);
  trans["touchpoint"] = transitions(seg.touchpoint_transitions);
  j["transitions"] = std::move(trans);

  const Shape& sh = seg.shape;
  Json shape = Json::object();
  shape["journeys"] = sh.journeys;
  shape["linear"] = sh.linear;
  shape["backward"] = sh.backward;
  shape["skip"] = sh.skip;
  shape["linear_share"] = share(sh.linear, sh.journeys);
  shape["backward_share"] = share(sh.backward, sh.journeys);
  shape["skip_share"] = share(sh.skip, sh.journeys);
  j["shape"] = std::move(shape);

  Json variants = Json::object();
  variants["stage"] = paths(seg.stage_variants);
  variants["touchpoint"] = paths(seg.touchpoint_paths);
  j["variants"] = std::move(variants);

  Json conversion = Json::object();
  conversion["customers"] = seg.converted;
  conversion["rate"] = share(seg.converted, seg.customers);
  conversion["time_to_convert_s"] = stats(seg.time_to_convert_s);
  j["conversion"] = std::move(conversion);

  j["unmapped_events"] = seg.unmapped_events;
  j["retention"] = retention(seg.retention);
  j["attribution"] = attribution(seg.attribution);
  j["barriers"] = barriers(seg.barriers);
  j["opportunities"] = opportunities(seg.barriers.opportunities);
}

Json timestamp(const std::optional<int64_t>& us) {
  if (!us) return nullptr;
  return fmtutil::iso8601_utc(*us);
}

}  // namespace

std::string render_json(const AnalysisResult& result) {
  const InputSummary& in = result.input;
  Json input = Json::object();
  input["path"] = in.path;
  input["format"] = in.format;
  input["time_format"] = in.time_format;
  input["rows"] = in.rows;
  input["events"] = in.events;
  input["customers"] = in.customers;
  input["rejected_rows"] = in.rejected_rows;
  input["unmapped_events"] = in.unmapped_events;
  input["unmapped_names"] = in.unmapped_names;
  input["first_time"] = timestamp(in.first_time_us);
  input["last_time"] = timestamp(in.last_time_us);

  Json root = Json::object();
  root["schema"] = "cjm.result/1";
  root["journey"] = result.journey_name;
  root["input"] = std::move(input);
  segment(result, result.all, root);

  Json personas = Json::array();
  for (const PersonaResult& p : result.personas) {
    Json j = Json::object();
    j["id"] = p.id;
    j["name"] = p.name;
    segment(result, p.figures, j);
    personas.push_back(std::move(j));
  }
  root["personas"] = std::move(personas);
  root["comparisons"] = comparisons(result.comparisons);

  // Event names may hold anything; invalid UTF-8 becomes U+FFFD instead of throwing.
  std::string out = root.dump(2, ' ', false, Json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace cjm
