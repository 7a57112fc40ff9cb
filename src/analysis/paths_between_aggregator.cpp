#include "analysis/paths_between_aggregator.h"

#include "analysis/stats.h"

namespace cjm {

PathsBetweenAggregator::PathsBetweenAggregator(const AggregatorContext& ctx)
    : paths_(ctx.table != nullptr ? ctx.table->events.size() : 0) {}

void PathsBetweenAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& from = ctx.map->is_path_from;
  if (from.empty()) return;
  const auto& to = ctx.map->is_path_to;
  const auto& event = ctx.table->event;
  uint64_t first = journey.begin;
  while (first < journey.end && !from[event[first]]) ++first;
  if (first == journey.end) return;
  ++with_from_;
  // A `to` strictly after the first `from` (an event matching both does not
  // end the path it starts). No `to` after the first `from` means none after
  // any later `from` either.
  scratch_.clear();
  scratch_.push_back(event[first]);
  for (uint64_t i = first + 1; i < journey.end; ++i) {
    const uint32_t e = event[i];
    append_collapsed(scratch_, e);
    if (!to[e]) continue;
    ++with_path_;
    time_us_.push_back(ctx.table->time_us[i] - ctx.table->time_us[first]);
    paths_.add(scratch_);
    return;
  }
}

void PathsBetweenAggregator::merge(const PathsBetweenAggregator& other) {
  with_from_ += other.with_from_;
  with_path_ += other.with_path_;
  time_us_.append(other.time_us_);
  paths_.merge(other.paths_);
}

PathsBetween PathsBetweenAggregator::finish(const AggregatorContext& ctx) const {
  PathsBetween r;
  if (ctx.spec == nullptr || ctx.spec->paths.from.empty()) return r;
  r.asked = true;
  r.from = ctx.spec->paths.from;
  r.to = ctx.spec->paths.to;
  r.with_from = with_from_;
  r.with_path = with_path_;
  r.time_s = duration_stats_s(time_us_.runs());
  r.paths = paths_.top(ctx.table->events.strings(), ctx.top_n);
  return r;
}

void PathsBetweenAggregator::place(Result&& figures, SegmentResult& out) {
  out.paths_between = std::move(figures);
}

}  // namespace cjm
