// The finished figures of change detection (docs/methods.md, "Change
// detection"): the windows where a stage's entry rate left its baseline, with
// their likely causes, and each stage's daily series the scan ran over.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cjm {

// An event over-represented, during a change, in the units at risk.
struct ChangeEvent {
  std::string event;
  // Shares of the units at risk having the event at least once between
  // reaching the previous stage and entering the stage (or their end),
  // inside the window and at the baseline.
  double share_in = 0, share_out = 0;
  // (units_in + 1) / (at_risk_in + 2) over (units_out + 1) / (at_risk_out + 2).
  double lift = 0;
};

// A window of days in which a stage's entry rate left its baseline.
struct Change {
  std::string stage;                // id of the stage whose entry changed
  std::string from, to;             // ISO dates (UTC), inclusive
  std::string direction;            // "down" or "up"
  double baseline_rate = 0;         // entry rate outside the window
  double rate = 0;                  // entry rate inside it
  double p_value = 1;               // corrected for every window and stage tested
  double lost = 0;                  // expected entries at the baseline rate - actual ones
  uint64_t at_risk = 0;             // units that reached the previous stage in the window
  uint64_t entered = 0;             // of those, units that entered the stage
  std::vector<ChangeEvent> events;  // most lift first, at most 5
};

// One stage's daily series, as scanned: the days with units at risk, in
// order, and the units that entered within the stage's horizon.
struct StageTimeline {
  std::string stage;
  // Entries counted within this many days of reaching the previous stage,
  // and the last this many days left out (not yet complete): the shortest
  // horizon holding 95 % of the entries, or the longest (27) when none does.
  int horizon_days = 0;
  std::vector<std::string> days;  // ISO dates
  std::vector<uint64_t> at_risk, entered;
};

struct ChangeResult {
  std::vector<Change> changes;           // by lost desc, then stage order, then from
  std::vector<StageTimeline> timelines;  // one per stage after the first
};

}  // namespace cjm
