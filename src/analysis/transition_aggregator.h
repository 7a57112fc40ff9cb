// Transitions: stage-to-stage (consecutive repeats collapsed) and
// touchpoint-to-touchpoint (not collapsed), each framed by (start) and (end)
// (docs/analyses.md, "Transitions").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/pair_counts.h"
#include "analysis/result.h"

namespace cjm {

struct TransitionResult {
  std::vector<Transition> stage;       // sorted by count desc, then from, then to
  std::vector<Transition> touchpoint;  // same order
};

class TransitionAggregator {
 public:
  using Result = TransitionResult;

  // Ids standing for the frame of every journey; never real stage or event ids.
  static constexpr uint32_t kStart = PairCounts::kStart;
  static constexpr uint32_t kEnd = PairCounts::kEnd;

  explicit TransitionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const TransitionAggregator& other);
  // Stage transitions are named by ctx.stage_ids.
  Result finish(const AggregatorContext& ctx) const;
  // Writes the finished figures into their place in a segment's result.
  static void place(Result&& figures, SegmentResult& out);

 private:
  PairCounts stage_, touchpoint_;
  std::vector<uint32_t> scratch_;  // collapsed stage ids of one journey
};

static_assert(Aggregator<TransitionAggregator>);

// Sorts transitions by count descending, then from, then to.
void sort_transitions(std::vector<Transition>& transitions);

}  // namespace cjm
