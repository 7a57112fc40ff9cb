// SegmentAggregator: every figure of one segment (all customers, or one
// persona), composed of the per-figure aggregators.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/attribution_aggregator.h"
#include "analysis/barrier_aggregator.h"
#include "analysis/conversion_aggregator.h"
#include "analysis/emotion_aggregator.h"
#include "analysis/funnel_aggregator.h"
#include "analysis/path_aggregator.h"
#include "analysis/reach_aggregator.h"
#include "analysis/result.h"
#include "analysis/retention_aggregator.h"
#include "analysis/shape_aggregator.h"
#include "analysis/touchpoint_aggregator.h"
#include "analysis/transition_aggregator.h"

namespace cjm {

class SegmentAggregator {
 public:
  explicit SegmentAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  // Consumes `journeys` in order, figure by figure: the same state as
  // consuming them one at a time, with each figure's code and state (and the
  // journeys' events) kept hot across the block.
  void consume(const AggregatorContext& ctx, std::span<const JourneyRef> journeys);
  // Folds `other` in. With threads > 1 the figures' merges run as parallel
  // tasks (they touch disjoint state); the result is the same.
  void merge(const SegmentAggregator& other, unsigned threads = 1);
  // The merge of `other` as independent tasks, one per figure, the longest
  // (the path tables) first: running them all, in any order and on any
  // threads, is merge(other). Both aggregators must outlive the tasks.
  std::vector<std::function<void()>> merge_tasks(const SegmentAggregator& other);
  // Completes work consume defers (see PathAggregator::flush); afterwards,
  // const calls do not modify the aggregator and may run on several threads.
  void settle() const;
  // `stage_ids`: the spec's stage ids, used to name stage transitions and
  // variants. With threads > 1 the figures are finished as parallel tasks;
  // the result is the same. Call settle() first when finishing on several
  // threads.
  SegmentResult finish(const AggregatorContext& ctx, const std::vector<std::string>& stage_ids,
                       unsigned threads = 1) const;

 private:
  ReachAggregator reach_;
  FunnelAggregator funnel_;
  TransitionAggregator transitions_;
  ShapeAggregator shape_;
  PathAggregator paths_;
  ConversionAggregator conversion_;
  EmotionAggregator emotion_;
  TouchpointAggregator touchpoints_;
  RetentionAggregator retention_;
  BarrierAggregator barriers_;
  AttributionAggregator attribution_;
};

}  // namespace cjm
