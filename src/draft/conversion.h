// The event that best looks like the journey's goal (docs/methods.md,
// "Drafting a spec"): late in journeys, once or rarely per customer,
// carrying a value when the log has a value column, ending many journeys.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "draft/event_stats.h"

namespace cjm {

struct ConversionChoice {
  int event = -1;                  // index into the stats; -1: none qualifies
  std::string evidence;            // for a YAML comment (why, or why none)
  int runner_up = -1;              // the next best candidate, if any
  std::string runner_up_evidence;  // and its evidence
};

// Scores every name seen by at least one customer in 1,000 (and at least
// one) and in fewer than all customers, that comes in the later half of
// journeys (position >= 0.5, draft/event_stats.h) and at most twice per customer on
// average: position + once-ness + share of its journeys it ends + (with a
// value column) 2 x share of its events with a value + 0.5 for a goal-like
// name (purchase, order, buy, signup, subscribe, ...) - 1 for a failure-like
// one (fail, error, cancel, ...). The best score wins.
ConversionChoice choose_conversion(const std::vector<EventStats>& stats, uint64_t customers,
                                   bool has_value);

}  // namespace cjm
