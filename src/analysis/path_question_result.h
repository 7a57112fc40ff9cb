// Finished figures of the path questions: the paths between two events and
// the last steps before leaving (docs/analyses.md, "Path questions").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/result_stats.h"

namespace cjm {

// One path of a path question: touchpoint names with consecutive repeats
// collapsed, its readable label (analysis/path_label.h) and the journeys
// that took it.
struct PathCount {
  std::vector<std::string> steps;
  std::string label;
  uint64_t journeys = 0;
};

// The paths from a `from` event to a `to` event.
struct PathsBetween {
  bool asked = false;            // false: no question in the spec or on the command line
  std::string from, to;          // the event names or patterns asked about
  uint64_t with_from = 0;        // journeys with a `from` event
  uint64_t with_path = 0;        // of those, journeys with a `to` event after their first `from`
  Stats time_s;                  // over with_path: first `from` -> first `to` after it, seconds
  std::vector<PathCount> paths;  // top N by journeys desc, then steps
};

// The last steps of the journeys that did not convert.
struct LastSteps {
  uint64_t steps = 0;            // how many steps are kept (LastStepsAggregator::kSteps)
  uint64_t journeys = 0;         // journeys with events and no conversion event
  std::vector<PathCount> paths;  // top N by journeys desc, then steps
};

}  // namespace cjm
