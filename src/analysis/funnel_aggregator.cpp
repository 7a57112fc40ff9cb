#include "analysis/funnel_aggregator.h"

#include <algorithm>

#include "analysis/result.h"

namespace cjm {

void FunnelAggregator::Chain::reset() {
  std::fill(start.begin(), start.end(), kNone);
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
  const uint32_t* event = ctx.table->event.data();
  const int64_t* time = ctx.table->time_us.data();
  const int16_t* stage = ctx.map->stage.data();

  // Entry stage: the lowest stage index the customer ever reached (kNoStage,
  // -1, is the largest as unsigned).
  unsigned entry = static_cast<unsigned>(ctx.stages);
  for (uint64_t i = journey.begin; i < journey.end; ++i)
    entry = std::min<unsigned>(entry, static_cast<uint16_t>(stage[event[i]]));
  if (entry == static_cast<unsigned>(ctx.stages)) return;  // no mapped event: level 0 everywhere

  closed_w_.reset();
  closed_u_.reset();
  open_w_.reset();
  open_u_.reset();
  // Without a window, no elapsed time exceeds the largest one.
  const uint64_t window = ctx.window_us ? static_cast<uint64_t>(*ctx.window_us) : UINT64_MAX;
  int64_t* closed_w = closed_w_.start.data();
  int64_t* closed_u = closed_u_.start.data();
  int64_t* open_w = open_w_.start.data();
  int64_t* open_u = open_u_.start.data();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const int s = stage[event[i]];
    if (s == kNoStage) continue;
    const int64_t t = time[i];
    Chain::feed(closed_w, s, t, window);
    Chain::feed(closed_u, s, t, UINT64_MAX);
    Chain::feed(open_w, s - static_cast<int>(entry), t, window);  // s >= entry always
    Chain::feed(open_u, s - static_cast<int>(entry), t, UINT64_MAX);
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

void FunnelAggregator::place(Result&& figures, SegmentResult& out) {
  out.funnel = std::move(figures);
}

}  // namespace cjm
