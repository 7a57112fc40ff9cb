#include "analysis/shape_aggregator.h"

#include "analysis/result.h"

namespace cjm {

ShapeAggregator::ShapeAggregator(const AggregatorContext&) {}

void ShapeAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  int prev = kNoStage;
  bool mapped = false, backward = false, skip = false;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    int s = stage[event[i]];
    if (s == kNoStage) continue;
    mapped = true;
    if (prev != kNoStage && s != prev) {  // a pair of the collapsed sequence
      if (s < prev) backward = true;
      if (s > prev + 1) skip = true;
    }
    prev = s;
  }
  if (!mapped) return;
  ++shape_.journeys;
  if (backward) ++shape_.backward;
  if (skip) ++shape_.skip;
  if (!backward && !skip) ++shape_.linear;
}

void ShapeAggregator::merge(const ShapeAggregator& other) {
  shape_.journeys += other.shape_.journeys;
  shape_.linear += other.shape_.linear;
  shape_.backward += other.shape_.backward;
  shape_.skip += other.shape_.skip;
}

Shape ShapeAggregator::finish(const AggregatorContext&) const {
  return shape_;
}

void ShapeAggregator::place(Result&& figures, SegmentResult& out) {
  out.shape = figures;
}

}  // namespace cjm
