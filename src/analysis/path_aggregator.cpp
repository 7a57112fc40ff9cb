#include "analysis/path_aggregator.h"

#include <algorithm>
#include <functional>
#include <span>

#include "analysis/result.h"

namespace cjm {

namespace {

bool path_before(const PathStat& a, const PathStat& b) {
  if (a.customers != b.customers) return a.customers > b.customers;
  return a.steps < b.steps;
}

// Whether the named sequence of `a` sorts before that of `b` (as
// std::vector<std::string> compares).
bool names_before(std::span<const uint32_t> a, std::span<const uint32_t> b,
                  const std::vector<std::string>& names) {
  return std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(),
      [&](uint32_t x, uint32_t y) { return x != y && names[x] < names[y]; });
}

// Sorts `v` by `before` and keeps the first `top_n` (a partial sort when
// that is fewer than all).
template <typename T, typename Before>
void sort_top(std::vector<T>& v, size_t top_n, Before before) {
  if (v.size() > top_n) {
    std::partial_sort(v.begin(), v.begin() + static_cast<ptrdiff_t>(top_n), v.end(), before);
    v.resize(top_n);
  } else {
    std::sort(v.begin(), v.end(), before);
  }
}

// The top `top_n` sequences of the two tables (a key is in one or the
// other) by customers descending, then names. The order is decided on the
// ids (names looked up while comparing) so that only the reported sequences
// are turned into strings, and among the sequences that can make the top
// only: those with at least the top_n-th largest count.
template <typename Counts>
std::vector<PathStat> resolve(const PackedTable<Counts>& packed, unsigned bits,
                              const SequenceTable<Counts>& table,
                              const std::vector<std::string>& names, size_t top_n) {
  uint64_t threshold = 0;
  if (packed.size() + table.size() > top_n && top_n > 0) {
    std::vector<uint64_t> counts;
    counts.reserve(packed.size() + table.size());
    for (size_t i = 0; i < packed.capacity(); ++i)
      if (packed.occupied(i)) counts.push_back(packed.value(i).customers);
    for (size_t i = 0; i < table.size(); ++i) counts.push_back(table.value(i).customers);
    std::nth_element(counts.begin(), counts.begin() + static_cast<ptrdiff_t>(top_n - 1),
                     counts.end(), std::greater<>());
    threshold = counts[top_n - 1];
  }
  struct Ref {
    const Counts* counts;
    size_t index;  // slot of `packed`, or entry of `table`
    bool in_packed;
  };
  std::vector<Ref> refs;
  for (size_t i = 0; i < packed.capacity(); ++i)
    if (packed.occupied(i) && packed.value(i).customers >= threshold)
      refs.push_back(Ref{&packed.value(i), i, true});
  for (size_t i = 0; i < table.size(); ++i)
    if (table.value(i).customers >= threshold) refs.push_back(Ref{&table.value(i), i, false});

  std::vector<uint32_t> buf_a, buf_b;
  auto ids = [&](const Ref& r, std::vector<uint32_t>& buf) -> std::span<const uint32_t> {
    if (!r.in_packed) return table.sequence(r.index);
    buf.clear();
    unpack_ids(packed.key(r.index), bits, buf);
    return buf;
  };
  auto before = [&](const Ref& a, const Ref& b) {
    if (a.counts->customers != b.counts->customers)
      return a.counts->customers > b.counts->customers;
    return names_before(ids(a, buf_a), ids(b, buf_b), names);
  };
  sort_top(refs, top_n, before);
  std::vector<PathStat> out;
  out.reserve(refs.size());
  for (const Ref& r : refs) {
    PathStat p;
    const std::span<const uint32_t> key = ids(r, buf_a);
    p.steps.reserve(key.size());
    for (uint32_t id : key) p.steps.push_back(names[id]);
    p.customers = r.counts->customers;
    p.converted = r.counts->converted;
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

void PathAggregator::merge_into(Sequences& into, const Sequences& other) {
  auto add = [](Counts& c, const Counts& from) {
    c.customers += from.customers;
    c.converted += from.converted;
  };
  into.packed.merge(other.packed, add);
  into.table.merge(other.table, add);
}

void PathAggregator::merge(const PathAggregator& other) {
  merge_into(variants_, other.variants_);
  merge_into(paths_, other.paths_);
}

PathResult PathAggregator::finish(const AggregatorContext& ctx) const {
  return PathResult{
      resolve(variants_.packed, variants_.bits, variants_.table, ctx.stage_ids, ctx.top_n),
      resolve(paths_.packed, paths_.bits, paths_.table, ctx.table->events.strings(), ctx.top_n)};
}

void PathAggregator::place(Result&& figures, SegmentResult& out) {
  out.stage_variants = std::move(figures.stage_variants);
  out.touchpoint_paths = std::move(figures.touchpoint_paths);
}

}  // namespace cjm
