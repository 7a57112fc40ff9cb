#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/duration_list.h"
#include "analysis/stats.h"

namespace cjm {
namespace {

std::vector<int64_t> sorted_values(const DurationList& d) {
  std::vector<int64_t> out;
  for (std::span<const int64_t> run : d.runs()) out.insert(out.end(), run.begin(), run.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<int64_t> iota(int64_t from, int64_t to) {
  std::vector<int64_t> out;
  for (int64_t v = from; v < to; ++v) out.push_back(v);
  return out;
}

TEST(DurationList, HoldsEveryValueAcrossChunks) {
  const int64_t n = static_cast<int64_t>(DurationList::kChunk) * 2 + 5;
  DurationList d;
  EXPECT_TRUE(d.empty());
  for (int64_t v = n - 1; v >= 0; --v) d.push_back(v);
  EXPECT_EQ(d.size(), static_cast<size_t>(n));
  EXPECT_EQ(d.runs().size(), 3u);  // two full chunks and the tail
  EXPECT_EQ(sorted_values(d), iota(0, n));
}

TEST(DurationList, AppendSharesFullChunksAndCopiesTheTail) {
  const int64_t chunk = static_cast<int64_t>(DurationList::kChunk);
  DurationList a, b;
  for (int64_t v = 0; v < 10; ++v) a.push_back(v);
  for (int64_t v = 10; v < 10 + chunk + 3; ++v) b.push_back(v);
  a.append(b);
  EXPECT_EQ(a.size(), static_cast<size_t>(chunk + 13));
  EXPECT_EQ(sorted_values(a), iota(0, chunk + 13));
  EXPECT_EQ(a.runs().front().data(), b.runs().front().data());  // shared, not copied
  // The source is unchanged and both keep growing independently.
  EXPECT_EQ(sorted_values(b), iota(10, chunk + 13));
  b.push_back(-1);
  a.push_back(-2);
  EXPECT_EQ(b.size(), static_cast<size_t>(chunk + 4));
  EXPECT_EQ(sorted_values(a).front(), -2);
  EXPECT_EQ(sorted_values(b).front(), -1);
}

TEST(DurationList, AppendToItselfDoubles) {
  DurationList d;
  for (int64_t v = 0; v < static_cast<int64_t>(DurationList::kChunk) + 1; ++v) d.push_back(v % 3);
  const std::vector<int64_t> once = sorted_values(d);
  d.append(d);
  std::vector<int64_t> twice = once;
  twice.insert(twice.end(), once.begin(), once.end());
  std::sort(twice.begin(), twice.end());
  EXPECT_EQ(sorted_values(d), twice);
}

TEST(DurationList, StatsOverRunsEqualStatsOverOneArray) {
  // Percentiles and mean of the chunked list, against the same values in one
  // array (itself checked against a sorted reference in test_analysis).
  DurationList d;
  std::vector<int64_t> flat;
  for (int64_t i = 0; i < 3 * static_cast<int64_t>(DurationList::kChunk) / 2; ++i) {
    const int64_t v = (i * 7919) % 100003 * 1000;
    d.push_back(v);
    flat.push_back(v);
  }
  const Stats a = duration_stats_s(d.runs()), b = duration_stats_s(flat);
  EXPECT_EQ(a.count, b.count);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.p50, b.p50);
  EXPECT_EQ(a.p90, b.p90);
}

}  // namespace
}  // namespace cjm
