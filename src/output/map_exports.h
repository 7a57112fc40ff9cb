// Exports of a JourneyMap besides the HTML page: a Mermaid `journey` diagram,
// Markdown tables for wikis and pull requests, and CSV files for spreadsheets.
// Like every renderer they compute nothing: each figure comes from the map.
// Formats: docs of each function below; tests/golden/map_small/README.md
// shows a worked example.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "map/journey_map.h"

namespace cjm {

// A Mermaid `journey` diagram of one segment (0 = all customers, i = the
// persona map.segments[i]):
//
//   journey
//     title <journey title>
//     section <stage name>
//       <touchpoint name>: <score>: <actor>, <actor>
//
// One section per stage, one task per top touchpoint (at most 5, in the map's
// order); a stage without touchpoints gets one task named after the stage.
// Score: the stage's mean emotion on Mermaid's integer 1..5 scale. Scores on a
// 0..10 scale (the largest score seen is > 5, e.g. NPS) map linearly:
// round(1 + mean * 4 / 10); otherwise (e.g. CSAT 1..5) round(mean); rounding
// is half away from zero and the result is clamped to 1..5; a stage without
// scores gets 3 (neutral).
// Actors: for segment 0 the personas that reached the stage (none when no
// persona did), or "All customers" when the map has no personas; for a
// persona, its own name.
// Every name is made safe for Mermaid's line-based grammar: ':' '#' ';' '%'
// '<' '>' '&' (and ',' in actor names) become look-alike characters
// (U+2236 '∶', U+FF03 '＃', U+FF1B '；', U+FF05 '％', U+2039 '‹', U+203A '›',
// U+FF06 '＆', U+201A '‚'); line breaks, control characters, invalid UTF-8 and
// Unicode spaces become ' '; runs of spaces collapse; a name that would be
// empty becomes "(unnamed)"; a name starting with a keyword of the grammar
// (journey, title, section, accTitle, accDescr; any case) is prefixed with an
// invisible U+200B so that it stays a task name.
// Throws cjm::Error (usage) when `segment` is out of range.
std::string render_mermaid(const JourneyMap& map, size_t segment = 0);

// The map as Markdown: a title, the period / customers line (visits first
// with `unit: visit`), then per segment ("## All customers" or "## All
// visits", "## <persona>", "## <period>") its journeys and conversion, a
// period's dates and comparison with the rest (stage entries that differ
// significantly), the visits line and the conversion by visit number when
// visits are defined, a table with a column per stage and a
// row per lane (qualitative lanes empty in every stage are left out), then
// Flows (shape and the top 10 stage transitions), Funnel (closed / open,
// windowed and unbounded), Paths (top 10 stage variants and touchpoint
// paths with their conversion rate) and What changed (each change found in
// the segment, in words; left out when there is none). Counts are named
// after the map's unit (customers or visits). Every string from the data or the spec
// is escaped (`|`, backticks, `\`, `<`, `>`, `&`, `*`, `_`, `[`, `]`; line
// breaks become spaces) so a hostile name can neither break a table nor
// inject HTML.
std::string render_map_markdown(const JourneyMap& map);

// One CSV file of write_map_csv: its file name and full content.
struct CsvTable {
  std::string file_name;
  std::string content;
};

// The CSV tables of the map, in the order write_map_csv lists them.
std::vector<CsvTable> map_csv_tables(const JourneyMap& map);

// Writes the map as CSV files, the whole content of folder `dir`, written
// into a temporary folder and renamed into place whole (core/atomic_file.h,
// write_folder_atomic: an existing `dir` must hold only these files), each
// with a header row:
//   stages.csv      segment,stage_id,stage_name,reached,reach_share,funnel_level,
//                   conversion_from_previous,drop_off,time_from_previous_p50_s,
//                   time_from_previous_p90_s,emotion_mean,emotion_count,critical
//   funnel.csv      segment,stage,closed,open,closed_unbounded,open_unbounded
//   transitions.csv segment,kind,from,to,count             (kind: stage|touchpoint)
//   paths.csv       segment,kind,rank,steps,customers,converted,conversion_rate
//                   (steps joined with " > ")
//   touchpoints.csv segment,stage,touchpoint,customers,control,medium
//   barrier_counts.csv segment,barriers (0|1|2|3+),customers,converted,rate,rate_low,rate_high
//   barriers.csv    segment,barrier_id,barrier_name,stage,customers,converted,rate,rate_low,
//                   rate_high,comparable_customers,comparable_converted,comparable_rate,
//                   lost_after,mean_score_around,fix_cost
//   opportunities.csv segment,rank,barrier_id,barrier_name,fix_cost,extra_conversions,
//                   extra_conversions_low,extra_conversions_high,extra_value,gain_per_cost
//                   (empty for a free fix),method
//   attribution.csv segment,dimension (touchpoint|channel),model,name,conversions,value
//   retention.csv   segment,buyers,repeat_buyers,repeat_rate,time_to_second_purchase_p50_s,
//                   time_to_second_purchase_p90_s,advocates,advocacy_share
//   cohorts.csv     segment,cohort,customers,months_since_first_purchase,active,share
//   comparisons.csv a,b,a_customers,a_converted,b_customers,b_converted,difference,z,p_value,
//                   significant
//   segments.csv    segment,kind (all|persona|period),name,from,to (a period's dates),journeys,
//                   events,converted,conversion_rate
//   stage_comparisons.csv a,b,stage,a_from,a_entered,b_from,b_entered,difference,z,p_value,
//                   significant   (a period against the rest: each stage's entry rate, from
//                   the journeys that reached the stage before)
//   changes.csv     segment,stage,from,to,direction (down|up),baseline_rate,rate,p_value,lost,
//                   at_risk,entered   (change detection, by lost desc within a segment)
//   change_causes.csv segment,stage,from,event,lift,share_in,share_out  (the likely causes of
//                   the change of that segment, stage and first day; most lift first)
// `segment` and `stage` are ids. Counts named `customers` (and `journeys`)
// count journeys in the map's unit: customers, or visits with `unit: visit`. Quoting follows RFC
// 4180: a field containing
// ',', '"', CR or LF is enclosed in double quotes, inner quotes doubled; lines
// end with LF. A text field starting with '=', '+', '-', '@', TAB or CR gets a
// leading "'" so a spreadsheet shows it as text instead of running it as a
// formula. Integers are written plainly; shares, rates and means with up to 6
// significant digits; durations (seconds) in their shortest exact form;
// `critical` is true/false; a missing value is an empty field.
// Throws cjm::Error naming the path when a folder or file cannot be written.
void write_map_csv(const JourneyMap& map, const std::string& dir);

}  // namespace cjm
