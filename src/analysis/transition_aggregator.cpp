#include "analysis/transition_aggregator.h"

#include <algorithm>
#include <span>
#include <tuple>

#include "analysis/result.h"

namespace cjm {

namespace {

const std::string kStartName = "(start)";
const std::string kEndName = "(end)";

std::vector<Transition> resolve(const PairCounts& counts, const std::vector<std::string>& names) {
  auto name = [&](uint32_t id) -> const std::string& {
    if (id == TransitionAggregator::kStart) return kStartName;
    if (id == TransitionAggregator::kEnd) return kEndName;
    return names[id];
  };
  std::vector<Transition> out;
  out.reserve(counts.size());
  counts.for_each([&](uint32_t from, uint32_t to, uint64_t count) {
    out.push_back(Transition{name(from), name(to), count});
  });
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

TransitionAggregator::TransitionAggregator(const AggregatorContext& ctx)
    : stage_(static_cast<size_t>(std::max(ctx.stages, 0))),
      touchpoint_(ctx.table != nullptr ? ctx.table->events.size() : 0) {}

void TransitionAggregator::consume(const AggregatorContext& ctx, const JourneyRef& journey) {
  const auto& event = ctx.table->event;
  const auto& stage = ctx.map->stage;
  if (journey.begin == journey.end) return;
  const std::span<const uint32_t> events(event.data() + journey.begin, journey.end - journey.begin);

  // Touchpoints: every event, unmapped included, repeats kept.
  touchpoint_.add_framed(events);

  // Stages: unmapped dropped, consecutive repeats collapsed; a journey with no
  // mapped event counts nothing.
  scratch_.clear();
  for (uint32_t e : events) {
    const int16_t s = stage[e];
    if (s == kNoStage) continue;
    const uint32_t id = static_cast<uint32_t>(s);
    if (scratch_.empty() || scratch_.back() != id) scratch_.push_back(id);
  }
  stage_.add_framed(scratch_);
}

void TransitionAggregator::merge(const TransitionAggregator& other) {
  stage_.merge(other.stage_);
  touchpoint_.merge(other.touchpoint_);
}

TransitionResult TransitionAggregator::finish(const AggregatorContext& ctx) const {
  return TransitionResult{resolve(stage_, ctx.stage_ids),
                          resolve(touchpoint_, ctx.table->events.strings())};
}

void TransitionAggregator::place(Result&& figures, SegmentResult& out) {
  out.stage_transitions = std::move(figures.stage);
  out.touchpoint_transitions = std::move(figures.touchpoint);
}

}  // namespace cjm
