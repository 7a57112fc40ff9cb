#include "analysis/path_aggregator.h"

#include <algorithm>

namespace cjm {

namespace {

bool path_before(const PathStat& a, const PathStat& b) {
  if (a.customers != b.customers) return a.customers > b.customers;
  return a.steps < b.steps;
}

template <typename Table>
std::vector<PathStat> resolve(const Table& table, const std::vector<std::string>& names,
                              size_t top_n) {
  std::vector<PathStat> out;
  out.reserve(table.size());
  for (const auto& [key, counts] : table) {
    PathStat p;
    p.steps.reserve(key.size());
    for (uint32_t id : key) p.steps.push_back(names[id]);
    p.customers = counts.customers;
    p.converted = counts.converted;
    out.push_back(std::move(p));
  }
  sort_and_cut_paths(out, top_n);
  return out;
}

}  // namespace

void sort_and_cut_paths(std::vector<PathStat>& paths, size_t top_n) {
  if (paths.size() > top_n) {
    std::partial_sort(paths.begin(), paths.begin() + static_cast<ptrdiff_t>(top_n), paths.end(),
                      path_before);
    paths.resize(top_n);
  } else {
    std::sort(paths.begin(), paths.end(), path_before);
  }
}

PathAggregator::PathAggregator(const AggregatorContext&) {}

void PathAggregator::add(Table& table, const std::vector<uint32_t>& key, bool converted) {
  if (key.empty()) return;  // empty sequences are not counted
  auto it = table.find(key);
  if (it == table.end()) it = table.emplace(key, Counts{}).first;
  ++it->second.customers;
  if (converted) ++it->second.converted;
}

void PathAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  const auto& is_conversion = ctx.map->is_conversion;

  bool converted = false;
  scratch_.clear();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    uint32_t e = event[i];
    if (is_conversion[e]) converted = true;
    if (scratch_.empty() || scratch_.back() != e) scratch_.push_back(e);
  }
  add(paths_, scratch_, converted);

  scratch_.clear();
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    int16_t s = stage[event[i]];
    if (s == kNoStage) continue;
    uint32_t id = static_cast<uint32_t>(s);
    if (scratch_.empty() || scratch_.back() != id) scratch_.push_back(id);
  }
  add(variants_, scratch_, converted);
}

void PathAggregator::merge(const PathAggregator& other) {
  for (const auto& [key, counts] : other.variants_) {
    Counts& c = variants_[key];
    c.customers += counts.customers;
    c.converted += counts.converted;
  }
  for (const auto& [key, counts] : other.paths_) {
    Counts& c = paths_[key];
    c.customers += counts.customers;
    c.converted += counts.converted;
  }
}

PathResult PathAggregator::finish(const AggregatorContext& ctx,
                                  const std::vector<std::string>& stage_ids) const {
  return PathResult{resolve(variants_, stage_ids, ctx.top_n),
                    resolve(paths_, ctx.table->events.strings(), ctx.top_n)};
}

}  // namespace cjm
