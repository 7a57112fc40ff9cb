#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <vector>

#include "core/parallel.h"

namespace cjm {
namespace {

// Every index of [0, n) is visited exactly once, for sizes smaller than,
// equal to and larger than the number of threads.
TEST(ParallelRanges, CoversEveryIndexOnce) {
  for (size_t n : {0u, 1u, 2u, 3u, 7u, 1000u})
    for (unsigned threads : {1u, 2u, 3u, 8u}) {
      std::vector<std::atomic<int>> seen(n);
      parallel_ranges(n, threads, [&](size_t lo, size_t hi) {
        ASSERT_LE(lo, hi);
        for (size_t i = lo; i < hi; ++i) ++seen[i];
      });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i].load(), 1) << "n=" << n << " i=" << i;
    }
}

// Parts are contiguous and in order: part t is [n*t/threads, n*(t+1)/threads).
TEST(ParallelRanges, PartsAreTheDocumentedSlices) {
  std::vector<std::pair<size_t, size_t>> parts(4);
  std::atomic<int> calls{0};
  parallel_ranges(10, 4, [&](size_t lo, size_t hi) {
    ++calls;
    for (auto& p : parts)
      if (lo == 10 * static_cast<size_t>(&p - parts.data()) / 4) p = {lo, hi};
  });
  EXPECT_EQ(calls.load(), 4);
  // 10*t/4 for t = 0..4: 0, 2, 5, 7, 10.
  EXPECT_EQ(parts[0], (std::pair<size_t, size_t>{0, 2}));
  EXPECT_EQ(parts[1], (std::pair<size_t, size_t>{2, 5}));
  EXPECT_EQ(parts[2], (std::pair<size_t, size_t>{5, 7}));
  EXPECT_EQ(parts[3], (std::pair<size_t, size_t>{7, 10}));
}

// parallel_parts passes each part its index along with its slice.
TEST(ParallelParts, EachPartKnowsItsIndex) {
  std::vector<std::pair<size_t, size_t>> seen(3, {99, 99});
  parallel_parts(7, 3, [&](unsigned t, size_t lo, size_t hi) { seen[t] = {lo, hi}; });
  // 7*t/3 for t = 0..3: 0, 2, 4, 7.
  EXPECT_EQ(seen[0], (std::pair<size_t, size_t>{0, 2}));
  EXPECT_EQ(seen[1], (std::pair<size_t, size_t>{2, 4}));
  EXPECT_EQ(seen[2], (std::pair<size_t, size_t>{4, 7}));
  // One call, part 0, when there is nothing to split.
  std::vector<unsigned> parts;
  parallel_parts(1, 4, [&](unsigned t, size_t lo, size_t hi) {
    parts.push_back(t);
    EXPECT_EQ(lo, 0u);
    EXPECT_EQ(hi, 1u);
  });
  EXPECT_EQ(parts, std::vector<unsigned>{0});
}

// An exception in any part reaches the caller once every part has finished.
TEST(ParallelRanges, RethrowsAfterAllPartsFinish) {
  std::atomic<int> finished{0};
  EXPECT_THROW(parallel_ranges(100, 4,
                               [&](size_t lo, size_t) {
                                 if (lo == 50) throw std::runtime_error("part 2");
                                 ++finished;
                               }),
               std::runtime_error);
  EXPECT_EQ(finished.load(), 3);
}

// Every task runs exactly once, whatever the number of threads.
TEST(RunTasks, RunsEveryTaskOnce) {
  for (unsigned threads : {1u, 2u, 5u}) {
    std::vector<std::atomic<int>> ran(7);
    std::vector<std::function<void()>> tasks;
    for (size_t i = 0; i < ran.size(); ++i) tasks.push_back([&ran, i] { ++ran[i]; });
    run_tasks(tasks, threads);
    for (auto& r : ran) EXPECT_EQ(r.load(), 1);
  }
  run_tasks({}, 2);  // nothing to do is fine
}

// Of several failing tasks, the earliest in the list is reported.
TEST(RunTasks, RethrowsTheEarliestFailingTask) {
  for (unsigned threads : {1u, 2u, 3u}) {
    std::vector<std::function<void()>> tasks{[] {}, [] { throw std::runtime_error("task 1"); },
                                             [] {}, [] { throw std::runtime_error("task 3"); }};
    try {
      run_tasks(tasks, threads);
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "task 1");
    }
  }
}

TEST(WorkerCount, ZeroMeansHardwareAndNeverBelowOne) {
  EXPECT_EQ(worker_count(3), 3u);
  EXPECT_GE(worker_count(0), 1u);
}

}  // namespace
}  // namespace cjm
