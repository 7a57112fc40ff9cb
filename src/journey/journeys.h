// Journeys: the event table grouped by customer and ordered by time.
//
// `build_journeys` sorts the table once, in place, by (customer, time, input
// order) and records CSR offsets: journey of customer c is events
// [offsets[c], offsets[c+1]). What the spec says of each event name is
// resolved once per distinct name, in journey/event_map.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/event_table.h"
#include "journey/event_map.h"

namespace cjm {

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
