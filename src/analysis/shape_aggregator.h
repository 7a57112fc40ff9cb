// Shape: linear, backward and skip journeys over the collapsed stage sequence
// (docs/analyses.md, "Transitions", Shape).
#pragma once

#include "analysis/aggregator.h"
#include "analysis/result.h"

namespace cjm {

class ShapeAggregator {
 public:
  using Result = Shape;

  explicit ShapeAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const ShapeAggregator& other);
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  Shape shape_;
};

static_assert(Aggregator<ShapeAggregator>);

}  // namespace cjm
