// Transitions: stage-to-stage (consecutive repeats collapsed) and
// touchpoint-to-touchpoint (not collapsed), each framed by (start) and (end)
// (docs/analyses.md, "Transitions").
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/id_hash.h"
#include "analysis/result.h"

namespace cjm {

struct TransitionResult {
  std::vector<Transition> stage;       // sorted by count desc, then from, then to
  std::vector<Transition> touchpoint;  // same order
};

class TransitionAggregator {
 public:
  // Ids standing for the frame of every journey; never real stage or event ids.
  static constexpr uint32_t kStart = UINT32_MAX - 1;
  static constexpr uint32_t kEnd = UINT32_MAX;

  explicit TransitionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const TransitionAggregator& other);
  // `stage_ids`: the spec's stage ids, the names stage transitions are reported by.
  TransitionResult finish(const AggregatorContext& ctx,
                          const std::vector<std::string>& stage_ids) const;

 private:
  using Counts = std::unordered_map<uint64_t, uint64_t, PairHash>;
  Counts stage_, touchpoint_;
};

// Sorts transitions by count descending, then from, then to.
void sort_transitions(std::vector<Transition>& transitions);

}  // namespace cjm
