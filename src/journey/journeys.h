// Journeys: the event table grouped by customer and ordered by time.
//
// `build_journeys` sorts the table once, in place, by (customer, time, input
// order) and records CSR offsets: journey of customer c is events
// [offsets[c], offsets[c+1]). Stage and conversion flags are resolved once per
// distinct event name, never per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/event_table.h"
#include "spec/journey_spec.h"

namespace cjm {

inline constexpr int16_t kNoStage = -1;

// Per distinct event name: its stage and whether it marks a conversion.
struct EventMap {
  std::vector<int16_t> stage;          // per event id: stage index, or kNoStage
  std::vector<uint8_t> is_conversion;  // per event id: 1 if it matches `conversion`
  // Event ids that match no stage, in id order.
  std::vector<uint32_t> unmapped;
};

// Resolves every distinct event name against the spec's stage patterns and
// conversion patterns. An exact name listed in a stage wins over any glob; among
// globs, the first stage in spec order whose pattern matches wins. The spec has
// at most kMaxStages stages (parse_spec enforces it), so stage ids fit int16.
EventMap map_events(const Dictionary& events, const JourneySpec& spec);

struct Journeys {
  Column<uint64_t> offsets;  // size = customers + 1
  size_t count() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  uint64_t begin(uint32_t c) const { return offsets[c]; }
  uint64_t end(uint32_t c) const { return offsets[c + 1]; }
};

// How build_journeys splits its work. The defaults suit every input; tests
// use small parts to exercise the split.
struct OrderOptions {
  unsigned threads = 0;             // 0: every core
  size_t rows_per_part = 1u << 18;  // rows ordered together (see build_journeys)
};

// Sorts `table` in place by (customer, time, input order) and returns the
// offsets. Rows are first scattered, stably, into parts of consecutive
// customer ids of about `rows_per_part` rows, each column in turn; inside a
// part, a counting sort by customer places them, so every random access
// stays within one part's megabytes, in the caches (bench/HISTORY.md has the
// measurements that chose the size). Journeys out of time order are then
// sorted stably by time. Input that is already ordered is left as it is.
Journeys build_journeys(EventTable& table, const OrderOptions& options = {});

}  // namespace cjm
