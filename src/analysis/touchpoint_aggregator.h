// Stage touchpoints: per stage, each event name mapped to it with the
// customers who had it and the exits it caused (StageResult::touchpoints in
// result.h): `exits` counts non-converted customers whose last mapped event is
// this touchpoint.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/result.h"

namespace cjm {

class TouchpointAggregator {
 public:
  using Result = std::vector<std::vector<StageTouchpoint>>;

  explicit TouchpointAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const TouchpointAggregator& other);
  // Per stage: touchpoints with >= 1 customer, by customers desc, then name.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  std::vector<uint64_t> customers_, exits_;  // per event id
  std::vector<uint64_t> stamp_;              // scratch: journey number that last saw the id
  uint64_t journeys_ = 0;
};

static_assert(Aggregator<TouchpointAggregator>);

}  // namespace cjm
