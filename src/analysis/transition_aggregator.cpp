#include "analysis/transition_aggregator.h"

#include <algorithm>
#include <tuple>

namespace cjm {

namespace {

const std::string kStartName = "(start)";
const std::string kEndName = "(end)";

std::vector<Transition> resolve(const std::unordered_map<uint64_t, uint64_t, PairHash>& counts,
                                const std::vector<std::string>& names) {
  auto name = [&](uint32_t id) -> const std::string& {
    if (id == TransitionAggregator::kStart) return kStartName;
    if (id == TransitionAggregator::kEnd) return kEndName;
    return names[id];
  };
  std::vector<Transition> out;
  out.reserve(counts.size());
  for (const auto& [key, count] : counts)
    out.push_back(Transition{name(pair_from(key)), name(pair_to(key)), count});
  sort_transitions(out);
  return out;
}

}  // namespace

void sort_transitions(std::vector<Transition>& transitions) {
  std::sort(transitions.begin(), transitions.end(), [](const Transition& a, const Transition& b) {
    if (a.count != b.count) return a.count > b.count;
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
}

TransitionAggregator::TransitionAggregator(const AggregatorContext&) {}

void TransitionAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  if (journey.begin == journey.end) return;

  // Touchpoints: every event, unmapped included, repeats kept.
  uint32_t prev = kStart;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    ++touchpoint_[pack_pair(prev, event[i])];
    prev = event[i];
  }
  ++touchpoint_[pack_pair(prev, kEnd)];

  // Stages: unmapped dropped, consecutive repeats collapsed.
  prev = kStart;
  for (uint64_t i = journey.begin; i < journey.end; ++i) {
    int16_t s = stage[event[i]];
    if (s == kNoStage) continue;
    uint32_t id = static_cast<uint32_t>(s);
    if (id == prev) continue;
    ++stage_[pack_pair(prev, id)];
    prev = id;
  }
  if (prev != kStart) ++stage_[pack_pair(prev, kEnd)];  // no mapped event: nothing
}

void TransitionAggregator::merge(const TransitionAggregator& other) {
  for (const auto& [key, count] : other.stage_) stage_[key] += count;
  for (const auto& [key, count] : other.touchpoint_) touchpoint_[key] += count;
}

TransitionResult TransitionAggregator::finish(const AggregatorContext& ctx,
                                              const std::vector<std::string>& stage_ids) const {
  return TransitionResult{resolve(stage_, stage_ids),
                          resolve(touchpoint_, ctx.table->events.strings())};
}

}  // namespace cjm
