// Reach: customers and events per stage, plus the segment's totals
// (docs/analyses.md, "Reach").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"

namespace cjm {

struct ReachResult {
  uint64_t customers = 0;
  uint64_t events = 0;
  uint64_t unmapped_events = 0;
  std::vector<uint64_t> reached;       // per stage: customers with >= 1 event in it
  std::vector<uint64_t> stage_events;  // per stage: events in it
};

class ReachAggregator {
 public:
  using Result = ReachResult;

  explicit ReachAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const ReachAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  // Per stage, then one slot for unmapped events, so that counting an event
  // takes no branch (reached_ of that slot is not reported).
  uint64_t customers_ = 0, events_ = 0;
  std::vector<uint64_t> reached_, stage_events_;
  // Scratch: stamp_[k] == customers_ when stage k was seen in the current journey.
  std::vector<uint64_t> stamp_;
};

static_assert(Aggregator<ReachAggregator>);

}  // namespace cjm
