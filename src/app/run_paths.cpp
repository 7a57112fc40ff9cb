#include "app/run_paths.h"

#include "analysis/attribution_aggregator.h"
#include "app/input_limits.h"

namespace cjm {

AttributionResult attribute_paths(const JourneySpec& spec, const PathsInput& input) {
  EventTable table;
  table.events = input.touchpoints;
  const EventMap map = map_events(table.events, spec);
  AggregatorContext ctx;
  ctx.table = &table;
  ctx.map = &map;
  ctx.spec = &spec;
  ctx.stages = static_cast<int>(spec.stages.size());
  AttributionAggregator agg(ctx);
  agg.disable_time_decay();
  for (const AggregatedPath& p : input.paths)
    agg.add_path(p.touches, {}, {}, 0, p.conversions, p.value_e4, p.nulls);
  return agg.finish(ctx);
}

AnalysisResult run_paths_analysis(const JourneySpec& spec, const RunOptions& options) {
  const ReadOptions read = read_options(spec, options);
  ReadReport report;
  const PathsInput input = read_paths(read, report);
  // Every name of a path is a touch (paths hold no conversion events).
  check_name_limits(spec, options.events_path, input.touchpoints,
                    std::vector<uint8_t>(input.touchpoints.size(), 0), Dictionary(),
                    options.limits);
  if (options.report_to_stderr) report_rejects(options.events_path, options.rejects_path, report);

  AnalysisResult result;
  result.journey_name = spec.name;
  for (const auto& s : spec.stages) result.stages.push_back(StageInfo{s.id, s.name});
  result.all.stages.resize(spec.stages.size());
  result.all.funnel.closed.assign(spec.stages.size(), 0);
  result.all.funnel.open.assign(spec.stages.size(), 0);
  result.all.funnel.closed_unbounded.assign(spec.stages.size(), 0);
  result.all.funnel.open_unbounded.assign(spec.stages.size(), 0);
  result.all.attribution = attribute_paths(spec, input);
  fill_input_summary(result, options, report);
  return result;
}

}  // namespace cjm
