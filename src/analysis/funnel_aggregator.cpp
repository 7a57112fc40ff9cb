#include "analysis/funnel_aggregator.h"

#include <algorithm>
#include <limits>

namespace cjm {

namespace {

constexpr int64_t kNone = std::numeric_limits<int64_t>::min();

// t - start for t >= start, without signed overflow.
uint64_t elapsed(int64_t start, int64_t t) {
  return static_cast<uint64_t>(t) - static_cast<uint64_t>(start);
}

}  // namespace

void FunnelAggregator::Chain::reset() {
  std::fill(start.begin(), start.end(), kNone);
}

void FunnelAggregator::Chain::feed(int step, int64_t t, const std::optional<int64_t>& window) {
  if (step == 0) {
    start[0] = t;  // the latest start is kept: it leaves the most room
    return;
  }
  int64_t s = start[static_cast<size_t>(step - 1)];
  if (s == kNone) return;
  if (window && elapsed(s, t) > static_cast<uint64_t>(*window)) return;
  start[static_cast<size_t>(step)] = s;
}

int FunnelAggregator::Chain::level() const {
  for (size_t i = start.size(); i > 0; --i)
    if (start[i - 1] != kNone) return static_cast<int>(i);
  return 0;
}

FunnelAggregator::FunnelAggregator(const AggregatorContext& ctx) {
  const size_t n = static_cast<size_t>(ctx.stages);
  closed_.assign(n, 0);
  open_.assign(n, 0);
  closed_unbounded_.assign(n, 0);
  open_unbounded_.assign(n, 0);
  for (Chain* c : {&closed_w_, &closed_u_, &open_w_, &open_u_}) c->start.assign(n, kNone);
}

void FunnelAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& time = ctx.table->time_us;
  const auto& stage = ctx.map->stage;
  const std::optional<int64_t> unbounded;

  // Entry stage: the lowest stage index the customer ever reached.
  int entry = ctx.stages;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    int s = stage[event[i]];
    if (s != kNoStage && s < entry) entry = s;
  }
  if (entry == ctx.stages) return;  // no mapped event: level 0 everywhere

  closed_w_.reset();
  closed_u_.reset();
  open_w_.reset();
  open_u_.reset();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    int s = stage[event[i]];
    if (s == kNoStage) continue;
    closed_w_.feed(s, time[i], ctx.window_us);
    closed_u_.feed(s, time[i], unbounded);
    open_w_.feed(s - entry, time[i], ctx.window_us);  // s >= entry always
    open_u_.feed(s - entry, time[i], unbounded);
  }
  for (int k = 0, l = closed_w_.level(); k < l; ++k) ++closed_[k];
  for (int k = 0, l = closed_u_.level(); k < l; ++k) ++closed_unbounded_[k];
  // Open: counted at steps entry .. entry + L - 1 only.
  for (int k = 0, l = open_w_.level(); k < l; ++k) ++open_[entry + k];
  for (int k = 0, l = open_u_.level(); k < l; ++k) ++open_unbounded_[entry + k];
}

void FunnelAggregator::merge(const FunnelAggregator& other) {
  for (size_t k = 0; k < closed_.size(); ++k) {
    closed_[k] += other.closed_[k];
    open_[k] += other.open_[k];
    closed_unbounded_[k] += other.closed_unbounded_[k];
    open_unbounded_[k] += other.open_unbounded_[k];
  }
}

Funnel FunnelAggregator::finish(const AggregatorContext& ctx) const {
  Funnel funnel;
  if (ctx.window_us) funnel.window_s = static_cast<double>(*ctx.window_us) / 1e6;
  funnel.closed = closed_;
  funnel.open = open_;
  funnel.closed_unbounded = closed_unbounded_;
  funnel.open_unbounded = open_unbounded_;
  return funnel;
}

}  // namespace cjm
