// Parallel loops over index ranges, for the few places that split plain array
// work over the cores (the analyses have their own driver).
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace cjm {

// Number of worker threads to use: `requested`, or the hardware concurrency
// when 0; at least 1.
inline unsigned worker_count(unsigned requested = 0) {
  unsigned n = requested != 0 ? requested : std::thread::hardware_concurrency();
  return std::max(1u, n);
}

// Calls f(lo, hi) on `threads` contiguous parts of [0, n), in parallel (the
// calling thread takes the first part). Parts may be empty. Rethrows the first
// exception a part threw, after all parts have finished.
template <typename F>
void parallel_ranges(size_t n, unsigned threads, F&& f) {
  threads = std::max(1u, threads);
  if (threads == 1 || n < 2) {
    f(size_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  auto part = [&](unsigned t) {
    const size_t lo = n * t / threads, hi = n * (t + 1) / threads;
    try {
      f(lo, hi);
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

}  // namespace cjm
