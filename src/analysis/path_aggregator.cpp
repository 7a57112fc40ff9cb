#include "analysis/path_aggregator.h"

#include <algorithm>
#include <functional>
#include <span>

#include "analysis/path_label.h"
#include "analysis/result.h"

namespace cjm {

namespace {

bool path_before(const PathStat& a, const PathStat& b) {
  if (a.customers != b.customers) return a.customers > b.customers;
  return a.steps < b.steps;
}

// The top `top_n` sequences of `s` by customers descending, then names,
// named and labelled.
template <typename Counts>
std::vector<PathStat> resolve(const SequenceCounter<Counts>& s,
                              const std::vector<std::string>& names, size_t top_n) {
  std::vector<PathStat> out;
  for (const auto& r :
       top_sequences(s, names, top_n, [](const Counts& c) { return uint64_t{c.customers}; })) {
    PathStat p;
    p.steps.reserve(r.ids.size());
    for (uint32_t id : r.ids) p.steps.push_back(names[id]);
    p.label = path_label(p.steps);
    p.customers = r.value->customers;
    p.converted = r.value->converted;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

void sort_and_cut_paths(std::vector<PathStat>& paths, size_t top_n) {
  sort_top(paths, top_n, path_before);
}

PathAggregator::PathAggregator(const AggregatorContext& ctx) {
  paths_.bits = packed_bits(ctx.table != nullptr ? ctx.table->events.size() : 0);
  variants_.bits = packed_bits(static_cast<size_t>(std::max(ctx.stages, 0)));
}

void PathAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  consume(ctx, std::span<const JourneyRef>(&journey, 1));
}

void PathAggregator::consume(const AggregatorContext& ctx, std::span<const JourneyRef> journeys) {
  for (const JourneyRef& journey : journeys) {
    prepare(ctx, journey);
    if (pending_.size() == kBatch) flush();
  }
  flush();
}

void PathAggregator::prepare(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  const auto& is_conversion = ctx.map->is_conversion;

  // One pass builds both keys: the touchpoint path (every event name) and the
  // stage variant (mapped events only), consecutive repeats collapsed in each.
  bool converted = false;
  path_scratch_.clear();
  variant_scratch_.clear();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const uint32_t e = event[i];
    if (is_conversion[e]) converted = true;
    if (path_scratch_.empty() || path_scratch_.back() != e) path_scratch_.push_back(e);
    const int16_t s = stage[e];
    if (s == kNoStage) continue;
    const uint32_t id = static_cast<uint32_t>(s);
    if (variant_scratch_.empty() || variant_scratch_.back() != id) variant_scratch_.push_back(id);
  }

  if (path_scratch_.empty() && variant_scratch_.empty()) return;  // empty keys are not counted
  Pending p;
  p.converted = converted;
  p.path = prepare_key(paths_, path_scratch_);
  p.variant = prepare_key(variants_, variant_scratch_);
  pending_.push_back(p);
}

PathAggregator::PendingKey PathAggregator::prepare_key(const Sequences& s,
                                                       const std::vector<uint32_t>& ids) {
  PendingKey k;
  k.length = static_cast<uint32_t>(ids.size());
  if (k.length == 0) return k;
  k.is_packed = pack_ids(ids, s.bits, k.packed);
  if (k.is_packed) {
    k.hash = Packed::hash(k.packed);
    s.packed.prefetch(k.hash);
  } else {
    k.hash = Table::hash(ids);
    s.table.prefetch(k.hash);
    pending_ids_.insert(pending_ids_.end(), ids.begin(), ids.end());
  }
  return k;
}

void PathAggregator::count(Sequences& s, const PendingKey& k, const uint32_t*& ids,
                           bool converted) {
  if (k.length == 0) return;
  Counts* c;
  if (k.is_packed) {
    c = &s.packed.at_hash(k.packed, k.hash);
  } else {
    c = &s.table.at_hash(std::span<const uint32_t>(ids, k.length), k.hash);
    ids += k.length;
  }
  ++c->customers;
  if (converted) ++c->converted;
}

void PathAggregator::flush() {
  if (pending_.empty()) return;
  // The slots were prefetched at consume time. Packed keys are in their
  // slot; for the others, now the entries the keys will be compared with,
  // then their ids, each for the whole batch so that the loads overlap.
  for (int depth = 1; depth <= 2; ++depth)
    for (const Pending& p : pending_)
      for (const auto& [s, k] : {std::pair{&paths_, &p.path}, std::pair{&variants_, &p.variant}})
        if (k->length > 0 && !k->is_packed) s->table.prefetch_match(k->hash, depth);
  const uint32_t* ids = pending_ids_.data();
  for (const Pending& p : pending_) {
    count(paths_, p.path, ids, p.converted);
    count(variants_, p.variant, ids, p.converted);
  }
  pending_.clear();
  pending_ids_.clear();
}

void PathAggregator::merge(const PathAggregator& other) {
  auto add = [](Counts& c, const Counts& from) {
    c.customers += from.customers;
    c.converted += from.converted;
  };
  variants_.merge(other.variants_, add);
  paths_.merge(other.paths_, add);
}

PathResult PathAggregator::finish(const AggregatorContext& ctx) const {
  return PathResult{resolve(variants_, ctx.stage_ids, ctx.top_n),
                    resolve(paths_, ctx.table->events.strings(), ctx.top_n)};
}

void PathAggregator::place(Result&& figures, SegmentResult& out) {
  out.stage_variants = std::move(figures.stage_variants);
  out.touchpoint_paths = std::move(figures.touchpoint_paths);
}

}  // namespace cjm
