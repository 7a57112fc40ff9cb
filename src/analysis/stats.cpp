#include "analysis/stats.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace cjm {

int64_t nearest_rank(const std::vector<int64_t>& sorted, unsigned q) {
  const uint64_t count = sorted.size();
  uint64_t rank = (static_cast<uint64_t>(q) * count + 99) / 100;  // ceil(q * count / 100)
  rank = std::clamp<uint64_t>(rank, 1, count);
  return sorted[rank - 1];
}

namespace {

// Below this many values a copy and two selections are as fast as anything.
constexpr size_t kSmall = 1 << 14;
constexpr unsigned kBucketBits = 16;

using Runs = DurationRuns;

// Calls f(v) for every value of every run, in microseconds.
template <typename F>
void for_each_value(const Runs& runs, F f) {
  for (std::span<const int32_t> run : runs.seconds)
    for (int32_t s : run) f(int64_t{s} * 1'000'000);
  for (std::span<const int64_t> run : runs.micros)
    for (int64_t v : run) f(v);
}

// The values at 0-based ranks r[0] <= r[1] of `values` (as if sorted),
// without copying or reordering them: a histogram of the top bits of
// (value - min) finds each rank's bucket, and only that bucket's values are
// copied and selected among.
std::array<int64_t, 2> values_at_ranks(const Runs& values, int64_t min, int64_t max,
                                       std::array<uint64_t, 2> r) {
  const uint64_t range = static_cast<uint64_t>(max) - static_cast<uint64_t>(min);
  const int width = std::bit_width(range);
  const int shift = std::max(0, width - static_cast<int>(kBucketBits));
  auto bucket = [&](int64_t v) {
    return static_cast<size_t>((static_cast<uint64_t>(v) - static_cast<uint64_t>(min)) >> shift);
  };
  std::vector<uint64_t> count((range >> shift) + 1, 0);
  for_each_value(values, [&](int64_t v) { ++count[bucket(v)]; });
  std::array<size_t, 2> b{};
  std::array<uint64_t, 2> before{};  // values in buckets below b[i]
  for (size_t i = 0; i < 2; ++i) {
    uint64_t seen = 0;
    size_t k = 0;
    while (seen + count[k] <= r[i]) seen += count[k++];
    b[i] = k;
    before[i] = seen;
  }
  std::array<int64_t, 2> out{};
  if (shift == 0) {  // a bucket holds a single value
    for (size_t i = 0; i < 2; ++i) out[i] = static_cast<int64_t>(static_cast<uint64_t>(min) + b[i]);
    return out;
  }
  // One more pass copies both buckets' values (one copy when they are the
  // same bucket), then each rank is selected within its bucket.
  std::array<std::vector<int64_t>, 2> candidates;
  const size_t last = b[1] == b[0] ? 0 : 1;
  for (size_t i = 0; i <= last; ++i) candidates[i].reserve(count[b[i]]);
  for_each_value(values, [&](int64_t v) {
    const size_t k = bucket(v);
    if (k == b[0])
      candidates[0].push_back(v);
    else if (k == b[1])
      candidates[1].push_back(v);
  });
  for (size_t i = 0; i < 2; ++i) {
    std::vector<int64_t>& c = candidates[std::min(i, last)];
    const auto at = c.begin() + static_cast<ptrdiff_t>(r[i] - before[i]);
    std::nth_element(c.begin(), at, c.end());
    out[i] = *at;
  }
  return out;
}

}  // namespace

Stats duration_stats_s(std::span<const int64_t> values_us) {
  return duration_stats_s(Runs{{}, {values_us}});
}

Stats duration_stats_s(const Runs& values_us) {
  Stats stats;
  uint64_t n = 0;
  for (std::span<const int32_t> run : values_us.seconds) n += run.size();
  for (std::span<const int64_t> run : values_us.micros) n += run.size();
  if (n == 0) return stats;
  auto rank = [n](unsigned q) {
    return std::clamp<uint64_t>((static_cast<uint64_t>(q) * n + 99) / 100, 1, n) - 1;
  };
  const uint64_t r50 = rank(50), r90 = rank(90);
  // An exact integer sum: the mean is the same whatever order values arrived in.
  __int128 sum = 0;
  int64_t min = std::numeric_limits<int64_t>::max(), max = std::numeric_limits<int64_t>::min();
  for_each_value(values_us, [&](int64_t v) {
    sum += v;
    min = std::min(min, v);
    max = std::max(max, v);
  });
  std::array<int64_t, 2> at{};
  if (n < kSmall) {
    std::vector<int64_t> v;
    v.reserve(n);
    for_each_value(values_us, [&](int64_t x) { v.push_back(x); });
    const auto it = [&](uint64_t r) { return v.begin() + static_cast<ptrdiff_t>(r); };
    std::nth_element(v.begin(), it(r50), v.end());
    if (r90 > r50) std::nth_element(it(r50 + 1), it(r90), v.end());
    at = {v[r50], v[r90]};
  } else {
    at = values_at_ranks(values_us, min, max, {r50, r90});
  }
  stats.count = n;
  stats.mean = static_cast<double>(sum) / static_cast<double>(stats.count) / 1e6;
  stats.p50 = static_cast<double>(at[0]) / 1e6;
  stats.p90 = static_cast<double>(at[1]) / 1e6;
  return stats;
}

Stats count_stats(std::span<const uint64_t> histogram) {
  Stats s;
  double sum = 0;
  for (size_t v = 0; v < histogram.size(); ++v) {
    s.count += histogram[v];
    sum += static_cast<double>(v) * static_cast<double>(histogram[v]);
  }
  if (s.count == 0) return s;
  s.mean = sum / static_cast<double>(s.count);
  auto rank_value = [&](unsigned q) {
    uint64_t rank = (static_cast<uint64_t>(q) * s.count + 99) / 100;  // ceil(q * count / 100)
    rank = std::clamp<uint64_t>(rank, 1, s.count);
    uint64_t seen = 0;
    for (size_t v = 0; v < histogram.size(); ++v) {
      seen += histogram[v];
      if (seen >= rank) return static_cast<double>(v);
    }
    return static_cast<double>(histogram.size() - 1);
  };
  s.p50 = rank_value(50);
  s.p90 = rank_value(90);
  return s;
}

}  // namespace cjm
