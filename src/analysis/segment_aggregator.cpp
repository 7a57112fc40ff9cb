#include "analysis/segment_aggregator.h"

#include <functional>
#include <vector>

#include "core/parallel.h"

namespace cjm {

SegmentAggregator::SegmentAggregator(const AggregatorContext& ctx)
    : reach_(ctx),
      funnel_(ctx),
      transitions_(ctx),
      shape_(ctx),
      paths_(ctx),
      conversion_(ctx),
      emotion_(ctx),
      touchpoints_(ctx),
      retention_(ctx),
      barriers_(ctx),
      attribution_(ctx) {}

void SegmentAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  consume(ctx, std::span<const JourneyRef>(&journey, 1));
}

void SegmentAggregator::consume(const AggregatorContext& ctx,
                                std::span<const JourneyRef> journeys) {
  for (const JourneyRef& j : journeys) reach_.consume(ctx, j);
  for (const JourneyRef& j : journeys) funnel_.consume(ctx, j);
  for (const JourneyRef& j : journeys) transitions_.consume(ctx, j);
  for (const JourneyRef& j : journeys) shape_.consume(ctx, j);
  for (const JourneyRef& j : journeys) paths_.consume(ctx, j);
  for (const JourneyRef& j : journeys) conversion_.consume(ctx, j);
  for (const JourneyRef& j : journeys) emotion_.consume(ctx, j);
  for (const JourneyRef& j : journeys) touchpoints_.consume(ctx, j);
  for (const JourneyRef& j : journeys) retention_.consume(ctx, j);
  for (const JourneyRef& j : journeys) barriers_.consume(ctx, j);
  for (const JourneyRef& j : journeys) attribution_.consume(ctx, j);
}

void SegmentAggregator::settle() const {
  paths_.flush();
}

std::vector<std::function<void()>> SegmentAggregator::merge_tasks(const SegmentAggregator& other) {
  return {
      [this, &other] { paths_.merge(other.paths_); },
      [this, &other] { conversion_.merge(other.conversion_); },
      [this, &other] { attribution_.merge(other.attribution_); },
      [this, &other] { barriers_.merge(other.barriers_); },
      [this, &other] { retention_.merge(other.retention_); },
      [this, &other] { transitions_.merge(other.transitions_); },
      [this, &other] { touchpoints_.merge(other.touchpoints_); },
      [this, &other] { emotion_.merge(other.emotion_); },
      [this, &other] { reach_.merge(other.reach_); },
      [this, &other] { funnel_.merge(other.funnel_); },
      [this, &other] { shape_.merge(other.shape_); },
  };
}

void SegmentAggregator::merge(const SegmentAggregator& other, unsigned threads) {
  run_tasks(merge_tasks(other), threads);
}

SegmentResult SegmentAggregator::finish(const AggregatorContext& ctx,
                                        const std::vector<std::string>& stage_ids,
                                        unsigned threads) const {
  SegmentResult r;
  ReachResult reach;
  ConversionResult conversion;
  std::vector<Emotion> emotion;
  std::vector<std::vector<StageTouchpoint>> touchpoints;
  TransitionResult transitions;
  PathResult paths;
  // Each task writes its own figures; conversion (duration statistics over
  // every journey) and paths (top N of millions) are the longest.
  run_tasks({
                [&] { conversion = conversion_.finish(ctx, threads); },
                [&] { paths = paths_.finish(ctx, stage_ids); },
                [&] { r.attribution = attribution_.finish(ctx); },
                [&] { r.retention = retention_.finish(ctx); },
                [&] { r.barriers = barriers_.finish(ctx); },
                [&] {
                  reach = reach_.finish(ctx);
                  emotion = emotion_.finish(ctx);
                  touchpoints = touchpoints_.finish(ctx);
                  r.funnel = funnel_.finish(ctx);
                  transitions = transitions_.finish(ctx, stage_ids);
                  r.shape = shape_.finish(ctx);
                },
            },
            threads);
  r.customers = reach.customers;
  r.events = reach.events;
  r.unmapped_events = reach.unmapped_events;
  r.stages.resize(static_cast<size_t>(ctx.stages));
  for (size_t k = 0; k < r.stages.size(); ++k) {
    StageResult& s = r.stages[k];
    s.reached = reach.reached[k];
    s.events = reach.stage_events[k];
    s.time_from_previous_s = conversion.time_from_previous_s[k];
    s.emotion = std::move(emotion[k]);
    s.touchpoints = std::move(touchpoints[k]);
  }
  r.stage_transitions = std::move(transitions.stage);
  r.touchpoint_transitions = std::move(transitions.touchpoint);
  r.stage_variants = std::move(paths.stage_variants);
  r.touchpoint_paths = std::move(paths.touchpoint_paths);
  r.converted = conversion.converted;
  r.time_to_convert_s = conversion.time_to_convert_s;
  return r;
}

}  // namespace cjm
