#include "analysis/stats.h"

#include <algorithm>

namespace cjm {

int64_t nearest_rank(const std::vector<int64_t>& sorted, unsigned q) {
  const uint64_t count = sorted.size();
  uint64_t rank = (static_cast<uint64_t>(q) * count + 99) / 100;  // ceil(q * count / 100)
  rank = std::clamp<uint64_t>(rank, 1, count);
  return sorted[rank - 1];
}

Stats duration_stats_s(std::vector<int64_t> values_us) {
  Stats stats;
  if (values_us.empty()) return stats;
  std::sort(values_us.begin(), values_us.end());
  // An exact integer sum: the mean is the same whatever order values arrived in.
  __int128 sum = 0;
  for (int64_t v : values_us) sum += v;
  stats.count = values_us.size();
  stats.mean = static_cast<double>(sum) / static_cast<double>(stats.count) / 1e6;
  stats.p50 = static_cast<double>(nearest_rank(values_us, 50)) / 1e6;
  stats.p90 = static_cast<double>(nearest_rank(values_us, 90)) / 1e6;
  return stats;
}

}  // namespace cjm
