// DurationList: the durations (microseconds) a figure collects, one per
// customer, for percentiles at finish.
//
// Values are stored in fixed-size chunks, so appending never moves what is
// already stored, and merging shares the other list's full chunks (they are
// never written again) instead of copying them: at 100M events a segment
// holds tens of millions of durations, and copying them on every growth and
// merge was a large share of the analysis' memory traffic. The order of the
// values is not kept (statistics do not depend on it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace cjm {

class DurationList {
 public:
  void push_back(int64_t v) {
    if (tail_.size() == kChunk) seal();
    if (tail_.capacity() == 0) tail_.reserve(kChunk);
    tail_.push_back(v);
  }
  // Adds every value of `other`.
  void append(const DurationList& other) {
    if (&other == this) {
      const DurationList copy = other;
      append(copy);
      return;
    }
    full_.insert(full_.end(), other.full_.begin(), other.full_.end());
    for (int64_t v : other.tail_) push_back(v);
  }
  size_t size() const { return full_.size() * kChunk + tail_.size(); }
  bool empty() const { return size() == 0; }
  // The stored values, as contiguous runs (valid until the next change).
  std::vector<std::span<const int64_t>> runs() const {
    std::vector<std::span<const int64_t>> out;
    out.reserve(full_.size() + 1);
    for (const auto& c : full_) out.emplace_back(*c);
    if (!tail_.empty()) out.emplace_back(tail_);
    return out;
  }

  // Values per chunk: 512 KiB.
  static constexpr size_t kChunk = size_t{1} << 16;

 private:
  void seal() {
    full_.push_back(std::make_shared<const std::vector<int64_t>>(std::move(tail_)));
    tail_ = {};
  }

  std::vector<std::shared_ptr<const std::vector<int64_t>>> full_;  // kChunk values each
  std::vector<int64_t> tail_;                                      // fewer than kChunk
};

}  // namespace cjm
