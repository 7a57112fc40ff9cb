// Paths: stage variants (collapsed stage sequences) and touchpoint paths
// (event names, consecutive repeats collapsed), with customers, converted
// and each step's range of repeats (analysis/repeat_ranges.h) per distinct
// sequence; top N reported, each with its readable label
// (analysis/path_label.h; docs/analyses.md, "Paths").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/packed_table.h"
#include "analysis/repeat_ranges.h"
#include "analysis/result.h"
#include "analysis/sequence_counter.h"
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
  using Result = PathResult;

  explicit PathAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  // Consumes `journeys` in batches whose table slots are prefetched before
  // they are counted; every journey is counted before it returns.
  void consume(const AggregatorContext& ctx, std::span<const JourneyRef> journeys);
  void merge(const PathAggregator& other);
  // Variants are named by ctx.stage_ids.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // Customers are counted once per table and have 32-bit ids, so no count
  // exceeds 2^32 - 1: 32 bits keep a packed slot at 32 bytes. `repeats` is
  // the offset of the sequence's ranges in its kind's RepeatRanges; a slot
  // with no customers is new.
  struct Counts {
    uint32_t customers = 0, converted = 0;
    uint32_t repeats = RepeatRanges::kNone;
  };
  using Table = SequenceTable<Counts>;
  using Packed = PackedTable<Counts>;
  // The counts of one kind of key (touchpoint paths, or stage variants): a
  // key is counted in exactly one of the two tables, packed if it packs.
  using Sequences = SequenceCounter<Counts>;
  // One kind of key: its counts and its steps' repeat ranges.
  struct Kind {
    Sequences seqs;
    RepeatRanges repeats;
    void merge(const Kind& other);
  };
  // One key of a consumed journey, not counted yet. A key that packs (most
  // do) is held here; one that does not is in pending_ids_. Length 0: no key.
  struct PendingKey {
    PackedKey packed;
    uint64_t hash = 0;
    uint32_t length = 0;
    bool is_packed = false;
  };
  // A consumed journey: its ids, when a key does not pack, are the next
  // path.length, then variant.length ids of pending_ids_; its repeat counts
  // are the next path.length, then variant.length of pending_repeats_.
  struct Pending {
    PendingKey path, variant;
    bool converted = false;
  };
  // Journeys counted together: their index slots are prefetched at consume
  // time and are mostly in cache by the time the batch is counted.
  static constexpr size_t kBatch = 32;

  // Builds the keys of one journey and queues them, their slots prefetched.
  void prepare(const AggregatorContext& ctx, const JourneyRef& journey);
  // The pending key of `ids` in `s`, its slot prefetched (and its ids queued
  // when it does not pack).
  PendingKey prepare_key(const Kind& kind, const std::vector<uint32_t>& ids,
                         const std::vector<uint16_t>& repeats);
  // Counts the queued journeys.
  void flush();
  // Counts pending key `k` in `kind`; `ids` points at its queued ids, if
  // any, and `repeats` at its repeat counts; both are advanced past them.
  static void count(Kind& kind, const PendingKey& k, const uint32_t*& ids, const uint16_t*& repeats,
                    bool converted);

  Kind paths_, variants_;
  // Journeys of the current block not counted yet; empty between calls.
  std::vector<uint32_t> pending_ids_;
  std::vector<uint16_t> pending_repeats_;
  std::vector<Pending> pending_;
  // Reused key buffers: no allocation per journey.
  std::vector<uint32_t> path_scratch_, variant_scratch_;
  std::vector<uint16_t> path_repeats_, variant_repeats_;
};

static_assert(Aggregator<PathAggregator>);

// Sorts by customers descending, then steps lexicographically, and keeps the
// first `top_n`.
void sort_and_cut_paths(std::vector<PathStat>& paths, size_t top_n);

}  // namespace cjm
