// PathCounts: journeys per distinct path of event ids, mergeable exactly;
// the counter behind the path questions (paths between two events, last
// steps). The caller collapses a path's consecutive repeats before adding it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analysis/path_question_result.h"
#include "analysis/sequence_counter.h"

namespace cjm {

class PathCounts {
 public:
  // Paths of ids below `names` (the number of distinct event names).
  explicit PathCounts(size_t names);
  // Counts one journey with `path` (not empty).
  void add(std::span<const uint32_t> path) { ++counter_[path]; }
  // Adds the counts of `other` (built for the same number of names).
  void merge(const PathCounts& other);
  // The first `top_n` paths by journeys descending, then steps (as strings),
  // named by `names` and labelled.
  std::vector<PathCount> top(const std::vector<std::string>& names, size_t top_n) const;

 private:
  SequenceCounter<uint64_t> counter_;
};

// Appends event `e` to `path` unless it repeats the last one.
inline void append_collapsed(std::vector<uint32_t>& path, uint32_t e) {
  if (path.empty() || path.back() != e) path.push_back(e);
}

}  // namespace cjm
