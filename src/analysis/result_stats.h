// Stats: summary of a distribution, shared by every result.
#pragma once

#include <cstdint>

namespace cjm {

// Summary of a distribution of durations (seconds) or numbers.
struct Stats {
  uint64_t count = 0;
  double mean = 0, p50 = 0, p90 = 0;  // all 0 when count == 0
};

}  // namespace cjm
