// Parallel loops over index ranges, for the few places that split plain array
// work over the cores (the analyses have their own driver).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace cjm {

// Number of worker threads to use: `requested`, or the hardware concurrency
// when 0; at least 1.
inline unsigned worker_count(unsigned requested = 0) {
  unsigned n = requested != 0 ? requested : std::thread::hardware_concurrency();
  return std::max(1u, n);
}

// Calls f(part, lo, hi) on `threads` contiguous parts of [0, n), part t
// being [n*t/threads, n*(t+1)/threads), in parallel (the calling thread takes
// the first part). Parts may be empty; with one thread or n < 2 there is one
// call, f(0, 0, n). `part` indexes per-part state. Rethrows the first
// exception a part threw (in part order), after all parts have finished.
template <typename F>
void parallel_parts(size_t n, unsigned threads, F&& f) {
  threads = std::max(1u, threads);
  if (threads == 1 || n < 2) {
    f(0u, size_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  auto part = [&](unsigned t) {
    const size_t lo = n * t / threads, hi = n * (t + 1) / threads;
    try {
      f(t, lo, hi);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(part, t);
  part(0);
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// The same without the part index: f(lo, hi).
template <typename F>
void parallel_ranges(size_t n, unsigned threads, F&& f) {
  parallel_parts(n, threads, [&](unsigned, size_t lo, size_t hi) { f(lo, hi); });
}

// Runs `tasks` on `threads` threads (the caller's included), each thread
// taking the next task not yet started: list the longest first. When tasks
// throw, the exception of the earliest such task in the list is rethrown,
// after every task has finished.
inline void run_tasks(const std::vector<std::function<void()>>& tasks, unsigned threads) {
  std::vector<std::exception_ptr> errors(tasks.size());
  std::atomic<size_t> next{0};
  parallel_ranges(std::max<size_t>(1, std::min<size_t>(threads, tasks.size())),
                  std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(tasks.size()))),
                  [&](size_t, size_t) {
                    for (size_t i = next++; i < tasks.size(); i = next++) {
                      try {
                        tasks[i]();
                      } catch (...) {
                        errors[i] = std::current_exception();
                      }
                    }
                  });
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace cjm
