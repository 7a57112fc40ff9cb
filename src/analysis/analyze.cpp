#include "analysis/analyze.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <string>

#include "analysis/aggregator.h"
#include "analysis/persona_comparison.h"
#include "analysis/segment_aggregator.h"
#include "analysis/segment_filter.h"
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
  ctx.unit = in.spec->unit;
  ctx.visits = visit_rule(*in.table, *in.spec);
  return ctx;
}

// The rows a clipped segment takes from a customer, copied into a table of
// their own when they are not one run of the sorted table. The copy has
// every per-event column (no dictionaries: ids keep their meaning), so the
// aggregators consume it as they consume the sorted table.
struct Gathered {
  EventTable table;
  std::vector<JourneyRef> journeys;

  void reset(const EventTable& from) {
    table = EventTable();
    table.attributes.resize(from.attributes.size());
    journeys.clear();
  }
  void append(const EventTable& from, uint64_t row) {
    table.customer.push_back(from.customer[row]);
    table.time_us.push_back(from.time_us[row]);
    table.event.push_back(from.event[row]);
    if (from.has_channel()) table.channel.push_back(from.channel[row]);
    if (from.has_value()) table.value.push_back(from.value[row]);
    if (from.has_score()) table.score.push_back(from.score[row]);
    if (from.has_session()) table.session.push_back(from.session[row]);
    for (size_t a = 0; a < from.attributes.size(); ++a)
      table.attributes[a].of.push_back(from.attributes[a].of[row]);
  }
  size_t rows() const { return table.size(); }
};

// A clipped segment (or its rest) within one partial: its own aggregator,
// fed the clipped journeys, in blocks.
struct Clip {
  Clip(const AggregatorContext& ctx, size_t segment, bool rest)
      : segment(segment), rest(rest), figures(ctx) {}
  size_t segment;
  bool rest;  // the complement of the segment
  SegmentAggregator figures;
  std::vector<JourneyRef> direct;  // runs of the sorted table
  Gathered gathered;               // rows copied
};

}  // namespace

// Journeys are grouped by the set of whole segments they belong to (their
// membership); every journey is consumed once, into its group's aggregator.
// The segment of all journeys is the merge of every group, and a whole
// segment the merge of the groups that contain it: the same figures as
// consuming each journey once per segment, for about half the work when
// segments do not overlap. With unit: visit, a customer's whole journey is
// consumed (by the figures about customers) into the group of the union of
// its visits' memberships. Clipped segments have aggregators of their own.
struct MembershipGroup {
  Membership membership;
  SegmentAggregator segment;
};

// State of every segment over some customers, plus the input facts the
// finished result reports (unmapped names, first and last time, visits).
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
  std::vector<Clip> clips;               // per clipped segment: itself, then its rest
  std::vector<uint64_t> unmapped_count;  // per event id; only unmapped ids are counted
  std::optional<int64_t> first_time_us, last_time_us;
  uint64_t visits = 0;
};

void AnalysisPartialDeleter::operator()(AnalysisPartial* p) const {
  delete p;
}

namespace {

constexpr size_t kBlock = 1024;           // journeys consumed together
constexpr size_t kGatherRows = 1u << 16;  // rows copied before they are consumed

// Feeds the clipped journeys of one customer, events [begin, end), to `clip`.
void clip_customer(const AggregatorContext& ctx, const SegmentFilter& filter, Clip& clip,
                   uint64_t begin, uint64_t end) {
  const EventTable& table = *ctx.table;
  int64_t from = 0, to = 0;
  if (!clip.rest && filter.time_range(clip.segment, from, to)) {
    // A period: one run of the time-ordered journey.
    const int64_t* t = table.time_us.data();
    const uint64_t lo = static_cast<uint64_t>(std::lower_bound(t + begin, t + end, from) - t);
    const uint64_t hi = static_cast<uint64_t>(std::lower_bound(t + lo, t + end, to) - t);
    if (lo < hi) clip.direct.push_back(JourneyRef{table.customer[begin], lo, hi});
  } else {
    // Rows kept: one run is taken as it is, anything else is copied.
    uint64_t first = end, last = end, kept = 0;
    for (uint64_t i = begin; i < end; ++i)
      if (filter.keeps(clip.segment, table, i) != clip.rest) {
        if (kept++ == 0) first = i;
        last = i;
      }
    if (kept == 0) return;
    if (kept == last - first + 1) {
      clip.direct.push_back(JourneyRef{table.customer[begin], first, last + 1});
    } else {
      Gathered& g = clip.gathered;
      if (g.journeys.empty() && g.rows() == 0) g.reset(table);
      const uint64_t start = g.rows();
      for (uint64_t i = first; i <= last; ++i)
        if (filter.keeps(clip.segment, table, i) != clip.rest) g.append(table, i);
      g.journeys.push_back(JourneyRef{table.customer[begin], start, g.rows()});
    }
  }
  if (clip.direct.size() == kBlock) {
    clip.figures.consume_all(ctx, clip.direct);
    clip.direct.clear();
  }
  if (clip.gathered.journeys.size() == kBlock || clip.gathered.rows() >= kGatherRows) {
    AggregatorContext gathered_ctx = ctx;
    gathered_ctx.table = &clip.gathered.table;
    clip.figures.consume_all(gathered_ctx, clip.gathered.journeys);
    clip.gathered.reset(table);
  }
}

void flush_clip(const AggregatorContext& ctx, Clip& clip) {
  clip.figures.consume_all(ctx, clip.direct);
  clip.direct.clear();
  if (!clip.gathered.journeys.empty()) {
    AggregatorContext gathered_ctx = ctx;
    gathered_ctx.table = &clip.gathered.table;
    clip.figures.consume_all(gathered_ctx, clip.gathered.journeys);
  }
  clip.gathered = Gathered();
}

}  // namespace

VisitRule visit_rule(const EventTable& table, const JourneySpec& spec) {
  VisitRule rule;
  rule.by_session = table.has_session();
  rule.gap_us = spec.session_gap_us;
  return rule;
}

PartialPtr analyze_partition(const AnalysisInput& in, std::span<const uint32_t> customers,
                             const AnalyzeOptions& options) {
  const AggregatorContext ctx = make_context(in, options);
  const EventTable& table = *in.table;
  const Journeys& journeys = *in.journeys;
  const SegmentFilter filter(table, *in.spec);
  PartialPtr partial(new AnalysisPartial(table.events.size()));
  for (size_t s = 0; s < filter.size(); ++s)
    if (filter.clipped(s)) {
      partial->clips.emplace_back(ctx, s, false);
      partial->clips.emplace_back(ctx, s, true);
    }
  const bool by_visit = ctx.unit == Unit::kVisit;

  // Journeys are consumed in blocks per group (in customer order within
  // each group, so the state is that of consuming them one by one).
  std::vector<std::vector<JourneyRef>> units, whole;  // per group
  auto ensure = [&](size_t g) {
    if (g >= units.size()) {
      units.resize(g + 1);
      whole.resize(g + 1);
    }
  };
  auto push_unit = [&](size_t g, const JourneyRef& j) {
    units[g].push_back(j);
    if (units[g].size() == kBlock) {
      if (by_visit) {
        partial->groups[g].segment.consume(ctx, units[g]);
      } else {
        partial->groups[g].segment.consume_all(ctx, units[g]);
      }
      units[g].clear();
    }
  };
  auto push_customer = [&](size_t g, const JourneyRef& j) {
    whole[g].push_back(j);
    if (whole[g].size() == kBlock) {
      partial->groups[g].segment.consume_customers(ctx, whole[g]);
      whole[g].clear();
    }
  };
  // Events of unmapped names are counted per name (to report the most
  // frequent); when every name is mapped there is nothing to count.
  const bool any_unmapped = !in.map->unmapped.empty();
  Membership customer_bits = filter.empty(), bits = filter.empty(), any_bits = filter.empty();
  Membership last = filter.empty();
  size_t group = SIZE_MAX;
  auto group_of = [&](const Membership& m) {
    if (group == SIZE_MAX || m != last) {
      group = partial->group(ctx, m);
      last = m;
      ensure(group);
    }
    return group;
  };
  for (uint32_t c : customers) {
    const JourneyRef journey{c, journeys.begin(c), journeys.end(c)};
    std::fill(customer_bits.begin(), customer_bits.end(), 0);
    filter.customer_bits(table, journey.begin, journey.end, customer_bits);
    if (!by_visit) {
      push_unit(group_of(customer_bits), journey);
      if (ctx.visits.defined())
        for_each_visit(table, ctx.visits, journey.begin, journey.end,
                       [&](uint64_t, uint64_t) { ++partial->visits; });
    } else {
      any_bits = customer_bits;
      for_each_visit(table, ctx.visits, journey.begin, journey.end, [&](uint64_t b, uint64_t e) {
        ++partial->visits;
        bits = customer_bits;
        filter.journey_bits(table, b, e, bits);
        for (size_t w = 0; w < bits.size(); ++w) any_bits[w] |= bits[w];
        push_unit(group_of(bits), JourneyRef{c, b, e});
      });
      push_customer(group_of(any_bits), journey);
    }
    for (Clip& clip : partial->clips) clip_customer(ctx, filter, clip, journey.begin, journey.end);

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
  for (size_t g = 0; g < units.size(); ++g) {
    if (by_visit) {
      partial->groups[g].segment.consume(ctx, units[g]);
      partial->groups[g].segment.consume_customers(ctx, whole[g]);
    } else {
      partial->groups[g].segment.consume_all(ctx, units[g]);
    }
  }
  for (Clip& clip : partial->clips) flush_clip(ctx, clip);
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
  // Every figure of every shared group or clip is a task; the path tables
  // (each one's first task) go first, being the longest.
  std::vector<std::function<void()>> first, rest;
  auto add = [&](std::vector<std::function<void()>> tasks) {
    first.push_back(std::move(tasks.front()));
    rest.insert(rest.end(), std::make_move_iterator(tasks.begin() + 1),
                std::make_move_iterator(tasks.end()));
  };
  for (const auto& [i, g] : shared) add(into.groups[i].segment.merge_tasks(g->segment));
  for (size_t k = 0; k < into.clips.size(); ++k)
    add(into.clips[k].figures.merge_tasks(other.clips[k].figures));
  first.insert(first.end(), std::make_move_iterator(rest.begin()),
               std::make_move_iterator(rest.end()));
  run_tasks(first, worker_count());
  for (size_t e = 0; e < into.unmapped_count.size(); ++e)
    into.unmapped_count[e] += other.unmapped_count[e];
  if (other.first_time_us && (!into.first_time_us || *other.first_time_us < *into.first_time_us))
    into.first_time_us = other.first_time_us;
  if (other.last_time_us && (!into.last_time_us || *other.last_time_us > *into.last_time_us))
    into.last_time_us = other.last_time_us;
  into.visits += other.visits;
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

// The figures of whole segment `s`'s rest: all journeys minus the segment's
// (each journey is counted once in `all`), for the comparisons.
SegmentResult rest_of(const SegmentResult& all, const SegmentResult& seg) {
  auto minus = [](uint64_t a, uint64_t b) { return a >= b ? a - b : 0; };
  SegmentResult r;
  r.customers = minus(all.customers, seg.customers);
  r.converted = minus(all.converted, seg.converted);
  r.funnel.closed.resize(all.funnel.closed.size());
  for (size_t k = 0; k < all.funnel.closed.size() && k < seg.funnel.closed.size(); ++k)
    r.funnel.closed[k] = minus(all.funnel.closed[k], seg.funnel.closed[k]);
  return r;
}

}  // namespace

AnalysisResult finish_partial(const AnalysisInput& in, AnalysisPartial& partial,
                              const AnalyzeOptions& options) {
  const unsigned threads = worker_count(options.threads);
  // Segments finished side by side take one thread each; the last, all
  // journeys, takes them all.
  const AggregatorContext ctx = make_context(in, options);
  AggregatorContext ctx_all = ctx;
  ctx_all.threads = threads;
  const JourneySpec& spec = *in.spec;
  const EventTable& table = *in.table;
  const SegmentFilter filter(table, spec);

  AnalysisResult result;
  result.journey_name = spec.name;
  result.unit = spec.unit == Unit::kVisit ? "visit" : "customer";
  for (const auto& s : spec.stages) result.stages.push_back(StageInfo{s.id, s.name});

  // Personas and periods first, all at once, from the groups and clips,
  // which they only read; then the rests of the clipped ones.
  std::vector<SegmentResult> segments(filter.size()), rests(filter.size());
  std::vector<std::function<void()>> tasks;
  for (size_t s = 0; s < filter.size(); ++s)
    if (!filter.clipped(s))
      tasks.push_back([&, s] {
        segments[s] =
            finish_groups(ctx, partial, [s](const Membership& m) { return member(m, s); });
      });
  for (const Clip& clip : partial.clips)
    tasks.push_back(
        [&] { (clip.rest ? rests : segments)[clip.segment] = clip.figures.finish(ctx); });
  run_tasks(tasks, threads);
  // Then all journeys: every group folded into the first, in membership
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
  for (size_t s = 0; s < filter.size(); ++s)
    if (!filter.clipped(s)) rests[s] = rest_of(result.all, segments[s]);

  for (size_t p = 0; p < filter.personas(); ++p)
    result.personas.push_back(
        PersonaResult{spec.personas[p].id, spec.personas[p].name, std::move(segments[p])});
  for (size_t q = 0; q < spec.periods.size(); ++q) {
    const PeriodSpec& period = spec.periods[q];
    result.periods.push_back(PeriodResult{period.id, period.name, period.from, period.to,
                                          std::move(segments[filter.personas() + q])});
  }
  std::vector<const SegmentResult*> persona_rests, period_rests;
  for (size_t s = 0; s < filter.size(); ++s)
    (s < filter.personas() ? persona_rests : period_rests).push_back(&rests[s]);
  result.comparisons = persona_comparisons(result.personas, persona_rests);
  for (ConversionComparison& c : period_comparisons(result.periods, period_rests, result.stages))
    result.comparisons.push_back(std::move(c));

  InputSummary& input = result.input;
  input.customers = in.journeys->count();
  input.events = table.size();
  if (ctx.visits.defined()) input.visits = partial.visits;
  input.unmapped_events = 0;
  std::vector<uint32_t> unmapped;
  for (uint32_t e = 0; e < partial.unmapped_count.size(); ++e)
    if (partial.unmapped_count[e] > 0) {
      unmapped.push_back(e);
      input.unmapped_events += partial.unmapped_count[e];
    }
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
