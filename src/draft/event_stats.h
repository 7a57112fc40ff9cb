// What each event name does in the journeys: how often, in how many
// journeys, how late it first occurs, whether it ends journeys and carries a
// value. The evidence from which stages and the conversion are drafted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "journey/journeys.h"

namespace cjm {

struct EventStats {
  std::string name;
  uint64_t rows = 0;        // events with this name
  uint64_t journeys = 0;    // customers with at least one
  uint64_t last_in = 0;     // customers whose last event (in time order) it is
  uint64_t valued = 0;      // its events with a value (when the log has a value column)
  uint64_t positioned = 0;  // customers with it and another of the names ranked
  // Where it typically occurs, from the precedence of first occurrences: the
  // share of the other names it meets that it comes after. It comes after
  // `b` when at least 60 % of the customers with both met `b` first, before
  // when at most 40 % did, and partly in between (docs/methods.md, "Drafting
  // a spec"). Repeats, loops and journeys that end early do not move it. 0.5
  // when positioned is 0.
  double position = 0.5;
};

struct EventStatsOptions {
  size_t max_names = 1000;       // positions for this many of the most frequent names
  size_t max_per_journey = 100;  // a journey's first this many distinct names are ranked
};

// One entry per event name of `t` (indexed by event id), over the journeys
// `j` of `t` (journey/journeys.h: `t` already ordered). Positions cost
// max_per_journey x events and max_names^2 x 4 bytes.
std::vector<EventStats> event_stats(const EventTable& t, const Journeys& j,
                                    const EventStatsOptions& options = {});

}  // namespace cjm
