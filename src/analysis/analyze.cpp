#include "analysis/analyze.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>

#include "analysis/aggregator.h"
#include "analysis/persona_comparison.h"
#include "analysis/persona_filter.h"
#include "analysis/segment_aggregator.h"
#include "core/error.h"
#include "core/parallel.h"

namespace cjm {

namespace {

AggregatorContext make_context(const AnalysisInput& in, const AnalyzeOptions& options) {
  AggregatorContext ctx;
  ctx.table = in.table;
  ctx.map = in.map;
  ctx.spec = in.spec;
  ctx.stages = static_cast<int>(in.spec->stages.size());
  for (const auto& s : in.spec->stages) ctx.stage_ids.push_back(s.id);
  ctx.window_us = in.spec->conversion_window_us;
  ctx.top_n = options.top_n;
  return ctx;
}

}  // namespace

// Customers are grouped by the set of personas they belong to (their
// membership); every customer's journey is consumed once, into its group's
// aggregator. The segment of all customers is the merge of every group, and a
// persona's segment the merge of the groups that contain it: the same figures
// as consuming each journey once per segment, for about half the work when
// personas do not overlap.
using Membership = std::vector<uint64_t>;  // bit p: member of persona p

struct MembershipGroup {
  Membership membership;
  SegmentAggregator segment;
};

// State of every segment over some customers, plus the input facts the
// finished result reports (unmapped names, first and last time).
struct AnalysisPartial {
  explicit AnalysisPartial(size_t event_names) : unmapped_count(event_names, 0) {}

  // The index of the group of `membership`, created empty (from `ctx`) if new.
  size_t group(const AggregatorContext& ctx, const Membership& membership) {
    auto it = index.find(membership);
    if (it == index.end()) {
      it = index.emplace(membership, groups.size()).first;
      groups.push_back(MembershipGroup{membership, SegmentAggregator(ctx)});
    }
    return it->second;
  }

  std::vector<MembershipGroup> groups;   // in order of first appearance
  std::map<Membership, size_t> index;    // membership -> index into groups
  std::vector<uint64_t> unmapped_count;  // per event id; only unmapped ids are counted
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
  PartialPtr partial(new AnalysisPartial(table.events.size()));

  // Journeys are consumed in blocks per group (in customer order within
  // each group, so the state is that of consuming them one by one).
  constexpr size_t kBlock = 1024;
  std::vector<std::vector<JourneyRef>> blocks;
  auto consume_block = [&](size_t g) {
    partial->groups[g].segment.consume(ctx, blocks[g]);
    blocks[g].clear();
  };
  // Events of unmapped names are counted per name (to report the most
  // frequent); when every name is mapped there is nothing to count.
  const bool any_unmapped = !in.map->unmapped.empty();
  Membership membership((filter.size() + 63) / 64, 0), last;
  size_t group = SIZE_MAX;
  for (uint32_t c : customers) {
    std::fill(membership.begin(), membership.end(), 0);
    for (size_t p = 0; p < filter.size(); ++p)
      if (filter.matches(p, journeys.begin(c), journeys.end(c)))
        membership[p / 64] |= uint64_t{1} << (p % 64);
    if (group == SIZE_MAX || membership != last) {
      group = partial->group(ctx, membership);
      last = membership;
      if (group >= blocks.size()) blocks.resize(group + 1);
    }
    const JourneyRef journey{c, journeys.begin(c), journeys.end(c)};
    blocks[group].push_back(journey);
    if (blocks[group].size() == kBlock) consume_block(group);

    if (any_unmapped)
      for (uint64_t i = journey.begin; i < journey.end; ++i) {
        uint32_t e = table.event[i];
        if (in.map->stage[e] == kNoStage) ++partial->unmapped_count[e];
      }
    if (journey.begin < journey.end) {
      // Journeys are time-ordered: the first and last events bound the customer.
      int64_t first = table.time_us[journey.begin], last_time = table.time_us[journey.end - 1];
      if (!partial->first_time_us || first < *partial->first_time_us)
        partial->first_time_us = first;
      if (!partial->last_time_us || last_time > *partial->last_time_us)
        partial->last_time_us = last_time;
    }
  }
  for (size_t g = 0; g < blocks.size(); ++g) consume_block(g);
  return partial;
}

void merge_partial(AnalysisPartial& into, const AnalysisPartial& other) {
  // Groups are independent: merge the shared ones on all cores. (Indices,
  // not pointers: adding the new groups may move the vector.)
  std::vector<std::pair<size_t, const MembershipGroup*>> shared;
  for (const MembershipGroup& g : other.groups) {
    auto it = into.index.find(g.membership);
    if (it == into.index.end()) {
      into.index.emplace(g.membership, into.groups.size());
      into.groups.push_back(g);
    } else {
      shared.emplace_back(it->second, &g);
    }
  }
  // Every figure of every shared group is a task; the path tables (each
  // group's first task) go first, being the longest.
  std::vector<std::function<void()>> first, rest;
  for (const auto& [i, g] : shared) {
    std::vector<std::function<void()>> tasks = into.groups[i].segment.merge_tasks(g->segment);
    first.push_back(std::move(tasks.front()));
    rest.insert(rest.end(), std::make_move_iterator(tasks.begin() + 1),
                std::make_move_iterator(tasks.end()));
  }
  first.insert(first.end(), std::make_move_iterator(rest.begin()),
               std::make_move_iterator(rest.end()));
  run_tasks(first, worker_count());
  for (size_t e = 0; e < into.unmapped_count.size(); ++e)
    into.unmapped_count[e] += other.unmapped_count[e];
  if (other.first_time_us && (!into.first_time_us || *other.first_time_us < *into.first_time_us))
    into.first_time_us = other.first_time_us;
  if (other.last_time_us && (!into.last_time_us || *other.last_time_us > *into.last_time_us))
    into.last_time_us = other.last_time_us;
}

namespace {

// Finishes the merge of the groups `select` accepts: a single group is
// finished in place, several are merged into a fresh aggregator first (in
// membership order, so the result does not depend on the order groups were
// met).
template <typename Select>
SegmentResult finish_groups(const AggregatorContext& ctx, const AnalysisPartial& partial,
                            Select select) {
  std::vector<const MembershipGroup*> chosen;
  for (const auto& [membership, g] : partial.index)
    if (select(membership)) chosen.push_back(&partial.groups[g]);
  if (chosen.size() == 1) return chosen.front()->segment.finish(ctx);
  SegmentAggregator merged(ctx);
  for (const MembershipGroup* g : chosen) merged.merge(g->segment);
  return merged.finish(ctx);
}

}  // namespace

AnalysisResult finish_partial(const AnalysisInput& in, AnalysisPartial& partial,
                              const AnalyzeOptions& options) {
  const unsigned threads = worker_count(options.threads);
  // Segments finished side by side take one thread each; the last, all
  // customers, takes them all.
  const AggregatorContext ctx = make_context(in, options);
  AggregatorContext ctx_all = ctx;
  ctx_all.threads = threads;
  const JourneySpec& spec = *in.spec;
  const EventTable& table = *in.table;

  AnalysisResult result;
  result.journey_name = spec.name;
  for (const auto& s : spec.stages) result.stages.push_back(StageInfo{s.id, s.name});
  // Persona segments first, all at once, from the groups, which they only
  // read.
  result.personas.resize(spec.personas.size());
  std::vector<std::function<void()>> tasks;
  for (size_t p = 0; p < spec.personas.size(); ++p)
    tasks.push_back([&, p] {
      result.personas[p] = PersonaResult{spec.personas[p].id, spec.personas[p].name,
                                         finish_groups(ctx, partial, [p](const Membership& m) {
                                           return (m[p / 64] >> (p % 64)) & 1;
                                         })};
    });
  run_tasks(tasks, threads);
  // Then all customers: every group folded into the first, in membership
  // order (so the result does not depend on the order groups were met), in
  // place rather than into a copy, each merge's figures on all cores. The
  // groups are spent afterwards.
  std::vector<SegmentAggregator*> groups;
  for (const auto& [membership, g] : partial.index) groups.push_back(&partial.groups[g].segment);
  if (groups.empty()) {
    result.all = SegmentAggregator(ctx).finish(ctx_all);
  } else {
    for (size_t g = 1; g < groups.size(); ++g) groups[0]->merge(*groups[g], threads);
    result.all = groups[0]->finish(ctx_all);
  }
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
  const unsigned threads =
      std::min<unsigned>(worker_count(options.threads), std::max<uint32_t>(customers, 1));

  std::vector<uint32_t> ids(customers);
  std::iota(ids.begin(), ids.end(), 0u);
  const std::span<const uint32_t> all(ids);

  std::vector<PartialPtr> partials(threads);
  parallel_parts(customers, threads, [&](unsigned t, size_t lo, size_t hi) {
    partials[t] = analyze_partition(in, all.subspan(lo, hi - lo), options);
  });
  for (unsigned t = 1; t < threads; ++t) merge_partial(*partials[0], *partials[t]);
  return finish_partial(in, *partials[0], options);
}

}  // namespace cjm
