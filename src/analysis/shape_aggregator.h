// Shape: linear, backward and skip journeys over the collapsed stage sequence
// (docs/analyses.md, "Transitions", Shape).
#pragma once

#include "analysis/aggregator.h"
#include "analysis/result.h"

namespace cjm {

class ShapeAggregator {
 public:
  explicit ShapeAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const ShapeAggregator& other);
  Shape finish(const AggregatorContext& ctx) const;

 private:
  Shape shape_;
};

}  // namespace cjm
