// The finished figures as JSON: one to_json per result type, the only
// serialisation of results. `cjm analyze --format json` (schema
// "cjm.result/1", docs/result-json.md) and the HTML map's data both use it.
// Numbers: a whole double is written as an integer (86400, not 86400.0), a
// non-finite one or a missing optional as null. Objects keep their keys in
// the order written; objects keyed by data (names, scores) are built in
// linear time.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/result.h"

namespace cjm {

using Json = nlohmann::ordered_json;

// A number as JSON (see above).
Json json_number(double value);
Json json_number(std::optional<double> value);
// num / den as a JSON number; null when den is 0.
Json json_share(uint64_t num, uint64_t den);
// Appends `key` to object `object` without looking it up: the caller knows
// the keys are distinct (e.g. they come from a std::map), so building an
// object of n keys takes O(n), not O(n^2).
void json_append(Json& object, std::string key, Json value);

// {count, mean, p50, p90}.
Json to_json(const Stats& stats);
// [low, high], or null when the interval's rate is absent.
Json to_json(const Interval& interval, bool present);
// {from, to, count} per transition.
Json to_json(const std::vector<Transition>& transitions);
// {steps, label, customers, converted, conversion_rate} per path.
Json to_json(const std::vector<PathStat>& paths);
// {from, to, with_from, with_path, with_path_share, time_s, paths: [{steps,
// label, journeys, share}]}, or null when no question was asked.
Json to_json(const PathsBetween& paths);
// {steps, journeys, paths: [{steps, label, journeys, share}]}.
Json to_json(const LastSteps& last);
// {window_s, closed, open, closed_unbounded, open_unbounded, steps}; levels
// name their stage by `stages`' ids.
Json to_json(const Funnel& funnel, const std::vector<StageInfo>& stages);
// {journeys, linear, backward, skip} with their shares.
Json to_json(const Shape& shape);
// {count, mean, distribution}.
Json to_json(const Emotion& emotion);
// Every stage of a segment: {id, name, reached, events, time_from_previous_s, emotion}.
Json to_json(const std::vector<StageResult>& figures, const std::vector<StageInfo>& stages);
// Barriers: {by_count, items}.
Json to_json(const BarrierResult& barriers);
// Opportunities, ranked.
Json to_json(const std::vector<Opportunity>& opportunities);
// Attribution credit per model and name, removal effects.
Json to_json(const AttributionResult& attribution);
// Repeat purchase, cohorts, advocacy.
Json to_json(const RetentionResult& retention);
// Changes: {stage, from, to, direction, baseline_rate, rate, p_value, lost,
// events: [{event, lift, share_in, share_out}]}, in the result's order.
Json to_json(const std::vector<Change>& changes);
// Each stage's daily series of change detection: {stage, horizon_days, days,
// at_risk, entered}, one per stage after the first, in stage order.
Json to_json(const std::vector<StageTimeline>& timelines);
// Conversion comparisons of segments.
Json to_json(const std::vector<ConversionComparison>& comparisons);
// Visits across customers, or null when visits are not defined.
Json to_json(const VisitFigures& visits);
// Every key of one segment (all customers, or a persona), in schema order.
Json to_json(const SegmentResult& segment, const std::vector<StageInfo>& stages);
// What was read.
Json to_json(const InputSummary& input);
// The whole result, schema "cjm.result/1".
Json to_json(const AnalysisResult& result);

}  // namespace cjm
