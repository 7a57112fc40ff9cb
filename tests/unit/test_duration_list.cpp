#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/duration_list.h"
#include "analysis/stats.h"

namespace cjm {
namespace {

constexpr int64_t kSec = 1'000'000;

std::vector<int64_t> sorted_values(const DurationList& d) {
  std::vector<int64_t> out;
  const DurationRuns runs = d.runs();
  for (std::span<const int32_t> run : runs.seconds)
    for (int32_t s : run) out.push_back(s * kSec);
  for (std::span<const int64_t> run : runs.micros) out.insert(out.end(), run.begin(), run.end());
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
  // 0 is a whole number of seconds; every other value is kept in microseconds.
  EXPECT_EQ(d.runs().micros.size(), 3u);  // two full chunks and the tail
  EXPECT_EQ(d.runs().seconds.size(), 1u);
  EXPECT_EQ(sorted_values(d), iota(0, n));
}

TEST(DurationList, WholeSecondsTakeFourBytes) {
  // Whole seconds within int32 are kept as seconds, anything else (a
  // fraction, or too many seconds for 32 bits) as microseconds; every value
  // comes back exactly.
  const int64_t big = (int64_t{1} << 31) * kSec;  // 2^31 s: one past int32
  const std::vector<int64_t> values{0,   kSec,       -kSec, 3600 * kSec, kSec + 1, -kSec - 1,
                                    big, big - kSec, -big,  -big - kSec, 999'999,  INT64_MAX};
  DurationList d;
  for (int64_t v : values) d.push_back(v);
  size_t seconds = 0, micros = 0;
  for (auto run : d.runs().seconds) seconds += run.size();
  for (auto run : d.runs().micros) micros += run.size();
  // Seconds: 0, 1, -1, 3600, 2^31 - 1, -2^31. Microseconds: the other six.
  EXPECT_EQ(seconds, 6u);
  EXPECT_EQ(micros, 6u);
  std::vector<int64_t> expected = values;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(sorted_values(d), expected);
}

TEST(DurationList, AppendSharesFullChunksAndCopiesTheTail) {
  const int64_t chunk = static_cast<int64_t>(DurationList::kChunk);
  DurationList a, b;
  for (int64_t v = 0; v < 10; ++v) a.push_back(v);
  for (int64_t v = 10; v < 10 + chunk + 3; ++v) b.push_back(v);
  a.append(b);
  EXPECT_EQ(a.size(), static_cast<size_t>(chunk + 13));
  EXPECT_EQ(sorted_values(a), iota(0, chunk + 13));
  EXPECT_EQ(a.runs().micros.front().data(), b.runs().micros.front().data());  // shared
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
  // array (itself checked against a sorted reference in test_analysis). One
  // value in three is a whole number of seconds: both kinds of runs count.
  DurationList d;
  std::vector<int64_t> flat;
  for (int64_t i = 0; i < 3 * static_cast<int64_t>(DurationList::kChunk) / 2; ++i) {
    const int64_t v = i % 3 == 0 ? (i * 7919) % 100003 * kSec : (i * 7919) % 100003 * 1000;
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
