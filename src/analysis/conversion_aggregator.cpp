#include "analysis/conversion_aggregator.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "analysis/result.h"
#include "analysis/stats.h"
#include "core/parallel.h"

namespace cjm {

ConversionAggregator::ConversionAggregator(const AggregatorContext& ctx)
    : from_previous_us_(static_cast<size_t>(ctx.stages)),
      first_time_(static_cast<size_t>(ctx.stages), 0),
      seen_(static_cast<size_t>(ctx.stages), 0),
      done_(static_cast<size_t>(ctx.stages), 0) {}

void ConversionAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  if (journey.begin == journey.end) return;
  const auto& event = ctx.table->event;
  const auto& time = ctx.table->time_us;
  const auto& stage = ctx.map->stage;
  const auto& is_conversion = ctx.map->is_conversion;

  // One pass: the time to convert (first conversion event minus the
  // journey's first event), and the time between stages k-1 -> k: the first
  // stage-k event after the first stage-(k-1) event. Every event seen before
  // position i is at an earlier position, so "after" is "stage k-1 already
  // seen when stage k shows up".
  std::fill(seen_.begin(), seen_.end(), 0);
  std::fill(done_.begin(), done_.end(), 0);
  bool converted = false;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const uint32_t e = event[i];
    if (!converted && is_conversion[e]) {
      converted = true;
      ++converted_;
      to_convert_us_.push_back(time[i] - time[journey.begin]);
    }
    const int s = stage[e];
    if (s == kNoStage) continue;
    if (s > 0 && !done_[s] && seen_[s - 1]) {
      done_[s] = 1;
      from_previous_us_[s].push_back(time[i] - first_time_[s - 1]);
    }
    if (!seen_[s]) {
      seen_[s] = 1;
      first_time_[s] = time[i];
    }
  }
}

void ConversionAggregator::merge(const ConversionAggregator& other) {
  converted_ += other.converted_;
  to_convert_us_.append(other.to_convert_us_);
  for (size_t k = 0; k < from_previous_us_.size(); ++k)
    from_previous_us_[k].append(other.from_previous_us_[k]);
}

ConversionResult ConversionAggregator::finish(const AggregatorContext& ctx) const {
  ConversionResult r;
  r.converted = converted_;
  r.time_from_previous_s.resize(from_previous_us_.size());
  std::vector<std::function<void()>> tasks;
  tasks.push_back([&] { r.time_to_convert_s = duration_stats_s(to_convert_us_.runs()); });
  for (size_t k = 0; k < from_previous_us_.size(); ++k)
    tasks.push_back(
        [&, k] { r.time_from_previous_s[k] = duration_stats_s(from_previous_us_[k].runs()); });
  run_tasks(tasks, ctx.threads);
  return r;
}

void ConversionAggregator::place(Result&& figures, SegmentResult& out) {
  out.converted = figures.converted;
  out.time_to_convert_s = figures.time_to_convert_s;
  for (size_t k = 0; k < out.stages.size(); ++k)
    out.stages[k].time_from_previous_s = figures.time_from_previous_s[k];
}

}  // namespace cjm
