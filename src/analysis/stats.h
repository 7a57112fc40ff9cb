// Statistics of a set of durations: count, mean and nearest-rank percentiles
// (docs/analyses.md, "Conversion and time").
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/result.h"

namespace cjm {

// Nearest-rank percentile of sorted values: the value at 1-based rank
// ceil(q/100 * count). `sorted` must be non-empty and ascending.
int64_t nearest_rank(const std::vector<int64_t>& sorted, unsigned q);

// Durations as runs of whole seconds and runs of microseconds, taken
// together (how a DurationList stores them).
struct DurationRuns {
  std::vector<std::span<const int32_t>> seconds;
  std::vector<std::span<const int64_t>> micros;
};

// Stats of whole numbers given as a histogram: histogram[v] values equal v.
// Nearest-rank percentiles, as for durations. All 0 when empty.
Stats count_stats(std::span<const uint64_t> histogram);

// Stats of durations in microseconds, reported in seconds. All 0 when empty.
// The values are only read (large sets are not copied: the percentiles are
// found by a histogram of their top bits, then a selection in one bucket).
Stats duration_stats_s(std::span<const int64_t> values_us);
// The same over the values of several runs taken together.
Stats duration_stats_s(const DurationRuns& runs);

}  // namespace cjm
