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
  // Only two ranks are needed: selection is linear where a sort is not.
  const uint64_t n = values_us.size();
  auto rank = [n](unsigned q) {
    return std::clamp<uint64_t>((static_cast<uint64_t>(q) * n + 99) / 100, 1, n) - 1;
  };
  const uint64_t r50 = rank(50), r90 = rank(90);
  const auto at = [&](uint64_t r) { return values_us.begin() + static_cast<ptrdiff_t>(r); };
  std::nth_element(values_us.begin(), at(r50), values_us.end());
  if (r90 > r50) std::nth_element(at(r50 + 1), at(r90), values_us.end());
  // An exact integer sum: the mean is the same whatever order values arrived in.
  __int128 sum = 0;
  for (int64_t v : values_us) sum += v;
  stats.count = values_us.size();
  stats.mean = static_cast<double>(sum) / static_cast<double>(stats.count) / 1e6;
  stats.p50 = static_cast<double>(values_us[r50]) / 1e6;
  stats.p90 = static_cast<double>(values_us[r90]) / 1e6;
  return stats;
}

}  // namespace cjm
