// The paths between two events (spec `paths: {from, to}`, or --from/--to):
// per journey with a `from` event followed later by a `to` event, the
// touchpoints from its first `from` to the first `to` after it, consecutive
// repeats collapsed; journeys with `from`, with the path, and the time it
// took (docs/analyses.md, "Path questions").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/duration_list.h"
#include "analysis/path_counts.h"
#include "analysis/result.h"

namespace cjm {

class PathsBetweenAggregator {
 public:
  using Result = PathsBetween;

  explicit PathsBetweenAggregator(const AggregatorContext& ctx);
  // Does nothing when no question is asked (ctx.map->is_path_from empty).
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const PathsBetweenAggregator& other);
  // `asked`, `from` and `to` come from ctx.spec->paths.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  uint64_t with_from_ = 0, with_path_ = 0;
  DurationList time_us_;  // one per journey with the path
  PathCounts paths_;
  std::vector<uint32_t> scratch_;  // reused: no allocation per journey
};

static_assert(Aggregator<PathsBetweenAggregator>);

}  // namespace cjm
