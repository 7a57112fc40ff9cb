#include "map/build_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "journey/event_map.h"
#include "spec/glob.h"

namespace cjm {

namespace {

const StageSpec* find_stage_spec(const JourneySpec& spec, const std::string& id) {
  for (const auto& s : spec.stages)
    if (s.id == id) return &s;
  return nullptr;
}

std::string whole_percent(double fraction) {
  return fmt::format("{:.0f}%", std::round(fraction * 100.0));
}

// Index of the stage a barrier belongs to: its stage in the result or the spec,
// else the stage whose patterns match one of its plain event names, else the
// first stage where an event matching one of its patterns was seen, else none.
std::optional<size_t> barrier_stage(const AnalysisResult& result, const JourneySpec& spec,
                                    const std::string& stage_id, const BarrierSpec* bs) {
  auto index_of = [&](const std::string& id) -> std::optional<size_t> {
    for (size_t k = 0; k < result.stages.size(); ++k)
      if (result.stages[k].id == id) return k;
    return std::nullopt;
  };
  if (!stage_id.empty()) return index_of(stage_id);
  if (bs == nullptr) return std::nullopt;
  if (!bs->stage.empty()) return index_of(bs->stage);
  const PatternLists stages = stage_patterns(spec);
  for (const auto& ev : bs->events) {
    if (is_glob(ev)) continue;
    if (const int32_t s = first_match(ev, stages); s >= 0)
      return index_of(spec.stages[static_cast<size_t>(s)].id);
  }
  // A pattern only: the first stage where an event it matches was seen.
  for (const auto& ev : bs->events)
    for (size_t k = 0; k < result.all.stages.size() && k < result.stages.size(); ++k)
      for (const auto& tp : result.all.stages[k].touchpoints)
        if (glob_match(ev, tp.name)) return k;
  return std::nullopt;
}

const BarrierSpec* find_barrier_spec(const JourneySpec& spec, const std::string& id) {
  for (const auto& b : spec.barriers)
    if (b.id == id) return &b;
  return nullptr;
}

MapSegment build_segment(const AnalysisResult& result, const JourneySpec& spec,
                         const std::string& kind, const std::string& id, const std::string& name,
                         const SegmentResult& fig) {
  // What a journey is, in the pain points' words.
  const bool visits = result.unit == "visit";
  const std::string units = visits ? "visits" : "customers";
  MapSegment seg;
  seg.kind = kind;
  seg.id = id;
  seg.name = name;
  seg.customers = fig.customers;
  seg.events = fig.events;
  seg.converted = fig.converted;
  seg.funnel = fig.funnel;
  seg.shape = fig.shape;
  seg.stage_transitions = fig.stage_transitions;
  seg.touchpoint_transitions = fig.touchpoint_transitions;
  seg.stage_variants = fig.stage_variants;
  seg.touchpoint_paths = fig.touchpoint_paths;
  seg.paths_between = fig.paths_between;
  seg.last_steps = fig.last_steps;
  seg.time_to_convert_s = fig.time_to_convert_s;
  seg.barriers = fig.barriers;
  seg.attribution = fig.attribution;
  seg.retention = fig.retention;
  seg.visits = fig.visits;
  seg.changes = fig.changes;
  seg.timelines = fig.change_timelines;

  const size_t n = result.stages.size();
  seg.stages.resize(n);
  for (size_t k = 0; k < n; ++k) {
    MapStage& st = seg.stages[k];
    st.id = result.stages[k].id;
    st.name = result.stages[k].name.empty() ? st.id : result.stages[k].name;
    if (const StageSpec* ss = find_stage_spec(spec, st.id)) {
      st.goal = ss->goal;
      st.actions = ss->actions;
      st.thinking = ss->thinking;
      st.feeling = ss->feeling;
      st.opportunities = ss->opportunities;
    }
    if (k >= fig.stages.size()) continue;
    const StageResult& sr = fig.stages[k];
    for (size_t t = 0; t < sr.touchpoints.size() && t < kMapTopTouchpoints; ++t) {
      const StageTouchpoint& tp = sr.touchpoints[t];
      st.touchpoints.push_back(MapTouchpoint{tp.name, tp.customers, tp.control, tp.medium});
    }
    st.reached = sr.reached;
    st.reach_share = fig.customers == 0
                         ? 0.0
                         : static_cast<double>(sr.reached) / static_cast<double>(fig.customers);
    if (k < fig.funnel.closed.size()) st.funnel_level = fig.funnel.closed[k];
    if (k >= 1 && k < fig.funnel.closed.size() && fig.funnel.closed[k - 1] > 0) {
      double conv =
          static_cast<double>(fig.funnel.closed[k]) / static_cast<double>(fig.funnel.closed[k - 1]);
      st.conversion_from_previous = conv;
      st.drop_off = 1.0 - conv;
    }
    st.time_from_previous_s = sr.time_from_previous_s;
    st.emotion = sr.emotion;
  }

  // Critical point: the lowest mean score among stages with scores (first wins a tie).
  std::optional<size_t> critical;
  for (size_t k = 0; k < n; ++k) {
    const Emotion& e = seg.stages[k].emotion;
    if (e.count == 0) continue;
    if (!critical || e.mean < seg.stages[*critical].emotion.mean) critical = k;
  }
  if (critical) seg.stages[*critical].critical = true;

  // Pain points from the spec: the note of each barrier, in its stage.
  // A barrier's note stands in the stage its measured figures are given for.
  for (const auto& bs : spec.barriers) {
    if (bs.note.empty()) continue;
    std::string measured_stage;
    for (const auto& item : fig.barriers.items)
      if (item.id == bs.id) measured_stage = item.stage;
    if (auto k = barrier_stage(result, spec, measured_stage, &bs); k && *k < n)
      seg.stages[*k].pain_points.push_back(MapPainPoint{bs.note, false});
  }

  // Measured barriers: conversion of those who met it against comparable customers.
  for (const auto& item : fig.barriers.items) {
    if (item.customers == 0 || !item.rate) continue;
    auto k = barrier_stage(result, spec, item.stage, find_barrier_spec(spec, item.id));
    if (!k || *k >= n) continue;
    const std::string& label = item.name.empty() ? item.id : item.name;
    std::string text =
        item.comparable_rate
            ? fmt::format("Met {}: {} converted vs {} of comparable {}", label,
                          whole_percent(*item.rate), whole_percent(*item.comparable_rate), units)
            : fmt::format("Met {}: {} converted ({} {})", label, whole_percent(*item.rate),
                          item.customers, units);
    seg.stages[*k].pain_points.push_back(MapPainPoint{std::move(text), true});
  }

  // Measured pain points of the funnel follow.
  // The biggest drop-off: shown on the stage where the customers were lost.
  std::optional<size_t> worst;
  for (size_t k = 1; k < n; ++k) {
    const auto& d = seg.stages[k].drop_off;
    if (!d || *d <= 0) continue;
    if (!worst || *d > *seg.stages[*worst].drop_off) worst = k;
  }
  if (worst) {
    MapStage& lost_at = seg.stages[*worst - 1];
    lost_at.pain_points.push_back(MapPainPoint{
        fmt::format(
            "{} of {} reached {} did not reach {}", whole_percent(*seg.stages[*worst].drop_off),
            visits ? "visits that" : "customers who", lost_at.name, seg.stages[*worst].name),
        true});
  }

  // The touchpoint where most customers who left (did not convert) were last seen.
  std::optional<std::pair<size_t, size_t>> exit_at;  // stage, touchpoint
  uint64_t best_exits = 0;
  for (size_t k = 0; k < n && k < fig.stages.size(); ++k)
    for (size_t t = 0; t < fig.stages[k].touchpoints.size(); ++t)
      if (fig.stages[k].touchpoints[t].exits > best_exits) {
        best_exits = fig.stages[k].touchpoints[t].exits;
        exit_at = {k, t};
      }
  if (exit_at)
    seg.stages[exit_at->first].pain_points.push_back(MapPainPoint{
        fmt::format(
            fmt::runtime(visits ? "Most visits that ended without converting ended at {} ({})"
                                : "Most customers who left were last seen at {} ({})"),
            fig.stages[exit_at->first].touchpoints[exit_at->second].name, best_exits),
        true});
  return seg;
}

}  // namespace

JourneyMap build_map(const AnalysisResult& result, const JourneySpec& spec) {
  JourneyMap map;
  map.title = !result.journey_name.empty() ? result.journey_name : spec.name;
  map.description = spec.description;
  map.first_time_us = result.input.first_time_us;
  map.last_time_us = result.input.last_time_us;
  map.events = result.input.events;
  map.customers = result.input.customers;
  map.rejected_rows = result.input.rejected_rows;
  map.unmapped_events = result.input.unmapped_events;
  map.unmapped_names = result.input.unmapped_names;
  map.window_s = result.all.funnel.window_s;
  if (!map.window_s && spec.conversion_window_us)
    map.window_s = static_cast<double>(*spec.conversion_window_us) / 1e6;
  map.unit = result.unit;
  map.visits = result.input.visits;
  map.segments.push_back(build_segment(result, spec, "all", "all",
                                       result.unit == "visit" ? "All visits" : "All customers",
                                       result.all));
  for (const auto& p : result.personas)
    map.segments.push_back(
        build_segment(result, spec, "persona", p.id, p.name.empty() ? p.id : p.name, p.figures));
  for (const auto& p : result.periods) {
    MapSegment seg =
        build_segment(result, spec, "period", p.id, p.name.empty() ? p.id : p.name, p.figures);
    seg.from = p.from;
    seg.to = p.to;
    map.segments.push_back(std::move(seg));
  }
  map.comparisons = result.comparisons;
  return map;
}

}  // namespace cjm
