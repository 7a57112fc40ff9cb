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
std::vector<PathStat> resolve(const SequenceCounter<Counts>& s, const RepeatRanges& repeats,
                              const std::vector<std::string>& names, size_t top_n) {
  std::vector<PathStat> out;
  for (const auto& r :
       top_sequences(s, names, top_n, [](const Counts& c) { return uint64_t{c.customers}; })) {
    PathStat p;
    p.steps.reserve(r.ids.size());
    for (uint32_t id : r.ids) p.steps.push_back(names[id]);
    p.repeats = repeats.get(r.value->repeats);
    p.label = path_label(p.steps, p.repeats);
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
  paths_.seqs.bits = packed_bits(ctx.table != nullptr ? ctx.table->events.size() : 0);
  variants_.seqs.bits = packed_bits(static_cast<size_t>(std::max(ctx.stages, 0)));
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
  // stage variant (mapped events only), consecutive repeats collapsed and
  // counted in each.
  bool converted = false;
  path_scratch_.clear();
  variant_scratch_.clear();
  path_repeats_.clear();
  variant_repeats_.clear();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    const uint32_t e = event[i];
    if (is_conversion[e]) converted = true;
    append_counted(path_scratch_, path_repeats_, e);
    const int16_t s = stage[e];
    if (s == kNoStage) continue;
    append_counted(variant_scratch_, variant_repeats_, static_cast<uint32_t>(s));
  }

  if (path_scratch_.empty() && variant_scratch_.empty()) return;  // empty keys are not counted
  Pending p;
  p.converted = converted;
  p.path = prepare_key(paths_, path_scratch_, path_repeats_);
  p.variant = prepare_key(variants_, variant_scratch_, variant_repeats_);
  pending_.push_back(p);
}

PathAggregator::PendingKey PathAggregator::prepare_key(const Kind& kind,
                                                       const std::vector<uint32_t>& ids,
                                                       const std::vector<uint16_t>& repeats) {
  const Sequences& s = kind.seqs;
  PendingKey k;
  k.length = static_cast<uint32_t>(ids.size());
  if (k.length == 0) return k;
  pending_repeats_.insert(pending_repeats_.end(), repeats.begin(), repeats.end());
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

void PathAggregator::count(Kind& kind, const PendingKey& k, const uint32_t*& ids,
                           const uint16_t*& repeats, bool converted) {
  if (k.length == 0) return;
  Sequences& s = kind.seqs;
  Counts* c;
  if (k.is_packed) {
    c = &s.packed.at_hash(k.packed, k.hash);
  } else {
    c = &s.table.at_hash(std::span<const uint32_t>(ids, k.length), k.hash);
    ids += k.length;
  }
  const std::span<const uint16_t> counts(repeats, k.length);
  repeats += k.length;
  if (c->customers == 0)
    c->repeats = kind.repeats.add(counts);
  else
    kind.repeats.widen(c->repeats, counts);
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
        if (k->length > 0 && !k->is_packed) s->seqs.table.prefetch_match(k->hash, depth);
  const uint32_t* ids = pending_ids_.data();
  const uint16_t* repeats = pending_repeats_.data();
  for (const Pending& p : pending_) {
    count(paths_, p.path, ids, repeats, p.converted);
    count(variants_, p.variant, ids, repeats, p.converted);
  }
  pending_.clear();
  pending_ids_.clear();
  pending_repeats_.clear();
}

void PathAggregator::Kind::merge(const Kind& other) {
  // A table that is empty here takes the other's wholesale (values and all,
  // without calling the combine), so its offsets point into other.repeats.
  const bool packed_copied = seqs.packed.empty(), table_copied = seqs.table.empty();
  if (packed_copied && table_copied) {
    seqs.merge(other.seqs, [](Counts&, const Counts&) {});
    repeats = other.repeats;
    return;
  }
  seqs.merge(other.seqs, [&](Counts& c, const Counts& from) {
    if (c.customers == 0)
      c.repeats = repeats.copy(other.repeats, from.repeats);
    else
      c.repeats = repeats.widen(c.repeats, other.repeats, from.repeats);
    c.customers += from.customers;
    c.converted += from.converted;
  });
  if (packed_copied)
    for (size_t i = 0; i < seqs.packed.capacity(); ++i)
      if (seqs.packed.occupied(i))
        seqs.packed.value(i).repeats = repeats.copy(other.repeats, seqs.packed.value(i).repeats);
  if (table_copied)
    for (size_t i = 0; i < seqs.table.size(); ++i)
      seqs.table.value(i).repeats = repeats.copy(other.repeats, seqs.table.value(i).repeats);
}

void PathAggregator::merge(const PathAggregator& other) {
  variants_.merge(other.variants_);
  paths_.merge(other.paths_);
}

PathResult PathAggregator::finish(const AggregatorContext& ctx) const {
  return PathResult{resolve(variants_.seqs, variants_.repeats, ctx.stage_ids, ctx.top_n),
                    resolve(paths_.seqs, paths_.repeats, ctx.table->events.strings(), ctx.top_n)};
}

void PathAggregator::place(Result&& figures, SegmentResult& out) {
  out.stage_variants = std::move(figures.stage_variants);
  out.touchpoint_paths = std::move(figures.touchpoint_paths);
}

}  // namespace cjm
