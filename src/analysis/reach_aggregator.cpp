#include "analysis/reach_aggregator.h"

#include <algorithm>

namespace cjm {

ReachAggregator::ReachAggregator(const AggregatorContext& ctx)
    : reached_(static_cast<size_t>(ctx.stages), 0),
      stage_events_(static_cast<size_t>(ctx.stages), 0),
      stamp_(static_cast<size_t>(ctx.stages), 0) {}

void ReachAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  ++customers_;  // stamps start at 1 for the first journey, so 0 means "never"
  events_ += journey.end - journey.begin;
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    int16_t s = stage[event[i]];
    if (s == kNoStage) {
      ++unmapped_events_;
      continue;
    }
    ++stage_events_[s];
    if (stamp_[s] != customers_) {
      stamp_[s] = customers_;
      ++reached_[s];
    }
  }
}

void ReachAggregator::merge(const ReachAggregator& other) {
  customers_ += other.customers_;
  events_ += other.events_;
  unmapped_events_ += other.unmapped_events_;
  for (size_t k = 0; k < reached_.size(); ++k) {
    reached_[k] += other.reached_[k];
    stage_events_[k] += other.stage_events_[k];
  }
  // Stamps must stay below any future value of customers_; clearing is enough.
  std::fill(stamp_.begin(), stamp_.end(), 0);
}

ReachResult ReachAggregator::finish(const AggregatorContext&) const {
  return ReachResult{customers_, events_, unmapped_events_, reached_, stage_events_};
}

}  // namespace cjm
