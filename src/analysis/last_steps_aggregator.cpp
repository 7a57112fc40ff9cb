#include "analysis/last_steps_aggregator.h"

#include <algorithm>
#include <span>

namespace cjm {

LastStepsAggregator::LastStepsAggregator(const AggregatorContext& ctx)
    : paths_(ctx.table != nullptr ? ctx.table->events.size() : 0) {}

void LastStepsAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  if (journey.begin == journey.end) return;
  const auto& event = ctx.table->event;
  const auto& is_conversion = ctx.map->is_conversion;
  // One pass backwards from the end: the steps that differ from the one
  // after them, until kSteps are taken, and a conversion anywhere ends the
  // journey's count (most converting journeys convert near their end, so
  // they are left after a few events).
  uint32_t last[kSteps];
  size_t n = 0;
  for (uint64_t i = journey.end; i-- > journey.begin;) {
    const uint32_t e = event[i];
    if (is_conversion[e]) return;
    if (n == kSteps || (n > 0 && last[n - 1] == e)) continue;
    last[n++] = e;
  }
  ++journeys_;
  std::reverse(last, last + n);
  paths_.add(std::span<const uint32_t>(last, n));
}

void LastStepsAggregator::merge(const LastStepsAggregator& other) {
  journeys_ += other.journeys_;
  paths_.merge(other.paths_);
}

LastSteps LastStepsAggregator::finish(const AggregatorContext& ctx) const {
  LastSteps r;
  r.steps = kSteps;
  r.journeys = journeys_;
  r.paths = paths_.top(ctx.table->events.strings(), ctx.top_n);
  return r;
}

void LastStepsAggregator::place(Result&& figures, SegmentResult& out) {
  out.last_steps = std::move(figures);
}

}  // namespace cjm
