// SegmentAggregator: every figure of one segment (all customers, one persona,
// one period), composed of the per-figure aggregators held in one tuple.
// Construction, consumption, merging and finishing fold over the tuple, so
// adding a figure is adding its aggregator to `Figures`.
#pragma once

#include <functional>
#include <span>
#include <tuple>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/attribution_aggregator.h"
#include "analysis/barrier_aggregator.h"
#include "analysis/change_aggregator.h"
#include "analysis/conversion_aggregator.h"
#include "analysis/emotion_aggregator.h"
#include "analysis/funnel_aggregator.h"
#include "analysis/last_steps_aggregator.h"
#include "analysis/path_aggregator.h"
#include "analysis/paths_between_aggregator.h"
#include "analysis/reach_aggregator.h"
#include "analysis/result.h"
#include "analysis/retention_aggregator.h"
#include "analysis/shape_aggregator.h"
#include "analysis/touchpoint_aggregator.h"
#include "analysis/transition_aggregator.h"
#include "analysis/visit_aggregator.h"

namespace cjm {

class SegmentAggregator {
 public:
  // Every figure of a segment. Merges and finishes run as tasks in this
  // order, so the longest come first: the path tables, then the duration
  // lists of conversion, then attribution's chains.
  using Figures =
      std::tuple<PathAggregator, ConversionAggregator, AttributionAggregator, BarrierAggregator,
                 RetentionAggregator, TransitionAggregator, TouchpointAggregator, EmotionAggregator,
                 ReachAggregator, FunnelAggregator, ShapeAggregator, VisitAggregator,
                 ChangeAggregator, LastStepsAggregator, PathsBetweenAggregator>;

  explicit SegmentAggregator(const AggregatorContext& ctx);
  // Consumes `journeys` (in the spec's unit) into every figure that counts
  // journeys, in order, figure by figure: the same state as consuming them
  // one at a time, with each figure's code and state (and the journeys'
  // events) kept hot across the block.
  void consume(const AggregatorContext& ctx, std::span<const JourneyRef> journeys);
  // Consumes whole customer journeys into every figure about customers
  // across their visits (kPerCustomer).
  void consume_customers(const AggregatorContext& ctx, std::span<const JourneyRef> customers);
  // Both: when the unit is the customer, a journey is both.
  void consume_all(const AggregatorContext& ctx, std::span<const JourneyRef> journeys) {
    consume(ctx, journeys);
    consume_customers(ctx, journeys);
  }
  void consume_all(const AggregatorContext& ctx, const JourneyRef& journey) {
    consume_all(ctx, std::span<const JourneyRef>(&journey, 1));
  }
  // Folds `other` in. With threads > 1 the figures' merges run as parallel
  // tasks (they touch disjoint state); the result is the same.
  void merge(const SegmentAggregator& other, unsigned threads = 1);
  // The merge of `other` as independent tasks, one per figure, the longest
  // first: running them all, in any order and on any threads, is
  // merge(other). Both aggregators must outlive the tasks.
  std::vector<std::function<void()>> merge_tasks(const SegmentAggregator& other);
  // The segment's figures. With ctx.threads > 1 the figures are finished as
  // parallel tasks; the result is the same. Does not modify the aggregator,
  // so several segments may be finished at once from shared aggregators.
  SegmentResult finish(const AggregatorContext& ctx) const;

 private:
  Figures figures_;
};

}  // namespace cjm
