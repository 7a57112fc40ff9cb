// DurationList: the durations (microseconds) a figure collects, one per
// customer, for percentiles at finish.
//
// Values are stored in fixed-size chunks, so appending never moves what is
// already stored, and merging shares the other list's full chunks (they are
// never written again) instead of copying them: at 100M events a segment
// holds tens of millions of durations, and copying them on every growth and
// merge was a large share of the analysis' memory traffic. A duration of a
// whole number of seconds (all of them when the input's times have no
// fraction of a second) is kept as 4 bytes of seconds, any other as 8 bytes
// of microseconds: half the memory, which is first touched as it fills. The
// order of the values is not kept (statistics do not depend on it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "analysis/stats.h"

namespace cjm {

class DurationList {
 public:
  void push_back(int64_t v) {
    if (v % kMicrosPerSecond == 0) {
      const int64_t s = v / kMicrosPerSecond;
      if (s >= INT32_MIN && s <= INT32_MAX) {
        seconds_.push_back(static_cast<int32_t>(s));
        return;
      }
    }
    micros_.push_back(v);
  }
  // Adds every value of `other`.
  void append(const DurationList& other) {
    if (&other == this) {
      const DurationList copy = other;
      append(copy);
      return;
    }
    seconds_.append(other.seconds_);
    micros_.append(other.micros_);
  }
  size_t size() const { return seconds_.size() + micros_.size(); }
  bool empty() const { return size() == 0; }
  // The stored values, as contiguous runs (valid until the next change).
  DurationRuns runs() const {
    DurationRuns out;
    seconds_.runs(out.seconds);
    micros_.runs(out.micros);
    return out;
  }

  // Values per chunk.
  static constexpr size_t kChunk = size_t{1} << 16;

 private:
  static constexpr int64_t kMicrosPerSecond = 1'000'000;

  // Chunks of kChunk values of one type, shared once full.
  template <typename T>
  class Chunks {
   public:
    void push_back(T v) {
      if (tail_.size() == kChunk) seal();
      if (tail_.capacity() == 0) tail_.reserve(kChunk);
      tail_.push_back(v);
    }
    void append(const Chunks& other) {
      full_.insert(full_.end(), other.full_.begin(), other.full_.end());
      for (T v : other.tail_) push_back(v);
    }
    size_t size() const { return full_.size() * kChunk + tail_.size(); }
    void runs(std::vector<std::span<const T>>& out) const {
      out.reserve(full_.size() + 1);
      for (const auto& c : full_) out.emplace_back(*c);
      if (!tail_.empty()) out.emplace_back(tail_);
    }

   private:
    void seal() {
      full_.push_back(std::make_shared<const std::vector<T>>(std::move(tail_)));
      tail_ = {};
    }
    std::vector<std::shared_ptr<const std::vector<T>>> full_;  // kChunk values each
    std::vector<T> tail_;                                      // fewer than kChunk
  };

  Chunks<int32_t> seconds_;  // whole seconds
  Chunks<int64_t> micros_;   // microseconds
};

}  // namespace cjm
