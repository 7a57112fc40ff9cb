// The last steps before leaving: per journey with no conversion event, its
// last kSteps touchpoints, consecutive repeats collapsed (fewer when the
// journey has fewer); the journeys per such path (docs/analyses.md, "Path
// questions").
#pragma once

#include <cstddef>
#include <cstdint>

#include "analysis/aggregator.h"
#include "analysis/path_counts.h"
#include "analysis/result.h"

namespace cjm {

class LastStepsAggregator {
 public:
  using Result = LastSteps;
  // How many steps are kept.
  static constexpr size_t kSteps = 3;

  explicit LastStepsAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const LastStepsAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  uint64_t journeys_ = 0;
  PathCounts paths_;
};

static_assert(Aggregator<LastStepsAggregator>);

}  // namespace cjm
