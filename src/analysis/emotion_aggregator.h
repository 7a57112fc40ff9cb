// Emotion: per stage, the count, mean and distribution of scores
// (docs/analyses.md, "Emotion").
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "analysis/aggregator.h"
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
  // Per stage: score -> events. Scores repeat a lot (a small scale), so the
  // maps stay tiny; a node is allocated only for a score not seen before.
  std::vector<std::map<float, uint64_t>> distribution_;
};

}  // namespace cjm
