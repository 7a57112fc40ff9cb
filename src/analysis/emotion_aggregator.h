// Emotion: per stage, the count, mean and distribution of scores
// (docs/analyses.md, "Emotion").
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/aggregator.h"
#include "analysis/flat_map.h"
#include "analysis/id_hash.h"
#include "analysis/result.h"

namespace cjm {

class EmotionAggregator {
 public:
  explicit EmotionAggregator(const AggregatorContext& ctx);
  void consume(const AggregatorContext& ctx, const JourneyRef& journey);
  void merge(const EmotionAggregator& other);
  // One Emotion per stage. The mean is computed from the distribution in value
  // order, so it does not depend on how customers were partitioned.
  std::vector<Emotion> finish(const AggregatorContext& ctx) const;

 private:
  // Per stage: score (its float bits, -0 folded into +0) -> events. Scores
  // repeat a lot (a small scale), so the tables stay tiny.
  std::vector<FlatMap<uint32_t, uint64_t, IdHash>> distribution_;
};

}  // namespace cjm
