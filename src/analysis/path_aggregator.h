// Paths: stage variants (collapsed stage sequences) and touchpoint paths
// (event names, consecutive repeats collapsed), with customers and converted
// per distinct sequence; top N reported (docs/analyses.md, "Paths").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/result.h"
#include "analysis/sequence_table.h"

namespace cjm {

struct PathResult {
  std::vector<PathStat> stage_variants;    // top N by customers desc, then steps
  std::vector<PathStat> touchpoint_paths;  // same order
};

class PathAggregator {
 public:
  explicit PathAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const PathAggregator& other);
  // `stage_ids`: the spec's stage ids, the names variants are reported by.
  PathResult finish(const AggregatorContext& ctx, const std::vector<std::string>& stage_ids) const;

 private:
  struct Counts {
    uint64_t customers = 0, converted = 0;
  };
  using Table = SequenceTable<Counts>;
  static void add(Table& table, const std::vector<uint32_t>& key, bool converted);
  static void merge_into(Table& into, const Table& other);

  Table variants_, paths_;
  // Reused key buffers: no allocation per journey.
  std::vector<uint32_t> path_scratch_, variant_scratch_;
};

// Sorts by customers descending, then steps lexicographically, and keeps the
// first `top_n`.
void sort_and_cut_paths(std::vector<PathStat>& paths, size_t top_n);

}  // namespace cjm
