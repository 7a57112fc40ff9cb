#include "analysis/analyze.h"

#include <algorithm>
#include <exception>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <tuple>

#include "analysis/aggregator.h"
#include "analysis/persona_comparison.h"
#include "analysis/persona_filter.h"
#include "analysis/segment_aggregator.h"
#include "core/error.h"

namespace cjm {

namespace {

AggregatorContext make_context(const AnalysisInput& in, const AnalyzeOptions& options) {
  AggregatorContext ctx;
  ctx.table = in.table;
  ctx.map = in.map;
  ctx.spec = in.spec;
  ctx.stages = static_cast<int>(in.spec->stages.size());
  ctx.window_us = in.spec->conversion_window_us;
  ctx.top_n = options.top_n;
  return ctx;
}

std::vector<std::string> stage_ids(const JourneySpec& spec) {
  std::vector<std::string> ids;
  ids.reserve(spec.stages.size());
  for (const auto& s : spec.stages) ids.push_back(s.id);
  return ids;
}

}  // namespace

// State of every segment over some customers, plus the input facts the
// finished result reports (unmapped names, first and last time).
struct AnalysisPartial {
  explicit AnalysisPartial(const AggregatorContext& ctx, size_t personas, size_t event_names)
      : all(ctx), persona(personas, SegmentAggregator(ctx)), unmapped_count(event_names, 0) {}

  SegmentAggregator all;
  std::vector<SegmentAggregator> persona;  // in spec order
  std::vector<uint64_t> unmapped_count;    // per event id; only unmapped ids are counted
  std::optional<int64_t> first_time_us, last_time_us;
};

void AnalysisPartialDeleter::operator()(AnalysisPartial* p) const {
  delete p;
}

PartialPtr analyze_partition(const AnalysisInput& in, std::span<const uint32_t> customers,
                             const AnalyzeOptions& options) {
  const AggregatorContext ctx = make_context(in, options);
  const EventTable& table = *in.table;
  const Journeys& journeys = *in.journeys;
  const PersonaFilter filter(table, in.spec->personas);
  PartialPtr partial(new AnalysisPartial(ctx, filter.size(), table.events.size()));

  for (uint32_t c : customers) {
    const JourneyRef journey{c, journeys.begin(c), journeys.end(c)};
    partial->all.consume(ctx, journey);
    for (size_t p = 0; p < filter.size(); ++p)
      if (filter.matches(p, c)) partial->persona[p].consume(ctx, journey);

    for (uint64_t i = journey.begin; i < journey.end; ++i) {
      uint32_t e = table.event[i];
      if (in.map->stage[e] == kNoStage) ++partial->unmapped_count[e];
    }
    if (journey.begin < journey.end) {
      // Journeys are time-ordered: the first and last events bound the customer.
      int64_t first = table.time_us[journey.begin], last = table.time_us[journey.end - 1];
      if (!partial->first_time_us || first < *partial->first_time_us)
        partial->first_time_us = first;
      if (!partial->last_time_us || last > *partial->last_time_us) partial->last_time_us = last;
    }
  }
  return partial;
}

void merge_partial(AnalysisPartial& into, const AnalysisPartial& other) {
  into.all.merge(other.all);
  for (size_t p = 0; p < into.persona.size(); ++p) into.persona[p].merge(other.persona[p]);
  for (size_t e = 0; e < into.unmapped_count.size(); ++e)
    into.unmapped_count[e] += other.unmapped_count[e];
  if (other.first_time_us && (!into.first_time_us || *other.first_time_us < *into.first_time_us))
    into.first_time_us = other.first_time_us;
  if (other.last_time_us && (!into.last_time_us || *other.last_time_us > *into.last_time_us))
    into.last_time_us = other.last_time_us;
}

AnalysisResult finish_partial(const AnalysisInput& in, const AnalysisPartial& partial,
                              const AnalyzeOptions& options) {
  const AggregatorContext ctx = make_context(in, options);
  const JourneySpec& spec = *in.spec;
  const EventTable& table = *in.table;
  const std::vector<std::string> ids = stage_ids(spec);

  AnalysisResult result;
  result.journey_name = spec.name;
  for (const auto& s : spec.stages) result.stages.push_back(StageInfo{s.id, s.name});
  result.all = partial.all.finish(ctx, ids);
  for (size_t p = 0; p < spec.personas.size(); ++p)
    result.personas.push_back(PersonaResult{spec.personas[p].id, spec.personas[p].name,
                                            partial.persona[p].finish(ctx, ids)});
  result.comparisons = persona_comparisons(result.all, result.personas);

  InputSummary& input = result.input;
  input.customers = result.all.customers;
  input.events = result.all.events;
  input.unmapped_events = result.all.unmapped_events;
  std::vector<uint32_t> unmapped;
  for (uint32_t e = 0; e < partial.unmapped_count.size(); ++e)
    if (partial.unmapped_count[e] > 0) unmapped.push_back(e);
  std::sort(unmapped.begin(), unmapped.end(), [&](uint32_t a, uint32_t b) {
    if (partial.unmapped_count[a] != partial.unmapped_count[b])
      return partial.unmapped_count[a] > partial.unmapped_count[b];
    return table.events.at(a) < table.events.at(b);
  });
  for (uint32_t e : unmapped) input.unmapped_names.push_back(table.events.at(e));
  input.first_time_us = partial.first_time_us;
  input.last_time_us = partial.last_time_us;
  return result;
}

AnalysisResult analyze(const AnalysisInput& in, const AnalyzeOptions& options) {
  const uint32_t customers = static_cast<uint32_t>(in.journeys->count());
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min<unsigned>(threads, std::max<uint32_t>(customers, 1)));

  std::vector<uint32_t> ids(customers);
  std::iota(ids.begin(), ids.end(), 0u);
  const std::span<const uint32_t> all(ids);

  std::vector<PartialPtr> partials(threads);
  if (threads == 1) {
    partials[0] = analyze_partition(in, all, options);
  } else {
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) {
      size_t lo = static_cast<size_t>(customers) * t / threads;
      size_t hi = static_cast<size_t>(customers) * (t + 1) / threads;
      workers.emplace_back([&, t, lo, hi] {
        try {
          partials[t] = analyze_partition(in, all.subspan(lo, hi - lo), options);
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    }
    for (auto& w : workers) w.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
  }
  for (unsigned t = 1; t < threads; ++t) merge_partial(*partials[0], *partials[t]);
  return finish_partial(in, *partials[0], options);
}

}  // namespace cjm
