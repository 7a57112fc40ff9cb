// JourneyMap: the map as plain data — stages × lanes, each cell holding
// measured figures and/or the spec's qualitative text — for all customers and
// for each persona. Built once from a finished AnalysisResult and the spec;
// renderers (HTML, Mermaid, Markdown, CSV) only read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/result.h"
#include "personas/persona_card.h"
#include "spec/journey_spec.h"

namespace cjm {

// A touchpoint as shown in a stage's touchpoint lane.
struct MapTouchpoint {
  std::string name;
  uint64_t customers = 0;  // customers with >= 1 such event in the stage
  std::string control;     // "direct" / "indirect" when the spec says so, else ""
  std::string medium;      // "online" / "offline" when the spec says so, else ""
};

// A pain point in a stage: from the spec (text only) or measured.
struct MapPainPoint {
  std::string text;       // what a person reads
  bool measured = false;  // true: derived from the data
};

// One column of the map for one segment.
struct MapStage {
  std::string id, name;
  // Qualitative lanes from the spec (empty lanes are hidden by renderers).
  std::vector<std::string> goal, actions, thinking, feeling, opportunities;
  std::vector<MapTouchpoint> touchpoints;  // top touchpoints, by customers desc
  std::vector<MapPainPoint> pain_points;
  // Metrics.
  uint64_t reached = 0;
  double reach_share = 0;     // reached / segment customers
  uint64_t funnel_level = 0;  // closed (windowed) funnel customers at this step
  std::optional<double> conversion_from_previous;  // funnel step from previous
  std::optional<double> drop_off;                  // 1 - conversion_from_previous
  Stats time_from_previous_s;
  Emotion emotion;
  bool critical = false;  // the stage with the lowest mean score
};

// The map of one segment (all journeys, a persona, or a period).
struct MapSegment {
  std::string id, name;  // "all" / "All customers" (or "All visits") for everyone
  std::string kind;      // "all", "persona" or "period"
  std::string from, to;  // a period's dates, as the spec gives them
  uint64_t customers = 0, events = 0, converted = 0;
  std::vector<MapStage> stages;
  Funnel funnel;
  Shape shape;
  std::vector<Transition> stage_transitions, touchpoint_transitions;
  std::vector<PathStat> stage_variants, touchpoint_paths;
  PathsBetween paths_between;  // the paths between two events, if asked
  LastSteps last_steps;        // the last steps of journeys that did not convert
  Stats time_to_convert_s;
  BarrierResult barriers;                // barriers met, by count and per barrier; opportunities
  AttributionResult attribution;         // credit per touchpoint / channel, per model
  RetentionResult retention;             // repeat purchase, cohorts, advocacy
  VisitFigures visits;                   // visits per customer, conversion by visit number
  std::vector<Change> changes;           // where a stage's entry rate left its baseline
  std::vector<StageTimeline> timelines;  // each stage's daily entry series
  std::optional<PersonaCard> card;       // a persona found by cjm personas: its card
};

struct JourneyMap {
  std::string title, description;
  std::string unit = "customer";  // what a journey is: "customer" or "visit"
  std::optional<int64_t> first_time_us, last_time_us;
  uint64_t events = 0, customers = 0, rejected_rows = 0, unmapped_events = 0;
  std::vector<std::string> unmapped_names;
  std::optional<double> window_s;
  std::optional<uint64_t> visits;  // visits, when visits are defined
  // [0] is all journeys, then each persona, then each period.
  std::vector<MapSegment> segments;
  // Conversion of each persona against the rest, of each pair of personas,
  // and of each period against the rest (with each stage's entry rate).
  std::vector<ConversionComparison> comparisons;
};

}  // namespace cjm
