#include "analysis/path_counts.h"

#include "analysis/path_label.h"

namespace cjm {

PathCounts::PathCounts(size_t names) {
  counter_.bits = packed_bits(names);
}

void PathCounts::merge(const PathCounts& other) {
  if (&other == this) {
    const PathCounts copy = other;
    merge(copy);
    return;
  }
  counter_.merge(other.counter_, [](uint64_t& into, uint64_t from) { into += from; });
}

std::vector<PathCount> PathCounts::top(const std::vector<std::string>& names, size_t top_n) const {
  std::vector<PathCount> out;
  for (const auto& r : top_sequences(counter_, names, top_n, [](uint64_t n) { return n; })) {
    PathCount p;
    p.steps.reserve(r.ids.size());
    for (uint32_t id : r.ids) p.steps.push_back(names[id]);
    p.label = path_label(p.steps);
    p.journeys = *r.value;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace cjm
