#include "analysis/path_aggregator.h"

#include <algorithm>
#include <span>

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

// The top `top_n` sequences of `table` by path_before, named by `names`. The
// order is decided on the ids (names looked up while comparing) so that only
// the reported sequences are turned into strings.
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

template <typename Table>
std::vector<PathStat> resolve(const Table& table, const std::vector<std::string>& names,
                              size_t top_n) {
  std::vector<uint32_t> order(table.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  auto before = [&](uint32_t a, uint32_t b) {
    const auto& ca = table.value(a);
    const auto& cb = table.value(b);
    if (ca.customers != cb.customers) return ca.customers > cb.customers;
    return names_before(table.sequence(a), table.sequence(b), names);
  };
  sort_top(order, top_n, before);
  std::vector<PathStat> out;
  out.reserve(order.size());
  for (uint32_t i : order) {
    PathStat p;
    const std::span<const uint32_t> key = table.sequence(i);
    p.steps.reserve(key.size());
    for (uint32_t id : key) p.steps.push_back(names[id]);
    p.customers = table.value(i).customers;
    p.converted = table.value(i).converted;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

void sort_and_cut_paths(std::vector<PathStat>& paths, size_t top_n) {
  sort_top(paths, top_n, path_before);
}

PathAggregator::PathAggregator(const AggregatorContext&) {}

void PathAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
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

  Pending p;
  p.converted = converted;
  p.path_length = static_cast<uint32_t>(path_scratch_.size());
  p.variant_length = static_cast<uint32_t>(variant_scratch_.size());
  if (p.path_length == 0 && p.variant_length == 0) return;  // empty keys are not counted
  if (p.path_length > 0) {
    p.path_hash = Table::hash(path_scratch_);
    paths_.prefetch(p.path_hash);
  }
  if (p.variant_length > 0) {
    p.variant_hash = Table::hash(variant_scratch_);
    variants_.prefetch(p.variant_hash);
  }
  pending_ids_.insert(pending_ids_.end(), path_scratch_.begin(), path_scratch_.end());
  pending_ids_.insert(pending_ids_.end(), variant_scratch_.begin(), variant_scratch_.end());
  pending_.push_back(p);
  if (pending_.size() == kBatch) flush();
}

void PathAggregator::flush() const {
  if (pending_.empty()) return;
  auto add = [](Table& table, std::span<const uint32_t> key, uint64_t hash, bool converted) {
    if (key.empty()) return;  // empty sequences are not counted
    Counts& c = table.at_hash(key, hash);
    ++c.customers;
    if (converted) ++c.converted;
  };
  // The index slots were prefetched at consume time: now the entries the
  // keys will be compared with, then their ids, each for the whole batch so
  // that the loads overlap.
  for (int depth = 1; depth <= 2; ++depth)
    for (const Pending& p : pending_) {
      if (p.path_length > 0) paths_.prefetch_match(p.path_hash, depth);
      if (p.variant_length > 0) variants_.prefetch_match(p.variant_hash, depth);
    }
  const uint32_t* ids = pending_ids_.data();
  for (const Pending& p : pending_) {
    add(paths_, std::span<const uint32_t>(ids, p.path_length), p.path_hash, p.converted);
    ids += p.path_length;
    add(variants_, std::span<const uint32_t>(ids, p.variant_length), p.variant_hash, p.converted);
    ids += p.variant_length;
  }
  pending_.clear();
  pending_ids_.clear();
}

void PathAggregator::merge_into(Table& into, const Table& other) {
  into.merge(other, [](Counts& c, const Counts& from) {
    c.customers += from.customers;
    c.converted += from.converted;
  });
}

void PathAggregator::merge(const PathAggregator& other) {
  flush();
  other.flush();
  merge_into(variants_, other.variants_);
  merge_into(paths_, other.paths_);
}

PathResult PathAggregator::finish(const AggregatorContext& ctx,
                                  const std::vector<std::string>& stage_ids) const {
  flush();
  return PathResult{resolve(variants_, stage_ids, ctx.top_n),
                    resolve(paths_, ctx.table->events.strings(), ctx.top_n)};
}

}  // namespace cjm
