// Paths: stage variants (collapsed stage sequences) and touchpoint paths
// (event names, consecutive repeats collapsed), with customers and converted
// per distinct sequence; top N reported (docs/analyses.md, "Paths").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/packed_table.h"
#include "analysis/result.h"
#include "analysis/sequence_table.h"

namespace cjm {

struct PathResult {
  std::vector<PathStat> stage_variants;    // top N by customers desc, then steps
  std::vector<PathStat> touchpoint_paths;  // same order
};

// Aggregators that are merged together must share one context: keys are
// packed for its number of event names and stages.
class PathAggregator {
 public:
  explicit PathAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const PathAggregator& other);
  // `stage_ids`: the spec's stage ids, the names variants are reported by.
  PathResult finish(const AggregatorContext& ctx, const std::vector<std::string>& stage_ids) const;
  // Counts the journeys still pending (consume counts them in batches).
  // Const (and the state mutable) because merge and finish must see them
  // too; the result does not depend on when it runs. Once flushed, const
  // calls do not modify the aggregator and may run on several threads.
  void flush() const;

 private:
  // Customers are counted once per table and have 32-bit ids, so no count
  // exceeds 2^32 - 1: 32 bits keep a packed slot at 24 bytes.
  struct Counts {
    uint32_t customers = 0, converted = 0;
  };
  using Table = SequenceTable<Counts>;
  using Packed = PackedTable<Counts>;
  // A consumed journey whose keys are not counted yet. A key that packs
  // (most do) is held here; one that does not is in pending_ids_ (the next
  // path_length, then variant_length ids). A length of 0: no key.
  struct Pending {
    PackedKey path_key, variant_key;
    uint64_t path_hash = 0, variant_hash = 0;
    uint32_t path_length = 0, variant_length = 0;
    bool path_packed = false, variant_packed = false;
    bool converted = false;
  };
  // Journeys counted together: their index slots are prefetched at consume
  // time and are mostly in cache by the time the batch is counted.
  static constexpr size_t kBatch = 32;

  static void merge_into(Table& into, const Table& other);
  static void merge_into(Packed& into, const Packed& other);

  unsigned path_bits_ = 1, variant_bits_ = 1;  // field width of packed keys
  // Each key is counted in exactly one of the two tables: packed if it packs.
  mutable Packed packed_variants_, packed_paths_;
  mutable Table variants_, paths_;
  mutable std::vector<uint32_t> pending_ids_;
  mutable std::vector<Pending> pending_;
  // Reused key buffers: no allocation per journey.
  std::vector<uint32_t> path_scratch_, variant_scratch_;
};

// Sorts by customers descending, then steps lexicographically, and keeps the
// first `top_n`.
void sort_and_cut_paths(std::vector<PathStat>& paths, size_t top_n);

}  // namespace cjm
