// AnalysisResult: the finished figures of every analysis, as plain data with
// names resolved. Renderers (JSON, terminal, Markdown, later the map) only read
// it. Definitions of every figure: docs/analyses.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/attribution_result.h"
#include "analysis/barrier_result.h"
#include "analysis/change_result.h"
#include "analysis/path_question_result.h"
#include "analysis/repeat_ranges.h"
#include "analysis/result_stats.h"
#include "analysis/retention_result.h"
#include "core/customer_join.h"

namespace cjm {

struct Transition {
  std::string from, to;  // stage ids / event names, or "(start)" / "(end)"
  uint64_t count = 0;
};

struct PathStat {
  std::vector<std::string> steps;  // stage ids or touchpoint names
  uint64_t customers = 0;
  uint64_t converted = 0;            // of those, customers with a conversion event
  std::string label;                 // steps as a person reads them (analysis/path_label.h)
  std::vector<RepeatRange> repeats;  // per step, its repeats in a row (empty: not known)
};

struct Emotion {
  uint64_t count = 0;                       // scores seen in the stage
  double mean = 0;                          // 0 when count == 0 (null in JSON)
  std::map<double, uint64_t> distribution;  // score value -> how many
};

// A touchpoint (event name) within one stage.
struct StageTouchpoint {
  std::string name;
  uint64_t customers = 0;  // customers with >= 1 such event in the stage
  uint64_t exits = 0;      // non-converted customers whose last mapped event is this one
  // From the spec's touchpoint entry for the name, if any: "direct" /
  // "indirect" and "online" / "offline", else "".
  std::string control, medium;
};

// Figures for one stage of one segment.
struct StageResult {
  uint64_t reached = 0;                      // customers with >= 1 event in the stage
  uint64_t events = 0;                       // events in the stage
  std::vector<StageTouchpoint> touchpoints;  // by customers desc, then name
  Stats time_from_previous_s;                // see docs/analyses.md, "Time between stages"
  Emotion emotion;
};

struct Funnel {
  std::optional<double> window_s;  // the conversion window, if any
  // customers[k] = customers whose level >= k+1 (reached step k), k < stages.
  std::vector<uint64_t> closed, open, closed_unbounded, open_unbounded;
};

struct Shape {
  uint64_t journeys = 0;  // customers with >= 1 mapped event (the denominator)
  uint64_t linear = 0;    // no backward move and no skip
  uint64_t backward = 0;  // >= 1 move to an earlier stage
  uint64_t skip = 0;      // >= 1 forward move over one or more stages
};

// One visit number (1, 2, ..., "11+"): visits with that number, and those
// with a conversion event.
struct VisitNumberRow {
  std::string label;
  uint64_t visits = 0, converted = 0;
};

// Visits across a segment's customers (docs/analyses.md, "Visits").
struct VisitFigures {
  bool defined = false;  // visits are defined: a session column or a session gap
  uint64_t visits = 0, customers = 0;
  Stats visits_per_customer;
  // Per converting customer: the number of the visit of the first conversion
  // (1: converted in the first visit).
  Stats visits_before_converting;
  std::vector<VisitNumberRow> by_visit_number;  // numbers with at least one visit
};

// Every figure for one segment (all customers, one persona, one period).
// "Customers" counts journeys in the spec's unit: customers, or visits.
struct SegmentResult {
  uint64_t customers = 0;
  uint64_t events = 0;
  std::vector<StageResult> stages;  // in spec order
  Funnel funnel;
  std::vector<Transition> stage_transitions;       // sorted by count desc, then from, to
  std::vector<Transition> touchpoint_transitions;  // same order
  Shape shape;
  std::vector<PathStat> stage_variants;    // top N, by customers desc then steps
  std::vector<PathStat> touchpoint_paths;  // top N, same order
  PathsBetween paths_between;              // the paths between two events, if asked
  LastSteps last_steps;                    // the last steps of journeys that did not convert
  uint64_t converted = 0;                  // customers with >= 1 conversion event
  Stats time_to_convert_s;                 // first event -> first conversion
  uint64_t unmapped_events = 0;            // events matching no stage
  BarrierResult barriers;
  AttributionResult attribution;
  RetentionResult retention;
  VisitFigures visits;
  // Change detection (docs/methods.md): the changes by lost desc, and the
  // daily series scanned, one per stage after the first.
  std::vector<Change> changes;
  std::vector<StageTimeline> change_timelines;
};

struct StageInfo {
  std::string id, name;
};

struct InputSummary {
  std::string path;
  std::string format;       // csv, tsv, jsonl
  std::string time_format;  // used / detected
  uint64_t rows = 0;        // data rows read
  uint64_t events = 0;      // rows accepted
  uint64_t customers = 0;
  uint64_t rejected_rows = 0;
  std::optional<uint64_t> visits;           // visits, when visits are defined
  uint64_t unmapped_events = 0;             // events whose name matches no stage
  std::vector<std::string> unmapped_names;  // distinct unmapped names, by count desc
  std::optional<int64_t> first_time_us, last_time_us;
  std::vector<CustomerJoin> customer_tables;  // the customer tables joined (--customers)
};

struct PersonaResult {
  std::string id, name;
  SegmentResult figures;
};

struct PeriodResult {
  std::string id, name;
  std::string from, to;  // as the spec gives them (inclusive)
  SegmentResult figures;
};

struct AnalysisResult {
  std::string journey_name;
  std::string unit = "customer";  // what a journey is: "customer" or "visit"
  InputSummary input;
  std::vector<StageInfo> stages;
  SegmentResult all;
  std::vector<PersonaResult> personas;
  std::vector<PeriodResult> periods;
  // Conversion of each persona against the rest, of each pair of personas,
  // and of each period against the rest of the data.
  std::vector<ConversionComparison> comparisons;
};

}  // namespace cjm
