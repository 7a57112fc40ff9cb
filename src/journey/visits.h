// Visits: a customer's journey cut into visits, at a change of session id or
// at a pause longer than the session gap (docs/analyses.md, "Journeys and
// visits"). A visit is a sub-range of the customer's time-ordered events, so
// every aggregator consumes it as it consumes a whole journey.
#pragma once

#include <cstdint>
#include <optional>

#include "core/event_table.h"

namespace cjm {

// How events are cut into visits. With neither a session column nor a gap,
// a customer's whole journey is one visit.
struct VisitRule {
  bool by_session = false;        // cut where the `session` column changes
  std::optional<int64_t> gap_us;  // cut where the pause is longer than this
  bool defined() const { return by_session || gap_us.has_value(); }
};

// Whether row `i` starts a new visit after row `i - 1` of the same customer.
inline bool starts_visit(const EventTable& t, const VisitRule& rule, uint64_t i) {
  if (rule.by_session && t.session[i] != t.session[i - 1]) return true;
  // t[i] >= t[i-1] within a customer, so the difference does not overflow.
  return rule.gap_us && t.time_us[i] - t.time_us[i - 1] > *rule.gap_us;
}

// Calls f(begin, end) for each visit of the events [begin, end) of one
// customer, in time order.
template <typename F>
void for_each_visit(const EventTable& t, const VisitRule& rule, uint64_t begin, uint64_t end,
                    F&& f) {
  if (begin == end) return;
  uint64_t start = begin;
  if (rule.defined())
    for (uint64_t i = begin + 1; i < end; ++i)
      if (starts_visit(t, rule, i)) {
        f(start, i);
        start = i;
      }
  f(start, end);
}

}  // namespace cjm
