#include "analysis/reach_aggregator.h"

#include <algorithm>

#include "analysis/result.h"

namespace cjm {

ReachAggregator::ReachAggregator(const AggregatorContext& ctx)
    : reached_(static_cast<size_t>(ctx.stages) + 1, 0),
      stage_events_(static_cast<size_t>(ctx.stages) + 1, 0),
      stamp_(static_cast<size_t>(ctx.stages) + 1, 0) {}

void ReachAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  ++customers_;  // stamps start at 1 for the first journey, so 0 means "never"
  events_ += journey.end - journey.begin;
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  const size_t unmapped = stage_events_.size() - 1;
  uint64_t* stage_events = stage_events_.data();
  uint64_t* reached = reached_.data();
  uint64_t* stamp = stamp_.data();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const int16_t s = stage[event[i]];
    const size_t k = s == kNoStage ? unmapped : static_cast<size_t>(s);
    ++stage_events[k];
    reached[k] += stamp[k] != customers_;
    stamp[k] = customers_;
  }
}

void ReachAggregator::merge(const ReachAggregator& other) {
  customers_ += other.customers_;
  events_ += other.events_;
  for (size_t k = 0; k < reached_.size(); ++k) {
    reached_[k] += other.reached_[k];
    stage_events_[k] += other.stage_events_[k];
  }
  // Stamps must stay below any future value of customers_; clearing is enough.
  std::fill(stamp_.begin(), stamp_.end(), 0);
}

ReachResult ReachAggregator::finish(const AggregatorContext&) const {
  const size_t stages = reached_.size() - 1;
  return ReachResult{customers_, events_, stage_events_[stages],
                     std::vector<uint64_t>(reached_.begin(), reached_.begin() + stages),
                     std::vector<uint64_t>(stage_events_.begin(), stage_events_.begin() + stages)};
}

void ReachAggregator::place(Result&& figures, SegmentResult& out) {
  out.customers = figures.customers;
  out.events = figures.events;
  out.unmapped_events = figures.unmapped_events;
  for (size_t k = 0; k < out.stages.size(); ++k) {
    out.stages[k].reached = figures.reached[k];
    out.stages[k].events = figures.stage_events[k];
  }
}

}  // namespace cjm
