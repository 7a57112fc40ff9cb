// Statistics of a set of durations: count, mean and nearest-rank percentiles
// (docs/analyses.md, "Conversion and time").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/result.h"

namespace cjm {

// Nearest-rank percentile of sorted values: the value at 1-based rank
// ceil(q/100 * count). `sorted` must be non-empty and ascending.
int64_t nearest_rank(const std::vector<int64_t>& sorted, unsigned q);

// Stats of durations in microseconds, reported in seconds. All 0 when empty.
// Takes the values by value: they are sorted in place.
Stats duration_stats_s(std::vector<int64_t> values_us);

}  // namespace cjm
