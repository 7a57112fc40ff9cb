#include "analysis/touchpoint_aggregator.h"

#include <algorithm>

#include "analysis/result.h"

namespace cjm {

TouchpointAggregator::TouchpointAggregator(const AggregatorContext& ctx)
    : customers_(ctx.table->events.size(), 0),
      exits_(ctx.table->events.size(), 0),
      stamp_(ctx.table->events.size(), 0) {}

void TouchpointAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  const auto& is_conversion = ctx.map->is_conversion;
  ++journeys_;  // stamps start at 1, so 0 means "never"
  bool converted = false;
  uint32_t last_mapped = Dictionary::kMissing;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    uint32_t e = event[i];
    if (is_conversion[e]) converted = true;
    if (stage[e] == kNoStage) continue;
    last_mapped = e;
    if (stamp_[e] != journeys_) {
      stamp_[e] = journeys_;
      ++customers_[e];
    }
  }
  if (!converted && last_mapped != Dictionary::kMissing) ++exits_[last_mapped];
}

void TouchpointAggregator::merge(const TouchpointAggregator& other) {
  for (size_t e = 0; e < customers_.size(); ++e) {
    customers_[e] += other.customers_[e];
    exits_[e] += other.exits_[e];
  }
}

std::vector<std::vector<StageTouchpoint>> TouchpointAggregator::finish(
    const AggregatorContext& ctx) const {
  std::vector<std::vector<StageTouchpoint>> out(static_cast<size_t>(ctx.stages));
  for (uint32_t e = 0; e < customers_.size(); ++e) {
    int16_t s = ctx.map->stage[e];
    if (s == kNoStage || customers_[e] == 0) continue;
    StageTouchpoint tp{ctx.table->events.at(e), customers_[e], exits_[e], {}, {}};
    if (const int32_t t = ctx.map->touchpoint[e]; t != kNoTouchpoint && ctx.spec != nullptr) {
      tp.control = ctx.spec->touchpoints[static_cast<size_t>(t)].control;
      tp.medium = ctx.spec->touchpoints[static_cast<size_t>(t)].medium;
    }
    out[static_cast<size_t>(s)].push_back(std::move(tp));
  }
  for (auto& list : out)
    std::sort(list.begin(), list.end(), [](const StageTouchpoint& a, const StageTouchpoint& b) {
      if (a.customers != b.customers) return a.customers > b.customers;
      return a.name < b.name;
    });
  return out;
}

void TouchpointAggregator::place(Result&& figures, SegmentResult& out) {
  for (size_t k = 0; k < out.stages.size(); ++k) out.stages[k].touchpoints = std::move(figures[k]);
}

}  // namespace cjm
